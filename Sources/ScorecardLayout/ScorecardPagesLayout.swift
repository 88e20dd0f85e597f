/// Lays out a scorecard appendix: title page, "intentionally blank" page (so the Guidance Notes
/// fall on a right-hand page in duplex), Guidance Notes, indicator tables grouped by section, then
/// the district scorecards. A4 landscape by default; everything comes from the `ScorecardStyle`.
public struct ScorecardPagesLayout<Measurer: TextMeasurer> {
    public var style: ScorecardStyle
    public var measurer: Measurer
    /// Measurers for more threads setting indicator rows (see `TableLayout.helpers`).
    public var helpers: [Measurer]

    public init(style: ScorecardStyle, measurer: Measurer, helpers: [Measurer] = []) {
        self.style = style; self.measurer = measurer; self.helpers = helpers
    }

    var content: Rect { style.page.contentRect }

    /// The pages of `scorecard`. The intermediate table and flow are dropped on another thread
    /// (`BackgroundRelease`) as soon as they are used, so freeing them overlaps the steps after.
    public func layout(_ scorecard: Scorecard, metadata: DocumentMetadata) throws -> LaidOutDocument {
        let released = BackgroundRelease()
        let tables = TableLayout(measurer: measurer, helpers: helpers)
        let maxRow = content.height - style.table.minimumRowHeight * 4
        var warnings: [Diagnostic] = []
        var flow: [FlowItem] = [.marker([.beginTag(.document)])]
        flow += titlePage(scorecard.metadata)
        flow.append(.pageBreak)
        flow.append(.block(centredLine(style.blankPageText, style: style.blankPageStyle, label: "blank page")))
        flow.append(.pageBreak)

        flow.append(.block(heading("Guidance Notes", level: 1, bookmark: "Guidance Notes")))
        for key in GuidanceNotesBuilder(style: style).keys(scorecard.metadata.guidance, width: content.width) {
            flow.append(.block(heading(key.title, level: 2, bookmark: nil)))
            flow += tables.flow(key.table, x: content.minX, maxRowHeight: maxRow, warnings: &warnings)
        }

        if !scorecard.sections.isEmpty {
            flow.append(.pageBreak)
            flow.append(.block(heading(scorecard.metadata.title, level: 1, bookmark: "Indicators")))
            let table = IndicatorTableBuilder(style: style, threads: 1 + helpers.count).table(scorecard, width: content.width)
            flow += tables.flow(table, x: content.minX, maxRowHeight: maxRow, warnings: &warnings)
            released.release(consume table)
        }

        if !scorecard.districtMatrices.isEmpty {
            flow.append(.pageBreak)
            flow.append(.block(heading("District Scorecards", level: 1, bookmark: "District Scorecards")))
            for matrix in scorecard.districtMatrices {
                flow.append(.block(heading(matrix.title, level: 2, bookmark: matrix.title)))
                let table = DistrictMatrixBuilder(style: style).table(matrix, width: content.width)
                flow += tables.flow(table, x: content.minX, maxRowHeight: maxRow, warnings: &warnings)
            }
        }
        flow.append(.marker([.endTag(.document)]))

        var pages = try Paginator(pageSize: style.page.size, content: content).paginate(flow)
        released.release(consume flow)
        let footer = RunningFooter(template: style.footerTemplate, style: style.footerStyle,
                                   alignment: style.footerAlignment, baselineFromBottom: style.footerBaseline,
                                   left: content.minX, width: content.width)
        footer.apply(to: &pages, title: metadata.title, measurer: measurer)
        return LaidOutDocument(metadata: metadata, fontFamily: style.fontFamily, pages: pages, warnings: warnings)
    }

    /// Appendix label top right, then the title block: header line, title, release line, producer, date.
    func titlePage(_ meta: ScorecardMetadata) -> [FlowItem] {
        var items: [PageItem] = [.bookmark(Bookmark(title: "Title page", level: 1, y: .zero))]
        var y = Length.zero
        if let label = meta.appendixLabel {
            let set = SetText(StyledText(label), style: style.appendixLabelStyle, width: nil, measurer: measurer)
            items.append(.beginTag(.paragraph))
            items += set.items(x: content.minX, top: .zero, width: content.width, alignment: .right)
            items.append(.endTag(.paragraph))
            y = set.height
        }
        y = max(y, style.titleBlockOffset)
        let lines: [(String, TextStyle, StructureTag)] = [
            (meta.headerLine, style.headerLineStyle, .paragraph),
            (meta.title, style.titleStyle, .heading(level: 1)),
        ] + (meta.releaseLine.map { [($0, style.releaseLineStyle, StructureTag.paragraph)] } ?? []) + [
            (meta.producedByLine, style.producedByStyle, .paragraph),
            (meta.publicationDateLine, style.producedByStyle, .paragraph),
        ]
        for (text, textStyle, tag) in lines {
            let set = SetText(StyledText(text), style: textStyle, width: content.width, measurer: measurer)
            items.append(.beginTag(tag))
            items += set.items(x: content.minX, top: y, width: content.width, alignment: .left)
            items.append(.endTag(tag))
            y += set.height + style.blockSpacing
        }
        return [.block(Block(height: y, items: items, label: "title page"))]
    }

    func centredLine(_ text: String, style textStyle: TextStyle, label: String) -> Block {
        let set = SetText(StyledText(text), style: textStyle, width: content.width, measurer: measurer)
        let top = (content.height - set.height) / 2
        var items: [PageItem] = [.beginTag(.paragraph)]
        items += set.items(x: content.minX, top: top, width: content.width, alignment: .center)
        items.append(.endTag(.paragraph))
        return Block(height: top + set.height, items: items, label: label)
    }

    func heading(_ text: String, level: Int, bookmark: String?) -> Block {
        let textStyle = level == 1 ? style.headingStyle : style.subheadingStyle
        let set = SetText(StyledText(text), style: textStyle, width: content.width, measurer: measurer)
        var items: [PageItem] = []
        if let bookmark { items.append(.bookmark(Bookmark(title: bookmark, level: min(level, 2), y: .zero))) }
        items.append(.beginTag(.heading(level: level)))
        items += set.items(x: content.minX, top: .zero)
        items.append(.endTag(.heading(level: level)))
        return Block(height: set.height + style.blockSpacing / 2, spaceBefore: style.blockSpacing, keepWithNext: true,
                     items: items, label: "heading “\(text)”")
    }
}
