import ScorecardModel

/// Unicode noncharacters in input text: U+FDD0–U+FDEF and the last two code points of every plane
/// (U+FFFE, U+FFFF, U+1FFFE …). They are not text (Unicode reserves them for a program's internal
/// use; in a file they are damage, such as a byte-order mark read with the wrong byte order) and a
/// PDF cannot hold them: cairo refuses a string that contains one, which failed the whole render
/// with a message naming neither the input nor the place.
///
/// Contract: `locations(in:file:)` gives every noncharacter of `text` in order, each with its line
/// and column (lines end at LF, CRLF or a lone CR; columns count Unicode scalars from 1, as the CSV
/// tokenizer's do), found by matching the UTF-8 bytes. Input files are checked whole as they are read (`TextFile`,
/// CSV decoding, the scorecard metadata), and every YAML text value once more (`checkValue`, from
/// both YAML readers), as a `\u` escape can make one, and so is the text of every Markdown node
/// (`MarkdownReportBody`), as cmark decodes character references such as `&#xFDD0;`.
public enum Noncharacters {
    public static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    public static func locations(in text: String, file: String) -> [(scalar: Unicode.Scalar, location: SourceLocation)] {
        var text = text
        return text.withUTF8 { locations(inUTF8: $0, file: file) }
    }

    /// `locations(in:file:)` over valid UTF-8. The bytes are matched directly (U+FDD0–U+FDEF are
    /// `EF B7 90`–`EF B7 AF`, U+FFFE/U+FFFF `EF BF BE`/`BF`, U+xFFFE/U+xFFFF of the other planes
    /// `F0`–`F4 ?F BF BE`/`BF`); lines and columns are counted only when one is found.
    static func locations(inUTF8 bytes: UnsafeBufferPointer<UInt8>, file: String) -> [(scalar: Unicode.Scalar, location: SourceLocation)] {
        let n = bytes.count
        var offsets: [Int] = []
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0xEF {
                i += 1
                continue
            }
            if lead == 0xEF, i + 2 < n {
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                if (b1 == 0xB7 && (0x90...0xAF).contains(b2)) || (b1 == 0xBF && b2 >= 0xBE) { offsets.append(i) }
            } else if lead >= 0xF0, i + 3 < n {
                if bytes[i + 1] & 0x0F == 0x0F && bytes[i + 2] == 0xBF && bytes[i + 3] >= 0xBE { offsets.append(i) }
            }
            i += 1
        }
        guard !offsets.isEmpty else { return [] }
        var found: [(Unicode.Scalar, SourceLocation)] = []
        var position = UTF8Position()
        i = 0
        for offset in offsets {
            while i < offset { position.advance(past: i, of: bytes); i += 1 }
            var decoder = UTF8()
            var iterator = UnsafeBufferPointer(rebasing: bytes[offset..<min(n, offset + 4)]).makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) { found.append((scalar, position.location(in: file))) }
        }
        return found
    }

    /// The message for one noncharacter.
    public static func message(_ scalar: Unicode.Scalar) -> String {
        "character \(scalar.codePoint) is a Unicode noncharacter, not text, and a PDF cannot hold it; delete it "
            + "(most editors show nothing there: it often comes from a damaged export)"
    }

    /// The message for one made by a Markdown character reference.
    static func referenceMessage(_ scalar: Unicode.Scalar) -> String {
        "a character reference here makes \(scalar.codePoint), a Unicode noncharacter, not text, and a PDF cannot hold it; delete the reference"
    }

    /// Throws a `DecodingError.dataCorrupted` at `codingPath` when a YAML value (where a `\u` or
    /// `\U` escape can make one the file itself does not hold) contains a noncharacter.
    static func checkValue(_ value: String, codingPath: [CodingKey]) throws {
        guard let scalar = value.unicodeScalars.first(where: isNoncharacter) else { return }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription:
            "the text holds \(scalar.codePoint), a Unicode noncharacter, not text, and a PDF cannot hold it; delete it (or the escape that makes it)"))
    }

    /// Throws an `InputError` listing every noncharacter of `text` (none: returns).
    public static func check(_ text: String, file: String) throws {
        let found = locations(in: text, file: file)
        guard found.isEmpty else { throw InputError(found.map { .error(message($0.scalar), at: $0.location) }) }
    }
}
