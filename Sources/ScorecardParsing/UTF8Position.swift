import ScorecardModel

/// A place in UTF-8 text, walked forward byte by byte: lines end at LF, CRLF or a lone CR, and a
/// column counts Unicode scalars from 1 (the bytes that do not continue a UTF-8 sequence), as the
/// CSV tokenizer counts them. Used by the scans that report characters by place
/// (`Noncharacters`, `ControlCharacters`).
struct UTF8Position {
    private(set) var line = 1
    private(set) var column = 1

    /// Moves past the byte at `index` of `bytes`.
    mutating func advance(past index: Int, of bytes: UnsafeBufferPointer<UInt8>) {
        let byte = bytes[index]
        if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
            line += 1; column = 1
        } else if byte != 0x0D && byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}

extension Unicode.Scalar {
    /// "U+" and at least four hexadecimal digits, as messages name a character.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
