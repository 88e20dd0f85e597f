import Foundation
import ScorecardModel

/// Reads the text of one value cell.
///
/// * Numbers: an optional sign (`-`, `+` or the true minus sign U+2212), digits with optional comma
///   thousands separators in groups of three (`18,950`), an optional decimal part (`.5`, `74.3`) and an
///   optional `%` suffix (`95%`). Spaces around the number are trimmed silently.
/// * `N/A` (any case): not available.
/// * `TBS` (any case) or the words `to be supplied` / `data to be supplied`: data to be supplied
///   (printed as a shaded cell).
/// * Empty, or a lone dash (`-`, `–`, `—`) as Excel users type for "nothing": blank.
public enum ValueTextParser {
    public struct Number: Hashable, Sendable {
        public var value: Decimal
        /// Decimal places as written ("74.30" → 2).
        public var fractionDigits: Int
        public var hadPercentSign: Bool
    }

    public enum Cell: Hashable, Sendable {
        case number(Number)
        case notAvailable
        case toBeSupplied
        case blank

        public var value: IndicatorValue {
            switch self {
            case .number(let n): return .number(n.value)
            case .notAvailable: return .notAvailable
            case .toBeSupplied: return .toBeSupplied
            case .blank: return .blank
            }
        }
        public var number: Number? { if case .number(let n) = self { return n }; return nil }
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// What a value cell may hold, for error messages.
    public static let expectedValue =
        "a number (e.g. 74.3, 1,234, 95%, −0.06), N/A (not available), TBS (to be supplied) or nothing"
    public static let toBeSuppliedMarkers: Set<String> = ["tbs", "to be supplied", "data to be supplied"]
    public static let blankMarkers: Set<String> = ["", "-", "\u{2013}", "\u{2014}"]

    /// Parses a value cell; nil when the text is none of the accepted forms.
    public static func cell(_ raw: String) -> Cell? {
        let s = CSVTokenizer.trimmed(raw)
        if isBlankMarker(s) { return .blank }
        // The forms do not overlap, so the common one, a number, is tried before the words.
        if let n = number(s) { return .number(n) }
        let lower = s.lowercased()
        if lower == "n/a" { return .notAvailable }
        if toBeSuppliedMarkers.contains(lower.split(separator: " ").joined(separator: " ")) { return .toBeSupplied }
        return nil
    }

    /// True for the texts of `blankMarkers`, decided by length first (none of them has another
    /// canonically equivalent spelling, so the byte length settles most cells without a comparison).
    public static func isBlankMarker(_ s: String) -> Bool {
        switch s.utf8.count {
        case 0: return true
        case 1: return s.utf8.first == UInt8(ascii: "-")
        case 3: return s == "\u{2013}" || s == "\u{2014}"
        default: return false
        }
    }

    /// True for `N/A` in any case.
    public static func isNotAvailable(_ s: String) -> Bool {
        s.utf8.count == 3 && s.lowercased() == "n/a"
    }

    /// Parses a number as described above; nil for anything else.
    public static func number(_ raw: String) -> Number? {
        let s = CSVTokenizer.trimmed(raw)
        switch ASCIINumberScanner.scan(s) {
        case .number(let n): return n
        case .invalid: return nil
        case .notASCII: return numberFromCharacters(s)
        }
    }

    /// The general path of `number(_:)`, Character by Character, for texts with non-ASCII characters.
    static func numberFromCharacters(_ trimmed: String) -> Number? {
        var s = Substring(trimmed)
        var negative = false
        if let first = s.first, first == "-" || first == "\u{2212}" || first == "+" {
            negative = first != "+"
            s = s.dropFirst()
        }
        var percent = false
        if s.last == "%" {
            percent = true
            s = s.dropLast()
            // Allow "95 %".
            while s.last == " " { s = s.dropLast() }
        }
        guard !s.isEmpty else { return nil }
        let parts = s.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let integer = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        if parts.count == 2 && fraction.isEmpty && integer.isEmpty { return nil }
        // Integer part: digits, or digit groups separated by commas (1-3 digits, then exactly 3).
        var digits = ""
        if integer.contains(",") {
            let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }),
                  groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
            digits = groups.joined()
        } else {
            guard integer.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            digits = String(integer)
        }
        if digits.isEmpty { digits = "0" }
        guard digits.count + fraction.count <= 30 else { return nil }
        let plain = (negative ? "-" : "") + digits + (fraction.isEmpty ? "" : "." + fraction)
        guard let value = Decimal(string: plain, locale: posix) else { return nil }
        return Number(value: value, fractionDigits: fraction.count, hadPercentSign: percent)
    }

    /// Parses a tolerance band written `±5`, `+/-5` or `+-5` (with `requireSign: false`, also `5`).
    public static func band(_ raw: String, requireSign: Bool) -> Number? {
        let s = CSVTokenizer.trimmed(raw)
        if mayStartBand(s), let prefix = bandPrefixes.first(where: { s.hasPrefix($0) }) {
            guard let n = number(String(s.dropFirst(prefix.count))), n.value >= 0 else { return nil }
            return n
        }
        guard !requireSign, let n = number(s), n.value >= 0 else { return nil }
        return n
    }

    public static func isBandSyntax(_ raw: String) -> Bool {
        let s = CSVTokenizer.trimmed(raw)
        return mayStartBand(s) && bandPrefixes.contains { s.hasPrefix($0) }
    }

    /// The ways of writing ± that start a band.
    static let bandPrefixes = ["±", "+/-", "+/−", "+-", "+−"]

    /// False when the first byte rules out every band prefix: it is neither `+` nor the first UTF-8
    /// byte of `±` (C2 B1). Saves the `hasPrefix` calls for the usual cell, a plain number.
    static func mayStartBand(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        return first == UInt8(ascii: "+") || first == 0xC2
    }
}

fileprivate extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
