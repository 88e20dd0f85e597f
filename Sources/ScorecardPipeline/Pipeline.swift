import Foundation
import ScorecardModel
import ScorecardParsing
import ScorecardLayout
import ScorecardRender
import ScorecardPostPass
import PDFTagging

/// Options of one render run.
public struct RenderOptions: Sendable {
    public var outputDirectory: URL
    /// Also write a PNG preview of each document's first page.
    public var png: Bool
    /// Pinned creation date (seconds since 1970), normally from `SOURCE_DATE_EPOCH`; nil uses the meeting date.
    public var sourceDateEpoch: Int64?

    /// Documents rendered at the same time, at most (one per processor by default).
    public var maximumWorkers: Int

    public init(outputDirectory: URL, png: Bool = false, sourceDateEpoch: Int64? = nil,
                maximumWorkers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.outputDirectory = outputDirectory; self.png = png; self.sourceDateEpoch = sourceDateEpoch
        self.maximumWorkers = max(1, maximumWorkers)
    }

    /// Reads `SOURCE_DATE_EPOCH` from the environment: nil when unset; an error when it is not a
    /// whole number of seconds between 1970 and the end of year 9999.
    public static func sourceDateEpoch(from environment: [String: String]) throws -> Int64? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)), (0...253_402_300_799).contains(value) else {
            throw PipelineError.invalidSourceDateEpoch(text)
        }
        return value
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
    /// The fonts being prepared on another thread, until `fonts` takes them.
    private var preparedFonts: FontPreparation?
    private var madeFonts: FontLibrary?
    private let fontsLock = NSLock()
    var measurers: [String: PangoMeasurer] = [:]
    /// The same fonts through a second Pango context, for a second thread (made when first needed):
    /// it measures half of a long table's rows and then draws the second part of a split document.
    var secondFonts: FontLibrary?
    var secondMeasurers: [String: PangoMeasurer] = [:]
    public static let creator = "scorecard 0.1 (Committee Scorecards, cairo and Pango)"

    /// `preparedFonts`: a library being made already (`FontPreparation`), used when it was made
    /// for `resources`' fonts.
    public init(resources: Resources, preparedFonts: FontPreparation? = nil) {
        self.resources = resources
        self.preparedFonts = preparedFonts
    }

    /// The bundled fonts' library: at its first use (the first measurement, after the inputs are
    /// read and parsed), taken from `preparedFonts` (waiting for it) or made then, so that the
    /// fonts, and the cairo / Pango libraries before them, are prepared while the inputs are
    /// parsed. Errors making it (no fonts folder, no fonts) are thrown at that first use, after
    /// any input errors. Thread-safe: a second thread asking while it is made waits.
    var fonts: FontLibrary {
        get throws {
            fontsLock.lock()
            defer { fontsLock.unlock() }
            if let library = madeFonts { return library }
            let library = try preparedFonts?.library(for: resources.fonts) ?? FontLibrary(fontsDirectory: resources.fonts, cacheDirectory: resources.fontCache)
            preparedFonts = nil
            madeFonts = library
            return library
        }
    }

    func measurer(family: String) throws -> PangoMeasurer {
        if let m = measurers[family] { return m }
        let m = try PangoMeasurer(fonts: try fonts, family: family)
        measurers[family] = m
        return m
    }

    /// The library of `secondFonts`, made now if needed.
    func secondFontLibrary() throws -> FontLibrary {
        if let library = secondFonts { return library }
        let library = try FontLibrary(sharingFontsOf: try fonts, threadSlot: 1)
        secondFonts = library
        return library
    }

    /// A measurer for a second thread (from `secondFonts`), measuring exactly as `measurer(family:)`.
    func secondMeasurer(family: String) throws -> PangoMeasurer {
        if let m = secondMeasurers[family] { return m }
        let m = try PangoMeasurer(fonts: try secondFontLibrary(), family: family)
        secondMeasurers[family] = m
        return m
    }

    /// Renders a pack folder or a single cover report into `options.outputDirectory`.
    /// Nothing is written unless every input parses and every document lays out.
    public func render(_ input: URL, options: RenderOptions) throws -> RenderSummary {
        try AtomicFile.ensureWritableFolder(options.outputDirectory)
        var prepared = try prepare(input, options: options)
        // Everything is laid out: the measurements (and their caches) are not needed while drawing.
        // The caches are dropped on another thread (`BackgroundRelease`), the Pango objects here.
        let released = BackgroundRelease()
        defer { released.wait() }
        let measured = Array(measurers.values) + Array(secondMeasurers.values)
        // What the measurers' shapers learnt of pairs of characters, for the drawing threads' shapers.
        let glyphs = measured.reduce(PairwiseGlyphBook()) { $0.merged(with: $1.pairwiseGlyphs) }
        for measurer in measured { measurer.releaseCaches(to: released) }
        measurers.removeAll()
        secondMeasurers.removeAll()
        let warnings = prepared.warnings
        var documents = prepared.value
        prepared.value = []
        var files: [RenderedFile] = []
        var jobs: [RenderJob] = []
        var outputs: [URL] = []
        let batch = AtomicBatch()
        for document in documents {
            let pageCount = document.laidOut.pages.count
            var png: URL?
            if options.png, pageCount > 0 {
                let url = options.outputDirectory.appendingPathComponent(document.fileName + ".png")
                png = batch.reserve(url)
                files.append(RenderedFile(url: url, pageCount: 1))
            }
            let url = options.outputDirectory.appendingPathComponent(document.fileName + ".pdf")
            jobs.append(RenderJob(document: document.laidOut, pdf: batch.reserve(url), png: png))
            outputs.append(url)
            files.append(RenderedFile(url: url, pageCount: pageCount))
        }
        documents = []
        try ParallelRender.run(&jobs, outputs: outputs, fonts: try fonts, secondFonts: secondFonts, glyphs: glyphs,
                               maximumWorkers: options.maximumWorkers)
        try batch.commit()
        return RenderSummary(files: files, warnings: warnings)
    }

    /// What the accessibility post-pass needs to know that cairo could not write: language,
    /// metadata, and the structure the renderer drew.
    static func postPassInput(_ m: DocumentMetadata, structure: TaggedStructure) -> PostPassInput {
        PostPassInput(language: m.language, title: m.title, author: m.author, subject: m.subject,
                      creator: m.creator, keywords: m.keywords, date: m.date, structure: structure)
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
                ?? CalendarDate(unixSeconds: Self.modificationSeconds(of: input.path))
            // The house style is read on another thread while the CSV is parsed (errors still in
            // that order: the CSV's first).
            let layouts = resources.layouts
            let style = BackgroundWork { try Pipeline.loadScorecardStyle("scorecard-landscape.yaml", layouts: layouts) }
            defer { style.wait() }
            let parsed = try ScorecardLoader.loadStandalone(csvFile: input.path, publicationDate: date)
            let styleFile = layouts.appendingPathComponent("scorecard-landscape.yaml")
            let doc = try Self.locatingFontFamily(in: styleFile) {
                try prepareScorecard(parsed.value, source: input.path, agendaItem: nil,
                                     style: try style.value(), language: "en-GB", options: options)
            }
            return Parsed([doc], warnings: parsed.warnings + doc.laidOut.warnings + FontCoverage.warnings(for: doc.laidOut, sources: [input], fonts: try fonts))
        default:
            throw PipelineError.unsupportedInput(input.path)
        }
    }

    /// When the file was last changed, in whole seconds since 1970; 0 when it cannot be read. From
    /// `stat` itself: FileManager's attributes also look up the owner's and the group's names
    /// through the system's user databases, on the thread that is about to parse the CSV.
    static func modificationSeconds(of path: String) -> Int64 {
        var information = stat()
        guard stat(path, &information) == 0 else { return 0 }
        return Int64(information.st_mtim.tv_sec)
    }

    func loadReportStyle(_ name: String) throws -> ReportStyle {
        try ReportStyleLoader.load(contentsOf: resources.layouts.appendingPathComponent(name))
    }

    /// Reads a UTF-8 text file; a missing or unreadable file is an input error naming it.
    func readText(_ url: URL) throws -> String { try TextFile.read(url) }
}

/// File names a clerk can use as they are.
public enum FileNames {
    /// Longest name kept, in UTF-8 bytes, leaving room for ".pdf" and the 255-byte limit of most
    /// file systems.
    public static let maximumBytes = 180

    /// Replaces characters that are unsafe in file names on Windows, macOS or Linux, collapses runs
    /// of spaces, drops leading dots (no hidden files) and shortens long names at a word boundary.
    public static func sanitised(_ name: String) -> String {
        let unsafe = Set("/\\:*?\"<>|")
        var cleaned = String(name.map { unsafe.contains($0) || $0.isNewline || $0 == "\t" ? "-" : $0 })
        cleaned = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        cleaned = String(cleaned.drop(while: { $0 == "." || $0 == " " || $0 == "-" }))
        if cleaned.utf8.count > maximumBytes {
            var cut = ""
            for word in cleaned.split(separator: " ") {
                let next = cut.isEmpty ? String(word) : cut + " " + word
                if next.utf8.count > maximumBytes { break }
                cut = next
            }
            cleaned = cut.isEmpty ? String(String(cleaned.unicodeScalars.prefix(maximumBytes / 4))) : cut
        }
        return cleaned.isEmpty ? "document" : cleaned
    }
}
