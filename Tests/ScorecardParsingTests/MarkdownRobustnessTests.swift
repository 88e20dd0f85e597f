import TestSupport
import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

private typealias MarkdownFuzzGenerator = SplitMix64

@Suite("Cover report parser: seeded random input")
struct MarkdownRobustnessTests {
    /// Fragments that matter to front matter and CommonMark, so mutations reach the interesting paths.
    static let fragments = ["---", "\n", "# ", "## ", "> ", "- ", "1. ", "**", "*", "_", "`", "```\n", "<b>", "</div>",
                            "&amp;", "&", "<", "[x](", ")", "\\", "  \n", ":", " - name: ", "\t", "\0", "ŵ", "漢",
                            "\r\n", "\u{FEFF}", "date: 2017-13-45", "{", "[", "'", "\""]

    @Test("1,500 mutations of the example cover report never crash: each parses or throws located errors")
    func mutatedCoverReports() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let seed = try String(contentsOf: url.appendingPathComponent("Examples/cype-2017-06-22/cover-report.md"), encoding: .utf8)
        var rng = MarkdownFuzzGenerator(state: 22_06_2017)
        var parsed = 0, rejected = 0
        for _ in 0..<1500 {
            var text = Array(seed)
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let position = Int.random(in: 0...text.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where position < text.count:
                    text.removeSubrange(position..<min(text.count, position + Int.random(in: 1...40, using: &rng)))
                case 1, 2: text.insert(contentsOf: Self.fragments.randomElement(using: &rng)!, at: position)
                default: text = Array(text.prefix(position))
                }
            }
            do {
                _ = try CoverReportParser.parse(String(text), file: "fuzz.md", unnumberedSections: ["Contact details"])
                parsed += 1
            } catch let error as InputError {
                rejected += 1
                #expect(error.diagnostics.contains { $0.severity == .error && $0.location?.file == "fuzz.md" && $0.location!.line >= 1 })
            }
        }
        #expect(parsed > 0 && rejected > 0)
    }
}
