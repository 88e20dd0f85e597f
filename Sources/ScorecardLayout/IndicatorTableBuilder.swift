/// Resolves a scorecard's indicators into a `TableSpec`: the column set, widths, alignment and header
/// labels of the house style; section heading rows; RAG cells with fill and word; DoT arrows; italic
/// previous-year figures; shaded to-be-supplied cells.
public struct IndicatorTableBuilder: Sendable {
    public var style: ScorecardStyle
    /// Threads that may build the rows of a long table at the same time (`SharedWork`).
    public var threads: Int
    public init(style: ScorecardStyle, threads: Int = 1) { self.style = style; self.threads = threads }

    /// Fewer indicators than this are always resolved on one thread.
    static var indicatorsWorthSharing: Int { 200 }

    /// Widths of the style's columns across `width`: fixed columns as written, fill columns share the rest.
    public func columnWidths(totalWidth: Length) -> [Length] {
        let fixed = style.columns.reduce(Length.zero) { sum, c in
            if case .fixed(let w) = c.width { return sum + w } else { return sum }
        }
        let fills = style.columns.filter { $0.width == .fill }.count
        let share = fills > 0 ? max(.zero, totalWidth - fixed) / Double(fills) : .zero
        return style.columns.map { c in
            if case .fixed(let w) = c.width { return w } else { return share }
        }
    }

    public func table(_ scorecard: Scorecard, width: Length) -> TableSpec {
        let t = style.table
        let header = TableRow(cells: style.columns.map { column in
            TableCell(StyledText(column.header), style: t.headerStyle, alignment: column.alignment,
                      fill: t.headerFill, header: .column)
        }, label: "header row")
        let indicatorRows = SharedWork.map(scorecard.sections.flatMap(\.indicators), workers: threads, chunkSize: 64,
                                           minimumItems: Self.indicatorsWorthSharing) { _, indicator in
            TableRow(cells: style.columns.map { cell(for: $0, indicator) },
                     label: "row \(indicator.ref.isEmpty ? String(indicator.name.prefix(40)) : indicator.ref)",
                     location: indicator.location)
        }
        var rows: [TableRow] = []
        rows.reserveCapacity(indicatorRows.count + scorecard.sections.count)
        var next = 0
        for section in scorecard.sections {
            rows.append(TableRow(cells: [TableCell(StyledText(section.title), style: t.sectionStyle, fill: t.sectionFill,
                                                   extraColumns: style.columns.count - 1, header: .row)],
                                 keepWithNext: true, label: "section “\(section.title)”", bookmark: section.title))
            rows += indicatorRows[next..<(next + section.indicators.count)]
            next += section.indicators.count
        }
        return TableSpec(columns: columnWidths(totalWidth: width).map { .init(width: $0) },
                         headerRows: [header], bodyRows: rows, cellPadding: t.cellPadding,
                         gridColor: t.gridColor, gridWidth: t.gridWidth, minimumRowHeight: t.minimumRowHeight,
                         label: "indicator table")
    }

    func cell(for column: IndicatorColumn, _ indicator: Indicator) -> TableCell {
        let body = style.table.cellStyle
        func text(_ s: String, italic: Bool = false) -> TableCell {
            TableCell(StyledText(s), style: italic ? body.with(italic: true) : body, alignment: column.alignment)
        }
        switch column.field {
        case .ref: return text(indicator.ref)
        case .indicator:
            var c = text(indicator.name)
            c.header = .row
            return c
        case .polarity: return text(indicator.polarity?.code ?? "")
        case .period: return text(indicator.period?.code ?? "")
        case .previous: return valueCell(indicator.previous, indicator: indicator, column: column)
        case .current: return valueCell(indicator.current, indicator: indicator, column: column)
        case .rag: return ratingCell(indicator.rag, alignment: column.alignment)
        case .dot: return directionCell(indicator.directionOfTravel, movement: indicator.movement, column: column)
        case .target:
            let tolerance = indicator.polarity == .onTarget && indicator.tolerance != nil ? " (\(indicator.formattedTolerance))" : ""
            return text(indicator.formattedTarget + tolerance)
        case .floor: return text(indicator.formattedFloor)
        case .england: return text(indicator.formatted(indicator.comparators.england))
        case .southEast: return text(indicator.formatted(indicator.comparators.southEast))
        case .statNeighbours: return text(indicator.formatted(indicator.comparators.statisticalNeighbours))
        case .source: return text(indicator.source ?? "")
        case .note: return text(indicator.note)
        }
    }

    func valueCell(_ value: ReportedValue, indicator: Indicator, column: IndicatorColumn) -> TableCell {
        let body = style.table.cellStyle
        var cell = TableCell(StyledText(indicator.formatted(value.value)),
                             style: value.isPreviousReportingYear ? body.with(italic: true) : body,
                             alignment: column.alignment)
        if value.value == .toBeSupplied {
            cell.fill = style.toBeSuppliedFill
            cell.hatched = true
        }
        return cell
    }

    /// A RAG cell: strong fill, the rating word in a colour with enough contrast, never colour alone.
    public func ratingCell(_ rating: RAGRating?, alignment: TextAlignment) -> TableCell {
        guard let rating else { return TableCell("", style: style.table.cellStyle, alignment: alignment) }
        let colors = self.colors(rating)
        var s = style.table.cellStyle.with(bold: true)
        s.color = colors.text
        return TableCell(StyledText(rating.word), style: s, alignment: alignment, fill: colors.fill)
    }

    public func colors(_ rating: RAGRating) -> RatingColors {
        switch rating {
        case .red: return style.red
        case .amber: return style.amber
        case .green: return style.green
        }
    }

    /// A DoT cell: a vector arrow for the movement and the direction in words.
    public func directionCell(_ direction: DirectionOfTravel?, movement: Movement?, column: IndicatorColumn) -> TableCell {
        guard let direction else { return TableCell("", style: style.table.cellStyle, alignment: column.alignment) }
        let arrow: CellGraphic.ArrowDirection
        switch movement ?? .level {
        case .up: arrow = .up
        case .down: arrow = .down
        case .level: arrow = .level
        }
        return TableCell(StyledText(Self.word(direction)), style: style.table.cellStyle, alignment: .left,
                         graphic: .arrow(arrow, color: style.arrowColor))
    }

    /// The short word printed beside a DoT arrow.
    public static func word(_ direction: DirectionOfTravel) -> String {
        switch direction {
        case .improved: return "Improved"
        case .worsened: return "Worsened"
        case .same: return "Same"
        }
    }
}
