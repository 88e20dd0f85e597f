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
        let root = size
        let parentTree = size + 1
        let firstElement = size + 2
        let metadataNumber = firstElement + structure.elements.count
        var objects = ObjectText(count: structure.elements.count + 3)

        let pageCount = pages.count
        let linkCount = structure.links.reduce(0) { $0 + $1.count }
        objects.begin(root)
        objects.write("<</Type/StructTreeRoot/K "); objects.reference(firstElement)
        objects.write("/ParentTree "); objects.reference(parentTree)
        objects.write("/ParentTreeNextKey "); objects.integer(pageCount + linkCount); objects.write(">>")

        // Content of each element: (page, MCID) in order, and its link annotation.
        var content = [[(page: Int, mcid: Int)]](repeating: [], count: structure.elements.count)
        objects.begin(parentTree)
        objects.write("<</Nums[")
        for (page, pageOwners) in owners.enumerated() where !pageOwners.isEmpty {
            objects.integer(StructParentKeys.page(page)); objects.write("[")
            for (mcid, owner) in pageOwners.enumerated() {
                content[owner].append((page, mcid))
                if mcid > 0 { objects.write(" ") }
                objects.reference(firstElement + owner)
            }
            objects.write("]")
        }
        var annotation = [(page: Int, reference: ObjectReference)?](repeating: nil, count: structure.elements.count)
        var ordinal = 0
        for (page, links) in structure.links.enumerated() {
            for (k, link) in links.enumerated() {
                annotation[link] = (page, linkAnnotations[page][k])
                objects.write(" "); objects.integer(StructParentKeys.link(ordinal, pageCount: pageCount))
                objects.write(" "); objects.reference(firstElement + link)
                ordinal += 1
            }
        }
        objects.write("]>>")

        for (index, e) in structure.elements.enumerated() {
            objects.begin(firstElement + index)
            objects.write("<</Type/StructElem/S/"); objects.write(e.role)
            objects.write("/P "); objects.reference(e.parent.map { firstElement + $0 } ?? root)
            let page = content[index].first?.page ?? annotation[index]?.page
            if let page { objects.write("/Pg "); objects.write(pages[page]) }
            let kidCount = content[index].count + (annotation[index] == nil ? 0 : 1) + e.children.count
            if kidCount > 0 {
                objects.write(kidCount == 1 ? "/K " : "/K[")
                var first = true
                func separate() { if !first { objects.write(" ") }; first = false }
                for (p, mcid) in content[index] {
                    separate()
                    if p == page {
                        objects.integer(mcid)
                    } else {
                        objects.write("<</Type/MCR/Pg "); objects.write(pages[p]); objects.write("/MCID "); objects.integer(mcid); objects.write(">>")
                    }
                }
                if let a = annotation[index] {
                    separate()
                    objects.write("<</Type/OBJR/Obj "); objects.write(a.reference); objects.write("/Pg "); objects.write(pages[a.page]); objects.write(">>")
                }
                for child in e.children { separate(); objects.reference(firstElement + child) }
                if kidCount > 1 { objects.write("]") }
            }
            if let scope = e.tableScope { objects.write("/A<</O/Table/Scope/"); objects.write(scope); objects.write(">>") }
            if let alternate = e.alternate { objects.write("/Alt "); objects.write(PDFSyntax.textString(alternate)) }
            objects.write(">>")
        }
        let outline = OutlineTree(structure.outline)
        let outlineRoot = metadataNumber + 1
        func item(_ k: Int) -> Int { outlineRoot + 1 + k }
        if !outline.entries.isEmpty {
            objects.begin(outlineRoot)
            objects.write("<</Type/Outlines/First "); objects.reference(item(outline.rootChildren.first!))
            objects.write("/Last "); objects.reference(item(outline.rootChildren.last!))
            if let n = outline.rootCount { objects.write("/Count "); objects.integer(n) }
            objects.write(">>")
            for (k, entry) in outline.entries.enumerated() {
                objects.begin(item(k))
                objects.write("<</Title "); objects.write(PDFSyntax.textString(entry.title))
                objects.write("/Parent "); objects.reference(outline.parent[k].map(item) ?? outlineRoot)
                let siblings = outline.parent[k].map { outline.children[$0] } ?? outline.rootChildren
                let position = siblings.firstIndex(of: k)!
                if position > 0 { objects.write("/Prev "); objects.reference(item(siblings[position - 1])) }
                if position + 1 < siblings.count { objects.write("/Next "); objects.reference(item(siblings[position + 1])) }
                if let first = outline.children[k].first, let last = outline.children[k].last {
                    objects.write("/First "); objects.reference(item(first))
                    objects.write("/Last "); objects.reference(item(last))
                }
                if let n = outline.count(k) { objects.write("/Count "); objects.integer(n) }
                objects.write("/Dest["); objects.write(pages[entry.page]); objects.write("/XYZ 0 ")
                objects.write(PDFSyntax.number(entry.top)); objects.write(" 0]>>")
            }
        }
        var catalogEntries = "/StructTreeRoot \(root) 0 R /Metadata \(metadataNumber) 0 R"
        if !outline.entries.isEmpty { catalogEntries += " /Outlines \(outlineRoot) 0 R" }
        guard let catalogText = Self.dictionary(catalogDictionary, adding: catalogEntries) else {
            throw PostPassError.structure("the catalog is not a dictionary: \(catalogDictionary.prefix(80))")
        }
        objects.begin(catalog.number)
        objects.write(catalogText)

        // The metadata stream (streams cannot go in object streams), the object streams, then the
        // cross-reference stream.
        var out: [UInt8] = []
        var entries: [Int: (type: UInt8, field2: Int, field3: Int)] = [:]
        entries[metadataNumber] = (1, base.count, 0)
        out += Array("\(metadataNumber) 0 obj\n<</Type/Metadata/Subtype/XML/Length \(metadata.count)>>\nstream\n".utf8)
        out += metadata
        out += Array("\nendstream\nendobj\n".utf8)
        var nextNumber = outline.entries.isEmpty ? metadataNumber + 1 : item(outline.entries.count)
        var start = 0
        while start < objects.count {
            let end = min(start + Self.objectsPerStream, objects.count)
            let streamNumber = nextNumber
            nextNumber += 1
            var header: [UInt8] = []
            for k in start..<end {
                header += Array("\(objects.numbers[k]) \(objects.offsets[k] - objects.offsets[start]) ".utf8)
                entries[objects.numbers[k]] = (2, streamNumber, k - start)
            }
            let bodyEnd = end < objects.count ? objects.offsets[end] : objects.text.count
            let data = try Deflate.compress(header + objects.text[objects.offsets[start]..<bodyEnd])
            entries[streamNumber] = (1, base.count + out.count, 0)
            out += Array("\(streamNumber) 0 obj\n<</Type/ObjStm/N \(end - start)/First \(header.count)/Filter/FlateDecode/Length \(data.count)>>\nstream\n".utf8)
            out += data
            out += Array("\nendstream\nendobj\n".utf8)
            start = end
        }
        let xref = nextNumber
        let xrefOffset = base.count + out.count
        entries[xref] = (1, xrefOffset, 0)
        let numbersInOrder = entries.keys.sorted()
        var table: [UInt8] = []
        table.reserveCapacity(numbersInOrder.count * 7)
        var index: [(first: Int, count: Int)] = []
        for number in numbersInOrder {
            if let last = index.last, last.first + last.count == number { index[index.count - 1].count += 1 } else { index.append((number, 1)) }
            let e = entries[number]!
            table.append(e.type)
            for shift in stride(from: 24, through: 0, by: -8) { table.append(UInt8(truncatingIfNeeded: e.field2 >> shift)) }
            table.append(UInt8(truncatingIfNeeded: e.field3 >> 8)); table.append(UInt8(truncatingIfNeeded: e.field3))
        }
        let compressed = try Deflate.compress(table)
        var trailer = "<</Type/XRef/Size \(xref + 1)/Index[" + index.map { "\($0.first) \($0.count)" }.joined(separator: " ") + "]/W[1 4 2]"
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

/// The text of the objects that go into object streams, written straight into one byte buffer
/// (tens of thousands of small objects: no string per object).
struct ObjectText {
    private(set) var text: [UInt8] = []
    /// Object numbers, and where each object's text starts in `text`.
    private(set) var numbers: [Int] = []
    private(set) var offsets: [Int] = []
    var count: Int { numbers.count }

    init(count: Int) {
        numbers.reserveCapacity(count)
        offsets.reserveCapacity(count)
        text.reserveCapacity(count * 72)
    }

    /// Starts the next object (the previous one ends with a newline).
    mutating func begin(_ number: Int) {
        if !numbers.isEmpty { text.append(0x0A) }
        numbers.append(number)
        offsets.append(text.count)
    }

    mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { text.append(contentsOf: $0) }
    }

    mutating func write(_ reference: ObjectReference) {
        integer(reference.number); text.append(0x20); integer(reference.generation); text.append(contentsOf: [0x20, 0x52])
    }

    /// `n 0 R`.
    mutating func reference(_ number: Int) {
        integer(number); text.append(contentsOf: [0x20, 0x30, 0x20, 0x52])
    }

    mutating func integer(_ value: Int) {
        if value < 0 { text.append(0x2D) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            while n > 0 { n -= 1; text.append(d[n]) }
        }
    }
}
