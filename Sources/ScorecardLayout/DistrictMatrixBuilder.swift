/// Resolves a district matrix into a `TableSpec`: one row per indicator (its target and floor under
/// its name), one column per district, team and Kent; every rated cell is filled by its RAG and
/// carries the rating word under the figure, so no rating depends on colour alone.
public struct DistrictMatrixBuilder: Sendable {
    public var style: ScorecardStyle
    public init(style: ScorecardStyle) { self.style = style }

    public func table(_ matrix: DistrictMatrix, width: Length) -> TableSpec {
        let t = style.table
        let headerStyle = style.districtHeaderStyle
        let cellStyle = style.districtCellStyle
        let fixed = style.districtRefWidth + style.districtIndicatorWidth
        let valueWidth = (width - fixed) / Double(max(matrix.columns.count, 1))
        let columns = [TableSpec.Column(width: style.districtRefWidth), .init(width: style.districtIndicatorWidth)]
            + matrix.columns.map { _ in TableSpec.Column(width: valueWidth) }
        let titles = ["Ref", "Indicator"] + matrix.columns.map(\.title)
        let header = TableRow(cells: titles.enumerated().map { i, title in
            var cell = TableCell(StyledText(title), style: headerStyle, alignment: i < 2 ? .left : .center,
                                 fill: t.headerFill, header: .column)
            cell.shrinkToFitWords = true
            return cell
        }, label: "header row")
        let ratings = IndicatorTableBuilder(style: style)
        let rows = matrix.rows.enumerated().map { r, row in
            var cells = [
                TableCell(StyledText(row.ref), style: cellStyle),
                TableCell(StyledText(row.name + Self.thresholds(row)), style: cellStyle, header: .row),
            ]
            for column in matrix.columns {
                let value = matrix.value(row: r, column: column) ?? .blank
                var cell = TableCell(StyledText(row.formatted(value)), style: cellStyle, alignment: .center)
                if value == .toBeSupplied { cell.fill = style.toBeSuppliedFill; cell.hatched = true }
                if let rating = matrix.rating(row: r, column: column) {
                    let colors = ratings.colors(rating)
                    cell.fill = colors.fill
                    cell.style.color = colors.text
                    cell.text = StyledText([TextRun(row.formatted(value)), TextRun("\n" + rating.word, bold: true)])
                }
                if column == .kent { cell.style.bold = true }
                cells.append(cell)
            }
            return TableRow(cells: cells, label: "row \(row.ref.isEmpty ? row.name : row.ref)")
        }
        return TableSpec(columns: columns, headerRows: [header], bodyRows: rows, cellPadding: t.cellPadding,
                         gridColor: t.gridColor, gridWidth: t.gridWidth, minimumRowHeight: t.minimumRowHeight,
                         label: "district matrix “\(matrix.title)”")
    }

    /// "\nTarget 2.5% · Floor 3.5%" (or nothing for an activity row).
    static func thresholds(_ row: DistrictMatrixRow) -> String {
        var parts: [String] = []
        if !row.formattedTarget.isEmpty { parts.append("Target \(row.formattedTarget)") }
        if !row.formattedFloor.isEmpty { parts.append("Floor \(row.formattedFloor)") }
        return parts.isEmpty ? "" : "\n" + parts.joined(separator: " · ")
    }
}
