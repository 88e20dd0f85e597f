import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

private func manifestErrors(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
    do {
        _ = try PackManifestLoader.load(text, file: "pack.yaml")
        Issue.record("expected an InputError", sourceLocation: sourceLocation)
        return []
    } catch let error as InputError {
        return error.diagnostics.map(\.description)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        return []
    }
}

@Suite("Pack manifest (pack.yaml)")
struct PackManifestLoaderTests {
    @Test func everyKeyIsRead() throws {
        let m = try PackManifestLoader.load("""
            coverReport: cover-report.md
            appendices:
              - appendix-1.yaml
              - appendix-2.yaml
            language: cy-GB
            reportLayout: house-report.yaml
            scorecardLayout: house-scorecard.yaml
            fileNames:
              pack: "Item {item} pack"
            """, file: "pack.yaml")
        #expect(m.coverReport == "cover-report.md")
        #expect(m.appendices == ["appendix-1.yaml", "appendix-2.yaml"])
        #expect(m.language == "cy-GB" && m.reportLayout == "house-report.yaml" && m.scorecardLayout == "house-scorecard.yaml")
        #expect(m.fileNames.pack == "Item {item} pack")
        #expect(m.fileNames.appendix == FileNameTemplates().appendix)
    }

    @Test func onlyTheCoverReportIsRequiredAndNullsMeanTheDefault() throws {
        let m = try PackManifestLoader.load("coverReport: report.md\nlanguage: ~\nappendices:\n", file: "pack.yaml")
        #expect(m.appendices.isEmpty && m.language == "en-GB")
        #expect(m.reportLayout == "committee-report.yaml" && m.scorecardLayout == "scorecard-landscape.yaml")
        #expect(m.fileNames == FileNameTemplates())
    }

    @Test func problemsAreReportedWithLineAndColumn() {
        #expect(manifestErrors("coverReport: r.md\nappendix:\n  - a.yaml\n")
            == ["pack.yaml:2:1: error: unknown key 'appendix' in the pack manifest; did you mean 'appendices'?"])
        #expect(manifestErrors("appendices: [a.yaml]\n")
            == ["pack.yaml:1:1: error: missing required key 'coverReport' in the pack manifest"])
        #expect(manifestErrors("coverReport: r.md\nappendices: a.yaml\n")
            == ["pack.yaml:2:13: error: 'appendices' must be a list, found 'a.yaml'"])
        #expect(manifestErrors("coverReport: r.md\nfileNames:\n  packs: x\n")
            == ["pack.yaml:3:3: error: unknown key 'packs' in 'fileNames'; did you mean 'pack'?"])
        #expect(manifestErrors("- r.md\n") == ["pack.yaml:1:1: error: the pack manifest must be a mapping of 'key: value' lines, found a list"])
        #expect(manifestErrors("") == ["pack.yaml:1:1: error: the pack manifest is empty"])
        let malformed = manifestErrors("coverReport: r.md\nappendices: [a.yaml\n")
        #expect(malformed.count == 1)
        #expect(malformed.first?.hasPrefix("pack.yaml:3:") == true && malformed.first?.contains("malformed YAML in the pack manifest") == true,
                "\(malformed)")
    }
}
