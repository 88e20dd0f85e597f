import Foundation
import PDFTagging

/// What the post-pass needs to know that the PDF itself does not say (or says incompletely).
public struct PostPassInput: Sendable, Equatable {
    /// BCP 47 language of the document, for the catalog's `/Lang`, e.g. "en-GB".
    public var language: String
    public var title: String
    public var author: String
    public var subject: String
    public var creator: String
    public var keywords: [String]
    /// Seconds since 1970 UTC: Info `/CreationDate` and `/ModDate`, and the XMP dates.
    public var date: Int64
    /// The structure the renderer drew (`PDFRenderer.render` returns it): the post-pass writes the
    /// structure tree from it.
    public var structure: TaggedStructure

    public init(language: String, title: String, author: String, subject: String, creator: String,
                keywords: [String], date: Int64, structure: TaggedStructure) {
        self.language = language; self.title = title; self.author = author; self.subject = subject
        self.creator = creator; self.keywords = keywords; self.date = date; self.structure = structure
    }
}

/// Makes a cairo 1.16 PDF a tagged one: what cairo cannot write itself, done with libqpdf, and the
/// structure tree, written by us.
///
/// Contract:
/// - Catalog: `/Lang`, `/ViewerPreferences << /DisplayDocTitle true >>`, `/MarkInfo << /Marked true >>`,
///   and an XMP `/Metadata` stream (title, creator, description, keywords, producer, creator tool,
///   dates, `pdfuaid:part 1`) built from the same values as the Info dictionary, whose Title,
///   Author, Subject, Keywords (joined with ", "), Creator and dates (`D:YYYYMMDDHHmmSSZ`) are
///   rewritten from `PostPassInput`; Info `/Producer` is kept (cairo's) and copied into the XMP.
/// - Structure: cairo is given no structure tags (`PDFStructureWriter`); each page's content is
///   marked from the runs the renderer recorded (`structure.markedContent`, see
///   `PDFContent.markingContent`; content that disagrees with them throws: the PDF is not the one
///   the structure describes): every glyph and painting operator ends up in an element's marked
///   content or in an `/Artifact` sequence. Pages get `/StructParents` and link annotations
///   `/StructParent` (`StructParentKeys`). The tree itself — root, parent tree, elements with TH
///   scopes and alternative text — is appended as an incremental update of compressed object
///   streams (`IncrementalUpdate`, which also holds the XMP stream). Anything cairo reserved for
///   a structure tree of its own (it does for links) is dropped unread.
/// - Link annotations without `/Contents` get one ("Email x@y" for mailto, "Link to page N" for
///   an internal destination, "Link to URI" otherwise); pages with annotations get `/Tabs /S`.
/// - Form XObjects are not rewritten.
/// - The outline is `structure.outline`, written in the update (cairo's, if any, is dropped).
/// - Written with object streams, compressed streams and a deterministic `/ID`: the same input gives
///   the same bytes. `output` is replaced atomically and may be the same file as `input`.
public enum PDFPostPass {
    /// A part of a document read and fixed up page by page (`preparePart`), waiting to be joined.
    /// `@unchecked Sendable`: it may be handed from the thread that prepared it to the one that
    /// joins, but must be used by one thread at a time.
    public final class PreparedPart: @unchecked Sendable {
        let document: QPDFDocument
        let pages: Range<Int>
        let owners: [[Int]]
        let description: String
        init(document: QPDFDocument, pages: Range<Int>, owners: [[Int]], description: String) {
            self.document = document; self.pages = pages; self.owners = owners; self.description = description
        }
    }

    /// Starts loading libqpdf in the background (once per process): call it as soon as it is known
    /// that a PDF will be written, so that the library is ready when the first post-pass begins.
    public static func startLoadingLibrary() { QPDFDocument.startLoadingLibrary() }

    public static func apply(input: URL, output: URL, _ info: PostPassInput) throws {
        try OutputFile.replace(output.path, with: processedBytes(input, info))
    }

    /// The finished file as bytes.
    static func processedBytes(_ input: URL, _ info: PostPassInput) throws -> [UInt8] {
        let pageCount = info.structure.markedContent.count
        let part = try preparePart(input, pages: 0..<pageCount, of: pageCount, structure: info.structure)
        return try joinedBytes([part], info)
    }

    /// Reads one cairo file holding `pages` of a document of `pageCount` pages and makes every
    /// per-page fix-up (content, structure parent keys, links); cairo's structure tree and outline
    /// are dropped unread. This is the part of the pass that can run beside other parts, each on
    /// its own thread. `structure` must describe at least these pages (a part's own recording
    /// does).
    public static func preparePart(_ input: URL, pages: Range<Int>, of pageCount: Int, structure: TaggedStructure) throws -> PreparedPart {
        let doc = try QPDFDocument()
        // cairo's structure tree and outline are marked free before libqpdf reads the file
        // (`UnreachableObjects`); a file that walk does not apply to is pruned through libqpdf.
        var freed: [Int]?
        try doc.read(input.path) { bytes in
            freed = UnreachableObjects.free(in: bytes, ignoringCatalogEntries: ["StructTreeRoot", "Outlines"])
        }
        // Each phase releases the handles it made: qpdf keeps every handle until then.
        try doc.scope {
            try doc.remove(doc.root, "/StructTreeRoot")
            try doc.remove(doc.root, "/Outlines")
        }
        if freed == nil { try doc.dropUnreachableObjects() }
        let owners = try fixPages(doc, structure, pages: pages, of: pageCount)
        return PreparedPart(document: doc, pages: pages, owners: owners, description: input.path)
    }

    /// Joins prepared parts, in page order, into one finished file: the pages of each part in turn
    /// (each part keeps its own font subsets), the catalog and metadata, and the update holding the
    /// structure tree of `info.structure`, which describes the whole document.
    public static func join(_ parts: [PreparedPart], output: URL, _ info: PostPassInput) throws {
        try OutputFile.replace(output.path, with: joinedBytes(parts, info))
    }

    static func joinedBytes(_ parts: [PreparedPart], _ info: PostPassInput) throws -> [UInt8] {
        let structure = info.structure
        // The structure is checked on another thread while libqpdf joins and writes the parts (at
        // 2,000 indicators the check is some 16 M instructions of an otherwise serial tail); its
        // error, if any, is thrown before the update is made, so nothing is written either way.
        let checked = DispatchGroup()
        let problem = ProblemSlot()
        DispatchQueue.global().async(group: checked) { problem.error = check(structure) }
        defer { checked.wait() }
        guard let first = parts.first else { throw PostPassError.structure("no parts to join") }
        var expected = 0
        for part in parts {
            guard part.pages.lowerBound == expected else {
                throw PostPassError.structure("the parts do not follow each other: one starts at page \(part.pages.lowerBound + 1)")
            }
            expected = part.pages.upperBound
        }
        guard expected == structure.markedContent.count else {
            throw PostPassError.structure("the parts hold \(expected) page(s) but the structure describes \(structure.markedContent.count)")
        }
        let doc = first.document
        for part in parts.dropFirst() { try doc.appendPages(of: part.document) }
        let metadata = try doc.scope { try setCatalog(doc, info) }
        let base = try doc.writtenBytes()
        // (The other parts' streams are copied lazily: they stay open until the file is written.)
        // Nothing reads the parts' libqpdf documents now: they are released on another thread while
        // the update is made (at 2,000 indicators, 8-10 ms of an otherwise serial tail).
        let released = DispatchGroup()
        DispatchQueue.global().async(group: released) { for part in parts { part.document.discard() } }
        defer { released.wait() }
        checked.wait()
        if let error = problem.error { throw error }
        return try base + update(base, structure: structure, owners: parts.flatMap(\.owners), metadata: metadata,
                                 description: first.description)
    }

    /// The first problem of `structure` the update could not be written with: a broken tree, a
    /// table header scope other than Column, Row or Both, a Figure without alternative text.
    static func check(_ structure: TaggedStructure) -> PostPassError? {
        if let problem = structure.firstProblem() { return .structure(problem) }
        for (index, element) in structure.elements.enumerated() {
            if let scope = element.tableScope, !["Column", "Row", "Both"].contains(scope) {
                return .invalidHeaderScope(element: index, value: scope)
            }
            if element.role == "Figure", (element.alternate ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return .emptyFigureAlternate(element: index)
            }
        }
        return nil
    }

    /// The check's result, written by the checking thread before it leaves the group and read
    /// after waiting for the group. `@unchecked Sendable` for that reason.
    final class ProblemSlot: @unchecked Sendable {
        var error: PostPassError?
    }

    /// The incremental update holding the structure tree and the metadata, for `base` as written.
    static func update(_ base: [UInt8], structure: TaggedStructure, owners: [[Int]], metadata: [UInt8], description: String) throws -> [UInt8] {
        let written = try QPDFDocument()
        try written.read(bytes: base, description: description)
        return try written.scope {
            let trailer = written.trailer
            let root = written.root
            guard let catalog = written.reference(root), let size = written.value(trailer, "/Size").flatMap(written.integer) else {
                throw PostPassError.structure("the written PDF has no indirect catalog or no /Size")
            }
            var pages: [ObjectReference] = []
            var annotations: [[ObjectReference]] = []
            // The pages as references, without reading the page objects (which libqpdf would parse
            // out of their object streams) when the page tree is flat; else libqpdf's page list.
            let pageObjects: [QPDFDocument.Object]
            if let flat = flatPageTree(written, pageCount: structure.markedContent.count) {
                pageObjects = flat
            } else {
                pageObjects = try (0..<written.pageCount()).map { try written.page($0) }
            }
            for (k, page) in pageObjects.enumerated() {
                guard let reference = written.reference(page) else { throw PostPassError.structure("page \(k + 1) is not an indirect object") }
                pages.append(reference)
                // Only pages the structure gives links have link annotations to find.
                guard k < structure.links.count, !structure.links[k].isEmpty else {
                    annotations.append([])
                    continue
                }
                let links = (written.value(page, "/Annots").map(written.items) ?? []).filter {
                    written.value($0, "/Subtype").flatMap(written.name) == "/Link"
                }
                annotations.append(try links.map {
                    guard let reference = written.reference($0) else { throw PostPassError.structure("a link annotation on page \(k + 1) is not an indirect object") }
                    return reference
                })
            }
            let update = IncrementalUpdate(
                structure: structure, owners: owners, metadata: metadata, pages: pages, linkAnnotations: annotations,
                catalog: catalog, catalogDictionary: written.unparse(root, resolved: true), size: size,
                info: written.value(trailer, "/Info").map { written.unparse($0) },
                identifier: written.value(trailer, "/ID").map { written.unparse($0) })
            return try update.bytes(appendingTo: base)
        }
    }

    /// The kids of the page tree's root, in order, when they are the document's `pageCount` pages
    /// themselves (the root's `/Count` equals the number of its kids, and the first and last kid
    /// are pages: cairo writes a flat tree, and libqpdf flattens one before it appends pages); nil
    /// otherwise.
    static func flatPageTree(_ doc: QPDFDocument, pageCount: Int) -> [QPDFDocument.Object]? {
        guard let tree = doc.value(doc.root, "/Pages"), let kids = doc.value(tree, "/Kids"),
              doc.value(tree, "/Count").flatMap(doc.integer) == pageCount, doc.count(kids) == pageCount, pageCount > 0 else { return nil }
        let pages = doc.items(kids)
        for page in [pages[0], pages[pageCount - 1]] where doc.value(page, "/Type").flatMap(doc.name) != "/Page" { return nil }
        return pages
    }

    // MARK: Catalog and metadata

    /// Sets the catalog and Info entries; returns the XMP packet for the update to write.
    static func setCatalog(_ doc: QPDFDocument, _ input: PostPassInput) throws -> [UInt8] {
        let root = doc.root
        try doc.set(root, "/Lang", doc.newText(input.language))

        let preferences = doc.value(root, "/ViewerPreferences").flatMap { doc.isDictionary($0) ? $0 : nil } ?? doc.newDictionary()
        try doc.set(preferences, "/DisplayDocTitle", doc.newBool(true))
        try doc.set(root, "/ViewerPreferences", preferences)

        let markInfo = doc.value(root, "/MarkInfo").flatMap { doc.isDictionary($0) ? $0 : nil } ?? doc.newDictionary()
        try doc.set(markInfo, "/Marked", doc.newBool(true))
        try doc.set(root, "/MarkInfo", markInfo)

        let trailer = doc.trailer
        let infoDictionary: QPDFDocument.Object
        if let existing = doc.value(trailer, "/Info"), doc.isDictionary(existing) {
            infoDictionary = existing
        } else {
            infoDictionary = try doc.makeIndirect(doc.newDictionary())
            try doc.set(trailer, "/Info", infoDictionary)
        }
        let producer = doc.value(infoDictionary, "/Producer").flatMap(doc.text) ?? ""
        let info = DocumentInfo(title: input.title, author: input.author, subject: input.subject, keywords: input.keywords,
                                creator: input.creator, producer: producer, language: input.language, date: input.date)
        for (key, value) in [("/Title", info.title), ("/Author", info.author), ("/Subject", info.subject),
                             ("/Keywords", info.keywordsText), ("/Creator", info.creator)] {
            if value.isEmpty {
                try doc.remove(infoDictionary, key)
            } else {
                try doc.set(infoDictionary, key, doc.newText(value))
            }
        }
        try doc.set(infoDictionary, "/CreationDate", doc.newText(info.pdfDate))
        try doc.set(infoDictionary, "/ModDate", doc.newText(info.pdfDate))

        // The XMP stream goes into the update: a new stream made with libqpdf would make it
        // resolve every object of the file.
        try doc.remove(root, "/Metadata")
        return Array(info.xmpPacket.utf8)
    }

    // MARK: Pages

    /// Marks each page's content (artifacts, MCIDs), sets the structure parent keys and describes
    /// the links of a file holding `pages` of a document of `pageCount` pages; returns each page's
    /// MCID owners.
    static func fixPages(_ doc: QPDFDocument, _ structure: TaggedStructure, pages: Range<Int>, of pageCount: Int) throws -> [[Int]] {
        let count = try doc.pageCount()
        guard count == pages.count, structure.markedContent.count >= pages.upperBound, structure.links.count >= pages.upperBound,
              structure.markedContent.count <= pageCount else {
            throw PostPassError.structure("the PDF has \(count) page(s) but the structure describes \(structure.markedContent.count)")
        }
        // Page objects by object number and generation (`QPDFDocument.objectKey`), for links
        // to pages of this file.
        var pageNumbers: [Int: Int] = [:]
        for k in 0..<count {
            try doc.scope {
                if let key = doc.objectKey(try doc.page(k)) { pageNumbers[key] = pages.lowerBound + k + 1 }
            }
        }
        var owners: [[Int]] = []
        var linkOrdinal = structure.links[0..<pages.lowerBound].reduce(0) { $0 + $1.count }
        for k in 0..<count {
            let index = pages.lowerBound + k
            try doc.scope {
                let page = try doc.page(k)
                let pageOwners = try markContent(doc, page: page, number: index + 1, runs: structure.markedContent[index], structure: structure)
                owners.append(pageOwners)
                if pageOwners.isEmpty {
                    try doc.remove(page, "/StructParents")
                } else {
                    try doc.set(page, "/StructParents", doc.newInteger(StructParentKeys.page(index)))
                }
                let annotations = doc.value(page, "/Annots").map(doc.items) ?? []
                let links = annotations.filter { doc.value($0, "/Subtype").flatMap(doc.name) == "/Link" }
                guard links.count == structure.links[index].count else {
                    throw PostPassError.structure("page \(index + 1) has \(links.count) link annotation(s) but the structure describes \(structure.links[index].count)")
                }
                for link in links {
                    try doc.set(link, "/StructParent", doc.newInteger(StructParentKeys.link(linkOrdinal, pageCount: pageCount)))
                    linkOrdinal += 1
                    try describeLink(doc, link, pageNumbers: pageNumbers)
                }
                if !annotations.isEmpty { try doc.set(page, "/Tabs", doc.newName("/S")) }
            }
        }
        return owners
    }

    /// Rewrites the page's content (`PDFContent.markingContent`) from the runs drawn on it;
    /// returns its MCID owners.
    static func markContent(_ doc: QPDFDocument, page: QPDFDocument.Object, number: Int, runs: [TaggedStructure.MarkedRun], structure: TaggedStructure) throws -> [Int] {
        let fonts = doc.value(page, "/Resources").flatMap { doc.value($0, "/Font") }
        var widths: [String: Int] = [:]
        // Bytes per character code: two for cairo's composite (Type0, Identity-H) fonts, one for
        // its simple ones.
        func codeWidth(_ name: String) throws -> Int {
            if let known = widths[name] { return known }
            guard let fonts, let font = doc.value(fonts, "/" + name) else {
                throw PostPassError.structure("page \(number) shows text in font /\(name), which is not among its resources")
            }
            let width = doc.value(font, "/Subtype").flatMap(doc.name) == "/Type0" ? 2 : 1
            widths[name] = width
            return width
        }
        let marked = try doc.withPageContent(page, number: number) { content in
            do {
                return try PDFContent.markingContent(content, runs: runs, codeWidth: codeWidth) { structure.elements[$0].role }
            } catch let error as PDFContentError {
                throw PostPassError.content(page: number, error)
            }
        }
        // Compressed here, on the thread preparing this part, rather than by the writer that
        // joins the parts, and at the fastest level (see `Deflate.compress`).
        let compressed = try Deflate.compress(marked.content)
        let stream: QPDFDocument.Object
        if let existing = doc.value(page, "/Contents"), doc.isStream(existing) {
            stream = existing
        } else {
            stream = try doc.newStream([])
            try doc.set(page, "/Contents", stream)
        }
        try doc.replaceStreamData(stream, withFlate: compressed)
        return marked.owners
    }

    /// Gives a Link annotation a `/Contents` description when it has none.
    static func describeLink(_ doc: QPDFDocument, _ annotation: QPDFDocument.Object, pageNumbers: [Int: Int]) throws {
        guard doc.value(annotation, "/Subtype").flatMap(doc.name) == "/Link" else { return }
        if let existing = doc.value(annotation, "/Contents").flatMap(doc.text), !existing.isEmpty { return }
        let action = doc.value(annotation, "/A")
        let description: String
        if let action, doc.value(action, "/S").flatMap(doc.name) == "/URI",
           let uri = doc.value(action, "/URI").flatMap(doc.text) {
            description = linkDescription(uri: uri)
        } else if let destination = action.flatMap({ doc.value($0, "/D") }) ?? doc.value(annotation, "/Dest"),
                  let page = destinationPage(doc, destination, pageNumbers: pageNumbers) {
            description = "Link to page \(page)"
        } else {
            description = "Link to another part of this document"
        }
        try doc.set(annotation, "/Contents", doc.newText(description))
    }

    /// "Email x@y" for a mailto URI (query dropped), else "Link to <uri>" with percent escapes
    /// decoded where they form valid UTF-8.
    static func linkDescription(uri: String) -> String {
        let readable = uri.removingPercentEncoding ?? uri
        if readable.lowercased().hasPrefix("mailto:") {
            let address = readable.dropFirst("mailto:".count).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return address.isEmpty ? "Email" : "Email \(address)"
        }
        return "Link to \(readable)"
    }

    /// The 1-based page number a destination points at: an explicit `[page /XYZ …]` array or a
    /// named destination looked up in the catalog's `/Dests` dictionary or `/Names /Dests` tree.
    static func destinationPage(_ doc: QPDFDocument, _ destination: QPDFDocument.Object, pageNumbers: [Int: Int]) -> Int? {
        var target = destination
        if !doc.isArray(target) {
            let name = doc.name(destination).map { String($0.dropFirst()) } ?? doc.text(destination)
            guard let name, let found = namedDestination(doc, name) else { return nil }
            target = found
        }
        if doc.isDictionary(target), let d = doc.value(target, "/D") { target = d }
        guard doc.count(target) > 0, let key = doc.objectKey(doc.item(target, 0)) else { return nil }
        return pageNumbers[key]
    }

    static func namedDestination(_ doc: QPDFDocument, _ name: String) -> QPDFDocument.Object? {
        let root = doc.root
        if let dests = doc.value(root, "/Dests"), let found = doc.value(dests, "/" + name) { return found }
        guard let tree = doc.value(root, "/Names").flatMap({ doc.value($0, "/Dests") }) else { return nil }
        var seen = Set<Int>()
        func search(_ node: QPDFDocument.Object) -> QPDFDocument.Object? {
            if let key = doc.objectKey(node), !seen.insert(key).inserted { return nil }
            if let names = doc.value(node, "/Names") {
                let items = doc.items(names)
                var k = 0
                while k + 1 < items.count {
                    if doc.text(items[k]) == name { return items[k + 1] }
                    k += 2
                }
            }
            for kid in doc.value(node, "/Kids").map(doc.items) ?? [] {
                if let found = search(kid) { return found }
            }
            return nil
        }
        return search(tree)
    }
}
