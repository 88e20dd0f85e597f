import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

@Suite("Markdown pipe tables in the cover report")
struct MarkdownPipeTableTests {
    func parse(_ text: String) -> (header: [String], alignments: [TextAlignment], rows: [[String]])? {
        MarkdownPipeTable.parse(text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    @Test func headerDelimiterAndRowsWithAlignments() throws {
        let table = try #require(parse("| Scorecard | Indicators | Red | Note |\n|---|---:|:-:|:--|\n| Education | 42 | 5 | ok |\n|Social care|38|7|"))
        #expect(table.header == ["Scorecard", "Indicators", "Red", "Note"])
        #expect(table.alignments == [.left, .right, .center, .left])
        // A short row gets empty cells; outer pipes are optional.
        #expect(table.rows == [["Education", "42", "5", "ok"], ["Social care", "38", "7", ""]])
    }

    @Test func escapedPipesStayInTheCellAndExtraCellsAreDropped() throws {
        let table = try #require(parse("a | b\n-- | --\nx \\| y | z | extra"))
        #expect(table.rows == [["x | y", "z"]])
        #expect(table.header == ["a", "b"])
    }

    @Test func textThatIsNotATableIsLeftAlone() {
        #expect(parse("Costs | benefits are weighed") == nil)                       // one line
        #expect(parse("| a | b |\n| plain text |") == nil)                          // no delimiter row
        #expect(parse("| a | b |\n|---|---|---|\n| 1 | 2 |") == nil)               // counts differ
        #expect(parse("a and b\n---") == nil)                                        // no pipe at all
        #expect(parse("| a | b |\n|---|-x-|") == nil)                              // not dashes
    }

    @Test func aReportTableKeepsInlineFormattingAndIsNeverNumbered() throws {
        let parsed = try CoverReportFixtures.parse(body: """
            # Performance

            The figures:

            | Scorecard | **Red** |
            |:--|--:|
            | *Education* | 5 |

            After the table.
            """)
        let body = parsed.value.body
        #expect(body.count == 4)
        guard case .table(let table) = body[2] else { Issue.record("expected a table, got \(body)"); return }
        #expect(table.header.map(\.plainText) == ["Scorecard", "Red"])
        #expect(table.header[1].runs == [TextRun("Red", bold: true)])
        #expect(table.rows[0][0].runs == [TextRun("Education", italic: true)])
        #expect(table.alignments == [.left, .right])
        #expect(table.location?.line == CoverReportFixtures.line(of: "| Scorecard", in: CoverReportFixtures.frontMatter + "\n" + """
            # Performance

            The figures:

            | Scorecard | **Red** |
            """))
        // Paragraph numbering goes on around it: 1.1 before, 1.2 after.
        guard case .paragraph("1.1", _) = body[1], case .paragraph("1.2", _) = body[3] else {
            Issue.record("numbering around the table: \(body)"); return
        }
    }
}
