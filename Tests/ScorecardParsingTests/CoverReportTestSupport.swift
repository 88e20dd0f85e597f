import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing

/// Shared fixtures and helpers for the cover-report and layout tests.
enum CoverReportFixtures {
    static let frontMatter = """
    ---
    from:
      - name: Roger Gough
        role: Cabinet Member for Children, Young People and Education
      - name: Patrick Leeson
        role: Corporate Director for Children, Young People and Education
      - name: Andrew Ireland
        role: Corporate Director of Social Care, Health and Wellbeing
    to:
      committee: Children's, Young People and Education Cabinet Committee
      date: 2017-06-22
    subject: PERFORMANCE SCORECARDS
    classification: Unrestricted
    pastPathway: None
    futurePathway: None
    electoralDivision: All
    ---
    """

    /// The body of the 22 June 2017 paper, written the way authors are expected to write it.
    static let body = """

    **Summary:** The attached performance scorecards provide members with progress against targets set for key performance and activity indicators.

    **Recommendation:** The Children's, Young People and Education Cabinet Committee is asked to **NOTE** the two separate scorecards, for Education and Early Help, and for Specialist Children's Services and **CONSIDER** and **COMMENT** on the performance scorecards.

    # Introduction

    Appendix 2 Part 4 of the Kent County Council Constitution states that:

    > "Cabinet Committees shall review the performance of the functions of the Council that fall within the remit of the Cabinet Committee in relation to its policy objectives, performance targets and the customer experience."

    To this end, each Cabinet Committee receives performance scorecards.

    # Performance Scorecards for Children, Young People and Education

    The formation of the new integrated Children, Young People and Education (CYPE) directorate will bring together services which are currently supported by two Management Information teams.

    The Education and Early Help performance scorecard (Attached as Appendix 1) is produced by one Management Information team.

    # Recommendation

    **Recommendation:** The Children's, Young People and Education Cabinet Committee is asked to **NOTE** the two separate scorecards and **CONSIDER** and **COMMENT** on the performance scorecards.

    # Background Documents

    None

    # Contact details

    Katherine Atkinson, Head of Information and Intelligence (Education & Early Help), 03000 417013, <katherine.atkinson@kent.gov.uk>

    **Relevant Directors:** Stuart Collins, Interim Director Early Help and Preventative Services

    """

    static let report = frontMatter + "\n" + body
    static let unnumbered = ["Background Documents", "Contact details"]

    /// The repository's `Layouts/committee-report.yaml`.
    static var layoutURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Layouts/committee-report.yaml")
    }

    static func layoutText() throws -> String { try String(contentsOf: layoutURL, encoding: .utf8) }

    /// A report made of the standard front matter and `body`.
    static func parse(body: String, unnumbered: [String] = unnumbered) throws -> Parsed<CoverReport> {
        try CoverReportParser.parse(frontMatter + "\n" + body, file: "report.md", unnumberedSections: unnumbered)
    }

    /// The line (from 1) of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String, after: Int = 0) -> Int {
        let lines = text.components(separatedBy: "\n")
        for (i, line) in lines.enumerated() where i + 1 > after && line.contains(needle) { return i + 1 }
        Issue.record("'\(needle)' not found")
        return -1
    }

    /// The column (from 1) where `needle` starts on its line.
    static func column(of needle: String, in text: String) -> Int {
        for line in text.components(separatedBy: "\n") {
            if let range = line.range(of: needle) { return line.distance(from: line.startIndex, to: range.lowerBound) + 1 }
        }
        Issue.record("'\(needle)' not found")
        return -1
    }
}

/// Runs `body` and returns the `InputError` it throws; records an issue when it throws nothing else.
func inputError(_ sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> InputError? {
    do {
        try body()
        Issue.record("expected an InputError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

extension ReportBlock {
    var number: String? {
        switch self {
        case .heading(let number, _, _), .paragraph(let number, _): return number
        default: return nil
        }
    }

    /// A short text dump used to compare block sequences.
    var dump: String {
        switch self {
        case .heading(let number, let title, let level): return "H\(level) \(number ?? "-") \(title.plainText)"
        case .paragraph(let number, let text): return "P \(number ?? "-") \(text.plainText)"
        case .quote(let paragraphs): return "Q " + paragraphs.map(\.plainText).joined(separator: " | ")
        case .table(let table): return "T " + ([table.header] + table.rows).map { $0.map(\.plainText).joined(separator: " | ") }.joined(separator: " / ")
        case .list(let list):
            let kind: String
            switch list.kind {
            case .bullet: kind = "bullet"
            case .ordered(let start): kind = "ordered(\(start))"
            }
            return "L \(kind) " + list.items.map(\.plainText).joined(separator: " | ")
        }
    }
}
