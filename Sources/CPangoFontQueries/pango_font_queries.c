#define _GNU_SOURCE
#include "pango_font_queries.h"

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

/* GLib's g_thread_new, looked up before `main` (below) and never again: `dlsym` waits for any
 * `dlopen` running on another thread (libqpdf loads in the background, see CQPDF.h). ("[pango]
 * FcInit" cannot run inline: Pango holds the lock that thread takes while it starts it.) */
static ThreadNew glib_thread_new_found;

static ThreadNew glib_thread_new(void) {
    ThreadNew found = __atomic_load_n(&glib_thread_new_found, __ATOMIC_ACQUIRE);
    if (found == NULL) {
        /* Only when a library's initialiser makes a thread before this target's runs. */
        found = (ThreadNew)dlsym(RTLD_NEXT, "g_thread_new");
        __atomic_store_n(&glib_thread_new_found, found, __ATOMIC_RELEASE);
    }
    return found;
}

__attribute__((constructor)) static void find_glib_thread_new(void) { (void)glib_thread_new(); }

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
