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
/// - Results are cached by (text, style, width): measuring the same label again does not run Pango.
/// - Not thread-safe (Pango is not); use from one thread at a time.
public final class PangoMeasurer: TextMeasurer {
    /// The family as the bundled fonts spell it.
    public let family: String
    private let layout: PangoTextLayout
    private var lineCache: [LineKey: [LineBox]] = [:]
    private var metricsCache: [MetricsKey: FontMetrics] = [:]
    /// The cache is cleared when it holds this many entries, so memory stays bounded.
    private static let cacheLimit = 20_000

    private struct LineKey: Hashable {
        var text: StyledText
        var style: TextStyle
        var width: Length?
    }

    private struct MetricsKey: Hashable {
        var size: Length
        var bold: Bool
        var italic: Bool
    }

    /// Throws `FontError.familyNotFound` when `family` is not among the bundled fonts.
    public init(fonts: FontLibrary, family: String) throws {
        self.family = try fonts.requireFamily(family)
        self.layout = PangoTextLayout(fonts: fonts)
    }

    public func lines(_ text: StyledText, style: TextStyle, width: Length?) -> [LineBox] {
        // Colour and leading do not change how text breaks: leave them out of the key.
        let key = LineKey(text: text, style: TextStyle(size: style.size, bold: style.bold, italic: style.italic),
                          width: width)
        if let cached = lineCache[key] { return cached }
        let result = text.isEmpty ? [] : breakLines(LayoutText(text.runs), style: style, width: width)
        if lineCache.count >= Self.cacheLimit { lineCache.removeAll(keepingCapacity: true) }
        lineCache[key] = result
        return result
    }

    public func metrics(_ style: TextStyle) -> FontMetrics {
        let key = MetricsKey(size: style.size, bold: style.bold, italic: style.italic)
        if let cached = metricsCache[key] { return cached }
        let result = layout.metrics(family: family, style: style)
        metricsCache[key] = result
        return result
    }

    private func breakLines(_ text: LayoutText, style: TextStyle, width: Length?) -> [LineBox] {
        layout.set(text, style: style, family: family, width: width)
        let ranges = layout.lineRanges
        var boxes: [LineBox] = []
        boxes.reserveCapacity(ranges.count)
        for (index, range) in ranges.enumerated() {
            // A line followed directly (no separator between) by the next was wrapped by Pango.
            let wrapped = index + 1 < ranges.count && ranges[index + 1].lowerBound == range.upperBound
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
                var piece = run
                piece.text = text.string(lo..<hi)
                pieces.append((piece, lo))
            }
            let lineEnd = layout.x(line: index, byte: text.lastScalarStart(endingAt: end), trailing: true)
            let starts = pieces.map { layout.x(line: index, byte: $0.start, trailing: false) }
            var runs: [PositionedRun] = []
            for (k, piece) in pieces.enumerated() {
                let next = k + 1 < pieces.count ? starts[k + 1] : lineEnd
                runs.append(PositionedRun(run: piece.run, x: starts[k], width: next - starts[k]))
            }
            boxes.append(LineBox(runs: runs, width: lineEnd))
        }
        return boxes
    }
}
