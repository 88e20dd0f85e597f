/// The Guidance Notes page as key tables: polarity, data period, RAG ratings, direction of travel,
/// incomplete data, data sources, abbreviations and contacts. Each key explains its marks in words.
public struct GuidanceNotesBuilder: Sendable {
    public var style: ScorecardStyle
    public init(style: ScorecardStyle) { self.style = style }

    /// A titled key: the title is a sub-heading, the entries a two-or-more-column table.
    public struct Key: Sendable {
        public var title: String
        public var table: TableSpec
    }

    public func keys(_ notes: GuidanceNotes, width: Length) -> [Key] {
        let t = style.table
        let body = t.cellStyle
        let codeWidth = Length.mm(32)
        let textWidth = min(style.keyTableWidth, width) - codeWidth
        func twoColumn(_ label: String, _ rows: [(TableCell, String)]) -> TableSpec {
            TableSpec(columns: [.init(width: codeWidth), .init(width: textWidth)], headerRows: [],
                      bodyRows: rows.enumerated().map { i, row in
                          var code = row.0
                          code.header = .row
                          return TableRow(cells: [code, TableCell(StyledText(row.1), style: body)], label: "entry \(i + 1)")
                      },
                      cellPadding: t.cellPadding, gridColor: t.gridColor, gridWidth: t.gridWidth,
                      minimumRowHeight: t.minimumRowHeight, label: "\(label) key")
        }
        func code(_ s: String) -> TableCell { TableCell(StyledText(s), style: body.with(bold: true)) }

        let ratings = IndicatorTableBuilder(style: style)
        var keys: [Key] = [
            Key(title: "Polarity", table: twoColumn("polarity", notes.polarityEntries.map { (code($0.0.code), $0.1) })),
            Key(title: "Data Period", table: twoColumn("data period", notes.dataPeriods.map { (code($0.code), $0.text) })),
            Key(title: "RAG Ratings", table: twoColumn("RAG", notes.ragEntries.map {
                (ratings.ratingCell($0.0, alignment: .center), $0.1)
            })),
            Key(title: "Direction of Travel (DoT)", table: twoColumn("direction of travel", notes.directionOfTravelEntries.map {
                (code(IndicatorTableBuilder.word($0.0)), $0.1)
            })),
        ]
        let incomplete = notes.incompleteData
        var supplied = TableCell("", style: body, fill: style.toBeSuppliedFill)
        supplied.hatched = true
        keys.append(Key(title: "Incomplete Data", table: twoColumn("incomplete data", [
            (code(ValueFormat.notAvailableText), incomplete.notAvailable),
            (supplied, incomplete.toBeSupplied),
            (TableCell(StyledText("74.3%", italic: true), style: body.with(italic: true)), incomplete.previousReportingYear),
        ])))
        keys.append(Key(title: "Direction of travel arrows", table: twoColumn("arrows", [
            (arrowCell(.up), "The figure went up since it was last reported"),
            (arrowCell(.down), "The figure went down since it was last reported"),
            (arrowCell(.level), "The figure did not change"),
        ])))
        if !notes.sourceCodes.isEmpty {
            keys.append(Key(title: "Data Sources", table: twoColumn("data sources", notes.sourceCodes.map { (code($0.code), $0.text) })))
        }
        if !notes.abbreviations.isEmpty {
            keys.append(Key(title: "Key to Abbreviations", table: twoColumn("abbreviations", notes.abbreviations.map { (code($0.code), $0.text) })))
        }
        if !notes.contacts.isEmpty {
            let w = min(style.keyTableWidth, width)
            let contactTable = TableSpec(
                columns: [.init(width: w * 0.25), .init(width: w * 0.35), .init(width: w * 0.15), .init(width: w * 0.25)],
                headerRows: [TableRow(cells: ["Name", "Role", "Telephone", "Email"].map {
                    TableCell(StyledText($0), style: t.headerStyle, fill: t.headerFill, header: .column)
                }, label: "header row")],
                bodyRows: notes.contacts.map { c in
                    TableRow(cells: [TableCell(StyledText(c.name), style: body, header: .row), TableCell(StyledText(c.role), style: body),
                                     TableCell(StyledText(c.phone), style: body),
                                     TableCell(StyledText([TextRun(c.email, link: "mailto:\(c.email)")]), style: body)],
                             label: "contact \(c.name)")
                },
                cellPadding: t.cellPadding, gridColor: t.gridColor, gridWidth: t.gridWidth,
                minimumRowHeight: t.minimumRowHeight, label: "contacts")
            keys.append(Key(title: "Management Information Contact Details", table: contactTable))
        }
        return keys
    }

    func arrowCell(_ direction: CellGraphic.ArrowDirection) -> TableCell {
        TableCell("", style: style.table.cellStyle, graphic: .arrow(direction, color: style.arrowColor))
    }
}
