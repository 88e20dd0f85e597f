import ScorecardLayout

/// The lines a renderer draws, set by Pango once each, so that a line that repeats (a rating word, a
/// period code, a column heading, a repeated table header, a page of an appendix drawn again in the
/// agenda pack) is itemized and shaped once rather than once per occurrence.
///
/// Contract:
/// - `line(for:)` returns, for one run of plain text (`PlainLineShaper`), the run shaped as the
///   layout would shape it, drawn with its baseline at the line's origin; for any other line, a
///   layout holding exactly what `PangoTextLayout.set(_:style:family:width:)` with no width gives,
///   and the distance from its top to its first baseline. Either way the same glyphs at the same
///   advances; drawing from the cache is drawing without it.
/// - Memory is bounded: at most `limit` layouts are kept. When the cache is full, the half used
///   least recently is dropped, so lines used again and again stay and text that occurs once
///   passes through. Dropped layouts that nobody else holds are set again for later lines.
/// - Colour, leading and links do not change how a line is set, so they are not part of the key.
/// - Not thread-safe (Pango is not).
final class LineLayoutCache {
    let fonts: FontLibrary
    let family: String
    private let shaper: PlainLineShaper
    private var entries: [Key: Entry]
    /// Layouts of dropped entries, set again for new lines (cheaper than making new ones).
    private var spare: [PangoTextLayout] = []
    /// Counts calls to `layout(for:)`: the time of last use of an entry.
    private var clock = 0
    /// The most layouts kept at once.
    static let limit = 2_048

    private struct Key: Hashable {
        /// The line's runs, compared by their bytes (`ExactRuns`).
        var runs: ExactRuns
        var size: Length
        var bold: Bool
        var italic: Bool

        init(_ line: PlacedLine) {
            // A link does not change how a line is set: leave it out, so linked text shares a layout.
            runs = ExactRuns(line.runs.contains(where: { $0.link != nil })
                ? line.runs.map { TextRun($0.text, bold: $0.bold, italic: $0.italic) } : line.runs)
            size = line.style.size
            bold = line.style.bold
            italic = line.style.italic
        }
    }

    /// A line ready to draw.
    enum SetLine {
        /// A layout, whose first baseline is `baseline` below its top.
        case layout(PangoTextLayout, baseline: Length)
        /// One shaped run, drawn from its baseline.
        case shaped(ShapedLine)
    }

    private final class Entry {
        let line: SetLine
        var lastUse: Int

        init(_ line: SetLine, lastUse: Int) {
            self.line = line
            self.lastUse = lastUse
        }
    }

    /// `glyphs`: pairwise tables learnt elsewhere, that the shaper starts from.
    init(fonts: FontLibrary, family: String, glyphs: PairwiseGlyphBook = PairwiseGlyphBook()) {
        self.fonts = fonts
        self.family = family
        self.shaper = PlainLineShaper(fonts: fonts, seed: glyphs)
        self.entries = Dictionary(minimumCapacity: Self.limit)
    }

    /// Number of layouts currently kept (for tests).
    var count: Int { entries.count }

    /// Draws `line` on `context` straight from the shaper's glyphs when it is one run of plain
    /// text (`PlainLineShaper`; nothing is made or kept: most such lines are figures that never repeat, and the
    /// pairwise tables set the others as fast as the cache could find them); false, with nothing
    /// drawn, for any other line (draw it from `line(for:)`).
    func drawPlain(_ line: PlacedLine, on context: CairoContext) -> Bool {
        guard line.runs.count == 1, let run = line.runs.first else { return false }
        let style = line.style.with(bold: line.style.bold || run.bold, italic: line.style.italic || run.italic)
        return shaper.withGlyphs(run.text, family: family, style: style) { font, glyphs, bytes in
            context.showPlain(glyphs, font: font, text: bytes, baselineLeft: line.origin, size: style.size, color: line.style.color)
        } ?? false
    }

    func line(for line: PlacedLine) -> SetLine {
        clock += 1
        let key = Key(line)
        if let entry = entries[key] {
            entry.lastUse = clock
            return entry.line
        }
        if entries.count >= Self.limit { dropLeastRecentlyUsedHalf() }
        let entry: Entry
        if line.runs.count == 1, let run = line.runs.first,
           let shaped = shaper.shapedLine(run.text, family: family,
                                          style: line.style.with(bold: line.style.bold || run.bold, italic: line.style.italic || run.italic)) {
            entry = Entry(.shaped(shaped), lastUse: clock)
        } else {
            let layout = spare.popLast() ?? PangoTextLayout(fonts: fonts)
            layout.set(LayoutText(line.runs), style: line.style, family: family, width: nil)
            entry = Entry(.layout(layout, baseline: layout.baseline), lastUse: clock)
        }
        entries[key] = entry
        return entry.line
    }

    private func dropLeastRecentlyUsedHalf() {
        let uses = entries.values.map(\.lastUse).sorted()
        let cutoff = uses[uses.count / 2]
        var kept = Dictionary<Key, Entry>(minimumCapacity: Self.limit)
        var dropped: [PangoTextLayout] = []
        for (key, entry) in entries {
            if entry.lastUse >= cutoff {
                kept[key] = entry
            } else if case .layout(let layout, _) = entry.line {
                dropped.append(layout)
            }
        }
        entries = kept  // releases the dropped entries
        while var layout = dropped.popLast() {
            if isKnownUniquelyReferenced(&layout) { spare.append(layout) }  // nobody else holds it: safe to set again
        }
    }
}
