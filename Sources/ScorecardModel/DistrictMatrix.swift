import Foundation

/// The 12 Kent districts as they were named in 2017, in the scorecards' (alphabetical) order.
/// Shepway became Folkestone & Hythe in April 2018; Medway is a separate unitary authority.
public enum KentDistrict: String, Hashable, Sendable, CaseIterable {
    case ashford = "Ashford"
    case canterbury = "Canterbury"
    case dartford = "Dartford"
    case dover = "Dover"
    case gravesham = "Gravesham"
    case maidstone = "Maidstone"
    case sevenoaks = "Sevenoaks"
    case shepway = "Shepway"
    case swale = "Swale"
    case thanet = "Thanet"
    case tonbridgeAndMalling = "Tonbridge and Malling"
    case tunbridgeWells = "Tunbridge Wells"

    public var name: String { rawValue }

    /// Matches a header case-insensitively, ignoring extra spaces and accepting `&` for "and".
    public init?(name: String) {
        let key = KentDistrict.normalised(name)
        guard let match = KentDistrict.allCases.first(where: { KentDistrict.normalised($0.rawValue) == key }) else { return nil }
        self = match
    }

    public static func normalised(_ s: String) -> String {
        s.lowercased()
            .replacingOccurrences(of: "&", with: " and ")
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\t" })
            .joined(separator: " ")
    }
}

/// A column of a district matrix.
public enum DistrictColumn: Hashable, Sendable {
    case district(KentDistrict)
    /// A team column such as "DCYPS" (Disabled Children and Young People's Service).
    case team(String)
    /// The county total.
    case kent

    /// The header printed above the column.
    public var title: String {
        switch self {
        case .district(let d): return d.name
        case .team(let t): return t
        case .kent: return "Kent"
        }
    }
}

/// One indicator row of a district matrix: the indicator's rule plus one value per column.
public struct DistrictMatrixRow: Hashable, Sendable {
    public var ref: String
    public var name: String
    /// nil for an activity row (never rated).
    public var polarity: Polarity?
    public var target: Decimal?
    public var floor: FloorStandard?
    public var tolerance: Decimal?
    public var format: ValueFormat
    /// One value per column of the matrix, in the matrix's column order.
    public var cells: [IndicatorValue]
    public var location: SourceLocation?

    public init(ref: String, name: String, polarity: Polarity?, target: Decimal?, floor: FloorStandard?,
                tolerance: Decimal? = nil, format: ValueFormat, cells: [IndicatorValue], location: SourceLocation? = nil) {
        self.ref = ref; self.name = name; self.polarity = polarity; self.target = target; self.floor = floor
        self.tolerance = tolerance; self.format = format; self.cells = cells; self.location = location
    }

    public var ratingRule: RatingRule? {
        RatingRule(polarity: polarity, target: target, floor: floor, tolerance: tolerance, decimals: format.decimals)
    }
    /// The rating of each cell against the row's target and floor (nil where it cannot be rated).
    public var ratings: [RAGRating?] {
        let rule = ratingRule
        return cells.map { rule?.rate($0) }
    }
    public func formatted(_ value: IndicatorValue, includeUnit: Bool = true) -> String {
        format.string(for: value, includeUnit: includeUnit)
    }
    public var formattedTarget: String { target.map { format.string(for: $0) } ?? "" }
    public var formattedFloor: String { floor?.formatted(format) ?? "" }
}

/// A district scorecard: indicators (rows) by the 12 districts, optional team columns and Kent.
public struct DistrictMatrix: Hashable, Sendable {
    public var title: String
    /// Always the 12 districts in `KentDistrict.allCases` order, then team columns (input order),
    /// then Kent when the input has it.
    public var columns: [DistrictColumn]
    public var rows: [DistrictMatrixRow]

    public init(title: String, columns: [DistrictColumn], rows: [DistrictMatrixRow]) {
        self.title = title; self.columns = columns; self.rows = rows
    }

    /// The value of `row` in `column`, or nil if the matrix has no such column.
    public func value(row: Int, column: DistrictColumn) -> IndicatorValue? {
        guard let i = columns.firstIndex(of: column), rows.indices.contains(row), rows[row].cells.indices.contains(i) else { return nil }
        return rows[row].cells[i]
    }

    public func rating(row: Int, column: DistrictColumn) -> RAGRating? {
        guard let v = value(row: row, column: column) else { return nil }
        return rows[row].ratingRule?.rate(v)
    }
}
