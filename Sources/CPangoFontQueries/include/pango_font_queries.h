#ifndef SCORECARD_PANGO_FONT_QUERIES_H
#define SCORECARD_PANGO_FONT_QUERIES_H

/*
 * Pango's fontconfig queries on the calling thread.
 *
 * Pango 1.50 answers each new font pattern (family, weight, style, size) by starting two threads,
 * "[pango] FcFontSetMatch" and "[pango] FcFontSetSort", and the caller then waits for the first of
 * them. A scorecard uses a dozen or more patterns in each font map, so a render started and joined
 * some forty threads, each with its own malloc arena; with both processors busy drawing, every wait
 * also lasted until the scheduler let the helper run. Our font configuration holds four fonts, so
 * each query is a few microseconds of work.
 *
 * This target defines `g_thread_new`, exported by the executable so that Pango binds to it: a
 * thread with one of those two names runs its function to completion on the calling thread (which
 * gets exactly the results the thread would have stored) and returns a reference to the calling
 * thread, which Pango releases at once; every other thread is created by GLib's `g_thread_new`.
 * With another Pango that names its threads differently, nothing changes: its threads are created.
 */

/// The thread names whose work runs on the calling thread.
extern const char *const scorecard_pango_inline_thread_names[2];

/// 1 when the `g_thread_new` other libraries bind to is this target's, else 0.
int scorecard_g_thread_new_is_interposed(void);

/// Calls the process's `g_thread_new` with `name` and a function that records the thread it runs
/// on; returns 1 when it ran on the calling thread, 0 when on another (which has been joined).
int scorecard_g_thread_new_runs_inline(const char *name);

#endif
