import CPangoCairo
import ScorecardLayout

/// Owner of one `PangoLayout` on the library's context, reused for every piece of text.
///
/// `set` installs text, attributes and font; the accessors then read the result. Values are in
/// points (Pango units divided by `PANGO_SCALE`). Not thread-safe.
final class PangoTextLayout {
    let fonts: FontLibrary
    let layout: OpaquePointer  // PangoLayout *

    init(fonts: FontLibrary) {
        self.fonts = fonts
        self.layout = pango_layout_new(fonts.context)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit { cpc_object_unref(UnsafeMutableRawPointer(layout)) }

    static let scale = Double(PANGO_SCALE)

    /// Sets `text` as plain text (never markup) in `family` at `style`, with bold and italic runs as
    /// attribute byte ranges. `width` nil means one line per paragraph (no wrapping); otherwise lines
    /// wrap at word boundaries, falling back to character boundaries for words that do not fit.
    /// Hyphen insertion is off, so a drawn line shows exactly the measured characters.
    ///
    /// Text with no bold or italic run and no width (the common case when drawing a line) gets no
    /// attribute list at all: the hyphen attribute only matters where Pango wraps.
    func set(_ text: LayoutText, style: TextStyle, family: String, width: Length?) {
        if text.utf8.isEmpty {
            pango_layout_set_text(layout, "", 0)
        } else {
            text.utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    pango_layout_set_text(layout, chars.baseAddress, Int32(chars.count))
                }
            }
        }
        if width != nil || text.runs.contains(where: { $0.bold || $0.italic }) {
            let attributes = pango_attr_list_new()
            func add(_ attribute: UnsafeMutablePointer<PangoAttribute>?, _ range: Range<Int>) {
                guard let attribute else { return }
                attribute.pointee.start_index = guint(range.lowerBound)
                attribute.pointee.end_index = guint(range.upperBound)
                pango_attr_list_insert(attributes, attribute)  // the list takes ownership
            }
            if width != nil { add(pango_attr_insert_hyphens_new(0), 0..<text.utf8.count) }
            // One attribute per stretch of one style: Pango starts a new item wherever an attribute
            // ends, even when the next one is the same.
            var stretches: [(style: (bold: Bool, italic: Bool), range: Range<Int>)] = []
            for (style, range) in zip(Self.effectiveStyles(text.runs), text.ranges) where !range.isEmpty {
                if let last = stretches.last, last.style == style, last.range.upperBound == range.lowerBound {
                    stretches[stretches.count - 1].range = last.range.lowerBound..<range.upperBound
                } else {
                    stretches.append((style, range))
                }
            }
            for (style, range) in stretches {
                if style.bold { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), range) }
                if style.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC), range) }
            }
            pango_layout_set_attributes(layout, attributes)  // the layout takes a reference
            pango_attr_list_unref(attributes)
        } else {
            pango_layout_set_attributes(layout, nil)
        }
        // Pango compares the description with the one it holds and keeps it when equal.
        pango_layout_set_font_description(layout, fonts.fontDescription(family: family, style: style))
        pango_layout_set_width(layout, width.map(Self.units) ?? -1)
    }

    /// Each run's bold and italic, except that a run of only white space takes the style of the run
    /// before it (the first run, of the next run that is not white space): so a space between two
    /// styled words is shaped with a word, not as a run of its own, which would have no ink and so
    /// would not be drawn (see `CairoContext`), leaving the words run together in the PDF's text.
    static func effectiveStyles(_ runs: [TextRun]) -> [(bold: Bool, italic: Bool)] {
        var styles = runs.map { (bold: $0.bold, italic: $0.italic) }
        let blank = runs.map { run in run.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
        for k in styles.indices where blank[k] {
            if k > 0 {
                styles[k] = styles[k - 1]
            } else if let next = blank.firstIndex(of: false) {
                styles[k] = styles[next]
            }
        }
        return styles
    }

    /// `width` in Pango units, rounded down: the width a layout is set to.
    static func units(_ width: Length) -> Int32 { Int32(max(0, (width.points * scale).rounded(.down))) }

    /// Distance from the top of the layout to the first line's baseline.
    var baseline: Length { .pt(Double(pango_layout_get_baseline(layout)) / Self.scale) }

    /// Byte ranges of the lines, in order, excluding paragraph separators ("\n" and the like).
    var lineRanges: [Range<Int>] {
        var out: [Range<Int>] = []
        var node = pango_layout_get_lines_readonly(layout)
        while let current = node {
            let line = current.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            let start = Int(line.pointee.start_index)
            out.append(start..<(start + Int(line.pointee.length)))
            node = current.pointee.next
        }
        return out
    }

    /// The x offset from the left edge of line `lineIndex` of the leading (or trailing) edge of the
    /// character starting at byte `index`.
    func x(line lineIndex: Int, byte index: Int, trailing: Bool) -> Length {
        .pt(Double(xUnits(line: lineIndex, byte: index, trailing: trailing)) / Self.scale)
    }

    /// `x(line:byte:trailing:)` in Pango units.
    func xUnits(line lineIndex: Int, byte index: Int, trailing: Bool) -> Int32 {
        guard let line = pango_layout_get_line_readonly(layout, Int32(lineIndex)) else { return 0 }
        var x: Int32 = 0
        pango_layout_line_index_to_x(line, Int32(index), trailing ? 1 : 0, &x)
        return x
    }

    /// Ascent and descent of the font `family` at `style` as HarfBuzz gives them for Pango's font
    /// (Pango units): what Pango makes the logical extents of a line of text set in it
    /// (`lineMetrics`; a test compares the two over sizes and styles). Nil when the font cannot be
    /// loaded. Unlike a layout, this does not make Pango compute the font's `PangoFontMetrics`, which
    /// shapes a sample sentence the first time each font is asked (some 0.7 M instructions a font,
    /// for every font library).
    func fontExtents(family: String, style: TextStyle) -> (ascent: Int32, descent: Int32)? {
        guard let font = pango_context_load_font(fonts.context, fonts.fontDescription(family: family, style: style)) else { return nil }
        defer { cpc_object_unref(font) }
        guard let hb = pango_font_get_hb_font(font) else { return nil }
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(hb, &extents)
        return (extents.ascender, -extents.descender)
    }

    /// Ascent and descent of the font `family` at `style`, as a line of text set in it has them: the
    /// logical extents of a one-letter line.
    func lineMetrics(family: String, style: TextStyle) -> (ascent: Int32, descent: Int32) {
        set(LayoutText([TextRun("x")]), style: style, family: family, width: nil)
        var logical = PangoRectangle()
        pango_layout_line_get_extents(pango_layout_get_line_readonly(layout, 0), nil, &logical)
        return (-logical.y, logical.height + logical.y)
    }

    /// Ascent and descent of the font `family` at `style` in points (`fontExtents`, or `lineMetrics`
    /// when the font cannot be loaded on its own).
    func metrics(family: String, style: TextStyle) -> FontMetrics {
        let (ascent, descent) = fontExtents(family: family, style: style) ?? lineMetrics(family: family, style: style)
        return FontMetrics(ascent: .pt(Double(ascent) / Self.scale), descent: .pt(Double(descent) / Self.scale))
    }
}
