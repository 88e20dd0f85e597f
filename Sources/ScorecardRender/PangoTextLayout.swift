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
    }

    deinit { cpc_object_unref(UnsafeMutableRawPointer(layout)) }

    static let scale = Double(PANGO_SCALE)

    /// Sets `text` as plain text (never markup) in `family` at `style`, with bold and italic runs as
    /// attribute byte ranges. `width` nil means one line per paragraph (no wrapping); otherwise lines
    /// wrap at word boundaries, falling back to character boundaries for words that do not fit.
    /// Hyphen insertion is off, so a drawn line shows exactly the measured characters.
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
        let attributes = pango_attr_list_new()
        func add(_ attribute: UnsafeMutablePointer<PangoAttribute>?, _ range: Range<Int>) {
            guard let attribute else { return }
            attribute.pointee.start_index = guint(range.lowerBound)
            attribute.pointee.end_index = guint(range.upperBound)
            pango_attr_list_insert(attributes, attribute)  // the list takes ownership
        }
        add(pango_attr_insert_hyphens_new(0), 0..<text.utf8.count)
        for (run, range) in zip(text.runs, text.ranges) where !range.isEmpty {
            if run.bold { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), range) }
            if run.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC), range) }
        }
        pango_layout_set_attributes(layout, attributes)  // the layout takes a reference
        pango_attr_list_unref(attributes)

        Self.withFontDescription(family: family, style: style) { pango_layout_set_font_description(layout, $0) }
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_width(layout, width.map { Int32(max(0, ($0.points * Self.scale).rounded(.down))) } ?? -1)
    }

    /// Calls `body` with a font description of `family` at `style` (size in points at resolution 72,
    /// set as an absolute size so it does not depend on the resolution), freed afterwards.
    static func withFontDescription<T>(family: String, style: TextStyle, _ body: (OpaquePointer) -> T) -> T {
        let description = pango_font_description_new()!
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, family)
        pango_font_description_set_absolute_size(description, style.size.points * scale)
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        return body(description)
    }

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
        guard let line = pango_layout_get_line_readonly(layout, Int32(lineIndex)) else { return .zero }
        var x: Int32 = 0
        pango_layout_line_index_to_x(line, Int32(index), trailing ? 1 : 0, &x)
        return .pt(Double(x) / Self.scale)
    }

    /// Ascent and descent of the font `family` at `style`, from the font's metrics.
    func metrics(family: String, style: TextStyle) -> FontMetrics {
        Self.withFontDescription(family: family, style: style) { description in
            let metrics = pango_context_get_metrics(fonts.context, description, nil)!
            defer { pango_font_metrics_unref(metrics) }
            return FontMetrics(ascent: .pt(Double(pango_font_metrics_get_ascent(metrics)) / Self.scale),
                               descent: .pt(Double(pango_font_metrics_get_descent(metrics)) / Self.scale))
        }
    }
}
