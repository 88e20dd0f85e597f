import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ScorecardPostPass
import PDFTagging
import ScorecardModel
import ScorecardLayout
import ScorecardRender

@Suite("PDFPostPass")
struct PDFPostPassTests {
    /// A rendered sample and its post-passed copy in a fresh folder (removed by `Support.cleanUp`).
    struct Fixture {
        var folder: URL
        var rendered: URL
        var output: URL
        var input: PostPassInput
    }

    static func fixture() throws -> Fixture {
        let folder = try Support.temporaryFolder()
        let rendered = try Support.renderSample(into: folder)
        let output = folder.appendingPathComponent("accessible.pdf")
        try PDFPostPass.apply(input: rendered.url, output: output, rendered.postPassInput)
        return Fixture(folder: folder, rendered: rendered.url, output: output, input: rendered.postPassInput)
    }

    @Test func qpdfFindsNoProblems() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        #expect(try Support.run("qpdf", ["--check", f.output.path]).status == 0)
    }

    @Test func catalogDeclaresLanguageTitleDisplayAndMarking() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let pdf = try QPDFJSON(f.output)
        #expect(QPDFJSON.text(pdf.root["/Lang"]) == "en-GB")
        #expect(pdf.dictionary(pdf.root["/ViewerPreferences"])?["/DisplayDocTitle"] as? Bool == true)
        #expect(pdf.dictionary(pdf.root["/MarkInfo"])?["/Marked"] as? Bool == true)
        #expect(pdf.root["/StructTreeRoot"] != nil)
    }

    @Test func infoAndXMPAgree() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let pdf = try QPDFJSON(f.output)
        let info = pdf.info
        #expect(QPDFJSON.text(info["/Title"]) == Support.metadata.title)
        #expect(QPDFJSON.text(info["/Author"]) == "Democratic Services")
        #expect(QPDFJSON.text(info["/Subject"]) == Support.metadata.subject)
        #expect(QPDFJSON.text(info["/Keywords"]) == "scorecard, education")
        #expect(QPDFJSON.text(info["/Creator"]) == "ScorecardPostPassTests")
        // 1_700_000_000 is 2023-11-14 22:13:20 UTC; cairo 1.16 wrote it without "D:".
        #expect(QPDFJSON.text(info["/CreationDate"]) == "D:20231114221320Z")
        #expect(QPDFJSON.text(info["/ModDate"]) == "D:20231114221320Z")
        let producer = try #require(QPDFJSON.text(info["/Producer"]))
        #expect(producer.hasPrefix("cairo"))

        let metadata = try #require(pdf.dictionary(pdf.root["/Metadata"]))
        #expect(metadata["/Type"] as? String == "/Metadata")
        #expect(metadata["/Subtype"] as? String == "/XML")
        let xmp = String(decoding: try #require(pdf.streamData(pdf.root["/Metadata"])), as: UTF8.self)
        for fragment in [
            "<pdfuaid:part>1</pdfuaid:part>",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Education Scorecard: Q2 2025/26</rdf:li></rdf:Alt></dc:title>",
            "<dc:creator><rdf:Seq><rdf:li>Democratic Services</rdf:li></rdf:Seq></dc:creator>",
            "<rdf:li xml:lang=\"x-default\">Appendix 1 to the report to the Children&apos;s Services Committee – Pwyllgor Plant ŵ</rdf:li>",
            "<pdf:Keywords>scorecard, education</pdf:Keywords>",
            "<pdf:Producer>\(producer)</pdf:Producer>",
            "<xmp:CreatorTool>ScorecardPostPassTests</xmp:CreatorTool>",
            "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>",
            "<xmp:ModifyDate>2023-11-14T22:13:20Z</xmp:ModifyDate>",
        ] {
            #expect(xmp.contains(fragment), "XMP lacks \(fragment)")
        }
        // The packet is well-formed XML.
        #expect(throws: Never.self) { try XMLDocument(data: Data(xmp.utf8)) }
    }

    @Test func theTreeIsTheRenderersStructureAndCairosOwnIsGone() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let pdf = try QPDFJSON(f.output)
        // Every structure element in the file is reachable from the root, in the renderer's order
        // (element indices are given in the order tags begin: the tree's pre-order).
        let inFile = pdf.objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }
            .filter { $0["/Type"] as? String == "/StructElem" }
        let elements = pdf.structureElements()
        #expect(inFile.count == f.input.structure.elements.count)
        #expect(elements.map { $0["/S"] as? String } == f.input.structure.elements.map { "/" + $0.role })
        // The parent tree gives each page's MCIDs their owners: as many as the page has.
        let root = try #require(pdf.dictionary(pdf.root["/StructTreeRoot"]))
        let nums = pdf.array(pdf.dictionary(root["/ParentTree"])?["/Nums"])
        for (index, page) in pdf.pages.enumerated() {
            let key = try #require(pdf.dictionary(page)?["/StructParents"] as? Int)
            let position = try #require(nums.indices.first { $0 % 2 == 0 && nums[$0] as? Int == key })
            let ops = try PDFContent.operations(pdf.content(ofPage: index))
            #expect(pdf.array(nums[position + 1]).count == ops.filter { $0.name == "BDC" }.count)
        }
    }

    @Test func everyHeaderCellHasItsScopeAndFiguresHaveAlternativeText() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let pdf = try QPDFJSON(f.output)
        let elements = pdf.structureElements()
        let headers = elements.filter { $0["/S"] as? String == "/TH" }
        #expect(headers.count == 6)
        let attributes = headers.map { pdf.dictionary($0["/A"]) ?? [:] }
        #expect(attributes.map { $0["/O"] as? String } == Array(repeating: "/Table", count: 6))
        #expect(attributes.map { $0["/Scope"] as? String } == ["/Column", "/Column", "/Column", "/Row", "/Row", "/Row"])
        let figures = elements.filter { $0["/S"] as? String == "/Figure" }
        #expect(figures.map { QPDFJSON.text($0["/Alt"]) } == ["Improved"])
        // Other elements are untouched.
        #expect(elements.filter { $0["/S"] as? String == "/TD" }.allSatisfy { $0["/A"] == nil })
    }

    @Test func linksAreDescribedAndPagesWithAnnotationsUseStructureOrder() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let pdf = try QPDFJSON(f.output)
        var descriptions: [String] = []
        for index in pdf.pages.indices {
            let page = pdf.page(index)
            let annotations = pdf.array(page["/Annots"])
            #expect(!annotations.isEmpty)
            #expect(page["/Tabs"] as? String == "/S")
            for annotation in annotations {
                let a = try #require(pdf.dictionary(annotation))
                #expect(a["/Subtype"] as? String == "/Link")
                descriptions.append(QPDFJSON.text(a["/Contents"]) ?? "")
            }
        }
        #expect(descriptions == ["Email scrutiny@example.gov.uk",
                                 "Link to https://explore-education-statistics.service.gov.uk/"])
    }

    @Test func allContentIsTaggedOrAnArtifact() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let before = try QPDFJSON(f.rendered, allowingWarnings: true)
        let after = try QPDFJSON(f.output)
        #expect(after.pages.count == 2)
        for index in after.pages.indices {
            let original = before.content(ofPage: index)
            let content = after.content(ofPage: index)
            // cairo leaves footers, rules, fills, grid lines and the repeated header unmarked ...
            #expect(try !PDFContent.unmarkedPaintingOperators(original).isEmpty)
            // ... and afterwards nothing paints outside marked content.
            #expect(try PDFContent.unmarkedPaintingOperators(content) == [], "page \(index + 1)")
            let ops = try PDFContent.operations(content)
            let artifacts = ops.filter { $0.name == "BMC" && $0.operands == [.name("Artifact")] }
            #expect(!artifacts.isEmpty)
            // Only marked content was added (and text operators cut between runs): every other
            // operator is unchanged, and the text operators show the same bytes in order.
            let shows = ["Tj", "TJ", "'", "\""]
            func essential(_ bytes: [UInt8]) throws -> [ArraySlice<UInt8>] {
                try PDFContent.operations(bytes).filter { !["BMC", "BDC", "EMC"].contains($0.name) && !shows.contains($0.name) }.map { bytes[$0.range] }
            }
            func shown(_ bytes: [UInt8]) throws -> [UInt8] {
                try bytes.withUnsafeBufferPointer { buffer in
                    try PDFContent.operations(bytes).filter { shows.contains($0.name) }.flatMap { op -> [UInt8] in
                        let word = op.range.upperBound - op.name.utf8.count
                        let text = try ShownText(buffer, operation: op.range, operatorRange: word..<op.range.upperBound)
                        return text.elements.flatMap { element -> [UInt8] in
                            if case .string(let s) = element { return s } else { return [] }
                        }
                    }
                }
            }
            #expect(try essential(content) == essential(original))
            #expect(try shown(content) == shown(original))
            #expect(try !shown(content).isEmpty)
            // The tags' MCIDs count 0, 1, 2 … down the page, and none is empty.
            let tags = ops.enumerated().filter { $0.element.name == "BDC" }
            #expect(tags.map { content[$0.element.range].split(separator: 0x20)[2] }
                == tags.indices.map { ArraySlice(Array("\($0)>>".utf8)) })
            #expect(!tags.contains { ops[$0.offset + 1].name == "EMC" })
            let opened = ops.filter { $0.name == "BDC" || $0.name == "BMC" }.count
            #expect(opened == ops.filter { $0.name == "EMC" }.count)
        }
    }

    @Test func outlineRootCountIsThePositiveNumberOfVisibleItems() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        #expect(try QPDFJSON(f.rendered, allowingWarnings: true).root["/Outlines"] == nil)
        let pdf = try QPDFJSON(f.output)
        let outlines = try #require(pdf.dictionary(pdf.root["/Outlines"]))
        // One open level-1 entry holding one level-2 entry.
        #expect(outlines["/Count"] as? Int == 2)
        let first = try #require(pdf.dictionary(outlines["/First"]))
        #expect(first["/Count"] as? Int == 1)
        #expect(QPDFJSON.text(first["/Title"]) == f.input.structure.outline.first?.title)
        let destination = pdf.array(first["/Dest"])
        #expect(destination.count == 5 && destination[0] as? String == pdf.pages[0] && destination[1] as? String == "/XYZ")
        let child = try #require(pdf.dictionary(first["/First"]))
        #expect(child["/Count"] == nil && pdf.dictionary(child["/Parent"])?["/Title"] != nil)
    }

    @Test func outlineNestingAndCounts() {
        func entry(_ level: Int) -> TaggedStructure.OutlineEntry { .init(title: "\(level)", level: level, page: 0, top: 0) }
        // 1, 1.1, 1.1.1, 1.2, 2, 2.1 (a level-3 entry under 2 goes under 2.1), then a level-2 entry first.
        let tree = OutlineTree([entry(1), entry(2), entry(3), entry(2), entry(1), entry(2), entry(3)])
        #expect(tree.rootChildren == [0, 4])
        #expect(tree.children[0] == [1, 3] && tree.children[1] == [2] && tree.children[4] == [5] && tree.children[5] == [6])
        // Level 1 open: 0 shows 1 and 3 (1 is closed, hiding 2); 1 is closed with one descendant.
        #expect(tree.count(0) == 2 && tree.count(1) == -1 && tree.count(2) == nil && tree.count(4) == 1)
        #expect(tree.rootCount == 5)
        let orphan = OutlineTree([entry(2), entry(1)])
        #expect(orphan.rootChildren == [0, 1] && orphan.rootCount == 2)
        #expect(OutlineTree([]).rootCount == nil)
        #expect(PDFSyntax.number(761.889764) == "761.89" && PDFSyntax.number(0) == "0" && PDFSyntax.number(-12.5) == "-12.5")
    }

    @Test func rerunningGivesIdenticalBytes() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        let again = f.folder.appendingPathComponent("again.pdf")
        try PDFPostPass.apply(input: f.rendered, output: again, f.input)
        #expect(try Data(contentsOf: again) == Data(contentsOf: f.output))
        // A fresh render post-passed in place (input and output the same file) gives the same bytes too.
        let rerendered = try Support.renderSample(into: f.folder, name: "rerendered.pdf")
        #expect(rerendered.structure == f.input.structure)
        try PDFPostPass.apply(input: rerendered.url, output: rerendered.url, rerendered.postPassInput)
        #expect(try Data(contentsOf: rerendered.url) == Data(contentsOf: f.output))
        // Its own output no longer has the marked content the structure describes (empty
        // sequences are gone): a second pass over it is refused and writes nothing.
        let twice = f.folder.appendingPathComponent("twice.pdf")
        #expect(throws: PostPassError.self) { try PDFPostPass.apply(input: f.output, output: twice, f.input) }
        #expect(!FileManager.default.fileExists(atPath: twice.path))
    }

    @Test func theFileIsWrittenWholeAndAtomically() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        // The bytes are written beside the output, then renamed: no temporary file is left behind.
        #expect(try Data(PDFPostPass.processedBytes(f.rendered, f.input)) == Data(contentsOf: f.output))
        let names = try FileManager.default.contentsOfDirectory(atPath: f.folder.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "left behind: \(names)")
        // A folder that does not exist is a write error, and nothing is left anywhere.
        let missing = f.folder.appendingPathComponent("no such folder").appendingPathComponent("out.pdf")
        #expect {
            try PDFPostPass.apply(input: f.rendered, output: missing, f.input)
        } throws: { error in
            guard case .write(let path, _)? = error as? PostPassError else { return false }
            return path == missing.path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted() == names.sorted())
    }

    @Test func taggedOutputIsNoLargerThanCairosFile() throws {
        let f = try Self.fixture()
        defer { Support.cleanUp(f.folder) }
        func size(_ url: URL) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        }
        let before = try size(f.rendered)
        let after = try size(f.output)
        // Measured: 26,078 bytes from cairo, 21,380 after (object streams more than pay for the
        // XMP packet, the attributes and the artifact markers).
        #expect(after <= before, "post-pass grew the file from \(before) to \(after) bytes")
    }

    @Test func aStructureThatDoesNotFitIsADescriptiveErrorAndWritesNothing() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let rendered = try Support.renderSample(into: folder)
        let output = folder.appendingPathComponent("never.pdf")
        func attempt(_ change: (inout TaggedStructure) -> Void) throws {
            var structure = rendered.structure
            change(&structure)
            try PDFPostPass.apply(input: rendered.url, output: output, Support.postPassInput(structure))
        }
        let th = try #require(rendered.structure.elements.firstIndex { $0.role == "TH" })
        let figure = try #require(rendered.structure.elements.firstIndex { $0.role == "Figure" })
        #expect(throws: PostPassError.invalidHeaderScope(element: th, value: "column")) {
            try attempt { $0.elements[th].tableScope = "column" }
        }
        #expect(throws: PostPassError.emptyFigureAlternate(element: figure)) {
            try attempt { $0.elements[figure].alternate = " " }
        }
        // One run fewer, or one glyph more, than the page's content holds.
        #expect { try attempt { $0.markedContent[0].removeLast() } } throws: { error in
            guard case .content(page: 1, let e)? = error as? PostPassError else { return false }
            return e.reason.contains("beyond what the page was drawn with")
        }
        #expect { try attempt { $0.markedContent[0][$0.markedContent[0].count - 1].glyphs += 1 } } throws: { error in
            guard case .content(page: 1, let e)? = error as? PostPassError else { return false }
            return e.reason.contains("more than its content holds")
        }
        #expect { try attempt { $0.links[1] = [] } } throws: { error in
            (error as? PostPassError) == .structure("page 2 has 1 link annotation(s) but the structure describes 0")
        }
        #expect { try attempt { $0.markedContent.removeLast() } } throws: { error in
            (error as? PostPassError) == .structure("the PDF has 2 page(s) but the structure describes 1")
        }
        #expect(throws: PostPassError.self) {
            try PDFPostPass.apply(input: folder.appendingPathComponent("missing.pdf"), output: output, rendered.postPassInput)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(PostPassError.emptyFigureAlternate(element: 7).description
            == "structure element 7 is a Figure without alternative text; describe the figure (PDF/UA 7.3)")
    }

    /// Runs without ink on whole points: cairo drops them (its ink box, rounded out to whole
    /// points, is empty), so the renderer must not count them. A space, a no-break space, and a
    /// character the font lacks in italic (Liberation Sans Italic's `.notdef` is empty).
    @Test func runsWithoutInkOnWholePointsAreNeitherDrawnNorCounted() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try FontLibrary(fontsDirectory: Support.fontsFolder)
        let style = TextStyle(size: .pt(10))
        func text(_ runs: [TextRun], x: Double, y: Double) -> PageItem {
            .text(PlacedLine(origin: Point(x: .pt(x), y: .pt(y)), runs: runs, style: style, width: .pt(50)))
        }
        var items: [PageItem] = [.beginTag(.document), .beginTag(.paragraph)]
        for (k, runs) in [[TextRun(" ")], [TextRun("\u{A0}")], [TextRun("漢", italic: true)], [TextRun("a "), TextRun(" ", bold: true), TextRun("b")],
                          [TextRun("x"), TextRun("漢", italic: true), TextRun("y")]].enumerated() {
            items.append(text(runs, x: 72, y: Double(100 + 20 * k)))
            items.append(text(runs, x: 72.5, y: 100.5 + Double(20 * k)))
        }
        items += [.endTag(.paragraph), .endTag(.document)]
        let url = folder.appendingPathComponent("ink.pdf")
        let structure = try PDFRenderer(fonts: fonts).render(LaidOutDocument(metadata: Support.metadata, fontFamily: Support.family,
                                                                              pages: [Page(size: .a4Portrait, items: items)]), to: url)
        let output = folder.appendingPathComponent("out.pdf")
        try PDFPostPass.apply(input: url, output: output, Support.postPassInput(structure))
        #expect(try Support.run("qpdf", ["--check", output.path]).status == 0)
    }

    /// A line drawn once far beyond the page (its glyphs are not handed to cairo) and then on it:
    /// the line is set once for both, and the second drawing shows every glyph.
    @Test func aLineDrawnOffThePageAndThenOnItShowsAllItsGlyphs() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try FontLibrary(fontsDirectory: Support.fontsFolder)
        let runs = [TextRun("Overflow "), TextRun("then shown", bold: true)]
        func text(x: Double) -> PageItem {
            .text(PlacedLine(origin: Point(x: .pt(x), y: .pt(100)), runs: runs, style: TextStyle(size: .pt(10)), width: .pt(80)))
        }
        let items: [PageItem] = [.beginTag(.document), .beginTag(.paragraph), text(x: 900), text(x: 72), .endTag(.paragraph), .endTag(.document)]
        let url = folder.appendingPathComponent("offpage.pdf")
        let structure = try PDFRenderer(fonts: fonts).render(LaidOutDocument(metadata: Support.metadata, fontFamily: Support.family,
                                                                              pages: [Page(size: .a4Portrait, items: items)]), to: url)
        #expect(structure.markedContent[0].reduce(0) { $0 + $1.glyphs } == "Overflow then shown".count)
        let output = folder.appendingPathComponent("out.pdf")
        try PDFPostPass.apply(input: url, output: output, Support.postPassInput(structure))
        #expect(String(decoding: try Support.run("pdftotext", [output.path, "-"]).output, as: UTF8.self).contains("Overflow then shown"))
    }

    @Test func aTagBegunOnOnePageWithItsFirstChildOnTheNextOwnsNoArtifactDrawnInside() throws {
        // The list is open at the foot of page 1, where only an artifact (the footer) is drawn
        // inside it: it owns no content on either page; its item owns the text on page 2.
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try FontLibrary(fontsDirectory: Support.fontsFolder)
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        func text(_ s: String, y: Double) -> PageItem {
            .text(PlacedLine(origin: Point(x: .pt(72), y: .pt(y)), runs: [TextRun(s)], style: TextStyle(size: .pt(10)),
                             width: measurer.width(s, style: TextStyle(size: .pt(10)))))
        }
        let pages = [
            Page(size: .a4Portrait, items: [.beginTag(.document), .beginTag(.paragraph), text("Before the list", y: 100),
                                            .endTag(.paragraph), .beginTag(.list), .beginArtifact, text("Page 1", y: 800), .endArtifact]),
            Page(size: .a4Portrait, items: [.beginTag(.listItem), text("First item", y: 100), .endTag(.listItem),
                                            .endTag(.list), .endTag(.document)]),
        ]
        let url = folder.appendingPathComponent("list.pdf")
        let structure = try PDFRenderer(fonts: fonts).render(LaidOutDocument(metadata: Support.metadata, fontFamily: Support.family,
                                                                              pages: pages), to: url)
        let list = try #require(structure.elements.firstIndex { $0.role == "L" })
        let item = try #require(structure.elements.firstIndex { $0.role == "LI" })
        #expect(!structure.markedContent.joined().contains { $0.owner == list })
        #expect(structure.markedContent[1].contains { $0.owner == item && $0.glyphs == "First item".count })
        #expect(structure.markedContent[0].contains { $0.owner == nil && $0.glyphs == "Page 1".count })
        let output = folder.appendingPathComponent("out.pdf")
        try PDFPostPass.apply(input: url, output: output, Support.postPassInput(structure))
        #expect(try Support.run("qpdf", ["--check", output.path]).status == 0)
    }

    @Test func untaggedInputIsRejected() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let untagged = try Support.renderUntagged(into: folder)
        let output = folder.appendingPathComponent("out.pdf")
        #expect(throws: PostPassError.structure("no structure elements")) {
            try PDFPostPass.apply(input: untagged.url, output: output, untagged.postPassInput)
        }
    }

    @Test func linkDescriptionsAndDates() {
        #expect(PDFPostPass.linkDescription(uri: "mailto:a.b@example.org?subject=Q2%20scorecard") == "Email a.b@example.org")
        #expect(PDFPostPass.linkDescription(uri: "https://example.org/a%20b/%C5%B5") == "Link to https://example.org/a b/ŵ")
        #expect(PDFPostPass.linkDescription(uri: "https://example.org/100%") == "Link to https://example.org/100%")
        let leapDay = DocumentInfo(title: "", author: "", subject: "", keywords: [], creator: "", producer: "",
                                   language: "en-GB", date: 951_782_400 + 3_661)  // 2000-02-29 01:01:01 UTC
        #expect(leapDay.pdfDate == "D:20000229010101Z")
        #expect(leapDay.xmpDate == "2000-02-29T01:01:01Z")
        #expect(XML.escaped("a<b>&\"c\"\u{1}") == "a&lt;b&gt;&amp;&quot;c&quot;")
        // Before 1970, and around the century leap rules.
        func pdfDate(_ seconds: Int64) -> String {
            DocumentInfo(title: "", author: "", subject: "", keywords: [], creator: "", producer: "", language: "en-GB", date: seconds).pdfDate
        }
        #expect(pdfDate(-1) == "D:19691231235959Z")
        #expect(pdfDate(-86_400) == "D:19691231000000Z")
        #expect(pdfDate(4_107_542_399) == "D:21000228235959Z")
        #expect(pdfDate(4_107_542_400) == "D:21000301000000Z")  // 2100 is not a leap year
        #expect(pdfDate(1_498_089_600) == "D:20170622000000Z")
    }
}
