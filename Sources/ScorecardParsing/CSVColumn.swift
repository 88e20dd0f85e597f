/// A column the indicator and district CSV formats know, named by its canonical key.
///
/// Rows are read through these cases rather than through their names, so reading a cell is an
/// array access (`CSVHeader.fieldIndex(_:)`) instead of hashing a string for every cell of every row.
enum CSVColumn: Int, CaseIterable, Sendable {
    case section, ref, indicator, polarity, period, previous, current, target, floor, england, unit, rag, dot, note
    case southeast, statneighbours, source, decimals, tolerance, prevyear, asat, prevasat

    /// The canonical (normalised) header name, as messages write it: "missing required column 'ref'".
    var key: String {
        switch self {
        case .section: return "section"
        case .ref: return "ref"
        case .indicator: return "indicator"
        case .polarity: return "polarity"
        case .period: return "period"
        case .previous: return "previous"
        case .current: return "current"
        case .target: return "target"
        case .floor: return "floor"
        case .england: return "england"
        case .unit: return "unit"
        case .rag: return "rag"
        case .dot: return "dot"
        case .note: return "note"
        case .southeast: return "southeast"
        case .statneighbours: return "statneighbours"
        case .source: return "source"
        case .decimals: return "decimals"
        case .tolerance: return "tolerance"
        case .prevyear: return "prevyear"
        case .asat: return "asat"
        case .prevasat: return "prevasat"
        }
    }
}
