import ScorecardLayout

/// Where a document may be cut into parts that are drawn into separate cairo files at the same time
/// and joined by the post-pass.
///
/// cairo 1.16 gives marked content only to the leaves of the tree it sees in its own file. A part
/// begins again the tags open at its top and ends those open at its bottom (`PDFRenderer.render(_:pages:to:)`),
/// so a cut before page k is safe when every tag open at the top of page k has a child (a tag or a
/// link) begun before page k and one begun on or after it: then it is no leaf in either file, and
/// each file's marked content is exactly that of the whole document's pages in it.
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
        var firstChildPage: [Int] = []
        var lastChildPage: [Int] = []
        var stack: [Int] = []
        var openAtTop: [[Int]] = []
        for (index, page) in pages.enumerated() {
            openAtTop.append(stack)
            for item in page.items {
                switch item {
                case .beginTag:
                    if let parent = stack.last { noteChild(of: parent, on: index) }
                    stack.append(firstChildPage.count)
                    firstChildPage.append(Int.max)
                    lastChildPage.append(Int.min)
                case .endTag:
                    _ = stack.popLast()
                case .link:
                    if let parent = stack.last { noteChild(of: parent, on: index) }
                default:
                    break
                }
            }
        }
        func noteChild(of tag: Int, on page: Int) {
            firstChildPage[tag] = min(firstChildPage[tag], page)
            lastChildPage[tag] = max(lastChildPage[tag], page)
        }
        return (1..<pages.count).filter { k in
            openAtTop[k].allSatisfy { firstChildPage[$0] < k && lastChildPage[$0] >= k }
        }
    }
}
