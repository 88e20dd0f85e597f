import Foundation
import Testing
import ScorecardModel
@testable import ScorecardParsing

/// Control characters in CSV and cover-report text become spaces, each with a located warning.
@Suite("control characters in CSV and cover-report text")
struct ControlCharacterTests {
    @Test func eachBecomesOneSpaceAtItsPlaceAndTheRestIsUntouched() {
        let text = "a\u{7}b\tc\r\nx\u{B}–\u{85}y\u{7F}\rz\u{1B}\n\u{0}end"
        let result = ControlCharacters.replacingWithSpaces(text, file: "t.csv")
        #expect(result.text == "a b\tc\r\nx – y \rz \n\u{0}end")
        #expect(result.text.unicodeScalars.count == text.unicodeScalars.count)
        #expect(result.warnings.map { $0.location?.description ?? "" } == ["t.csv:1:2", "t.csv:2:2", "t.csv:2:4", "t.csv:2:6", "t.csv:3:2"])
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
        #expect(result.warnings[1].message.contains("U+000B (a vertical tab"))
        #expect(result.warnings[2].message.contains("U+0085"))
    }

    @Test func aTextWithoutOneIsReturnedAsItIs() {
        let text = "Attendance – Canterbury,≈ 95%,\"a\tb\"\r\n£5,é\n"
        let result = ControlCharacters.replacingWithSpaces(text, file: "t.csv")
        #expect(result.text == text && result.warnings.isEmpty)
    }

    @Test func manyAreCountedAfterTheFirstTwenty() {
        let text = String(repeating: "x\u{7}", count: 25)
        let result = ControlCharacters.replacingWithSpaces(text, file: "t.csv")
        #expect(result.warnings.count == ControlCharacters.maximumWarnings + 1)
        #expect(result.warnings.last?.message.contains("5 more control character") == true)
        #expect(!result.text.unicodeScalars.contains("\u{7}"))
    }

    @Test func anIndicatorNameWithAVerticalTabIsReadWithASpaceAndAWarning() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.appendingPathComponent("Examples/cype-2017-06-22/appendix-2-indicators.csv").path
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let text = original.replacingOccurrences(of: "permanent qualified", with: "permanent\u{B}qualified")
        #expect(text != original)
        let parsed = try IndicatorCSVParser.parse(data: Data(text.utf8), file: "vt.csv")
        #expect(parsed.value.contains { $0.name.contains("permanent qualified") })
        // Where the tab is: line 2 of the CRLF file, column counted in scalars from 1.
        let second = text.components(separatedBy: "\r\n")[1].unicodeScalars
        let column = second.distance(from: second.startIndex, to: try #require(second.firstIndex(of: "\u{B}"))) + 1
        #expect(column > 40)
        #expect(parsed.warnings.contains { $0.location?.description == "vt.csv:2:\(column)" && $0.message.contains("U+000B") },
                "\(parsed.warnings)")
    }

    @Test func aCoverReportReadsThemAsSpacesWithWarningsEvenWhenItHasErrors() throws {
        let body = "# Introduction\n\nLine one\u{B}line two \u{7}rings.\n"
        let parsed = try CoverReportFixtures.parse(body: body)
        let line = (CoverReportFixtures.frontMatter + "\n").components(separatedBy: "\n").count + 2
        #expect(parsed.warnings.compactMap { $0.location?.description }.prefix(2) == ["report.md:\(line):9", "report.md:\(line):19"])
        #expect(!"\(parsed.value)".unicodeScalars.contains { $0 == "\u{B}" || $0 == "\u{7}" })
        #expect("\(parsed.value)".contains("Line one line two  rings."))
        // With an error in the report, the warnings come with it.
        let broken = "---\nsubject: \u{7}x\n"
        let error = try #require(throws: InputError.self) { try CoverReportParser.parse(broken, file: "b.md", unnumberedSections: []) }
        #expect(error.diagnostics.contains { $0.severity == .warning && $0.location?.description == "b.md:2:10" })
        #expect(error.diagnostics.contains { $0.severity == .error })
    }

    /// YAML files reject control characters themselves; the scorecard metadata's error is at the
    /// character, which libyaml counts in characters ("§" before it is one, not two bytes).
    @Test func aScorecardMetadataFileRejectsOneAtItsPlace() throws {
        let text = "# a § comment\ntitle: a§b\u{7}c\n"
        let error = try #require(throws: InputError.self) {
            try ScorecardLoader.load(metadataText: text, file: "m.yaml") { _ in Data() }
        }
        #expect(error.diagnostics.first?.location?.description == "m.yaml:2:11", "\(error)")
        #expect(error.description.contains("control characters are not allowed"))
    }
}
