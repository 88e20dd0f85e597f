/// Text broken into lines for one column width, ready to be placed.
public struct SetText: Sendable {
    public var lines: [LineBox]
    public var style: TextStyle
    public var metrics: FontMetrics

    public init(_ text: StyledText, style: TextStyle, width: Length?, measurer: some TextMeasurer) {
        self.lines = text.isEmpty ? [] : measurer.lines(text, style: style, width: width)
        self.style = style
        self.metrics = measurer.metrics(style)
    }

    public var lineHeight: Length { style.lineHeight }
    /// Total height of the lines (line count x line height).
    public var height: Length { lineHeight * Double(lines.count) }
    public var maxLineWidth: Length { lines.map(\.width).max() ?? .zero }

    /// Distance from a line box's top to its baseline: half the leading plus the ascent.
    public var baselineOffset: Length {
        (lineHeight - metrics.ascent - metrics.descent) / 2 + metrics.ascent
    }

    /// Items for lines `range`, the first of them with its top at `top`, aligned in [x, x + width].
    public func items(lines range: Range<Int>? = nil, x: Length, top: Length, width: Length? = nil,
                      alignment: TextAlignment = .left) -> [PageItem] {
        let r = range ?? 0..<lines.count
        var out: [PageItem] = []
        out.reserveCapacity(r.count)
        for (k, i) in r.enumerated() {
            let line = lines[i]
            var lineX = x
            if let width {
                switch alignment {
                case .left: break
                case .center: lineX = x + (width - line.width) / 2
                case .right: lineX = x + width - line.width
                }
            }
            let baseline = top + baselineOffset + lineHeight * Double(k)
            out.append(.text(PlacedLine(origin: Point(x: lineX, y: baseline), runs: line.runs.map(\.run),
                                        style: style, width: line.width)))
            for run in line.runs {
                if let uri = run.run.link {
                    out.append(.link(Rect(x: lineX + run.x, y: baseline - metrics.ascent,
                                          width: run.width, height: metrics.ascent + metrics.descent), uri: uri))
                }
            }
        }
        return out
    }
}

/// Splits `count` lines into groups that may be placed on different pages without leaving a single
/// line alone: the first two and the last two lines stay together (no orphans, no widows).
public func breakableLineGroups(count: Int) -> [Range<Int>] {
    guard count > 3 else { return count == 0 ? [] : [0..<count] }
    var groups: [Range<Int>] = [0..<2]
    for i in 2..<(count - 2) { groups.append(i..<(i + 1)) }
    groups.append((count - 2)..<count)
    return groups
}
