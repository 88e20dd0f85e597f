import Foundation

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
    /// Output file names (without `.pdf`): templates with `{item}`, `{title}` and `{label}`.
    public var fileNames: FileNameTemplates

    public init(coverReport: String, appendices: [String], language: String = "en-GB",
                reportLayout: String = "committee-report.yaml", scorecardLayout: String = "scorecard-landscape.yaml",
                fileNames: FileNameTemplates = FileNameTemplates()) {
        self.coverReport = coverReport; self.appendices = appendices; self.language = language
        self.reportLayout = reportLayout; self.scorecardLayout = scorecardLayout; self.fileNames = fileNames
    }
}

/// How output files are named. `{item}` is the agenda item number, `{title}` the document title,
/// `{label}` the appendix label ("Appendix 1"). When a document has no agenda item, a leading
/// "Item {item} - " is dropped.
public struct FileNameTemplates: Hashable, Sendable {
    public var coverReport: String
    public var appendix: String
    public var pack: String

    public init(coverReport: String = "Item {item} - {title}", appendix: String = "Item {item} - {label} - {title}",
                pack: String = "Item {item} - Agenda Pack - {title}") {
        self.coverReport = coverReport; self.appendix = appendix; self.pack = pack
    }

    /// Fills a template. A placeholder with no value is removed together with the separator after
    /// it ("{item}. ", "{label} - "), and "Item {item} - " goes as a whole.
    public static func fill(_ template: String, item: String?, title: String, label: String?) -> String {
        var t = template
        if item == nil { t = t.replacingOccurrences(of: "Item {item} - ", with: "") }
        for (placeholder, value) in [("{item}", item), ("{label}", label)] where value == nil {
            t = removing(placeholder, andSeparatorsAfterIt: " .,:;–-", from: t)
        }
        return t.replacingOccurrences(of: "{item}", with: item ?? "")
            .replacingOccurrences(of: "{label}", with: label ?? "")
            .replacingOccurrences(of: "{title}", with: title)
    }

    /// `text` without any occurrence of `placeholder` and the run of `separators` characters right
    /// after it. (No regular expression: ICU's start-up alone costs more than naming every file.)
    static func removing(_ placeholder: String, andSeparatorsAfterIt separators: String, from text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: placeholder) {
            out += rest[..<range.lowerBound]
            rest = rest[range.upperBound...].drop { separators.contains($0) }
        }
        return out + rest
    }
}
