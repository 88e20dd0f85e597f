import Foundation
import PDFTagging
import ScorecardLayout
import Testing
@testable import ScorecardRender

@Suite("PDFRenderer")
struct PDFRendererTests {
    static let metadata = DocumentMetadata(
        title: "Corporate Scorecard Q2", author: "Democratic Services", subject: "Report to the Cabinet",
        keywords: ["scorecard", "performance"], creator: "ScorecardRenderTests", date: 1_700_000_000)

    /// Two A4 pages: Document > H1, P (with a link) and a P that continues onto page 2, a footer
    /// artifact, and two bookmarks.
    static func sampleDocument(measurer: PangoMeasurer) -> LaidOutDocument {
        let body = TextStyle(size: .pt(11))
        let heading = TextStyle(size: .pt(18), bold: true, color: Color(hex: "#1F3864")!)
        func line(_ runs: [TextRun], _ style: TextStyle, x: Double = 72, y: Double) -> PageItem {
            let width = measurer.width(StyledText(runs), style: style)
            return .text(PlacedLine(origin: Point(x: .pt(x), y: .pt(y)), runs: runs, style: style, width: width))
        }
        let linkText = [TextRun("See "), TextRun("the council website", link: "https://example.org/a b/ŵ?q='x'")]
        let linkWidth = measurer.width(StyledText([linkText[1]]), style: body)
        let seeWidth = measurer.width(StyledText([linkText[0]]), style: body)
        let page1: [PageItem] = [
            .beginTag(.document),
            .bookmark(Bookmark(title: "Corporate Scorecard Q2", level: 1, y: .pt(80))),
            .beginTag(.heading(level: 1)),
            line([TextRun("Corporate Scorecard Q2")], heading, y: 100),
            .endTag(.heading(level: 1)),
            .beginTag(.paragraph),
            line([TextRun("A & B <c> and "), TextRun("bold", bold: true), TextRun(" and "),
                  TextRun("italic", italic: true), TextRun(" in Llanfair ŵ ŷ.")], body, y: 130),
            line(linkText, body, y: 144),
            .link(Rect(x: .pt(72) + seeWidth, y: .pt(134), width: linkWidth, height: .pt(13)),
                  uri: "https://example.org/a b/ŵ?q='x'"),
            .endTag(.paragraph),
            .fill(Rect(x: .pt(72), y: .pt(160), width: .pt(40), height: .pt(12)), Color(hex: "#C00000")!),
            .stroke(Rect(x: .pt(120), y: .pt(160), width: .pt(40), height: .pt(12)), width: .pt(0.5), color: .black),
            .line(from: Point(x: .pt(72), y: .pt(180)), to: Point(x: .pt(523), y: .pt(180)), width: .pt(1), color: .black),
            .polygon([Point(x: .pt(72), y: .pt(200)), Point(x: .pt(82), y: .pt(190)), Point(x: .pt(92), y: .pt(200))],
                     fill: Color(hex: "#00B050")!),
            .beginTag(.paragraph),
            line([TextRun("This paragraph starts on page one")], body, y: 760),
            .beginArtifact,
            line([TextRun("Page 1 of 2")], body, y: 800),
            .endArtifact,
        ]
        let page2: [PageItem] = [
            line([TextRun("and ends on page two.")], body, y: 72),
            .endTag(.paragraph),
            .bookmark(Bookmark(title: "Second section", level: 2, y: .pt(90))),
            .beginTag(.heading(level: 2)),
            line([TextRun("Second section")], heading.with(size: .pt(14)), y: 110),
            .endTag(.heading(level: 2)),
            .endTag(.document),
        ]
        return LaidOutDocument(metadata: metadata, fontFamily: "Liberation Sans",
                               pages: [Page(size: .a4Portrait, items: page1), Page(size: .a4Portrait, items: page2)])
    }

    /// Renders the sample into a temporary folder and returns the file (folder removed by the caller).
    static func renderSample(into folder: URL, name: String = "sample.pdf") throws -> URL {
        let fonts = try Support.fonts()
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        let url = folder.appendingPathComponent(name)
        try PDFRenderer(fonts: fonts).render(sampleDocument(measurer: measurer), to: url)
        return url
    }

    @Test func pdfinfoSeesA4TaggedPagesAndMetadata() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let url = try Self.renderSample(into: folder)
        let info = try Support.run("pdfinfo", [url.path])
        #expect(info.status == 0)
        let fields = Dictionary(info.output.split(separator: "\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { a, _ in a })
        // pdfinfo prints 6 significant digits: "595.276 x 841.89 pts (A4)" for 210 x 297 mm.
        let size = (fields["Page size"] ?? "").split(separator: " ")
        #expect(size.count == 5 && size[4] == "(A4)")
        #expect(abs((Double(size.first ?? "") ?? 0) - 595.28) < 0.01)
        #expect(abs((Double(size.count > 2 ? size[2] : "") ?? 0) - 841.89) < 0.01)
        #expect(fields["Pages"] == "2")
        // cairo's own file is untagged; the post-pass marks the content and writes the tree.
        #expect(fields["Tagged"] == "no")
        #expect(fields["Title"] == "Corporate Scorecard Q2")
        #expect(fields["Author"] == "Democratic Services")
        #expect(fields["Subject"] == "Report to the Cabinet")
        #expect(fields["Keywords"] == "scorecard, performance")
        #expect(fields["Creator"] == "ScorecardRenderTests")
        #expect(fields["PDF version"] == "1.5")
        let iso = try Support.run("pdfinfo", ["-isodates", url.path]).output
        #expect(iso.split(separator: "\n").contains { $0.hasPrefix("CreationDate:") && $0.hasSuffix(" 2023-11-14T22:13:20Z") })
        #expect(iso.split(separator: "\n").contains { $0.hasPrefix("ModDate:") && $0.hasSuffix(" 2023-11-14T22:13:20Z") })
    }

    @Test func onlyLiberationSansIsEmbeddedAsSubsetsWithUnicodeMaps() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let url = try Self.renderSample(into: folder)
        let fonts = try Support.run("pdffonts", [url.path])
        #expect(fonts.status == 0)
        let rows = fonts.output.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count >= 3)  // regular, bold, italic
        for row in rows {
            #expect(row.count >= 7)
            #expect(row[0].contains("LiberationSans"), "unexpected font \(row[0])")
            #expect(Array(row.suffix(5).prefix(3)) == ["yes", "yes", "yes"], "font \(row[0]) is not emb/sub/uni")
        }
    }

    @Test func textIsExtractableIncludingMarkupCharacters() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let url = try Self.renderSample(into: folder)
        let text = try Support.run("pdftotext", ["-enc", "UTF-8", url.path, "-"])
        #expect(text.status == 0)
        for expected in ["Corporate Scorecard Q2", "A & B <c> and bold and italic in Llanfair ŵ ŷ.",
                         "See the council website", "This paragraph starts on page one",
                         "and ends on page two.", "Second section"] {
            #expect(text.output.contains(expected), "missing \(expected)")
        }
    }

    @Test func qpdfFindsNoProblemsAndLinksAreWrittenAndBookmarksRecorded() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let url = folder.appendingPathComponent("sample.pdf")
        let structure = try PDFRenderer(fonts: fonts).render(
            Self.sampleDocument(measurer: try PangoMeasurer(fonts: fonts, family: Support.family)), to: url)
        // cairo 1.16 reserves a structure tree root for a document with links and, with no
        // structure tags, never writes it: its table lists an object that is not there. qpdf
        // warns (status 3) and finds nothing else; the post-pass frees the entry before reading.
        let check = try Support.run("qpdf", ["--check", url.path])
        #expect(check.status == 0 || check.status == 3)
        #expect(!check.output.contains("ERROR"))
        let qdf = folder.appendingPathComponent("qdf.pdf")
        #expect(try [0, 3].contains(Support.run("qpdf", ["--qdf", "--object-streams=disable", url.path, qdf.path]).status))
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        #expect(raw.contains("/URI (https://example.org/a%20b/%C5%B5?q='x')"))
        #expect(!raw.contains("/StructTreeRoot"))
        // Bookmarks are left to the post-pass, with their tops converted from top-left points:
        // y 80 on A4 is 761.889764 from the bottom.
        #expect(!raw.contains("/Outlines"))
        #expect(structure.outline.map(\.title) == ["Corporate Scorecard Q2", "Second section"])
        #expect(structure.outline.map(\.level) == [1, 2])
        #expect(abs(structure.outline[0].top - 761.889764) < 1e-6)
    }

    /// The sample rendered and rewritten by `qpdf --qdf` (uncompressed, one object per line group),
    /// as text.
    static func sampleAsQDF() throws -> String {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let url = try renderSample(into: folder)
        let qdf = folder.appendingPathComponent("qdf.pdf")
        // Status 3: warnings only (cairo's unwritten structure tree root, see above).
        #expect(try [0, 3].contains(Support.run("qpdf", ["--qdf", "--object-streams=disable", url.path, qdf.path]).status))
        return String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
    }

    @Test func everyTextIsOwnedExceptArtifacts() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        let structure = try PDFRenderer(fonts: fonts).render(Self.sampleDocument(measurer: measurer), to: folder.appendingPathComponent("s.pdf"))
        let elements = structure.elements
        // Text of a paragraph that also holds a link sits in an implicit Span.
        let span = try #require(elements.firstIndex { $0.role == "Span" })
        #expect(elements[elements[span].parent ?? 0].role == "P")
        func glyphs(page: Int, _ owner: (Int?) -> Bool) -> Int {
            structure.markedContent[page].filter { owner($0.owner) }.reduce(0) { $0 + $1.glyphs }
        }
        // Only the footer's glyphs are artifacts; the background and the graphics drawn directly
        // inside the document (a tag with children) are artifact paints.
        #expect(glyphs(page: 0) { $0 == nil } == "Page 1 of 2".count)
        #expect(glyphs(page: 1) { $0 == nil } == 0)
        #expect(structure.markedContent[0].filter { $0.owner == nil }.reduce(0) { $0 + $1.paints } == 5)
        let h1 = try #require(elements.firstIndex { $0.role == "H1" })
        #expect(glyphs(page: 0) { $0 == h1 } == "Corporate Scorecard Q2".count)
        let h2 = try #require(elements.firstIndex { $0.role == "H2" })
        #expect(glyphs(page: 1) { $0 == h2 } == "Second section".count)
        // cairo is given no structure: its file has no marked content besides a link's.
        let raw = String(decoding: try Data(contentsOf: folder.appendingPathComponent("s.pdf")), as: UTF8.self)
        #expect(!raw.contains("/StructElem") || raw.components(separatedBy: "/StructElem").count <= 3)
    }

    /// Every page is paper: its content begins by filling the page white, unmarked (an artifact
    /// for the post-pass), before any text or tag.
    @Test func everyPageIsPaintedWhiteFirst() throws {
        let raw = try Self.sampleAsQDF()
        let pages = raw.components(separatedBy: "%% Contents for page ").dropFirst()
        #expect(pages.count == 2)
        for page in pages {
            let lines = page.split(separator: "\n").map(String.init)
            guard let first = lines.firstIndex(where: { $0.hasSuffix(" f") || $0.hasSuffix("BDC") || $0.hasSuffix("Tj") || $0.hasSuffix(" S") }) else {
                Issue.record("a page draws nothing"); continue
            }
            // A4 portrait: cairo's page is 595 x 841 whole points.
            #expect(lines[first] == "0 0 595 841 re f", "\(lines[first])")
            #expect(lines[..<first].contains { $0.hasPrefix("1 1 1 rg") })
        }
    }

    @Test func aTagMaySpanPages() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let style = TextStyle(size: .pt(11))
        func text(_ s: String) -> PageItem {
            .text(PlacedLine(origin: Point(x: .pt(72), y: .pt(72)), runs: [TextRun(s)], style: style, width: .pt(100)))
        }
        let document = LaidOutDocument(metadata: Self.metadata, fontFamily: "Liberation Sans", pages: [
            Page(size: .a4Portrait, items: [.beginTag(.document), .beginTag(.paragraph), text("Begun on one")]),
            Page(size: .a4Landscape, items: [text("ended on two"), .endTag(.paragraph), .endTag(.document)]),
        ])
        let url = folder.appendingPathComponent("span.pdf")
        try PDFRenderer(fonts: fonts).render(document, to: url)
        #expect(try Support.run("qpdf", ["--check", url.path]).status == 0)
        let qdf = folder.appendingPathComponent("qdf.pdf")
        #expect(try Support.run("qpdf", ["--qdf", "--object-streams=disable", url.path, qdf.path]).status == 0)
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        // One P element owning text on both pages.
        let structure = try PDFRenderer(fonts: fonts).render(document, to: url)
        let paragraph = try #require(structure.elements.firstIndex { $0.role == "P" })
        #expect(structure.elements.filter { $0.role == "P" }.count == 1)
        #expect(structure.markedContent[0].contains { $0.owner == paragraph && $0.glyphs == "Begun on one".count })
        #expect(structure.markedContent[1].contains { $0.owner == paragraph && $0.glyphs == "ended on two".count })
        #expect(!raw.contains("BDC"))
        let info = try Support.run("pdfinfo", ["-f", "1", "-l", "2", url.path]).output
        #expect(info.split(separator: "\n").contains { $0.hasPrefix("Page    2 size:") && $0.hasSuffix(" 841.89 x 595.276 pts (A4)") })
    }

    @Test func renderingTwiceGivesIdenticalBytes() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let a = try Self.renderSample(into: folder, name: "a.pdf")
        let b = try Self.renderSample(into: folder, name: "b.pdf")
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }

    @Test func structureErrorsAreThrownNotSilent() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let renderer = PDFRenderer(fonts: fonts)
        func document(_ items: [PageItem]) -> LaidOutDocument {
            LaidOutDocument(metadata: Self.metadata, fontFamily: "Liberation Sans", pages: [Page(size: .a4Portrait, items: items)])
        }
        let url = folder.appendingPathComponent("bad.pdf")
        #expect(throws: RenderError.firstTagNotDocument("P")) {
            try renderer.render(document([.beginTag(.paragraph), .endTag(.paragraph)]), to: url)
        }
        #expect(throws: RenderError.self) {
            try renderer.render(document([.beginTag(.document), .beginTag(.paragraph), .endTag(.document)]), to: url)
        }
        #expect(throws: RenderError.self) {
            try renderer.render(document([.beginTag(.document)]), to: url)
        }
        #expect(throws: RenderError.unbalancedArtifacts(page: 1)) {
            try renderer.render(document([.beginTag(.document), .beginArtifact, .endTag(.document)]), to: url)
        }
        #expect(throws: RenderError.noPages) {
            try renderer.render(LaidOutDocument(metadata: Self.metadata, fontFamily: "Liberation Sans", pages: []), to: url)
        }
        #expect(throws: FontError.self) {
            var doc = document([.beginTag(.document), .endTag(.document)])
            doc.fontFamily = "Times New Roman"
            try renderer.render(doc, to: url)
        }
    }
}
