/// The agenda pack manifest (`pack.yaml`): which documents make up one agenda item's papers.
public struct PackManifest: Hashable, Sendable {
    /// Cover report Markdown file, relative to the manifest.
    public var coverReport: String
    /// Scorecard metadata YAML files, one per appendix, in appendix order, relative to the manifest.
    public var appendices: [String]
    /// BCP 47 language of the documents.
    public var language: String
    /// House style files in `Layouts/`.
    public var reportLayout: String
    public var scorecardLayout: String

    public init(coverReport: String, appendices: [String], language: String = "en-GB",
                reportLayout: String = "committee-report.yaml", scorecardLayout: String = "scorecard-landscape.yaml") {
        self.coverReport = coverReport; self.appendices = appendices; self.language = language
        self.reportLayout = reportLayout; self.scorecardLayout = scorecardLayout
    }
}
