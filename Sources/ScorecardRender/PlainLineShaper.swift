import CPangoCairo
import ScorecardLayout

/// The advance of a short line of plain text, shaped by Pango without a `PangoLayout`.
///
/// Most of what a scorecard measures is one run of ASCII that fits its cell ("42.64", "PS18",
/// "Improved"): for such text a layout's itemizing, line breaking and cursor bookkeeping cost several
/// times the shaping itself. This shapes the text as the layout would shape its one item and sums
/// the glyph advances.
///
/// Contract:
/// - `advance` is nil unless the text is non-empty, all printable ASCII (U+0020 to U+007E, no line
///   breaks or tabs), and every character is in the font the style selects (the font the layout's
///   itemizer would give each character). Otherwise it gives, in Pango units, exactly what
///   `PangoTextLayout` reports for the same text and style with no width: the x of the trailing
///   edge of the last character (the text is one item, so one glyph string: same font, level 0,
///   gravity south, the context's language, Latin script when the text has a letter and Common
///   when not, as Pango's script iterator resolves ASCII; no shaping flags, since the context does
///   not round glyph positions).
/// - Not thread-safe (Pango is not); one per thread, like the layouts.
final class PlainLineShaper {
    let fonts: FontLibrary
    private var fontsByStyle: [StyleKey: LoadedFont] = [:]
    private let glyphs: UnsafeMutablePointer<PangoGlyphString>
    private let language: OpaquePointer?

    private struct StyleKey: Hashable {
        var family: String
        var size: Length
        var bold: Bool
        var italic: Bool
    }

    /// A font Pango loaded for a style, and which ASCII characters it has.
    private struct LoadedFont {
        var font: UnsafeMutablePointer<PangoFont>
        var hasASCII: [Bool]
    }

    init(fonts: FontLibrary) {
        self.fonts = fonts
        self.glyphs = pango_glyph_string_new()
        self.language = pango_context_get_language(fonts.context)
    }

    deinit {
        for loaded in fontsByStyle.values { cpc_object_unref(UnsafeMutableRawPointer(loaded.font)) }
        pango_glyph_string_free(glyphs)
    }

    /// The advance of `text` in `family` at `style`, in Pango units; nil when the text is not plain
    /// printable ASCII that the style's font has (see the contract).
    func advance(_ text: String, family: String, style: TextStyle) -> Int32? {
        shape(text, family: family, style: style, into: glyphs) { _, _ in pango_glyph_string_get_width(glyphs) }
    }

    /// `text` shaped for drawing, with the item Pango needs to draw it; nil in the same cases as
    /// `advance`. Its glyphs are the ones `advance` sums.
    func shapedLine(_ text: String, family: String, style: TextStyle) -> ShapedLine? {
        let glyphs = pango_glyph_string_new()!
        let made = shape(text, family: family, style: style, into: glyphs) { analysis, bytes -> ShapedLine in
            let item = pango_item_new()!
            item.pointee.offset = 0
            item.pointee.length = Int32(bytes.count)
            item.pointee.num_chars = Int32(bytes.count)  // ASCII: one character per byte
            // Keep the flags pango_item_new set: Pango 1.50 marks its larger private item there, and
            // pango_item_free reads the mark to free the right size.
            var owned = analysis
            owned.flags = item.pointee.analysis.flags
            item.pointee.analysis = owned
            g_object_ref(UnsafeMutableRawPointer(analysis.font))  // the item owns a reference
            return ShapedLine(item: item, glyphs: glyphs, text: Array(bytes) + [0])
        }
        if made == nil { pango_glyph_string_free(glyphs) }
        return made
    }

    /// Shapes `text` into `glyphs` as the layout's one item would be shaped and returns `body`'s
    /// result, or nil when the text is not plain printable ASCII the style's font has.
    private func shape<T>(_ text: String, family: String, style: TextStyle, into glyphs: UnsafeMutablePointer<PangoGlyphString>,
                          _ body: (PangoAnalysis, UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard !text.isEmpty, let loaded = font(family: family, style: style) else { return nil }
        var text = text
        return text.withUTF8 { bytes -> T? in
            var hasLetter = false
            for byte in bytes {
                guard byte >= 0x20, byte <= 0x7E, loaded.hasASCII[Int(byte)] else { return nil }
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { hasLetter = true }
            }
            var analysis = PangoAnalysis()
            analysis.font = loaded.font
            analysis.level = 0
            analysis.gravity = guint8(PANGO_GRAVITY_SOUTH.rawValue)
            analysis.flags = 0
            analysis.script = guint8(hasLetter ? PANGO_SCRIPT_LATIN.rawValue : PANGO_SCRIPT_COMMON.rawValue)
            analysis.language = language
            analysis.extra_attrs = nil
            bytes.withMemoryRebound(to: CChar.self) { chars in
                pango_shape_with_flags(chars.baseAddress, Int32(chars.count), chars.baseAddress, Int32(chars.count),
                                       &analysis, glyphs, PANGO_SHAPE_NONE)
            }
            return body(analysis, bytes)
        }
    }

    private func font(family: String, style: TextStyle) -> LoadedFont? {
        let key = StyleKey(family: family, size: style.size, bold: style.bold, italic: style.italic)
        if let loaded = fontsByStyle[key] { return loaded }
        guard let font = pango_context_load_font(fonts.context, fonts.fontDescription(family: family, style: style)) else {
            return nil
        }
        let hasASCII = (0..<128).map { $0 >= 0x20 && $0 <= 0x7E && pango_font_has_char(font, gunichar($0)) != 0 }
        let loaded = LoadedFont(font: font, hasASCII: hasASCII)
        fontsByStyle[key] = loaded
        return loaded
    }
}

/// A line shaped by `PlainLineShaper` for drawing: a Pango item and its glyphs, owned, and the text
/// (NUL-terminated) Pango reads the characters from, so the PDF keeps the text of every glyph.
final class ShapedLine {
    let glyphItem: UnsafeMutablePointer<PangoGlyphItem>
    let text: [CChar]

    fileprivate init(item: UnsafeMutablePointer<PangoItem>, glyphs: UnsafeMutablePointer<PangoGlyphString>, text: [UInt8]) {
        glyphItem = .allocate(capacity: 1)
        glyphItem.initialize(to: PangoGlyphItem())
        glyphItem.pointee.item = item
        glyphItem.pointee.glyphs = glyphs
        self.text = text.map { CChar(bitPattern: $0) }
    }

    deinit {
        pango_item_free(glyphItem.pointee.item)
        pango_glyph_string_free(glyphItem.pointee.glyphs)
        glyphItem.deinitialize(count: 1)
        glyphItem.deallocate()
    }
}
