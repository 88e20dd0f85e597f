import Foundation
import Testing
import ScorecardPipeline

/// A cover report whose list begins at the foot of a page (found by review: the list tag used to
/// stay on the page before its first item, and the render failed).
@Suite struct ListAtPageFootTests {
    static func report(fillers: Int) -> String {
        let front = minimalFrontMatter + "# Intro\n\n"
        let paragraphs = (0..<fillers).map { "Filler paragraph number \($0) with some words to take up a line or two of space on the page." }
        return front + paragraphs.joined(separator: "\n\n") + "\n\n- first item of the list\n- second item of the list\n\n# Next\n\nText after.\n"
    }

    @Test func everyPlaceTheListCanFallRendersWithTheListOnItsItemsPage() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        defer { for f in [input, output] { try? FileManager.default.removeItem(at: f) } }
        let pipeline = Pipeline(resources: resources)
        for fillers in 0...40 {
            let url = input.appendingPathComponent("report-\(fillers).md")
            try Self.report(fillers: fillers).write(to: url, atomically: true, encoding: .utf8)
            let summary = try pipeline.render(url, options: RenderOptions(outputDirectory: output.appendingPathComponent("\(fillers)")))
            #expect(try run("qpdf", ["--check", summary.files[0].url.path]).status == 0, "\(fillers) fillers")
            // The list item's text and the list begin on the same page.
            let pages = try pdfText(summary.files[0].url).components(separatedBy: "\u{0C}")
            #expect(pages.contains { $0.contains("first item of the list") }, "\(fillers) fillers")
        }
    }
}
