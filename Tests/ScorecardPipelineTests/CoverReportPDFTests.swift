import Foundation
import Testing
import ScorecardPipeline

@Suite(.serialized) struct CoverReportPDFTests {
    func coverPDF() throws -> URL {
        let (_, summary) = try ExampleRender.shared.get()
        return try #require(summary.files.first { $0.url.lastPathComponent == "Item 6 - Performance Scorecards.pdf" }).url
    }

    @Test func isA4TaggedWithMetadataAndPinnedDates() throws {
        let info = try run("pdfinfo", [try coverPDF().path]).stdout
        #expect(info.contains("Page size:       595.276 x 841.89 pts (A4)"))
        #expect(info.contains("Tagged:          yes"))
        #expect(info.contains("Title:           Performance Scorecards"))
        #expect(info.contains("Author:          Roger Gough, Patrick Leeson, Andrew Ireland"))
        #expect(info.contains("Subject:         Report to the Children's, Young People and Education Cabinet Committee – 22 June 2017"))
        #expect(info.contains("Keywords:        performance scorecards"))
        #expect(info.contains("Creator:         scorecard"))
        #expect(info.contains("CreationDate:    Thu Jun 22 00:00:00 2017 UTC"))
    }

    @Test func onlyBundledFontsEmbeddedSubsetWithUnicode() throws {
        let lines = try run("pdffonts", [try coverPDF().path]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!lines.isEmpty)
        for line in lines {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols[0].contains("+LiberationSans"), "unexpected font \(cols[0])")
            let n = cols.count
            #expect(Array(cols[(n - 5)...(n - 3)]) == ["yes", "yes", "yes"], "font not emb/sub/uni: \(line)")
        }
    }

    @Test func qpdfFindsNoErrors() throws {
        let result = try run("qpdf", ["--check", try coverPDF().path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Every word of the seed document appears in the PDF text, in the same order, numbering included.
    @Test func containsEveryWordOfTheSeedInOrder() throws {
        let seed = try String(contentsOf: fixtures.appendingPathComponent("cover-report-2017-06-22.txt"), encoding: .utf8)
            .replacingOccurrences(of: "**", with: "")
            .replacingOccurrences(of: "\u{0422}о:", with: "To:") // the seed's "То:" is Cyrillic, a copy artefact
        let seedWords = words(seed).filter { !["#", "##", "###", "-"].contains($0) }
        let pdfWords = words(try pdfText(try coverPDF()))
        var position = 0
        for (i, word) in seedWords.enumerated() {
            guard let found = pdfWords[position...].firstIndex(of: word) else {
                Issue.record("seed word \(i) “\(word)” (after “\(seedWords[max(0, i - 5)..<i].joined(separator: " "))”) is missing or out of order")
                return
            }
            position = found + 1
        }
    }

    @Test func sectionsAreBookmarked() throws {
        let json = try run("qpdf", ["--json", "--json-key=outlines", try coverPDF().path]).stdout
        for title in ["1. Introduction", "2. Performance Scorecards for Children, Young People and Education",
                      "3. Recommendation", "4. Background Documents", "5. Contact details"] {
            #expect(json.contains("\"title\": \"\(title)\""), "missing bookmark \(title)")
        }
    }

    @Test func reRenderingGivesByteIdenticalFiles() throws {
        let (first, summary) = try ExampleRender.shared.get()
        let second = try temporaryFolder()
        _ = try Pipeline(resources: resources).render(resources.examplePack, options: RenderOptions(outputDirectory: second))
        try expectSameBytes(summary.files, in: second, "between renders")
        _ = first
    }

    @Test func sourceDateEpochOverridesTheMeetingDate() throws {
        let folder = try temporaryFolder()
        let report = resources.examplePack.appendingPathComponent("cover-report.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: folder, sourceDateEpoch: 1_700_000_000))
        let info = try run("pdfinfo", [summary.files[0].url.path]).stdout
        #expect(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"))
    }
}
