// Foundation's `trimmingCharacters(in: .whitespaces)` goes through NSString on Linux: about 10,000
// instructions a call, most of the cost of reading a short layout value. These give the same result
// in pure Swift: the same Unicode scalars removed from both ends, the sets being exactly Foundation's
// (checked against Foundation for every scalar in the tests):
//   whitespaces:             U+0009, U+0020, U+00A0, U+1680, U+2000…U+200B, U+202F, U+205F, U+3000;
//   whitespacesAndNewlines:  those, U+000A…U+000D, U+0085, U+2028 and U+2029.

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`.
    func trimmingWhitespace() -> String {
        trimming(where: YAMLWhitespace.isWhitespace)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    func trimmingWhitespaceAndNewlines() -> String {
        trimming(where: YAMLWhitespace.isWhitespaceOrNewline)
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

/// The character sets of `CharacterSet.whitespaces` and `.whitespacesAndNewlines`, scalar by scalar.
enum YAMLWhitespace {
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return isWhitespace(scalar)
        }
    }
}
