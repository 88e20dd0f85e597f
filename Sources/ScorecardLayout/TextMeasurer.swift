/// A run placed within a measured line, at `x` from the line's start.
public struct PositionedRun: Hashable, Sendable {
    public var run: TextRun
    public var x: Length
    public var width: Length
    public init(run: TextRun, x: Length, width: Length) { self.run = run; self.x = x; self.width = width }
}

/// One line produced by breaking a paragraph.
public struct LineBox: Hashable, Sendable {
    public var runs: [PositionedRun]
    public var width: Length
    public init(runs: [PositionedRun], width: Length) { self.runs = runs; self.width = width }
    public var plainText: String { runs.map(\.run.text).joined() }
}

/// Vertical metrics of the font at a style.
public struct FontMetrics: Hashable, Sendable {
    public var ascent: Length
    public var descent: Length
    public init(ascent: Length, descent: Length) { self.ascent = ascent; self.descent = descent }
}

/// Measures and breaks text. The backend implements it with Pango; tests use a fixed-advance fake.
///
/// Contract: `lines` returns at least one line for non-empty text; every character of the input
/// appears in exactly one line, in order, except the white space at which a line was broken and the
/// explicit "\n" breaks; no line is wider than `width` unless a single unbreakable piece is.
public protocol TextMeasurer {
    func lines(_ text: StyledText, style: TextStyle, width: Length?) -> [LineBox]
    func metrics(_ style: TextStyle) -> FontMetrics
}

extension TextMeasurer {
    /// Width of `text` set on one line.
    public func width(_ text: StyledText, style: TextStyle) -> Length {
        lines(text, style: style, width: nil).map(\.width).max() ?? .zero
    }
    public func width(_ text: String, style: TextStyle) -> Length {
        width(StyledText(text), style: style)
    }
}
