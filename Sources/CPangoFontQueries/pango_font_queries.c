#define _GNU_SOURCE
#include "pango_font_queries.h"

#include <CGraphicsLoader.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The GLib declarations this file needs (GLib 2 ABI), so it needs no GLib headers. */
typedef void *gpointer;
typedef gpointer (*GThreadFunc)(gpointer data);
typedef struct _GThread GThread;
extern GThread *g_thread_self(void);
extern GThread *g_thread_ref(GThread *thread);
extern gpointer g_thread_join(GThread *thread);

const char *const scorecard_pango_inline_thread_names[2] = {"[pango] FcFontSetMatch", "[pango] FcFontSetSort"};

static int runs_inline(const char *name) {
    if (name == NULL) return 0;
    for (int k = 0; k < 2; k++) {
        if (strcmp(name, scorecard_pango_inline_thread_names[k]) == 0) return 1;
    }
    return 0;
}

typedef GThread *(*ThreadNew)(const char *, GThreadFunc, gpointer);

/* GLib's own g_thread_new. The cairo / Pango stack, GLib with it, is loaded on first use
 * (CGraphicsLoader), which finds GLib's function as it loads (and gives it to a library's
 * initialiser making a thread meanwhile); a thread asked for before that (by a test) loads the
 * stack first. */
static ThreadNew glib_thread_new(void) {
    ThreadNew found = (ThreadNew)scorecard_graphics_glib_thread_new();
    if (found != NULL) return found;
    return scorecard_graphics_wait_until_loaded() == NULL ? (ThreadNew)scorecard_graphics_glib_thread_new() : NULL;
}

GThread *g_thread_new(const char *name, GThreadFunc func, gpointer data) {
    if (runs_inline(name)) {
        func(data);
        return g_thread_ref(g_thread_self());
    }
    ThreadNew glib = glib_thread_new();
    if (glib == NULL) {
        /* No GLib after the executable: a broken installation, and no thread can be made. */
        fputs("scorecard: GLib's g_thread_new not found\n", stderr);
        abort();
    }
    return glib(name, func, data);
}

int scorecard_g_thread_new_is_interposed(void) {
    return dlsym(RTLD_DEFAULT, "g_thread_new") == (void *)&g_thread_new;
}

static gpointer record_thread(gpointer data) {
    *(pthread_t *)data = pthread_self();
    return NULL;
}

int scorecard_g_thread_new_runs_inline(const char *name) {
    GThread *(*process_thread_new)(const char *, GThreadFunc, gpointer) =
        (GThread * (*)(const char *, GThreadFunc, gpointer)) dlsym(RTLD_DEFAULT, "g_thread_new");
    pthread_t ran_on;
    memset(&ran_on, 0, sizeof ran_on);
    GThread *thread = process_thread_new(name, record_thread, &ran_on);
    if (runs_inline(name)) {
        extern void g_thread_unref(GThread *thread);
        g_thread_unref(thread);
    } else {
        g_thread_join(thread);
    }
    return pthread_equal(ran_on, pthread_self()) ? 1 : 0;
}
