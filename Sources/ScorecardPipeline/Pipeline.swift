import Foundation
import ScorecardModel
import ScorecardParsing
import ScorecardLayout
import ScorecardRender
import ScorecardPostPass

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
                try AtomicFile.write(to: url) { finished in
                    let drawn = finished.appendingPathExtension("cairo")
                    defer { try? FileManager.default.removeItem(at: drawn) }
                    try renderer.render(doc.laidOut, to: drawn)
                    try PDFPostPass.apply(input: drawn, output: finished, Self.postPassInput(doc.laidOut))
                }
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

    /// What the accessibility post-pass needs to know that cairo could not write: language,
    /// metadata, and, in structure order, each header cell's scope and each figure's alternative text.
    static func postPassInput(_ document: LaidOutDocument) -> PostPassInput {
        var scopes: [String] = []
        var alternates: [String] = []
        for page in document.pages {
            for item in page.items {
                guard case .beginTag(let tag) = item else { continue }
                if case .tableHeader(let scope) = tag { scopes.append(scope.rawValue) }
                if case .figure(let alt) = tag { alternates.append(alt) }
            }
        }
        let m = document.metadata
        return PostPassInput(language: m.language, title: m.title, author: m.author, subject: m.subject,
                             creator: m.creator, keywords: m.keywords, date: m.date,
                             headerScopes: scopes, figureAlternates: alternates)
    }

    /// Validates `input` (parsing, rules, layout) without writing anything: the warnings, including the
    /// RAG audit of supplied ratings that contradict the rules. Throws `InputError` on errors.
    public func check(_ input: URL) throws -> (documents: [PreparedDocument], warnings: [Diagnostic]) {
        let prepared = try prepare(input, options: RenderOptions(outputDirectory: FileManager.default.temporaryDirectory))
        return (prepared.value, prepared.warnings)
    }

    /// A document laid out and ready to write, with the file name (without extension) it gets.
    public struct PreparedDocument {
        public var fileName: String
        public var laidOut: LaidOutDocument
        /// The agenda item the document belongs to, when it is part of a pack.
        public var agendaItem: String?
        /// The title the document is filed under in the pack's outline.
        public var outlineTitle: String
        /// True for the assembled agenda pack.
        public var isPack: Bool = false
        /// The input files the document was made from (for locating warnings).
        public var sources: [URL] = []
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
            return try preparePack(manifest, folder: input, options: options)
        }
        switch input.pathExtension.lowercased() {
        case "md", "markdown":
            let report = try prepareCoverReport(input, layoutName: "committee-report.yaml", language: "en-GB",
                                                options: options)
            return Parsed([report.value], warnings: report.warnings)
        case "csv":
            let date = options.sourceDateEpoch.map(CalendarDate.init(unixSeconds:))
                ?? CalendarDate(unixSeconds: Int64(((try? FileManager.default.attributesOfItem(atPath: input.path)[.modificationDate]) as? Date)?.timeIntervalSince1970 ?? 0))
            let parsed = try ScorecardLoader.loadStandalone(csvFile: input.path, publicationDate: date)
            let doc = try prepareScorecard(parsed.value, source: input.path, agendaItem: nil,
                                           layoutName: "scorecard-landscape.yaml", language: "en-GB", options: options)
            return Parsed([doc], warnings: parsed.warnings + doc.laidOut.warnings + FontCoverage.warnings(for: doc.laidOut, sources: [input], fonts: fonts))
        default:
            throw PipelineError.unsupportedInput(input.path)
        }
    }

    /// Every document of a pack: parses all inputs first (collecting every file's errors), then lays out.
    func preparePack(_ manifest: PackManifest, folder: URL, options: RenderOptions) throws -> Parsed<[PreparedDocument]> {
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var report: Parsed<PreparedDocument>?
        do {
            report = try prepareCoverReport(folder.appendingPathComponent(manifest.coverReport),
                                            layoutName: manifest.reportLayout, language: manifest.language,
                                            names: manifest.fileNames, options: options)
            warnings += report!.warnings
        } catch let error as InputError {
            errors += error.diagnostics
        }
        var scorecards: [(Scorecard, String)] = []
        for appendix in manifest.appendices {
            let path = folder.appendingPathComponent(appendix).path
            do {
                let parsed = try ScorecardLoader.load(metadataFile: path)
                warnings += parsed.warnings
                scorecards.append((parsed.value, path))
            } catch let error as InputError {
                errors += error.diagnostics
            }
        }
        guard errors.isEmpty, let report else { throw InputError(warnings + errors) }
        var documents = [report.value]
        for (scorecard, path) in scorecards {
            let doc = try prepareScorecard(scorecard, source: path, agendaItem: report.value.agendaItem,
                                           layoutName: manifest.scorecardLayout, language: manifest.language,
                                           names: manifest.fileNames, options: options)
            warnings += doc.laidOut.warnings + FontCoverage.warnings(for: doc.laidOut, sources: doc.sources, fonts: fonts)
            documents.append(doc)
        }
        documents.append(try assemblePack(documents, names: manifest.fileNames))
        return Parsed(documents, warnings: warnings)
    }

    /// The agenda pack: every document's laid-out pages, reused, with fillers and pack stamps.
    func assemblePack(_ documents: [PreparedDocument], names: FileNameTemplates) throws -> PreparedDocument {
        let cover = documents[0]
        let stamps = try loadPackStamps()
        let assembler = PackAssembler(stamps: stamps, measurer: try measurer(family: cover.laidOut.fontFamily))
        var metadata = cover.laidOut.metadata
        metadata.title = [cover.agendaItem.map { "Agenda item \($0)" }, cover.outlineTitle].compactMap { $0 }.joined(separator: ": ")
        metadata.subject = "Agenda pack: " + documents.map(\.outlineTitle).joined(separator: "; ")
        let pack = assembler.assemble(documents.map { .init(title: $0.outlineTitle, document: $0.laidOut) },
                                      agendaItem: cover.agendaItem, metadata: metadata,
                                      fontFamily: cover.laidOut.fontFamily)
        let name = FileNameTemplates.fill(names.pack, item: cover.agendaItem, title: cover.outlineTitle, label: nil)
        return PreparedDocument(fileName: FileNames.sanitised(name), laidOut: pack.document, agendaItem: cover.agendaItem,
                                outlineTitle: metadata.title, isPack: true)
    }

    /// The pack stamps use the committee report's body font and the defaults of `PackStamps`.
    func loadPackStamps() throws -> PackStamps {
        PackStamps()
    }

    func prepareScorecard(_ scorecard: Scorecard, source: String, agendaItem: String?, layoutName: String,
                          language: String, names: FileNameTemplates = FileNameTemplates(),
                          options: RenderOptions) throws -> PreparedDocument {
        let style = try loadScorecardStyle(layoutName)
        let meta = scorecard.metadata
        let title = [meta.appendixLabel, meta.title].compactMap { $0 }.joined(separator: " - ")
        let metadata = DocumentMetadata(
            title: title, author: meta.producedBy,
            subject: [meta.headerLine, meta.releaseLine].compactMap { $0 }.joined(separator: ", "),
            keywords: ["performance scorecard", "RAG ratings"] + scorecard.sections.map(\.title),
            creator: Pipeline.creator,
            date: options.sourceDateEpoch ?? meta.publicationDate.unixMidnightUTC, language: language)
        let layout = ScorecardPagesLayout(style: style, measurer: try measurer(family: style.fontFamily))
        let laidOut: LaidOutDocument
        do {
            laidOut = try layout.layout(scorecard, metadata: metadata)
        } catch let error as LayoutError {
            throw PipelineError.layoutFailed(file: source, reason: error.description)
        }
        let name = FileNameTemplates.fill(names.appendix, item: agendaItem, title: meta.title, label: meta.appendixLabel)
        let folder = URL(fileURLWithPath: source).deletingLastPathComponent()
        let sources = [URL(fileURLWithPath: source)]
            + ([meta.indicatorsFile].compactMap { $0 } + meta.districtFiles.map(\.file)).map { folder.appendingPathComponent($0) }
        return PreparedDocument(fileName: FileNames.sanitised(name), laidOut: laidOut, agendaItem: agendaItem,
                                outlineTitle: title, sources: sources)
    }

    func prepareCoverReport(_ url: URL, layoutName: String, language: String,
                            names: FileNameTemplates = FileNameTemplates(),
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
        let name = FileNameTemplates.fill(names.coverReport, item: paper.agendaItem, title: paper.title, label: nil)
        let prepared = PreparedDocument(fileName: FileNames.sanitised(name), laidOut: laidOut, agendaItem: paper.agendaItem,
                                        outlineTitle: paper.title, sources: [url])
        return Parsed(prepared, warnings: parsed.warnings + FontCoverage.warnings(for: laidOut, sources: [url], fonts: fonts))
    }

    func loadScorecardStyle(_ name: String) throws -> ScorecardStyle {
        let url = resources.layouts.appendingPathComponent(name)
        return try ScorecardStyleLoader.load(try readText(url), file: url.path)
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
