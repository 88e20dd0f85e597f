import Foundation

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
    /// "Column", "Row" or "Both": one per TH structure element, in structure-tree pre-order (the
    /// order the TH tags were begun in the display list).
    public var headerScopes: [String]
    /// Alternative text: one per Figure structure element, in structure-tree pre-order.
    public var figureAlternates: [String]

    public init(language: String, title: String, author: String, subject: String, creator: String,
                keywords: [String], date: Int64, headerScopes: [String], figureAlternates: [String] = []) {
        self.language = language; self.title = title; self.author = author; self.subject = subject
        self.creator = creator; self.keywords = keywords; self.date = date
        self.headerScopes = headerScopes; self.figureAlternates = figureAlternates
    }
}

/// Fix-ups over a finished, tagged cairo 1.16 PDF that cairo cannot write itself, done with libqpdf.
///
/// Contract:
/// - Catalog: `/Lang`, `/ViewerPreferences << /DisplayDocTitle true >>`, `/MarkInfo << /Marked true >>`,
///   and an XMP `/Metadata` stream (title, creator, description, keywords, producer, creator tool,
///   dates, `pdfuaid:part 1`) built from the same values as the Info dictionary, whose Title,
///   Author, Subject, Keywords (joined with ", "), Creator and dates (`D:YYYYMMDDHHmmSSZ`) are
///   rewritten from `PostPassInput`; Info `/Producer` is kept (cairo's) and copied into the XMP.
/// - Every TH structure element gets `/A << /O /Table /Scope … >>` from `headerScopes`, every
///   Figure gets `/Alt` from `figureAlternates` (both in structure-tree pre-order); a count that
///   differs from the document's throws, nothing is written.
/// - Link annotations without `/Contents` get one ("Email x@y" for mailto, "Link to page N" for
///   an internal destination, "Link to URI" otherwise); pages with annotations get `/Tabs /S`.
/// - Page content painted outside marked content is wrapped in `/Artifact BMC … EMC`
///   (`PDFContent.wrappingUnmarkedContentAsArtifacts`); form XObjects are not rewritten: a `Do`
///   outside marked content becomes an artifact as a whole, one inside stays part of its tag.
/// - Outline `/Count` values are recomputed (the root's from its open items; cairo writes it negative).
/// - Written with object streams, compressed streams and a deterministic `/ID`: the same input gives
///   the same bytes. `output` is replaced atomically and may be the same file as `input`.
public enum PDFPostPass {
    public static func apply(input: URL, output: URL, _ info: PostPassInput) throws {
        try process(input, info).write(to: output.path)
    }

    /// The post-passed file as bytes.
    static func processedData(_ input: URL, _ info: PostPassInput) throws -> Data {
        try process(input, info).writtenData()
    }

    /// The document with every fix-up made, ready to write.
    static func process(_ input: URL, _ info: PostPassInput) throws -> QPDFDocument {
        let scopes = try info.headerScopes.enumerated().map { k, scope -> String in
            guard ["Column", "Row", "Both"].contains(scope) else { throw PostPassError.invalidHeaderScope(index: k, value: scope) }
            return "/" + scope
        }
        if let k = info.figureAlternates.firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            throw PostPassError.emptyFigureAlternate(index: k)
        }

        let doc = try QPDFDocument()
        try doc.read(input.path)
        // Each phase releases the handles it made: qpdf keeps every handle until then.
        try doc.scope {
            guard let treeRoot = doc.value(doc.root, "/StructTreeRoot") else { throw PostPassError.notTagged(input.path) }
            try annotateStructure(doc, treeRoot: treeRoot, scopes: scopes, alternates: info.figureAlternates)
        }
        try doc.scope { try setCatalog(doc, info) }
        try fixPages(doc)
        try doc.scope {
            if let outlines = doc.value(doc.root, "/Outlines") { try normaliseOutlineCounts(doc, outlines) }
        }
        return doc
    }

    // MARK: Structure tree

    /// Visits the structure elements under `treeRoot` in pre-order (an element before its kids,
    /// kids in order), calling `body` with each element and its `/S` name (nil when `/S` is not a
    /// name). Each element's handles are released after its visit, so `body` must not keep it.
    static func forEachStructureElement(_ doc: QPDFDocument, treeRoot: QPDFDocument.Object,
                                        _ body: (QPDFDocument.Object, String?) throws -> Void) throws {
        var seen = Set<Int>()
        func visit(_ o: QPDFDocument.Object) throws {
            let kind = doc.kind(o)
            // Integers are marked-content ids; MCR and OBJR dictionaries point at content, not elements.
            guard kind != .other else { return }
            if let key = doc.objectKey(o), !seen.insert(key).inserted { return }
            if kind == .array {
                for k in 0..<doc.arrayCount(o) {
                    try doc.scope { try visit(doc.item(o, k)) }
                }
                return
            }
            let s = doc.entry(o, "/S")
            let structureType = doc.name(s)
            guard structureType != nil || !doc.isNull(s) else { return }
            // (Asking for the usual type first saves looking at the two others.)
            guard doc.isDictionary(o, ofType: "/StructElem")
                || !(doc.isDictionary(o, ofType: "/MCR") || doc.isDictionary(o, ofType: "/OBJR")) else { return }
            try body(o, structureType)
            try visit(doc.entry(o, "/K"))
        }
        if let kids = doc.value(treeRoot, "/K") { try visit(kids) }
    }

    /// Sets the scopes and alternates in one walk, as it goes. A count that differs from the
    /// document's throws after the walk; the caller then writes nothing.
    static func annotateStructure(_ doc: QPDFDocument, treeRoot: QPDFDocument.Object, scopes: [String], alternates: [String]) throws {
        var headers = 0
        var figures = 0
        try forEachStructureElement(doc, treeRoot: treeRoot) { element, structureType in
            switch structureType {
            case "/TH":
                if headers < scopes.count { try setTableScope(doc, element, scope: scopes[headers]) }
                headers += 1
            case "/Figure":
                if figures < alternates.count { try doc.set(element, "/Alt", doc.newText(alternates[figures])) }
                figures += 1
            default:
                break
            }
        }
        guard headers == scopes.count else {
            throw PostPassError.headerScopeCount(thElements: headers, scopes: scopes.count)
        }
        guard figures == alternates.count else {
            throw PostPassError.figureAlternateCount(figureElements: figures, alternates: alternates.count)
        }
    }

    /// Sets `/Scope` in the TH's Table attribute object, adding one when there is none.
    static func setTableScope(_ doc: QPDFDocument, _ th: QPDFDocument.Object, scope: String) throws {
        func isTableAttributes(_ a: QPDFDocument.Object) -> Bool {
            doc.isDictionary(a) && doc.value(a, "/O").flatMap(doc.name) == "/Table"
        }
        let existing = doc.value(th, "/A")
        if let a = existing.flatMap({ doc.itemsOrSelf($0) })?.first(where: isTableAttributes) {
            try doc.set(a, "/Scope", doc.newName(scope))
            return
        }
        let attributes = doc.newDictionary()
        try doc.set(attributes, "/O", doc.newName("/Table"))
        try doc.set(attributes, "/Scope", doc.newName(scope))
        guard let existing else {
            try doc.set(th, "/A", attributes)
            return
        }
        // Other owners' attributes are kept: /A becomes (or stays) an array.
        let array = doc.isArray(existing) ? existing : doc.newArray()
        if !doc.isArray(existing) { try doc.append(array, existing) }
        try doc.append(array, attributes)
        try doc.set(th, "/A", array)
    }

    // MARK: Catalog and metadata

    static func setCatalog(_ doc: QPDFDocument, _ input: PostPassInput) throws {
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

        let metadata = try doc.newStream(Array(info.xmpPacket.utf8))
        let dictionary = try doc.streamDictionary(metadata)
        try doc.set(dictionary, "/Type", doc.newName("/Metadata"))
        try doc.set(dictionary, "/Subtype", doc.newName("/XML"))
        try doc.set(root, "/Metadata", metadata)
    }

    // MARK: Pages

    static func fixPages(_ doc: QPDFDocument) throws {
        let count = try doc.pageCount()
        // Page objects by object number and generation (`QPDFDocument.objectKey`).
        var pageNumbers: [Int: Int] = [:]
        for k in 0..<count {
            try doc.scope {
                if let key = doc.objectKey(try doc.page(k)) { pageNumbers[key] = k + 1 }
            }
        }
        for k in 0..<count {
            try doc.scope {
                let page = try doc.page(k)
                try wrapArtifacts(doc, page: page, number: k + 1)
                if let annotations = doc.value(page, "/Annots"), doc.count(annotations) > 0 {
                    try doc.set(page, "/Tabs", doc.newName("/S"))
                    for annotation in doc.items(annotations) {
                        try describeLink(doc, annotation, pageNumbers: pageNumbers)
                    }
                }
            }
        }
    }

    static func wrapArtifacts(_ doc: QPDFDocument, page: QPDFDocument.Object, number: Int) throws {
        let wrapped: [UInt8]? = try doc.withPageContent(page, number: number) { content in
            do {
                return try PDFContent.wrappingUnmarkedContent(content)
            } catch let error as PDFContentError {
                throw PostPassError.content(page: number, error)
            }
        }
        guard let wrapped else { return }
        if let stream = doc.value(page, "/Contents"), doc.isStream(stream) {
            try doc.replaceStreamData(stream, with: wrapped)
        } else {
            try doc.set(page, "/Contents", doc.newStream(wrapped))
        }
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

    // MARK: Outline

    /// Recomputes `/Count` on the outline root (visible items, omitted when none) and on every item
    /// with children (descendants visible when it is open; positive when open, negative when closed,
    /// as cairo marked it). Items without children lose `/Count`.
    static func normaliseOutlineCounts(_ doc: QPDFDocument, _ outlines: QPDFDocument.Object) throws {
        var seen = Set<Int>()
        func children(_ item: QPDFDocument.Object) -> [QPDFDocument.Object] {
            var list: [QPDFDocument.Object] = []
            var next = doc.value(item, "/First")
            while let child = next {
                if let key = doc.objectKey(child), !seen.insert(key).inserted { break }
                list.append(child)
                next = doc.value(child, "/Next")
            }
            return list
        }
        /// Sets the item's count; returns the number of descendants shown when it is open.
        func normalise(_ item: QPDFDocument.Object, isRoot: Bool) throws -> Int {
            var shown = 0
            for child in children(item) {
                let open = (doc.value(child, "/Count").flatMap(doc.integer) ?? 0) > 0
                let descendants = try doc.scope { try normalise(child, isRoot: false) }
                shown += 1 + (open ? descendants : 0)
            }
            if shown == 0 {
                try doc.remove(item, "/Count")
            } else if isRoot {
                try doc.set(item, "/Count", doc.newInteger(shown))
            } else {
                let open = (doc.value(item, "/Count").flatMap(doc.integer) ?? 0) > 0
                try doc.set(item, "/Count", doc.newInteger(open ? shown : -shown))
            }
            return shown
        }
        _ = try normalise(outlines, isRoot: true)
    }
}
