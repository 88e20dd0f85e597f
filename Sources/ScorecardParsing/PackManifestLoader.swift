import Foundation
import ScorecardModel
import Yams

/// Reads `pack.yaml`. Keys: `coverReport` (required), `appendices`, `language`, `reportLayout`,
/// `scorecardLayout` (optional). Unknown keys are errors, so a typo cannot silently drop a document.
public enum PackManifestLoader {
    struct Raw: Decodable {
        var coverReport: String
        var appendices: [String]?
        var language: String?
        var reportLayout: String?
        var scorecardLayout: String?
        var fileNames: Names?
    }
    struct Names: Decodable {
        var coverReport: String?
        var appendix: String?
        var pack: String?
    }
    static let knownKeys: Set<String> = ["coverReport", "appendices", "language", "reportLayout", "scorecardLayout", "fileNames"]
    static let knownNameKeys: Set<String> = ["coverReport", "appendix", "pack"]

    public static func load(_ text: String, file: String) throws -> PackManifest {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError("malformed YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let mapping = node?.mapping else {
            throw InputError("expected a mapping with at least `coverReport:`", at: SourceLocation(file: file, line: 1, column: 1))
        }
        var diagnostics: [Diagnostic] = []
        for (key, _) in mapping {
            if let name = key.string, !knownKeys.contains(name) {
                diagnostics.append(.error("unknown key `\(name)`; expected one of \(knownKeys.sorted().joined(separator: ", "))",
                                          at: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)))
            }
        }
        if let names = mapping["fileNames"]?.mapping {
            for (key, _) in names {
                if let name = key.string, !knownNameKeys.contains(name) {
                    diagnostics.append(.error("unknown key `fileNames.\(name)`; expected one of \(knownNameKeys.sorted().joined(separator: ", "))",
                                              at: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)))
                }
            }
        }
        if mapping["coverReport"] == nil {
            diagnostics.append(.error("missing required key `coverReport`", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics) }
        do {
            let raw = try YAMLDecoder().decode(Raw.self, from: node!)
            return PackManifest(coverReport: raw.coverReport, appendices: raw.appendices ?? [],
                                language: raw.language ?? "en-GB",
                                reportLayout: raw.reportLayout ?? "committee-report.yaml",
                                scorecardLayout: raw.scorecardLayout ?? "scorecard-landscape.yaml",
                                fileNames: FileNameTemplates(
                                    coverReport: raw.fileNames?.coverReport ?? FileNameTemplates().coverReport,
                                    appendix: raw.fileNames?.appendix ?? FileNameTemplates().appendix,
                                    pack: raw.fileNames?.pack ?? FileNameTemplates().pack))
        } catch {
            throw InputError("invalid pack manifest: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
