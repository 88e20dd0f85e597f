import ScorecardLayout

/// Draws a page's display list: the one `switch` over `PageItem` shared by the PDF and PNG renderers.
///
/// Text is set exactly as the measurer set it (same `LayoutText` and attribute code, no width, so
/// never re-wrapped), with the left end of the first line's baseline at `PlacedLine.origin`: one run
/// of plain text straight from the shaper's glyphs (`LineLayoutCache.drawPlain`), other lines set
/// once however often they repeat (`LineLayoutCache.line(for:)`).
/// With `structure` nil (PNG), tags, links, bookmarks and artifact markers are skipped; otherwise
/// every item's glyphs and painting calls are told to it (`PDFStructureWriter.drew`).
struct PageDrawer {
    let texts: LineLayoutCache

    func draw(_ page: Page, number: Int, on context: CairoContext, structure: PDFStructureWriter?) throws {
        structure?.beginPage(number)
        for item in page.items {
            let before = context.marks
            switch item {
            case .text(let line):
                try structure?.willDrawText(page: number)
                if !texts.drawPlain(line, on: context) {
                    switch texts.line(for: line) {
                    case .layout(let layout, let baseline):
                        context.show(layout, topLeft: Point(x: line.origin.x, y: line.origin.y - baseline), size: line.style.size, color: line.style.color)
                    case .shaped(let shaped):
                        context.show(shaped, baselineLeft: line.origin, size: line.style.size, color: line.style.color)
                    }
                }
            case .fill(let rect, let color):
                context.fill(rect, color)
            case .stroke(let rect, let width, let color):
                context.stroke(rect, width: width, color)
            case .line(let from, let to, let width, let color):
                context.line(from: from, to: to, width: width, color)
            case .polygon(let points, let color):
                context.polygon(points, color)
            case .link(let rect, let uri):
                try structure?.link(rect, uri: uri, page: number)
            case .beginTag(let tag):
                try structure?.beginTag(tag, page: number)
            case .endTag(let tag):
                try structure?.endTag(tag, page: number)
            case .beginArtifact:
                try structure?.beginArtifact(page: number)
            case .endArtifact:
                try structure?.endArtifact(page: number)
            case .bookmark(let bookmark):
                structure?.bookmark(bookmark, page: number, pageHeight: page.size.height)
            }
            // What the item drew, if anything (tags, links and markers draw nothing).
            var isText = false
            if case .text = item { isText = true }
            structure?.drew(context.marks - before, text: isText, page: number)
        }
        try structure?.endPage(number)
        try context.check("drawing page \(number)")
    }
}
