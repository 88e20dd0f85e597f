import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing

/// Every front-matter error names the file, line and column (in the whole file) and the key.
@Suite("Cover report: located errors")
struct CoverReportErrorTests {
    static let valid = CoverReportFixtures.frontMatter + "\nText.\n"

    func parse(_ text: String) throws {
        _ = try CoverReportParser.parse(text, file: "report.md", unnumberedSections: [])
    }

    /// `valid` with one line replaced.
    func replacing(_ old: String, with new: String) -> String {
        precondition(Self.valid.contains(old))
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("missing front matter is reported at 1:1")
    func missingFrontMatter() throws {
        let error = try #require(inputError { try parse("# Introduction\n\nText.\n") })
        #expect(error.diagnostics.count == 1)
        #expect(error.description.hasPrefix("report.md:1:1: error: missing front matter"))

        let empty = try #require(inputError { try parse("") })
        #expect(empty.description.hasPrefix("report.md:1:1: error: missing front matter"))
    }

    @Test("unclosed or empty front matter")
    func unclosedFrontMatter() throws {
        let unclosed = try #require(inputError { try parse("---\nsubject: X\n\n# Heading\n") })
        #expect(unclosed.description.hasPrefix("report.md:1:1: error:"))
        #expect(unclosed.description.contains("never closed"))

        let empty = try #require(inputError { try parse("---\n---\nText.\n") })
        #expect(empty.description.hasPrefix("report.md:1:1: error: the front matter is empty"))
    }

    @Test("malformed YAML names the line in the whole file")
    func malformedYAML() throws {
        let text = replacing("subject: PERFORMANCE SCORECARDS", with: "subject: PERFORMANCE: SCORECARDS")
        let error = try #require(inputError { try parse(text) })
        let line = CoverReportFixtures.line(of: "subject:", in: text)
        #expect(line == 12)
        #expect(error.diagnostics.count == 1)
        #expect(error.description.hasPrefix("report.md:12:21: error: malformed YAML in the front matter"), "\(error)")

        let tab = replacing("  date: 2017-06-22", with: "\tdate: 2017-06-22")
        let tabError = try #require(inputError { try parse(tab) })
        #expect(tabError.description.hasPrefix("report.md:11:"), "\(tabError)")
        #expect(tabError.description.contains("malformed YAML"))
    }

    @Test("duplicate keys are errors")
    func duplicateKey() throws {
        let text = replacing("classification: Unrestricted", with: "classification: Unrestricted\nsubject: AGAIN")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description.contains("duplicate key 'subject'"), "\(error)")
        #expect(error.description.hasPrefix("report.md:12:1:"), "\(error)")
    }

    @Test("unknown keys are located and get a suggestion")
    func unknownKey() throws {
        let text = replacing("classification: Unrestricted", with: "clasification: Unrestricted")
        let error = try #require(inputError { try parse(text) })
        let line = CoverReportFixtures.line(of: "clasification", in: text)
        #expect(error.diagnostics.first?.description
                == "report.md:\(line):1: error: unknown key 'clasification' in the front matter; did you mean 'classification'?")
        // The typo also leaves the real key missing: both are reported.
        #expect(error.diagnostics.count == 2)
        #expect(error.diagnostics.last?.description == "report.md:2:1: error: missing required key 'classification' in the front matter")
    }

    @Test("unknown nested keys and keys with no close match")
    func unknownNestedKey() throws {
        let text = replacing("electoralDivision: All", with: "electoralDivision: All\nvenue: Darent Room")
            .replacingOccurrences(of: "    role: Cabinet Member for Children, Young People and Education",
                                  with: "    role: Cabinet Member for Children, Young People and Education\n    rol: typo")
        let error = try #require(inputError { try parse(text) })
        #expect(error.diagnostics.count == 2, "\(error)")
        let rolLine = CoverReportFixtures.line(of: "rol: typo", in: text)
        let venueLine = CoverReportFixtures.line(of: "venue:", in: text)
        #expect(error.diagnostics[0].description
                == "report.md:\(rolLine):5: error: unknown key 'rol' in 'from[0]'; did you mean 'role'?")
        #expect(error.diagnostics[1].description.hasPrefix(
            "report.md:\(venueLine):1: error: unknown key 'venue' in the front matter (expected one of: from, to, subject"))
        // snake_case spellings are recognised.
        let snake = replacing("pastPathway: None", with: "past_pathway: None")
        let snakeError = try #require(inputError { try parse(snake) })
        #expect(snakeError.description.contains("unknown key 'past_pathway' in the front matter; did you mean 'pastPathway'?"))
    }

    @Test("a missing required field names the field and its mapping")
    func missingField() throws {
        let text = replacing("futurePathway: None\n", with: "")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description == "report.md:2:1: error: missing required key 'futurePathway' in the front matter")

        let nested = replacing("  date: 2017-06-22\n", with: "")
        let nestedError = try #require(inputError { try parse(nested) })
        let toLine = CoverReportFixtures.line(of: "  committee:", in: nested)
        #expect(nestedError.description == "report.md:\(toLine):3: error: missing required key 'date' in 'to'")

        let person = replacing("    role: Corporate Director of Social Care, Health and Wellbeing\n", with: "")
        let personError = try #require(inputError { try parse(person) })
        let personLine = CoverReportFixtures.line(of: "Andrew Ireland", in: person)
        #expect(personError.description == "report.md:\(personLine):5: error: missing required key 'role' in 'from[2]'")
    }

    @Test("an empty value counts as missing")
    func emptyValue() throws {
        let text = replacing("subject: PERFORMANCE SCORECARDS", with: "subject:")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description.hasPrefix("report.md:12:"), "\(error)")
        #expect(error.description.contains("'subject' must not be empty"))
    }

    @Test("a bad date is located at its value")
    func badDate() throws {
        let text = replacing("date: 2017-06-22", with: "date: 22/06/2017")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description
                == "report.md:11:9: error: 'to.date' must be a date written YYYY-MM-DD (e.g. 2017-06-22), found '22/06/2017'")

        let impossible = replacing("date: 2017-06-22", with: "date: 2017-02-30")
        let impossibleError = try #require(inputError { try parse(impossible) })
        #expect(impossibleError.description == "report.md:11:9: error: 'to.date' '2017-02-30' is not a real calendar date")
    }

    @Test("an empty 'from' list is an error at the list")
    func emptyFrom() throws {
        var text = Self.valid
        let end = text.range(of: "to:\n")!.lowerBound
        text.replaceSubrange(text.range(of: "from:\n")!.lowerBound..<end, with: "from: []\n")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description
                == "report.md:2:7: error: 'from' must list at least one person, each with a name and a role")
    }

    @Test("wrong shapes are reported with the key")
    func typeMismatch() throws {
        let text = replacing("  committee: Children's, Young People and Education Cabinet Committee\n  date: 2017-06-22",
                             with: "  - Children's, Young People and Education Cabinet Committee")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description == "report.md:10:3: error: 'to' must be a mapping of 'key: value' lines, found a list")

        let keywords = replacing("electoralDivision: All", with: "electoralDivision: All\nkeywords: {a: b}")
        let keywordsError = try #require(inputError { try parse(keywords) })
        #expect(keywordsError.description == "report.md:17:11: error: 'keywords' must be a list, found a mapping")
    }

    @Test("column numbers count characters, not bytes")
    func unicodeColumns() throws {
        let text = replacing("subject: PERFORMANCE SCORECARDS", with: "subject: “Scorecards” — 2017\nbogus: x")
        let error = try #require(inputError { try parse(text) })
        #expect(error.description.hasPrefix("report.md:13:1: error: unknown key 'bogus'"))

        // "e" + combining acute accent: two Unicode scalars, one character.
        let combining = replacing("subject: PERFORMANCE SCORECARDS", with: "subject: Cafe\u{301}: bad")
        let combiningError = try #require(inputError { try parse(combining) })
        #expect(combiningError.description.hasPrefix("report.md:12:14:"), "\(combiningError)")
    }

    @Test("an empty heading in the body is an error")
    func emptyHeading() throws {
        let error = try #require(inputError { try parse(CoverReportFixtures.frontMatter + "\n\n# Intro\n\nText.\n\n#\n") })
        #expect(error.description == "report.md:23:1: error: a heading has no text")
    }
}
