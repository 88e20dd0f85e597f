import Testing
@testable import ScorecardLayout

private let cellStyle = TextStyle(size: .pt(10), leading: 1.2)
private let headStyle = cellStyle.with(bold: true)

/// A table of `rows` body rows in sections of `perSection`, each section opened by a heading row.
private func sampleTable(rows: Int, perSection: Int = 10, longNameEvery: Int = 0) -> TableSpec {
    let columns = [TableSpec.Column(width: .pt(60)), .init(width: .pt(200)), .init(width: .pt(60))]
    let header = TableRow(cells: [
        TableCell("Ref", style: headStyle, header: .column),
        TableCell("Indicator", style: headStyle, header: .column),
        TableCell("Current", style: headStyle, alignment: .right, header: .column),
    ], label: "header")
    var body: [TableRow] = []
    for i in 0..<rows {
        if i % perSection == 0 {
            body.append(TableRow(cells: [TableCell(StyledText("Section \(i / perSection + 1)"), style: headStyle,
                                                   extraColumns: 2, header: .row)],
                                 keepWithNext: true, label: "section \(i / perSection + 1)",
                                 bookmark: "Section \(i / perSection + 1)"))
        }
        let name = longNameEvery > 0 && i % longNameEvery == 0
            ? String(repeating: "long indicator name ", count: 8) : "Indicator \(i)"
        body.append(TableRow(cells: [
            TableCell(StyledText("R\(i)"), style: cellStyle),
            TableCell(StyledText(name), style: cellStyle, header: .row),
            TableCell(StyledText("\(i).0"), style: cellStyle, alignment: .right),
        ], label: "row R\(i)"))
    }
    return TableSpec(columns: columns, headerRows: [header], bodyRows: body,
                     cellPadding: Insets(all: .pt(3)), gridColor: .black, gridWidth: .pt(0.5),
                     minimumRowHeight: .pt(14), label: "test table")
}

private func lines(_ page: Page) -> [PlacedLine] {
    page.items.compactMap { if case .text(let l) = $0 { return l } else { return nil } }
}

@Suite struct TableLayoutTests {
    let pageSize = Size.a4Landscape
    let content = Rect(x: .mm(15), y: .mm(15), width: .mm(267), height: .mm(175))

    func paginate(_ table: TableSpec) throws -> [Page] {
        var warnings: [Diagnostic] = []
        let flow = TableLayout(measurer: FixedAdvanceMeasurer()).flow(table, x: content.minX, maxRowHeight: content.height - .pt(30),
                                                                      warnings: &warnings)
        return try Paginator(pageSize: pageSize, content: content).paginate(flow)
    }

    @Test func rowsSetOnSeveralThreadsGiveTheSameFlow() throws {
        let table = sampleTable(rows: 450, longNameEvery: 7)
        var w1: [Diagnostic] = [], w3: [Diagnostic] = []
        let one = TableLayout(measurer: FixedAdvanceMeasurer()).flow(table, x: content.minX, maxRowHeight: .pt(200), warnings: &w1)
        let three = TableLayout(measurer: FixedAdvanceMeasurer(), helpers: [FixedAdvanceMeasurer(), FixedAdvanceMeasurer()])
            .flow(table, x: content.minX, maxRowHeight: .pt(200), warnings: &w3)
        #expect(table.bodyRows.count >= TableLayout<FixedAdvanceMeasurer>.rowsWorthSharing)
        #expect(try Paginator(pageSize: pageSize, content: content).paginate(one)
            == Paginator(pageSize: pageSize, content: content).paginate(three))
        #expect(w1 == w3)
    }

    @Test func headerRowIsOnEveryPageAndTaggedOnlyOnce() throws {
        let pages = try paginate(sampleTable(rows: 200))
        #expect(pages.count > 3)
        for page in pages {
            #expect(lines(page).first?.plainText == "Ref")
        }
        let theadCount = pages.flatMap(\.items).filter { $0 == .beginTag(.tableHead) }.count
        #expect(theadCount == 1)
        // Later pages draw their header copy inside artifact markers.
        for page in pages.dropFirst() { #expect(page.items.first == .beginArtifact) }
    }

    @Test func everyBodyRowAppearsOnceAndWhole() throws {
        let pages = try paginate(sampleTable(rows: 150, longNameEvery: 7))
        var seen: [String] = []
        for page in pages {
            // A row's cells share one top; the ref line and its value line sit on the same baseline.
            let ls = lines(page)
            for l in ls where l.plainText.hasPrefix("R") && Int(l.plainText.dropFirst()) != nil {
                seen.append(l.plainText)
                let value = String(l.plainText.dropFirst()) + ".0"
                #expect(ls.contains { $0.plainText == value && $0.origin.y == l.origin.y }, "row \(l.plainText) split")
            }
        }
        #expect(seen == (0..<150).map { "R\($0)" })
    }

    @Test func aSectionHeadingIsNeverLastOnAPage() throws {
        for rows in [37, 38, 39, 40, 41, 42, 43, 44] {
            let pages = try paginate(sampleTable(rows: rows * 3, perSection: rows))
            for page in pages {
                let last = lines(page).last
                #expect(!(last?.plainText.hasPrefix("Section") ?? false))
            }
        }
    }

    @Test func aRowTallerThanAPageIsSplitWithAVisibleContinuation() throws {
        var table = sampleTable(rows: 3)
        table.bodyRows[2].cells[1].text = StyledText(String(repeating: "very long text ", count: 1200))
        let pages = try paginate(table)
        #expect(pages.count > 2)
        let words = Set(["very", "long", "text"])
        func isRowText(_ l: PlacedLine) -> Bool { l.plainText.split(separator: " ").allSatisfy { words.contains(String($0)) } }
        let piecesOnPages = pages.filter { lines($0).contains(where: isRowText) }.count
        let continued = pages.flatMap(lines).filter { $0.plainText == "(continued)" }
        #expect(piecesOnPages > 2)
        #expect(continued.count == piecesOnPages - 1)
        // The mark heads the cell that runs on (column 2), not the narrow first column.
        let columnTwo = content.minX + .pt(60) + table.cellPadding.left
        #expect(continued.allSatisfy { abs(($0.origin.x - columnTwo).points) < 0.01 && $0.width <= .pt(200) })
        let count = pages.flatMap(lines).filter(isRowText).map { $0.plainText.split(separator: " ").count }.reduce(0, +)
        #expect(count == 1200 * 3)
    }

    @Test func tagsBalanceAndCellsAreTaggedByKind() throws {
        let pages = try paginate(sampleTable(rows: 120))
        var stack: [StructureTag] = []
        var th = 0, td = 0
        for item in pages.flatMap(\.items) {
            switch item {
            case .beginTag(let t):
                stack.append(t)
                if case .tableHeader = t { th += 1 }
                if t == .tableData { td += 1 }
            case .endTag(let t): #expect(stack.popLast() == t)
            default: break
            }
        }
        #expect(stack.isEmpty)
        #expect(td == 120 * 2)
        #expect(th == 3 + 120 + 12) // column headers, row headers, section rows
    }

    /// Every edge of every cell is drawn on each page, and no line crosses a cell that spans columns
    /// (the section rows), whichever items draw them.
    @Test func gridDrawsEveryCellEdgeAndNeverCrossesASpanningCell() throws {
        let table = sampleTable(rows: 60, perSection: 7, longNameEvery: 5)
        let pages = try paginate(table)
        #expect(pages.count > 1)
        let edges = columnOffsets(table)
        struct Segment { var fixed: Double; var from: Double; var to: Double }
        for (number, page) in pages.enumerated() {
            var horizontal: [Segment] = [], vertical: [Segment] = []
            for item in page.items {
                switch item {
                case .stroke(let r, _, _):
                    horizontal += [Segment(fixed: r.minY.points, from: r.minX.points, to: r.maxX.points),
                                   Segment(fixed: r.maxY.points, from: r.minX.points, to: r.maxX.points)]
                    vertical += [Segment(fixed: r.minX.points, from: r.minY.points, to: r.maxY.points),
                                 Segment(fixed: r.maxX.points, from: r.minY.points, to: r.maxY.points)]
                case .line(let a, let b, _, _) where a.y == b.y:
                    horizontal.append(Segment(fixed: a.y.points, from: min(a.x, b.x).points, to: max(a.x, b.x).points))
                case .line(let a, let b, _, _) where a.x == b.x:
                    vertical.append(Segment(fixed: a.x.points, from: min(a.y, b.y).points, to: max(a.y, b.y).points))
                default: break
                }
            }
            func covered(_ segments: [Segment], at fixed: Double, from: Double, to: Double) -> Bool {
                // The union of the segments on this line covers [from, to].
                var reach = from
                for s in segments.filter({ abs($0.fixed - fixed) < 0.01 }).sorted(by: { $0.from < $1.from }) where s.from <= reach + 0.01 {
                    reach = max(reach, s.to)
                }
                return reach >= to - 0.01
            }
            // Row boundaries on the page: every y where horizontal lines cross the whole table.
            let rules = Set(horizontal.map(\.fixed)).filter { covered(horizontal, at: $0, from: edges.first!, to: edges.last!) }.sorted()
            for line in lines(page) {
                let y = line.origin.y.points
                guard let top = rules.last(where: { $0 < y }), let bottom = rules.first(where: { $0 > y }) else {
                    Issue.record("page \(number + 1): text '\(line.plainText)' is outside the grid"); continue
                }
                let spanning = line.plainText.hasPrefix("Section")
                #expect(covered(vertical, at: edges.first!, from: top, to: bottom), "page \(number + 1) left edge by '\(line.plainText)'")
                #expect(covered(vertical, at: edges.last!, from: top, to: bottom), "page \(number + 1) right edge by '\(line.plainText)'")
                for x in edges.dropFirst().dropLast() {
                    if spanning {
                        #expect(!vertical.contains { abs($0.fixed - x) < 0.01 && $0.from < bottom - 0.01 && $0.to > top + 0.01 },
                                "page \(number + 1): a line crosses '\(line.plainText)'")
                    } else {
                        #expect(covered(vertical, at: x, from: top, to: bottom), "page \(number + 1) column edge \(x) by '\(line.plainText)'")
                    }
                }
            }
        }
    }

    @Test func bodyRowsCarryTheirCellEdgesAsRulesAndHeaderRowsStrokeEachCell() {
        let table = sampleTable(rows: 3)
        var warnings: [Diagnostic] = []
        let flow = TableLayout(measurer: FixedAdvanceMeasurer()).flow(table, x: content.minX, maxRowHeight: .pt(400), warnings: &warnings)
        let blocks = flow.compactMap { if case .block(let b) = $0 { return b } else { return nil } }
        let edges = columnOffsets(table).map { Length.pt($0) }
        #expect(blocks.first?.rules == nil)
        #expect(blocks.first.map { $0.items.filter { if case .stroke = $0 { return true } else { return false } }.count } == 3)
        #expect(blocks[1].rules?.edges == [edges.first!, edges.last!]) // the section row spans every column
        #expect(blocks[2].rules?.edges == edges)
    }

    func columnOffsets(_ table: TableSpec) -> [Double] {
        var x = content.minX.points
        return [x] + table.columns.map { x += $0.width.points; return x }
    }

    @Test func arrowsAreVectorPolygonsPointingTheRightWay() {
        let up = ArrowShape.points(.up, centre: Point(x: .pt(50), y: .pt(50)), size: .pt(10))
        let tip = up.min { $0.y < $1.y }!
        #expect(tip.y == .pt(45))
        let down = ArrowShape.points(.down, centre: Point(x: .pt(50), y: .pt(50)), size: .pt(10))
        #expect(down.max { $0.y < $1.y }!.y == .pt(55))
    }
}
