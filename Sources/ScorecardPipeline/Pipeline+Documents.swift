import Foundation
import ScorecardModel
import ScorecardParsing
import ScorecardLayout
import ScorecardRender
import Dispatch

/// The documents of a render: cover report, scorecard appendices and the agenda pack, each parsed
/// and laid out, with the file name it will get.
extension Pipeline {
    /// Which Pango context a preparation measures with: the pipeline's own, or the second one
    /// (`secondFonts`), for a second thread.
    enum MeasuringContext: Sendable { case primary, second }

    /// Every document of a pack: parses all inputs first (collecting every file's errors), then lays out.
    /// With two threads, the cover report is parsed and laid out (measuring with the primary Pango
    /// context) while the other thread reads and parses the appendices, loads their house style (once
    /// for all of them) and makes the second Pango context's fonts; then the appendices are laid out
    /// side by side.
    func preparePack(_ manifest: PackManifest, folder: URL, options: RenderOptions) throws -> Parsed<[PreparedDocument]> {
        let coverSlot = ParallelRender.Slot<Parsed<PreparedDocument>>()
        let appendixSlots = manifest.appendices.map { _ in ParallelRender.Slot<Parsed<Scorecard>>() }
        let styleSlot = ParallelRender.Slot<ScorecardStyle>()
        let sideBySide = options.maximumWorkers >= 2 && manifest.appendices.count > 1
        let shared = ParallelRender.Shared(self)
        let prepareCover: @Sendable () -> Void = {
            do {
                coverSlot.value = try shared.value!.prepareCoverReport(
                    folder.appendingPathComponent(manifest.coverReport), layoutName: manifest.reportLayout,
                    language: manifest.language, names: manifest.fileNames, options: options)
            } catch {
                coverSlot.error = error
            }
        }
        let parseAppendices: @Sendable () -> Void = {
            for (appendix, slot) in zip(manifest.appendices, appendixSlots) {
                do {
                    slot.value = try ScorecardLoader.load(metadataFile: folder.appendingPathComponent(appendix).path)
                } catch {
                    slot.error = error
                }
            }
            guard !manifest.appendices.isEmpty else { return }
            do {
                styleSlot.value = try shared.value!.loadScorecardStyle(manifest.scorecardLayout)
                // The second thread's fonts (only this thread touches `secondFonts` while both run).
                if sideBySide { _ = try shared.value!.secondFontLibrary() }
            } catch {
                styleSlot.error = error
            }
        }
        if options.maximumWorkers >= 2 && !manifest.appendices.isEmpty {
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? prepareCover() : parseAppendices() }
        } else {
            prepareCover()
            parseAppendices()
        }
        // Errors in the order of the serial reading: the cover report's, then each appendix's. The
        // fonts are not part of that reading (they are prepared beside it, and the cover report
        // and the second thread first need them once their inputs are read): an error making them
        // is reported only when no input has errors, as for a single CSV or cover report.
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var fontError: (any Error)?
        for error in [coverSlot.error].compactMap({ $0 }) + appendixSlots.compactMap(\.error) + [styleSlot.error].compactMap({ $0 }) {
            if error is FontError {
                fontError = fontError ?? error
                continue
            }
            guard let error = error as? InputError else { throw error }
            errors += error.diagnostics
        }
        if errors.isEmpty, let fontError { throw fontError }
        let report = coverSlot.value
        warnings += report?.warnings ?? []
        var scorecards: [(Scorecard, String)] = []
        for (appendix, slot) in zip(manifest.appendices, appendixSlots) {
            guard let parsed = slot.value else { continue }
            warnings += parsed.warnings
            scorecards.append((parsed.value, folder.appendingPathComponent(appendix).path))
        }
        guard errors.isEmpty, let report else { throw InputError(warnings + errors) }
        var documents = [report.value]
        let style = styleSlot.value
        let manifestURL = folder.appendingPathComponent("pack.yaml")
        for (index, (scorecard, _)) in scorecards.enumerated() {
            if let label = scorecard.metadata.appendixLabel, label != "Appendix \(index + 1)" {
                let line = Self.lineListing(appendix: index, of: manifest, in: manifestURL) ?? 1
                warnings.append(.warning("'\(label)' is appendix \(index + 1) in the pack (the order of `appendices` in pack.yaml); check the order or the label",
                                         at: SourceLocation(file: manifestURL.path, line: line, column: 1)))
            }
        }
        // The appendices are laid out side by side when there are two threads: odd ones with the
        // second Pango context (same fonts, same measurements), so the results are the same.
        let contexts: [MeasuringContext] = scorecards.indices.map { sideBySide && $0 % 2 == 1 ? .second : .primary }
        let results = scorecards.map { _ in ParallelRender.Slot<(PreparedDocument, [Diagnostic])>() }
        let inParallel = contexts.contains(.second)
        // The pipeline is shared by the two threads: each measures only with its own context
        // (its measurer cache and font library), and nothing else it touches is mutable.
        let appendices = scorecards
        let agendaItem = report.value.agendaItem
        let lay: @Sendable (Int) -> Void = { index in
            // Loaded whenever there are appendices (a failure was thrown above).
            guard let style else { return }
            let pipeline = shared.value!
            for k in appendices.indices where (contexts[k] == .second) == (index == 1) {
                let (scorecard, path) = appendices[k]
                do {
                    let styleFile = pipeline.resources.layouts.appendingPathComponent(manifest.scorecardLayout)
                    let doc = try Pipeline.locatingFontFamily(in: styleFile) {
                        try pipeline.prepareScorecard(scorecard, source: path, agendaItem: agendaItem,
                                                      style: style, language: manifest.language,
                                                      names: manifest.fileNames, options: options, context: contexts[k],
                                                      rowHelpers: !inParallel)
                    }
                    let library = contexts[k] == .second ? pipeline.secondFonts! : try pipeline.fonts
                    results[k].value = (doc, doc.laidOut.warnings + FontCoverage.warnings(for: doc.laidOut, sources: doc.sources, fonts: library))
                } catch {
                    results[k].error = error
                }
            }
        }
        if inParallel { DispatchQueue.concurrentPerform(iterations: 2, execute: lay) } else { lay(0) }
        for result in results {
            if let error = result.error { throw error }
            guard let (doc, found) = result.value else { continue }
            warnings += found
            documents.append(doc)
        }
        documents.append(try assemblePack(documents, names: manifest.fileNames))
        if let clash = Self.firstNameClash(documents.map(\.fileName)) {
            throw InputError(warnings + [Self.nameClashError(documents[clash].fileName, document: clash,
                                                            manifest: manifest, folder: folder)])
        }
        return Parsed(documents, warnings: warnings)
    }

    /// The index of the first file name already taken by an earlier one (case ignored, as file
    /// systems on Windows and macOS do), if any.
    static func firstNameClash(_ names: [String]) -> Int? {
        var seen = Set<String>()
        return names.firstIndex { !seen.insert($0.lowercased()).inserted }
    }

    /// Two documents of a pack would be written to one file: an error in pack.yaml, at the later
    /// listing of an appendix listed twice, else (titles or templates that give one name) at
    /// `fileNames:` (or the top of the file).
    static func nameClashError(_ name: String, document index: Int, manifest: PackManifest, folder: URL) -> Diagnostic {
        let file = folder.appendingPathComponent("pack.yaml")
        var line: Int?
        if (1...manifest.appendices.count).contains(index),
           manifest.appendices[..<(index - 1)].contains(manifest.appendices[index - 1]) {
            line = lineListing(appendix: index - 1, of: manifest, in: file)
        }
        line = line ?? ((try? TextFile.read(file)) ?? "").components(separatedBy: "\n")
            .firstIndex { $0.hasPrefix("fileNames:") }.map { $0 + 1 }
        return .error("this would write a second document as '\(name).pdf' (file names ignore case); list each appendix once, "
                      + "give the documents different titles, or change fileNames",
                      at: SourceLocation(file: file.path, line: line ?? 1, column: 1))
    }

    /// The line (from 1) of pack.yaml that lists appendix `index` of `manifest`: the line naming
    /// its file as often as the file is listed up to it (an appendix listed twice has two lines).
    /// Nil when the file cannot be read or no such line is found.
    static func lineListing(appendix index: Int, of manifest: PackManifest, in file: URL) -> Int? {
        guard let text = try? TextFile.read(file) else { return nil }
        let appendix = manifest.appendices[index]
        let occurrence = manifest.appendices[...index].filter { $0 == appendix }.count
        let lines = text.components(separatedBy: "\n")
        let listing = lines.indices.filter { lines[$0].contains(appendix) }
        return occurrence <= listing.count ? listing[occurrence - 1] + 1 : nil
    }

    /// The agenda pack: every document's laid-out pages, reused, with fillers and pack stamps.
    func assemblePack(_ documents: [PreparedDocument], names: FileNameTemplates) throws -> PreparedDocument {
        let cover = documents[0]
        let assembler = PackAssembler(stamps: PackStamps(), measurer: try measurer(family: cover.laidOut.fontFamily))
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


    /// Lays a scorecard out. `context` says which Pango context measures (`.second` only from a
    /// second thread); `rowHelpers` lets a long table's rows be set on a second thread (not when
    /// the second context is already busy).
    func prepareScorecard(_ scorecard: Scorecard, source: String, agendaItem: String?, style: ScorecardStyle,
                          language: String, names: FileNameTemplates = FileNameTemplates(),
                          options: RenderOptions, context: MeasuringContext = .primary, rowHelpers: Bool = true) throws -> PreparedDocument {
        let meta = scorecard.metadata
        let title = [meta.appendixLabel, meta.title].compactMap { $0 }.joined(separator: " - ")
        let metadata = DocumentMetadata(
            title: title, author: meta.producedBy,
            subject: [meta.headerLine, meta.releaseLine].compactMap { $0 }.joined(separator: ", "),
            keywords: ["performance scorecard", "RAG ratings"] + scorecard.sections.map(\.title),
            creator: Pipeline.creator,
            date: options.sourceDateEpoch ?? meta.publicationDate.unixMidnightUTC, language: language)
        // A long table's rows are set on two threads (the second Pango context is made only then).
        let rows = scorecard.sections.reduce(0) { $0 + $1.indicators.count + 1 }
        let helpers = rowHelpers && context == .primary && options.maximumWorkers >= 2 && rows >= TableLayout<PangoMeasurer>.rowsWorthSharing
            ? [try secondMeasurer(family: style.fontFamily)] : []
        let primary = context == .primary ? try measurer(family: style.fontFamily) : try secondMeasurer(family: style.fontFamily)
        let layout = ScorecardPagesLayout(style: style, measurer: primary, helpers: helpers)
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
        let styleFile = resources.layouts.appendingPathComponent(layoutName)
        let layout = ReportLayout(style: style, measurer: try Self.locatingFontFamily(in: styleFile) { try measurer(family: style.fontFamily) })
        let laidOut: LaidOutDocument
        do {
            laidOut = try layout.layout(report, metadata: metadata)
        } catch let error as LayoutError {
            throw PipelineError.layoutFailed(file: url.path, reason: error.description)
        }
        let name = FileNameTemplates.fill(names.coverReport, item: paper.agendaItem, title: paper.title, label: nil)
        let prepared = PreparedDocument(fileName: FileNames.sanitised(name), laidOut: laidOut, agendaItem: paper.agendaItem,
                                        outlineTitle: paper.title, sources: [url])
        return Parsed(prepared, warnings: parsed.warnings + laidOut.warnings
                          + FontCoverage.warnings(for: laidOut, sources: [url], fonts: try fonts))
    }

    func loadScorecardStyle(_ name: String) throws -> ScorecardStyle {
        try Self.loadScorecardStyle(name, layouts: resources.layouts)
    }

    /// `body`'s result; a font family the fonts folder lacks (`FontError.familyNotFound`) becomes an
    /// input error at the `family:` line of the house style `styleFile` that names it.
    static func locatingFontFamily<T>(in styleFile: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FontError {
            guard case .familyNotFound = error else { throw error }
            let lines = ((try? TextFile.read(styleFile)) ?? "").components(separatedBy: "\n")
            var location = SourceLocation(file: styleFile.path, line: 1, column: 1)
            if let index = lines.firstIndex(where: { $0.drop(while: { $0 == " " }).hasPrefix("family:") }) {
                location = SourceLocation(file: styleFile.path, line: index + 1,
                                          column: lines[index].prefix(while: { $0 == " " }).count + 1)
            }
            throw InputError([.error(error.description, at: location)])
        }
    }

    /// The house style `name` of the `layouts` folder (callable from any thread).
    static func loadScorecardStyle(_ name: String, layouts: URL) throws -> ScorecardStyle {
        try ScorecardStyleLoader.load(contentsOf: layouts.appendingPathComponent(name))
    }

}
