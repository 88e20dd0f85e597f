import Foundation

/// Which way is good for an indicator. An indicator without a polarity is an activity (context)
/// indicator: it is reported but never rated and has no direction of travel.
public enum Polarity: String, Hashable, Sendable, CaseIterable {
    /// H: higher is better.
    case higherIsBetter = "H"
    /// L: lower is better.
    case lowerIsBetter = "L"
    /// T: on target is best; rated by distance from the target (see `RatingRule`).
    case onTarget = "T"

    /// The one-letter code printed in the Polarity column.
    public var code: String { rawValue }

    /// KCC Guidance Notes wording.
    public var keyText: String {
        switch self {
        case .higherIsBetter: return "Higher is better – the aim is to achieve the highest number/percentage possible"
        case .lowerIsBetter: return "Lower is better – the aim is to achieve the lowest number/percentage possible"
        case .onTarget: return "On target is best – the aim is to stay close to the target set"
        }
    }

    /// Accepts `H`, `L` or `T`, case-insensitively.
    public init?(code: String) {
        self.init(rawValue: code.uppercased())
    }
}

/// A RAG rating.
public enum RAGRating: String, Hashable, Sendable, CaseIterable {
    case red, amber, green

    /// The word printed in the RAG cell, so the rating survives greyscale printing: "RED", "AMBER", "GREEN".
    public var word: String { rawValue.uppercased() }

    /// KCC Guidance Notes wording (QPR 2020/21 style).
    public var keyText: String {
        switch self {
        case .green: return "Target has been achieved"
        case .amber: return "Floor Standard achieved but Target has not been met"
        case .red: return "Floor Standard has not been achieved"
        }
    }

    /// Accepts `R`/`A`/`G` or `RED`/`AMBER`/`GREEN`, case-insensitively.
    public init?(text: String) {
        switch text.lowercased() {
        case "r", "red": self = .red
        case "a", "amber": self = .amber
        case "g", "green": self = .green
        default: return nil
        }
    }
}

/// Direction of travel: how the current value compares with the previously reported one, judged by
/// polarity. Any change visible at display precision counts, however small.
public enum DirectionOfTravel: String, Hashable, Sendable, CaseIterable {
    case improved, worsened, same

    /// KCC Guidance Notes wording (2019–2021 editions).
    public var keyText: String {
        switch self {
        case .improved: return "Performance has improved"
        case .worsened: return "Performance has worsened"
        case .same: return "Performance has remained the same"
        }
    }

    /// Accepts `improved`, `worsened`, `same` (or `unchanged`), case-insensitively.
    public init?(text: String) {
        switch text.lowercased() {
        case "improved", "improving": self = .improved
        case "worsened", "worsening": self = .worsened
        case "same", "unchanged", "remained the same": self = .same
        default: return nil
        }
    }
}

/// Which way the printed figure moved, for the DoT arrow glyph (up, down, level). Whether that is an
/// improvement is `DirectionOfTravel`.
public enum Movement: String, Hashable, Sendable, CaseIterable {
    case up, down, level
}

/// The floor standard of an indicator.
public enum FloorStandard: Hashable, Sendable {
    /// H and L: the floor value itself (H: the lowest acceptable value; L: the highest).
    case level(Decimal)
    /// T: the outer tolerance, a half-width around the target written `±5`: a value within
    /// target ± band has met the floor.
    case band(Decimal)

    public var level: Decimal? { if case .level(let v) = self { return v }; return nil }
    public var band: Decimal? { if case .band(let v) = self { return v }; return nil }

    /// "72.0%" or "±5.0" in the indicator's format.
    public func formatted(_ format: ValueFormat) -> String {
        switch self {
        case .level(let v): return format.string(for: v)
        case .band(let v): return "±" + format.string(for: v)
        }
    }
}

/// The RAG rule of one indicator: its polarity, target and floor.
///
/// Every comparison is made at display precision: the actual value, the target, the floor and the
/// bands are first rounded to the indicator's decimals (half away from zero), so 89.96 shown as
/// "90.0" against a target of 90.0 is GREEN.
///
/// * **H** (higher is better): GREEN if actual ≥ target; AMBER if floor ≤ actual < target;
///   RED if actual < floor. With no floor, anything below target is RED.
/// * **L** (lower is better): GREEN if actual ≤ target; AMBER if target < actual ≤ floor;
///   RED if actual > floor. With no floor, anything above target is RED.
/// * **T** (on target is best): with distance d = |actual − target|:
///   GREEN if d ≤ the green tolerance (the `tolerance` column, written `±2`; zero when not given,
///   so only an exact hit at display precision is GREEN);
///   AMBER if d ≤ the floor band (the `floor` column, written `±5`, the outer tolerance);
///   RED otherwise. Both bands are inclusive.
/// * No target, or no numeric value (N/A, to be supplied, blank) → no rating.
public struct RatingRule: Hashable, Sendable {
    public var polarity: Polarity
    public var target: Decimal
    public var floor: FloorStandard?
    /// T only: the GREEN half-width around the target. nil means zero.
    public var tolerance: Decimal?
    public var decimals: Int

    public init(polarity: Polarity, target: Decimal, floor: FloorStandard?, tolerance: Decimal? = nil, decimals: Int) {
        self.polarity = polarity; self.target = target; self.floor = floor
        self.tolerance = tolerance; self.decimals = decimals
    }

    /// The rule for an indicator, or nil when it cannot be rated (activity indicator or no target).
    public init?(polarity: Polarity?, target: Decimal?, floor: FloorStandard?, tolerance: Decimal?, decimals: Int) {
        guard let polarity, let target else { return nil }
        self.init(polarity: polarity, target: target, floor: floor, tolerance: tolerance, decimals: decimals)
    }

    private func r(_ v: Decimal) -> Decimal { ValueFormat.round(v, decimals: decimals) }

    /// The rating of `value`; nil when the value is not a number.
    public func rate(_ value: IndicatorValue) -> RAGRating? {
        guard let n = value.number else { return nil }
        return rate(n)
    }

    /// The rating of a number.
    public func rate(_ actual: Decimal) -> RAGRating {
        let a = r(actual), t = r(target)
        switch polarity {
        case .higherIsBetter:
            if a >= t { return .green }
            if let f = floor?.level.map(r), a >= f { return .amber }
            return .red
        case .lowerIsBetter:
            if a <= t { return .green }
            if let f = floor?.level.map(r), a <= f { return .amber }
            return .red
        case .onTarget:
            let d = r(abs(a - t))
            let green = r(tolerance.map { abs($0) } ?? 0)
            if d <= green { return .green }
            if let band = floor?.band.map({ r(abs($0)) }), d <= band { return .amber }
            return .red
        }
    }
}

/// The direction-of-travel rule.
public enum DirectionOfTravelRule {
    /// Compares `current` with `previous` at display precision.
    ///
    /// * H: up is improved, down is worsened. L: down is improved, up is worsened.
    /// * T: closer to the target is improved, further away is worsened, the same distance (even on the
    ///   other side of the target) is the same. Needs a target.
    /// * Equal printed values are "same". Any printed change counts, however small.
    /// * No polarity (activity indicator), or either value not a number (N/A, to be supplied, blank,
    ///   no previous value) → no direction of travel.
    public static func direction(previous: IndicatorValue, current: IndicatorValue, polarity: Polarity?,
                                 target: Decimal?, decimals: Int) -> DirectionOfTravel? {
        guard let polarity, let p = previous.number, let c = current.number else { return nil }
        let prev = ValueFormat.round(p, decimals: decimals)
        let curr = ValueFormat.round(c, decimals: decimals)
        switch polarity {
        case .higherIsBetter:
            return curr > prev ? .improved : curr < prev ? .worsened : .same
        case .lowerIsBetter:
            return curr < prev ? .improved : curr > prev ? .worsened : .same
        case .onTarget:
            guard let target else { return nil }
            let t = ValueFormat.round(target, decimals: decimals)
            let before = abs(prev - t), after = abs(curr - t)
            return after < before ? .improved : after > before ? .worsened : .same
        }
    }

    /// Which way the printed figure moved; nil unless both values are numbers.
    public static func movement(previous: IndicatorValue, current: IndicatorValue, decimals: Int) -> Movement? {
        guard let p = previous.number, let c = current.number else { return nil }
        let prev = ValueFormat.round(p, decimals: decimals), curr = ValueFormat.round(c, decimals: decimals)
        return curr > prev ? .up : curr < prev ? .down : .level
    }
}
