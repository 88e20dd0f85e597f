import ScorecardLayout

/// Where a document may be cut into parts that are drawn into separate cairo files at the same time
/// and joined by the post-pass.
///
/// cairo 1.16 gives marked content only to the leaves of the tree it sees in its own file. A part
/// begins again the tags open at its top and ends those open at its bottom (`PDFRenderer.render(_:pages:to:)`),
/// so a cut before page k is safe when every tag open at the top of page k has a child in both files:
/// then it is no leaf in either, and each file's marked content is exactly that of the whole
/// document's pages in it. cairo decides page by page (a tag without a child on this page or an
/// earlier one is a leaf there), so: a tag holding another open tag has that child in both files from
/// the start; the innermost open tag needs a child (a tag or a link) begun before page k, and one
/// begun on page k itself.
public enum StructureSplit {
    /// The page (index of the first page of the second part) nearest to the one that halves the
    /// drawing work (counted in page items) where the document may be cut; nil when there is none.
    public static func balancedCut(_ pages: [Page]) -> Int? {
        guard pages.count >= 2 else { return nil }
        let safe = safeCuts(pages)
        guard !safe.isEmpty else { return nil }
        let total = pages.reduce(0) { $0 + $1.items.count }
        var before = 0
        var target = pages.count - 1
        for (index, page) in pages.enumerated() {
            if before * 2 >= total { target = max(1, index); break }
            before += page.items.count
        }
        return safe.min { (abs($0 - target), $0) < (abs($1 - target), $1) }
    }

    /// Every page index k (1 ..< pages.count) before which the document may be cut.
    public static func safeCuts(_ pages: [Page]) -> [Int] {
        guard pages.count >= 2 else { return [] }
        // Per tag (in order of beginning): the first page a child of it begins on.
        var firstChildPage: [Int] = []
        var stack: [Int] = []
        // Per page: the innermost tag open at its top (nil: none), whether that tag had a child
        // begun on an earlier page, and whether it has one begun on this page.
        var innermostAtTop: [Int?] = []
        var childBefore: [Bool] = []
        var childHere: [Bool] = []
        innermostAtTop.reserveCapacity(pages.count)
        childBefore.reserveCapacity(pages.count)
        childHere.reserveCapacity(pages.count)
        for (index, page) in pages.enumerated() {
            let top = stack.last
            innermostAtTop.append(top)
            childBefore.append(top.map { firstChildPage[$0] < index } ?? false)
            childHere.append(false)
            func noteChild() {
                guard let parent = stack.last else { return }
                if firstChildPage[parent] == Int.max { firstChildPage[parent] = index }
                if parent == top { childHere[index] = true }
            }
            for item in page.items {
                switch item {
                case .beginTag:
                    noteChild()
                    stack.append(firstChildPage.count)
                    firstChildPage.append(Int.max)
                case .endTag:
                    _ = stack.popLast()
                case .link:
                    noteChild()
                default:
                    break
                }
            }
        }
        // An open tag that holds another open tag has that one as a child in both files (it is
        // begun again inside it): only the innermost needs children of its own on both sides.
        return (1..<pages.count).filter { k in
            innermostAtTop[k] == nil || (childBefore[k] && childHere[k])
        }
    }
}
