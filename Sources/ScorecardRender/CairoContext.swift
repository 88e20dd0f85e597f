import CPangoCairo
import ScorecardLayout

/// Owner of a `cairo_surface_t` (PDF or image); destroys it in `deinit`.
final class CairoSurface {
    let pointer: OpaquePointer  // cairo_surface_t *
    /// What the surface writes into, released only after the surface is destroyed (destroying an
    /// unfinished surface still writes).
    private let output: AnyObject?

    /// Takes ownership of `pointer`; throws if cairo reports an error for it (cairo returns an
    /// error surface rather than NULL). `keeping` is held until the surface is destroyed.
    init(taking pointer: OpaquePointer?, context: String, keeping output: AnyObject? = nil) throws {
        guard let pointer else { throw RenderError.cairo(status: "no surface", context: context) }
        self.pointer = pointer
        self.output = output
        try check(context)
    }

    deinit { cairo_surface_destroy(pointer) }

    /// Throws `RenderError.cairo` when the surface is in an error state. `context` is only built
    /// for an error (checks run after every tag, so building it each time would cost).
    func check(_ context: @autoclosure () -> String) throws {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS { throw RenderError.cairo(status: Self.message(status), context: context()) }
    }

    /// Finishes the surface: a PDF surface writes the rest of its file here.
    func finish(_ context: String) throws {
        cairo_surface_finish(pointer)
        try check(context)
    }

    static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

/// What drawing calls handed to cairo: glyphs, and painting calls (a fill, a stroke, a paint). In
/// a PDF each glyph becomes one character code of a text-showing operator and each painting call
/// one painting operator, in the order drawn: the post-pass finds the structure's content by them.
struct DrawingMarks: Equatable {
    var glyphs = 0
    var paints = 0

    static func - (a: DrawingMarks, b: DrawingMarks) -> DrawingMarks {
        DrawingMarks(glyphs: a.glyphs - b.glyphs, paints: a.paints - b.paints)
    }

    var isEmpty: Bool { glyphs == 0 && paints == 0 }
}

/// Owner of a `cairo_t`: every drawing call the renderers make goes through here.
/// Coordinates are points with the origin at the top left, y down (cairo's own convention).
///
/// Contract: `marks` counts every glyph and painting call handed to cairo. Nothing cairo would
/// record as empty is handed to it (a fill narrower or lower than `minimumExtent`, a stroke or
/// line thinner than it, a line shorter than it, a polygon of fewer than three points, a run of
/// glyphs none of which has ink): cairo drops such calls without a trace, and the count would no
/// longer match the PDF. (cairo rounds a run's ink box out to whole points; a run without ink —
/// spaces, or a font's empty `.notdef` — has an empty box whenever its baseline or its glyphs fall
/// on whole points, and cairo then drops it, or keeps it a hundredth of a point away. Not drawn,
/// such a run leaves the page as it was: the gap stays.) Glyphs a font lacks are drawn as its
/// glyph 0 (`.notdef`: an empty box in Liberation Sans and its bold; its italics' `.notdef` is
/// empty, so there such a character leaves a gap), never as Pango's hex boxes, whose strokes and
/// digits the count could not know. Nor is a glyph placed more than five times its font size
/// beyond the page (`pageSize`): cairo drops each glyph more than ten times the size beyond it.
final class CairoContext {
    let surface: CairoSurface
    let cr: OpaquePointer  // cairo_t *

    /// Glyphs and painting calls handed to cairo so far.
    private(set) var marks = DrawingMarks()

    /// The page being drawn, in points (`PDFRenderer` sets it for each page); glyphs far beyond it
    /// are not handed to cairo (see the contract). Unbounded by default (a PNG is drawn scaled).
    var pageSize = (width: Double.infinity, height: Double.infinity)

    /// Whether a glyph at (`x`, `y`) of a font of `size` points may be handed to cairo.
    private func isNearPage(x: Double, y: Double, size: Double) -> Bool {
        let margin = 5 * size
        return x >= -margin && y >= -margin && x <= pageSize.width + margin && y <= pageSize.height + margin
    }

    /// Below this (two steps of cairo's 24.8 fixed point), an extent may round to nothing.
    static let minimumExtent = 2.0 / 256

    /// The C strings of the tag names given to cairo so far (links only: the structure is not given
    /// to cairo), made once each: a short Swift string has no C string of its own to lend.
    private var tagNames: [(name: String, cString: UnsafeMutablePointer<CChar>)] = []

    init(surface: CairoSurface) throws {
        self.surface = surface
        self.cr = cairo_create(surface.pointer)
        try check("creating a drawing context")
    }

    deinit {
        cairo_destroy(cr)
        for entry in tagNames { free(entry.cString) }
    }

    /// `name` as a C string that lives as long as this context.
    private func tagName(_ name: String) -> UnsafeMutablePointer<CChar> {
        for entry in tagNames where entry.name == name { return entry.cString }
        let cString = strdup(name)!
        tagNames.append((name, cString))
        return cString
    }

    /// Throws `RenderError.cairo` when the context is in an error state (for example after a
    /// rejected tag, which makes cairo ignore all later drawing).
    func check(_ context: @autoclosure () -> String) throws {
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(status: CairoSurface.message(status), context: context())
        }
    }

    func scale(_ factor: Double) { cairo_scale(cr, factor, factor) }

    func setColor(_ color: Color) { cairo_set_source_rgb(cr, color.red, color.green, color.blue) }

    /// Fills the whole surface with `color`.
    func paint(_ color: Color) {
        setColor(color)
        cairo_paint(cr)
        marks.paints += 1
    }

    func fill(_ rect: Rect, _ color: Color) {
        guard rect.width.points >= Self.minimumExtent, rect.height.points >= Self.minimumExtent else { return }
        marks.paints += 1
        setColor(color)
        cairo_rectangle(cr, rect.minX.points, rect.minY.points, rect.width.points, rect.height.points)
        cairo_fill(cr)
    }

    /// Strokes the outline of `rect`, centred on its edges, with mitred corners.
    func stroke(_ rect: Rect, width: Length, _ color: Color) {
        guard width.points >= Self.minimumExtent,
              max(rect.width.points, rect.height.points) >= Self.minimumExtent else { return }
        marks.paints += 1
        setColor(color)
        cairo_set_line_width(cr, width.points)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        cairo_rectangle(cr, rect.minX.points, rect.minY.points, rect.width.points, rect.height.points)
        cairo_stroke(cr)
    }

    /// A straight line with butt caps.
    func line(from a: Point, to b: Point, width: Length, _ color: Color) {
        guard width.points >= Self.minimumExtent,
              max(abs(a.x.points - b.x.points), abs(a.y.points - b.y.points)) >= Self.minimumExtent else { return }
        marks.paints += 1
        setColor(color)
        cairo_set_line_width(cr, width.points)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        cairo_move_to(cr, a.x.points, a.y.points)
        cairo_line_to(cr, b.x.points, b.y.points)
        cairo_stroke(cr)
    }

    /// A closed polygon filled with `color` (non-zero winding). Fewer than three points draw nothing.
    func polygon(_ points: [Point], _ color: Color) {
        guard points.count >= 3 else { return }
        marks.paints += 1
        setColor(color)
        cairo_move_to(cr, points[0].x.points, points[0].y.points)
        for p in points.dropFirst() { cairo_line_to(cr, p.x.points, p.y.points) }
        cairo_close_path(cr)
        cairo_fill(cr)
    }

    /// Draws `layout` with its top-left corner at `topLeft`, in `color`.
    func show(_ layout: PangoTextLayout, topLeft: Point, size: Length, color: Color) {
        var lines = pango_layout_get_lines_readonly(layout.layout)
        while let line = lines {
            // Lines start at the left edge (no alignment is set; the base direction is left to right).
            var x = topLeft.x.points
            var runs = line.pointee.data?.assumingMemoryBound(to: PangoLayoutLine.self).pointee.runs
            while let run = runs {
                if let item = run.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee,
                   let glyphs = item.glyphs, let analysed = item.item {
                    marks.glyphs += preparedGlyphCount(glyphs, font: analysed.pointee.analysis.font,
                                                       x: &x, y: topLeft.y.points, size: size.points)
                }
                runs = run.pointee.next
            }
            lines = line.pointee.next
        }
        setColor(color)
        cairo_move_to(cr, topLeft.x.points, topLeft.y.points)
        pango_cairo_show_layout(cr, layout.layout)
        restoreEmptiedGlyphs()
        cairo_new_path(cr)
    }

    /// Draws `shaped` with the left end of its baseline at `baselineLeft`, in `color` (with its text,
    /// so the PDF maps every glyph back to its character).
    func show(_ shaped: ShapedLine, baselineLeft: Point, size: Length, color: Color) {
        var x = baselineLeft.x.points
        marks.glyphs += preparedGlyphCount(shaped.glyphItem.pointee.glyphs, font: shaped.glyphItem.pointee.item.pointee.analysis.font,
                                           x: &x, y: baselineLeft.y.points, size: size.points)
        setColor(color)
        cairo_move_to(cr, baselineLeft.x.points, baselineLeft.y.points)
        shaped.text.withUnsafeBufferPointer { text in
            pango_cairo_show_glyph_item(cr, text.baseAddress, shaped.glyphItem)
        }
        restoreEmptiedGlyphs()
        cairo_new_path(cr)
    }

    /// The glyphs Pango will hand cairo for `glyphs` (all but its empty ones), once each glyph the
    /// font lacks has been made glyph 0 (Pango would draw a hex box of strokes and digits instead),
    /// and every glyph far beyond the page or of a run without ink has been made empty until the
    /// line is drawn (`restoreEmptiedGlyphs`; see the contract). The run starts at `x` (moved on by
    /// its advance) on a line near `y`.
    func preparedGlyphCount(_ glyphs: UnsafeMutablePointer<PangoGlyphString>, font: UnsafeMutablePointer<PangoFont>?,
                            x: inout Double, y: Double, size: Double) -> Int {
        var count = 0
        var inked = false
        // (A font cairo cannot use fails the drawing with cairo's error; its glyphs count as inked.)
        let scaled = font.flatMap { pango_cairo_font_get_scaled_font(OpaquePointer($0)) }
            .flatMap { cairo_scaled_font_status($0) == CAIRO_STATUS_SUCCESS ? $0 : nil }
        for k in 0..<Int(glyphs.pointee.num_glyphs) {
            let info = glyphs.pointee.glyphs[k]
            let glyphX = x + Double(info.geometry.x_offset) / Double(PANGO_SCALE)
            x += Double(info.geometry.width) / Double(PANGO_SCALE)
            var glyph = info.glyph
            if glyph == PANGO_GLYPH_EMPTY { continue }
            if !isNearPage(x: glyphX, y: y, size: size) {
                empty(glyphs.pointee.glyphs + k)
                continue
            }
            if glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                glyph = 0
                glyphs.pointee.glyphs[k].glyph = 0
            }
            count += 1
            // (Without a font Pango draws nothing it can count: left to the post-pass's check.)
            if !inked, let scaled { inked = hasInk(UInt(glyph), in: scaled) }
        }
        if count > 0, !inked, scaled != nil {
            for k in 0..<Int(glyphs.pointee.num_glyphs) where glyphs.pointee.glyphs[k].glyph != PANGO_GLYPH_EMPTY {
                empty(glyphs.pointee.glyphs + k)
            }
            return 0
        }
        return count
    }

    /// Glyphs of the line being drawn made empty for this drawing only, with their glyph: the line
    /// is cached for every place it is drawn, and whether a glyph is near the page depends on where.
    private var emptied: [(info: UnsafeMutablePointer<PangoGlyphInfo>, glyph: PangoGlyph)] = []

    private func empty(_ info: UnsafeMutablePointer<PangoGlyphInfo>) {
        emptied.append((info, info.pointee.glyph))
        info.pointee.glyph = PANGO_GLYPH_EMPTY
    }

    /// Puts back the glyphs `preparedGlyphCount` emptied, once the line is drawn.
    private func restoreEmptiedGlyphs() {
        for (info, glyph) in emptied { info.pointee.glyph = glyph }
        emptied.removeAll(keepingCapacity: true)
    }

    /// Whether `glyph` of `scaled` has ink (an ink box of some width and height), asked of cairo
    /// once per font and glyph.
    private func hasInk(_ glyph: UInt, in scaled: OpaquePointer) -> Bool {
        let key = InkKey(font: UnsafeRawPointer(scaled), glyph: glyph)
        if let known = ink[key] { return known }
        var placed = cairo_glyph_t(index: glyph, x: 0, y: 0)
        var extents = cairo_text_extents_t()
        cairo_scaled_font_glyph_extents(scaled, &placed, 1, &extents)
        let answer = extents.width > 0 && extents.height > 0
        ink[key] = answer
        return answer
    }

    private struct InkKey: Hashable {
        let font: UnsafeRawPointer
        let glyph: UInt
    }

    /// `hasInk`'s answers (the scaled fonts live as long as the font library, which outlives this).
    private var ink: [InkKey: Bool] = [:]

    /// Whether the target keeps text with its glyphs (a PDF surface does, an image surface not).
    private lazy var keepsText = cairo_surface_has_show_text_glyphs(cairo_get_target(cr)) != 0

    /// Draws `glyphs` (of `font`, one per character of the UTF-8 `text`, as `PlainLineShaper` gives
    /// them) with the left end of the baseline at `baselineLeft`, in `color`: the same calls on
    /// cairo, in the same order and with the same numbers, as `pango_cairo_show_glyph_item` (Pango
    /// 1.50) makes for such a line, without building a Pango item or taking a renderer. False, with
    /// nothing drawn, when a glyph is unknown or the font cannot be installed (the caller then draws
    /// through Pango, which draws hex boxes).
    func showPlain(_ glyphs: UnsafePointer<PangoGlyphString>, font: UnsafeMutablePointer<PangoFont>,
                   text: UnsafeBufferPointer<UInt8>, baselineLeft: Point, size: Length, color: Color) -> Bool {
        let count = Int(glyphs.pointee.num_glyphs)
        // One known glyph per character, in order (the clusters below assume it): glyph k starts at
        // character k's first byte, and its cluster runs to the next glyph's.
        var start = 0
        for k in 0..<count {
            guard start < text.count, glyphs.pointee.log_clusters[k] == Int32(start),
                  glyphs.pointee.glyphs[k].glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 else { return false }
            start += Self.utf8Length(lead: text[start])
        }
        guard start == text.count else { return false }
        guard let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)),
              cairo_scaled_font_status(scaled) == CAIRO_STATUS_SUCCESS else { return false }
        setColor(color)
        cairo_move_to(cr, baselineLeft.x.points, baselineLeft.y.points)
        // Pango starts from cairo's current point as cairo gives it back (in fixed point).
        var baseX = 0.0, baseY = 0.0
        cairo_get_current_point(cr, &baseX, &baseY)
        cairo_save(cr)
        cairo_set_scaled_font(cr, scaled)
        withUnsafeTemporaryAllocation(of: cairo_glyph_t.self, capacity: count) { placed in
            withUnsafeTemporaryAllocation(of: cairo_text_cluster_t.self, capacity: count) { clusters in
                var drawn = 0
                var position: Int32 = 0
                for k in 0..<count {
                    let info = glyphs.pointee.glyphs[k]
                    var inCluster: Int32 = 0
                    let x = baseX + Double(position + info.geometry.x_offset) / Double(PANGO_SCALE)
                    let y = info.geometry.y_offset == 0 ? baseY : baseY + Double(info.geometry.y_offset) / Double(PANGO_SCALE)
                    if info.glyph != PANGO_GLYPH_EMPTY, isNearPage(x: x, y: y, size: size.points) {
                        placed[drawn] = cairo_glyph_t(index: UInt(info.glyph), x: x, y: y)
                        drawn += 1
                        inCluster = 1
                    }
                    let first = Int(glyphs.pointee.log_clusters[k])
                    clusters[k] = cairo_text_cluster_t(num_bytes: Int32(Self.utf8Length(lead: text[first])), num_glyphs: inCluster)
                    position += info.geometry.width
                }
                // No glyph with ink near the page: nothing is drawn (see the contract).
                guard (0..<drawn).contains(where: { hasInk(placed[$0].index, in: scaled) }) else { return }
                marks.glyphs += drawn
                if keepsText {
                    text.withMemoryRebound(to: CChar.self) { chars in
                        cairo_show_text_glyphs(cr, chars.baseAddress, Int32(chars.count), placed.baseAddress, Int32(drawn),
                                               clusters.baseAddress, Int32(count), cairo_text_cluster_flags_t(0))
                    }
                } else {
                    cairo_show_glyphs(cr, placed.baseAddress, Int32(drawn))
                }
            }
        }
        cairo_restore(cr)
        cairo_new_path(cr)
        return true
    }

    /// The number of bytes of the UTF-8 sequence that `lead` starts.
    static func utf8Length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    func beginTag(_ name: String, attributes: String) {
        if attributes.isEmpty {
            cairo_tag_begin(cr, tagName(name), tagName(""))
        } else {
            cairo_tag_begin(cr, tagName(name), attributes)
        }
    }

    func endTag(_ name: String) { cairo_tag_end(cr, tagName(name)) }

    /// Ends the current page (the next drawing starts a new one).
    func showPage() { cairo_show_page(cr) }
}
