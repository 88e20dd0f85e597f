import Testing
import ScorecardLayout
import TestSupport
@testable import ScorecardRender

@Suite("StructureSplit")
struct StructureSplitTests {
    static func page(_ items: [PageItem]) -> Page { Page(size: .a4Portrait, items: items) }
    static let row: [PageItem] = [.beginTag(.tableRow), .beginTag(.tableData), .endTag(.tableData), .endTag(.tableRow)]

    @Test func theCutHalvesThePageItems() {
        // 7, 4, 4 and 7 items: the halves meet after page 2.
        let pages = [
            Self.page([.beginTag(.document), .beginTag(.table), .beginTag(.tableBody)] + Self.row),
            Self.page(Self.row),
            Self.page(Self.row),
            Self.page(Self.row + [.endTag(.tableBody), .endTag(.table), .endTag(.document)]),
        ]
        #expect(StructureSplit.balancedCut(pages) == 2)
        // A heavy first page: the cut comes right after it.
        let heavy = [Self.page(Array(repeating: Self.row, count: 10).flatMap { $0 }), Self.page(Self.row), Self.page(Self.row)]
        #expect(StructureSplit.balancedCut(heavy) == 1)
    }

    @Test func aTagOpenAcrossTheCutDoesNotForbidIt() {
        // A paragraph open from page 1 to page 2 with no child tag: cairo sees no structure tags,
        // so the cut needs nothing from it.
        let pages = [
            Self.page([.beginTag(.document), .beginTag(.paragraph)]),
            Self.page([.endTag(.paragraph), .endTag(.document)]),
        ]
        #expect(StructureSplit.balancedCut(pages) == 1)
    }

    @Test func oneOrNoPageHasNoCut() {
        #expect(StructureSplit.balancedCut([]) == nil)
        #expect(StructureSplit.balancedCut([Self.page([.beginTag(.document), .endTag(.document)])]) == nil)
    }
}
