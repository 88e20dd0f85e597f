import Foundation
import Testing
import ScorecardModel
@testable import ScorecardParsing

/// Words longer than any line can show (pasted data, lost spaces) are located input errors: set
/// a column's width at a time they took minutes and hundreds of pages.
@Suite("Overlong words in input")
struct LongWordTests {
    let limit = LongWords.maximumCharacters

    @Test func wordsEndAtBreakingWhiteSpaceOnlyAndCountScalars() {
        #expect(LongWords.longestWord(in: "") == 0)
        #expect(LongWords.longestWord(in: "ab cde\tf\ngh") == 3)
        // No-break spaces join words; the zero-width space and the Unicode spaces part them.
        #expect(LongWords.longestWord(in: "ab\u{A0}cd\u{202F}ef\u{2007}g") == 10)
        #expect(LongWords.longestWord(in: "ab\u{200B}cd\u{3000}ef\u{2003}g\u{2028}hh") == 2)
        // Scalars, not bytes or Characters: "é" as e + combining accent is two.
        #expect(LongWords.longestWord(in: "e\u{301}€😀") == 4)
        #expect(LongWords.overlong(String(repeating: "a", count: limit)) == nil)
        #expect(LongWords.overlong(String(repeating: "a", count: limit + 1)) == limit + 1)
        #expect(LongWords.overlong(String(repeating: "ab ", count: 2_000)) == nil)
        #expect(LongWords.message(length: 100_001).contains("100,001 characters"))
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
}
