import Foundation
import Testing
import ScorecardModel
import ScorecardParsing
import ScorecardPipeline

@Suite(.serialized) struct ScorecardPDFTests {
    func pdf(_ prefix: String) throws -> URL {
        let (_, summary) = try ExampleRender.shared.get()
        return try #require(summary.files.first { $0.url.lastPathComponent.hasPrefix(prefix) }).url
    }

    static let appendices = [("Item 6 - Appendix 1", "appendix-1-education-early-help.yaml"),
                             ("Item 6 - Appendix 2", "appendix-2-childrens-social-care.yaml")]

    @Test(arguments: appendices)
    func everyIndicatorNameAndValueIsInTheText(prefix: String, metadataFile: String) throws {
        let scorecard = try ScorecardLoader.load(metadataFile: resources.examplePack.appendingPathComponent(metadataFile).path).value
        // White space removed: names wrap across lines, sometimes just after a hyphen.
        let text = words(try pdfText(try pdf(prefix))).joined()
        #expect(scorecard.indicators.count >= 29)
        for indicator in scorecard.indicators {
            let name = words(indicator.name).joined()
            #expect(text.contains(name), "indicator name missing: \(indicator.name)")
            #expect(text.contains(indicator.ref))
            for value in [indicator.previous.value, indicator.current.value] {
                let printed = indicator.formatted(value)
                if !printed.isEmpty { #expect(text.contains(printed), "\(indicator.ref): value \(printed) missing") }
            }
            if let rag = indicator.rag { #expect(text.contains("\(rag.word)")) }
        }
        for matrix in scorecard.districtMatrices {
            for row in matrix.rows { #expect(text.contains(words(row.name).joined()), "district row \(row.name)") }
        }
    }

    @Test(arguments: appendices)
    func isLandscapeTaggedAndClean(prefix: String, metadataFile: String) throws {
        let url = try pdf(prefix)
        let info = try run("pdfinfo", ["-f", "1", "-l", "99", url.path]).stdout
        #expect(info.contains("Tagged:          yes"))
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(!sizes.isEmpty)
        for line in sizes { #expect(line.contains("841.89 x 595.276 pts"), "\(line)") }
        #expect(try run("qpdf", ["--check", url.path]).status == 0)
        let pages = try pdfText(url, raw: false).components(separatedBy: "\u{0C}")
        #expect(pages[0].contains(prefix.hasSuffix("1") ? "Appendix 1" : "Appendix 2"))
        #expect(pages[1].contains("This page is intentionally blank"))
        #expect(pages[2].contains("Guidance Notes"))
        _ = metadataFile
    }

    @Test func theIndicatorHeaderIsRepeatedOnEveryTablePage() throws {
        let pages = try pdfText(try pdf("Item 6 - Appendix 2")).components(separatedBy: "\u{0C}")
        // Pages holding indicator rows (refs SCS01…), not the key or district pages.
        let tablePages = pages.filter { $0.range(of: "SCS[0-9][0-9]", options: .regularExpression) != nil && !$0.contains("District") }
        #expect(tablePages.count >= 2)
        for page in tablePages {
            #expect(page.contains("Ref Indicator Pol Period Previous Current RAG DoT Target Floor"), "header missing on a table page")
        }
    }

    @Test func thePackHoldsEveryDocumentOnOddPagesWithPageStamps() throws {
        let (_, summary) = try ExampleRender.shared.get()
        let pack = try pdf("Item 6 - Agenda Pack")
        let documents = summary.files.filter { $0.url.pathExtension == "pdf" && $0.url != pack }
        #expect(documents.count == 3)
        var expected = 0
        for doc in documents {
            if expected % 2 == 1 { expected += 1 } // filler so each document starts on an odd page
            expected += doc.pageCount
        }
        let packFile = try #require(summary.files.first { $0.url == pack })
        #expect(packFile.pageCount == expected)
        let pages = try pdfText(pack, raw: false).components(separatedBy: "\u{0C}").dropLast()
        #expect(pages.count == expected)
        for (i, page) in pages.enumerated() {
            #expect(page.contains("Page \(i + 1)\n") || page.hasSuffix("Page \(i + 1)"), "no pack stamp on page \(i + 1)")
        }
        #expect(pages.first?.contains("Agenda Item 6") == true)
        #expect(pages.filter { $0.contains("This page is intentionally left blank") }.count == expected - documents.map(\.pageCount).reduce(0, +))
    }
}
