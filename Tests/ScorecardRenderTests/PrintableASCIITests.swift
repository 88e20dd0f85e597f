import CPangoCairo
import Testing
import ScorecardLayout
@testable import ScorecardRender

/// The plain-line shaper's character check (HarfBuzz's cmap) answers as Pango's `pango_font_has_char`.
@Suite("Printable ASCII of a font")
struct PrintableASCIITests {
    @Test func cmapLookupAgreesWithPango() throws {
        let fonts = try Support.fonts()
        var checked = 0
        for bold in [false, true] {
            for italic in [false, true] {
                let style = TextStyle(size: .pt(9), bold: bold, italic: italic)
                let font = try #require(pango_context_load_font(fonts.context, fonts.fontDescription(family: "Liberation Sans", style: style)))
                defer { g_object_unref(font) }
                let pango = (0..<128).map { $0 >= 0x20 && $0 <= 0x7E && pango_font_has_char(font, gunichar($0)) != 0 }
                #expect(PlainLineShaper.printableASCII(in: font) == pango, "bold \(bold) italic \(italic)")
                #expect(pango.filter { $0 }.count == 95)
                checked += 1
            }
        }
        #expect(checked == 4)
    }
}
