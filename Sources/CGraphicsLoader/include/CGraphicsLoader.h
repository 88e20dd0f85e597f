#ifndef SCORECARD_CGRAPHICSLOADER_H
#define SCORECARD_CGRAPHICSLOADER_H

/*
 * The cairo / Pango stack, loaded by the first call into it instead of before `main`.
 *
 * Linked the usual way, the stack (Pango, cairo, fontconfig, HarfBuzz, FreeType, GLib, GObject and
 * the ~35 libraries they pull in: pixman, libpng, X11, xcb, GIO, ...) is mapped, relocated (some
 * 6,500 symbol lookups, each walking up to ~45 libraries) and initialised before `main`: about
 * 5 ms of every run on the benchmark machine, on the one thread that exists then. Nothing needs it
 * until the fonts are prepared, which happens on a thread of its own while ArgumentParser reads the
 * command line and the inputs are parsed, so the stack is loaded there instead.
 *
 * This target is not linked against the stack. It defines every cairo_* / pango_* / Fc* / hb_* /
 * g_* function scorecard calls (graphics_functions.h; the compiler checks each against the
 * libraries' headers) as a forwarder to the library's own, which the first call of any forwarder,
 * or of `scorecard_graphics_wait_until_loaded`, binds by opening the stack with `dlopen`.
 *
 * Contract:
 * - `scorecard_graphics_wait_until_loaded` returns once the stack is loaded (loading it on the
 *   calling thread if no other thread is doing so; a concurrent caller waits for that one), and
 *   from then on at once. It returns NULL when every forwarded function is bound, or a message
 *   saying what failed (a library or a function not found), the same message on every call.
 * - A forwarder called before loading loads first, the same way. A forwarder called when loading
 *   failed stops the process with that message (callers wait first: `FontLibrary` does, and every
 *   use of the stack starts from a `FontLibrary`).
 * - The libraries end up opened with RTLD_LAZY | RTLD_GLOBAL, Pango's cairo binding first, so they
 *   are bound and searched much as if the executable had named them: symbols the executable
 *   exports (the interposers of CNumberFormatting, CPangoFontQueries and CZlibDeflate) still come
 *   first for them.
 * - The forwarders are not exported from the executable (graphics_loader.c), so the libraries'
 *   calls to each other bind inside the libraries.
 * - The executable no longer names these libraries among those it needs (ELF NEEDED): `make`
 *   installs them (libpango1.0-dev, libcairo2-dev).
 */

/// Loads the stack if needed and waits for it; NULL when loaded, otherwise why it failed.
const char *_Nullable scorecard_graphics_wait_until_loaded(void);

/// GLib's own `g_thread_new` (not the executable's interposer of it): once the stack is loaded,
/// and on the loading thread while it loads (for a library's initialiser that makes a thread);
/// otherwise NULL (the caller then waits for the stack). For CPangoFontQueries.
void *_Nullable scorecard_graphics_glib_thread_new(void);

#endif
