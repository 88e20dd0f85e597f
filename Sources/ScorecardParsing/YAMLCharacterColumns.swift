// Yams reports columns in Unicode scalars; `SourceLocation` counts characters. This converts one into
// the other, line by line, with the lines divided as `text.split(omittingEmptySubsequences: false,
// whereSeparator: \.isNewline)` divides them, and with the same result as counting the characters of
// the line's first `column - 1` scalars.
//
// The lines are found on the UTF-8 bytes, without breaking the text into characters: every newline
// scalar (LF, VT, FF, CR, NEL, LS, PS) is a character of its own, except CR LF, which is one character
// and one separator (Unicode grapheme rules GB3-GB5). In a line of ASCII every character is one scalar,
// so only lines with other scalars need their characters counted.

/// Character columns for the scalar columns of one text.
struct YAMLCharacterColumns {
    private struct Line {
        /// The line's UTF-8 bytes, without its separator.
        var bytes: Range<Int>
        var isASCII: Bool
    }

    private let text: String
    private let lines: [Line]

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        lines = text.utf8.withContiguousStorageIfAvailable(YAMLCharacterColumns.lines) ?? []
    }

    /// The lines of UTF-8 `bytes` (valid UTF-8: multi-byte newlines are found by their lead bytes).
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = 0, index = 0, isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            var separator = 0        // bytes in the separator starting here
            switch byte {
            case 0x0A, 0x0B, 0x0C:
                separator = 1
            case 0x0D:
                separator = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:                       // NEL
                separator = 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):   // LS, PS
                separator = 3
            default:
                if byte >= 0x80 { isASCII = false }
                index += 1
                continue
            }
            lines.append(Line(bytes: start..<index, isASCII: isASCII))
            index += separator
            start = index
            isASCII = true
        }
        lines.append(Line(bytes: start..<bytes.count, isASCII: isASCII))
        return lines
    }

    /// The character column (from 1) of the scalar `column` (from 1) of line `line` (from 1). A column past
    /// the end of its line stops just after the line's last character; a line outside the text keeps
    /// `column` as it is.
    func characterColumn(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lines.count else { return column }
        let line = lines[line - 1]
        let wanted = max(0, column - 1)
        if line.isASCII { return min(wanted, line.bytes.count) + 1 }
        let utf8 = text.utf8
        let range = utf8.index(utf8.startIndex, offsetBy: line.bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: line.bytes.upperBound)
        return String(text.unicodeScalars[range].prefix(wanted)).count + 1
    }
}
