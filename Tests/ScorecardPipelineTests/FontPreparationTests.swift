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

@Suite("Font cache")
struct FontCacheTests {
    @Test func theCacheFolderIsTheUsersCacheFolder() {
        #expect(Resources.fontCache(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"])?.path == "/x/cache/scorecard/fonts")
        #expect(Resources.fontCache(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"])?.path == "/home/a/.cache/scorecard/fonts")
        #expect(Resources.fontCache(environment: ["HOME": "/home/a"])?.path == "/home/a/.cache/scorecard/fonts")
        #expect(Resources.fontCache(environment: [:]) == nil)
        let located = try? Resources.locate(environment: ["SCORECARD_HOME": projectRoot.path, "XDG_CACHE_HOME": "/x/cache"])
        #expect(located?.fontCache?.path == "/x/cache/scorecard/fonts")
    }

    /// The example pack with fonts read from a new cache (scanned, then written) and from that
    /// cache once made: the same bytes as with the fonts scanned file by file.
    @Test func renderingWithTheFontCacheWritesTheSameBytes() throws {
        let cache = try temporaryFolder(), plain = try temporaryFolder(), cold = try temporaryFolder(), warm = try temporaryFolder()
        defer { for folder in [cache, plain, cold, warm] { try? FileManager.default.removeItem(at: folder) } }
        let cached = Resources(root: projectRoot, fontCache: cache)
        let summary = try Pipeline(resources: resources).render(resources.examplePack, options: RenderOptions(outputDirectory: plain))
        _ = try Pipeline(resources: cached).render(resources.examplePack, options: RenderOptions(outputDirectory: cold))
        let written = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".cache-8") }
        #expect(written.count == 1)
        _ = try Pipeline(resources: cached, preparedFonts: FontPreparation.start(resources: cached))
            .render(resources.examplePack, options: RenderOptions(outputDirectory: warm))
        try expectSameBytes(summary.files, in: cold, "with a new font cache")
        try expectSameBytes(summary.files, in: warm, "with the font cache")
    }
}
