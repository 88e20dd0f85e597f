import CPangoCairo
import Foundation
import PDFTagging
import ScorecardLayout

/// Writes a laid-out document as a tagged PDF with cairo.
///
/// Contract:
/// - Writes straight to `url` (the caller handles temporary files and renames). On a thrown error the
///   file may be incomplete.
/// - PDF 1.5 (cairo 1.16's default, set explicitly); each page gets its own size; metadata (title, author, subject, keywords joined with
///   ", ", creator, creation and modification date from `metadata.date`) is pinned, so the same
///   document gives byte-identical files.
/// - Text uses only the bundled fonts (`document.fontFamily` must be one of them).
/// - Every page is paper: painted white before anything is drawn (an artifact, like the PNG
///   preview's background), over the whole points of its size (cairo's extent of the page: a fill
///   reaching the fraction beyond would make cairo clip the whole page). Besides saying what the page is, this keeps cairo 1.16's analysis pass
///   cheap: it unions the extents of every drawing operation into a region, and a region that is
///   already the whole page absorbs each one at once instead of growing rectangle by rectangle
///   (about 4% of all the work for a long scorecard).
/// - Structure tags, links, bookmarks and artifact markers follow `PDFStructureWriter`'s contract;
///   `render` returns the `TaggedStructure` it drew, from which the post-pass writes the structure tree.
/// - After finishing, cairo's status is checked; any error is thrown as `RenderError.cairo`.
/// - Not thread-safe (shares the library's Pango context).
/// - Lines are set through one `LineLayoutCache` per font family that lives as long as the renderer,
///   so text repeated across documents (an appendix drawn again in its agenda pack) is set once.
public final class PDFRenderer {
    public let fonts: FontLibrary
    private var lineLayouts: [String: LineLayoutCache] = [:]

    /// Pairwise glyph tables the renderer's shapers start from (the measurers', see `PairwiseGlyphBook`).
    let glyphs: PairwiseGlyphBook

    public init(fonts: FontLibrary, glyphs: PairwiseGlyphBook = PairwiseGlyphBook()) {
        self.fonts = fonts
        self.glyphs = glyphs
    }

    /// The line layout cache of `family` (the family as the fonts spell it).
    func lineLayouts(family: String) -> LineLayoutCache {
        if let cache = lineLayouts[family] { return cache }
        let cache = LineLayoutCache(fonts: fonts, family: family, glyphs: glyphs)
        lineLayouts[family] = cache
        return cache
    }

    @discardableResult
    public func render(_ document: LaidOutDocument, to url: URL) throws -> TaggedStructure {
        try render(document, pages: document.pages.indices, to: url)
    }

    /// Renders only `pages` of the document into `url` (a part, for rendering one document on several
    /// threads: the post-pass joins the parts). Pages before the range are replayed for their
    /// structure (elements, links, bookmarks; their runs stay empty). The structure returned is
    /// complete only for the part that ends the document; for others it stops at the range's end.
    @discardableResult
    public func render(_ document: LaidOutDocument, pages: Range<Int>, to url: URL) throws -> TaggedStructure {
        guard !pages.isEmpty, pages.lowerBound >= 0, pages.upperBound <= document.pages.count else { throw RenderError.noPages }
        let first = document.pages[pages.lowerBound]
        let family = try fonts.requireFamily(document.fontFamily)
        let sink = try BufferedFileSink(path: url.path)
        let surface = try CairoSurface(
            taking: cairo_pdf_surface_create_for_stream(BufferedFileSink.cairoWrite, sink.closure,
                                                        first.size.width.points, first.size.height.points),
            context: "creating PDF \(url.path)", keeping: sink)
        cairo_pdf_surface_restrict_to_version(surface.pointer, CAIRO_PDF_VERSION_1_5)
        setMetadata(document.metadata, on: surface)
        try surface.check("setting PDF metadata")

        let context = try CairoContext(surface: surface)
        let structure = PDFStructureWriter(context: context, pages: document.pages)
        for index in 0..<pages.lowerBound { try structure.replay(document.pages[index], number: index + 1) }
        let drawer = PageDrawer(texts: lineLayouts(family: family))
        for index in pages {
            let page = document.pages[index]
            cairo_pdf_surface_set_size(surface.pointer, page.size.width.points, page.size.height.points)
            context.pageSize = (page.size.width.points, page.size.height.points)
            let before = context.marks
            context.fill(Rect(x: .zero, y: .zero, width: .pt(page.size.width.points.rounded(.down)), height: .pt(page.size.height.points.rounded(.down))), .white)
            structure.beginPage(index + 1)
            structure.drewArtifact(context.marks - before, page: index + 1)
            try drawer.draw(page, number: index + 1, on: context, structure: structure)
            context.showPage()
            try context.check("ending page \(index + 1)")
        }
        if pages.upperBound == document.pages.count { try structure.finish() }
        do {
            try surface.finish("writing PDF \(url.path)")
            try context.check("writing PDF \(url.path)")
        } catch {
            // A failed write: the system's reason ("No space left on device") says more than cairo's.
            try sink.close()
            throw error
        }
        try sink.close()
        return structure.recordedStructure()
    }

    private func setMetadata(_ metadata: DocumentMetadata, on surface: CairoSurface) {
        // cairo 1.16 copies the digits into "(YYYYMMDDHHmmSSZ)", without the "D:" prefix the PDF
        // specification requires; the post-pass should rewrite both dates as "D:YYYYMMDDHHmmSSZ".
        let date = PDFStrings.iso8601UTC(metadata.date) + "Z"
        let entries: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", ")),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface.pointer, key, value)
        }
    }
}
