import Foundation
import Testing
import ScorecardLayout
import ScorecardPipeline

/// A generated CSV of 2,000 indicators: the header is on every table page and no row is split.
@Suite(.serialized) struct LargeScorecardTests {
    static func generatedCSV(count: Int) -> String {
        var rows = ["section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot,note"]
        for i in 0..<count {
            let name = i % 7 == 0
                ? "Generated indicator \(i) with a deliberately long description that has to wrap onto a second line in its cell"
                : "Generated indicator \(i)"
            let polarity = ["H", "L", "T"][i % 3]
            let floor = polarity == "T" ? "±5" : (polarity == "H" ? "45" : "65")
            rows.append("Section \(i / 25 + 1),G\(String(format: "%04d", i)),\"\(name)\",\(polarity),MS,\(50 + i % 13),\(40 + i % 29),55,\(floor),,%,,,generated")
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    @Test func twoThousandIndicatorsRenderWithHeadersOnEveryPageAndNoSplitRows() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let csv = input.appendingPathComponent("generated-2000.csv")
        try Self.generatedCSV(count: 2000).write(to: csv, atomically: true, encoding: .utf8)
        let pipeline = Pipeline(resources: resources)
        let options = RenderOptions(outputDirectory: output, sourceDateEpoch: 1_496_188_800)

        // Display list: each row's ref and name share a baseline on the same page.
        let doc = try #require(try pipeline.prepare(csv, options: options).value.first).laidOut
        var refs: [String] = []
        for page in doc.pages {
            let lines = page.items.compactMap { item -> PlacedLine? in if case .text(let l) = item { return l } else { return nil } }
            for line in lines where line.plainText.hasPrefix("G") && line.plainText.count == 5 {
                guard let number = Int(line.plainText.dropFirst()) else { continue } // "GREEN"
                refs.append(line.plainText)
                #expect(lines.contains { $0.plainText.hasPrefix("Generated indicator \(number)") && $0.origin.y == line.origin.y },
                        "row \(line.plainText) is split")
            }
        }
        #expect(refs == (0..<2000).map { "G" + String(format: "%04d", $0) })

        // PDF: every page holding rows starts with the column header.
        let summary = try pipeline.render(csv, options: options)
        let pages = try pdfText(summary.files[0].url).components(separatedBy: "\u{0C}")
        let tablePages = pages.filter { $0.range(of: "G[0-9]{4}", options: .regularExpression) != nil }
        #expect(tablePages.count > 50)
        for page in tablePages {
            #expect(page.contains("Ref Indicator Pol Period Previous Current RAG DoT Target Floor"))
        }
        #expect(try run("qpdf", ["--check", summary.files[0].url.path]).status == 0)
    }
}
