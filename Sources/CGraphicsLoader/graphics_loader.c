#define _GNU_SOURCE
#include "CGraphicsLoader.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "graphics_functions.h"

/* The libraries the stack is made of on Debian 12, each after the ones it needs, opened one at a
 * time before the stack itself (RTLD_LOCAL; a name not found is skipped: it only changes how the
 * work is cut up). glibc holds its TLS lock for the whole of a dlopen's mapping and relocation, and
 * every pthread_create takes that lock: opened in one piece (~5 ms), the stack kept the main thread
 * from starting the house style's thread and the CSV parser's workers for that long; opened
 * library by library, a thread waits for one library at most (under 1 ms). */
static const char *const dependencies_in_load_order[] = {
    "libpcre2-8.so.0",   "libglib-2.0.so.0",     "libffi.so.8",          "libgobject-2.0.so.0",
    "libgmodule-2.0.so.0", "libblkid.so.1",      "libselinux.so.1",      "libmount.so.1",
    "libgio-2.0.so.0",   "libfribidi.so.0",      "libdatrie.so.1",       "libthai.so.0",
    "libpng16.so.16",    "libbrotlicommon.so.1", "libbrotlidec.so.1",    "libfreetype.so.6",
    "libgraphite2.so.3", "libharfbuzz.so.0",     "libpango-1.0.so.0",    "libexpat.so.1",
    "libfontconfig.so.1", "libpangoft2-1.0.so.0", "libpixman-1.so.0",    "libXau.so.6",
    "libmd.so.0",        "libbsd.so.0",          "libXdmcp.so.6",        "libxcb.so.1",
    "libxcb-shm.so.0",   "libxcb-render.so.0",   "libX11.so.6",          "libXrender.so.1",
    "libXext.so.6",      "libcairo.so.2",
};

/* The libraries scorecard calls, then opened in this order with RTLD_LOCAL: each finds the others
 * as its own dependencies (after the process's global scope: the executable, which defines zlib's
 * deflate functions for cairo, and the libraries it names), and the ~45 libraries stay out of the
 * global scope, which every symbol of a library opened later without RTLD_DEEPBIND is looked up
 * in first: libqpdf's ~11,600 relocations cost 7 M fewer instructions that way (it cannot be
 * deep-bound under mimalloc, see qpdf_loader.c). The rest are named so that a function is found
 * in whichever of them defines it. */
static const char *const library_names[] = {
    "libpangocairo-1.0.so.0", "libpangoft2-1.0.so.0", "libpango-1.0.so.0", "libcairo.so.2",
    "libfontconfig.so.1",     "libharfbuzz.so.0",     "libgobject-2.0.so.0", "libglib-2.0.so.0",
};
#define LIBRARY_COUNT (sizeof library_names / sizeof library_names[0])

/* The libraries' functions, bound by `load`. */
static struct {
#define POINTER(type, name, parameters, arguments) type(*name) parameters;
#define VOID_POINTER(name, parameters, arguments) void(*name) parameters;
    SCORECARD_GRAPHICS_FUNCTIONS(POINTER, VOID_POINTER)
#undef POINTER
#undef VOID_POINTER
} library;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
/* 1 once every function is bound (written by `load`, read by the forwarders). */
static int usable;
/* Why loading failed; empty when it did not. Written only inside `load_once`. */
static char failure[1024];
/* GLib's g_thread_new, bound by `load`. */
static void *glib_thread_new;
/* 1 on the thread running `load`, while it runs. */
static _Thread_local int loading_here;

/* `name` in the first of `handles` that defines it (never the executable's exports: a handle's
 * search covers that library and its dependencies only). */
static void *find(void *const handles[], const char *name) {
    for (size_t k = 0; k < LIBRARY_COUNT; k++) {
        void *found = dlsym(handles[k], name);
        if (found != NULL) return found;
    }
    return NULL;
}

/* RTLD_LAZY: a library binds its functions when it first calls them unless it asks for immediate
 * binding itself (most of the stack does), as when the executable named the libraries. */
static void load_libraries(void) {
    void *handles[LIBRARY_COUNT];
    for (size_t k = 0; k < sizeof dependencies_in_load_order / sizeof dependencies_in_load_order[0]; k++) {
        (void)dlopen(dependencies_in_load_order[k], RTLD_LAZY | RTLD_LOCAL);
    }
    for (size_t k = 0; k < LIBRARY_COUNT; k++) {
        handles[k] = dlopen(library_names[k], RTLD_LAZY | RTLD_LOCAL);
        if (handles[k] == NULL) {
            const char *why = dlerror();
            snprintf(failure, sizeof failure,
                     "the cairo and Pango libraries could not be loaded (%s); install the packages "
                     "libpangocairo-1.0-0 and libcairo2 (make installs them)",
                     why ? why : library_names[k]);
            return;
        }
    }
#define BIND(type, name, parameters, arguments)                                                    \
    *(void **)(&library.name) = find(handles, #name);                                              \
    if (library.name == NULL) {                                                                    \
        snprintf(failure, sizeof failure, "the cairo and Pango libraries have no function %s", #name); \
        return;                                                                                    \
    }
#define VOID_BIND(name, parameters, arguments) BIND(void, name, parameters, arguments)
    SCORECARD_GRAPHICS_FUNCTIONS(BIND, VOID_BIND)
#undef BIND
#undef VOID_BIND
    glib_thread_new = find(handles, "g_thread_new");
    if (glib_thread_new == NULL) {
        snprintf(failure, sizeof failure, "the cairo and Pango libraries have no function g_thread_new");
        return;
    }
    __atomic_store_n(&usable, 1, __ATOMIC_RELEASE);
}

static void load(void) {
    loading_here = 1;
    load_libraries();
    loading_here = 0;
}

const char *scorecard_graphics_wait_until_loaded(void) {
    /* A library's initialiser calling the stack while `load` opens it: waiting here would wait for
     * this very thread. */
    if (loading_here) return "a library called the cairo / Pango stack while it was being loaded";
    pthread_once(&load_once, load);
    return __atomic_load_n(&usable, __ATOMIC_ACQUIRE) ? NULL : failure;
}

void *scorecard_graphics_glib_thread_new(void) {
    if (__atomic_load_n(&usable, __ATOMIC_ACQUIRE)) return glib_thread_new;
    if (!loading_here) return NULL;
    /* A library's initialiser making a thread while `load` opens the libraries on this thread:
     * GLib is open by then (the thread's caller needs it), though not yet in the global scope. */
    void *glib = dlopen("libglib-2.0.so.0", RTLD_LAZY | RTLD_NOLOAD);
    if (glib == NULL) return NULL;
    void *found = dlsym(glib, "g_thread_new");
    dlclose(glib);
    return found;
}

/* Loads on first use; stops with the reason when the stack cannot be loaded. */
static inline void require_loaded(void) {
    if (__builtin_expect(!__atomic_load_n(&usable, __ATOMIC_ACQUIRE), 0)) {
        const char *why = scorecard_graphics_wait_until_loaded();
        if (why != NULL) {
            fprintf(stderr, "scorecard: %s\n", why);
            abort();
        }
    }
}

/* The names are parenthesised because GLib defines some functions also as macros (g_object_ref).
 * Hidden: kept out of the executable's dynamic symbol table (release builds export every
 * default-visibility symbol), so the libraries' own calls never come back through here. */
#define FORWARD(type, name, parameters, arguments)                                                 \
    __attribute__((visibility("hidden"))) type(name) parameters {                                  \
        require_loaded();                                                                          \
        return (library.name) arguments;                                                           \
    }
#define VOID_FORWARD(name, parameters, arguments)                                                  \
    __attribute__((visibility("hidden"))) void(name) parameters {                                  \
        require_loaded();                                                                          \
        (library.name) arguments;                                                                  \
    }
SCORECARD_GRAPHICS_FUNCTIONS(FORWARD, VOID_FORWARD)
#undef FORWARD
#undef VOID_FORWARD
