import Foundation
import Testing
@testable import ScorecardPostPass

@Suite("Unreachable objects, found from the bytes")
struct UnreachableObjectsTests {
    /// A classic PDF with objects `bodies` (numbered from 1; nil for a free entry) and `trailer`.
    static func classicPDF(_ bodies: [String?], trailer: String) -> [UInt8] {
        var out = Array("%PDF-1.5\n%\u{00E2}\u{00E3}\n".utf8)
        var offsets: [Int?] = []
        for (k, body) in bodies.enumerated() {
            guard let body else { offsets.append(nil); continue }
            offsets.append(out.count)
            out += Array("\(k + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            table += offset.map { String(repeating: "0", count: 10 - String($0).count) + "\($0) 00000 n \n" } ?? "0000000000 00001 f \n"
        }
        out += Array("\(table)trailer\n\(trailer)\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    static let tricky: [String?] = [
        // 1: catalog; the tree and outline are dropped; a name value and a nested dictionary.
        "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 5 0 R /PageMode /UseOutlines /Outlines 6 0 R /Names << /Dests 8 0 R >> >>",
        // 2
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        // 3: a reference only in a string (9) and only in a comment (10) are none.
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [<< /Subtype /Link /A << /URI (see 9 0 R \\) 10 0 R) >> >>] % 10 0 R\n /Resources << /Font << /F1 11 0 R >> >> >>",
        // 4: the stream data is never read (13).
        "<< /Length 12 0 R >>\nstream\nq 13 0 R Q\nendstream",
        // 5: cairo's tree root, 6: outline root, 7: a tree element pointing back at a page.
        "<< /Type /StructTreeRoot /K 7 0 R /ParentTree 14 0 R >>",
        "<< /First 15 0 R /Count 1 >>",
        "<< /Type /StructElem /P 5 0 R /Pg 3 0 R >>",
        // 8: a name tree with a string key.
        "<< /Names [(a) 16 0 R] >>",
        "(only named in a string)", "(only named in a comment)",
        // 11: numbers before and after a reference, and a hexadecimal string.
        "<< /Type /Font /Widths [500 600 700] /FirstChar 32 /FontDescriptor 17 0 R /ToUnicode <0041 3020> >>",
        "10", "(only named in stream data)",
        "<< /Nums [0 [7 0 R]] >>", "<< /Title (outline item) /Parent 6 0 R >>",
        "[3 0 R /XYZ 0 0 0]", "<< /Type /FontDescriptor /FontName /X >>",
        "<< /Title (info) >>",
        nil,
    ]

    @Test func referencesInStringsCommentsAndStreamsDoNotCountAndDroppedEntriesDoNot() throws {
        let bytes = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root 1 0 R /Info 18 0 R /ID [<00><00>] >>")
        let found = try bytes.withUnsafeBufferPointer {
            try #require(try UnreachableObjects.unreachable(in: $0, ignoringCatalogEntries: ["StructTreeRoot", "Outlines"]))
        }
        #expect(found.objects == [5, 6, 7, 9, 10, 13, 14, 15])
        let kept = try bytes.withUnsafeBufferPointer {
            try #require(try UnreachableObjects.unreachable(in: $0, ignoringCatalogEntries: []))
        }
        #expect(kept.objects == [9, 10, 13])
    }

    @Test func freedEntriesKeepTheFileReadable() throws {
        var bytes = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root 1 0 R /Info 18 0 R >>")
        let size = bytes.count
        let freed = bytes.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: ["StructTreeRoot", "Outlines"]) }
        #expect(freed == [5, 6, 7, 9, 10, 13, 14, 15])
        #expect(bytes.count == size)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "0000000000 65535 f").count - 1 == 9)  // the eight and object 0
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let file = folder.appendingPathComponent("freed.pdf")
        try Data(bytes).write(to: file)
        #expect(try Support.run("qpdf", ["--check", file.path]).status == 0)
        for number in 1...18 {
            let shown = String(decoding: try Support.run("qpdf", ["--show-object=\(number)", file.path]).output, as: UTF8.self)
            let isNull = shown.trimmingCharacters(in: .whitespacesAndNewlines) == "null"
            #expect(isNull == [5, 6, 7, 9, 10, 13, 14, 15].contains(number), "object \(number): \(shown)")
        }
    }

    @Test func referencesWrittenOtherwiseStillCountOrTheWalkGivesUp() throws {
        // "+2 0 R" and "0002 0 R" are references to object 2 (libqpdf reads them so).
        for pages in ["+2 0 R", "0002 0 R", "+0002 00 R"] {
            var bodies = Self.tricky
            bodies[0] = bodies[0]!.replacingOccurrences(of: "/Pages 2 0 R", with: "/Pages \(pages)")
            let bytes = Self.classicPDF(bodies, trailer: "<< /Size 20 /Root 1 0 R /Info 18 0 R >>")
            let found = try bytes.withUnsafeBufferPointer {
                try #require(try UnreachableObjects.unreachable(in: $0, ignoringCatalogEntries: ["StructTreeRoot", "Outlines"]))
            }
            #expect(found.objects == [5, 6, 7, 9, 10, 13, 14, 15], "\(pages)")
        }
        // An R the walk cannot read, an integer too long, a /Root that is no reference, or a table
        // claiming more entries than the file could hold: nothing is freed.
        for (object, text) in [(0, "/Pages 2 R"), (0, "/Pages 12345678901234567890 0 R"), (0, "/Pages R")] {
            var bodies = Self.tricky
            bodies[object] = bodies[object]!.replacingOccurrences(of: "/Pages 2 0 R", with: text)
            var bytes = Self.classicPDF(bodies, trailer: "<< /Size 20 /Root 1 0 R >>")
            #expect(bytes.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil, "\(text)")
        }
        var noRoot = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root (1 0 R) >>")
        #expect(noRoot.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil)
        var huge = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root 1 0 R >>")
        let text = String(decoding: huge, as: UTF8.self)
        let header = try #require(text.range(of: "xref\n0 20\n"))
        let start = text.utf8.distance(from: text.startIndex, to: header.lowerBound)
        huge.replaceSubrange(start..<(start + 10), with: Array("xref\n0 99999999999\n".utf8))
        #expect(huge.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil)
    }

    @Test func otherFilesAreLeftToLibqpdf() throws {
        // An incremental update (/Prev) and a cross-reference stream (the post-pass's own output).
        var updated = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root 1 0 R /Prev 9 >>")
        #expect(updated.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil)
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let rendered = try Support.renderSample(into: folder)
        let output = folder.appendingPathComponent("finished.pdf")
        try PDFPostPass.apply(input: rendered.url, output: output, rendered.postPassInput)
        var finished = [UInt8](try Data(contentsOf: output))
        let before = finished
        #expect(finished.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil)
        #expect(finished == before)
        // A damaged table is no reason to guess.
        var damaged = Self.classicPDF(Self.tricky, trailer: "<< /Size 20 /Root 1 0 R >>")
        let table = try #require(String(decoding: damaged, as: UTF8.self).range(of: "xref\n0 20\n")).upperBound.utf16Offset(in: String(decoding: damaged, as: UTF8.self))
        damaged[table + 30] = UInt8(ascii: "x")
        #expect(damaged.withUnsafeMutableBytes { UnreachableObjects.free(in: $0, ignoringCatalogEntries: []) } == nil)
    }

    @Test func cairosFilesGiveTheSameObjectsAsLibqpdfsWalk() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let rendered = try Support.renderSample(into: folder)
        let bytes = [UInt8](try Data(contentsOf: rendered.url))
        let ours = try bytes.withUnsafeBufferPointer {
            try #require(try UnreachableObjects.unreachable(in: $0, ignoringCatalogEntries: ["StructTreeRoot", "Outlines"]))
        }
        // The reference: libqpdf's own walk after the two entries are removed, less free entries.
        let doc = try QPDFDocument()
        try doc.read(rendered.url.path)
        try doc.scope {
            try doc.remove(doc.root, "/StructTreeRoot")
            try doc.remove(doc.root, "/Outlines")
        }
        let libqpdf = try doc.unreachableObjectNumbers().filter { ours.table.offset(of: $0) != nil }
        #expect(ours.objects == libqpdf)
        // cairo is given no structure tags: what nothing reaches is the little it reserves for a
        // structure tree when the document has links (its table even lists a root it never writes).
        #expect(ours.objects.count * 4 < ours.table.inUse.count)
    }
}
