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

    /// The text Pango holds for a set line.
    func text(_ set: LineLayoutCache.SetLine) -> String {
        switch set {
        case .layout(let layout, _): return String(cString: pango_layout_get_text(layout.layout))
        case .shaped(let shaped): return shaped.text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
    }

    /// Which object holds a set line (the same line from the cache is the same object).
    func identity(_ set: LineLayoutCache.SetLine) -> ObjectIdentifier {
        switch set {
        case .layout(let layout, _): return ObjectIdentifier(layout)
        case .shaped(let shaped): return ObjectIdentifier(shaped)
        }
    }

    /// Glyph ids and advances of a glyph string.
    func glyphs(_ string: UnsafeMutablePointer<PangoGlyphString>) -> [[Int32]] {
        (0..<Int(string.pointee.num_glyphs)).map {
            let g = string.pointee.glyphs[$0]
            return [Int32(bitPattern: g.glyph), g.geometry.width, g.geometry.x_offset, g.geometry.y_offset]
        }
    }

    /// The glyphs of a one-run layout's first line.
    func glyphs(_ layout: PangoTextLayout) -> [[Int32]] {
        let line = pango_layout_get_line_readonly(layout.layout, 0)!
        let run = line.pointee.runs.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
        return glyphs(run.pointee.glyphs)
    }

    @Test func aRepeatedLineIsSetOnceAndMatchesAFreshLayout() throws {
        let fonts = try Support.fonts()
        let cache = LineLayoutCache(fonts: fonts, family: Support.family)
        let runs = [TextRun("Target: "), TextRun("GREEN", bold: true)]
        let first = cache.line(for: line(runs))
        let again = cache.line(for: line(runs, y: 300))
        #expect(identity(first) == identity(again))
        #expect(cache.count == 1)
        #expect(text(first) == "Target: GREEN")
        guard case .layout(let cached, let baseline) = first else { Issue.record("two runs need a layout"); return }
        let fresh = PangoTextLayout(fonts: fonts)
        fresh.set(LayoutText(runs), style: style, family: Support.family, width: nil)
        #expect(baseline == fresh.baseline)
        var cachedWidth: Int32 = 0, freshWidth: Int32 = 0
        pango_layout_get_size(cached.layout, &cachedWidth, nil)
        pango_layout_get_size(fresh.layout, &freshWidth, nil)
        #expect(cachedWidth == freshWidth)
    }

    /// One run of plain ASCII is shaped without a layout: the same glyphs at the same advances as the
    /// layout sets, and the text kept for the PDF.
    @Test func aPlainLineIsShapedWithTheLayoutsGlyphs() throws {
        let fonts = try Support.fonts()
        let cache = LineLayoutCache(fonts: fonts, family: Support.family)
        for (runs, lineStyle) in [([TextRun("GREEN")], style.with(bold: true)), ([TextRun("42.64")], style),
                                  ([TextRun("AV To Wa 11", italic: true)], style.with(size: .pt(14))),
                                  ([TextRun("Number of children (%)", bold: true)], style)] {
            let set = cache.line(for: line(runs, style: lineStyle))
            guard case .shaped(let shaped) = set else { Issue.record("\(runs) was not shaped"); continue }
            #expect(text(set) == runs[0].text)
            let fresh = PangoTextLayout(fonts: fonts)
            fresh.set(LayoutText(runs), style: lineStyle, family: Support.family, width: nil)
            #expect(glyphs(shaped.glyphItem.pointee.glyphs) == glyphs(fresh), "\(runs)")
        }
        // Anything else keeps the layout.
        for runs in [[TextRun("café")], [TextRun("a"), TextRun("b", bold: true)], [TextRun("x\ty")]] {
            guard case .layout = cache.line(for: line(runs)) else { Issue.record("\(runs) should be laid out"); continue }
        }
    }

    @Test func colourAndLinksShareALayoutButFontChangesDoNot() throws {
        let cache = LineLayoutCache(fonts: try Support.fonts(), family: Support.family)
        let plain = identity(cache.line(for: line([TextRun("Amber")])))
        let red = TextStyle(size: .pt(9), color: Color(hex: "#C00000")!)
        #expect(identity(cache.line(for: line([TextRun("Amber")], style: red))) == plain)
        #expect(identity(cache.line(for: line([TextRun("Amber", link: "https://example.org")]))) == plain)
        #expect(identity(cache.line(for: line([TextRun("Amber", bold: true)]))) != plain)
        #expect(identity(cache.line(for: line([TextRun("Amber")], style: style.with(italic: true)))) != plain)
        #expect(identity(cache.line(for: line([TextRun("Amber")], style: style.with(size: .pt(10))))) != plain)
        #expect(cache.count == 4)
    }

    @Test func memoryIsBoundedAndFrequentLinesStay() throws {
        let cache = LineLayoutCache(fonts: try Support.fonts(), family: Support.family)
        for runs in [[TextRun("Improved")], [TextRun("Im"), TextRun("proved", italic: true)]] {
            let frequent = identity(cache.line(for: line(runs)))
            for n in 0..<(3 * LineLayoutCache.limit) {
                // Plain lines and laid-out lines (two runs) pass through.
                _ = cache.line(for: line(n % 2 == 0 ? [TextRun("value \(n)")] : [TextRun("value "), TextRun("\(n)", bold: true)]))
                if n % 100 == 0 { #expect(identity(cache.line(for: line(runs))) == frequent) }
                #expect(cache.count <= LineLayoutCache.limit)
            }
            #expect(identity(cache.line(for: line(runs))) == frequent)
        }
        // Lines that passed through are set again correctly (a laid-out one on a reused layout).
        #expect(text(cache.line(for: line([TextRun("value 0")]))) == "value 0")
        #expect(text(cache.line(for: line([TextRun("value "), TextRun("1", bold: true)]))) == "value 1")
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
