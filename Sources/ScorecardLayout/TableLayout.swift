import Dispatch

/// Lays a `TableSpec` out as flow items: a tagged THead whose rows repeat (as artifacts) on every
/// later page, and TBody rows that are never split between pages. Cells are top-aligned: every
/// cell's first line sits on the row's first baseline.
public struct TableLayout<Measurer: TextMeasurer> {
    public var measurer: Measurer
    /// More measurers, each for one more thread setting body rows at the same time (they must
    /// measure exactly as `measurer` does, e.g. the same fonts through another Pango context, and
    /// each is used by one thread only). Empty: rows are set one after another.
    public var helpers: [Measurer]
    /// Fewer body rows than this are always set on one thread.
    public static var rowsWorthSharing: Int { 200 }

    public init(measurer: Measurer, helpers: [Measurer] = []) { self.measurer = measurer; self.helpers = helpers }

    /// - Parameters:
    ///   - x: left edge of the table.
    ///   - maxRowHeight: the tallest row a page can hold; a taller row is split between lines with
    ///     "(continued)" marks instead of failing.
    ///   - warnings: receives a warning for every row taller than a quarter of `maxRowHeight`
    ///     (text that had to wrap into an unusually tall row) and for every split row.
    public func flow(_ table: TableSpec, x: Length, maxRowHeight: Length, warnings: inout [Diagnostic]) -> [FlowItem] {
        let columnX = columnOffsets(table, x: x)
        var flow: [FlowItem] = [.marker([.beginTag(.table)])]
        if !table.headerRows.isEmpty {
            flow.append(.marker([.beginTag(.tableHead)]))
            var repeated: [Block] = []
            for row in table.headerRows {
                var block = rowBlock(row, table: table, columnX: columnX, ruled: false)
                block.keepWithNext = true
                flow.append(.block(block))
                repeated.append(block)
            }
            flow.append(.marker([.endTag(.tableHead)]))
            flow.append(.beginRepeatingHeader(Self.stack(repeated, label: "\(table.label) header")))
        }
        flow.append(.marker([.beginTag(.tableBody)]))
        let blocks = bodyBlocks(table, columnX: columnX)
        for (row, block) in zip(table.bodyRows, blocks) {
            let tall = "\(table.label) \(row.label) is \(Int(block.height.points.rounded())) pt tall"
            if block.height > maxRowHeight {
                let pieces = splitRow(row, table: table, columnX: columnX, maxHeight: maxRowHeight)
                warnings.append(.warning("\(tall), more than a page holds; it is split between lines into \(pieces.count) parts, marked “(continued)”",
                                         at: row.location))
                flow += pieces.map { .block($0) }
            } else {
                if block.height > maxRowHeight / 4 {
                    warnings.append(.warning("\(tall) because its text wraps onto many lines; consider shortening it", at: row.location))
                }
                flow.append(.block(block))
            }
        }
        flow.append(.marker([.endTag(.tableBody)]))
        if !table.headerRows.isEmpty { flow.append(.endRepeatingHeader) }
        flow.append(.marker([.endTag(.table)]))
        return flow
    }

    func columnOffsets(_ table: TableSpec, x: Length) -> [Length] {
        var offsets: [Length] = []
        var cx = x
        for c in table.columns { offsets.append(cx); cx += c.width }
        offsets.append(cx)
        return offsets
    }

    /// A row set as lines: each cell's text broken to its column width.
    struct SetRow {
        var cells: [(cell: TableCell, set: SetText, x: Length, width: Length)]
        var contentHeight: Length
    }

    func setRow(_ row: TableRow, table: TableSpec, columnX: [Length]) -> SetRow {
        var column = 0
        var cells: [(TableCell, SetText, Length, Length)] = []
        var tallest = Length.zero
        for cell in row.cells {
            let last = min(column + cell.extraColumns, table.columns.count - 1)
            let x = columnX[column]
            let width = columnX[last + 1] - x
            let available = width - table.cellPadding.horizontal - Self.graphicWidth(cell)
            let style = cell.shrinkToFitWords ? fittedStyle(cell, width: available) : cell.style
            let set = SetText(cell.text, style: style, width: available, measurer: measurer)
            cells.append((cell, set, x, width))
            tallest = max(tallest, set.height)
            column = last + 1
        }
        return SetRow(cells: cells, contentHeight: tallest)
    }

    /// The cell's style, made smaller if its longest word is wider than `width` (never below 5pt).
    func fittedStyle(_ cell: TableCell, width: Length) -> TextStyle {
        let longest = cell.text.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map { measurer.width(String($0), style: cell.style) }.max() ?? .zero
        guard longest > width, longest.points > 0 else { return cell.style }
        var style = cell.style
        style.size = max(.pt(5), cell.style.size * (width.points / longest.points) * 0.98)
        return style
    }

    /// Every body row as a block (`rowBlock`), in order: with helpers and enough rows, the rows are
    /// set by one thread per measurer at the same time, each taking runs of rows as it is free
    /// (`SharedWork`), so a helper whose fonts are still loading takes fewer.
    func bodyBlocks(_ table: TableSpec, columnX: [Length]) -> [Block] {
        let rows = table.bodyRows
        guard !helpers.isEmpty, rows.count >= Self.rowsWorthSharing else {
            return rows.map { rowBlock($0, table: table, columnX: columnX) }
        }
        let layouts = [self] + helpers.map { TableLayout(measurer: $0) }
        return SharedWork.map(rows, workers: layouts.count, chunkSize: Self.rowsPerRun) { worker, row in
            layouts[worker].rowBlock(row, table: table, columnX: columnX)
        }
    }

    /// Rows a thread sets before it takes more: small enough to balance the threads, large enough
    /// that taking them costs nothing.
    static var rowsPerRun: Int { 16 }

    /// One row as one unbreakable block: cell fills, tagged cell text, graphics, then the grid.
    /// A `ruled` row (a body row) draws only its top line (after its fills, as a cell box would) and
    /// leaves its sides, column lines and the run's last bottom line to its `rules`, shared with the
    /// rows next to it; otherwise (header rows) it strokes every cell's box.
    func rowBlock(_ row: TableRow, table: TableSpec, columnX: [Length], ruled: Bool = true) -> Block {
        let set = setRow(row, table: table, columnX: columnX)
        let height = max(set.contentHeight + table.cellPadding.vertical, table.minimumRowHeight)
        let rules = ruled ? columnRules(set, table: table) : nil
        let items = rowItems(set, lineRanges: set.cells.map { 0..<$0.set.lines.count }, height: height,
                             table: table, bookmark: row.bookmark, rules: rules)
        return Block(height: height, keepWithNext: row.keepWithNext, items: items, label: "\(table.label) \(row.label)",
                     rules: rules)
    }

    func rowItems(_ set: SetRow, lineRanges: [Range<Int>], height: Length, table: TableSpec,
                  bookmark: String?, rules: ColumnRules?) -> [PageItem] {
        var items: [PageItem] = []
        if let bookmark { items.append(.bookmark(Bookmark(title: bookmark, level: 2, y: .zero))) }
        // Fills first, as decoration, so text is drawn over them.
        items.append(.beginArtifact)
        for c in set.cells {
            let box = Rect(x: c.x, y: .zero, width: c.width, height: height)
            if let fill = c.cell.fill { items.append(.fill(box, fill)) }
            if c.cell.hatched { items += hatching(box, color: table.gridColor) }
        }
        items.append(.endArtifact)
        items.append(.beginTag(.tableRow))
        for (k, c) in set.cells.enumerated() {
            let tag: StructureTag = c.cell.header.map { .tableHeader(scope: $0) } ?? .tableData
            items.append(.beginTag(tag))
            let inner = Rect(x: c.x + table.cellPadding.left, y: table.cellPadding.top,
                             width: c.width - table.cellPadding.horizontal, height: height - table.cellPadding.vertical)
            let graphicWidth = Self.graphicWidth(c.cell)
            items += c.set.items(lines: lineRanges[k], x: inner.minX + graphicWidth, top: inner.minY,
                                 width: inner.width - graphicWidth, alignment: c.cell.alignment)
            if let graphic = c.cell.graphic, lineRanges[k].lowerBound == 0 {
                items += draw(graphic, in: inner, lineHeight: c.set.lineHeight, hasText: !c.set.lines.isEmpty)
            }
            items.append(.endTag(tag))
        }
        items.append(.endTag(.tableRow))
        items.append(.beginArtifact)
        items += rules.map { [$0.topLine()] } ?? grid(set, height: height, table: table)
        items.append(.endArtifact)
        return items
    }

    /// A row too tall for a page, cut between lines into blocks that each fit; every piece after the
    /// first carries a visible "(continued)" line at its top in the cell that runs on.
    func splitRow(_ row: TableRow, table: TableSpec, columnX: [Length], maxHeight: Length) -> [Block] {
        var set = setRow(row, table: table, columnX: columnX)
        let lineHeight = set.cells.map(\.set.lineHeight).max() ?? .pt(12)
        let linesPerPiece = max(1, Int(((maxHeight - table.cellPadding.vertical) / lineHeight.points).points) - 1)
        let maxLines = set.cells.map(\.set.lines.count).max() ?? 0
        var blocks: [Block] = []
        var start = 0
        var piece = 0
        // The mark goes at the top of the cell that runs on (the one with the most lines): it has the
        // room, where a narrow first column (a reference) would let the mark run into the next cell.
        let markCell = set.cells.indices.max { (set.cells[$0].set.lines.count, -$0) < (set.cells[$1].set.lines.count, -$1) } ?? 0
        let continuedRun = TextRun("(continued)", italic: true)
        let continuedWidth = measurer.width(StyledText([continuedRun]), style: set.cells[markCell].set.style)
        let continuedMark = LineBox(runs: [PositionedRun(run: continuedRun, x: .zero, width: continuedWidth)],
                                    width: continuedWidth)
        let original = set
        while start < maxLines {
            let end = min(start + linesPerPiece, maxLines)
            set = original
            var ranges: [Range<Int>] = []
            for k in set.cells.indices {
                let n = set.cells[k].set.lines.count
                var r = min(start, n)..<min(end, n)
                if piece > 0 && k == markCell {
                    set.cells[k].set.lines.insert(continuedMark, at: r.lowerBound)
                    r = r.lowerBound..<(r.upperBound + 1)
                }
                ranges.append(r)
            }
            let lines = ranges.map(\.count).max() ?? 0
            let height = lineHeight * Double(lines) + table.cellPadding.vertical
            let rules = columnRules(set, table: table)
            let items = rowItems(set, lineRanges: ranges, height: height, table: table,
                                 bookmark: piece == 0 ? row.bookmark : nil, rules: rules)
            blocks.append(Block(height: height, items: items, label: "\(table.label) \(row.label) (part \(piece + 1))",
                                rules: rules))
            start = end
            piece += 1
        }
        return blocks
    }

    /// The column edges of a row's cells (spanning cells have none inside them).
    func columnRules(_ set: SetRow, table: TableSpec) -> ColumnRules {
        ColumnRules(edges: set.cells.map(\.x) + [set.cells.last.map { $0.x + $0.width } ?? .zero],
                    width: table.gridWidth, color: table.gridColor)
    }

    func grid(_ set: SetRow, height: Length, table: TableSpec) -> [PageItem] {
        set.cells.map { c in
            .stroke(Rect(x: c.x, y: .zero, width: c.width, height: height), width: table.gridWidth, color: table.gridColor)
        }
    }

    func hatching(_ box: Rect, color: Color) -> [PageItem] {
        var items: [PageItem] = []
        let step = Length.pt(4)
        var offset = step
        while offset < box.width + box.height {
            let a = Point(x: box.minX + min(offset, box.width), y: box.minY + max(.zero, offset - box.width))
            let b = Point(x: box.minX + max(.zero, offset - box.height), y: box.minY + min(offset, box.height))
            items.append(.line(from: a, to: b, width: .pt(0.4), color: color))
            offset += step
        }
        return items
    }

    /// Room a cell's graphic takes left of its text: the arrow and a small gap.
    static func graphicWidth(_ cell: TableCell) -> Length {
        cell.graphic == nil ? .zero : cell.style.lineHeight * 0.8 + .pt(3)
    }

    /// The graphic sits in the first line box: left of the text when the cell has text, else centred.
    func draw(_ graphic: CellGraphic, in box: Rect, lineHeight: Length, hasText: Bool) -> [PageItem] {
        switch graphic {
        case .arrow(let direction, let color):
            let size = min(lineHeight * 0.8, box.width)
            let cx = hasText ? box.minX + size / 2 : box.minX + box.width / 2
            let cy = box.minY + lineHeight / 2
            return [.polygon(ArrowShape.points(direction, centre: Point(x: cx, y: cy), size: size), fill: color)]
        }
    }

    /// Stacks header blocks into one block, without structure tags (used for repeats).
    static func stack(_ blocks: [Block], label: String) -> Block {
        var items: [PageItem] = []
        var y = Length.zero
        for b in blocks {
            items += b.items.compactMap { item -> PageItem? in
                switch item {
                case .beginTag, .endTag, .bookmark, .beginArtifact, .endArtifact: return nil
                default: return item.offset(by: y)
                }
            }
            y += b.height
        }
        return Block(height: y, items: items, label: label)
    }
}

/// Vector arrows for direction of travel: a shaft and a head, drawn as one polygon.
public enum ArrowShape {
    public static func points(_ direction: CellGraphic.ArrowDirection, centre c: Point, size: Length) -> [Point] {
        let h = size / 2, shaft = size * 0.16, head = size * 0.45
        // An arrow pointing right, then rotated.
        let right: [(Double, Double)] = [
            (-h.points, -shaft.points), (h.points - head.points, -shaft.points), (h.points - head.points, -h.points * 0.9),
            (h.points, 0), (h.points - head.points, h.points * 0.9), (h.points - head.points, shaft.points),
            (-h.points, shaft.points),
        ]
        return right.map { (x, y) in
            switch direction {
            case .level: return Point(x: c.x + .pt(x), y: c.y + .pt(y))
            case .up: return Point(x: c.x + .pt(y), y: c.y - .pt(x))
            case .down: return Point(x: c.x - .pt(y), y: c.y + .pt(x))
            }
        }
    }
}
