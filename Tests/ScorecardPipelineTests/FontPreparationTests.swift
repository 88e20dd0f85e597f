import Foundation
import Testing
@testable import ScorecardPipeline
import ScorecardRender

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
        let pipeline = Pipeline(resources: resources, preparedFonts: nil)
        #expect(library.fontsDirectory.standardizedFileURL == (try pipeline.fonts).fontsDirectory.standardizedFileURL)
    }

    @Test func aPipelineTakesThePreparedLibrary() throws {
        let preparation = FontPreparation.start(resources: resources)
        let pipeline = Pipeline(resources: resources, preparedFonts: preparation)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("font-preparation-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try pipeline.render(resources.examplePack, options: RenderOptions(outputDirectory: folder))
        #expect(summary.files.count == 4)
        #expect(preparation.library(for: resources.fonts) == nil)  // taken by the pipeline
    }

    @Test func aPipelineTakesThePreparedLibraryOnlyWhenItFirstMeasures() throws {
        let preparation = FontPreparation.start(resources: resources)
        let pipeline = Pipeline(resources: resources, preparedFonts: preparation)
        // Not taken when the pipeline is made (the inputs are parsed while the fonts are prepared)…
        let handedOver = preparation.library(for: resources.fonts)
        #expect(handedOver != nil)
        // …so this pipeline, finding it gone, makes its own, once.
        let fonts = try pipeline.fonts
        #expect(fonts !== handedOver)
        #expect(try pipeline.fonts === fonts)
    }

    @Test func fontsThatCannotBeLoadedLeaveTheErrorToThePipeline() throws {
        let missing = Resources(root: URL(fileURLWithPath: "/nonexistent-scorecard-home", isDirectory: true))
        let preparation = FontPreparation.start(resources: missing)
        #expect(preparation.library(for: missing.fonts) == nil)
        let pipeline = Pipeline(resources: missing, preparedFonts: preparation)
        #expect(throws: FontError.folderMissing(folder: missing.fonts.standardizedFileURL.path)) { try pipeline.fonts }
    }
}
