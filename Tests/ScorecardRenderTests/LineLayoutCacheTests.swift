import CPangoCairo
import Foundation
import ScorecardLayout
import Testing
import TestSupport
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
        // Anything else keeps the layout: two runs, tabs, characters beyond the plain set.
        for runs in [[TextRun("caf\u{0065}\u{0301}")], [TextRun("a"), TextRun("b", bold: true)], [TextRun("x\ty")],
                     [TextRun("a\u{00A0}b")], [TextRun("\u{03B1}\u{03B2}")], [TextRun("(c) \u{00A9}")]] {
            guard case .layout = cache.line(for: line(runs)) else { Issue.record("\(runs) should be laid out"); continue }
        }
    }

    /// Lines with the characters beyond ASCII a plain line may hold (`plainBeyondASCII`) are shaped
    /// as the layout shapes them: every glyph, width and offset, in the four faces, at several sizes,
    /// with the characters among letters, among digits and alone.
    @Test func plainLinesBeyondASCIIAreShapedWithTheLayoutsGlyphs() throws {
        let fonts = try Support.fonts()
        let cache = LineLayoutCache(fonts: fonts, family: Support.family)
        var random = SplitMix64(seed: 2_017_0622)
        let extras = PlainLineShaper.plainBeyondASCII.sorted().map { String(UnicodeScalar($0)!) }
        let pieces = ["16", "18 year olds", "Caf", "na", "ve", " ", "95%", "0.06", "7", "Improved", "A", "V", "1,234.5"]
        var checked = 0
        for k in 0..<(extras.count * 6) {
            let extra = extras[k % extras.count]
            let text: String
            switch k / extras.count {
            case 0: text = extra
            case 1: text = "16" + extra + "18"
            case 2: text = "Caf" + extra + " na" + extra + "ve"
            default: text = (0..<4).map { _ in Int.random(in: 0..<3, using: &random) == 0 ? extra : pieces.randomElement(using: &random)! }.joined()
            }
            let lineStyle = TextStyle(size: .pt([9, 8, 14][k % 3]), bold: k % 4 >= 2, italic: k % 2 == 1)
            let set = cache.line(for: line([TextRun(text)], style: lineStyle))
            guard case .shaped(let shaped) = set else { continue }  // a character this face lacks
            let fresh = PangoTextLayout(fonts: fonts)
            fresh.set(LayoutText([TextRun(text)]), style: lineStyle, family: Support.family, width: nil)
            #expect(glyphs(shaped.glyphItem.pointee.glyphs) == glyphs(fresh), "\(text) at \(lineStyle)")
            #expect(self.text(set) == text)
            checked += 1
        }
        #expect(checked > extras.count * 5)
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

/// Plain lines are drawn straight from the shaper's glyphs (`LineLayoutCache.drawPlain`): the PDF
/// cairo writes must be the one drawing them through Pango (`pango_cairo_show_glyph_item`) gives.
@Suite("Plain lines drawn without Pango's renderer")
struct PlainLineDrawingTests {
    /// A PDF of `lines` (40 to a page), each drawn directly when `direct`, else through Pango.
    static func pdf(_ lines: [PlacedLine], direct: Bool, fonts: FontLibrary, in folder: URL) throws -> [UInt8] {
        let url = folder.appendingPathComponent(direct ? "direct.pdf" : "pango.pdf")
        let cache = LineLayoutCache(fonts: fonts, family: Support.family)
        do {
            let surface = try CairoSurface(taking: cairo_pdf_surface_create(url.path, 595, 842), context: "test surface")
            for entry in [CAIRO_PDF_METADATA_CREATE_DATE, CAIRO_PDF_METADATA_MOD_DATE] {
                cairo_pdf_surface_set_metadata(surface.pointer, entry, "2017-06-22T00:00:00Z")
            }
            let context = try CairoContext(surface: surface)
            for (k, line) in lines.enumerated() {
                if k > 0 && k % 40 == 0 { context.showPage() }
                if direct, cache.drawPlain(line, on: context) { continue }
                switch cache.line(for: line) {
                case .layout(let layout, let baseline):
                    context.show(layout, topLeft: Point(x: line.origin.x, y: line.origin.y - baseline), size: line.style.size, color: line.style.color)
                case .shaped(let shaped):
                    context.show(shaped, baselineLeft: line.origin, size: line.style.size, color: line.style.color)
                }
            }
            try surface.finish("finishing the test PDF")
        }
        return try [UInt8](Data(contentsOf: url))
    }

    @Test func theDirectPathWritesWhatPangoWrites() throws {
        let fonts = try Support.fonts()
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        // Figures, words, punctuation and spaces in the four faces at three sizes, repeated so the
        // pairwise tables learn and then answer, with colours and fractional positions.
        let texts = ["42.64", "GREEN", "AMBER", "RED", "Improved", "No change", "1,234.5%", "(n=17) A/B; x_y",
                     "AV To Wa 11", "Number of children in care", "  padded  ", "Q3 2016/17", "~!@#$^&*[]{}|<>?",
                     "16\u{2013}18 year olds", "\u{00A3}1,234 \u{2264} \u{20AC}5", "Caf\u{00E9} \u{2212}0.06 \u{00B1}7"]
        var lines: [PlacedLine] = []
        for k in 0..<360 {
            let style = TextStyle(size: .pt([9, 8, 14][k % 3]), bold: k % 4 == 1 || k % 4 == 3, italic: k % 4 >= 2,
                                  color: k % 5 == 0 ? Color(red: 0.69, green: 0, blue: 0.125) : .black)
            let origin = Point(x: .pt(20 + Double(k % 7) * 0.37), y: .pt(30 + Double(k % 40) * 19.3))
            lines.append(PlacedLine(origin: origin, runs: [TextRun(texts[k % texts.count], bold: k % 11 == 0)], style: style, width: .pt(200)))
        }
        let direct = try Self.pdf(lines, direct: true, fonts: fonts, in: folder)
        let pango = try Self.pdf(lines, direct: false, fonts: fonts, in: folder)
        #expect(direct.count > 10_000)
        #expect(direct == pango)
    }
}
