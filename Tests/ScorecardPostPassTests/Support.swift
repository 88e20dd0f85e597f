import Foundation
import TestSupport
import PDFTagging
import ScorecardLayout
import ScorecardPostPass
import ScorecardRender

/// Helpers for the post-pass tests: a small hand-built two-page document rendered by the real
/// renderer, temporary folders, and running `qpdf`.
enum Support {
    static let fontsFolder = TestFiles.fontsFolder
    static let family = "Liberation Sans"

    static let metadata = DocumentMetadata(
        title: "Education Scorecard: Q2 2025/26", author: "Democratic Services",
        subject: "Appendix 1 to the report to the Children's Services Committee – Pwyllgor Plant ŵ",
        keywords: ["scorecard", "education"], creator: "ScorecardPostPassTests", date: 1_700_000_000)

    static func postPassInput(_ structure: TaggedStructure) -> PostPassInput {
        PostPassInput(language: "en-GB", title: metadata.title, author: metadata.author, subject: metadata.subject,
                      creator: metadata.creator, keywords: metadata.keywords, date: metadata.date, structure: structure)
    }

    /// A file the renderer wrote and the structure it drew.
    struct Rendered {
        var url: URL
        var structure: TaggedStructure
        var postPassInput: PostPassInput { Support.postPassInput(structure) }
    }

    /// Two A4 pages: a heading, a paragraph with an email link, a table (THead of three column
    /// headers, TBody rows each led by a row header, cell fills and grid lines as artifacts, a DoT
    /// arrow as a Figure), the header row repeated on page 2 as an artifact, a web link, footers
    /// in artifact markers and a rule drawn with no markers at all.
    static func sampleDocument(measurer: PangoMeasurer) -> LaidOutDocument {
        let body = TextStyle(size: .pt(10))
        let bold = TextStyle(size: .pt(10), bold: true)
        let heading = TextStyle(size: .pt(16), bold: true, color: Color(hex: "#1F3864")!)
        let headFill = Color(hex: "#D9E2F3")!
        let grey = Color(hex: "#808080")!
        func line(_ runs: [TextRun], _ style: TextStyle, x: Double, y: Double) -> PageItem {
            let width = measurer.width(StyledText(runs), style: style)
            return .text(PlacedLine(origin: Point(x: .pt(x), y: .pt(y)), runs: runs, style: style, width: width))
        }
        func text(_ s: String, _ style: TextStyle = body, x: Double, y: Double) -> PageItem {
            line([TextRun(s)], style, x: x, y: y)
        }
        let columns: [Double] = [72, 252, 382, 512]
        func grid(y: Double) -> [PageItem] {
            [.beginArtifact] + (0..<3).map { k in
                PageItem.stroke(Rect(x: .pt(columns[k]), y: .pt(y), width: .pt(columns[k + 1] - columns[k]), height: .pt(20)),
                                width: .pt(0.5), color: grey)
            } + [.endArtifact]
        }
        let headerTexts = ["Indicator", "Latest value", "Direction of travel"]
        func headerRow(y: Double, tagged: Bool) -> [PageItem] {
            var items: [PageItem] = [.beginArtifact, .fill(Rect(x: .pt(72), y: .pt(y), width: .pt(440), height: .pt(20)), headFill), .endArtifact]
            if tagged { items.append(.beginTag(.tableRow)) }
            for (k, title) in headerTexts.enumerated() {
                if tagged { items.append(.beginTag(.tableHeader(scope: .column))) }
                items.append(text(title, bold, x: columns[k] + 4, y: y + 14))
                if tagged { items.append(.endTag(.tableHeader(scope: .column))) }
            }
            if tagged { items.append(.endTag(.tableRow)) }
            return items + grid(y: y)
        }
        func bodyRow(_ name: String, _ value: String, arrow: Bool, y: Double) -> [PageItem] {
            var items: [PageItem] = [
                .beginArtifact, .fill(Rect(x: .pt(382), y: .pt(y), width: .pt(130), height: .pt(20)), Color(hex: "#C6EFCE")!), .endArtifact,
                .beginTag(.tableRow),
                .beginTag(.tableHeader(scope: .row)), text(name, bold, x: 76, y: y + 14), .endTag(.tableHeader(scope: .row)),
                .beginTag(.tableData), text(value, x: 256, y: y + 14), .endTag(.tableData),
                .beginTag(.tableData),
            ]
            if arrow {
                items += [.beginTag(.figure(alt: "Improved")),
                          .polygon([Point(x: .pt(386), y: .pt(y + 15)), Point(x: .pt(392), y: .pt(y + 5)), Point(x: .pt(398), y: .pt(y + 15))],
                                   fill: Color(hex: "#00B050")!),
                          .endTag(.figure(alt: "Improved"))]
            }
            items += [text("Improved", x: 402, y: y + 14), .endTag(.tableData), .endTag(.tableRow)]
            return items + grid(y: y)
        }
        func footer(_ page: Int) -> [PageItem] {
            [.beginArtifact, .line(from: Point(x: .pt(72), y: .pt(790)), to: Point(x: .pt(523), y: .pt(790)), width: .pt(0.5), color: grey),
             text("Page \(page) of 2", x: 72, y: 805), .endArtifact]
        }
        let mail = [TextRun("Contact "), TextRun("scrutiny@example.gov.uk", link: "mailto:scrutiny@example.gov.uk")]
        let contactWidth = measurer.width(StyledText([mail[0]]), style: body)
        let mailWidth = measurer.width(StyledText([mail[1]]), style: body)

        var page1: [PageItem] = [
            .beginTag(.document),
            .bookmark(Bookmark(title: "Education Scorecard", level: 1, y: .pt(80))),
            .beginTag(.heading(level: 1)), text("Education Scorecard: Q2 2025/26", heading, x: 72, y: 100), .endTag(.heading(level: 1)),
            .beginTag(.paragraph), line(mail, body, x: 72, y: 124),
            .link(Rect(x: .pt(72) + contactWidth, y: .pt(115), width: mailWidth, height: .pt(12)), uri: "mailto:scrutiny@example.gov.uk"),
            .endTag(.paragraph),
            // A rule drawn with no markers at all: the post-pass must make it an artifact.
            .line(from: Point(x: .pt(72), y: .pt(134)), to: Point(x: .pt(523), y: .pt(134)), width: .pt(1), color: .black),
            .bookmark(Bookmark(title: "Indicators", level: 2, y: .pt(140))),
            .beginTag(.table), .beginTag(.tableHead),
        ]
        page1 += headerRow(y: 150, tagged: true)
        page1 += [.endTag(.tableHead), .beginTag(.tableBody)]
        page1 += bodyRow("Key stage 2 attainment", "61%", arrow: true, y: 170)
        page1 += bodyRow("Persistent absence", "18.2%", arrow: false, y: 190)
        page1 += footer(1)

        var page2: [PageItem] = [.beginArtifact]
        page2 += headerRow(y: 72, tagged: false).filter { $0 != .beginArtifact && $0 != .endArtifact }
        page2 += [.endArtifact]
        page2 += bodyRow("Exclusions", "0.08", arrow: false, y: 92)
        page2 += [.endTag(.tableBody), .endTag(.table)]
        let web = [TextRun("Data: "), TextRun("explore education statistics", link: "https://explore-education-statistics.service.gov.uk/")]
        let dataWidth = measurer.width(StyledText([web[0]]), style: body)
        let webWidth = measurer.width(StyledText([web[1]]), style: body)
        page2 += [
            .beginTag(.paragraph), line(web, body, x: 72, y: 140),
            .link(Rect(x: .pt(72) + dataWidth, y: .pt(131), width: webWidth, height: .pt(12)),
                  uri: "https://explore-education-statistics.service.gov.uk/"),
            .endTag(.paragraph),
            .endTag(.document),
        ]
        page2 += footer(2)
        return LaidOutDocument(metadata: metadata, fontFamily: family,
                               pages: [Page(size: .a4Portrait, items: page1), Page(size: .a4Portrait, items: page2)])
    }

    /// Renders the sample (untagged post-pass input) into `folder`.
    static func renderSample(into folder: URL, name: String = "rendered.pdf") throws -> Rendered {
        let fonts = try FontLibrary(fontsDirectory: fontsFolder)
        let measurer = try PangoMeasurer(fonts: fonts, family: family)
        let url = folder.appendingPathComponent(name)
        let structure = try PDFRenderer(fonts: fonts).render(sampleDocument(measurer: measurer), to: url)
        return Rendered(url: url, structure: structure)
    }

    /// A one-page PDF with no structure tags at all.
    static func renderUntagged(into folder: URL) throws -> Rendered {
        let fonts = try FontLibrary(fontsDirectory: fontsFolder)
        let url = folder.appendingPathComponent("untagged.pdf")
        let page = Page(size: .a4Portrait, items: [.fill(Rect(x: .pt(72), y: .pt(72), width: .pt(100), height: .pt(20)), .black)])
        let structure = try PDFRenderer(fonts: fonts).render(LaidOutDocument(metadata: metadata, fontFamily: family, pages: [page]), to: url)
        return Rendered(url: url, structure: structure)
    }

    static func temporaryFolder() throws -> URL { try TestFiles.temporaryFolder(prefix: "ScorecardPostPassTests") }

    static func cleanUp(_ folder: URL) { TestFiles.cleanUp(folder) }

    struct ToolResult { var status: Int32; var output: Data }

    /// Runs a command-line tool (found on PATH); returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        let result = try TestFiles.run(tool, arguments)
        return ToolResult(status: result.status, output: result.output)
    }
}
