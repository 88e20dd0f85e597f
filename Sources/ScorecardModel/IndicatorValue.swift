import Foundation

/// What an indicator counts. Only `percent` changes how numbers are printed (a `%` suffix).
public enum ValueUnit: Hashable, Sendable, CaseIterable {
    /// A percentage, printed with a `%` suffix: "74.3%".
    case percent
    /// A count ("no." in the scorecard's unit column), printed as a plain number: "7,448".
    case number
    /// A number of days.
    case days
    /// A rate, e.g. per 10,000 children under 18.
    case rate
    /// A score (Attainment 8, Progress 8).
    case score
    /// Percentage points, e.g. an attainment gap. Printed without a suffix.
    case percentagePoints

    /// The short label a scorecard prints in its Unit column.
    public var label: String {
        switch self {
        case .percent: return "%"
        case .number: return "no."
        case .days: return "days"
        case .rate: return "rate"
        case .score: return "score"
        case .percentagePoints: return "ppt"
        }
    }

    /// The suffix appended to every printed number of this unit ("%" for percentages, otherwise nothing).
    public var suffix: String { self == .percent ? "%" : "" }
}

/// How the numbers of one indicator are printed: its unit and its fixed number of decimal places.
///
/// Numbers are printed en-GB style: a comma thousands separator ("18,950"), a point for decimals,
/// exactly `decimals` places ("90.0"), a true minus sign U+2212 for negatives ("−0.06", never "−0.00"),
/// and a `%` suffix when the unit is `.percent` ("74.3%"). Rounding is half away from zero, as Excel's
/// ROUND does. RAG and DoT comparisons use `rounded(_:)`, the value as printed.
public struct ValueFormat: Hashable, Sendable {
    public var unit: ValueUnit
    /// Decimal places shown, 0...6.
    public var decimals: Int

    public init(unit: ValueUnit, decimals: Int) {
        self.unit = unit
        self.decimals = max(0, min(decimals, ValueFormat.maximumDecimals))
    }

    public static let maximumDecimals = 6
    /// The true minus sign, U+2212.
    public static let minusSign = "\u{2212}"
    public static let notAvailableText = "N/A"

    /// `value` rounded to the display precision (half away from zero).
    public func rounded(_ value: Decimal) -> Decimal {
        ValueFormat.round(value, decimals: decimals)
    }

    public static func round(_ value: Decimal, decimals: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, decimals, .plain)
        return result
    }

    /// "7,448", "−0.06", "74.3%" (with `includeUnit`, the default) or "74.3" (without).
    public func string(for number: Decimal, includeUnit: Bool = true) -> String {
        ValueFormat.format(number, decimals: decimals) + (includeUnit ? unit.suffix : "")
    }

    /// The printed form of a value: a number as `string(for:)`, "N/A" for not available, and an empty
    /// string for blank and to-be-supplied values (a to-be-supplied cell is shown by its shading).
    public func string(for value: IndicatorValue, includeUnit: Bool = true) -> String {
        switch value {
        case .number(let n): return string(for: n, includeUnit: includeUnit)
        case .notAvailable: return ValueFormat.notAvailableText
        case .toBeSupplied, .blank: return ""
        }
    }

    /// Formats `number` with exactly `decimals` places, comma thousands and a U+2212 minus sign.
    ///
    /// Contract: the same string as `formatGenerally` for every value. Values whose digits fit a
    /// 64-bit integer (all a scorecard holds) are written digit by digit from that integer; the
    /// Decimal arithmetic of the general path (a multiplication per place, comparisons, each of
    /// which allocates) cost some 7,000 instructions a value.
    public static func format(_ number: Decimal, decimals: Int) -> String {
        let places = max(0, min(decimals, maximumDecimals))
        let rounded = round(number, decimals: places)
        guard !rounded.isNaN else { return formatGenerally(number, decimals: places) }
        // The rounded value has at most `places` decimals: moving the point `places` digits right
        // gives an integer, exactly.
        let scaled = Decimal(sign: .plus, exponent: rounded.exponent + places, significand: rounded.significand)
        let integer = NSDecimalNumber(decimal: scaled)
        guard scaled.exponent >= 0, integer.doubleValue < 4e18 else { return formatGenerally(number, decimals: places) }
        return digits(of: integer.uint64Value, places: places, negative: rounded.sign == .minus && !rounded.isZero)
    }

    /// `value` / 10^`places` with exactly `places` decimals, comma thousands, and the minus sign
    /// when `negative`.
    static func digits(of value: UInt64, places: Int, negative: Bool) -> String {
        // 20 digits, 6 commas, a point and a three-byte minus sign at most.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var position = buffer.count
            var rest = value
            for _ in 0..<places {
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
            }
            if places > 0 {
                position -= 1
                buffer[position] = 0x2E  // "."
            }
            var inGroup = 0
            repeat {
                if inGroup == 3 {
                    position -= 1
                    buffer[position] = 0x2C  // ","
                    inGroup = 0
                }
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
                inGroup += 1
            } while rest > 0
            if negative {
                for byte: UInt8 in [0x92, 0x88, 0xE2] {  // U+2212 in UTF-8, written backwards
                    position -= 1
                    buffer[position] = byte
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }

    /// `format` by Decimal arithmetic, for any value (the reference the fast path is tested against).
    static func formatGenerally(_ number: Decimal, decimals: Int) -> String {
        let places = max(0, min(decimals, maximumDecimals))
        let rounded = round(number, decimals: places)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        // Scale to an integer so every digit is exact, then place the decimal point.
        var scaled = magnitude
        for _ in 0..<places { scaled *= 10 }
        scaled = round(scaled, decimals: 0)
        var digits: String
        if scaled < Decimal(UInt64(1) << 62) {
            // The common case: an exact integer that fits a machine word.
            digits = String(NSDecimalNumber(decimal: scaled).uint64Value)
        } else {
            digits = scaled.description
            if digits.contains("e") || digits.contains("E") || digits.contains(".") {
                // Very large values: fall back to NSDecimalNumber's plain string.
                digits = NSDecimalNumber(decimal: scaled).stringValue
            }
        }
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let integerPart = String(digits.dropLast(places))
        let fractionPart = String(digits.suffix(places))
        var grouped = ""
        for (i, ch) in integerPart.enumerated() {
            if i > 0 && (integerPart.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let body = places > 0 ? grouped + "." + fractionPart : grouped
        return (negative ? minusSign : "") + body
    }
}

/// One cell value of a scorecard: a number, or one of the incomplete-data markers of the key.
public enum IndicatorValue: Hashable, Sendable {
    /// A figure. The unit and decimals come from the indicator's `ValueFormat`.
    case number(Decimal)
    /// `N/A`: data not available.
    case notAvailable
    /// Data to be supplied: printed as a shaded cell with no value.
    case toBeSupplied
    /// Nothing written in the cell.
    case blank

    public var number: Decimal? {
        if case .number(let n) = self { return n }
        return nil
    }
    public var isBlank: Bool { self == .blank }
}

/// A value as reported in the Previous or Current column.
public struct ReportedValue: Hashable, Sendable {
    public var value: IndicatorValue
    /// The figure belongs to the previous reporting year (e.g. a 2016 academic result in a June 2017
    /// scorecard) and is printed in italics.
    public var isPreviousReportingYear: Bool
    /// What the figure is "as at", e.g. "Apr-17", "2016", "2016/17"; printed by layouts that want it.
    public var asAt: String?

    public init(_ value: IndicatorValue, isPreviousReportingYear: Bool = false, asAt: String? = nil) {
        self.value = value
        self.isPreviousReportingYear = isPreviousReportingYear
        self.asAt = asAt
    }

    public static let blank = ReportedValue(.blank)
}
