import Foundation
import Testing
@testable import ScorecardPipeline
import ScorecardRender
import ScorecardLayout
import ScorecardModel
import Dispatch

@Suite("Parallel rendering")
struct ParallelRenderTests {
    @Test func longestJobsAreHandedOutFirst() {
        // The example pack: cover 2 pages, appendices 7 and 7, agenda pack 17.
        #expect(ParallelRender.order(pages: [2, 7, 7, 17]) == [3, 1, 2, 0])
        #expect(ParallelRender.order(pages: [5, 5, 5]) == [0, 1, 2])
        #expect(ParallelRender.order(pages: []) == [])
    }

    @Test func theQueueHandsOutEveryJobOnceAcrossThreads() {
        let document = LaidOutDocument(metadata: DocumentMetadata(title: "t", author: "a", subject: "s", keywords: [],
                                                                   creator: "c", date: 0, language: "en-GB"),
                                       fontFamily: "Liberation Sans", pages: [])
        var jobs = (0..<500).map { k in
            RenderJob(document: LaidOutDocument(metadata: document.metadata, fontFamily: document.fontFamily,
                                                pages: Array(repeating: Page(size: .a4Portrait), count: k % 13)),
                      pdf: URL(fileURLWithPath: "/tmp/\(k).pdf"), png: nil)
        }
        let queue = ParallelRender.JobQueue(taking: &jobs)
        #expect(jobs.isEmpty)
        let taken = (0..<4).map { _ in ParallelRender.Slot<[Int]>() }
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            var mine: [Int] = []
            while let (index, _) = queue.next() { mine.append(index) }
            taken[k].value = mine
        }
        #expect(taken.flatMap { $0.value ?? [] }.sorted() == Array(0..<500))
        #expect(queue.next() == nil)
    }

    @Test func oneWorkerAndSeveralWriteTheSameBytes() throws {
        let (first, summary) = try ExampleRender.shared.get()
        let single = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: single) }
        _ = try Pipeline(resources: resources).render(resources.examplePack,
                                                     options: RenderOptions(outputDirectory: single, maximumWorkers: 1))
        try expectSameBytes(summary.files, in: single, "between one and several workers")
        _ = first
    }

    @Test func oneDocumentDrawnInTwoPartsMatchesOnePiece() throws {
        let input = try temporaryFolder(), one = try temporaryFolder(), two = try temporaryFolder()
        defer { for f in [input, one, two] { try? FileManager.default.removeItem(at: f) } }
        let csv = input.appendingPathComponent("generated-300.csv")
        try LargeScorecardTests.generatedCSV(count: 300).write(to: csv, atomically: true, encoding: .utf8)
        let pipeline = Pipeline(resources: resources)
        let document = try #require(try pipeline.prepare(csv, options: RenderOptions(outputDirectory: one)).value.first).laidOut
        let cut = try #require(StructureSplit.balancedCut(document.pages))
        #expect(cut > 1 && cut < document.pages.count - 1)

        let whole = try pipeline.render(csv, options: RenderOptions(outputDirectory: one, sourceDateEpoch: 0, maximumWorkers: 1))
        let parts = try pipeline.render(csv, options: RenderOptions(outputDirectory: two, sourceDateEpoch: 0, maximumWorkers: 2))
        let (a, b) = (whole.files[0].url, parts.files[0].url)
        #expect(try run("qpdf", ["--check", b.path]).status == 0)
        #expect(try pdfText(a) == pdfText(b))
        // The same structure tree and outline: element types in order, and bookmarks.
        // (Object numbers differ between the files: lines naming objects are left out.)
        func outline(_ url: URL) throws -> [String] {
            try run("qpdf", ["--json", "--json-key=outlines", url.path]).stdout
                .components(separatedBy: "\n").filter { !$0.contains(" R\"") }
        }
        #expect(try outline(a) == outline(b))
        func tags(_ url: URL) throws -> [String] {
            let qdf = url.deletingPathExtension().appendingPathExtension("qdf")
            _ = try run("qpdf", ["--qdf", "--object-streams=disable", url.path, qdf.path])
            let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
            return raw.components(separatedBy: "\n").filter { $0.hasPrefix("  /S /") }
        }
        #expect(try tags(a) == tags(b))
        // Both parts carry their own font subsets: a little bigger, never more than 60 KB.
        let sizes = try [a, b].map { try #require(FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) }
        #expect(sizes[1] >= sizes[0] && sizes[1] - sizes[0] < 60_000, "\(sizes)")
    }
}
