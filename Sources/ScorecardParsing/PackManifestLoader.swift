import Foundation
import ScorecardModel
import Yams

/// Reads `pack.yaml`. Keys: `coverReport` (required), `appendices`, `language`, `reportLayout`,
/// `scorecardLayout`, `fileNames` (optional). Unknown keys are errors, so a typo cannot silently drop a
/// document; every problem is reported with its line and column (`YAMLDocument`).
public enum PackManifestLoader {
    public static func load(_ text: String, file: String) throws -> PackManifest {
        let document = try YAMLDocument.composeForReading(text, file: file, documentName: "pack manifest")
        let raw = try document.read(PackManifestFile.self)
        let defaults = FileNameTemplates()
        return PackManifest(coverReport: raw.coverReport, appendices: raw.appendices,
                            language: raw.language ?? "en-GB",
                            reportLayout: raw.reportLayout ?? "committee-report.yaml",
                            scorecardLayout: raw.scorecardLayout ?? "scorecard-landscape.yaml",
                            fileNames: FileNameTemplates(coverReport: raw.fileNames?.coverReport ?? defaults.coverReport,
                                                         appendix: raw.fileNames?.appendix ?? defaults.appendix,
                                                         pack: raw.fileNames?.pack ?? defaults.pack))
    }
}

/// `pack.yaml` as written.
struct PackManifestFile: YAMLReadable {
    var coverReport: String
    var appendices: [String]
    var language: String?
    var reportLayout: String?
    var scorecardLayout: String?
    var fileNames: Names?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case coverReport, appendices, language, reportLayout, scorecardLayout, fileNames
    }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        coverReport = try c.string(.coverReport)
        appendices = try c.optional(.appendices)?.list { try $0.string() } ?? []
        language = try c.optional(.language)?.string()
        reportLayout = try c.optional(.reportLayout)?.string()
        scorecardLayout = try c.optional(.scorecardLayout)?.string()
        fileNames = try c.optional(.fileNames).map(Names.init(yaml:))
    }

    /// File-name templates (`{item}`, `{title}`, `{label}`), each optional.
    struct Names: YAMLReadable {
        var coverReport, appendix, pack: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case coverReport, appendix, pack }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            coverReport = try c.optional(.coverReport)?.string()
            appendix = try c.optional(.appendix)?.string()
            pack = try c.optional(.pack)?.string()
        }
    }
}
