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

    /// A real number with at most three decimals and no trailing zeros ("398.197", "0", "-12.5").
    static func number(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        var text = sign + String(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast(); fraction /= 10 }
            text += "." + digits
        }
        return text
    }
}
