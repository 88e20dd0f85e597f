import CPangoCairo
import Foundation
import ScorecardLayout

/// Draws one page as a PNG picture (previews and visual tests).
///
/// Contract: white background; the page is scaled by `dpi / 72` and the image is the page size at
/// that scale, rounded up to whole pixels; drawing is the PDF's (same `PageDrawer`) without tags,
/// links, bookmarks or artifact markers. Writes straight to `url`. Not thread-safe.
public final class PNGRenderer {
    public let fonts: FontLibrary

    public init(fonts: FontLibrary) { self.fonts = fonts }

    public func render(_ page: Page, family: String, dpi: Double, to url: URL) throws {
        guard dpi.isFinite, dpi > 0 else { throw RenderError.invalidValue("dpi must be positive, not \(dpi)") }
        let family = try fonts.requireFamily(family)
        let scale = dpi / 72
        let width = Int32((page.size.width.points * scale).rounded(.up))
        let height = Int32((page.size.height.points * scale).rounded(.up))
        let surface = try CairoSurface(taking: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height),
                                       context: "creating a \(width)x\(height) image")
        let context = try CairoContext(surface: surface)
        context.paint(.white)
        context.scale(scale)
        try PageDrawer(texts: LineLayoutCache(fonts: fonts, family: family))
            .draw(page, number: 1, on: context, structure: nil)
        cairo_surface_flush(surface.pointer)
        let status = cairo_surface_write_to_png(surface.pointer, url.path)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(status: CairoSurface.message(status), context: "writing PNG \(url.path)")
        }
    }
}
