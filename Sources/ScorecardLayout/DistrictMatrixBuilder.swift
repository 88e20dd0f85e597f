/// Resolves a district matrix into a `TableSpec`: indicator rows, one column per district, team and
/// Kent, every rated cell filled by its RAG with the rating word under the figure.
public struct DistrictMatrixBuilder: Sendable {
    public var style: ScorecardStyle
    public init(style: ScorecardStyle) { self.style = style }

    public func table(_ matrix: DistrictMatrix, width: Length) -> TableSpec {
        let t = style.table
        let fixed = style.districtRefWidth + style.districtIndicatorWidth
        let valueWidth = max(.pt(20), (width - fixed) / Double(max(matrix.columns.count + 2, 1)))
        var columns: [TableSpec.Column] = [.init(width: style.districtRefWidth), .init(width: style.districtIndicatorWidth),
                                           .init(width: valueWidth), .init(width: valueWidth)]
        columns += matrix.columns.map { _ in .init(width: valueWidth) }
        let headerTitles = ["Ref", "Indicator", "Target", "Floor"] + matrix.columns.map(\.title)
        let header = TableRow(cells: headerTitles.enumerated().map { i, title in
            TableCell(StyledText(title), style: t.headerStyle, alignment: i < 2 ? .left : .right,
                      fill: t.headerFill, header: .column)
        }, label: "header row")
        let ratings = IndicatorTableBuilder(style: style)
        let rows = matrix.rows.enumerated().map { r, row in
            var cells = [
                TableCell(StyledText(row.ref), style: t.cellStyle),
                TableCell(StyledText(row.name), style: t.cellStyle, header: .row),
                TableCell(StyledText(row.formattedTarget), style: t.cellStyle, alignment: .right),
                TableCell(StyledText(row.formattedFloor), style: t.cellStyle, alignment: .right),
            ]
            for column in matrix.columns {
                let value = matrix.value(row: r, column: column) ?? .blank
                var cell = TableCell(StyledText(row.formatted(value)), style: t.cellStyle, alignment: .right)
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
}
