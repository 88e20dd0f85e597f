import CPangoCairo
import Foundation
import ScorecardLayout
import Testing
@testable import ScorecardRender

@Suite("LineLayoutCache")
struct LineLayoutCacheTests {
    let style = TextStyle(size: .pt(9))

    func line(_ runs: [TextRun], style: TextStyle? = nil, y: Double = 100) -> PlacedLine {
        PlacedLine(origin: Point(x: .pt(50), y: .pt(y)), runs: runs, style: style ?? self.style, width: .pt(30))
    }

    /// The text Pango holds in `layout`.
    func text(_ layout: PangoTextLayout) -> String { String(cString: pango_layout_get_text(layout.layout)) }

    @Test func aRepeatedLineIsSetOnceAndMatchesAFreshLayout() throws {
        let fonts = try Support.fonts()
        let cache = LineLayoutCache(fonts: fonts, family: Support.family)
        let green = line([TextRun("GREEN")], style: style.with(bold: true))
        let first = cache.layout(for: green)
        let again = cache.layout(for: line([TextRun("GREEN")], style: style.with(bold: true), y: 300))
        #expect(first.layout === again.layout)
        #expect(cache.count == 1)
        #expect(text(first.layout) == "GREEN")
        let fresh = PangoTextLayout(fonts: fonts)
        fresh.set(LayoutText(green.runs), style: green.style, family: Support.family, width: nil)
        #expect(first.baseline == fresh.baseline)
        var cachedWidth: Int32 = 0, freshWidth: Int32 = 0
        pango_layout_get_size(first.layout.layout, &cachedWidth, nil)
        pango_layout_get_size(fresh.layout, &freshWidth, nil)
        #expect(cachedWidth == freshWidth)
    }

    @Test func colourAndLinksShareALayoutButFontChangesDoNot() throws {
        let cache = LineLayoutCache(fonts: try Support.fonts(), family: Support.family)
        let plain = cache.layout(for: line([TextRun("Amber")])).layout
        let red = TextStyle(size: .pt(9), color: Color(hex: "#C00000")!)
        #expect(cache.layout(for: line([TextRun("Amber")], style: red)).layout === plain)
        #expect(cache.layout(for: line([TextRun("Amber", link: "https://example.org")])).layout === plain)
        #expect(cache.layout(for: line([TextRun("Amber", bold: true)])).layout !== plain)
        #expect(cache.layout(for: line([TextRun("Amber")], style: style.with(italic: true))).layout !== plain)
        #expect(cache.layout(for: line([TextRun("Amber")], style: style.with(size: .pt(10)))).layout !== plain)
        #expect(cache.count == 4)
    }

    @Test func memoryIsBoundedAndFrequentLinesStay() throws {
        let cache = LineLayoutCache(fonts: try Support.fonts(), family: Support.family)
        let frequent = cache.layout(for: line([TextRun("Improved")])).layout
        for n in 0..<(3 * LineLayoutCache.limit) {
            _ = cache.layout(for: line([TextRun("value \(n)")]))
            if n % 100 == 0 { #expect(cache.layout(for: line([TextRun("Improved")])).layout === frequent) }
            #expect(cache.count <= LineLayoutCache.limit)
        }
        #expect(cache.layout(for: line([TextRun("Improved")])).layout === frequent)
        // A line that passed through is set again correctly.
        let again = cache.layout(for: line([TextRun("value 0")])).layout
        #expect(text(again) == "value 0")
    }

    @Test func drawingFromTheCacheGivesTheSameBytesAcrossDocuments() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        let document = PDFRendererTests.sampleDocument(measurer: measurer)
        // One renderer drawing the document twice (the second time every line comes from the
        // cache) and a fresh renderer must write the same bytes.
        let renderer = PDFRenderer(fonts: fonts)
        let a = folder.appendingPathComponent("a.pdf"), b = folder.appendingPathComponent("b.pdf")
        let c = folder.appendingPathComponent("c.pdf")
        try renderer.render(document, to: a)
        try renderer.render(document, to: b)
        try PDFRenderer(fonts: try Support.fonts()).render(document, to: c)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: a) == Data(contentsOf: c))
    }
}
