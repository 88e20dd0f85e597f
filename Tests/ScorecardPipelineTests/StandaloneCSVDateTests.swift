import Foundation
import Testing
@testable import ScorecardPipeline

/// A standalone indicator CSV has no meeting date: without SOURCE_DATE_EPOCH its PDF is dated by
/// the day the CSV was last changed.
@Suite("Standalone CSV date")
struct StandaloneCSVDateTests {
    @Test func thePDFIsDatedByTheCSVsModificationDay() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let csv = input.appendingPathComponent("dated.csv")
        try FileManager.default.copyItem(at: resources.examplePack.appendingPathComponent("appendix-2-indicators.csv"), to: csv)
        // 31 May 2017 10:30:15 UTC.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_496_226_615)], ofItemAtPath: csv.path)
        #expect(Pipeline.modificationSeconds(of: csv.path) == 1_496_226_615)
        #expect(Pipeline.modificationSeconds(of: input.appendingPathComponent("missing.csv").path) == 0)

        let summary = try Pipeline(resources: resources).render(csv, options: RenderOptions(outputDirectory: output))
        let pdf = try #require(summary.files.first).url
        let info = try run("pdfinfo", ["-isodates", pdf.path]).stdout
        #expect(info.contains("CreationDate:    2017-05-31T00:00:00"), "\(info)")
    }
}
