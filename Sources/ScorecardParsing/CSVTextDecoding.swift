import Foundation
import ScorecardModel

/// The text encoding a CSV file was read in.
public enum CSVTextEncoding: String, Hashable, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with byte-order mark"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    /// Excel's default "CSV (Comma delimited)" on a UK Windows PC.
    case windows1252 = "Windows-1252"
}

/// Turns the raw bytes of a CSV file into text.
///
/// * A UTF-8 byte-order mark (EF BB BF, what Excel writes for "CSV UTF-8") is removed.
/// * UTF-16 with a byte-order mark is decoded (Excel's "Unicode Text").
/// * Bytes that are valid UTF-8 are read as UTF-8.
/// * Anything else is read as Windows-1252 (Excel's "CSV (Comma delimited)" on a UK PC), so `£`
///   (byte A3) and `–` (byte 96) survive, with a warning that names the first byte that is not UTF-8.
public enum CSVTextDecoder {
    public static func decode(_ data: Data, file: String) -> Parsed<(text: String, encoding: CSVTextEncoding)> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let s = utf8(body) { return Parsed((s, .utf8WithBOM)) }
            return windows1252Fallback(body, file: file)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return Parsed((String(decoding: units, as: UTF16.self), little ? .utf16LittleEndian : .utf16BigEndian))
        }
        if let s = utf8(bytes) { return Parsed((s, .utf8)) }
        return windows1252Fallback(bytes, file: file)
    }

    static func utf8(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    static func windows1252Fallback(_ bytes: [UInt8], file: String) -> Parsed<(text: String, encoding: CSVTextEncoding)> {
        let text = windows1252(bytes)
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        // Line and column of that byte: in Windows-1252 every byte is one character.
        var line = 1, column = 1, i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1; column = 1
            } else if bytes[i] != 0x0D {
                column += 1
            }
            i += 1
        }
        let ch = offset < bytes.count ? String(windows1252([bytes[offset]])) : "?"
        let hex = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: true) : ""
        let warning = Diagnostic.warning(
            "the file is not valid UTF-8 (byte 0x\(hex) here); it was read as Windows-1252, Excel's \"CSV (Comma delimited)\" encoding, so this byte is '\(ch)'. Save it as \"CSV UTF-8\" to remove this warning",
            at: SourceLocation(file: file, line: line, column: column))
        return Parsed((text, .windows1252), warnings: [warning])
    }

    /// Offset of the first byte that is not part of a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let length: Int
            var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            guard (minSecond...maxSecond).contains(bytes[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// Windows-1252 bytes 0x80...0x9F; the other bytes are ISO 8859-1 (same as Unicode).
    /// The five undefined bytes map to the C1 control of the same value, as Windows does.
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    public static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }
}
