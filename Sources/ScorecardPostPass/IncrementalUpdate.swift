import Foundation
import PDFTagging

/// An indirect object's number and generation.
struct ObjectReference: Hashable, Sendable, CustomStringConvertible {
    var number: Int
    var generation: Int
    var description: String { "\(number) \(generation) R" }
}

/// The keys of the structure parent tree: one per page that has marked content, then one per link
/// annotation. Shared by the page pass (which sets `/StructParents` and `/StructParent`) and the
/// update (which fills the tree).
enum StructParentKeys {
    static func page(_ index: Int) -> Int { index }
    static func link(_ ordinal: Int, pageCount: Int) -> Int { pageCount + ordinal }
}

/// The objects the post-pass writes itself, appended to the file libqpdf wrote as a PDF incremental
/// update: the structure tree (its root, parent tree and every element) and the outline packed into
/// compressed object streams, the XMP metadata stream, a new catalog that points at them, and a
/// cross-reference stream. Making these objects with libqpdf instead costs far more: each new
/// stream makes it resolve every object of the file, and each object costs tens of thousands of
/// instructions to write.
///
/// Contract:
/// - `base` is the whole file the update is appended to; it must end with `startxref`, the offset,
///   and `%%EOF` and a newline. That offset becomes the update's `/Prev`.
/// - New objects are numbered from the trailer's `/Size`: the structure tree root, the parent tree,
///   the elements in `structure` order, the metadata stream, the outline root and its entries (when
///   there are bookmarks; `OutlineTree` gives their nesting and counts, each opens
///   `[page /XYZ 0 top 0]`), then the object streams and the cross-reference stream. The catalog
///   keeps its number.
/// - Element `/K`: the MCIDs it owns (a bare integer on its `/Pg` page, marked-content references
///   on other pages), then an object reference to its annotation for a `Link`, then its child
///   elements. `/Pg` is the page of its first MCID or annotation. A TH gets
///   `/A << /O /Table /Scope … >>`, an element with alternative text `/Alt`.
/// - The parent tree maps each page key to the array of its MCIDs' owners (index = MCID) and each
///   link key to its element (`StructParentKeys`).
/// - The same inputs give the same bytes.
struct IncrementalUpdate {
    var structure: TaggedStructure
    /// Per page, the owner element of each MCID (`PDFContent.MarkedPage.owners`).
    var owners: [[Int]]
    /// The XMP packet for the catalog's `/Metadata` (written uncompressed, so it can be read as is).
    var metadata: [UInt8]
    /// The page objects of `base`, in page order.
    var pages: [ObjectReference]
    /// Per page, the annotation of each of `structure.links[page]`, in the same order.
    var linkAnnotations: [[ObjectReference]]
    /// The catalog object of `base` and its dictionary as PDF syntax (`<< … >>`), without
    /// `/StructTreeRoot`, `/Metadata` or `/Outlines`.
    var catalog: ObjectReference
    var catalogDictionary: String
    /// The trailer of `base`: `/Size`, and `/Info` and `/ID` as PDF syntax (copied into the update).
    var size: Int
    var info: String?
    var identifier: String?

    /// Objects per object stream: big enough to compress well, small enough for readers that
    /// parse a whole stream to reach one object.
    static let objectsPerStream = 400

    /// Object numbers of what the update adds (see the contract above).
    struct Numbering {
        let root: Int
        let parentTree: Int
        let firstElement: Int
        let metadata: Int
        let outlineRoot: Int
        let outlineEntries: Int
        func element(_ index: Int) -> Int { firstElement + index }
        func outlineEntry(_ index: Int) -> Int { outlineRoot + 1 + index }
        /// The first number after the objects above (for the object streams and the xref stream).
        var next: Int { outlineEntries == 0 ? metadata + 1 : outlineEntry(outlineEntries) }

        init(size: Int, elements: Int, outlineEntries: Int) {
            root = size; parentTree = size + 1; firstElement = size + 2
            metadata = firstElement + elements; outlineRoot = metadata + 1
            self.outlineEntries = outlineEntries
        }
    }

    /// The bytes to append to `base`.
    func bytes(appendingTo base: [UInt8]) throws -> [UInt8] {
        guard let previous = Self.startXRef(base) else {
            throw PostPassError.structure("the written PDF does not end with startxref and %%EOF")
        }
        guard catalog.generation == 0 else {
            throw PostPassError.structure("the catalog has generation \(catalog.generation); only generation 0 can go in an object stream")
        }
        for (page, links) in structure.links.enumerated() where linkAnnotations.count <= page || linkAnnotations[page].count != links.count {
            throw PostPassError.structure("page \(page + 1) has \(page < linkAnnotations.count ? linkAnnotations[page].count : 0) link annotation(s) but the structure describes \(links.count)")
        }
        let outline = OutlineTree(structure.outline)
        let numbers = Numbering(size: size, elements: structure.elements.count, outlineEntries: outline.entries.count)
        // In object order: the root and the parent tree, the elements, the outline and the catalog.
        let tree = StructureTreeText(self, numbers)
        var afterElements = ObjectText(count: outline.entries.count + 2)
        writeOutline(outline, into: &afterElements, numbers)
        var catalogEntries = "/StructTreeRoot \(numbers.root) 0 R /Metadata \(numbers.metadata) 0 R"
        if !outline.entries.isEmpty { catalogEntries += " /Outlines \(numbers.outlineRoot) 0 R" }
        guard let catalogText = Self.dictionary(catalogDictionary, adding: catalogEntries) else {
            throw PostPassError.structure("the catalog is not a dictionary: \(catalogDictionary.prefix(80))")
        }
        afterElements.begin(catalog.number)
        afterElements.write(string: catalogText)

        var trailer = "/Root \(catalog)"
        if let info { trailer += "/Info \(info)" }
        if let identifier { trailer += "/ID \(identifier)" }
        var writer = UpdateWriter(baseLength: base.count, nextNumber: numbers.next)
        writer.addStream(number: numbers.metadata, dictionary: "/Type/Metadata/Subtype/XML", data: metadata)
        let (head, elements, tail) = (tree.head, structure.elements.count, afterElements)
        try writer.addObjectStreams(count: head.count + elements + tail.count, objectsPerStream: Self.objectsPerStream) { range, text in
            for k in range {
                if k < head.count {
                    text.copy(k, of: head)
                } else if k < head.count + elements {
                    tree.writeElement(k - head.count, into: &text)
                } else {
                    text.copy(k - head.count - elements, of: tail)
                }
            }
        }
        return try writer.finish(trailerEntries: trailer, previous: previous)
    }

    /// `dictionary` (PDF syntax `<< … >>`) with `entry` added before its closing `>>`.
    static func dictionary(_ dictionary: String, adding entry: String) -> String? {
        let trimmed = dictionary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<<"), trimmed.hasSuffix(">>") else { return nil }
        return String(trimmed.dropLast(2)) + " " + entry + " >>"
    }

    /// The offset after the last `startxref` of a file ending `startxref\n<offset>\n%%EOF\n`.
    static func startXRef(_ base: [UInt8]) -> Int? {
        let tail = String(decoding: base.suffix(64), as: UTF8.self)
        guard tail.hasSuffix("%%EOF\n"), let range = tail.range(of: "startxref", options: .backwards) else { return nil }
        let digits = tail[range.upperBound...].drop(while: { $0.isWhitespace }).prefix(while: \.isNumber)
        return Int(digits)
    }
}
