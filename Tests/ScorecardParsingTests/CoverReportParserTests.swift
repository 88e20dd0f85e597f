import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing

@Suite("Cover report: front matter and body")
struct CoverReportParserTests {
    @Test("front matter fields arrive in the model")
    func frontMatterRoundTrip() throws {
        let parsed = try CoverReportParser.parse(CoverReportFixtures.report, file: "report.md",
                                                 unnumberedSections: CoverReportFixtures.unnumbered)
        let paper = parsed.value.headedPaper
        #expect(paper.from == [
            Person(name: "Roger Gough", role: "Cabinet Member for Children, Young People and Education"),
            Person(name: "Patrick Leeson", role: "Corporate Director for Children, Young People and Education"),
            Person(name: "Andrew Ireland", role: "Corporate Director of Social Care, Health and Wellbeing"),
        ])
        #expect(paper.committee == "Children's, Young People and Education Cabinet Committee")
        #expect(paper.meetingDate == CalendarDate(year: 2017, month: 6, day: 22))
        #expect(paper.toLine == "Children's, Young People and Education Cabinet Committee – 22 June 2017")
        #expect(paper.subject == "PERFORMANCE SCORECARDS")
        #expect(paper.classification == "Unrestricted")
        #expect(paper.pastPathway == "None")
        #expect(paper.futurePathway == "None")
        #expect(paper.electoralDivision == "All")
        #expect(paper.agendaItem == nil)
        #expect(paper.decisionNumber == nil)
        // Defaults: the title from the subject, the author from the names.
        #expect(paper.title == "Performance Scorecards")
        #expect(paper.author == "Roger Gough, Patrick Leeson, Andrew Ireland")
        #expect(paper.keywords == [])
        #expect(parsed.value.sourceFile == "report.md")
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    }

    @Test("optional front matter fields")
    func optionalFields() throws {
        let text = """
        ---
        from:
          - name: Roger Gough
            role: Cabinet Member
        to:
          committee: Children's, Young People and Education Cabinet Committee
          date: 2017-06-22
        subject: PERFORMANCE SCORECARDS
        classification: Unrestricted
        pastPathway: None
        futurePathway: None
        electoralDivision: All
        agendaItem: 6
        decisionNumber: 17/00123
        title: Performance Scorecards – June 2017
        author: Management Information, KCC
        keywords: [performance, scorecard, CYPE]
        ---
        Text.
        """
        let paper = try CoverReportParser.parse(text, file: "r.md", unnumberedSections: []).value.headedPaper
        #expect(paper.agendaItem == "6")
        #expect(paper.decisionNumber == "17/00123")
        #expect(paper.title == "Performance Scorecards – June 2017")
        #expect(paper.author == "Management Information, KCC")
        #expect(paper.keywords == ["performance", "scorecard", "CYPE"])
    }

    @Test("the 22 June 2017 paper numbers like the original")
    func seedNumbering() throws {
        let parsed = try CoverReportParser.parse(CoverReportFixtures.report, file: "report.md",
                                                 unnumberedSections: CoverReportFixtures.unnumbered)
        #expect(parsed.value.preamble.map(\.dump) == [
            "P - Summary: The attached performance scorecards provide members with progress against targets set for key performance and activity indicators.",
            "P - Recommendation: The Children's, Young People and Education Cabinet Committee is asked to NOTE the two separate scorecards, for Education and Early Help, and for Specialist Children's Services and CONSIDER and COMMENT on the performance scorecards.",
        ])
        let numbers = parsed.value.body.map { block -> String in
            if case .quote = block { return "quote" }
            return block.number ?? "-"
        }
        #expect(numbers == ["1.", "1.1", "quote", "1.2", "2.", "2.1", "2.2", "3.", "3.1", "4.", "-", "5.", "-", "-"])
        guard case .heading(_, let title, 1) = parsed.value.body[0] else {
            Issue.record("expected a heading, got \(parsed.value.body[0])")
            return
        }
        #expect(title.plainText == "Introduction")
        guard case .paragraph(_, let contact) = parsed.value.body[12] else {
            Issue.record("expected the contact paragraph")
            return
        }
        #expect(contact.runs.last == TextRun("katherine.atkinson@kent.gov.uk", link: "mailto:katherine.atkinson@kent.gov.uk"))
    }

    @Test("numbering: sections, paragraphs, sub-headings, quotes, lists, unnumbered sections")
    func numbering() throws {
        let body = """
        Preamble one.

        Preamble two.

        # Introduction

        First.

        > A quotation.
        >
        > Its second paragraph.

        Second.

        ## A sub-heading

        Third.

        # Details

        - apple
        - pear

        Fourth.

        3. three
        4. four

        ### Deep heading

        Fifth.

        #   BACKGROUND documents  

        None

        # Contact Details

        Ann Example, 03000 410000

        Second contact
        """
        let parsed = try CoverReportFixtures.parse(body: body, unnumbered: ["Background Documents", " contact details "])
        #expect(parsed.value.preamble.map(\.dump) == ["P - Preamble one.", "P - Preamble two."])
        #expect(parsed.value.body.map(\.dump) == [
            "H1 1. Introduction",
            "P 1.1 First.",
            "Q A quotation. | Its second paragraph.",
            "P 1.2 Second.",
            "H2 - A sub-heading",
            "P 1.3 Third.",
            "H1 2. Details",
            "L bullet apple | pear",
            "P 2.1 Fourth.",
            "L ordered(3) three | four",
            "H2 - Deep heading",
            "P 2.2 Fifth.",
            "H1 3. BACKGROUND documents",
            "P - None",
            "H1 4. Contact Details",
            "P - Ann Example, 03000 410000",
            "P - Second contact",
        ])
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    }

    @Test("quotes and lists in the preamble stay unnumbered")
    func preambleBlocks() throws {
        let parsed = try CoverReportFixtures.parse(body: "Intro.\n\n> Quoted.\n\n- one\n- two\n\n# First\n\nText.\n")
        #expect(parsed.value.preamble.map(\.dump) == ["P - Intro.", "Q Quoted.", "L bullet one | two"])
        #expect(parsed.value.body.map(\.dump) == ["H1 1. First", "P 1.1 Text."])
    }

    @Test("a sub-heading before the first section ends the preamble, unnumbered, with a warning")
    func subHeadingFirst() throws {
        let body = "Summary.\n\n## Note\n\nAside.\n\n# First\n\nText.\n"
        let parsed = try CoverReportFixtures.parse(body: body)
        #expect(parsed.value.preamble.map(\.dump) == ["P - Summary."])
        #expect(parsed.value.body.map(\.dump) == ["H2 - Note", "P - Aside.", "H1 1. First", "P 1.1 Text."])
        let warning = try #require(parsed.warnings.first)
        #expect(warning.location == ScorecardModel.SourceLocation(file: "report.md", line: 20, column: 1))
        #expect(warning.message.contains("before the first '#' section"))
    }

    @Test("bold, italic and links become styled runs")
    func inlineStyles() throws {
        let body = """
        # Recommendation

        The Committee is asked to **NOTE** the scorecards and **CONSIDER** and **COMMENT** on them; *italic* and ***both***.
        See [the minutes](https://democracy.kent.gov.uk/mgAi.aspx?ID=44882), <https://www.kent.gov.uk> or
        write to <info@kent.gov.uk> or [Ann](mailto:ann@example.org) – [**bold link**](https://example.org).
        """
        let parsed = try CoverReportFixtures.parse(body: body)
        guard case .paragraph("1.1", let text) = parsed.value.body[1] else {
            Issue.record("expected paragraph 1.1, got \(parsed.value.body)")
            return
        }
        #expect(text.runs == [
            TextRun("The Committee is asked to "),
            TextRun("NOTE", bold: true),
            TextRun(" the scorecards and "),
            TextRun("CONSIDER", bold: true),
            TextRun(" and "),
            TextRun("COMMENT", bold: true),
            TextRun(" on them; "),
            TextRun("italic", italic: true),
            TextRun(" and "),
            TextRun("both", bold: true, italic: true),
            TextRun(". See "),
            TextRun("the minutes", link: "https://democracy.kent.gov.uk/mgAi.aspx?ID=44882"),
            TextRun(", "),
            TextRun("https://www.kent.gov.uk", link: "https://www.kent.gov.uk"),
            TextRun(" or write to "),
            TextRun("info@kent.gov.uk", link: "mailto:info@kent.gov.uk"),
            TextRun(" or "),
            TextRun("Ann", link: "mailto:ann@example.org"),
            TextRun(" – "),
            TextRun("bold link", bold: true, link: "https://example.org"),
            TextRun("."),
        ])
    }

    @Test("line breaks, code, images and rules")
    func otherInlines() throws {
        let body = """
        # Section

        Soft
        break, hard\\
        break, two-space  
        break.

        Use `a < b && c` here and ![the KCC logo](logo.png) there.

        ---

            literal *code* block
            second line

        ```
        fenced **code**
        ```
        """
        let parsed = try CoverReportFixtures.parse(body: body)
        #expect(parsed.value.body.map(\.dump) == [
            "H1 1. Section",
            "P 1.1 Soft break, hard\nbreak, two-space\nbreak.",
            "P 1.2 Use a < b && c here and the KCC logo there.",
            "P 1.3 literal *code* block\nsecond line",
            "P 1.4 fenced **code**",
        ])
    }

    @Test("raw HTML is shown literally, never interpreted")
    func rawHTML() throws {
        let body = """
        # Section

        Some <b>bold?</b> text<br>here.

        <div class="box">
        **not bold**
        </div>

        - item with <i>tag</i>
        """
        let parsed = try CoverReportFixtures.parse(body: body)
        #expect(parsed.value.body.map(\.dump) == [
            "H1 1. Section",
            "P 1.1 Some <b>bold?</b> text<br>here.",
            "P 1.2 <div class=\"box\">\n**not bold**\n</div>",
            "L bullet item with <i>tag</i>",
        ])
        guard case .paragraph(_, let text) = parsed.value.body[1] else { return }
        #expect(text.runs.allSatisfy { !$0.bold && !$0.italic })
        #expect(parsed.warnings.count == 6)
        let htmlLine = CoverReportFixtures.line(of: "<div", in: CoverReportFixtures.frontMatter + "\n" + body)
        #expect(parsed.warnings.contains {
            $0.severity == .warning && $0.location?.line == htmlLine && $0.location?.column == 1
                && $0.message.contains("<div class=\"box\">")
        }, "\(parsed.warnings)")
    }

    @Test("&, <, > and quotes stay literal; every character survives")
    func literalCharacters() throws {
        let body = """
        # Section

        Tom & Jerry <3 > 2 "quoted" 'single' &amp; done & a&b.

        Children’s – £5 ✓ 😀 “curly” — 10% <= 20% \\*not emphasis\\*
        """
        let parsed = try CoverReportFixtures.parse(body: body)
        #expect(parsed.value.body.map(\.dump) == [
            "H1 1. Section",
            "P 1.1 Tom & Jerry <3 > 2 \"quoted\" 'single' & done & a&b.",
            "P 1.2 Children’s – £5 ✓ 😀 “curly” — 10% <= 20% *not emphasis*",
        ])
    }

    @Test("nested lists are flattened into the item with a warning")
    func nestedLists() throws {
        let body = """
        # Section

        1. First item

           continued
           - inner a
           - inner b
        2. Second
        """
        let parsed = try CoverReportFixtures.parse(body: body)
        guard case .list(let list) = parsed.value.body[1] else {
            Issue.record("expected a list, got \(parsed.value.body)")
            return
        }
        #expect(list.kind == .ordered(start: 1))
        #expect(list.items.map(\.plainText) == ["First item\ncontinued\n• inner a\n• inner b", "Second"])
        let warning = try #require(parsed.warnings.first)
        #expect(warning.message.contains("nested list"))
        let innerLine = CoverReportFixtures.line(of: "- inner a", in: CoverReportFixtures.frontMatter + "\n" + body)
        #expect(warning.location == ScorecardModel.SourceLocation(file: "report.md", line: innerLine, column: 4))
    }

    @Test("a heading written with its own number gets a warning")
    func manualNumberWarning() throws {
        let parsed = try CoverReportFixtures.parse(body: "# 1. Introduction\n\nText.\n")
        #expect(parsed.value.body.map(\.dump) == ["H1 1. 1. Introduction", "P 1.1 Text."])
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings.first?.message.contains("numbered automatically") == true)
    }

    @Test("Windows line endings and a byte-order mark are accepted")
    func crlfAndBOM() throws {
        let text = "\u{FEFF}" + CoverReportFixtures.report.replacingOccurrences(of: "\n", with: "\r\n")
        let parsed = try CoverReportParser.parse(text, file: "report.md", unnumberedSections: CoverReportFixtures.unnumbered)
        #expect(parsed.value.headedPaper.subject == "PERFORMANCE SCORECARDS")
        #expect(parsed.value.body.count == 14)
    }
}
