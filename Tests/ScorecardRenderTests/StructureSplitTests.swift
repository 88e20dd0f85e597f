import Testing
import ScorecardLayout
import TestSupport
@testable import ScorecardRender

@Suite("StructureSplit")
struct StructureSplitTests {
    static func page(_ items: [PageItem]) -> Page { Page(size: .a4Portrait, items: items) }
    static let row: [PageItem] = [.beginTag(.tableRow), .beginTag(.tableData), .endTag(.tableData), .endTag(.tableRow)]

    @Test func aTableRunningOverPagesMayBeCutBetweenRows() {
        // Page 1: Document, Table, TBody open, two rows; pages 2 and 3: rows; the tags close on page 3.
        let pages = [
            Self.page([.beginTag(.document), .beginTag(.table), .beginTag(.tableBody)] + Self.row + Self.row),
            Self.page(Self.row),
            Self.page(Self.row + [.endTag(.tableBody), .endTag(.table), .endTag(.document)]),
        ]
        #expect(StructureSplit.safeCuts(pages) == [1, 2])
        #expect(StructureSplit.balancedCut(pages) == 1)
    }

    @Test func theInnermostOpenTagNeedsAChildOnTheFirstPageOfThePart() {
        // Page 2 holds only a figure drawn inside the table body, no row: cairo would take TBody as
        // a leaf at the top of a file starting there.
        let pages = [
            Self.page([.beginTag(.document), .beginTag(.table), .beginTag(.tableBody)] + Self.row),
            Self.page([.fill(Rect(x: .pt(10), y: .pt(10), width: .pt(10), height: .pt(10)), .black)]),
            Self.page(Self.row + [.endTag(.tableBody), .endTag(.table), .endTag(.document)]),
        ]
        #expect(StructureSplit.safeCuts(pages) == [2])
    }

    @Test func aTagWithoutChildrenOnOneSideOfTheCutForbidsIt() {
        // The paragraph open across page 1 and 2 has no child tags at all: cutting would make cairo
        // mark it in both files. The list item only has a child on page 2.
        let pages = [
            Self.page([.beginTag(.document), .beginTag(.paragraph)]),
            Self.page([.endTag(.paragraph), .beginTag(.listItem)]),
            Self.page([.beginTag(.label), .endTag(.label), .endTag(.listItem), .endTag(.document)]),
        ]
        #expect(StructureSplit.safeCuts(pages) == [])
        #expect(StructureSplit.balancedCut(pages) == nil)
        #expect(StructureSplit.balancedCut([Self.page([.beginTag(.document), .endTag(.document)])]) == nil)
        #expect(StructureSplit.safeCuts([]) == [])
        #expect(StructureSplit.safeCuts([Self.page([.beginTag(.document), .endTag(.document)])]) == [])
    }

    /// The definition, written plainly: the innermost tag open at the top of page k has a child
    /// begun on an earlier page and one begun on page k.
    static func safeCutsByDefinition(_ pages: [Page]) -> [Int] {
        var childPages: [Set<Int>] = []
        var stack: [Int] = []
        var openAtTop: [[Int]] = []
        for (index, page) in pages.enumerated() {
            openAtTop.append(stack)
            for item in page.items {
                switch item {
                case .beginTag:
                    if let parent = stack.last { childPages[parent].insert(index) }
                    stack.append(childPages.count)
                    childPages.append([])
                case .endTag:
                    _ = stack.popLast()
                case .link:
                    if let parent = stack.last { childPages[parent].insert(index) }
                default:
                    break
                }
            }
        }
        return (1..<max(1, pages.count)).filter { k in
            guard let innermost = openAtTop[k].last else { return true }
            return childPages[innermost].contains { $0 < k } && childPages[innermost].contains(k)
        }
    }

    @Test func safeCutsFollowTheDefinitionOnRandomDocuments() {
        var random = SplitMix64(state: 20_261_201)
        let link = PageItem.link(Rect(x: .pt(1), y: .pt(1), width: .pt(5), height: .pt(5)), uri: "https://example.org")
        var cuts = 0
        for _ in 0..<500 {
            var pages: [Page] = []
            var depth = 0
            for _ in 0..<(2 + Int(random.next() % 7)) {
                var items: [PageItem] = []
                for _ in 0..<Int(random.next() % 6) {
                    switch random.next() % 4 {
                    case 0, 1: items.append(.beginTag(.paragraph)); depth += 1
                    case 2: if depth > 0 { items.append(.endTag(.paragraph)); depth -= 1 }
                    default: items.append(link)
                    }
                }
                pages.append(Self.page(items))
            }
            let expected = Self.safeCutsByDefinition(pages)
            #expect(StructureSplit.safeCuts(pages) == expected)
            cuts += expected.count
        }
        #expect(cuts > 100)  // the documents do have cuts to find
    }
}
