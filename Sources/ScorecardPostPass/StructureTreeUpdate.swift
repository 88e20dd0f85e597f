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
/// structure tree writer (which fills the tree).
enum StructParentKeys {
    static func page(_ index: Int) -> Int { index }
    static func link(_ ordinal: Int, pageCount: Int) -> Int { pageCount + ordinal }
}

/// Writes the document's structure tree as a PDF incremental update appended to a finished file:
/// the `StructTreeRoot`, its parent tree and every structure element, packed into compressed object
/// streams, a new catalog that points at the root, and a cross-reference stream.
///
/// Contract:
/// - `base` is the whole file the update is appended to; it must end with `%%EOF` and a newline.
///   `startxref` is read from its end and becomes the update's `/Prev`.
/// - New objects are numbered from the trailer's `/Size`: the root, the parent tree, then the
///   elements in `structure` order; then the object streams and the cross-reference stream.
/// - Element `/K`: the MCIDs it owns (a bare integer when it has one on its own page, marked-content
///   references for other pages), then its child elements; a `Link` also gets an object reference
///   to its annotation. `/Pg` is the page of its first MCID or annotation. A TH gets
///   `/A << /O /Table /Scope … >>`, an element with alternative text `/Alt`.
/// - The parent tree maps each page key to the array of its MCIDs' owners (index = MCID) and each
///   link key to its element (`StructParentKeys`).
/// - The same inputs give the same bytes.
struct StructureTreeUpdate {
    var structure: TaggedStructure
    /// Per page, the owner element of each MCID (`PDFContent.MarkedPage.owners`).
    var owners: [[Int]]
    /// The page objects of `base`, in page order.
    var pages: [ObjectReference]
    /// Per page, the annotation of each of `structure.links[page]`, in the same order.
    var linkAnnotations: [[ObjectReference]]
    /// The catalog object of `base` and its dictionary as PDF syntax (`<< … >>`), without `/StructTreeRoot`.
    var catalog: ObjectReference
    var catalogDictionary: String
    /// The trailer of `base`: `/Size`, and `/Info` and `/ID` as PDF syntax (copied into the update).
    var size: Int
    var info: String?
    var identifier: String?

    /// Objects per object stream: big enough to compress well, small enough for readers that
    /// parse a whole stream to reach one object.
    static let objectsPerStream = 400

    /// The bytes to append to `base`.
    func bytes(appendingTo base: [UInt8]) throws -> [UInt8] {
        guard let previous = Self.startXRef(base) else {
            throw PostPassError.structure("the written PDF does not end with startxref and %%EOF")
        }
        guard catalog.generation == 0 else {
            throw PostPassError.structure("the catalog has generation \(catalog.generation); only generation 0 can go in an object stream")
        }
        let root = size
        let parentTree = size + 1
        let firstElement = size + 2
        func element(_ index: Int) -> String { "\(firstElement + index) 0 R" }

        var objects: [(number: Int, text: String)] = []
        objects.reserveCapacity(structure.elements.count + 3)
        let pageCount = pages.count
        let linkCount = structure.links.reduce(0) { $0 + $1.count }
        objects.append((root, "<</Type/StructTreeRoot/K \(element(0))/ParentTree \(parentTree) 0 R/ParentTreeNextKey \(pageCount + linkCount)>>"))

        // Content of each element: (page, MCID) in order, and its link annotation.
        var content = [[(page: Int, mcid: Int)]](repeating: [], count: structure.elements.count)
        var numbers = "<</Nums["
        for (page, pageOwners) in owners.enumerated() where !pageOwners.isEmpty {
            numbers += "\(StructParentKeys.page(page))["
            for (mcid, owner) in pageOwners.enumerated() {
                content[owner].append((page, mcid))
                numbers += (mcid == 0 ? "" : " ") + element(owner)
            }
            numbers += "]"
        }
        var annotation = [(page: Int, reference: ObjectReference)?](repeating: nil, count: structure.elements.count)
        var ordinal = 0
        for (page, links) in structure.links.enumerated() {
            for (k, link) in links.enumerated() {
                annotation[link] = (page, linkAnnotations[page][k])
                numbers += "\(StructParentKeys.link(ordinal, pageCount: pageCount)) \(element(link)) "
                ordinal += 1
            }
        }
        numbers += "]>>"
        objects.append((parentTree, numbers))

        for (index, e) in structure.elements.enumerated() {
            var text = "<</Type/StructElem/S/\(e.role)/P " + (e.parent.map(element) ?? "\(root) 0 R")
            let page = content[index].first?.page ?? annotation[index]?.page
            if let page { text += "/Pg \(pages[page])" }
            var kids: [String] = []
            for (p, mcid) in content[index] {
                kids.append(p == page ? "\(mcid)" : "<</Type/MCR/Pg \(pages[p])/MCID \(mcid)>>")
            }
            if let a = annotation[index] { kids.append("<</Type/OBJR/Obj \(a.reference)/Pg \(pages[a.page])>>") }
            kids += e.children.map(element)
            if kids.count == 1 { text += "/K " + kids[0] } else if !kids.isEmpty { text += "/K[" + kids.joined(separator: " ") + "]" }
            if let scope = e.tableScope { text += "/A<</O/Table/Scope/\(scope)>>" }
            if let alternate = e.alternate { text += "/Alt " + PDFSyntax.textString(alternate) }
            objects.append((firstElement + index, text + ">>"))
        }
        let catalogText = Self.dictionary(catalogDictionary, adding: "/StructTreeRoot \(root) 0 R")
        guard let catalogText else { throw PostPassError.structure("the catalog is not a dictionary: \(catalogDictionary.prefix(80))") }
        objects.append((catalog.number, catalogText))

        // Object streams, then the cross-reference stream.
        var out: [UInt8] = []
        var nextNumber = firstElement + structure.elements.count
        var entries: [Int: (type: UInt8, field2: Int, field3: Int)] = [:]
        var start = 0
        while start < objects.count {
            let chunk = objects[start..<min(start + Self.objectsPerStream, objects.count)]
            let streamNumber = nextNumber
            nextNumber += 1
            var header = ""
            var body: [UInt8] = []
            for (k, object) in chunk.enumerated() {
                header += "\(object.number) \(body.count) "
                body += Array(object.text.utf8)
                body.append(0x0A)
                entries[object.number] = (2, streamNumber, k)
            }
            let first = header.utf8.count
            let data = try Deflate.compress(Array(header.utf8) + body)
            entries[streamNumber] = (1, base.count + out.count, 0)
            out += Array("\(streamNumber) 0 obj\n<</Type/ObjStm/N \(chunk.count)/First \(first)/Filter/FlateDecode/Length \(data.count)>>\nstream\n".utf8)
            out += data
            out += Array("\nendstream\nendobj\n".utf8)
            start += Self.objectsPerStream
        }
        let xref = nextNumber
        let xrefOffset = base.count + out.count
        entries[xref] = (1, xrefOffset, 0)
        let numbersInOrder = entries.keys.sorted()
        var table: [UInt8] = []
        table.reserveCapacity(numbersInOrder.count * 7)
        var index: [(Int, Int)] = []
        for number in numbersInOrder {
            if let last = index.last, last.0 + last.1 == number { index[index.count - 1].1 += 1 } else { index.append((number, 1)) }
            let e = entries[number]!
            table.append(e.type)
            for shift in stride(from: 24, through: 0, by: -8) { table.append(UInt8(truncatingIfNeeded: e.field2 >> shift)) }
            table.append(UInt8(truncatingIfNeeded: e.field3 >> 8)); table.append(UInt8(truncatingIfNeeded: e.field3))
        }
        let compressed = try Deflate.compress(table)
        var trailer = "<</Type/XRef/Size \(xref + 1)/Index[" + index.map { "\($0.0) \($0.1)" }.joined(separator: " ") + "]/W[1 4 2]"
        trailer += "/Root \(catalog)"
        if let info { trailer += "/Info \(info)" }
        if let identifier { trailer += "/ID \(identifier)" }
        trailer += "/Prev \(previous)/Filter/FlateDecode/Length \(compressed.count)>>"
        out += Array("\(xref) 0 obj\n\(trailer)\nstream\n".utf8)
        out += compressed
        out += Array("\nendstream\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return out
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
