import ScorecardLayout

/// Pango layouts of the lines a renderer draws, so that a line that repeats (a rating word, a period
/// code, a column heading, a repeated table header, a page of an appendix drawn again in the agenda
/// pack) is itemized and shaped once rather than once per occurrence.
///
/// Contract:
/// - `layout(for:)` returns a layout holding exactly what `PangoTextLayout.set(_:style:family:width:)`
///   with no width gives for the line, and the distance from its top to its first baseline, so
///   drawing from the cache is drawing without it.
/// - Memory is bounded: at most `limit` layouts are kept. When the cache is full, the half used
///   least recently is dropped, so lines used again and again stay and text that occurs once
///   passes through. Dropped layouts that nobody else holds are set again for later lines.
/// - Colour, leading and links do not change how a line is set, so they are not part of the key.
/// - Not thread-safe (Pango is not).
final class LineLayoutCache {
    let fonts: FontLibrary
    let family: String
    private var entries: [Key: Entry]
    /// Layouts of dropped entries, set again for new lines (cheaper than making new ones).
    private var spare: [PangoTextLayout] = []
    /// Counts calls to `layout(for:)`: the time of last use of an entry.
    private var clock = 0
    /// The most layouts kept at once.
    static let limit = 2_048

    private struct Key: Hashable {
        var runs: [TextRun]
        var size: Length
        var bold: Bool
        var italic: Bool

        init(_ line: PlacedLine) {
            // A link does not change how a line is set: leave it out, so linked text shares a layout.
            runs = line.runs.contains(where: { $0.link != nil })
                ? line.runs.map { TextRun($0.text, bold: $0.bold, italic: $0.italic) } : line.runs
            size = line.style.size
            bold = line.style.bold
            italic = line.style.italic
        }
    }

    private final class Entry {
        var layout: PangoTextLayout
        let baseline: Length
        var lastUse: Int

        init(layout: PangoTextLayout, lastUse: Int) {
            self.layout = layout
            self.baseline = layout.baseline
            self.lastUse = lastUse
        }
    }

    init(fonts: FontLibrary, family: String) {
        self.fonts = fonts
        self.family = family
        self.entries = Dictionary(minimumCapacity: Self.limit)
    }

    /// Number of layouts currently kept (for tests).
    var count: Int { entries.count }

    func layout(for line: PlacedLine) -> (layout: PangoTextLayout, baseline: Length) {
        clock += 1
        let key = Key(line)
        if let entry = entries[key] {
            entry.lastUse = clock
            return (entry.layout, entry.baseline)
        }
        if entries.count >= Self.limit { dropLeastRecentlyUsedHalf() }
        let layout = spare.popLast() ?? PangoTextLayout(fonts: fonts)
        layout.set(LayoutText(line.runs), style: line.style, family: family, width: nil)
        let entry = Entry(layout: layout, lastUse: clock)
        entries[key] = entry
        return (layout, entry.baseline)
    }

    private func dropLeastRecentlyUsedHalf() {
        let uses = entries.values.map(\.lastUse).sorted()
        let cutoff = uses[uses.count / 2]
        var kept = Dictionary<Key, Entry>(minimumCapacity: Self.limit)
        for (key, entry) in entries {
            if entry.lastUse >= cutoff {
                kept[key] = entry
            } else if isKnownUniquelyReferenced(&entry.layout) {
                spare.append(entry.layout)  // nobody else holds it: safe to set again
            }
        }
        entries = kept
    }
}
