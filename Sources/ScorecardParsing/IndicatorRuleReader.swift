import Foundation
import ScorecardModel

/// Reads the columns shared by indicator and district CSVs: polarity, target, floor, tolerance,
/// unit and decimals, with their checks.
struct IndicatorRuleReader {
    var polarity: Polarity?
    var target: Decimal?
    var floor: FloorStandard?
    var tolerance: Decimal?
    /// Decimal places written in the rule columns (for inferring decimals).
    var writtenDecimals: Int = 0
    var unit: ValueUnit?

    static let polarityExpected = "H (higher is better), L (lower is better) or T (on target is best), or nothing for an activity indicator"
    static let unitExpected = "% (or percent), no. (or number, count), days, rate, score or ppt (percentage points)"

    static func unit(_ text: String) -> ValueUnit? {
        // Spellings as the table lists them need neither lowercasing nor trimming.
        if let u = unitSpelling(text) { return u }
        return unitSpelling(text.lowercased().trimmingCharacters(in: .whitespaces))
    }

    /// The unit a lowercase, trimmed spelling names.
    private static func unitSpelling(_ text: String) -> ValueUnit? {
        switch text {
        case "%", "percent", "percentage", "pct": return .percent
        case "no.", "no", "number", "count", "#", "n": return .number
        case "days", "day": return .days
        case "rate", "rate10k", "rate per 10k", "rate per 10,000", "per 10k", "per 10,000": return .rate
        case "score", "points": return .score
        case "ppt", "pp", "percentage points", "% points": return .percentagePoints
        default: return nil
        }
    }

    /// Reads polarity, target, floor, tolerance and unit from `row`; errors and warnings go to `diagnostics`.
    static func read(_ row: CSVRow, diagnostics: inout Diagnostics) -> IndicatorRuleReader {
        var r = IndicatorRuleReader()

        let polarityText = row.text(.polarity)
        if !polarityText.isEmpty {
            if let p = Polarity(code: polarityText) {
                r.polarity = p
            } else {
                diagnostics.error("\(row.column(.polarity)): unknown polarity '\(polarityText)'; expected \(polarityExpected)",
                                  at: row.location(.polarity))
            }
        }

        let unitText = row.text(.unit)
        if !unitText.isEmpty {
            if let u = unit(unitText) {
                r.unit = u
            } else {
                diagnostics.error("\(row.column(.unit)): unknown unit '\(unitText)'; expected \(unitExpected)",
                                  at: row.location(.unit))
            }
        }

        // Target: a number, or nothing / N/A for "no target".
        let targetText = row.text(.target)
        switch ValueTextParser.cell(targetText) {
        case .number(let n)?:
            r.target = n.value
            r.writtenDecimals = max(r.writtenDecimals, n.fractionDigits)
        case .blank?, .notAvailable?:
            break
        case .toBeSupplied?, nil:
            diagnostics.error("\(row.column(.target)): expected the target as a number (e.g. 90.0, 95%, 2,500), or nothing when there is no target; found '\(targetText)'",
                              at: row.location(.target))
        }

        // Floor: a level for H and L, a ± band for T.
        let floorText = row.text(.floor)
        let floorIsBlank = ValueTextParser.isBlankMarker(floorText) || ValueTextParser.isNotAvailable(floorText)
        if !floorIsBlank {
            let isBand = ValueTextParser.isBandSyntax(floorText)
            switch r.polarity {
            case .onTarget?:
                if let n = ValueTextParser.band(floorText, requireSign: true) {
                    r.floor = .band(n.value)
                    r.writtenDecimals = max(r.writtenDecimals, n.fractionDigits)
                } else {
                    diagnostics.error("\(row.column(.floor)): for polarity T the floor is the outer tolerance around the target, written ±N (e.g. ±5 means AMBER within 5 of the target); found '\(floorText)'",
                                      at: row.location(.floor))
                }
            default:
                if isBand {
                    if let n = ValueTextParser.band(floorText, requireSign: true), r.polarity == nil {
                        r.floor = .band(n.value)
                    } else {
                        diagnostics.error("\(row.column(.floor)): a ± band is only for polarity T; for polarity \(r.polarity?.code ?? "H or L") write the floor standard as a number (e.g. 85.0); found '\(floorText)'",
                                          at: row.location(.floor))
                    }
                } else if let n = ValueTextParser.number(floorText) {
                    r.floor = .level(n.value)
                    r.writtenDecimals = max(r.writtenDecimals, n.fractionDigits)
                } else {
                    diagnostics.error("\(row.column(.floor)): expected the floor standard as a number (e.g. 85.0, 80%), or nothing; found '\(floorText)'",
                                      at: row.location(.floor))
                }
            }
        }

        // Tolerance (optional column): the GREEN band for T.
        let toleranceText = row.text(.tolerance)
        if !ValueTextParser.isBlankMarker(toleranceText) {
            if r.polarity == .onTarget {
                if let n = ValueTextParser.band(toleranceText, requireSign: false) {
                    r.tolerance = n.value
                    r.writtenDecimals = max(r.writtenDecimals, n.fractionDigits)
                } else {
                    diagnostics.error("\(row.column(.tolerance)): expected the GREEN tolerance around the target, written ±N (e.g. ±2); found '\(toleranceText)'",
                                      at: row.location(.tolerance))
                }
            } else if r.polarity != nil {
                diagnostics.warning("\(row.column(.tolerance)): a tolerance is only used for polarity T; '\(toleranceText)' is ignored for polarity \(r.polarity!.code)",
                                    at: row.location(.tolerance))
            }
        }

        // Checks between the columns.
        if let p = r.polarity, let t = r.target, case .level(let f)? = r.floor {
            if p == .higherIsBetter && f > t {
                diagnostics.error("\(row.column(.floor)): floor on the wrong side of the target: for polarity H (higher is better) the floor (\(floorText)) must not be above the target (\(targetText))",
                                  at: row.location(.floor))
            }
            if p == .lowerIsBetter && f < t {
                diagnostics.error("\(row.column(.floor)): floor on the wrong side of the target: for polarity L (lower is better) the floor (\(floorText)) must not be below the target (\(targetText))",
                                  at: row.location(.floor))
            }
        }
        if r.polarity == .onTarget, let tol = r.tolerance, let band = r.floor?.band, tol > band {
            diagnostics.error("\(row.column(.tolerance)): the GREEN tolerance (\(toleranceText)) is wider than the floor band (\(floorText)); it must not be",
                              at: row.location(.tolerance))
        }
        if r.polarity != nil, r.target != nil, r.floor == nil, floorIsBlank {
            diagnostics.warning("\(row.column(.floor)): no floor standard, so a value that misses the target is rated RED (there is no AMBER band)",
                                at: row.location(.floor))
        }
        if r.polarity == nil && polarityText.isEmpty && (r.target != nil || r.floor != nil) {
            diagnostics.warning("\(row.column(.polarity)): no polarity, so this is an activity indicator and is not rated; its target and floor are printed but not used (write H, L or T to rate it)",
                                at: row.location(.polarity))
        }
        return r
    }

    /// Reads the optional `decimals` column: an integer 0...6, or nothing.
    static func decimals(_ row: CSVRow, diagnostics: inout Diagnostics) -> Int? {
        let text = row.text(.decimals)
        guard !text.isEmpty else { return nil }
        guard let n = Int(text), (0...ValueFormat.maximumDecimals).contains(n) else {
            diagnostics.error("\(row.column(.decimals)): expected a whole number of decimal places from 0 to \(ValueFormat.maximumDecimals); found '\(text)'",
                              at: row.location(.decimals))
            return nil
        }
        return n
    }

    /// Reads a value cell, reporting anything that is not a value.
    static func value(_ row: CSVRow, _ key: CSVColumn, diagnostics: inout Diagnostics) -> ValueTextParser.Cell {
        let text = row.text(key)
        if let cell = ValueTextParser.cell(text) { return cell }
        diagnostics.error("\(row.column(key)): expected \(ValueTextParser.expectedValue); found '\(text)'",
                          at: row.location(key))
        return .blank
    }
}
