import CPangoCairo
import PDFTagging
import ScorecardLayout

/// The PDF-only page items: structure tags, links, bookmarks and artifact markers.
///
/// Contract:
/// - Tags are checked before cairo sees them: the first must be `Document`, every `endTag` must close
///   the innermost open tag, and none may be open at `finish()`. cairo's status is checked after
///   every tag call, so a tag cairo rejects fails the render at once (cairo itself would silently
///   stop drawing). Tags may stay open across pages (cairo 1.16 closes and reopens the marked content).
/// - Links become `cairo_tag_begin(CAIRO_TAG_LINK, "uri='…' rect=[x y w h]")` + `cairo_tag_end`,
///   with the URI percent-encoded (cairo 1.16 writes it unescaped).
/// - Bookmarks are recorded for the post-pass, which writes the outline (see `OutlineTree`).
/// - Artifacts: cairo 1.16 cannot write them; the markers are only counted, and must balance on
///   each page. Their content is left outside any marked content (see below), so the post-pass can
///   mark every unmarked content sequence as `/Artifact`.
/// - cairo 1.16 gives marked content only to innermost tags: text drawn directly inside a tag that
///   also has child tags, links or artifacts would be silently left out of the structure tree (for
///   example a paragraph holding a link). So text drawn directly inside such a tag is wrapped in an
///   implicit `Span` (consecutive text shares one Span; it closes at the next tag, link, artifact
///   marker or page end). Which tags have children is found by a pass over the whole document
///   first. Graphics (fills, rules, polygons) drawn directly inside such a tag stay unmarked.
/// - Alongside, it records the `TaggedStructure` it drew (complete after `finish()`):
///   every tag, implicit Span and link as an element, which element owns each marked-content
///   sequence cairo opens on each page, and each page's link annotations. The post-pass writes the
///   structure tree from it; cairo's own tree is dropped. `recordedStructure()` gives it.
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
    /// Per page: the element of every tag begun on it, and of the innermost tag open when it began.
    private var beginnings: [[Int]] = []
    /// Per element: the (1-based) page its first child begins on, if it has one.
    private var firstChildPage: [Int?] = []
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

    private func cairoBegin(_ name: String, attributes: String) {
        if emitting { context.beginTag(CairoTagNames.cairoName(forRole: name), attributes: attributes) }
    }

    private func cairoEnd(_ name: String) {
        if emitting { context.endTag(CairoTagNames.cairoName(forRole: name)) }
    }

    /// Records the structure of a page drawn in another part (another cairo file), without
    /// drawing: tags, implicit Spans, links and bookmarks as `PageDrawer` would meet them.
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

    /// At the top of a part's first page: begins, in cairo only, the tags the replayed pages left
    /// open (outermost first), so that what follows nests inside them.
    func reopenTags() {
        for tag in openTags { context.beginTag(CairoTagNames.cairoName(forRole: tag.name), attributes: "") }
    }

    /// At the end of a part's last page when the document goes on in another part: ends, in cairo
    /// only, the tags still open (innermost first). The recorded structure keeps them open.
    func closeTagsForPart() {
        for tag in openTags.reversed() { context.endTag(CairoTagNames.cairoName(forRole: tag.name)) }
    }

    /// Call before drawing text: opens an implicit Span when the innermost tag needs one.
    func willDrawText(page: Int) throws {
        guard !spanOpen, artifactDepth == 0, let top = openTags.last, top.hasChildren else { return }
        cairoBegin(Self.span, attributes: "")
        spanOpen = true
        beginElement(role: Self.span, page: page)
        try context.check("beginning an implicit Span in \(top.name) on page \(page)")
    }

    /// Records a new element inside the innermost open one, and opens it.
    private func beginElement(role: String, page: Int, tableScope: String? = nil, alternate: String? = nil) {
        let index = elements.count
        let parent = openElements.last
        elements.append(TaggedStructure.Element(role: role, parent: parent, tableScope: tableScope, alternate: alternate))
        firstChildPage.append(nil)
        if let parent {
            elements[parent].children.append(index)
            if firstChildPage[parent] == nil { firstChildPage[parent] = page }
        }
        openElements.append(index)
        while beginnings.count < page { beginnings.append([]) }
        beginnings[page - 1].append(index)
    }

    /// Call before the first item of each page.
    func beginPage(_ page: Int) {
        while beginnings.count < page { beginnings.append([]) }
        while links.count < page { links.append([]) }
        if let open = openElements.last { beginnings[page - 1].append(open) }
    }

    private static let span = "Span"

    private func closeSpan(page: Int) throws {
        guard spanOpen else { return }
        spanOpen = false
        openElements.removeLast()
        cairoEnd(Self.span)
        try context.check("ending an implicit Span on page \(page)")
    }

    func beginTag(_ tag: StructureTag, page: Int) throws {
        try closeSpan(page: page)
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
        cairoBegin(name, attributes: "")
        try context.check("beginning structure tag \(name) on page \(page)")
    }

    func endTag(_ tag: StructureTag, page: Int) throws {
        try closeSpan(page: page)
        let name = tag.pdfName
        guard let open = openTags.last else {
            throw RenderError.unbalancedTags("end of \(name) on page \(page) with no tag open")
        }
        guard open.name == name else {
            throw RenderError.unbalancedTags("end of \(name) on page \(page) while \(open.name) is the innermost open tag")
        }
        openTags.removeLast()
        openElements.removeLast()
        cairoEnd(name)
        try context.check("ending structure tag \(name) on page \(page)")
    }

    func link(_ rect: Rect, uri: String, page: Int) throws {
        try closeSpan(page: page)
        let n = PDFStrings.number
        let attributes = "uri=\(PDFStrings.quotedAttribute(PDFStrings.percentEncodedURI(uri))) "
            + "rect=[\(n(rect.minX.points)) \(n(rect.minY.points)) \(n(rect.width.points)) \(n(rect.height.points))]"
        cairoBegin(CAIRO_TAG_LINK, attributes: attributes)
        beginElement(role: CAIRO_TAG_LINK, page: page)
        openElements.removeLast()
        while links.count < page { links.append([]) }
        links[page - 1].append(elements.count - 1)
        cairoEnd(CAIRO_TAG_LINK)
        try context.check("adding link to \(uri) on page \(page)")
    }

    /// Records a bookmark (the post-pass writes the outline); `pageHeight` turns its top-down `y`
    /// into PDF units from the bottom.
    func bookmark(_ bookmark: Bookmark, page: Int, pageHeight: Length) {
        outline.append(TaggedStructure.OutlineEntry(title: bookmark.title, level: max(1, bookmark.level), page: page - 1,
                                                    top: (pageHeight - bookmark.y).points))
    }

    func beginArtifact(page: Int) throws {
        try closeSpan(page: page)
        artifactDepth += 1
    }

    func endArtifact(page: Int) throws {
        try closeSpan(page: page)
        guard artifactDepth > 0 else { throw RenderError.unbalancedArtifacts(page: page) }
        artifactDepth -= 1
    }

    /// Call after the last item of each page.
    func endPage(_ page: Int) throws {
        try closeSpan(page: page)
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
        // cairo 1.16 builds its tree page by page (each page is analysed before it is written), and
        // gives marked content to a tag that has no child on this page or an earlier one.
        let marked = beginnings.enumerated().map { index, owners in
            owners.filter { firstChildPage[$0].map { $0 > index + 1 } ?? true }
        }
        return TaggedStructure(elements: elements, markedContent: marked, links: links, outline: outline)
    }
}
