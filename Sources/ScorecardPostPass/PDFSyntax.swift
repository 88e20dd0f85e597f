/// PDF object syntax the post-pass writes itself.
enum PDFSyntax {
    /// A PDF text string: a literal string when every character is printable ASCII (with `\`, `(`
    /// and `)` escaped), otherwise UTF-16BE with a byte-order mark, in hexadecimal.
    static func textString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var out = "("
            for c in text.unicodeScalars {
                if c == "\\" || c == "(" || c == ")" { out += "\\" }
                out.unicodeScalars.append(c)
            }
            return out + ")"
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("<FEFF".utf8)
        for unit in text.utf16 {
            for shift in [12, 8, 4, 0] { out.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        out.append(UInt8(ascii: ">"))
        return String(decoding: out, as: UTF8.self)
    }
}
