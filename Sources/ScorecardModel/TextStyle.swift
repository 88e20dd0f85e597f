/// How a piece of text is set: size, weight, slant, line spacing and colour.
/// The font family is always the bundled family named in the layout file.
public struct TextStyle: Hashable, Sendable {
    public var size: Length
    public var bold: Bool
    public var italic: Bool
    /// Baseline-to-baseline distance as a multiple of the size.
    public var leading: Double
    public var color: Color

    public init(size: Length, bold: Bool = false, italic: Bool = false, leading: Double = 1.2, color: Color = .black) {
        self.size = size; self.bold = bold; self.italic = italic; self.leading = leading; self.color = color
    }

    /// Distance between baselines of consecutive lines.
    public var lineHeight: Length { size * leading }

    public func with(bold: Bool? = nil, italic: Bool? = nil, size: Length? = nil) -> TextStyle {
        var s = self
        if let bold { s.bold = bold }
        if let italic { s.italic = italic }
        if let size { s.size = size }
        return s
    }
}

/// Horizontal alignment of text in its box.
public enum TextAlignment: String, Hashable, Sendable, Codable {
    case left, center, right
}

/// Page geometry of a layout: size and margins.
public struct PageSpec: Hashable, Sendable {
    public var size: Size
    public var margins: Insets
    public init(size: Size, margins: Insets) { self.size = size; self.margins = margins }

    /// The rectangle inside the margins.
    public var contentRect: Rect {
        Rect(x: margins.left, y: margins.top,
             width: size.width - margins.horizontal, height: size.height - margins.vertical)
    }
}
