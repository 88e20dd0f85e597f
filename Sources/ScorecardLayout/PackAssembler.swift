/// The agenda-pack stamps: a pack-wide "Page N" in a footer band reserved for it, and an
/// "Agenda Item N" stamp on the first page of the cover report.
public struct PackStamps: Hashable, Sendable {
    /// Template with `{page}`.
    public var pageTemplate: String
    public var pageStyle: TextStyle
    /// Distance from the bottom edge to the stamp's baseline (below every document's own footer).
    public var pageBaseline: Length
    /// Template with `{item}`.
    public var agendaItemTemplate: String
    public var agendaItemStyle: TextStyle
    /// Distance from the top edge to the agenda-item stamp's top, and from the right edge to its end.
    public var agendaItemTop: Length
    public var agendaItemRight: Length
    public var blankPageText: String
    public var blankPageStyle: TextStyle

    public init(pageTemplate: String = "Page {page}", pageStyle: TextStyle = TextStyle(size: .pt(10), bold: true),
                pageBaseline: Length = .mm(5), agendaItemTemplate: String = "Agenda Item {item}",
                agendaItemStyle: TextStyle = TextStyle(size: .pt(14), bold: true), agendaItemTop: Length = .mm(8),
                agendaItemRight: Length = .mm(15), blankPageText: String = "This page is intentionally left blank",
                blankPageStyle: TextStyle = TextStyle(size: .pt(12))) {
        self.pageTemplate = pageTemplate; self.pageStyle = pageStyle; self.pageBaseline = pageBaseline
        self.agendaItemTemplate = agendaItemTemplate; self.agendaItemStyle = agendaItemStyle
        self.agendaItemTop = agendaItemTop; self.agendaItemRight = agendaItemRight
        self.blankPageText = blankPageText; self.blankPageStyle = blankPageStyle
    }
}

/// Builds the agenda pack from documents already laid out: their pages are reused, never laid out
/// again. Each document starts on an odd (right-hand) page, with a filler page before it when needed;
/// every page gets the pack-wide "Page N" stamp; the documents' outlines nest under one entry each.
public struct PackAssembler<Measurer: TextMeasurer> {
    public var stamps: PackStamps
    public var measurer: Measurer
    public init(stamps: PackStamps, measurer: Measurer) { self.stamps = stamps; self.measurer = measurer }

    /// One document of the pack and the outline title it is filed under.
    public struct Member: Sendable {
        public var title: String
        public var document: LaidOutDocument
        public init(title: String, document: LaidOutDocument) { self.title = title; self.document = document }
    }

    /// Where each member's pages landed in the pack (1-based page numbers), for tests and notes.
    public struct Placement: Hashable, Sendable {
        public var firstPage: Int
        public var pageCount: Int
        public var fillerBefore: Bool
    }

    public func assemble(_ members: [Member], agendaItem: String?, metadata: DocumentMetadata,
                         fontFamily: String) -> (document: LaidOutDocument, placements: [Placement]) {
        var pages: [Page] = []
        var placements: [Placement] = []
        for (index, member) in members.enumerated() {
            var filler = false
            if pages.count % 2 == 1 {
                pages.append(blankPage(size: pages.last?.size ?? .a4Portrait))
                filler = true
            }
            placements.append(Placement(firstPage: pages.count + 1, pageCount: member.document.pages.count, fillerBefore: filler))
            for (p, page) in member.document.pages.enumerated() {
                var items: [PageItem] = []
                items.reserveCapacity(page.items.count + 4)
                if p == 0 {
                    items.append(.bookmark(Bookmark(title: member.title, level: 1, y: .zero)))
                    if index == 0, let agendaItem { items += agendaItemStamp(agendaItem, pageWidth: page.size.width) }
                }
                for item in page.items {
                    switch item {
                    case .beginTag(.document): items.append(.beginTag(.part))
                    case .endTag(.document): items.append(.endTag(.part))
                    case .bookmark(var b): b.level += 1; items.append(.bookmark(b))
                    default: items.append(item)
                    }
                }
                pages.append(Page(size: page.size, items: items))
            }
        }
        if let first = pages.indices.first { pages[first].items.insert(.beginTag(.document), at: 0) }
        if let last = pages.indices.last { pages[last].items.append(.endTag(.document)) }
        for i in pages.indices { pages[i].items += pageStamp(i + 1, size: pages[i].size) }
        return (LaidOutDocument(metadata: metadata, fontFamily: fontFamily, pages: pages), placements)
    }

    func blankPage(size: Size) -> Page {
        let set = SetText(StyledText(stamps.blankPageText), style: stamps.blankPageStyle, width: nil, measurer: measurer)
        var items: [PageItem] = [.beginArtifact]
        items += set.items(x: .zero, top: (size.height - set.height) / 2, width: size.width, alignment: .center)
        items.append(.endArtifact)
        return Page(size: size, items: items)
    }

    func pageStamp(_ number: Int, size: Size) -> [PageItem] {
        let text = stamps.pageTemplate.replacingOccurrences(of: "{page}", with: String(number))
        let set = SetText(StyledText(text), style: stamps.pageStyle, width: nil, measurer: measurer)
        let top = size.height - stamps.pageBaseline - set.baselineOffset
        return [.beginArtifact] + set.items(x: .zero, top: top, width: size.width, alignment: .center) + [.endArtifact]
    }

    func agendaItemStamp(_ item: String, pageWidth: Length) -> [PageItem] {
        let text = stamps.agendaItemTemplate.replacingOccurrences(of: "{item}", with: item)
        let set = SetText(StyledText(text), style: stamps.agendaItemStyle, width: nil, measurer: measurer)
        let width = pageWidth - stamps.agendaItemRight
        return [.beginArtifact] + set.items(x: .zero, top: stamps.agendaItemTop, width: width, alignment: .right) + [.endArtifact]
    }
}
