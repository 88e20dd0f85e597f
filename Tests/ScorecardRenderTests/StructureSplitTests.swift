import Testing
import ScorecardLayout
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
    }
}
