#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>

/// GObject casts are macros, which Swift cannot call: these inline shims do the casts.
static inline PangoFcFontMap *cpc_as_fc_font_map(PangoFontMap *map) {
    return PANGO_FC_FONT_MAP(map);
}
static inline PangoCairoFontMap *cpc_as_cairo_font_map(PangoFontMap *map) {
    return PANGO_CAIRO_FONT_MAP(map);
}
static inline void cpc_object_unref(void *object) {
    g_object_unref(object);
}

#endif
