import ScorecardLayout

/// Where a document is cut into two parts that are drawn into separate cairo files at the same
/// time and joined by the post-pass.
///
/// Any page boundary will do: cairo sees no structure tags (`PDFStructureWriter`), and each part
/// records the runs of the pages it draws, so a tag open across the cut needs nothing from either
/// file.
public enum StructureSplit {
    /// The page (index of the first page of the second part) that best halves the drawing work,
    /// counted in page items; nil for fewer than two pages.
    public static func balancedCut(_ pages: [Page]) -> Int? {
        guard pages.count >= 2 else { return nil }
        let total = pages.reduce(0) { $0 + $1.items.count }
        // The cut k minimising |items before k - items from k on|.
        var before = 0
        var best = 1
        var bestImbalance = Int.max
        for k in 1..<pages.count {
            before += pages[k - 1].items.count
            let imbalance = abs(2 * before - total)
            if imbalance < bestImbalance { best = k; bestImbalance = imbalance }
        }
        return best
    }
}
