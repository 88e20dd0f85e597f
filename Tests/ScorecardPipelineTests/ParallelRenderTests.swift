import Foundation
import Testing
@testable import ScorecardPipeline

@Suite("Parallel rendering")
struct ParallelRenderTests {
    @Test func longestJobsGoFirstToTheLeastLoadedWorker() {
        // The example pack: cover 2 pages, appendices 7 and 7, agenda pack 17.
        #expect(ParallelRender.assign(pages: [2, 7, 7, 17], workers: 2) == [[3], [1, 2, 0]])
        #expect(ParallelRender.assign(pages: [2, 7, 7, 17], workers: 1) == [[3, 1, 2, 0]])
        #expect(ParallelRender.assign(pages: [5, 5, 5], workers: 3) == [[0], [1], [2]])
        #expect(ParallelRender.assign(pages: [], workers: 2) == [[], []])
    }

    @Test func oneWorkerAndSeveralWriteTheSameBytes() throws {
        let (first, summary) = try ExampleRender.shared.get()
        let single = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: single) }
        _ = try Pipeline(resources: resources).render(resources.examplePack,
                                                     options: RenderOptions(outputDirectory: single, maximumWorkers: 1))
        for file in summary.files {
            let parallel = try Data(contentsOf: file.url)
            let sequential = try Data(contentsOf: single.appendingPathComponent(file.url.lastPathComponent))
            #expect(parallel == sequential, "\(file.url.lastPathComponent) differs between one and several workers")
        }
        _ = first
    }
}
