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

    public init(height: Length, spaceBefore: Length = .zero, keepWithNext: Bool = false,
                items: [PageItem], label: String) {
        self.height = height; self.spaceBefore = spaceBefore; self.keepWithNext = keepWithNext
        self.items = items; self.label = label
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

        func startPage() {
            pages.append(current)
            current = Page(size: pageSize)
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
            current.items.append(contentsOf: block.items.map { $0.offset(by: y) })
            y += block.height
            pageHasContent = true
        }

        let blocks = flow
        var index = 0
        while index < blocks.count {
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
