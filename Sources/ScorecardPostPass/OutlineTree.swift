import PDFTagging

/// The document outline as a tree, with the counts PDF readers need.
///
/// Contract:
/// - A level-1 entry hangs under the root; a level-n entry under the latest entry of the nearest
///   lower level before it (the root when there is none).
/// - Level-1 entries are open, deeper ones closed.
/// - `count(item)`: for an item with children, the number of descendants shown when it is open,
///   positive when open and negative when closed; nil without children. `rootCount`: the number of
///   entries shown with the outline opened (nil when there are none).
struct OutlineTree {
    let entries: [TaggedStructure.OutlineEntry]
    /// Children of each entry, and of the root (`rootChildren`), in document order.
    private(set) var children: [[Int]]
    private(set) var rootChildren: [Int] = []
    private(set) var parent: [Int?]

    init(_ entries: [TaggedStructure.OutlineEntry]) {
        self.entries = entries
        children = Array(repeating: [], count: entries.count)
        parent = Array(repeating: nil, count: entries.count)
        var latestByLevel: [Int: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let level = max(1, entry.level)
            if level > 1, let nearest = (1..<level).reversed().first(where: { latestByLevel[$0] != nil }) {
                let p = latestByLevel[nearest]!
                parent[index] = p
                children[p].append(index)
            } else {
                rootChildren.append(index)
            }
            latestByLevel[level] = index
            for deeper in latestByLevel.keys where deeper > level { latestByLevel[deeper] = nil }
        }
    }

    func isOpen(_ index: Int) -> Bool { max(1, entries[index].level) == 1 }

    /// Entries shown under `index` when it is open.
    private func shown(under index: Int) -> Int {
        children[index].reduce(0) { $0 + 1 + (isOpen($1) ? shown(under: $1) : 0) }
    }

    func count(_ index: Int) -> Int? {
        guard !children[index].isEmpty else { return nil }
        let n = shown(under: index)
        return isOpen(index) ? n : -n
    }

    var rootCount: Int? {
        let n = rootChildren.reduce(0) { $0 + 1 + (isOpen($1) ? shown(under: $1) : 0) }
        return n == 0 ? nil : n
    }
}
