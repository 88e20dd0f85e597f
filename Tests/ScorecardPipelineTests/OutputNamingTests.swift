import Foundation
import Testing
import ScorecardModel
import ScorecardPipeline

@Suite struct OutputNamingTests {
    @Test func templatesDropEmptyPlaceholdersWithTheirSeparators() {
        #expect(FileNameTemplates.fill("Item {item} - {title}", item: nil, title: "Paper", label: nil) == "Paper")
        #expect(FileNameTemplates.fill("Item {item} - {title}", item: "6", title: "Paper", label: nil) == "Item 6 - Paper")
        #expect(FileNameTemplates.fill("{item}. {title} (cover)", item: nil, title: "Paper", label: nil) == "Paper (cover)")
        #expect(FileNames.sanitised(FileNameTemplates.fill("Pack {item} {title}", item: nil, title: "Paper", label: nil)) == "Pack Paper")
        #expect(FileNameTemplates.fill("Item {item} - {label} - {title}", item: "6", title: "S", label: nil) == "Item 6 - S")
    }

    @Test func namesAreSafeVisibleAndShortEnough() {
        #expect(FileNames.sanitised("a/b: c?") == "a-b- c-")
        #expect(FileNames.sanitised(". hidden") == "hidden")
        let long = FileNames.sanitised(String(repeating: "PERFORMANCE SCORECARDS ", count: 20))
        #expect(long.utf8.count <= FileNames.maximumBytes)
        #expect(long.hasPrefix("PERFORMANCE SCORECARDS PERFORMANCE"))
        #expect(!long.hasSuffix(" "))
    }

    @Test func twoDocumentsWithTheSameNameAreAnErrorBeforeAnythingIsWritten() throws {
        let pack = try temporaryFolder(), output = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: resources.examplePack.path) {
            try FileManager.default.copyItem(at: resources.examplePack.appendingPathComponent(name), to: pack.appendingPathComponent(name))
        }
        try "coverReport: cover-report.md\nappendices:\n  - appendix-1-education-early-help.yaml\nfileNames:\n  coverReport: \"{title}\"\n  appendix: \"{title}\"\n  pack: \"{title}\"\n"
            .write(to: pack.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(pack, options: RenderOptions(outputDirectory: output))
        }
        // At fileNames: (line 4), where the templates that give one name are.
        #expect(error.description.contains("pack.yaml:4:1: error: this would write a second document as 'Performance Scorecards.pdf'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }

    @Test func aBatchThatFailsLeavesNoFileBehind() throws {
        let output = try temporaryFolder()
        struct Failure: Error {}
        let batch = AtomicBatch()
        try batch.add(output.appendingPathComponent("a.pdf")) { try Data("a".utf8).write(to: $0) }
        #expect(throws: Failure.self) {
            try batch.add(output.appendingPathComponent("b.pdf")) { _ in throw Failure() }
        }
        batch.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }

    @Test func sourceDateEpochMustBeWholeSecondsInRange() throws {
        #expect(try RenderOptions.sourceDateEpoch(from: [:]) == nil)
        #expect(try RenderOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": "1498089600"]) == 1_498_089_600)
        #expect(throws: PipelineError.self) { try RenderOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": "abc"]) }
        #expect(throws: PipelineError.self) { try RenderOptions.sourceDateEpoch(from: ["SOURCE_DATE_EPOCH": "99999999999999"]) }
    }
}
