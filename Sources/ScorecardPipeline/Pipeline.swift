import Foundation
import ScorecardModel
import ScorecardParsing
import ScorecardLayout
import ScorecardRender

/// Options of one render run.
public struct RenderOptions: Sendable {
    public var outputDirectory: URL
    /// Also write a PNG preview of each document's first page.
    public var png: Bool
    /// Pinned creation date (seconds since 1970), normally from `SOURCE_DATE_EPOCH`; nil uses the meeting date.
    public var sourceDateEpoch: Int64?

    public init(outputDirectory: URL, png: Bool = false, sourceDateEpoch: Int64? = nil) {
        self.outputDirectory = outputDirectory; self.png = png; self.sourceDateEpoch = sourceDateEpoch
    }

    /// Reads `SOURCE_DATE_EPOCH` from the environment.
    public static func sourceDateEpoch(from environment: [String: String]) -> Int64? {
        environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// One file the pipeline wrote.
public struct RenderedFile: Sendable {
    public var url: URL
    public var pageCount: Int
}

/// What a render run produced, and the warnings it printed.
public struct RenderSummary: Sendable {
    public var files: [RenderedFile]
    public var warnings: [Diagnostic]
}

/// Ties the stages together: parse, lay out, render, write atomically.
public final class Pipeline {
    public let resources: Resources
    let fonts: FontLibrary
    var measurers: [String: PangoMeasurer] = [:]
    public static let creator = "scorecard 0.1 (Committee Scorecards, cairo and Pango)"

    public init(resources: Resources) throws {
        self.resources = resources
        self.fonts = try FontLibrary(fontsDirectory: resources.fonts)
    }

    func measurer(family: String) throws -> PangoMeasurer {
        if let m = measurers[family] { return m }
        let m = try PangoMeasurer(fonts: fonts, family: family)
        measurers[family] = m
        return m
    }

    /// Renders a pack folder or a single cover report into `options.outputDirectory`.
    /// Nothing is written unless every input parses and every document lays out.
    public func render(_ input: URL, options: RenderOptions) throws -> RenderSummary {
        try AtomicFile.ensureWritableFolder(options.outputDirectory)
        let documents = try prepare(input, options: options)
        var files: [RenderedFile] = []
        let renderer = PDFRenderer(fonts: fonts)
        for doc in documents.value {
            let url = options.outputDirectory.appendingPathComponent(doc.fileName + ".pdf")
            do {
                try AtomicFile.write(to: url) { try renderer.render(doc.laidOut, to: $0) }
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError.renderFailed(file: url.path, reason: "\(error)")
            }
            files.append(RenderedFile(url: url, pageCount: doc.laidOut.pages.count))
            if options.png, let first = doc.laidOut.pages.first {
                let png = options.outputDirectory.appendingPathComponent(doc.fileName + ".png")
                try AtomicFile.write(to: png) {
                    try PNGRenderer(fonts: self.fonts).render(first, family: doc.laidOut.fontFamily, dpi: 60, to: $0)
                }
                files.append(RenderedFile(url: png, pageCount: 1))
            }
        }
        return RenderSummary(files: files, warnings: documents.warnings)
    }

    /// A document laid out and ready to write, with the file name (without extension) it gets.
    public struct PreparedDocument {
        public var fileName: String
        public var laidOut: LaidOutDocument
    }

    /// Parses and lays out everything `input` names, without writing anything.
    public func prepare(_ input: URL, options: RenderOptions) throws -> Parsed<[PreparedDocument]> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory) else {
            throw PipelineError.inputNotFound(input.path)
        }
        if isDirectory.boolValue {
            let manifestURL = input.appendingPathComponent("pack.yaml")
            guard FileManager.default.fileExists(atPath: manifestURL.path) else {
                throw PipelineError.unsupportedInput(input.path)
            }
            let manifest = try PackManifestLoader.load(try readText(manifestURL), file: manifestURL.path)
            let report = try prepareCoverReport(input.appendingPathComponent(manifest.coverReport),
                                                layoutName: manifest.reportLayout, language: manifest.language,
                                                options: options)
            return Parsed([report.value], warnings: report.warnings)
        }
        switch input.pathExtension.lowercased() {
        case "md", "markdown":
            let report = try prepareCoverReport(input, layoutName: "committee-report.yaml", language: "en-GB",
                                                options: options)
            return Parsed([report.value], warnings: report.warnings)
        default:
            throw PipelineError.unsupportedInput(input.path)
        }
    }

    func prepareCoverReport(_ url: URL, layoutName: String, language: String,
                            options: RenderOptions) throws -> Parsed<PreparedDocument> {
        let style = try loadReportStyle(layoutName)
        let parsed = try CoverReportParser.parse(try readText(url), file: url.path,
                                                 unnumberedSections: style.unnumberedSections)
        let report = parsed.value
        let paper = report.headedPaper
        let metadata = DocumentMetadata(
            title: paper.title, author: paper.author,
            subject: "Report to the \(paper.toLine)", keywords: paper.keywords, creator: Pipeline.creator,
            date: options.sourceDateEpoch ?? paper.meetingDate.unixMidnightUTC, language: language)
        let layout = ReportLayout(style: style, measurer: try measurer(family: style.fontFamily))
        let laidOut: LaidOutDocument
        do {
            laidOut = try layout.layout(report, metadata: metadata)
        } catch let error as LayoutError {
            throw PipelineError.layoutFailed(file: url.path, reason: error.description)
        }
        let name = paper.agendaItem.map { "Item \($0) - \(paper.title)" } ?? paper.title
        return Parsed(PreparedDocument(fileName: FileNames.sanitised(name), laidOut: laidOut), warnings: parsed.warnings)
    }

    func loadReportStyle(_ name: String) throws -> ReportStyle {
        let url = resources.layouts.appendingPathComponent(name)
        return try ReportStyleLoader.load(try readText(url), file: url.path)
    }

    /// Reads a UTF-8 text file; a missing or unreadable file is an input error naming it.
    func readText(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError("cannot read file (missing or unreadable)", at: SourceLocation(file: url.path, line: 1, column: 1))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("file is not valid UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1))
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

/// File names a clerk can use as they are.
public enum FileNames {
    /// Replaces characters that are unsafe in file names on Windows, macOS or Linux.
    public static func sanitised(_ name: String) -> String {
        let unsafe = Set("/\\:*?\"<>|")
        let cleaned = String(name.map { unsafe.contains($0) || $0.isNewline ? "-" : $0 })
        return cleaned.trimmingCharacters(in: .whitespaces)
    }
}
