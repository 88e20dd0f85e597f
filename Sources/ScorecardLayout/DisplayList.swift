@_exported import ScorecardModel

/// A structure element of the tagged PDF. The renderer maps each case to a cairo tag name.
public enum StructureTag: Hashable, Sendable {
    case document
    /// One document inside the agenda pack.
    case part
    case heading(level: Int)
    case paragraph
    case table, tableHead, tableBody, tableRow
    /// A header cell; `scope` says whether it heads a column or a row (written by the post-pass).
    case tableHeader(scope: HeaderScope)
    case tableData
    case list, listItem, label, listBody
    /// A figure with alternative text, for drawn shapes that carry meaning (DoT arrows, RAG keys).
    case figure(alt: String)

    public enum HeaderScope: String, Hashable, Sendable { case column = "Column", row = "Row" }

    /// The PDF structure type name.
    public var pdfName: String {
        switch self {
        case .document: return "Document"
        case .part: return "Part"
        case .heading(let level): return "H\(min(max(level, 1), 6))"
        case .paragraph: return "P"
        case .table: return "Table"
        case .tableHead: return "THead"
        case .tableBody: return "TBody"
        case .tableRow: return "TR"
        case .tableHeader: return "TH"
        case .tableData: return "TD"
        case .list: return "L"
        case .listItem: return "LI"
        case .label: return "Lbl"
        case .listBody: return "LBody"
        case .figure: return "Figure"
        }
    }
}

/// A line of text placed on a page: runs positioned from the baseline origin, never re-wrapped.
public struct PlacedLine: Hashable, Sendable {
    /// Left end of the baseline.
    public var origin: Point
    public var runs: [TextRun]
    /// The style of the line (size, colour); runs add bold, italic and links.
    public var style: TextStyle
    /// Width measured by the layout's measurer.
    public var width: Length
    public init(origin: Point, runs: [TextRun], style: TextStyle, width: Length) {
        self.origin = origin; self.runs = runs; self.style = style; self.width = width
    }
    public var plainText: String { runs.map(\.text).joined() }
}

/// One entry of the PDF outline (bookmarks). Levels start at 1; a level-2 entry nests under the
/// nearest level-1 entry before it.
public struct Bookmark: Hashable, Sendable {
    public var title: String
    public var level: Int
    public var y: Length
    public init(title: String, level: Int, y: Length) { self.title = title; self.level = level; self.y = y }
}

/// The closed set of things a page can hold. Rendering is one `switch` over these.
public enum PageItem: Hashable, Sendable {
    case text(PlacedLine)
    case fill(Rect, Color)
    /// A rectangle outline.
    case stroke(Rect, width: Length, color: Color)
    case line(from: Point, to: Point, width: Length, color: Color)
    /// A closed filled polygon (DoT arrows are drawn this way, not as glyphs).
    case polygon([Point], fill: Color)
    /// A hyperlink area over already drawn text.
    case link(Rect, uri: String)
    case beginTag(StructureTag)
    case endTag(StructureTag)
    /// Content between these markers is decoration (running footers, repeated headers, rules).
    case beginArtifact
    case endArtifact
    case bookmark(Bookmark)

    /// The same item moved down by `dy`.
    public func offset(by dy: Length) -> PageItem {
        func move(_ p: Point) -> Point { Point(x: p.x, y: p.y + dy) }
        func move(_ r: Rect) -> Rect { Rect(origin: move(r.origin), size: r.size) }
        switch self {
        case .text(var line): line.origin = move(line.origin); return .text(line)
        case .fill(let r, let c): return .fill(move(r), c)
        case .stroke(let r, let w, let c): return .stroke(move(r), width: w, color: c)
        case .line(let a, let b, let w, let c): return .line(from: move(a), to: move(b), width: w, color: c)
        case .polygon(let pts, let c): return .polygon(pts.map(move), fill: c)
        case .link(let r, let uri): return .link(move(r), uri: uri)
        case .bookmark(var b): b.y += dy; return .bookmark(b)
        case .beginTag, .endTag, .beginArtifact, .endArtifact: return self
        }
    }
}

/// A laid-out page: a light display list, holding no Pango or cairo objects.
public struct Page: Hashable, Sendable {
    public var size: Size
    public var items: [PageItem]
    public init(size: Size, items: [PageItem] = []) { self.size = size; self.items = items }

    /// All text on the page in display-list order, one line per placed line.
    public var text: String {
        items.compactMap { if case .text(let l) = $0 { return l.plainText } else { return nil } }.joined(separator: "\n")
    }
}

/// Document information written into the PDF.
public struct DocumentMetadata: Hashable, Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: [String]
    public var creator: String
    /// Creation and modification date, seconds since 1970 UTC: pinned so re-renders are identical.
    public var date: Int64
    /// BCP 47 language tag of the document text.
    public var language: String
    public init(title: String, author: String, subject: String, keywords: [String], creator: String,
                date: Int64, language: String = "en-GB") {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.date = date; self.language = language
    }
}

/// The output of layout: pages ready to draw, plus what the PDF needs to know about them.
public struct LaidOutDocument: Hashable, Sendable {
    public var metadata: DocumentMetadata
    public var fontFamily: String
    public var pages: [Page]
    /// Layout warnings (unusually tall or split rows), for the pipeline to print.
    public var warnings: [Diagnostic]
    public init(metadata: DocumentMetadata, fontFamily: String, pages: [Page], warnings: [Diagnostic] = []) {
        self.metadata = metadata; self.fontFamily = fontFamily; self.pages = pages; self.warnings = warnings
    }
}
