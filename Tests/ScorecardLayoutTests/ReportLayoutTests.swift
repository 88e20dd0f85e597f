import Testing
@testable import ScorecardLayout

func testStyle(leftMargin: Length = .mm(20)) -> ReportStyle {
    let body = TextStyle(size: .pt(12), leading: 1.25)
    return ReportStyle(
        fontFamily: "Test Sans",
        page: PageSpec(size: .a4Portrait, margins: Insets(top: .mm(20), right: .mm(20), bottom: .mm(25), left: leftMargin)),
        body: body, paragraphSpacing: .pt(8), numberColumnWidth: .mm(12.5), quoteIndent: .mm(10),
        quoteStyle: body.with(italic: true), listLabelWidth: .mm(6),
        headingStyle: body.with(bold: true), headingSpaceBefore: .pt(14), headingSpaceAfter: .pt(6),
        fieldLabelWidth: .mm(55), fieldRowSpacing: .pt(6), fieldLabelStyle: body.with(bold: true),
        fieldValueStyle: body, subjectStyle: body.with(bold: true), ruleWidth: .pt(0.75), ruleColor: .black,
        ruleSpacing: .pt(12), unnumberedSections: ["Background Documents"],
        footerTemplate: "Page {page} of {pages}", footerStyle: TextStyle(size: .pt(9)), footerBaseline: .mm(12),
        footerAlignment: .right)
}

func testReport(paragraphs: Int = 3, sections: Int = 2) -> CoverReport {
    let paper = HeadedPaper(
        from: [Person(name: "Roger Gough", role: "Cabinet Member"), Person(name: "Patrick Leeson", role: "Corporate Director")],
        committee: "Children's, Young People and Education Cabinet Committee",
        meetingDate: CalendarDate(year: 2017, month: 6, day: 22)!, subject: "PERFORMANCE SCORECARDS",
        classification: "Unrestricted", pastPathway: "None", futurePathway: "None", electoralDivision: "All")
    var body: [ReportBlock] = []
    for s in 1...sections {
        body.append(.heading(number: "\(s).", title: StyledText("Section \(s)"), level: 1))
        for p in 1...paragraphs {
            body.append(.paragraph(number: "\(s).\(p)", text: StyledText(
                String(repeating: "w\(s).\(p) ", count: 60))))
        }
    }
    return CoverReport(headedPaper: paper,
                       preamble: [.paragraph(number: nil, text: StyledText([TextRun("Summary:", bold: true), TextRun(" The scorecards.")]))],
                       body: body, sourceFile: "test.md")
}

let testMetadata = DocumentMetadata(title: "Performance Scorecards", author: "A", subject: "S", keywords: [],
                                    creator: "test", date: 0)

func texts(_ pages: [Page]) -> [PlacedLine] {
    pages.flatMap { $0.items.compactMap { if case .text(let l) = $0 { return l } else { return nil } } }
}

@Suite struct ReportLayoutTests {
    let layout = ReportLayout(style: testStyle(), measurer: FixedAdvanceMeasurer())

    @Test func pagesAreA4AndTheFieldTableComesFirst() throws {
        let doc = try layout.layout(testReport(), metadata: testMetadata)
        #expect(doc.pages.allSatisfy { $0.size == .a4Portrait })
        #expect(abs(doc.pages[0].size.width.points - 595.28) < 0.01)
        #expect(abs(doc.pages[0].size.height.points - 841.89) < 0.01)
        let lines = texts([doc.pages[0]]).map(\.plainText)
        #expect(Array(lines.prefix(4)) == ["From:", "Roger Gough, Cabinet Member", "Patrick Leeson, Corporate Director", "To:"])
        #expect(lines.contains("PERFORMANCE SCORECARDS"))
    }

    @Test func numbersHangInTheNumberColumnBesideTheirFirstLine() throws {
        let style = testStyle()
        let doc = try layout.layout(testReport(), metadata: testMetadata)
        let lines = texts(doc.pages)
        let number = try #require(lines.first { $0.plainText == "1.1" })
        let first = try #require(lines.first { $0.plainText.hasPrefix("w1.1 ") })
        #expect(number.origin.y == first.origin.y)
        #expect(number.origin.x == style.page.margins.left)
        #expect(first.origin.x == style.page.margins.left + style.numberColumnWidth)
    }

    @Test func everyLineFitsInsideTheMarginsAndEveryPageHasAFooter() throws {
        let style = testStyle()
        let doc = try layout.layout(testReport(paragraphs: 12, sections: 4), metadata: testMetadata)
        #expect(doc.pages.count > 2)
        let content = style.page.contentRect
        for (i, page) in doc.pages.enumerated() {
            let lines = texts([page])
            #expect(lines.last?.plainText == "Page \(i + 1) of \(doc.pages.count)")
            for line in lines.dropLast() {
                #expect(line.origin.x >= content.minX && line.origin.x + line.width <= content.maxX + .pt(0.01))
                #expect(line.origin.y <= content.maxY && line.origin.y >= content.minY)
            }
        }
    }

    @Test func noHeadingIsLastOnAPageAndNoParagraphLeavesOneLineAlone() throws {
        let doc = try layout.layout(testReport(paragraphs: 9, sections: 6), metadata: testMetadata)
        for page in doc.pages {
            let lines = texts([page]).dropLast() // footer
            let body = lines.filter { !$0.style.bold }
            #expect(lines.last.map { !$0.style.bold } ?? true, "a heading ends a page")
            // Paragraph text of one paragraph on this page: never exactly one line of a multi-line paragraph.
            var counts: [String: Int] = [:]
            for l in body where l.plainText.hasPrefix("w") {
                counts[String(l.plainText.prefix(while: { $0 != " " })), default: 0] += 1
            }
            for (id, n) in counts { #expect(n >= 2, "paragraph \(id) has a single line on a page") }
        }
    }

    @Test func structureTagsNestAndBalanceAcrossPages() throws {
        let doc = try layout.layout(testReport(paragraphs: 12, sections: 4), metadata: testMetadata)
        var stack: [StructureTag] = []
        for page in doc.pages {
            for item in page.items {
                if case .beginTag(let t) = item { stack.append(t) }
                if case .endTag(let t) = item { #expect(stack.popLast() == t) }
            }
        }
        #expect(stack.isEmpty)
        #expect(doc.pages[0].items.first == .beginTag(.document))
    }

    @Test func sectionHeadingsBecomeBookmarks() throws {
        let doc = try layout.layout(testReport(sections: 3), metadata: testMetadata)
        let marks = doc.pages.flatMap { $0.items.compactMap { if case .bookmark(let b) = $0 { return b.title } else { return nil } } }
        #expect(marks == ["1. Section 1", "2. Section 2", "3. Section 3"])
    }

    @Test func aWiderMarginMovesTheText() throws {
        let wide = ReportLayout(style: testStyle(leftMargin: .mm(40)), measurer: FixedAdvanceMeasurer())
        let a = texts(try layout.layout(testReport(), metadata: testMetadata).pages)
        let b = texts(try wide.layout(testReport(), metadata: testMetadata).pages)
        #expect(a[0].origin.x == .mm(20))
        #expect(b[0].origin.x == .mm(40))
    }

    @Test func aParagraphTallerThanAPageIsSplitBetweenLines() throws {
        var report = testReport(paragraphs: 1, sections: 1)
        report.body.append(.paragraph(number: "1.2", text: StyledText(String(repeating: "long ", count: 5000))))
        let doc = try layout.layout(report, metadata: testMetadata)
        #expect(doc.pages.count > 5)
        let words = texts(doc.pages).filter { $0.plainText.hasPrefix("long") }
            .map { $0.plainText.split(separator: " ").count }.reduce(0, +)
        #expect(words == 5000)
    }

    /// A report table: a tagged THead with column headers, TBody rows of cells, all inside the text
    /// column, in the order written; columns share the width.
    @Test func aTableIsTaggedAndFitsTheTextColumn() throws {
        var report = testReport(paragraphs: 1, sections: 1)
        let table = ReportTable(header: [StyledText("Scorecard"), StyledText("Indicators")], alignments: [.left, .right],
                                rows: (1...30).map { [StyledText("Row \($0)"), StyledText("\($0 * 3)")] })
        report.body.append(.table(table))
        let doc = try layout.layout(report, metadata: testMetadata)
        let items = doc.pages.flatMap(\.items)
        var th = 0, td = 0, heads = 0
        // (The headed-paper field table before it has TD cells too: count from the THead on.)
        for item in items.drop(while: { $0 != .beginTag(.tableHead) }) {
            switch item {
            case .beginTag(.tableHeader(scope: .column)): th += 1
            case .beginTag(.tableData): td += 1
            case .beginTag(.tableHead): heads += 1
            default: break
            }
        }
        #expect(heads == 1 && th == 2 && td == 60, "\(heads) \(th) \(td)")
        let lines = texts(doc.pages)
        let x = layout.textX, right = layout.textX + layout.textWidth
        for line in lines where line.plainText.hasPrefix("Row ") || line.plainText == "Indicators" {
            #expect(line.origin.x >= x && line.origin.x + line.width <= right + .pt(0.01), "\(line.plainText)")
        }
        #expect(lines.filter { $0.plainText.hasPrefix("Row ") }.map(\.plainText) == (1...30).map { "Row \($0)" })
        // The numbers are right-aligned: they end at the same x.
        let ends = Set(lines.filter { Int($0.plainText) != nil }.map { ($0.origin.x + $0.width).points.rounded() })
        #expect(ends.count == 1)
    }
}
