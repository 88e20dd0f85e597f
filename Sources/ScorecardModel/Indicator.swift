import Foundation

/// The period a figure covers (the Data Period column).
///
/// The five KCC codes are cases. Any other code is kept as written (`.other`), so a clerk can use a
/// new code as long as the Guidance Notes' data-period key explains it; parsers warn about it.
public enum DataPeriod: Hashable, Sendable {
    /// R12M: rolling 12 months.
    case rolling12Months
    /// MS: monthly snapshot.
    case monthlySnapshot
    /// YTD: year to date (financial or academic).
    case yearToDate
    /// Q: quarterly.
    case quarterly
    /// A: annual (academic or financial year).
    case annual
    /// Any other code, as written.
    case other(String)

    public static let standard: [DataPeriod] = [.rolling12Months, .monthlySnapshot, .yearToDate, .quarterly, .annual]

    /// The code printed in the Data Period column.
    public var code: String {
        switch self {
        case .rolling12Months: return "R12M"
        case .monthlySnapshot: return "MS"
        case .yearToDate: return "YTD"
        case .quarterly: return "Q"
        case .annual: return "A"
        case .other(let s): return s
        }
    }

    /// Default Guidance Notes wording for the standard codes.
    public var keyText: String? {
        switch self {
        case .rolling12Months: return "Rolling 12 months"
        case .monthlySnapshot: return "Monthly snapshot"
        case .yearToDate: return "Year to date"
        case .quarterly: return "Quarterly"
        case .annual: return "Annual (academic or financial year)"
        case .other: return nil
        }
    }

    /// A standard code (case-insensitive) or `.other` with the text as written.
    public init(code: String) {
        let upper = code.uppercased()
        self = DataPeriod.standard.first { $0.code == upper } ?? .other(code)
    }

    public var isStandard: Bool { if case .other = self { return false }; return true }
}

/// Benchmark figures printed beside an indicator.
public struct Comparators: Hashable, Sendable {
    public var england: IndicatorValue
    public var southEast: IndicatorValue
    public var statisticalNeighbours: IndicatorValue

    public init(england: IndicatorValue = .blank, southEast: IndicatorValue = .blank,
                statisticalNeighbours: IndicatorValue = .blank) {
        self.england = england; self.southEast = southEast; self.statisticalNeighbours = statisticalNeighbours
    }
}

/// One row of a scorecard's indicator table.
///
/// `rag` and `directionOfTravel` are what the scorecard prints: the supplied value when the MI team
/// wrote one (published scorecards are authoritative), otherwise the value computed by the rules in
/// `RatingRule` and `DirectionOfTravelRule`.
public struct Indicator: Hashable, Sendable {
    public var section: String
    /// Short code such as "EY01" or "SCS03"; may be empty.
    public var ref: String
    /// The indicator description (free text, wraps).
    public var name: String
    /// nil for an activity indicator (never rated).
    public var polarity: Polarity?
    public var period: DataPeriod?
    public var format: ValueFormat
    public var previous: ReportedValue
    public var current: ReportedValue
    public var target: Decimal?
    public var floor: FloorStandard?
    /// T only: the GREEN half-width around the target.
    public var tolerance: Decimal?
    public var comparators: Comparators
    /// Data-source scorecard code (EY, SEND, SCS, …), explained in the Guidance Notes.
    public var source: String?
    /// Free-text note, e.g. provenance. Not printed by default.
    public var note: String
    /// RAG written in the input; nil means "compute it".
    public var suppliedRAG: RAGRating?
    /// DoT written in the input; nil means "compute it".
    public var suppliedDirectionOfTravel: DirectionOfTravel?
    /// Where the row came from, for later diagnostics.
    public var location: SourceLocation?

    public init(section: String, ref: String, name: String, polarity: Polarity?, period: DataPeriod?,
                format: ValueFormat, previous: ReportedValue = .blank, current: ReportedValue = .blank,
                target: Decimal? = nil, floor: FloorStandard? = nil, tolerance: Decimal? = nil,
                comparators: Comparators = Comparators(), source: String? = nil, note: String = "",
                suppliedRAG: RAGRating? = nil, suppliedDirectionOfTravel: DirectionOfTravel? = nil,
                location: SourceLocation? = nil) {
        self.section = section; self.ref = ref; self.name = name; self.polarity = polarity
        self.period = period; self.format = format; self.previous = previous; self.current = current
        self.target = target; self.floor = floor; self.tolerance = tolerance
        self.comparators = comparators; self.source = source; self.note = note
        self.suppliedRAG = suppliedRAG; self.suppliedDirectionOfTravel = suppliedDirectionOfTravel
        self.location = location
    }

    public var unit: ValueUnit { format.unit }
    public var decimals: Int { format.decimals }
    /// An activity (context) indicator: no polarity, never rated.
    public var isActivity: Bool { polarity == nil }

    /// The RAG rule, or nil when the indicator cannot be rated (no polarity or no target).
    public var ratingRule: RatingRule? {
        RatingRule(polarity: polarity, target: target, floor: floor, tolerance: tolerance, decimals: format.decimals)
    }

    /// The rating the rules give the current value.
    public var computedRAG: RAGRating? { ratingRule?.rate(current.value) }
    /// The direction of travel the rules give.
    public var computedDirectionOfTravel: DirectionOfTravel? {
        DirectionOfTravelRule.direction(previous: previous.value, current: current.value, polarity: polarity,
                                        target: target, decimals: format.decimals)
    }
    /// The printed rating: supplied, else computed.
    public var rag: RAGRating? { suppliedRAG ?? computedRAG }
    /// The printed direction of travel: supplied, else computed.
    public var directionOfTravel: DirectionOfTravel? { suppliedDirectionOfTravel ?? computedDirectionOfTravel }
    /// Which way the printed figure moved (for the arrow glyph).
    public var movement: Movement? {
        DirectionOfTravelRule.movement(previous: previous.value, current: current.value, decimals: format.decimals)
    }

    /// A value printed in this indicator's format ("74.3%", "−0.06", "N/A", "").
    public func formatted(_ value: IndicatorValue, includeUnit: Bool = true) -> String {
        format.string(for: value, includeUnit: includeUnit)
    }
    public var formattedTarget: String { target.map { format.string(for: $0) } ?? "" }
    public var formattedFloor: String { floor?.formatted(format) ?? "" }
    public var formattedTolerance: String { tolerance.map { "±" + format.string(for: $0) } ?? "" }
}
