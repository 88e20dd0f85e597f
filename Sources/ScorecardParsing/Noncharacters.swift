import ScorecardModel

/// Unicode noncharacters in input text: U+FDD0–U+FDEF and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE …). They are not text (Unicode reserves them for a program's internal
/// use; in a file they are damage, such as a byte-order mark read with the wrong byte order) and a
/// PDF cannot hold them: cairo refuses a string that contains one, which failed the whole render
/// with a message naming neither the input nor the place.
///
/// Contract: `locations(in:file:)` gives every noncharacter of `text` in order, each with its line
/// and column (lines end at LF, CRLF or a lone CR; columns count Unicode scalars from 1, as the CSV
/// tokenizer's do). A text without a byte that can start one (0xEF, 0xF0–0xF4 in UTF-8) is passed
/// over without walking its scalars. Input files are checked whole as they are read (`TextFile`,
/// CSV decoding, the scorecard metadata), and every YAML text value once more (`checkValue`, from
/// both YAML readers), as a `\u` escape can make one; cmark turns `&#xFFFE;` into U+FFFD itself.
public enum Noncharacters {
    public static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    public static func locations(in text: String, file: String) -> [(scalar: Unicode.Scalar, location: SourceLocation)] {
        // Every noncharacter's UTF-8 form starts with 0xEF or 0xF0–0xF4 (no valid byte is above).
        let mayHoldOne = text.utf8.withContiguousStorageIfAvailable { $0.contains { $0 >= 0xEF } }
            ?? text.utf8.contains { $0 >= 0xEF }
        guard mayHoldOne else { return [] }
        var found: [(Unicode.Scalar, SourceLocation)] = []
        var line = 1, column = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !afterCR { line += 1 }
                column = 1
                afterCR = false
                continue
            }
            if afterCR { afterCR = false }
            if scalar == "\r" {
                line += 1; column = 1; afterCR = true
                continue
            }
            if isNoncharacter(scalar) { found.append((scalar, SourceLocation(file: file, line: line, column: column))) }
            column += 1
        }
        return found
    }

    /// The message for one noncharacter.
    public static func message(_ scalar: Unicode.Scalar) -> String {
        "character \(code(scalar)) is a Unicode noncharacter, not text, and a PDF cannot hold it; delete it "
            + "(most editors show nothing there: it often comes from a damaged export)"
    }

    /// Throws a `DecodingError.dataCorrupted` at `codingPath` when a YAML value (where a `\u` or
    /// `\U` escape can make one the file itself does not hold) contains a noncharacter.
    static func checkValue(_ value: String, codingPath: [CodingKey]) throws {
        guard let scalar = value.unicodeScalars.first(where: isNoncharacter) else { return }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription:
            "the text holds \(code(scalar)), a Unicode noncharacter, not text, and a PDF cannot hold it; delete it (or the escape that makes it)"))
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Throws an `InputError` listing every noncharacter of `text` (none: returns).
    public static func check(_ text: String, file: String) throws {
        let found = locations(in: text, file: file)
        guard !found.isEmpty else { return }
        var diagnostics = Diagnostics()
        for (scalar, location) in found { diagnostics.error(message(scalar), at: location) }
        throw InputError(diagnostics.all)
    }
}
