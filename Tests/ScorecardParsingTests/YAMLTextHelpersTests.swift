import TestSupport
import Foundation
@testable import ScorecardParsing
import Testing

private typealias HelperFuzzGenerator = SplitMix64

/// The pure-Swift stand-ins used while reading layouts give exactly what they replace.
@Suite("YAML text helpers: whitespace trimming and character columns")
struct YAMLTextHelpersTests {
    /// Scalars worth mixing: every kind of space and newline, combining marks, joiners, astral characters.
    static let pool: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{180E}",
                                         "\u{2000}", "\u{200A}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2028}", "\u{2029}",
                                         "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "a", "Z", "1", "#", "é", "\u{301}",
                                         "\u{308}", "\u{1F600}", "\u{1F3FB}", "\u{1F1EC}", "\u{1F1E7}", "\u{E0020}", "\u{0}"]

    fileprivate static func randomText(_ rng: inout HelperFuzzGenerator, length: ClosedRange<Int>) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: length, using: &rng) { scalars.append(pool.randomElement(using: &rng)!) }
        return String(scalars)
    }

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test("whitespace sets are Foundation's, scalar by scalar (Basic Multilingual Plane and beyond)")
    func whitespaceMembership() {
        for value in Array(0...0xFFFF) + [0x1_0000, 0x1_F600, 0xE_0020, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(YAMLWhitespace.isWhitespace(scalar) == text.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(String(value, radix: 16))")
            #expect(YAMLWhitespace.isWhitespaceOrNewline(scalar) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "U+\(String(value, radix: 16))")
        }
    }

    @Test("trimming gives Foundation's scalars, on strings and substrings")
    func trimming() {
        var rng = HelperFuzzGenerator(state: 42)
        for _ in 0..<3_000 {
            let text = Self.randomText(&rng, length: 0...8)
            #expect(Self.scalars(text.trimmingWhitespace()) == Self.scalars(text.trimmingCharacters(in: .whitespaces)))
            #expect(Self.scalars(text.trimmingWhitespaceAndNewlines())
                    == Self.scalars(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            let sub = text.dropFirst()
            #expect(Self.scalars(sub.trimmingWhitespace()) == Self.scalars(sub.trimmingCharacters(in: .whitespaces)))
        }
    }

    /// The definition `YAMLCharacterColumns` replaces.
    static func referenceColumn(_ text: String, line: Int, column: Int) -> Int {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard line >= 1, line <= lines.count else { return column }
        let prefix = lines[line - 1].unicodeScalars.prefix(max(0, column - 1))
        return String(String.UnicodeScalarView(prefix)).count + 1
    }

    @Test("character columns match splitting the text into lines of characters")
    func characterColumns() {
        var rng = HelperFuzzGenerator(state: 7)
        var texts = ["", "\n", "\r\n", "ab\r\ncd", "a\rb\nc\u{85}d\u{2028}e\u{2029}f\u{0B}g\u{0C}h", "e\u{301}x\r\n\r\ny",
                     "plain ascii\nlines only\n"]
        for _ in 0..<400 { texts.append(Self.randomText(&rng, length: 0...40)) }
        for text in texts {
            let columns = YAMLCharacterColumns(text)
            for line in -1...(text.unicodeScalars.count + 2) {
                for column in -1...12 {
                    #expect(columns.characterColumn(line: line, column: column)
                            == Self.referenceColumn(text, line: line, column: column),
                            "\(Self.scalars(text)) line \(line) column \(column)")
                }
            }
        }
    }
}
