import Foundation
import Testing
import ScorecardModel
@testable import ScorecardParsing

/// Words longer than any line can show and texts longer than an Excel cell (pasted data, lost
/// spaces) are located input errors: setting them took minutes and hundreds of pages.
@Suite("Text limits of input")
struct TextLimitTests {
    let limit = TextLimits.maximumWordCharacters

    @Test func wordsEndAtBreakingWhiteSpaceOnlyAndCountScalars() {
        #expect(TextLimits.longestWord(in: "") == 0)
        #expect(TextLimits.longestWord(in: "ab cde\tf\ngh") == 3)
        // No-break spaces join words; the zero-width space and the Unicode spaces part them.
        #expect(TextLimits.longestWord(in: "ab\u{A0}cd\u{202F}ef\u{2007}g") == 10)
        #expect(TextLimits.longestWord(in: "ab\u{200B}cd\u{3000}ef\u{2003}g\u{2028}hh") == 2)
        // Scalars, not bytes or Characters: "é" as e + combining accent is two.
        #expect(TextLimits.longestWord(in: "e\u{301}€😀") == 4)
        #expect(TextLimits.problem(String(repeating: "a", count: limit)) == nil)
        #expect(TextLimits.problem(String(repeating: "a", count: limit + 1)) == TextLimits.wordMessage(length: limit + 1))
        #expect(TextLimits.problem(String(repeating: "ab ", count: 2_000)) == nil)
        #expect(TextLimits.wordMessage(length: 100_001).contains("100,001 characters"))
        // Text: words of any length, 32,767 characters in all at most.
        let text = TextLimits.maximumTextCharacters
        #expect(TextLimits.problem(String(repeating: "abcd ", count: text / 5) + "ab") == nil)
        #expect(TextLimits.problem(String(repeating: "abcd ", count: text / 5 + 1)) == TextLimits.textMessage(length: (text / 5 + 1) * 5))
        #expect(TextLimits.textMessage(length: 40_000).contains("40,000 characters long") && TextLimits.textMessage(length: 1).contains("32,767"))
    }

    @Test func anIndicatorCSVWithOneIsAnErrorAtItsField() throws {
        let header = "section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot,note"
        let word = String(repeating: "GREEN", count: 300)
        let csv = [header, "Schools,SE1,% good or outstanding,H,YTD,80,81,80,70,75,%,,,",
                   "Schools,SE2,\"Quoted \(word) name\",H,YTD,80,81,80,70,75,%,,,"].joined(separator: "\n")
        let error = try #require(throws: InputError.self) { try IndicatorCSVParser.parse(data: Data(csv.utf8), file: "long.csv") }
        let found = error.diagnostics.filter { $0.message.contains("1,500 characters long") }
        #expect(found.map { $0.location?.description } == ["long.csv:3:13"], "\(error)")
        // At the limit it is text.
        let fine = csv.replacingOccurrences(of: word, with: String(repeating: "G", count: limit))
        #expect(throws: Never.self) { try IndicatorCSVParser.parse(data: Data(fine.utf8), file: "fine.csv") }
    }

    @Test func aDistrictCSVWithOneIsAnError() throws {
        let csv = "Ref,Indicator,Ashford,Kent\nPN01,\(String(repeating: "x", count: limit + 5)),1,2\n"
        let error = try #require(throws: InputError.self) { try DistrictMatrixCSVParser.parse(data: Data(csv.utf8), file: "d.csv") }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.location?.description == "d.csv:2:6" && $0.message.contains("1,005 characters") }, "\(error)")
    }

    @Test func aCoverReportParagraphWithOneIsAnErrorAtItsNode() throws {
        let front = "---\nfrom:\n  - name: A\n    role: B\nto:\n  committee: C\n  date: 2017-06-22\nsubject: S\nclassification: Unrestricted\npastPathway: None\nfuturePathway: None\nelectoralDivision: All\n---\n\n"
        let text = front + "# Introduction\n\nShort words, then \(String(repeating: "z", count: limit + 1)).\n"
        let error = try #require(throws: InputError.self) { try CoverReportParser.parse(text, file: "r.md", unnumberedSections: []) }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.location?.line == 17 && $0.message.contains("1,002 characters") }, "\(error)")
    }

    @Test func aScorecardMetadataValueWithOneIsAnErrorAtItsPlace() throws {
        let text = "title: \(String(repeating: "T", count: limit + 1))\n"
        let error = try #require(throws: InputError.self) {
            try ScorecardLoader.load(metadataText: text, file: "m.yaml") { _ in Data() }
        }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.location?.line == 1 && $0.message.contains("1,001 characters") }, "\(error)")
    }

    @Test func aCellOrParagraphOverTheTextLimitIsAnError() throws {
        let words = String(repeating: "word ", count: 7_000)  // 35,000 characters, words of four
        let csv = "Ref,Indicator,Ashford,Kent\nPN01,\"\(words)\",1,2\n"
        let error = try #require(throws: InputError.self) { try DistrictMatrixCSVParser.parse(data: Data(csv.utf8), file: "d.csv") }
        #expect(error.diagnostics.contains { $0.location?.description == "d.csv:2:6" && $0.message.contains("35,000 characters long") }, "\(error)")
        // A paragraph written over many short lines counts whole.
        let front = "---\nfrom:\n  - name: A\n    role: B\nto:\n  committee: C\n  date: 2017-06-22\nsubject: S\nclassification: Unrestricted\npastPathway: None\nfuturePathway: None\nelectoralDivision: All\n---\n\n"
        let paragraph = Array(repeating: String(repeating: "word ", count: 20), count: 400).joined(separator: "\n")
        let text = front + "# Introduction\n\n" + paragraph + "\n"
        let report = try #require(throws: InputError.self) { try CoverReportParser.parse(text, file: "r.md", unnumberedSections: []) }
        #expect(report.diagnostics.contains { $0.location?.line == 17 && $0.message.contains("characters long; a cell, paragraph or value") }, "\(report)")
    }

    @Test func aCSVReportsTwentyFieldsThenACount() throws {
        let long = String(repeating: "x", count: TextLimits.maximumWordCharacters + 1)
        let rows = (1...25).map { "R\($0),\(long),1,2" }
        let csv = (["Ref,Indicator,Ashford,Kent"] + rows).joined(separator: "\n")
        let error = try #require(throws: InputError.self) { try DistrictMatrixCSVParser.parse(data: Data(csv.utf8), file: "d.csv") }
        let found = error.diagnostics.filter { $0.message.contains("characters long with no space") }
        #expect(found.count == 20 && found.last?.location?.line == 21, "\(error)")
        #expect(error.diagnostics.contains { $0.message.hasPrefix("5 more field(s)") && $0.location?.line == 26 }, "\(error)")
    }

    /// White space joins the words around it where Pango cannot break a line either: before a
    /// closing mark or quotation mark, after an opening one.
    @Test func spacesNextToQuotesAndClosingMarksJoinWords() {
        #expect(TextLimits.longestWord(in: "'E06' 'E07' 'E08'") == 17)
        #expect(TextLimits.longestWord(in: "( x ) and y") == 5)
        #expect(TextLimits.longestWord(in: "a , b") == 3)
        #expect(TextLimits.longestWord(in: "said \u{201C}so\u{201D} then") == 14)
        // A line feed always breaks.
        #expect(TextLimits.longestWord(in: "'a'\n'b'") == 3)
        let list = Array(repeating: "'E06000035'", count: 100).joined(separator: " ")
        #expect(TextLimits.problem(list) == TextLimits.wordMessage(length: list.unicodeScalars.count))
        let json = "{" + (0..<80).map { "\"key\($0)\": \"value\"" }.joined(separator: ", ") + "}"
        #expect(TextLimits.longestWord(in: json) > 1_000)
    }

    /// The renderer sets a paragraph's inline pieces as one text (neighbours of one style merged),
    /// and a list item's paragraphs as one text; a pipe table's cells one by one.
    @Test func markdownIsCheckedAsItIsSet() throws {
        let front = "---\nfrom:\n  - name: A\n    role: B\nto:\n  committee: C\n  date: 2017-06-22\nsubject: S\nclassification: Unrestricted\npastPathway: None\nfuturePathway: None\nelectoralDivision: All\n---\n\n# Introduction\n\n"
        func errors(_ body: String) -> [Diagnostic] {
            do {
                _ = try CoverReportParser.parse(front + body, file: "r.md", unnumberedSections: [])
                return []
            } catch let error as InputError {
                return error.diagnostics.filter { $0.severity == .error }
            } catch {
                return [.error("\(error)", at: nil)]
            }
        }
        // A word made of pieces, each under the limit.
        let pieces = Array(repeating: String(repeating: "x", count: 600) + "`y`", count: 3).joined()
        #expect(errors(pieces + "\n").contains { $0.message.contains("with no space") && $0.location?.line == 17 })
        // A list item of two paragraphs, each under the total limit, together over it.
        let half = String(repeating: "word ", count: 4_000)
        let item = "- " + half + "\n\n  " + half + "\n"
        #expect(errors(item).contains { $0.message.contains("characters long; a cell, paragraph") && $0.location?.line == 17 })
        // A pipe table over the total limit in all, with short rows: no error.
        let rows = (1...1_500).map { "| row \($0) | some words in a cell |" }
        let table = (["| A | B |", "|---|---|"] + rows).joined(separator: "\n") + "\n"
        #expect(table.count > TextLimits.maximumTextCharacters)
        #expect(errors(table).isEmpty, "\(errors(table).prefix(2))")
    }

    @Test func aGuidanceCodeIsCheckedLikeAValue() throws {
        let code = String(repeating: "C", count: TextLimits.maximumWordCharacters + 1)
        let text = "title: T\nguidance:\n  sourceCodes:\n    - ? \(code)\n      : Meaning\n"
        let error = try #require(throws: InputError.self) {
            try ScorecardLoader.load(metadataText: text, file: "m.yaml") { _ in Data() }
        }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.message.contains("1,001 characters") }, "\(error)")
    }
}
