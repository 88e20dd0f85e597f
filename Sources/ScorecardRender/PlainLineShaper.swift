import CPangoCairo
import ScorecardLayout

/// The advance of a short line of plain text, shaped by Pango without a `PangoLayout`.
///
/// Most of what a scorecard measures is one run of plain text that fits its cell ("42.64", "PS18",
/// "Improved", "16–18 year olds", "£1,234"): for such text a layout's itemizing, line breaking and cursor bookkeeping cost several
/// times the shaping itself. This shapes the text as the layout would shape its one item and sums
/// the glyph advances.
///
/// Contract:
/// - `advance` is nil unless the text is non-empty, made of printable ASCII (U+0020 to U+007E, no
///   line breaks or tabs) and the characters of `plainBeyondASCII` (Latin-1 letters and signs, the
///   common typographic punctuation, minus, euro, ≤ ≥), and every character is in the font the
///   style selects (the font the layout's itemizer would give each character). Otherwise it gives,
///   in Pango units, exactly what `PangoTextLayout` reports for the same text and style with no
///   width: the x of the trailing edge of the last character (the text is one item, so one glyph
///   string: same font, level 0, gravity south, the context's language, Latin script when the text
///   has a Latin letter and Common when not, as Pango's script iterator resolves these characters;
///   no shaping flags, since the context does not round glyph positions). A test compares every
///   glyph with the layout's for each of those characters in the four faces.
/// - For the font faces in `pairwiseFaces`, once a font and script has set enough lines, glyphs
///   come from a table (`PairwiseGlyphs`) learnt from the lines Pango shaped: there a glyph's id
///   and width depend only on its character and the next one (kerning that adjusts the first glyph
///   of a pair). A line with an unknown pair is shaped, and teaches its pairs when every character
///   gave its own glyph unchanged. Other fonts are always shaped: a font may kern by moving the
///   second glyph of a pair, or have rules reaching over three characters (`calt`), which a table
///   of pairs cannot reproduce. The listed faces were checked over every triple of printable ASCII
///   (HarfBuzz, both scripts, all four faces), and a seeded test compares every glyph with the shaper's.
/// - Not thread-safe (Pango is not); one per thread, like the layouts.
final class PlainLineShaper {
    let fonts: FontLibrary
    private var fontsByStyle: [StyleKey: LoadedFont] = [:]
    private let glyphs: UnsafeMutablePointer<PangoGlyphString>
    /// The glyphs `withGlyphs` lends (apart from `glyphs`, which `advance` uses).
    let scratch: UnsafeMutablePointer<PangoGlyphString>
    let language: OpaquePointer?

    struct StyleKey: Hashable, Sendable {
        var family: String
        var size: Length
        var bold: Bool
        var italic: Bool
    }

    /// A font Pango loaded for a style, which ASCII characters it has, and, for a face in
    /// `pairwiseFaces`, its glyphs for text shaped as Latin (index 0) or Common (index 1) script.
    struct LoadedFont {
        var font: UnsafeMutablePointer<PangoFont>
        var hasASCII: [Bool]
        var pairwise: [PairwiseGlyphs]?
    }

    /// Faces (family and version, from the font's name table) whose shaping of printable ASCII is
    /// pairwise (see the contract): the bundled Liberation Sans 2.1.5.
    static let pairwiseFaces: Set<String> = ["Liberation Sans, Version 2.1.5"]

    /// The face's family and version as `pairwiseFaces` lists them.
    static func faceName(_ font: UnsafeMutablePointer<PangoFont>) -> String {
        guard let face = hb_font_get_face(pango_font_get_hb_font(font)) else { return "" }
        func name(_ id: hb_ot_name_id_t) -> String {
            var buffer = [CChar](repeating: 0, count: 128)
            var length = UInt32(buffer.count)
            _ = hb_ot_name_get_utf8(face, id, nil, &length, &buffer)  // nil: the default language
            // The name ends at the NUL harfbuzz writes after it.
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return "\(name(hb_ot_name_id_t(HB_OT_NAME_ID_FONT_FAMILY))), \(name(hb_ot_name_id_t(HB_OT_NAME_ID_VERSION_STRING)))"
    }

    /// Whether glyphs come from the pairwise tables (false: every text is shaped, for tests).
    let usesPairs: Bool
    /// How many lines were answered from the pairwise tables (for tests).
    var linesFromPairs = 0

    /// Tables learnt elsewhere that this shaper's tables start from (see `PairwiseGlyphBook`).
    private let seed: PairwiseGlyphBook

    init(fonts: FontLibrary, usesPairs: Bool = true, seed: PairwiseGlyphBook = PairwiseGlyphBook()) {
        self.fonts = fonts
        self.usesPairs = usesPairs
        self.seed = seed
        self.glyphs = pango_glyph_string_new()
        self.scratch = pango_glyph_string_new()
        self.language = pango_context_get_language(fonts.context)
    }

    deinit {
        for loaded in fontsByStyle.values { cpc_object_unref(UnsafeMutableRawPointer(loaded.font)) }
        pango_glyph_string_free(glyphs)
        pango_glyph_string_free(scratch)
    }

    /// The advance of `text` in `family` at `style`, in Pango units; nil when the text is not plain
    /// text that the style's font has (see the contract).
    func advance(_ text: String, family: String, style: TextStyle) -> Int32? {
        plain(text, family: family, style: style) { loaded, analysis, bytes, characters in
            let pairs = pairwise(loaded, analysis, ascii: characters == bytes.count)
            if let pairs, let width = pairs.advance(bytes) {
                linesFromPairs += 1
                return width
            }
            shape(bytes, analysis: analysis, into: glyphs, teaching: pairs)
            return pango_glyph_string_get_width(glyphs)
        }
    }

    /// `body` with the glyphs of `text` (the ones `shapedLine` gives), the font they are in and the
    /// text's bytes, without making anything to keep: the glyphs are in a string this shaper reuses,
    /// valid only during `body`. Nil in the same cases as `advance` (`body` is then not called).
    func withGlyphs<T>(_ text: String, family: String, style: TextStyle,
                       _ body: (UnsafeMutablePointer<PangoFont>, UnsafePointer<PangoGlyphString>, UnsafeBufferPointer<UInt8>) -> T) -> T? {
        plain(text, family: family, style: style) { loaded, analysis, bytes, characters -> T in
            setGlyphs(of: bytes, characters: characters, loaded, analysis, into: scratch)
            return body(loaded.font, scratch, bytes)
        }
    }

    /// Fills `glyphs` with the glyphs of `bytes`: from the pairwise table when it knows every pair,
    /// else by shaping (which may teach the table).
    func setGlyphs(of bytes: UnsafeBufferPointer<UInt8>, characters: Int, _ loaded: LoadedFont,
                   _ analysis: PangoAnalysis, into glyphs: UnsafeMutablePointer<PangoGlyphString>) {
        let pairs = pairwise(loaded, analysis, ascii: characters == bytes.count)
        if let pairs, pairs.fill(glyphs, with: bytes) {
            linesFromPairs += 1
        } else {
            shape(bytes, analysis: analysis, into: glyphs, teaching: pairs)
        }
    }

    /// `text` shaped for drawing, with the item Pango needs to draw it; nil in the same cases as
    /// `advance`. Its glyphs are the ones `advance` sums.
    func shapedLine(_ text: String, family: String, style: TextStyle) -> ShapedLine? {
        plain(text, family: family, style: style) { loaded, analysis, bytes, characters -> ShapedLine in
            let glyphs = pango_glyph_string_new()!
            setGlyphs(of: bytes, characters: characters, loaded, analysis, into: glyphs)
            let item = pango_item_new()!
            item.pointee.offset = 0
            item.pointee.length = Int32(bytes.count)
            item.pointee.num_chars = Int32(characters)
            // Keep the flags pango_item_new set: Pango 1.50 marks its larger private item there, and
            // pango_item_free reads the mark to free the right size.
            var owned = analysis
            owned.flags = item.pointee.analysis.flags
            item.pointee.analysis = owned
            g_object_ref(UnsafeMutableRawPointer(analysis.font))  // the item owns a reference
            return ShapedLine(item: item, glyphs: glyphs, text: Array(bytes) + [0])
        }
    }

    private let latin = guint8(PANGO_SCRIPT_LATIN.rawValue)

    /// What this shaper's pairwise tables have learnt, with its seed's.
    var book: PairwiseGlyphBook {
        var book = seed
        for (key, loaded) in fontsByStyle {
            for (script, table) in (loaded.pairwise ?? []).enumerated() {
                book.add(table.learnt, for: PairwiseGlyphBook.Key(key, script: script))
            }
        }
        return book
    }

    /// The font's glyph table for the analysis's script, nil when the font has none or the text is
    /// not all ASCII (the tables hold ASCII only).
    func pairwise(_ loaded: LoadedFont, _ analysis: PangoAnalysis, ascii: Bool = true) -> PairwiseGlyphs? {
        ascii ? loaded.pairwise?[analysis.script == latin ? 0 : 1] : nil
    }

    /// Shapes `bytes` into `glyphs` and lets `pairs` learn from them once it is learning.
    private func shape(_ bytes: UnsafeBufferPointer<UInt8>, analysis: PangoAnalysis,
                       into glyphs: UnsafeMutablePointer<PangoGlyphString>, teaching pairs: PairwiseGlyphs?) {
        shape(bytes, analysis: analysis, into: glyphs)
        if let pairs, pairs.isLearning { pairs.learn(glyphs, for: bytes, shaper: self, analysis: analysis) }
    }

    /// Characters beyond ASCII that a plain line may hold, when the style's font has them: Latin-1's
    /// letters and signs and the common typographic punctuation (dashes, quotes, bullet, ellipsis,
    /// per mille, primes, minus, euro, ≤ ≥). Each is Latin or Common script, so with printable
    /// ASCII the layout still makes one item of the line. Left out: the no-break and soft hyphen
    /// (Pango treats them specially), the signs that may show as emoji (© ®), anything zero-width.
    static let plainBeyondASCII: Set<UInt32> = Set((0x00A1...0x00FF).filter { $0 != 0x00AD && $0 != 0x00A9 && $0 != 0x00AE })
        .union([0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026,
                0x2030, 0x2032, 0x2033, 0x2039, 0x203A, 0x20AC, 0x2212, 0x2264, 0x2265])

    /// Whether a character of `plainBeyondASCII` is a letter of Latin script (the others are Common).
    static func isLatinLetter(_ value: UInt32) -> Bool {
        value == 0x00AA || value == 0x00BA || (value >= 0x00C0 && value <= 0x00FF && value != 0x00D7 && value != 0x00F7)
    }

    /// `body` with the style's font, the analysis the layout's one item would have, the text's bytes
    /// and its number of characters; nil when the text is not plain (printable ASCII and the
    /// characters of `plainBeyondASCII`) or the style's font lacks one of its characters.
    func plain<T>(_ text: String, family: String, style: TextStyle,
                  _ body: (LoadedFont, PangoAnalysis, UnsafeBufferPointer<UInt8>, Int) -> T) -> T? {
        guard !text.isEmpty, let loaded = font(family: family, style: style) else { return nil }
        let original = text
        var text = text
        return text.withUTF8 { bytes -> T? in
            var hasLetter = false
            var characters = 0
            var ascii = true
            for byte in bytes {
                if byte >= 0x80 {
                    ascii = false
                    if byte & 0xC0 != 0x80 { characters += 1 }  // a lead byte
                    continue
                }
                guard byte >= 0x20, byte <= 0x7E, loaded.hasASCII[Int(byte)] else { return nil }
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { hasLetter = true }
                characters += 1
            }
            if !ascii {
                let hb = pango_font_get_hb_font(loaded.font)
                var glyph: hb_codepoint_t = 0
                for scalar in original.unicodeScalars where scalar.value >= 0x80 {
                    guard Self.plainBeyondASCII.contains(scalar.value), let hb,
                          hb_font_get_nominal_glyph(hb, scalar.value, &glyph) != 0 else { return nil }
                    if Self.isLatinLetter(scalar.value) { hasLetter = true }
                }
            }
            var analysis = PangoAnalysis()
            analysis.font = loaded.font
            analysis.level = 0
            analysis.gravity = guint8(PANGO_GRAVITY_SOUTH.rawValue)
            analysis.flags = 0
            analysis.script = guint8(hasLetter ? PANGO_SCRIPT_LATIN.rawValue : PANGO_SCRIPT_COMMON.rawValue)
            analysis.language = language
            analysis.extra_attrs = nil
            return body(loaded, analysis, bytes, characters)
        }
    }

    /// Shapes `bytes` into `glyphs` with Pango's shaper, as the layout's one item would be shaped.
    func shape(_ bytes: UnsafeBufferPointer<UInt8>, analysis: PangoAnalysis, into glyphs: UnsafeMutablePointer<PangoGlyphString>) {
        var analysis = analysis
        bytes.withMemoryRebound(to: CChar.self) { chars in
            pango_shape_with_flags(chars.baseAddress, Int32(chars.count), chars.baseAddress, Int32(chars.count),
                                   &analysis, glyphs, PANGO_SHAPE_NONE)
        }
    }

    /// For each of the 128 ASCII codes, whether it is printable (0x20–0x7E) and the font's character
    /// map has a glyph for it: what `pango_font_has_char` answers for the bundled faces (a test
    /// compares them), from HarfBuzz's cmap at a tenth of the cost.
    static func printableASCII(in font: UnsafeMutablePointer<PangoFont>) -> [Bool] {
        guard let hb = pango_font_get_hb_font(font) else {
            return (0..<128).map { $0 >= 0x20 && $0 <= 0x7E && pango_font_has_char(font, gunichar($0)) != 0 }
        }
        var glyph: hb_codepoint_t = 0
        return (0..<128).map { $0 >= 0x20 && $0 <= 0x7E && hb_font_get_nominal_glyph(hb, hb_codepoint_t($0), &glyph) != 0 }
    }

    private func font(family: String, style: TextStyle) -> LoadedFont? {
        let key = StyleKey(family: family, size: style.size, bold: style.bold, italic: style.italic)
        if let loaded = fontsByStyle[key] { return loaded }
        guard let font = pango_context_load_font(fonts.context, fonts.fontDescription(family: family, style: style)) else {
            return nil
        }
        let hasASCII = Self.printableASCII(in: font)
        let pairwise = usesPairs && Self.pairwiseFaces.contains(Self.faceName(font))
            ? (0..<2).map { script in seed.tables[PairwiseGlyphBook.Key(key, script: script)].map(PairwiseGlyphs.init) ?? PairwiseGlyphs() }
            : nil
        let loaded = LoadedFont(font: font, hasASCII: hasASCII, pairwise: pairwise)
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

/// The pairwise glyph tables of a set of shapers, by style and script, as plain values: handed from
/// the measurers, which learn them while laying out, to the drawing threads' shapers, which then
/// start knowing the pairs of the lines they draw (each had shaped some 600 lines of a
/// 400-indicator scorecard again to learn them).
public struct PairwiseGlyphBook: Sendable {
    struct Key: Hashable, Sendable {
        var style: PlainLineShaper.StyleKey
        /// 0: Latin, 1: Common (`PlainLineShaper.pairwise`).
        var script: Int
        init(_ style: PlainLineShaper.StyleKey, script: Int) { self.style = style; self.script = script }
    }

    var tables: [Key: PairwiseGlyphs.Learnt] = [:]

    public init() {}

    mutating func add(_ learnt: PairwiseGlyphs.Learnt, for key: Key) {
        tables[key] = tables[key].map { $0.merged(with: learnt) } ?? learnt
    }

    /// Everything either book knows.
    public func merged(with other: PairwiseGlyphBook) -> PairwiseGlyphBook {
        var out = self
        for (key, learnt) in other.tables { out.add(learnt, for: key) }
        return out
    }
}
