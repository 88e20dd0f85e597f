import ScorecardLayout

/// Text values cairo 1.16 needs in particular forms.
enum PDFStrings {
    /// `seconds` since 1970 UTC as "YYYY-MM-DDTHH:MM:SS" (UTC), the ISO 8601 form that
    /// `cairo_pdf_surface_set_metadata` expects for CREATE_DATE and MOD_DATE.
    /// Proleptic Gregorian calendar; years are written with at least four digits.
    static func iso8601UTC(_ seconds: Int64) -> String {
        let day = CalendarDate(unixSeconds: seconds)
        let secondOfDay = seconds - day.unixMidnightUTC
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int64(day.year), 4))-\(day.iso.dropFirst(day.iso.count - 5))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    /// `uri` made safe for cairo 1.16, which copies a link's URI into the PDF unescaped:
    /// bytes outside printable ASCII (spaces, non-ASCII as UTF-8) and the characters
    /// `"<>\^`{|}()` are percent-encoded, and a `%` that does not start a valid escape becomes
    /// `%25`. Existing escapes are kept, so encoding twice changes nothing.
    static func percentEncodedURI(_ uri: String) -> String {
        let bytes = Array(uri.utf8)
        let unsafe = Set("\"<>\\^`{|}()".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() {
            let validEscape = b == 0x25 && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            if b <= 0x20 || b >= 0x7F || unsafe.contains(b) || (b == 0x25 && !validEscape) {
                out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` as a single-quoted cairo tag attribute string: `\` and `'` are backslash-escaped.
    static func quotedAttribute(_ value: String) -> String {
        var out = "'"
        for c in value {
            if c == "\\" || c == "'" { out.append("\\") }
            out.append(c)
        }
        return out + "'"
    }

    /// A number for a cairo attribute list: fixed notation, up to three decimals, "." separator.
    static func number(_ value: Double) -> String {
        let milli = (value * 1000).rounded()
        guard milli.isFinite, abs(milli) < 1e15 else { return "0" }
        let v = Int64(milli)
        let sign = v < 0 ? "-" : ""
        let a = v.magnitude
        let frac = a % 1000
        if frac == 0 { return "\(sign)\(a / 1000)" }
        var f = String(frac)
        f = String(repeating: "0", count: 3 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(a / 1000).\(f)"
    }
}
