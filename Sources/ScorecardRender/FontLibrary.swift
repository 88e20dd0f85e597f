import CGraphicsLoader
import CPangoCairo
import Foundation
import ScorecardLayout

/// The bundled fonts and the one Pango context that measures and draws with them.
///
/// Contract:
/// - Only the `.ttf` / `.otf` files of `fontsDirectory` are visible (sorted by file name, so the
///   order is the same on every machine), whether fontconfig scans them one by one or reads its
///   cache of the folder (`FontScanCache`, when a cache folder is given). System fonts are never
///   loaded: the fontconfig configuration is created empty (`FcConfigCreate`) and only these
///   fonts are added to it. It is also made fontconfig's current configuration (process-wide; the
///   last library made from a folder wins), so fontconfig never loads the system configuration or
///   its caches. A library made with `sharingFontsOf:` uses the other's configuration and changes
///   nothing process-wide.
/// - The Pango context uses resolution 72 (Pango sizes are points), unrounded glyph positions,
///   hint metrics off and no hinting, and the fixed language `en-gb`, so measuring does not depend
///   on the machine, the locale or the output device.
/// - Libraries made with different `threadSlot`s (0 to 4; others wrap around) never share cairo
///   scaled fonts. cairo keeps one process-wide scaled font per font face, size and options, and
///   every glyph run locks it: two threads drawing with the same fonts took that lock ~4,400 times
///   at 2,000 indicators. The slot is set as the options' subpixel order, which only subpixel
///   antialiasing of bitmaps reads (neither the PDF nor the grey-antialiased PNG preview), so the
///   output is the same for every slot.
/// - The first library made opens the cairo / Pango libraries (CGraphicsLoader; ~5 ms, on the
///   font-preparation thread in a render); if they cannot be opened, it throws
///   `FontError.setupFailed` with the loader's reason.
/// - Not thread-safe: Pango contexts are not. Use one library (and the measurers and renderers made
///   from it) from one thread at a time.
public final class FontLibrary {
    /// The folder the fonts were loaded from.
    public let fontsDirectory: URL
    /// The font files that fontconfig accepted, in load order.
    public let fontFiles: [URL]

    let config: OpaquePointer            // FcConfig *
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer           // PangoContext *
    /// Font descriptions made so far, by family and style; owned (and freed) by the library.
    private var fontDescriptions: [FontKey: OpaquePointer] = [:]

    private struct FontKey: Hashable {
        var family: String
        var size: Double
        var bold: Bool
        var italic: Bool
    }

    /// The fonts of `fontsDirectory` in a fontconfig configuration of their own, and a Pango context.
    ///
    /// `cacheDirectory`: where fontconfig may keep its scan of the folder (`FontScanCache`), so
    /// that later libraries read the fonts' names and coverage from the cache instead of opening
    /// every file; nil scans the files every time. Either way the library holds the same fonts.
    public convenience init(fontsDirectory: URL, threadSlot: Int = 0, cacheDirectory: URL? = nil) throws {
        let folder = fontsDirectory.standardizedFileURL
        let folderPath = folder.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FontError.folderMissing(folder: folderPath)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? []
        let candidates = names
            .filter { ["ttf", "otf"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
            .map { folder.appendingPathComponent($0) }

        // The cairo / Pango libraries, opened now if no other thread has (CGraphicsLoader).
        if let failure = scorecard_graphics_wait_until_loaded() {
            throw FontError.setupFailed(folder: folderPath, reason: String(cString: failure))
        }
        guard let (config, added) = cacheDirectory.flatMap({ FontScanCache.configuration(folder: folderPath, files: candidates, cacheBase: $0) })
            ?? Self.configurationAddingEachFile(candidates) else {
            throw FontError.setupFailed(folder: folderPath, reason: "FcConfigCreate failed")
        }
        guard !added.isEmpty else {
            FcConfigDestroy(config)
            throw FontError.noFonts(folder: folderPath)
        }

        // Pango's font map runs FcInit (on a helper thread, which the first measurement waits for),
        // and FcInit loads the system configuration and its font caches unless a current
        // configuration exists. Making ours current (it has no font folders, so this scans
        // nothing) keeps that start-up work away; nothing here uses the system fonts anyway.
        _ = FcConfigSetCurrent(config)
        try self.init(folder: folder, config: config, fontFiles: added, threadSlot: threadSlot)
    }

    /// An empty configuration with `files` added one by one, and the files fontconfig accepted.
    static func configurationAddingEachFile(_ files: [URL]) -> (config: OpaquePointer, added: [URL])? {
        guard let config = FcConfigCreate() else { return nil }
        let added = files.filter { file in
            file.path.withCString { path in
                path.withMemoryRebound(to: FcChar8.self, capacity: strlen(path) + 1) { FcConfigAppFontAddFile(config, $0) }
            } != 0
        }
        return (config, added)
    }

    /// The fonts of `other`, with a Pango context (and font map) of its own for another thread:
    /// the fontconfig configuration is shared (fontconfig answers queries from several threads),
    /// so the font files are not scanned again (some 4 M instructions for the four bundled faces).
    public convenience init(sharingFontsOf other: FontLibrary, threadSlot: Int) throws {
        FcConfigReference(other.config)
        try self.init(folder: other.fontsDirectory, config: other.config, fontFiles: other.fontFiles, threadSlot: threadSlot)
    }

    /// Takes over one reference to `config` (released on failure and in `deinit`).
    private init(folder: URL, config: OpaquePointer, fontFiles: [URL], threadSlot: Int) throws {
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            FcConfigDestroy(config)
            throw FontError.setupFailed(folder: folder.path, reason: "cairo has no FreeType font backend")
        }
        // The font map takes its own reference to the configuration.
        pango_fc_font_map_set_config(cpc_as_fc_font_map(map), config)

        guard let context = pango_font_map_create_context(map) else {
            cpc_object_unref(map)
            FcConfigDestroy(config)
            throw FontError.setupFailed(folder: folder.path, reason: "pango_font_map_create_context failed")
        }
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string("en-gb"))
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_subpixel_order(options, Self.subpixelOrder(threadSlot: threadSlot))
        pango_cairo_context_set_font_options(context, options)  // copies the options
        cairo_font_options_destroy(options)

        self.fontsDirectory = folder
        self.fontFiles = fontFiles
        self.config = config
        self.fontMap = map
        self.context = context
    }

    /// The subpixel order that keys the scaled fonts of `threadSlot` apart (see the contract).
    static func subpixelOrder(threadSlot: Int) -> cairo_subpixel_order_t {
        let orders = [CAIRO_SUBPIXEL_ORDER_DEFAULT, CAIRO_SUBPIXEL_ORDER_RGB, CAIRO_SUBPIXEL_ORDER_BGR,
                      CAIRO_SUBPIXEL_ORDER_VRGB, CAIRO_SUBPIXEL_ORDER_VBGR]
        return orders[((threadSlot % orders.count) + orders.count) % orders.count]
    }

    deinit {
        for description in fontDescriptions.values { pango_font_description_free(description) }
        cpc_object_unref(UnsafeMutableRawPointer(context))
        cpc_object_unref(fontMap)
        FcConfigDestroy(config)
    }

    /// The font description of `family` at `style` (size in points at resolution 72, set as an
    /// absolute size so it does not depend on the resolution; colour and leading are ignored).
    /// Made once per family and style and owned by the library: callers must not free it, and Pango
    /// copies it where it keeps it (`pango_layout_set_font_description`).
    func fontDescription(family: String, style: TextStyle) -> OpaquePointer {
        let key = FontKey(family: family, size: style.size.points, bold: style.bold, italic: style.italic)
        if let description = fontDescriptions[key] { return description }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, family)
        pango_font_description_set_absolute_size(description, style.size.points * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        fontDescriptions[key] = description
        return description
    }

    /// The identity of the cairo scaled font that draws `family` at `style` (for tests of
    /// `threadSlot`): equal identities are one shared cairo object. Nil if no font loads.
    func scaledFontIdentity(family: String, style: TextStyle) -> UInt? {
        guard let font = pango_font_map_load_font(fontMap, context, fontDescription(family: family, style: style)) else { return nil }
        defer { cpc_object_unref(font) }
        return pango_cairo_font_get_scaled_font(OpaquePointer(font)).map { UInt(bitPattern: Int(bitPattern: UnsafeRawPointer($0))) }
    }

    /// The distinct family names of the bundled fonts, sorted.
    public var familyNames: [String] {
        Array(Set(faces.map(\.family))).sorted()
    }

    /// Returns the family's name as the fonts spell it (matching ignores case), or throws
    /// `FontError.familyNotFound` naming the folder and the families that are available.
    @discardableResult
    public func requireFamily(_ family: String) throws -> String {
        let wanted = family.lowercased()
        if let name = familyNames.first(where: { $0.lowercased() == wanted }) { return name }
        throw FontError.familyNotFound(family: family, folder: fontsDirectory.path, available: familyNames)
    }

    /// The characters of `text` that no face of `family` can draw, each once, in order of first
    /// appearance. White space, control and format characters (such as a zero-width joiner) are
    /// skipped; a character made of several code points is unsupported when any of its non-format
    /// code points is missing. An unknown family reports every checked character.
    ///
    /// "No face" is the union over the family's styles: a glyph that only the regular face has is
    /// still drawn (Pango falls back within the bundled fonts), so it is not reported.
    public func unsupportedCharacters(in text: String, family: String) -> [Character] {
        let wanted = family.lowercased()
        let charsets = faces.filter { $0.family.lowercased() == wanted }.map(\.charset)
        var seen = Set<Character>()
        var missing: [Character] = []
        for character in text where !character.isWhitespace && !seen.contains(character) {
            seen.insert(character)
            let scalars = character.unicodeScalars.filter { scalar in
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
                default: return !scalar.properties.isVariationSelector
                }
            }
            if scalars.isEmpty { continue }
            let covered = scalars.allSatisfy { scalar in
                charsets.contains { FcCharSetHasChar($0, FcChar32(scalar.value)) != 0 }
            }
            if !covered { missing.append(character) }
        }
        return missing
    }

    /// One loaded face: its first family name and its character set (owned by the font set).
    private struct Face {
        var family: String
        var charset: OpaquePointer  // FcCharSet *, valid while `config` lives
    }

    /// The faces of the application font set of `config`.
    private var faces: [Face] {
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return [] }
        var out: [Face] = []
        for i in 0..<Int(set.pointee.nfont) {
            guard let pattern = set.pointee.fonts[i] else { continue }
            var family: UnsafeMutablePointer<FcChar8>?
            var charset: OpaquePointer?
            guard FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch, let family,
                  FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch, let charset
            else { continue }
            let name = String(cString: UnsafeRawPointer(family).assumingMemoryBound(to: CChar.self))
            out.append(Face(family: name, charset: charset))
        }
        return out
    }
}
