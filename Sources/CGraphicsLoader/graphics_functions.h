/*
 * The cairo, Pango, fontconfig, HarfBuzz and GLib functions scorecard and its tests call, for
 * graphics_loader.c: F(return type, name, parameters, arguments) for functions returning a
 * value, V(name, parameters, arguments) for void ones.
 *
 * Written from the declarations of the headers CPangoCairo's shim includes (clang -ast-print of
 * Sources/CPangoCairo/shim.h); graphics_loader.c includes the same headers, so the compiler checks
 * every entry against its declaration. A function missing here is a link error ("undefined
 * symbol") in every build: add its line, in the same form.
 */
#ifndef SCORECARD_GRAPHICS_FUNCTIONS_H
#define SCORECARD_GRAPHICS_FUNCTIONS_H

#define SCORECARD_GRAPHICS_FUNCTIONS(F, V)                                                                     \
    F(FcBool, FcCharSetHasChar, (const FcCharSet *fcs, FcChar32 ucs4), (fcs, ucs4))                             \
    F(FcBool, FcConfigAppFontAddFile, (FcConfig *config, const FcChar8 *file), (config, file))                  \
    F(FcBool, FcConfigAppFontAddDir, (FcConfig *config, const FcChar8 *dir), (config, dir))                     \
    F(FcBool, FcConfigParseAndLoadFromMemory, (FcConfig *config, const FcChar8 *buffer, FcBool complain),       \
      (config, buffer, complain))                                                                               \
    F(FcConfig *, FcConfigCreate, (void), ())                                                                   \
    V(FcConfigDestroy, (FcConfig *config), (config))                                                            \
    F(FcFontSet *, FcConfigGetFonts, (FcConfig *config, FcSetName set), (config, set))                          \
    F(FcConfig *, FcConfigReference, (FcConfig *config), (config))                                              \
    F(FcBool, FcConfigSetCurrent, (FcConfig *config), (config))                                                 \
    F(FcResult, FcPatternGetCharSet,                                                                            \
      (const FcPattern *p, const char *object, int n, FcCharSet **c), (p, object, n, c))                        \
    F(FcResult, FcPatternGetString,                                                                             \
      (const FcPattern *p, const char *object, int n, FcChar8 **s), (p, object, n, s))                          \
    V(cairo_close_path, (cairo_t *cr), (cr))                                                                    \
    F(cairo_t *, cairo_create, (cairo_surface_t *target), (target))                                             \
    V(cairo_destroy, (cairo_t *cr), (cr))                                                                       \
    V(cairo_fill, (cairo_t *cr), (cr))                                                                          \
    F(cairo_font_options_t *, cairo_font_options_create, (void), ())                                            \
    V(cairo_font_options_destroy, (cairo_font_options_t *options), (options))                                   \
    V(cairo_font_options_set_hint_metrics,                                                                      \
      (cairo_font_options_t *options, cairo_hint_metrics_t hint_metrics), (options, hint_metrics))              \
    V(cairo_font_options_set_hint_style,                                                                        \
      (cairo_font_options_t *options, cairo_hint_style_t hint_style), (options, hint_style))                    \
    V(cairo_font_options_set_subpixel_order,                                                                    \
      (cairo_font_options_t *options, cairo_subpixel_order_t subpixel_order), (options, subpixel_order))        \
    V(cairo_get_current_point, (cairo_t *cr, double *x, double *y), (cr, x, y))                                 \
    F(cairo_surface_t *, cairo_get_target, (cairo_t *cr), (cr))                                                 \
    F(cairo_surface_t *, cairo_image_surface_create,                                                            \
      (cairo_format_t format, int width, int height), (format, width, height))                                  \
    V(cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y))                                             \
    V(cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))                                             \
    V(cairo_new_path, (cairo_t *cr), (cr))                                                                      \
    V(cairo_paint, (cairo_t *cr), (cr))                                                                         \
    F(cairo_surface_t *, cairo_pdf_surface_create,                                                              \
      (const char *filename, double width_in_points, double height_in_points),                                  \
      (filename, width_in_points, height_in_points))                                                            \
    F(cairo_surface_t *, cairo_pdf_surface_create_for_stream,                                                   \
      (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points),          \
      (write_func, closure, width_in_points, height_in_points))                                                 \
    V(cairo_pdf_surface_restrict_to_version,                                                                    \
      (cairo_surface_t *surface, cairo_pdf_version_t version), (surface, version))                              \
    V(cairo_pdf_surface_set_metadata,                                                                           \
      (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8), (surface, metadata, utf8))   \
    V(cairo_pdf_surface_set_size,                                                                               \
      (cairo_surface_t *surface, double width_in_points, double height_in_points),                              \
      (surface, width_in_points, height_in_points))                                                             \
    V(cairo_rectangle,                                                                                          \
      (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height))                \
    V(cairo_restore, (cairo_t *cr), (cr))                                                                       \
    V(cairo_save, (cairo_t *cr), (cr))                                                                          \
    V(cairo_scale, (cairo_t *cr, double sx, double sy), (cr, sx, sy))                                           \
    V(cairo_scaled_font_glyph_extents,                                                                          \
      (cairo_scaled_font_t *scaled_font, const cairo_glyph_t *glyphs, int num_glyphs,                           \
       cairo_text_extents_t *extents),                                                                          \
      (scaled_font, glyphs, num_glyphs, extents))                                                               \
    F(cairo_status_t, cairo_scaled_font_status, (cairo_scaled_font_t *scaled_font), (scaled_font))              \
    V(cairo_set_line_cap, (cairo_t *cr, cairo_line_cap_t line_cap), (cr, line_cap))                             \
    V(cairo_set_line_join, (cairo_t *cr, cairo_line_join_t line_join), (cr, line_join))                         \
    V(cairo_set_line_width, (cairo_t *cr, double width), (cr, width))                                           \
    V(cairo_set_scaled_font, (cairo_t *cr, const cairo_scaled_font_t *scaled_font), (cr, scaled_font))          \
    V(cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue))       \
    V(cairo_show_glyphs, (cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs), (cr, glyphs, num_glyphs))  \
    V(cairo_show_page, (cairo_t *cr), (cr))                                                                     \
    V(cairo_show_text_glyphs,                                                                                   \
      (cairo_t *cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs, int num_glyphs, const          \
      cairo_text_cluster_t *clusters, int num_clusters, cairo_text_cluster_flags_t cluster_flags),              \
      (cr, utf8, utf8_len, glyphs, num_glyphs, clusters, num_clusters, cluster_flags))                          \
    F(cairo_status_t, cairo_status, (cairo_t *cr), (cr))                                                        \
    F(const char *, cairo_status_to_string, (cairo_status_t status), (status))                                  \
    V(cairo_stroke, (cairo_t *cr), (cr))                                                                        \
    V(cairo_surface_destroy, (cairo_surface_t *surface), (surface))                                             \
    V(cairo_surface_finish, (cairo_surface_t *surface), (surface))                                              \
    V(cairo_surface_flush, (cairo_surface_t *surface), (surface))                                               \
    F(cairo_bool_t, cairo_surface_has_show_text_glyphs, (cairo_surface_t *surface), (surface))                  \
    F(cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))                              \
    F(cairo_status_t, cairo_surface_write_to_png,                                                               \
      (cairo_surface_t *surface, const char *filename), (surface, filename))                                    \
    V(cairo_tag_begin,                                                                                          \
      (cairo_t *cr, const char *tag_name, const char *attributes), (cr, tag_name, attributes))                  \
    V(cairo_tag_end, (cairo_t *cr, const char *tag_name), (cr, tag_name))                                       \
    F(gpointer, g_object_ref, (gpointer object), (object))                                                      \
    V(g_object_unref, (gpointer object), (object))                                                              \
    F(gpointer, g_thread_join, (GThread *thread), (thread))                                                     \
    F(GThread *, g_thread_ref, (GThread *thread), (thread))                                                     \
    F(GThread *, g_thread_self, (void), ())                                                                     \
    V(g_thread_unref, (GThread *thread), (thread))                                                              \
    F(GTypeInstance *, g_type_check_instance_cast,                                                              \
      (GTypeInstance *instance, GType iface_type), (instance, iface_type))                                      \
    F(hb_face_t *, hb_font_get_face, (hb_font_t *font), (font))                                                 \
    F(hb_bool_t, hb_font_get_h_extents, (hb_font_t *font, hb_font_extents_t *extents), (font, extents))         \
    F(hb_bool_t, hb_font_get_nominal_glyph,                                                                     \
      (hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph), (font, unicode, glyph))                 \
    F(unsigned int, hb_ot_name_get_utf8,                                                                        \
      (hb_face_t *face, hb_ot_name_id_t name_id, hb_language_t language, unsigned int *text_size, char *text),  \
      (face, name_id, language, text_size, text))                                                               \
    F(PangoAttribute *, pango_attr_insert_hyphens_new, (gboolean insert_hyphens), (insert_hyphens))             \
    V(pango_attr_list_insert, (PangoAttrList *list, PangoAttribute *attr), (list, attr))                        \
    F(PangoAttrList *, pango_attr_list_new, (void), ())                                                         \
    V(pango_attr_list_unref, (PangoAttrList *list), (list))                                                     \
    F(PangoAttribute *, pango_attr_style_new, (PangoStyle style), (style))                                      \
    F(PangoAttribute *, pango_attr_weight_new, (PangoWeight weight), (weight))                                  \
    V(pango_cairo_context_set_font_options,                                                                     \
      (PangoContext *context, const cairo_font_options_t *options), (context, options))                         \
    V(pango_cairo_context_set_resolution, (PangoContext *context, double dpi), (context, dpi))                  \
    F(cairo_scaled_font_t *, pango_cairo_font_get_scaled_font, (PangoCairoFont *font), (font))                  \
    F(PangoFontMap *, pango_cairo_font_map_new_for_font_type, (cairo_font_type_t fonttype), (fonttype))         \
    V(pango_cairo_show_glyph_item,                                                                              \
      (cairo_t *cr, const char *text, PangoGlyphItem *glyph_item), (cr, text, glyph_item))                      \
    V(pango_cairo_show_layout, (cairo_t *cr, PangoLayout *layout), (cr, layout))                                \
    F(PangoLanguage *, pango_context_get_language, (PangoContext *context), (context))                          \
    F(PangoFontMetrics *, pango_context_get_metrics,                                                            \
      (PangoContext *context, const PangoFontDescription *desc, PangoLanguage *language),                       \
      (context, desc, language))                                                                                \
    F(PangoFont *, pango_context_load_font,                                                                     \
      (PangoContext *context, const PangoFontDescription *desc), (context, desc))                               \
    V(pango_context_set_base_dir, (PangoContext *context, PangoDirection direction), (context, direction))      \
    V(pango_context_set_language, (PangoContext *context, PangoLanguage *language), (context, language))        \
    V(pango_context_set_round_glyph_positions,                                                                  \
      (PangoContext *context, gboolean round_positions), (context, round_positions))                            \
    V(pango_default_break,                                                                                      \
      (const char *text, int length, PangoAnalysis *analysis, PangoLogAttr *attrs, int attrs_len),              \
      (text, length, analysis, attrs, attrs_len))                                                               \
    F(GType, pango_fc_font_map_get_type, (void), ())                                                            \
    V(pango_fc_font_map_set_config, (PangoFcFontMap *fcfontmap, FcConfig *fcconfig), (fcfontmap, fcconfig))     \
    V(pango_font_description_free, (PangoFontDescription *desc), (desc))                                        \
    F(PangoFontDescription *, pango_font_description_new, (void), ())                                           \
    V(pango_font_description_set_absolute_size, (PangoFontDescription *desc, double size), (desc, size))        \
    V(pango_font_description_set_family, (PangoFontDescription *desc, const char *family), (desc, family))      \
    V(pango_font_description_set_style, (PangoFontDescription *desc, PangoStyle style), (desc, style))          \
    V(pango_font_description_set_weight, (PangoFontDescription *desc, PangoWeight weight), (desc, weight))      \
    F(hb_font_t *, pango_font_get_hb_font, (PangoFont *font), (font))                                           \
    F(PangoFontMetrics *, pango_font_get_metrics,                                                               \
      (PangoFont *font, PangoLanguage *language), (font, language))                                             \
    F(gboolean, pango_font_has_char, (PangoFont *font, gunichar wc), (font, wc))                                \
    F(PangoContext *, pango_font_map_create_context, (PangoFontMap *fontmap), (fontmap))                        \
    F(PangoFont *, pango_font_map_load_font,                                                                    \
      (PangoFontMap *fontmap, PangoContext *context, const PangoFontDescription *desc),                         \
      (fontmap, context, desc))                                                                                 \
    F(int, pango_font_metrics_get_approximate_char_width, (PangoFontMetrics *metrics), (metrics))               \
    F(int, pango_font_metrics_get_ascent, (PangoFontMetrics *metrics), (metrics))                               \
    F(int, pango_font_metrics_get_descent, (PangoFontMetrics *metrics), (metrics))                              \
    V(pango_font_metrics_unref, (PangoFontMetrics *metrics), (metrics))                                         \
    V(pango_glyph_string_free, (PangoGlyphString *string), (string))                                            \
    F(int, pango_glyph_string_get_width, (PangoGlyphString *glyphs), (glyphs))                                  \
    F(PangoGlyphString *, pango_glyph_string_new, (void), ())                                                   \
    V(pango_glyph_string_set_size, (PangoGlyphString *string, int new_len), (string, new_len))                  \
    V(pango_item_free, (PangoItem *item), (item))                                                               \
    F(PangoItem *, pango_item_new, (void), ())                                                                  \
    F(PangoLanguage *, pango_language_from_string, (const char *language), (language))                          \
    F(int, pango_layout_get_baseline, (PangoLayout *layout), (layout))                                          \
    F(PangoLayoutLine *, pango_layout_get_line_readonly, (PangoLayout *layout, int line), (layout, line))       \
    F(GSList *, pango_layout_get_lines_readonly, (PangoLayout *layout), (layout))                               \
    V(pango_layout_get_size, (PangoLayout *layout, int *width, int *height), (layout, width, height))           \
    F(const char *, pango_layout_get_text, (PangoLayout *layout), (layout))                                     \
    V(pango_layout_line_get_extents,                                                                            \
      (PangoLayoutLine *line, PangoRectangle *ink_rect, PangoRectangle *logical_rect),                          \
      (line, ink_rect, logical_rect))                                                                           \
    V(pango_layout_line_index_to_x,                                                                             \
      (PangoLayoutLine *line, int index_, gboolean trailing, int *x_pos), (line, index_, trailing, x_pos))      \
    F(PangoLayout *, pango_layout_new, (PangoContext *context), (context))                                      \
    V(pango_layout_set_attributes, (PangoLayout *layout, PangoAttrList *attrs), (layout, attrs))                \
    V(pango_layout_set_font_description,                                                                        \
      (PangoLayout *layout, const PangoFontDescription *desc), (layout, desc))                                  \
    V(pango_layout_set_text, (PangoLayout *layout, const char *text, int length), (layout, text, length))       \
    V(pango_layout_set_width, (PangoLayout *layout, int width), (layout, width))                                \
    V(pango_layout_set_wrap, (PangoLayout *layout, PangoWrapMode wrap), (layout, wrap))                         \
    V(pango_shape_with_flags,                                                                                   \
      (const char *item_text, int item_length, const char *paragraph_text, int paragraph_length, const          \
      PangoAnalysis *analysis, PangoGlyphString *glyphs, PangoShapeFlags flags),                                \
      (item_text, item_length, paragraph_text, paragraph_length, analysis, glyphs, flags))                      \
    V(pango_tailor_break,                                                                                       \
      (const char *text, int length, PangoAnalysis *analysis, int offset, PangoLogAttr *attrs, int attrs_len),  \
      (text, length, analysis, offset, attrs, attrs_len))

#endif
