/// The logical structure of a tagged PDF as the renderer drew it: what the post-pass needs to mark
/// each page's content and write the structure tree (cairo is given no structure tags).
///
/// Contract:
/// - `elements[0]` is the root (normally `Document`); every other element has a `parent` with a
///   smaller index, and appears in that parent's `children`, in the order it was begun. Indices
///   are assigned in the order elements begin in the document.
/// - `markedContent[p]` lists, for page `p` (0-based), what the renderer drew on it, in drawing
///   order, as runs of consecutive drawing calls with one owner: the element the content belongs
///   to, or nil for an artifact (page furniture, backgrounds, rules). A run counts the glyphs and
///   the painting calls (fills, strokes, paints) it handed to cairo; the post-pass finds the same
///   glyphs and painting operators in the page's content stream, in the same order, and marks
///   them (`PDFContent.markingContent`). A part drawn alone leaves the pages before it empty.
/// - `links[p]` lists the `Link` elements whose annotations cairo adds to page `p`, in the order of
///   the page's `/Annots`.
/// - Roles are standard PDF structure types (`TD`, `H1`, `Link` …), without the slash.
public struct TaggedStructure: Sendable, Equatable {
    /// Consecutive drawing with one owner (see `markedContent`).
    public struct MarkedRun: Sendable, Equatable {
        /// The element the content belongs to; nil for an artifact.
        public var owner: Int?
        /// Glyphs handed to cairo (each is one character code in the content stream).
        public var glyphs: Int
        /// Painting calls handed to cairo (each is one painting operator: `f`, `S`, …).
        public var paints: Int

        public init(owner: Int?, glyphs: Int = 0, paints: Int = 0) {
            self.owner = owner; self.glyphs = glyphs; self.paints = paints
        }
    }

    public struct Element: Sendable, Equatable {
        /// The structure type, e.g. "TD".
        public var role: String
        /// Index of the parent element; nil only for the root.
        public var parent: Int?
        /// Child elements in document order.
        public var children: [Int]
        /// For a `TH`: "Column", "Row" or "Both" (written as a Table attribute).
        public var tableScope: String?
        /// For a `Figure` (or any element that needs it): alternative text.
        public var alternate: String?

        public init(role: String, parent: Int?, children: [Int] = [], tableScope: String? = nil, alternate: String? = nil) {
            self.role = role; self.parent = parent; self.children = children
            self.tableScope = tableScope; self.alternate = alternate
        }
    }

    /// One bookmark of the document outline.
    public struct OutlineEntry: Sendable, Equatable {
        public var title: String
        /// 1 for a top-level entry; level n nests under the latest entry of a lower level.
        public var level: Int
        /// 0-based page the entry opens.
        public var page: Int
        /// Height of the destination on the page, in PDF units from the bottom edge.
        public var top: Double

        public init(title: String, level: Int, page: Int, top: Double) {
            self.title = title; self.level = level; self.page = page; self.top = top
        }
    }

    public var elements: [Element]
    public var markedContent: [[MarkedRun]]
    public var links: [[Int]]
    /// The document outline (bookmarks) in document order.
    public var outline: [OutlineEntry]

    public init(elements: [Element] = [], markedContent: [[MarkedRun]] = [], links: [[Int]] = [], outline: [OutlineEntry] = []) {
        self.elements = elements; self.markedContent = markedContent; self.links = links; self.outline = outline
    }

    /// A structure problem: the first violation of the contract above, or nil when it holds.
    public func firstProblem() -> String? {
        guard !elements.isEmpty else { return "no structure elements" }
        if elements[0].parent != nil { return "element 0 (the root) has a parent" }
        // Which elements their own parent lists as a child (one pass; looking each element up in
        // its parent's list was quadratic in the children of one parent: 2,000 rows of a TBody).
        var listedByParent = [Bool](repeating: false, count: elements.count)
        for (index, element) in elements.enumerated() {
            for child in element.children where child >= 0 && child < elements.count && elements[child].parent == index {
                listedByParent[child] = true
            }
        }
        for (index, element) in elements.enumerated() {
            if element.role.isEmpty || element.role.utf8.contains(where: { !Self.isNameByte($0) }) {
                return "element \(index) has an invalid role \"\(element.role)\""
            }
            if index > 0 {
                guard let parent = element.parent, parent >= 0, parent < index else {
                    return "element \(index) (\(element.role)) has no parent before it"
                }
                if !listedByParent[index] {
                    return "element \(index) (\(element.role)) is missing from its parent's children"
                }
            }
            for child in element.children where child <= index || child >= elements.count || elements[child].parent != index {
                return "element \(index) (\(element.role)) lists \(child) as a child, which is not its child"
            }
        }
        for (page, runs) in markedContent.enumerated() {
            if let bad = runs.lazy.compactMap(\.owner).first(where: { $0 < 0 || $0 >= elements.count }) {
                return "page \(page + 1) has marked content for element \(bad), which does not exist"
            }
            if runs.contains(where: { $0.glyphs < 0 || $0.paints < 0 }) {
                return "page \(page + 1) has a run of marked content with a negative count"
            }
        }
        for entry in outline where entry.page < 0 || entry.page >= markedContent.count {
            return "bookmark \"\(entry.title)\" is on page \(entry.page + 1), which does not exist"
        }
        for (page, links) in links.enumerated() {
            if let bad = links.first(where: { $0 < 0 || $0 >= elements.count || elements[$0].role != "Link" }) {
                return "page \(page + 1) has a link annotation for element \(bad), which is not a Link element"
            }
        }
        return nil
    }

    /// Regular characters of a PDF name that need no `#xx` escape.
    static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
