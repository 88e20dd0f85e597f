import Foundation
import ScorecardLayout
import Testing
import TestSupport
@testable import ScorecardRender

/// `PlainLineShaper.wrappedLines` breaks plain text as a `PangoLayout` does, without one: the
/// measurer's lines must equal the layout's for every text, style and width.
@Suite("PlainLineWrapper")
struct PlainLineWrapperTests {
    /// Words of the kinds scorecards and cover reports hold: numbers, codes, hyphenated and slashed
    /// words, brackets, a word longer than narrow widths (broken between characters), typographic
    /// punctuation beyond ASCII, and runs of spaces.
    static let words = ["Number", "of", "children", "in", "care", "per", "10,000", "aged", "16–18", "(NEET)",
                        "well-being", "2016/17", "42.6%", "KS2", "pupils", "the", "a", "council’s", "café",
                        "Early", "Help", "£1,234", "—", "Wa", "To", "AV", "fi", "ff", "x", "-", "/",
                        "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "..."]

    static func text(_ random: inout SplitMix64) -> String {
        let count = Int.random(in: 2...24, using: &random)
        var text = (0..<count).map { _ in words.randomElement(using: &random)! }
            .joined(separator: Int.random(in: 0..<8, using: &random) == 0 ? "  " : " ")
        switch Int.random(in: 0..<10, using: &random) {
        case 0: text += " "
        case 1: text = " " + text
        default: break
        }
        return text
    }

    @Test func wrappedPlainTextMatchesTheLayoutAtEveryWidth() throws {
        let fonts = try Support.fonts()
        let fast = try PangoMeasurer(fonts: fonts, family: Support.family)
        var random = SplitMix64(seed: 2_017_0622)
        var wrappedWithoutLayout = 0
        let shaper = PlainLineShaper(fonts: fonts)
        for k in 0..<400 {
            let text = Self.text(&random)
            let style = TextStyle(size: .pt([7, 8.5, 9, 10, 11, 14][k % 6]), bold: k % 5 == 0, italic: k % 7 == 0)
            // Fresh layout measurers: no answer comes from a cache.
            let natural = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
                .lines(StyledText(text), style: style, width: nil)
            let full = natural.map(\.width).max() ?? .zero
            var widths: [Length] = (0..<4).map { _ in .pt(Double.random(in: 6...max(7, full.points), using: &random)) }
            // Widths where a line just fits, and one Pango unit less.
            let unit = 1 / PangoTextLayout.scale
            let firstLine = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
                .lines(StyledText(text), style: style, width: widths[0]).first?.width ?? .zero
            widths += [firstLine, firstLine - .pt(unit), full, full - .pt(unit)]
            for width in widths where width > .zero {
                let layout = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
                let expected = layout.lines(StyledText(text), style: style, width: width)
                #expect(fast.lines(StyledText(text), style: style, width: width) == expected,
                        "\"\(text)\" at \(style.size.points) pt\(style.bold ? " bold" : "")\(style.italic ? " italic" : ""), width \(width.points)")
                if expected.count > 1,
                   let lines = shaper.wrappedLines(text, family: Support.family, style: style, width: PangoTextLayout.units(width)),
                   lines.count == expected.count {
                    wrappedWithoutLayout += 1
                }
            }
        }
        // Most wrapped cases are broken without a layout (a ligature or a font without a character
        // sends a text to the layout).
        #expect(wrappedWithoutLayout > 1_500)
    }

    /// A text whose width overflows Pango's 32-bit units (millions of points) is left to the layout
    /// instead of stopping the process on an overflowing sum; negative widths are left to it too.
    @Test func absurdlyWideTextGoesToTheLayout() throws {
        let fonts = try Support.fonts()
        let text = String(repeating: "WWWWWWWWW ", count: 1_300)  // about 2.3 million points at 200 pt
        let style = TextStyle(size: .pt(200))
        let shaper = PlainLineShaper(fonts: fonts)
        #expect(shaper.wrappedLines(text, family: Support.family, style: style, width: PangoTextLayout.units(.pt(500))) == nil)
        let layout = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
        let fast = try PangoMeasurer(fonts: fonts, family: Support.family)
        #expect(fast.lines(StyledText(text), style: style, width: .pt(500)) == layout.lines(StyledText(text), style: style, width: .pt(500)))
        #expect(PlainLineShaper.breakable([10, 20, 30]))
        #expect(!PlainLineShaper.breakable([10, -1, 30]))
        #expect(!PlainLineShaper.breakable([Int32.max / 8, Int32.max / 8, 10]))
    }

    /// The breaker alone, on widths made up to reach each rule: trivial breaks far from the end of
    /// the line, measured ones near it, breaking between characters when no word fits, and the
    /// white space at a break not counted.
    @Test func breakerFollowsPangosRules() {
        // "ab cd efgh": every character 10 units wide, spaces breakable after.
        let text = Array("ab cd efgh")
        let attributes = (0...text.count).map { k in
            PlainLineBreaker.Attribute(isLineBreak: k > 0 && k < text.count && text[k - 1] == " ",
                                       isCharBreak: true, isWhite: k < text.count && text[k] == " ")
        }
        func breaker(_ width: Int32, safe: Int32 = 0) -> PlainLineBreaker {
            PlainLineBreaker(characters: text.count, width: width, logWidths: Array(repeating: 10, count: text.count),
                             attributes: attributes, safeDistance: safe)
        }
        let shaped: (Int, Int) -> Int32? = { a, b in Int32(b - a) * 10 }
        // Everything fits.
        #expect(breaker(100).lineLength(from: 0, shapedWidth: shaped) == 10)
        // "ab cd " fits once its break space is not counted (50 units).
        #expect(breaker(50).lineLength(from: 0, shapedWidth: shaped) == 6)
        #expect(breaker(49).lineLength(from: 0, shapedWidth: shaped) == 3)
        // No word fits: broken between characters.
        #expect(breaker(15).lineLength(from: 0, shapedWidth: shaped) == 1)
        #expect(breaker(25).lineLength(from: 6, shapedWidth: shaped) == 2)
        // A shaping that fails ends the breaking (the layout takes over).
        #expect(breaker(45, safe: 30).lineLength(from: 0, shapedWidth: { _, _ in nil }) == nil)
    }
}
