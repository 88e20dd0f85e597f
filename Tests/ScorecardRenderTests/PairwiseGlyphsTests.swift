import CPangoCairo
import Foundation
import ScorecardModel
import Testing
import TestSupport
@testable import ScorecardRender

/// Lines set from the pairwise glyph tables must be exactly what Pango's shaper gives: every glyph,
/// width, offset and cluster, and so every advance.
@Suite("Pairwise glyphs")
struct PairwiseGlyphsTests {
    struct Glyph: Equatable { var glyph: UInt32; var width: Int32; var x: Int32; var y: Int32; var cluster: Int32; var start: UInt32 }

    static func glyphs(_ line: ShapedLine) -> [Glyph] {
        let string = line.glyphItem.pointee.glyphs!.pointee
        return (0..<Int(string.num_glyphs)).map { k in
            let info = string.glyphs[k]
            return Glyph(glyph: info.glyph, width: info.geometry.width, x: info.geometry.x_offset, y: info.geometry.y_offset,
                         cluster: string.log_clusters[k], start: info.attr.is_cluster_start)
        }
    }

    @Test func everyGlyphIsTheShapersForSeededASCII() throws {
        let fonts = try Support.fonts()
        let pairwise = PlainLineShaper(fonts: fonts)
        let shaper = PlainLineShaper(fonts: fonts, usesPairs: false)
        var random = SplitMix64(seed: 20_171_122)
        // All of printable ASCII, with the pairs fonts kern or join most often over-represented.
        let printable = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        let common = ["AV", "To", "Ty", "Wa", "LT", "P.", "ff", "fi", "fl", "ffi", "11", "r,", "y.", "\"A", "(J",
                      "42.6", "1,813", "AMBER", "Improved", "RED", "GREEN", "EY0303", "R12M", "%", " "]
        var checked = 0
        for k in 0..<6_000 {
            var text = ""
            // Mostly the words a scorecard repeats, so the tables fill; some of any character.
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                text += Int.random(in: 0..<5, using: &random) == 0 ? printable.randomElement(using: &random)! : common.randomElement(using: &random)!
            }
            let style = TextStyle(size: .pt([6.5, 8, 9, 10.5, 12, 18][k % 6]), bold: k % 4 >= 2, italic: k % 2 == 1)
            guard let fast = pairwise.shapedLine(text, family: Support.family, style: style),
                  let reference = shaper.shapedLine(text, family: Support.family, style: style) else {
                Issue.record("\(text) was not shaped")
                continue
            }
            #expect(Self.glyphs(fast) == Self.glyphs(reference), "\(text) at \(style)")
            #expect(pairwise.advance(text, family: Support.family, style: style) == shaper.advance(text, family: Support.family, style: style))
            checked += 1
        }
        #expect(checked == 6_000)
        // Most lines after the first of each style came from the tables, not the shaper.
        #expect(pairwise.linesFromPairs > 6_000)
    }

    /// Tables learnt by one thread's shapers (two measurers, merged) seed a shaper of another font
    /// library: it answers from them at once, with the glyphs a shaper of its own library gives.
    @Test func learntTablesSeedAnotherLibrarysShaper() throws {
        let fonts = try Support.fonts()
        let other = try FontLibrary(sharingFontsOf: fonts, threadSlot: 1)
        let first = PlainLineShaper(fonts: fonts), second = PlainLineShaper(fonts: fonts)
        var random = SplitMix64(seed: 4_2017)
        let words = ["42.6", "1,813", "AMBER", "Improved", "RED", "GREEN", "EY0303", "R12M", "%", " ", "No change", "To"]
        func line() -> String { (0..<Int.random(in: 1...6, using: &random)).map { _ in words.randomElement(using: &random)! }.joined() }
        let styles = [TextStyle(size: .pt(9)), TextStyle(size: .pt(9), bold: true), TextStyle(size: .pt(8), italic: true)]
        for k in 0..<3_000 {
            _ = (k % 2 == 0 ? first : second).advance(line(), family: Support.family, style: styles[k % 3])
        }
        let book = first.book.merged(with: second.book)
        let seeded = PlainLineShaper(fonts: other, seed: book)
        let reference = PlainLineShaper(fonts: other, usesPairs: false)
        for k in 0..<600 {
            let text = line(), style = styles[k % 3]
            guard let fast = seeded.shapedLine(text, family: Support.family, style: style),
                  let slow = reference.shapedLine(text, family: Support.family, style: style) else {
                Issue.record("\(text) was not shaped")
                continue
            }
            #expect(Self.glyphs(fast) == Self.glyphs(slow), "\(text)")
        }
        // Learnt pairs answer from the first line on (an unseeded shaper starts learning after 24).
        #expect(seeded.linesFromPairs > 550)
    }

    @Test func onlyTheListedFacesUseTables() throws {
        let fonts = try Support.fonts()
        for style in [TextStyle(size: .pt(9)), TextStyle(size: .pt(9), bold: true), TextStyle(size: .pt(9), italic: true),
                      TextStyle(size: .pt(9), bold: true, italic: true)] {
            let font = try #require(pango_context_load_font(fonts.context, fonts.fontDescription(family: Support.family, style: style)))
            defer { g_object_unref(UnsafeMutableRawPointer(font)) }
            #expect(PlainLineShaper.faceName(font) == "Liberation Sans, Version 2.1.5")
        }
        // The same face with another version in its name table: every line is shaped.
        let folder = try TestFiles.temporaryFolder(prefix: "PairwiseGlyphsTests")
        defer { TestFiles.cleanUp(folder) }
        var bytes = [UInt8](try Data(contentsOf: TestFiles.fontsFolder.appendingPathComponent("LiberationSans-Regular.ttf")))
        for (old, new) in [("Version 2.1.5", "Version 9.9.9")] {
            for encode in [{ (s: String) in Array(s.utf8) }, { (s: String) in s.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }] {
                let (o, n) = (encode(old), encode(new))
                var k = 0
                while k + o.count <= bytes.count {
                    if Array(bytes[k..<(k + o.count)]) == o { bytes.replaceSubrange(k..<(k + o.count), with: n) }
                    k += 1
                }
            }
        }
        try Data(bytes).write(to: folder.appendingPathComponent("Renamed.ttf"))
        let renamed = try FontLibrary(fontsDirectory: folder)
        let shaper = PlainLineShaper(fonts: renamed)
        let font = try #require(pango_context_load_font(renamed.context, renamed.fontDescription(family: Support.family, style: TextStyle(size: .pt(9)))))
        #expect(PlainLineShaper.faceName(font) == "Liberation Sans, Version 9.9.9")
        g_object_unref(UnsafeMutableRawPointer(font))
        for k in 0..<200 { _ = shaper.advance("Improved \(k % 10)", family: Support.family, style: TextStyle(size: .pt(9))) }
        #expect(shaper.linesFromPairs == 0)
    }
}
