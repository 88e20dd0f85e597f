import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

@Suite struct CoverReportImageTests {
    @Test func anImageIsReplacedByItsDescriptionWithALocatedWarning() throws {
        let parsed = try CoverReportFixtures.parse(body: "# Charts\n\nSee ![the trend chart](chart.png) below.\n")
        guard case .paragraph(_, let text)? = parsed.value.body.last else { Issue.record("no paragraph"); return }
        #expect(text.plainText == "See the trend chart below.")
        let warning = try #require(parsed.warnings.first { $0.message.contains("image 'chart.png'") })
        #expect(warning.location?.file == "report.md")
    }
}
