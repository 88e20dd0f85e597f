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
        for (index, (scorecard, _)) in scorecards.enumerated() {
            if let label = scorecard.metadata.appendixLabel, label != "Appendix \(index + 1)" {
                let manifestURL = folder.appendingPathComponent("pack.yaml")
                let lines = (try? readText(manifestURL))?.components(separatedBy: "\n") ?? []
                let line = (lines.firstIndex { $0.contains(manifest.appendices[index]) } ?? 0) + 1
                warnings.append(.warning("'\(label)' is appendix \(index + 1) in the pack (the order of `appendices` in pack.yaml); check the order or the label",
                                         at: SourceLocation(file: manifestURL.path, line: line, column: 1)))
            }
        }
        // The appendices are laid out side by side when there are two threads: odd ones with the
        // second Pango context (same fonts, same measurements), so the results are the same.
        let contexts: [MeasuringContext] = scorecards.indices.map {
            options.maximumWorkers >= 2 && scorecards.count > 1 && $0 % 2 == 1 ? .second : .primary
        }
        if contexts.contains(.second) { _ = try secondFontLibrary() }
        let results = scorecards.map { _ in ParallelRender.Slot<(PreparedDocument, [Diagnostic])>() }
        let inParallel = contexts.contains(.second)
        // The pipeline is shared by the two threads: each measures only with its own context
        // (its measurer cache and font library), and nothing else it touches is mutable.
        let shared = ParallelRender.Shared(self)
        let appendices = scorecards
        let agendaItem = report.value.agendaItem
        let lay: @Sendable (Int) -> Void = { index in
            let pipeline = shared.value!
            for k in appendices.indices where (contexts[k] == .second) == (index == 1) {
                let (scorecard, path) = appendices[k]
                do {
                    let doc = try pipeline.prepareScorecard(scorecard, source: path, agendaItem: agendaItem,
                                                        layoutName: manifest.scorecardLayout, language: manifest.language,
                                                        names: manifest.fileNames, options: options, context: contexts[k],
                                                        rowHelpers: !inParallel)
                    let library = contexts[k] == .second ? pipeline.secondFonts! : pipeline.fonts
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
        var names = Set<String>()
        for doc in documents where !names.insert(doc.fileName.lowercased()).inserted {
            throw PipelineError.duplicateOutputName(doc.fileName)
        }
        return Parsed(documents, warnings: warnings)
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
    func prepareScorecard(_ scorecard: Scorecard, source: String, agendaItem: String?, layoutName: String,
                          language: String, names: FileNameTemplates = FileNameTemplates(),
                          options: RenderOptions, context: MeasuringContext = .primary, rowHelpers: Bool = true) throws -> PreparedDocument {
        let style = try loadScorecardStyle(layoutName)
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
        try ScorecardStyleLoader.load(contentsOf: resources.layouts.appendingPathComponent(name))
    }

}
