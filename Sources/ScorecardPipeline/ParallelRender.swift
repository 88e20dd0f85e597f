import Foundation
import ScorecardLayout
import ScorecardPostPass
import ScorecardRender
import PDFTagging

/// One output file to produce: a laid-out document and where its PDF (and PNG preview) go.
struct RenderJob: Sendable {
    var document: LaidOutDocument
    /// Temporary paths of the batch, renamed into place when every job has finished.
    var pdf: URL
    var png: URL?
}

/// Renders jobs on several threads: each worker has its own fonts, Pango context and renderer
/// (Pango and the renderer are not thread-safe; cairo and libqpdf objects are never shared), and
/// draws its jobs one after another, releasing each document once cairo has drawn it.
///
/// Contract:
/// - Jobs are handed out longest first (pages), each to whichever worker is free next (a
///   document's time is not only its pages: each also has its fonts to embed and its post-pass);
///   at most `maximumWorkers` workers, never more than jobs. Worker 0 uses the `fonts` it is given, worker 1
///   `secondFonts` when given; the others make their own library sharing worker 0's fonts (the
///   same fonts, the same settings, so the same output bytes). Every worker's library has its own
///   `threadSlot` (five kinds; a sixth worker shares worker 0's), so workers do not lock each
///   other's cairo scaled fonts.
/// - A run of one document of at least `minimumPagesToSplit` pages, with two workers or more, is
///   drawn as two parts at the same time (`StructureSplit.balancedCut`) and joined by the post-pass.
/// - libqpdf (the post-pass's library, see CQPDF.h) is loaded where it costs least. With one worker,
///   on a thread of its own while that worker draws (a processor is free then; not earlier, because
///   while `dlopen` runs glibc makes every thread being created wait, and parsing and layout make
///   threads). With two threads drawing, by the first post-pass that needs it (a third thread
///   competing with both for the processors measured slower than waiting: 0.97× at 400 rows).
/// - Every job runs, even after another fails; the error thrown is that of the first failing job
///   in job order, wrapped as `PipelineError.renderFailed` unless it already is a `PipelineError`.
enum ParallelRender {
    /// Workers for this machine: one per processor, at most `jobs`.
    static func workerCount(jobs: Int) -> Int {
        max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// The order jobs are handed out in (indices into `pages`): most pages first, then job order.
    static func order(pages: [Int]) -> [Int] {
        pages.indices.sorted { (pages[$0], $1) > (pages[$1], $0) }
    }

    /// Jobs waiting to be drawn, taken one at a time by the workers. `@unchecked Sendable`: every
    /// access holds the lock.
    final class JobQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [(index: Int, job: RenderJob)]

        /// Takes every job out of `jobs` (which is left empty), in `order(pages:)`.
        init(taking jobs: inout [RenderJob]) {
            var all: [RenderJob] = []
            swap(&all, &jobs)
            waiting = ParallelRender.order(pages: all.map(\.document.pages.count)).reversed().map { ($0, all[$0]) }
        }

        /// The next job, or nil when all have been taken. The queue keeps no reference to it.
        func next() -> (index: Int, job: RenderJob)? {
            lock.lock()
            defer { lock.unlock() }
            return waiting.popLast()
        }

        var count: Int { lock.lock(); defer { lock.unlock() }; return waiting.count }
    }

    static func makeWorkers(count: Int, fonts: FontLibrary, secondFonts: FontLibrary?, glyphs: PairwiseGlyphBook,
                            queue: JobQueue) throws -> [Worker] {
        try (0..<count).map { k in
            let library = k == 0 ? fonts : (k == 1 ? try secondFonts ?? FontLibrary(sharingFontsOf: fonts, threadSlot: 1)
                                                     : try FontLibrary(sharingFontsOf: fonts, threadSlot: k))
            return Worker(fonts: library, glyphs: glyphs, queue: queue)
        }
    }

    /// Documents shorter than this are drawn in one piece: a part costs its own font subsets (some
    /// 20 KB, a third of a 6-page scorecard) and a second start-up, for little time saved.
    static let minimumPagesToSplit = 12

    /// A value handed to threads and released by whoever empties the box. `@unchecked Sendable`:
    /// while threads run, they only read the box's value, or one thread uses a box of its own (a
    /// font library); it is set or emptied before or after they run.
    final class Shared<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: Value) { self.value = value }
    }

    /// One thread's result. `@unchecked Sendable`: each slot is written by one thread only, and read
    /// after all threads have finished (one object per thread: no two threads write one array).
    final class Slot<Value>: @unchecked Sendable {
        var value: Value?
        var error: Error?
    }

    /// Draws one document (taken from `shared`, which is left empty once both parts are drawn) as two parts at the same time (pages before `cut`, and the rest), each
    /// thread with its own fonts and renderer and each making its part's page fix-ups
    /// (`PDFPostPass.preparePart`); then joins them.
    static func renderSplit(_ shared: Shared<RenderJob>, cut: Int, fonts: FontLibrary, secondFonts: FontLibrary? = nil,
                            glyphs: PairwiseGlyphBook = PairwiseGlyphBook()) throws {
        let second = try secondFonts ?? FontLibrary(sharingFontsOf: fonts, threadSlot: 1)
        let libraries = [Shared(fonts), Shared(second)]
        let (pdf, png) = (shared.value!.pdf, shared.value!.png)
        let metadata = shared.value!.document.metadata
        let pageCount = shared.value!.document.pages.count
        let ranges = [0..<cut, cut..<pageCount]
        let parts = (1...2).map { pdf.appendingPathExtension("part\($0).cairo") }
        defer { for part in parts { try? FileManager.default.removeItem(at: part) } }
        // Only the second part's structure is kept: its recording covers the whole document (the
        // first part's is released on its own thread, not in the serial tail).
        let slots = [Slot<(structure: TaggedStructure?, part: PDFPostPass.PreparedPart)>(), Slot()]
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let document = shared.value!.document
                if k == 0, let png, let first = document.pages.first {
                    try PNGRenderer(fonts: libraries[k].value!).render(first, family: document.fontFamily, dpi: 60, to: png)
                }
                let structure = try PDFRenderer(fonts: libraries[k].value!, glyphs: glyphs).render(document, pages: ranges[k], to: parts[k])
                let part = try PDFPostPass.preparePart(parts[k], pages: ranges[k], of: pageCount, structure: structure)
                slots[k].value = (k == 1 ? structure : nil, part)
            } catch {
                slots[k].error = error
            }
        }
        // Both parts are drawn: the pages are released on another thread while the parts are joined
        // (at 2,000 indicators, some 100,000 page items: 4-6 ms that were a serial step after the join).
        let released = BackgroundRelease()
        defer { released.wait() }
        let drawn = shared.value
        shared.value = nil
        released.release(consume drawn)
        if let error = slots.compactMap(\.error).first { throw error }
        let done = slots.compactMap(\.value)
        guard done.count == 2, let structure = done[1].structure else {
            throw PipelineError.renderFailed(file: pdf.path, reason: "a part was not drawn")
        }
        try PDFPostPass.join(done.map(\.part), output: pdf, Pipeline.postPassInput(metadata, structure: structure))
    }

    /// A worker's exclusive state. `@unchecked Sendable`: each box is touched by one worker thread
    /// only while the workers run, and by the caller only before and after (the queue it shares
    /// locks itself).
    final class Worker: @unchecked Sendable {
        let fonts: FontLibrary
        let glyphs: PairwiseGlyphBook
        let queue: JobQueue
        var failures: [(index: Int, error: Error)] = []
        init(fonts: FontLibrary, glyphs: PairwiseGlyphBook, queue: JobQueue) { self.fonts = fonts; self.glyphs = glyphs; self.queue = queue }

        func run() {
            let renderer = PDFRenderer(fonts: fonts, glyphs: glyphs)
            while case (let index, var job)? = queue.next() {
                do {
                    if let png = job.png, let first = job.document.pages.first {
                        try PNGRenderer(fonts: fonts).render(first, family: job.document.fontFamily, dpi: 60, to: png)
                    }
                    let drawn = job.pdf.appendingPathExtension("cairo")
                    defer { try? FileManager.default.removeItem(at: drawn) }
                    let structure = try renderer.render(job.document, to: drawn)
                    job.document.pages = []
                    try PDFPostPass.apply(input: drawn, output: job.pdf, Pipeline.postPassInput(job.document.metadata, structure: structure))
                } catch {
                    failures.append((index, error))
                }
            }
        }
    }

    /// Runs the jobs (taken from `jobs`, which is left empty, so each document is released as soon
    /// as its worker has drawn it); `fonts` serves the first worker. `outputs` names each job's file
    /// in errors. `glyphs`: the measurers' pairwise glyph tables, which every renderer's shapers
    /// start from.
    static func run(_ jobs: inout [RenderJob], outputs: [URL], fonts: FontLibrary, secondFonts: FontLibrary? = nil,
                    glyphs: PairwiseGlyphBook = PairwiseGlyphBook(), maximumWorkers: Int) throws {
        if jobs.count == 1, maximumWorkers >= 2, jobs[0].document.pages.count >= minimumPagesToSplit,
           let cut = StructureSplit.balancedCut(jobs[0].document.pages) {
            // The box holds the only reference, so `renderSplit` can release the pages.
            let job = Shared(jobs.removeFirst())
            do {
                try renderSplit(job, cut: cut, fonts: fonts, secondFonts: secondFonts, glyphs: glyphs)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError.renderFailed(file: outputs[0].path, reason: "\(error)")
            }
            return
        }
        let queue = JobQueue(taking: &jobs)
        let workers = try makeWorkers(count: min(maximumWorkers, queue.count), fonts: fonts, secondFonts: secondFonts,
                                      glyphs: glyphs, queue: queue)
        if workers.count == 1 {
            PDFPostPass.startLoadingLibrary()
            workers[0].run()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers.count) { workers[$0].run() }
        }
        guard let (index, error) = workers.flatMap(\.failures).min(by: { $0.index < $1.index }) else { return }
        if let error = error as? PipelineError { throw error }
        throw PipelineError.renderFailed(file: outputs[index].path, reason: "\(error)")
    }
}
