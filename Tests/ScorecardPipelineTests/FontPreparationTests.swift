import Foundation
import Testing
@testable import ScorecardPipeline

@Suite("FontPreparation")
struct FontPreparationTests {
    @Test func theLibraryIsHandedOverOnceAndOnlyForItsFonts() throws {
        let preparation = FontPreparation.start(resources: resources)
        preparation.wait()
        preparation.wait()  // waiting twice is fine
        let other = resources.root.appendingPathComponent("Layouts", isDirectory: true)
        #expect(preparation.library(for: other) == nil)
        let library = try #require(preparation.library(for: resources.fonts))
        #expect(preparation.library(for: resources.fonts) == nil)  // once
        // It is a library of the bundled fonts, as a pipeline makes for itself.
        let pipeline = try Pipeline(resources: resources, preparedFonts: nil)
        #expect(library.fontsDirectory.standardizedFileURL == pipeline.fonts.fontsDirectory.standardizedFileURL)
    }

    @Test func aPipelineTakesThePreparedLibrary() throws {
        let preparation = FontPreparation.start(resources: resources)
        let pipeline = try Pipeline(resources: resources, preparedFonts: preparation)
        #expect(preparation.library(for: resources.fonts) == nil)  // taken by the pipeline
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("font-preparation-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try pipeline.render(resources.examplePack, options: RenderOptions(outputDirectory: folder))
        #expect(summary.files.count == 4)
    }

    @Test func fontsThatCannotBeLoadedLeaveTheErrorToThePipeline() throws {
        let missing = Resources(root: URL(fileURLWithPath: "/nonexistent-scorecard-home", isDirectory: true))
        let preparation = FontPreparation.start(resources: missing)
        #expect(preparation.library(for: missing.fonts) == nil)
        #expect(throws: (any Error).self) { try Pipeline(resources: missing, preparedFonts: preparation) }
    }
}
