import Foundation
import Testing
import ScorecardPipeline

/// Reads the example pack's PDFs back (qpdf JSON, pdfinfo, the PyPI `pdfua` checker) and checks the
/// PDF/UA pieces the post-pass adds.
@Suite(.serialized) struct AccessibilityTests {
    static func pdfs() throws -> [URL] {
        try ExampleRender.shared.get().summary.files.map(\.url).filter { $0.pathExtension == "pdf" }
    }

    /// Every object of a PDF, by "obj:N 0 R" key, from `qpdf --json`.
    func objects(_ url: URL) throws -> [String: Any] {
        let json = try run("qpdf", ["--json", "--json-key=qpdf", url.path]).stdout
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let qpdf = root["qpdf"] as! [Any]
        return (qpdf[1] as! [String: Any]).mapValues { ($0 as? [String: Any])?["value"] ?? ($0 as? [String: Any])?["stream"] as Any }
    }

    func dictionaries(_ objects: [String: Any]) -> [(String, [String: Any])] {
        objects.compactMap { key, value in
            if let d = value as? [String: Any] { return (key, d) }
            if let s = value as? [String: Any], let d = s["dict"] as? [String: Any] { return (key, d) }
            return nil
        }
    }

    @Test(arguments: try pdfs())
    func catalogHasLanguageTitleDisplayAndUAMetadata(url: URL) throws {
        let dicts = dictionaries(try objects(url))
        let catalog = try #require(dicts.first { $0.1["/Type"] as? String == "/Catalog" }?.1)
        #expect(catalog["/Lang"] as? String == "u:en-GB")
        #expect((catalog["/ViewerPreferences"] as? [String: Any])?["/DisplayDocTitle"] as? Bool == true)
        #expect(catalog["/Metadata"] != nil)
        let xmp = try run("pdfinfo", ["-meta", url.path]).stdout
        #expect(xmp.contains("pdfuaid:part"))
        let title = try run("pdfinfo", [url.path]).stdout.split(separator: "\n").first { $0.hasPrefix("Title:") }
        let titleText = try #require(title).dropFirst("Title:".count).trimmingCharacters(in: .whitespaces)
        #expect(xmp.contains(titleText.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&apos;"))
                || xmp.contains(titleText.replacingOccurrences(of: "&", with: "&amp;")))
    }

    @Test(arguments: try pdfs())
    func everyHeaderCellHasAScopeAndEachTableOneHead(url: URL) throws {
        let dicts = dictionaries(try objects(url))
        let structure = dicts.filter { $0.1["/Type"] as? String == "/StructElem" || $0.1["/S"] != nil && $0.1["/P"] != nil }
        let headers = structure.filter { $0.1["/S"] as? String == "/TH" }
        #expect(!headers.isEmpty)
        for (key, th) in headers {
            let attributes = th["/A"] as? [String: Any]
            #expect(attributes?["/O"] as? String == "/Table", "\(key) has no /O /Table")
            #expect(["/Column", "/Row"].contains(attributes?["/Scope"] as? String ?? ""), "\(key) has no /Scope")
        }
        var headsPerTable: [String: Int] = [:]
        for (_, head) in structure where head["/S"] as? String == "/THead" {
            headsPerTable[head["/P"] as? String ?? "?", default: 0] += 1
        }
        if url.lastPathComponent.contains("Appendix") || url.lastPathComponent.contains("Pack") {
            #expect(!headsPerTable.isEmpty) // the indicator tables have a head; the cover's field table does not
        }
        #expect(headsPerTable.values.allSatisfy { $0 == 1 }, "a table has several THead elements")
    }

    @Test(arguments: try pdfs())
    func linksAreDescribedAndPagesWithLinksUseStructureOrder(url: URL) throws {
        let dicts = dictionaries(try objects(url))
        let links = dicts.filter { $0.1["/Subtype"] as? String == "/Link" }
        for (key, link) in links { #expect(link["/Contents"] != nil, "link \(key) has no /Contents") }
        for (key, page) in dicts where page["/Type"] as? String == "/Page" && page["/Annots"] != nil {
            #expect(page["/Tabs"] as? String == "/S", "page \(key) has annotations but no /Tabs /S")
        }
    }

    /// The PyPI `pdfua` checker (installed by `make test`; path in $PDFUA) finds nothing on any PDF.
    @Test func pdfuaCheckerReportsNoFailures() throws {
        let checker = try pdfuaChecker()
        for url in try Self.pdfs() {
            let result = try run(checker, ["check", url.path])
            #expect(result.status == 0, "\(url.lastPathComponent): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("errors=0"), "\(url.lastPathComponent): \(result.stdout)")
        }
    }

    @Test func taggedFilesStaySmallForEmail() throws {
        for url in try Self.pdfs() {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
            #expect(size < 150_000, "\(url.lastPathComponent) is \(size) bytes")
        }
    }
}
