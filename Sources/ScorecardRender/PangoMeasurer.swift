import ScorecardLayout

/// Measures and breaks text with Pango, using the bundled fonts of a `FontLibrary`.
///
/// Contract (in addition to `TextMeasurer`'s):
/// - Lines wrap at word boundaries, and inside a word only when the word alone is wider than the
///   width (`PANGO_WRAP_WORD_CHAR`); "\n" inside a run is a hard break. No hyphens are inserted.
/// - Each `LineBox` holds the pieces of the input runs on that line, split at line boundaries, with
///   bold, italic and link kept. The white space at which a line was wrapped and the "\n" of a hard
///   break are dropped; every other character is kept (including spaces before a "\n").
/// - `PositionedRun.x` and `.width` and `LineBox.width` come from Pango's glyph positions; the
///   width of a line is the advance of its kept characters (so trailing break space is not counted).
/// - Empty text gives no lines; an empty paragraph (as in "a\n\nb") gives a line with no runs.
/// - One run of plain text is measured by `PlainLineShaper` (shaping only, no layout) and, when it
///   does not fit the width, broken by it with Pango's rules (`wrappedLines`), with the same result
///   the layout gives; everything else goes through the layout.
/// - Results are cached by (text, style, width): measuring the same label again does not run Pango.
///   Text that Pango did not have to wrap is remembered as its unwrapped lines, which are also the
///   answer for any other width at least as wide as its widest line (and for no width), so a label
///   measured for several columns is set once.
/// - Not thread-safe (Pango is not); use from one thread at a time.
public final class PangoMeasurer: TextMeasurer {
    /// The family as the bundled fonts spell it.
    public let family: String
    private let layout: PangoTextLayout
    /// Nil when every text goes through the layout (tests compare the two ways).
    private let shaper: PlainLineShaper?
    private var lineCache: [TextKey: Measured] = [:]
    private var metricsCache: [MetricsKey: FontMetrics] = [:]
    /// The cache is cleared when it holds this many texts, so memory stays bounded.
    private static let cacheLimit = 20_000

    /// Colour and leading do not change how text breaks: they are not part of the key.
    private struct TextKey: Hashable, Sendable {
        /// The text's runs, compared by their bytes (`ExactRuns`).
        var text: ExactRuns
        var size: Length
        var bold: Bool
        var italic: Bool
    }

    /// What is known about one text at one style.
    private struct Measured: Sendable {
        /// The lines when Pango wrapped nothing, with the widest line's width in Pango units: the
        /// result for no width and for every width of at least `widest` units.
        var unwrapped: (lines: [LineBox], widest: Int32)?
        /// Results at widths where Pango wrapped (few: a text is usually measured for one column).
        var wrapped: [(width: Length?, lines: [LineBox])] = []

        func lines(width: Length?) -> [LineBox]? {
            if let unwrapped, width.map({ PangoTextLayout.units($0) >= unwrapped.widest }) ?? true {
                return unwrapped.lines
            }
            return wrapped.first(where: { $0.width == width })?.lines
        }
    }

    private struct MetricsKey: Hashable {
        var size: Length
        var bold: Bool
        var italic: Bool
    }

    /// Throws `FontError.familyNotFound` when `family` is not among the bundled fonts.
    /// `shapingPlainLines` false sends every text through the layout (for tests).
    public init(fonts: FontLibrary, family: String, shapingPlainLines: Bool = true) throws {
        self.family = try fonts.requireFamily(family)
        self.layout = PangoTextLayout(fonts: fonts)
        self.shaper = shapingPlainLines ? PlainLineShaper(fonts: fonts) : nil
    }

    public func lines(_ text: StyledText, style: TextStyle, width: Length?) -> [LineBox] {
        let key = TextKey(text: ExactRuns(text.runs), size: style.size, bold: style.bold, italic: style.italic)
        if let known = lineCache[key], let lines = known.lines(width: width) { return lines }
        let result = text.isEmpty ? (lines: [], wrapped: false, widest: 0)
                                  : plainLines(text, style: style, width: width)
                                    ?? breakLines(LayoutText(text.runs), style: style, width: width)
        if lineCache.count >= Self.cacheLimit, lineCache[key] == nil { lineCache.removeAll(keepingCapacity: true) }
        if !result.wrapped { lineCache[key, default: Measured()].unwrapped = (result.lines, result.widest) }
        if result.wrapped || width.map({ PangoTextLayout.units($0) < result.widest }) == true {
            // Wrapped, or a piece Pango could not break is wider than the width: only for this width.
            lineCache[key, default: Measured()].wrapped.append((width, result.lines))
        }
        return result.lines
    }

    /// The pairwise glyph tables this measurer learnt (for the drawing threads' shapers).
    public var pairwiseGlyphs: PairwiseGlyphBook { shaper?.book ?? PairwiseGlyphBook() }

    /// Empties the caches, handing what they held to `released` to drop on another thread (plain
    /// values: the Pango objects stay with the measurer, which remains usable). At 2,000 indicators
    /// dropping them had been a serial step of some 4 ms between layout and drawing.
    public func releaseCaches(to released: BackgroundRelease) {
        let lines = lineCache
        lineCache = [:]
        released.release(consume lines)
    }

    public func metrics(_ style: TextStyle) -> FontMetrics {
        let key = MetricsKey(size: style.size, bold: style.bold, italic: style.italic)
        if let cached = metricsCache[key] { return cached }
        let result = layout.metrics(family: family, style: style)
        metricsCache[key] = result
        return result
    }

    /// The lines of a single run of plain text, from `shaper` alone: its one line, or, given a width
    /// it does not fit, the lines `PlainLineShaper.wrappedLines` breaks it into (Pango's rules without
    /// a layout). Nil when the text is anything else (the layout measures it). The lines are built
    /// exactly as `breakLines` builds them from a layout.
    private func plainLines(_ text: StyledText, style: TextStyle, width: Length?)
        -> (lines: [LineBox], wrapped: Bool, widest: Int32)? {
        guard let shaper, text.runs.count == 1, let run = text.runs.first else { return nil }
        let runStyle = style.with(bold: style.bold || run.bold, italic: style.italic || run.italic)
        guard let width else {
            guard let units = shaper.advance(run.text, family: family, style: runStyle) else { return nil }
            let advance = Length.pt(Double(units) / PangoTextLayout.scale)
            return ([LineBox(runs: [PositionedRun(run: run, x: .zero, width: advance)], width: advance)], false, units)
        }
        guard let lines = shaper.wrappedLines(run.text, family: family, style: runStyle, width: PangoTextLayout.units(width)) else {
            return nil
        }
        let whole = run.text.utf8.count
        var boxes: [LineBox] = []
        boxes.reserveCapacity(lines.count)
        for line in lines {
            guard !line.kept.isEmpty else {
                boxes.append(LineBox(runs: [], width: .zero))
                continue
            }
            var piece = run
            if line.kept != 0..<whole {
                let utf8 = run.text.utf8
                piece.text = String(run.text[utf8.index(utf8.startIndex, offsetBy: line.kept.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: line.kept.upperBound)])
            }
            let lineEnd = Length.pt(Double(line.advance) / PangoTextLayout.scale)
            boxes.append(LineBox(runs: [PositionedRun(run: piece, x: .zero, width: lineEnd)], width: lineEnd))
        }
        // As from a layout: only the last line is not wrapped, and an empty one has no width.
        let widest = lines.last.map { $0.kept.isEmpty ? 0 : $0.advance } ?? 0
        return (boxes, lines.count > 1, widest)
    }

    /// The lines of `text`; `wrapped` tells whether Pango broke any line for the width, and `widest`
    /// is the widest line's advance (including any trailing spaces) in Pango units.
    private func breakLines(_ text: LayoutText, style: TextStyle, width: Length?)
        -> (lines: [LineBox], wrapped: Bool, widest: Int32) {
        layout.set(text, style: style, family: family, width: width)
        let ranges = layout.lineRanges
        var boxes: [LineBox] = []
        boxes.reserveCapacity(ranges.count)
        var anyWrapped = false
        var widest: Int32 = 0
        for (index, range) in ranges.enumerated() {
            // A line followed directly (no separator between) by the next was wrapped by Pango.
            let wrapped = index + 1 < ranges.count && ranges[index + 1].lowerBound == range.upperBound
            anyWrapped = anyWrapped || wrapped
            let end = wrapped ? text.endTrimmingBreakSpace(start: range.lowerBound, end: range.upperBound)
                              : range.upperBound
            guard end > range.lowerBound else {
                boxes.append(LineBox(runs: [], width: .zero))
                continue
            }
            var pieces: [(run: TextRun, start: Int)] = []
            for (run, runRange) in zip(text.runs, text.ranges) {
                let lo = max(runRange.lowerBound, range.lowerBound), hi = min(runRange.upperBound, end)
                guard lo < hi else { continue }
                if lo == runRange.lowerBound, hi == runRange.upperBound {
                    pieces.append((run, lo))  // the whole run: no need to copy its text
                } else {
                    var piece = run
                    piece.text = text.string(lo..<hi)
                    pieces.append((piece, lo))
                }
            }
            let lineEndUnits = layout.xUnits(line: index, byte: text.lastScalarStart(endingAt: end), trailing: true)
            if !wrapped { widest = max(widest, lineEndUnits) }
            let lineEnd = Length.pt(Double(lineEndUnits) / PangoTextLayout.scale)
            let starts = pieces.map { layout.x(line: index, byte: $0.start, trailing: false) }
            var runs: [PositionedRun] = []
            for (k, piece) in pieces.enumerated() {
                let next = k + 1 < pieces.count ? starts[k + 1] : lineEnd
                runs.append(PositionedRun(run: piece.run, x: starts[k], width: next - starts[k]))
            }
            boxes.append(LineBox(runs: runs, width: lineEnd))
        }
        return (boxes, anyWrapped, widest)
    }
}
