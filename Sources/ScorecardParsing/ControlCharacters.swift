import ScorecardModel

/// Control characters in CSV and cover-report text: C0 controls other than tab, line feed and carriage return
/// (U+0001–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F). They are not text: Pango
/// draws nothing for them, but they stayed in the PDF's text layer, where copying, searching and
/// screen readers meet a raw BEL or ESC. They come from exports and pastes (Word's manual line break
/// is a vertical tab, U+000B).
///
/// Contract: `replacingWithSpaces(_:file:)` gives the text with each such character replaced by a
/// space (one scalar for one, so every later column stays where it was) and a warning at each one's
/// line and column (lines end at LF, CRLF or a lone CR; columns count scalars from 1): the first
/// `maximumWarnings` one by one, then one warning counting the rest. NUL (U+0000) is left alone:
/// the CSV tokenizer reports it as an error (and cmark reads it as U+FFFD). A text without one is
/// returned as it is. Used by `CSVInput.records` and `CoverReportParser.parse`; YAML files reject
/// control characters themselves (a located YAML error).
enum ControlCharacters {
    static let maximumWarnings = 20

    static func replacingWithSpaces(_ text: String, file: String) -> (text: String, warnings: [Diagnostic]) {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let first = firstControl(in: bytes) else { return (text, []) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            out.append(contentsOf: bytes[..<first])
            var warnings: [Diagnostic] = []
            var more = 0
            var position = UTF8Position()
            for i in 0..<first { position.advance(past: i, of: bytes) }
            var i = first
            while i < bytes.count {
                if let (scalar, length) = control(in: bytes, at: i) {
                    if warnings.count < maximumWarnings {
                        warnings.append(.warning(message(scalar), at: position.location(in: file)))
                    } else {
                        more += 1
                    }
                    out.append(0x20)
                    // The space takes the character's one column (its bytes are not line breaks).
                    position.advance(past: i, of: bytes)
                    i += length
                    continue
                }
                out.append(bytes[i])
                position.advance(past: i, of: bytes)
                i += 1
            }
            if more > 0 {
                warnings.append(.warning("\(more) more control character(s) after these were printed as spaces",
                                         at: SourceLocation(file: file, line: position.line, column: 1)))
            }
            return (String(decoding: out, as: UTF8.self), warnings)
        }
    }

    /// The scalar and its UTF-8 length when a control character (as above) starts at `i`.
    private static func control(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let byte = bytes[i]
        if (byte < 0x20 && byte != 0x00 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
            return (Unicode.Scalar(byte), 1)
        }
        if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
            return (Unicode.Scalar(bytes[i + 1]), 2)
        }
        return nil
    }

    private static func firstControl(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == 0x7F || byte == 0xC2, control(in: bytes, at: i) != nil { return i }
            i += 1
        }
        return nil
    }

    static func message(_ scalar: Unicode.Scalar) -> String {
        let name = scalar.value == 0x0B ? " (a vertical tab, Word's manual line break)" : scalar.value == 0x0C ? " (a form feed)" : ""
        return "control character \(scalar.codePoint)\(name) is not text; it is printed as a space"
    }
}
