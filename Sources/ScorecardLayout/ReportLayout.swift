/// Lays out a committee cover report in its house style. Pure: measuring goes through `measurer`.
public struct ReportLayout<Measurer: TextMeasurer> {
    public var style: ReportStyle
    public var measurer: Measurer

    public init(style: ReportStyle, measurer: Measurer) { self.style = style; self.measurer = measurer }

    var content: Rect { style.page.contentRect }
    /// Left edge and width of the text column, right of the paragraph-number column.
    var textX: Length { content.minX + style.numberColumnWidth }
    var textWidth: Length { content.width - style.numberColumnWidth }

    /// Lays out the whole report: field table, preamble, numbered body, then running footers.
    public func layout(_ report: CoverReport, metadata: DocumentMetadata) throws -> LaidOutDocument {
        guard textWidth.points > 20, style.fieldLabelWidth < content.width else {
            throw LayoutError.impossibleGeometry(
                "the text column is \(textWidth) wide after margins and number column; widen the page or reduce margins")
        }
        var flow: [FlowItem] = [.marker([.beginTag(.document)])]
        flow += fieldTable(report.headedPaper)
        flow.append(.block(rule(spaceBefore: style.ruleSpacing, label: "rule under the fields")))
        var warnings: [Diagnostic] = []
        for block in report.preamble {
            flow += blocks(for: block, x: content.minX, width: content.width, hang: false, warnings: &warnings)
        }
        if !report.preamble.isEmpty {
            flow.append(.block(rule(spaceBefore: style.paragraphSpacing, label: "rule under the summary")))
        }
        for block in report.body {
            flow += blocks(for: block, x: textX, width: textWidth, hang: true, warnings: &warnings)
        }
        flow.append(.marker([.endTag(.document)]))

        let paginator = try Paginator(pageSize: style.page.size, content: content)
        var pages = try paginator.paginate(flow)
        let footer = RunningFooter(template: style.footerTemplate, style: style.footerStyle,
                                   alignment: style.footerAlignment, baselineFromBottom: style.footerBaseline,
                                   left: content.minX, width: content.width)
        footer.apply(to: &pages, title: metadata.title, measurer: measurer)
        return LaidOutDocument(metadata: metadata, fontFamily: style.fontFamily, pages: pages, warnings: warnings)
    }

    // MARK: Field table

    func fieldTable(_ paper: HeadedPaper) -> [FlowItem] {
        var rows: [(String, StyledText, TextStyle)] = []
        let fromText = StyledText(paper.from.map { "\($0.name), \($0.role)" }.joined(separator: "\n"))
        rows.append(("From:", fromText, style.fieldValueStyle))
        rows.append(("To:", StyledText(paper.toLine), style.fieldValueStyle))
        if let decision = paper.decisionNumber {
            rows.append(("Decision No:", StyledText(decision), style.fieldValueStyle))
        }
        rows.append(("Subject:", StyledText(paper.subject), style.subjectStyle))
        rows.append(("Classification:", StyledText(paper.classification), style.fieldValueStyle))
        rows.append(("Past Pathway of Paper:", StyledText(paper.pastPathway), style.fieldValueStyle))
        rows.append(("Future Pathway of Paper:", StyledText(paper.futurePathway), style.fieldValueStyle))
        rows.append(("Electoral Division:", StyledText(paper.electoralDivision), style.fieldValueStyle))

        var flow: [FlowItem] = [.marker([.beginTag(.table), .beginTag(.tableBody)])]
        let valueX = content.minX + style.fieldLabelWidth
        let valueWidth = content.width - style.fieldLabelWidth
        for (index, (label, value, valueStyle)) in rows.enumerated() {
            let labelSet = SetText(StyledText(label), style: style.fieldLabelStyle,
                                   width: style.fieldLabelWidth - .pt(4), measurer: measurer)
            let valueSet = SetText(value, style: valueStyle, width: valueWidth, measurer: measurer)
            var items: [PageItem] = [.beginTag(.tableRow), .beginTag(.tableHeader(scope: .row))]
            items += labelSet.items(x: content.minX, top: .zero)
            items += [.endTag(.tableHeader(scope: .row)), .beginTag(.tableData)]
            items += valueSet.items(x: valueX, top: .zero)
            items += [.endTag(.tableData), .endTag(.tableRow)]
            flow.append(.block(Block(height: max(labelSet.height, valueSet.height),
                                     spaceBefore: index == 0 ? .zero : style.fieldRowSpacing,
                                     items: items, label: "field \(label)")))
        }
        flow.append(.marker([.endTag(.tableBody), .endTag(.table)]))
        return flow
    }

    func rule(spaceBefore: Length, label: String) -> Block {
        let y = style.ruleSpacing / 2
        return Block(height: style.ruleSpacing, spaceBefore: spaceBefore, items: [
            .beginArtifact,
            .line(from: Point(x: content.minX, y: y), to: Point(x: content.maxX, y: y),
                  width: style.ruleWidth, color: style.ruleColor),
            .endArtifact,
        ], label: label)
    }

    // MARK: Body blocks

    /// `warnings` receives the table layout's (rows too tall for a page, split).
    func blocks(for block: ReportBlock, x: Length, width: Length, hang: Bool, warnings: inout [Diagnostic]) -> [FlowItem] {
        switch block {
        case .heading(let number, let title, let level):
            return [.block(heading(number: number, title: title, level: level, hang: hang))]
        case .paragraph(let number, let text):
            let label = number.map { "paragraph \($0)" } ?? "paragraph starting “\(text.plainText.prefix(40))”"
            return paragraph(text, number: number, style: style.body, x: x, width: width,
                             spaceBefore: style.paragraphSpacing, label: label)
        case .quote(let paragraphs):
            let inset = style.quoteIndent
            return paragraphs.flatMap { text in
                paragraph(text, number: nil, style: style.quoteStyle, x: x + inset, width: width - inset * 2,
                          spaceBefore: style.paragraphSpacing, label: "quotation “\(text.plainText.prefix(40))”")
            }
        case .list(let list):
            return listBlocks(list, x: x, width: width)
        case .table(let table):
            return tableFlow(table, x: x, width: width, warnings: &warnings)
        }
    }

    /// A pipe table across the text column: a tagged header row (repeated on later pages) in bold,
    /// body rows never split, the body text style, the report's rule colour for the grid. Columns
    /// share the width in proportion to their widest unwrapped cell, each at least half an equal share,
    /// so short columns stay whole and long text wraps.
    func tableFlow(_ table: ReportTable, x: Length, width: Length, warnings: inout [Diagnostic]) -> [FlowItem] {
        let padding = Insets(all: .pt(3))
        let headerStyle = style.body.with(bold: true)
        let count = max(table.alignments.count, 1)
        let natural: [Double] = (0..<count).map { c in
            let header = c < table.header.count ? measurer.width(table.header[c], style: headerStyle) : .zero
            let body = table.rows.map { c < $0.count ? measurer.width($0[c], style: style.body) : .zero }.max() ?? .zero
            return (max(header, body) + padding.horizontal).points
        }
        let floor = width.points / Double(count) / 2
        let wanted = natural.map { max($0, floor) }
        let total = wanted.reduce(0, +)
        let columns = wanted.map { TableSpec.Column(width: .pt($0 / total * width.points)) }
        func cell(_ text: StyledText, _ c: Int, header: Bool) -> TableCell {
            TableCell(text, style: header ? headerStyle : style.body,
                      alignment: c < table.alignments.count ? table.alignments[c] : .left,
                      header: header ? .column : nil)
        }
        let line = table.location.map { " at line \($0.line)" } ?? ""
        let spec = TableSpec(
            columns: columns,
            headerRows: [TableRow(cells: table.header.enumerated().map { cell($1, $0, header: true) }, label: "header")],
            bodyRows: table.rows.enumerated().map { index, row in
                TableRow(cells: row.enumerated().map { cell($1, $0, header: false) }, label: "row \(index + 1)",
                         location: table.location)
            },
            cellPadding: padding, gridColor: style.ruleColor, gridWidth: .pt(0.5), minimumRowHeight: .zero,
            label: "table\(line)")
        // A row taller than most of a page (the header row repeats above it) is split between lines.
        var flow = TableLayout(measurer: measurer).flow(spec, x: x, maxRowHeight: content.height * 0.8, warnings: &warnings)
        if let first = flow.firstIndex(where: { if case .block = $0 { return true } else { return false } }),
           case .block(var block) = flow[first] {
            block.spaceBefore = style.paragraphSpacing
            flow[first] = .block(block)
        }
        return flow
    }

    func heading(number: String?, title: StyledText, level: Int, hang: Bool) -> Block {
        let headingStyle = style.headingStyle
        let titleX = hang ? textX : content.minX
        let set = SetText(title, style: headingStyle, width: content.maxX - titleX, measurer: measurer)
        let tag = StructureTag.heading(level: min(level, 6))
        var items: [PageItem] = [.beginTag(tag)]
        if let number {
            let numberSet = SetText(StyledText(number), style: headingStyle, width: nil, measurer: measurer)
            items += numberSet.items(x: content.minX, top: .zero)
        }
        items += set.items(x: titleX, top: .zero)
        items.append(.endTag(tag))
        let bookmarkTitle = [number, title.plainText].compactMap { $0 }.joined(separator: " ")
        items.insert(.bookmark(Bookmark(title: bookmarkTitle, level: 1, y: .zero)), at: 0)
        return Block(height: set.height + style.headingSpaceAfter, spaceBefore: style.headingSpaceBefore,
                     keepWithNext: true, items: items, label: "heading “\(bookmarkTitle)”")
    }

    /// A paragraph as blocks that break between lines but never leave one line alone.
    /// A number, when given, hangs in the number column left of `x`.
    func paragraph(_ text: StyledText, number: String?, style textStyle: TextStyle, x: Length, width: Length,
                   spaceBefore: Length, label: String, tag: StructureTag = .paragraph,
                   prefixItems: [PageItem] = [], suffixItems: [PageItem] = []) -> [FlowItem] {
        let set = SetText(text, style: textStyle, width: width, measurer: measurer)
        let groups = breakableLineGroups(count: max(set.lines.count, 1))
        var out: [FlowItem] = []
        for (g, range) in groups.enumerated() {
            var items: [PageItem] = []
            if g == 0 {
                items += prefixItems
                items.append(.beginTag(tag))
                if let number {
                    let numberSet = SetText(StyledText(number), style: textStyle, width: nil, measurer: measurer)
                    items += numberSet.items(x: content.minX, top: .zero)
                }
            }
            let lineRange = set.lines.isEmpty ? 0..<0 : range
            items += set.items(lines: lineRange, x: x, top: .zero)
            if g == groups.count - 1 {
                items.append(.endTag(tag))
                items += suffixItems
            }
            out.append(.block(Block(height: set.lineHeight * Double(range.count),
                                    spaceBefore: g == 0 ? spaceBefore : .zero,
                                    items: items, label: label)))
        }
        return out
    }

    func listBlocks(_ list: ListBlock, x: Length, width: Length) -> [FlowItem] {
        var out: [FlowItem] = [.marker([.beginTag(.list)])]
        let labelWidth = style.listLabelWidth
        for (index, item) in list.items.enumerated() {
            let labelSet = SetText(StyledText(list.label(at: index)), style: style.body, width: nil, measurer: measurer)
            var prefix: [PageItem] = [.beginTag(.listItem), .beginTag(.label)]
            prefix += labelSet.items(x: x, top: .zero)
            prefix.append(.endTag(.label))
            out += paragraph(item, number: nil, style: style.body, x: x + labelWidth, width: width - labelWidth,
                             spaceBefore: style.paragraphSpacing, label: "list item “\(item.plainText.prefix(40))”",
                             tag: .listBody, prefixItems: prefix, suffixItems: [.endTag(.listItem)])
        }
        out.append(.marker([.endTag(.list)]))
        return out
    }
}
