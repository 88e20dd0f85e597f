import Foundation

/// The fast path of `ValueTextParser.number(_:)`: reads a number written in ASCII (after an optional
/// leading U+2212 minus sign) straight from its UTF-8 bytes and builds the `Decimal` without
/// Foundation's string parsing.
///
/// ## Contract
/// * `.notASCII` for a text with any other non-ASCII character: the caller then uses the general,
///   Character-based path (a digit followed by a combining mark is one Character there).
/// * Otherwise the same answer as the general path: the syntax of `ValueTextParser.number(_:)`
///   (sign, digit groups of three after commas, at most one point, `%` suffix with spaces before it,
///   at most 30 digits), `fractionDigits` as written, and a `Decimal` with the same stored
///   representation as `Decimal(string:locale:)` gives (a mantissa of up to 18 digits is built with
///   `Decimal(sign:exponent:significand:)`, which matches it for every non-zero value; zero and longer
///   numbers go through `Decimal(string:locale:)` itself).
/// * The text is expected trimmed; spaces are only allowed between the number and its `%`.
enum ASCIINumberScanner {
    enum Outcome: Equatable {
        case notASCII
        case invalid
        case number(ValueTextParser.Number)
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    static func scan(_ text: String) -> Outcome {
        var text = text
        return text.withUTF8(scan(bytes:))
    }

    private static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    private static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), point = UInt8(ascii: ".")
    private static let comma = UInt8(ascii: ","), percent = UInt8(ascii: "%"), space = UInt8(ascii: " ")

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }

    static func scan(bytes b: UnsafeBufferPointer<UInt8>) -> Outcome {
        var i = 0, end = b.count
        var negative = false
        // U+2212 MINUS SIGN is E2 88 92.
        if end >= 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x92 {
            negative = true
            i = 3
        }
        for k in i..<end where b[k] >= 0x80 { return .notASCII }
        if i == 0 && end > 0 && (b[0] == minus || b[0] == plus) {
            negative = b[0] == minus
            i = 1
        }
        var hadPercent = false
        if end > i && b[end - 1] == percent {
            hadPercent = true
            end -= 1
            while end > i && b[end - 1] == space { end -= 1 }  // "95 %"
        }
        guard end > i else { return .invalid }

        // At most one decimal point.
        var dot: Int?
        for k in i..<end where b[k] == point {
            guard dot == nil else { return .invalid }
            dot = k
        }
        let integerEnd = dot ?? end
        let fractionStart = dot.map { $0 + 1 } ?? end
        for k in fractionStart..<end where !isDigit(b[k]) { return .invalid }
        let fractionDigits = end - fractionStart
        if dot != nil && fractionDigits == 0 && integerEnd == i { return .invalid }

        // Integer part: digits, or groups of 1-3 digits then exactly 3 separated by commas.
        var integerDigits = 0
        var groupLength = 0, groups = 0
        for k in i..<integerEnd {
            let c = b[k]
            if c == comma {
                guard groups == 0 ? (1...3).contains(groupLength) : groupLength == 3 else { return .invalid }
                groups += 1
                groupLength = 0
            } else if isDigit(c) {
                integerDigits += 1
                groupLength += 1
            } else {
                return .invalid
            }
        }
        if groups > 0 && groupLength != 3 { return .invalid }
        guard max(integerDigits, 1) + fractionDigits <= 30 else { return .invalid }

        var mantissa: UInt64 = 0
        if integerDigits + fractionDigits <= 18 {
            for k in i..<end where isDigit(b[k]) { mantissa = mantissa &* 10 &+ UInt64(b[k] &- zero) }
        }
        let value: Decimal
        if mantissa != 0 {
            value = Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
        } else {
            // Zero keeps the exponent Decimal(string:) gives it ("0.00"); long numbers need its arithmetic.
            var plain: [UInt8] = negative ? [minus] : []
            for k in i..<integerEnd where b[k] != comma { plain.append(b[k]) }
            if integerDigits == 0 { plain.append(zero) }
            if fractionDigits > 0 {
                plain.append(point)
                plain.append(contentsOf: UnsafeBufferPointer(rebasing: b[fractionStart..<end]))
            }
            guard let parsed = Decimal(string: String(decoding: plain, as: UTF8.self), locale: posix) else { return .invalid }
            value = parsed
        }
        return .number(ValueTextParser.Number(value: value, fractionDigits: fractionDigits, hadPercentSign: hadPercent))
    }
}
