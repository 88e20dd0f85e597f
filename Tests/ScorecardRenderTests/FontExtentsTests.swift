import Testing
import ScorecardLayout
@testable import ScorecardRender

/// Font metrics come from HarfBuzz's extents of Pango's font, and must equal what Pango gives a line
/// of text (the layout's logical extents), which is what drawing uses.
@Suite("Font extents")
struct FontExtentsTests {
    @Test func fontExtentsEqualTheExtentsOfALineOfText() throws {
        let layout = PangoTextLayout(fonts: try Support.fonts())
        var compared = 0
        for tenths in stride(from: 40, through: 400, by: 5) {
            for bold in [false, true] {
                for italic in [false, true] {
                    let style = TextStyle(size: .pt(Double(tenths) / 10), bold: bold, italic: italic)
                    let line = layout.lineMetrics(family: "Liberation Sans", style: style)
                    let font = try #require(layout.fontExtents(family: "Liberation Sans", style: style))
                    #expect(font.ascent == line.ascent && font.descent == line.descent,
                            "\(Double(tenths) / 10) pt bold \(bold) italic \(italic): \(font) against \(line)")
                    compared += 1
                }
            }
        }
        #expect(compared == 292)
    }

    @Test func metricsAreTheFontExtentsInPoints() throws {
        let layout = PangoTextLayout(fonts: try Support.fonts())
        let style = TextStyle(size: .pt(9), bold: true)
        let extents = try #require(layout.fontExtents(family: "Liberation Sans", style: style))
        let metrics = layout.metrics(family: "Liberation Sans", style: style)
        #expect(metrics.ascent == .pt(Double(extents.ascent) / PangoTextLayout.scale))
        #expect(metrics.descent == .pt(Double(extents.descent) / PangoTextLayout.scale))
        // Liberation Sans: ascent 0.905 em, descent 0.212 em.
        #expect(abs(metrics.ascent.points - 0.905 * 9) < 0.01 && abs(metrics.descent.points - 0.212 * 9) < 0.01)
    }
}
