import CPangoCairo
import PDFTagging
import ScorecardLayout

/// The PDF-only page items: structure tags, links, bookmarks and artifact markers.
///
/// Contract:
/// - Tags are checked as they come: the first must be `Document`, every `endTag` must close the
///   innermost open tag, and none may be open at `finish()`. Tags may stay open across pages.
/// - cairo sees no structure tags (its own tree and marked content cost more than a third of the
///   drawing and were thrown away by the post-pass). Instead, every drawing call is counted
///   (`drew`) and recorded, page by page, as runs of one owner: the innermost open element, or an
///   artifact (`TaggedStructure.MarkedRun`). The post-pass marks the content stream from them.
/// - Links become `cairo_tag_begin(CAIRO_TAG_LINK, "uri='…' rect=[x y w h]")` + `cairo_tag_end`,
///   with the URI percent-encoded (cairo 1.16 writes it unescaped); cairo's status is checked after
///   each, so a link cairo rejects fails the render at once.
/// - Bookmarks are recorded for the post-pass, which writes the outline (see `OutlineTree`).
/// - Artifacts: drawing between the markers (which must balance on each page), drawing outside
///   every tag and the page's background belong to no element.
/// - Text drawn directly inside a tag that also has child tags, links or artifacts is wrapped in an
///   implicit `Span` (consecutive text shares one Span; it closes at the next tag, link, artifact
///   marker or page end), so that an element's content is either its children or its marked
///   content. Which tags have children is found by a pass over the whole document first. Graphics
///   (fills, rules, polygons) drawn directly inside such a tag are artifacts, unless a Span is open.
/// - Alongside, it records the `TaggedStructure` it drew (complete after `finish()`): every tag,
///   implicit Span and link as an element, the runs of each page, and each page's link
///   annotations. `recordedStructure()` gives it.
final class PDFStructureWriter {
    private let context: CairoContext
    /// For the n-th `beginTag` of the document: whether it has child tags, links or artifacts.
    private let tagHasChildren: [Bool]
    private var tagOrdinal = 0
    private var openTags: [(name: String, hasChildren: Bool)] = []
    private var spanOpen = false
    private var artifactDepth = 0
    private var outline: [TaggedStructure.OutlineEntry] = []
    /// The elements drawn so far, and the indices of the open ones (innermost last).
    private var elements: [TaggedStructure.Element] = []
    private var openElements: [Int] = []
    /// Per page: what was drawn on it, as runs of one owner.
    private var runs: [[TaggedStructure.MarkedRun]] = []
    private var links: [[Int]] = []

    init(context: CairoContext, pages: [Page]) {
        self.context = context
        self.tagHasChildren = Self.tagsWithChildren(pages)
    }

    /// One flag per `beginTag`, in document order: true when a tag, link or artifact marker occurs
    /// directly inside it.
    static func tagsWithChildren(_ pages: [Page]) -> [Bool] {
        var flags: [Bool] = []
        var stack: [Int] = []
        for page in pages {
            // Read in place: iterating the items by value would copy (retain and release) the text
            // of every line on the page.
            page.items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    switch items[index] {
                    case .beginTag:
                        if let top = stack.last { flags[top] = true }
                        stack.append(flags.count)
                        flags.append(false)
                    case .endTag:
                        _ = stack.popLast()
                    case .link, .beginArtifact:
                        if let top = stack.last { flags[top] = true }
                    default:
                        break
                    }
                }
            }
        }
        return flags
    }

    /// False while pages before a part's first page are replayed (`replay`): the structure is
    /// recorded, nothing is sent to cairo.
    private var emitting = true

    /// Records the structure of a page drawn in another part (another cairo file), without
    /// drawing: tags, implicit Spans, links and bookmarks as `PageDrawer` would meet them. The
    /// page's runs stay empty (the part that draws it records them).
    func replay(_ page: Page, number: Int) throws {
        emitting = false
        defer { emitting = true }
        beginPage(number)
        for item in page.items {
            switch item {
            case .text: try willDrawText(page: number)
            case .link(let rect, let uri): try link(rect, uri: uri, page: number)
            case .beginTag(let tag): try beginTag(tag, page: number)
            case .endTag(let tag): try endTag(tag, page: number)
            case .beginArtifact: try beginArtifact(page: number)
            case .endArtifact: try endArtifact(page: number)
            case .bookmark(let b): bookmark(b, page: number, pageHeight: page.size.height)
            case .fill, .stroke, .line, .polygon: break
            }
        }
        try endPage(number)
    }

    /// Call before drawing text: opens an implicit Span when the innermost tag needs one.
    func willDrawText(page: Int) throws {
        guard !spanOpen, artifactDepth == 0, let top = openTags.last, top.hasChildren else { return }
        spanOpen = true
        beginElement(role: Self.span, page: page)
    }

    /// Records `marks`, just drawn on `page` (text when `text`, else graphics), for their owner: an
    /// artifact inside artifact markers or outside every tag; else text belongs to the innermost
    /// open element (a Span, see `willDrawText`), and graphics to it unless it is a tag with
    /// children.
    func drew(_ marks: DrawingMarks, text: Bool, page: Int) {
        guard !marks.isEmpty else { return }
        var owner: Int?
        if artifactDepth == 0, let innermost = openElements.last {
            if text || spanOpen || !(openTags.last?.hasChildren ?? false) { owner = innermost }
        }
        record(marks, owner: owner, page: page)
    }

    /// Records `marks` drawn on `page` as an artifact (the page's background).
    func drewArtifact(_ marks: DrawingMarks, page: Int) {
        guard !marks.isEmpty else { return }
        record(marks, owner: nil, page: page)
    }

    private func record(_ marks: DrawingMarks, owner: Int?, page: Int) {
        while runs.count < page { runs.append([]) }
        if let last = runs[page - 1].last, last.owner == owner {
            runs[page - 1][runs[page - 1].count - 1].glyphs += marks.glyphs
            runs[page - 1][runs[page - 1].count - 1].paints += marks.paints
        } else {
            runs[page - 1].append(TaggedStructure.MarkedRun(owner: owner, glyphs: marks.glyphs, paints: marks.paints))
        }
    }

    /// Records a new element inside the innermost open one, and opens it.
    private func beginElement(role: String, page: Int, tableScope: String? = nil, alternate: String? = nil) {
        let index = elements.count
        let parent = openElements.last
        elements.append(TaggedStructure.Element(role: role, parent: parent, tableScope: tableScope, alternate: alternate))
        if let parent { elements[parent].children.append(index) }
        openElements.append(index)
    }

    /// Call before the first item of each page.
    func beginPage(_ page: Int) {
        while runs.count < page { runs.append([]) }
        while links.count < page { links.append([]) }
    }

    private static let span = "Span"

    private func closeSpan() {
        guard spanOpen else { return }
        spanOpen = false
        openElements.removeLast()
    }

    func beginTag(_ tag: StructureTag, page: Int) throws {
        closeSpan()
        let name = tag.pdfName
        if tagOrdinal == 0, name != StructureTag.document.pdfName { throw RenderError.firstTagNotDocument(name) }
        let hasChildren = tagOrdinal < tagHasChildren.count ? tagHasChildren[tagOrdinal] : true
        tagOrdinal += 1
        openTags.append((name, hasChildren))
        var scope: String?
        var alternate: String?
        if case .tableHeader(let s) = tag { scope = s.rawValue }
        if case .figure(let alt) = tag { alternate = alt }
        beginElement(role: name, page: page, tableScope: scope, alternate: alternate)
    }

    func endTag(_ tag: StructureTag, page: Int) throws {
        closeSpan()
        let name = tag.pdfName
        guard let open = openTags.last else {
            throw RenderError.unbalancedTags("end of \(name) on page \(page) with no tag open")
        }
        guard open.name == name else {
            throw RenderError.unbalancedTags("end of \(name) on page \(page) while \(open.name) is the innermost open tag")
        }
        openTags.removeLast()
        openElements.removeLast()
    }

    func link(_ rect: Rect, uri: String, page: Int) throws {
        closeSpan()
        let n = PDFStrings.number
        let attributes = "uri=\(PDFStrings.quotedAttribute(PDFStrings.percentEncodedURI(uri))) "
            + "rect=[\(n(rect.minX.points)) \(n(rect.minY.points)) \(n(rect.width.points)) \(n(rect.height.points))]"
        if emitting { context.beginTag(CAIRO_TAG_LINK, attributes: attributes) }
        beginElement(role: CAIRO_TAG_LINK, page: page)
        openElements.removeLast()
        while links.count < page { links.append([]) }
        links[page - 1].append(elements.count - 1)
        if emitting { context.endTag(CAIRO_TAG_LINK) }
        try context.check("adding link to \(uri) on page \(page)")
    }

    /// Records a bookmark (the post-pass writes the outline); `pageHeight` turns its top-down `y`
    /// into PDF units from the bottom.
    func bookmark(_ bookmark: Bookmark, page: Int, pageHeight: Length) {
        outline.append(TaggedStructure.OutlineEntry(title: bookmark.title, level: max(1, bookmark.level), page: page - 1,
                                                    top: (pageHeight - bookmark.y).points))
    }

    func beginArtifact(page: Int) throws {
        closeSpan()
        artifactDepth += 1
    }

    func endArtifact(page: Int) throws {
        closeSpan()
        guard artifactDepth > 0 else { throw RenderError.unbalancedArtifacts(page: page) }
        artifactDepth -= 1
    }

    /// Call after the last item of each page.
    func endPage(_ page: Int) throws {
        closeSpan()
        guard artifactDepth == 0 else { throw RenderError.unbalancedArtifacts(page: page) }
    }

    /// Call after the last page of the document (of its last part).
    func finish() throws {
        guard openTags.isEmpty else {
            let names = openTags.map(\.name).joined(separator: " > ")
            throw RenderError.unbalancedTags("still open at the end of the document: \(names)")
        }
    }

    /// The structure recorded so far (the whole document's after `finish()`).
    func recordedStructure() -> TaggedStructure {
        TaggedStructure(elements: elements, markedContent: runs, links: links, outline: outline)
    }
}
