/// An unbreakable piece of the vertical flow: its items are positioned relative to the block's top
/// (y = 0), with absolute x. The paginator never splits a block.
public struct Block: Hashable, Sendable {
    public var height: Length
    /// Space above the block; dropped when the block starts a page.
    public var spaceBefore: Length
    /// When true the block stays on the same page as the block after it (headings, table headers).
    public var keepWithNext: Bool
    public var items: [PageItem]
    /// A short description used in error messages ("paragraph 2.3", "table row SCS07").
    public var label: String
    /// The grid lines this block shares with the blocks next to it (table body rows): drawn by the
    /// paginator once for each run of touching blocks with equal rules on a page. The block itself
    /// draws only the lines between rows.
    public var rules: ColumnRules?

    public init(height: Length, spaceBefore: Length = .zero, keepWithNext: Bool = false,
                items: [PageItem], label: String, rules: ColumnRules? = nil) {
        self.height = height; self.spaceBefore = spaceBefore; self.keepWithNext = keepWithNext
        self.items = items; self.label = label; self.rules = rules
    }
}

/// The outline and column lines of a table's rows: for a run of rows that touch on one page, the
/// box around the run (top, bottom and side edges) and a line down each inner column edge. One run
/// replaces a rectangle per cell per row, which is most of what a long table asks cairo to write.
public struct ColumnRules: Hashable, Sendable {
    /// Column edges from left to right: the table's left edge, each inner edge, the right edge.
    public var edges: [Length]
    public var width: Length
    public var color: Color

    public init(edges: [Length], width: Length, color: Color) {
        self.edges = edges; self.width = width; self.color = color
    }

    /// The line across the top of one row (y = 0 in the row's block), from the first edge to the last.
    public func topLine() -> PageItem {
        .line(from: Point(x: edges.first ?? .zero, y: .zero), to: Point(x: edges.last ?? .zero, y: .zero), width: width, color: color)
    }

    /// The lines of a run from `top` to `bottom`, as an artifact: the box, then the inner edges.
    public func items(top: Length, bottom: Length) -> [PageItem] {
        guard let left = edges.first, let right = edges.last, bottom > top else { return [] }
        var items: [PageItem] = [.beginArtifact,
                                 .stroke(Rect(x: left, y: top, width: right - left, height: bottom - top), width: width, color: color)]
        for x in edges.dropFirst().dropLast() {
            items.append(.line(from: Point(x: x, y: top), to: Point(x: x, y: bottom), width: width, color: color))
        }
        items.append(.endArtifact)
        return items
    }
}

/// What a layouter hands the paginator.
public enum FlowItem: Hashable, Sendable {
    case block(Block)
    /// From here until `.endRepeatingHeader`, each new page starts with this block drawn as an artifact
    /// (the table's first header is drawn, and tagged, by the blocks that follow).
    case beginRepeatingHeader(Block)
    case endRepeatingHeader
    /// Tag items that open or close structure without taking space (Table, TBody ...).
    case marker([PageItem])
    case pageBreak
}

public enum LayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A block is taller than the page's content area, so no page break can make it fit.
    case blockTooTall(label: String, height: Length, available: Length)
    /// The layout geometry leaves no room (margins wider than the page and similar).
    case impossibleGeometry(String)

    public var description: String {
        switch self {
        case .blockTooTall(let label, let h, let a):
            return "\(label) is \(Int(h.points.rounded())) pt tall but a page holds only \(Int(a.points.rounded())) pt; shorten it"
        case .impossibleGeometry(let why): return "impossible layout geometry: \(why)"
        }
    }
}

/// Breaks a flow into pages. Pure: same input, same pages.
///
/// Rules: blocks are never split; a chain of keep-with-next blocks moves to a new page when it does
/// not fit and the page already has content; a repeating header is redrawn at the top of every page
/// started while it is active; a block taller than an empty page is an error, never a loop.
/// Blocks with equal `rules` that follow each other on a page, touching, form a run whose rules are
/// drawn once, after the run's last block (before any marker, page break or other block).
public struct Paginator: Sendable {
    public var pageSize: Size
    public var content: Rect

    public init(pageSize: Size, content: Rect) throws {
        guard content.width.points > 1, content.height.points > 1,
              content.maxX <= pageSize.width + .pt(0.01), content.maxY <= pageSize.height + .pt(0.01),
              content.minX >= .zero, content.minY >= .zero else {
            throw LayoutError.impossibleGeometry(
                "content area \(content) does not fit inside a \(pageSize.width) x \(pageSize.height) page")
        }
        self.pageSize = pageSize; self.content = content
    }

    public func paginate(_ flow: [FlowItem]) throws -> [Page] {
        var pages: [Page] = []
        var current = Page(size: pageSize)
        var y = content.minY
        var pageHasContent = false
        var header: Block?
        // Markers that begin a tag wait for the next block, and go on its page: a tag begun at the
        // foot of a page whose content starts on the next would hold nothing but the footer.
        var pendingMarkers: [PageItem] = []
        // The run of ruled blocks on this page still open: its rules and where it starts and ends.
        var run: (rules: ColumnRules, top: Length, bottom: Length)?

        func closeRun() {
            guard let open = run else { return }
            current.items += open.rules.items(top: open.top, bottom: open.bottom)
            run = nil
        }

        func startPage() {
            closeRun()
            let previousCount = current.items.count
            pages.append(current)
            current = Page(size: pageSize)
            // Room for as many items as the page before, and the running footer's few: pages of a
            // table are alike, so the items are not copied again and again as the array grows (at
            // 2,000 indicators that copying was a third of pagination).
            current.items.reserveCapacity(previousCount + 16)
            y = content.minY
            pageHasContent = false
            if let header {
                current.items.append(.beginArtifact)
                current.items.append(contentsOf: header.items.map { $0.offset(by: y) })
                current.items.append(.endArtifact)
                y += header.height
            }
        }

        func place(_ block: Block) {
            if pageHasContent { y += block.spaceBefore }
            if let open = run, open.rules != block.rules || abs((open.bottom - y).points) > 0.001 { closeRun() }
            for item in block.items { current.items.append(item.offset(by: y)) }
            if let rules = block.rules {
                run = (rules, run?.top ?? y, y + block.height)
            }
            y += block.height
            pageHasContent = true
        }

        let blocks = flow
        var index = 0
        while index < blocks.count {
            if case .block = blocks[index] {} else { closeRun() }
            switch blocks[index] {
            case .pageBreak:
                if pageHasContent { startPage() }
            case .marker(let items):
                let beginsTag = items.contains { if case .beginTag = $0 { return true } else { return false } }
                if beginsTag || !pendingMarkers.isEmpty {
                    pendingMarkers += items
                } else {
                    current.items.append(contentsOf: items)
                }
            case .beginRepeatingHeader(let h):
                header = h
            case .endRepeatingHeader:
                header = nil
            case .block(let block):
                let available = content.maxY - y
                let headerHeight = header?.height ?? .zero
                let emptyPageRoom = content.height - headerHeight
                if block.height > emptyPageRoom + .pt(0.001) {
                    throw LayoutError.blockTooTall(label: block.label, height: block.height, available: emptyPageRoom)
                }
                let chain = keepChainHeight(from: index, in: blocks)
                let needed = (pageHasContent ? block.spaceBefore : .zero) + chain
                if pageHasContent && needed > available + .pt(0.001) {
                    // Move the whole chain when it fits on an empty page; otherwise just this block.
                    let ownNeed = block.spaceBefore + block.height
                    if chain <= emptyPageRoom || ownNeed > available + .pt(0.001) {
                        startPage()
                    }
                }
                current.items += pendingMarkers
                pendingMarkers = []
                place(block)
            }
            index += 1
        }
        closeRun()
        current.items += pendingMarkers
        pages.append(current)
        return pages
    }

    /// Height of the block at `start` plus every block it is kept with (spaces between included).
    func keepChainHeight(from start: Int, in flow: [FlowItem]) -> Length {
        var total = Length.zero
        var first = true
        var i = start
        while i < flow.count {
            switch flow[i] {
            case .block(let b):
                total += (first ? .zero : b.spaceBefore) + b.height
                first = false
                if !b.keepWithNext { return total }
            case .pageBreak:
                return total
            case .marker, .beginRepeatingHeader, .endRepeatingHeader:
                break
            }
            i += 1
        }
        return total
    }
}
