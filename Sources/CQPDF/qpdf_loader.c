#define _GNU_SOURCE
/* The forwarders stay out of the executable's dynamic symbol table (release builds export every
 * default-visibility symbol): otherwise libqpdf's own calls to its exported functions would bind
 * to them once it is loaded. qpdf-c.h declares its functions with QPDF_DLL, so QPDF_DLL is made
 * "hidden" before the header is read; the definitions below then match the declarations. */
#include <qpdf/DLL.h>
#undef QPDF_DLL
#define QPDF_DLL __attribute__((visibility("hidden")))
#include "CQPDF.h"

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The qpdf functions the post-pass uses: F(return type, name, parameters, arguments) for
 * functions returning a value, V(name, parameters, arguments) for void ones. The definitions
 * below are checked against the declarations of <qpdf/qpdf-c.h>.
 */
#define SCORECARD_QPDF_FUNCTIONS(F, V)                                                                  \
    F(qpdf_data, qpdf_init, (void), ())                                                                 \
    V(qpdf_cleanup, (qpdf_data * qpdf), (qpdf))                                                         \
    V(qpdf_silence_errors, (qpdf_data qpdf), (qpdf))                                                    \
    V(qpdf_set_suppress_warnings, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))                     \
    V(qpdf_set_attempt_recovery, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))                      \
    F(QPDF_BOOL, qpdf_has_error, (qpdf_data qpdf), (qpdf))                                              \
    F(qpdf_error, qpdf_get_error, (qpdf_data qpdf), (qpdf))                                             \
    F(char const *, qpdf_get_error_full_text, (qpdf_data q, qpdf_error e), (q, e))                      \
    F(QPDF_ERROR_CODE, qpdf_read_memory,                                                                \
      (qpdf_data qpdf, char const *description, char const *buffer, unsigned long long size,            \
       char const *password),                                                                           \
      (qpdf, description, buffer, size, password))                                                      \
    F(QPDF_BOOL, qpdf_is_encrypted, (qpdf_data qpdf), (qpdf))                                           \
    F(qpdf_oh, qpdf_get_root, (qpdf_data qpdf), (qpdf))                                                 \
    F(qpdf_oh, qpdf_get_trailer, (qpdf_data qpdf), (qpdf))                                              \
    F(int, qpdf_get_num_pages, (qpdf_data qpdf), (qpdf))                                                \
    F(qpdf_oh, qpdf_get_page_n, (qpdf_data qpdf, size_t zero_based_index), (qpdf, zero_based_index))    \
    F(QPDF_ERROR_CODE, qpdf_add_page, (qpdf_data qpdf, qpdf_data newpage_qpdf, qpdf_oh newpage,         \
                                       QPDF_BOOL first),                                                \
      (qpdf, newpage_qpdf, newpage, first))                                                             \
    F(qpdf_oh, qpdf_make_indirect_object, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                     \
    V(qpdf_replace_object, (qpdf_data qpdf, int objid, int generation, qpdf_oh oh),                     \
      (qpdf, objid, generation, oh))                                                                    \
    F(QPDF_ERROR_CODE, qpdf_init_write_memory, (qpdf_data qpdf), (qpdf))                                \
    V(qpdf_set_object_stream_mode, (qpdf_data qpdf, enum qpdf_object_stream_e mode), (qpdf, mode))      \
    V(qpdf_set_stream_data_mode, (qpdf_data qpdf, enum qpdf_stream_data_e mode), (qpdf, mode))          \
    V(qpdf_set_compress_streams, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))                      \
    V(qpdf_set_decode_level, (qpdf_data qpdf, enum qpdf_stream_decode_level_e level), (qpdf, level))    \
    V(qpdf_set_preserve_unreferenced_objects, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))         \
    V(qpdf_set_deterministic_ID, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))                      \
    F(QPDF_ERROR_CODE, qpdf_write, (qpdf_data qpdf), (qpdf))                                            \
    F(size_t, qpdf_get_buffer_length, (qpdf_data qpdf), (qpdf))                                         \
    F(unsigned char const *, qpdf_get_buffer, (qpdf_data qpdf), (qpdf))                                 \
    V(qpdf_oh_release, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                                        \
    F(qpdf_oh, qpdf_oh_get_key, (qpdf_data qpdf, qpdf_oh oh, char const *key), (qpdf, oh, key))         \
    V(qpdf_oh_replace_key, (qpdf_data qpdf, qpdf_oh oh, char const *key, qpdf_oh item),                 \
      (qpdf, oh, key, item))                                                                            \
    V(qpdf_oh_remove_key, (qpdf_data qpdf, qpdf_oh oh, char const *key), (qpdf, oh, key))               \
    V(qpdf_oh_begin_dict_key_iter, (qpdf_data qpdf, qpdf_oh dict), (qpdf, dict))                        \
    F(QPDF_BOOL, qpdf_oh_dict_more_keys, (qpdf_data qpdf), (qpdf))                                      \
    F(char const *, qpdf_oh_dict_next_key, (qpdf_data qpdf), (qpdf))                                    \
    F(enum qpdf_object_type_e, qpdf_oh_get_type_code, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))         \
    F(int, qpdf_oh_get_object_id, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                             \
    F(int, qpdf_oh_get_generation, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                            \
    F(qpdf_oh, qpdf_oh_get_dict, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                              \
    F(int, qpdf_oh_get_array_n_items, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                         \
    F(qpdf_oh, qpdf_oh_get_array_item, (qpdf_data qpdf, qpdf_oh oh, int n), (qpdf, oh, n))              \
    V(qpdf_oh_append_item, (qpdf_data qpdf, qpdf_oh oh, qpdf_oh item), (qpdf, oh, item))                \
    F(QPDF_BOOL, qpdf_oh_is_null, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                             \
    F(QPDF_BOOL, qpdf_oh_is_bool, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                             \
    F(QPDF_BOOL, qpdf_oh_is_indirect, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                         \
    F(QPDF_BOOL, qpdf_oh_is_dictionary_of_type,                                                         \
      (qpdf_data qpdf, qpdf_oh oh, char const *type, char const *subtype), (qpdf, oh, type, subtype))   \
    F(QPDF_BOOL, qpdf_oh_get_bool_value, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                      \
    F(long long, qpdf_oh_get_int_value, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                       \
    F(QPDF_BOOL, qpdf_oh_get_value_as_longlong, (qpdf_data qpdf, qpdf_oh oh, long long *value),         \
      (qpdf, oh, value))                                                                                \
    F(QPDF_BOOL, qpdf_oh_get_value_as_name,                                                             \
      (qpdf_data qpdf, qpdf_oh oh, char const **value, size_t *length), (qpdf, oh, value, length))      \
    F(QPDF_BOOL, qpdf_oh_get_value_as_utf8,                                                             \
      (qpdf_data qpdf, qpdf_oh oh, char const **value, size_t *length), (qpdf, oh, value, length))      \
    F(char const *, qpdf_oh_unparse, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                          \
    F(char const *, qpdf_oh_unparse_resolved, (qpdf_data qpdf, qpdf_oh oh), (qpdf, oh))                 \
    F(QPDF_ERROR_CODE, qpdf_oh_get_page_content_data,                                                   \
      (qpdf_data qpdf, qpdf_oh page_oh, unsigned char **bufp, size_t *len), (qpdf, page_oh, bufp, len)) \
    F(qpdf_oh, qpdf_oh_new_null, (qpdf_data qpdf), (qpdf))                                              \
    F(qpdf_oh, qpdf_oh_new_bool, (qpdf_data qpdf, QPDF_BOOL value), (qpdf, value))                      \
    F(qpdf_oh, qpdf_oh_new_integer, (qpdf_data qpdf, long long value), (qpdf, value))                   \
    F(qpdf_oh, qpdf_oh_new_name, (qpdf_data qpdf, char const *name), (qpdf, name))                      \
    F(qpdf_oh, qpdf_oh_new_unicode_string, (qpdf_data qpdf, char const *utf8_str), (qpdf, utf8_str))    \
    F(qpdf_oh, qpdf_oh_new_array, (qpdf_data qpdf), (qpdf))                                             \
    F(qpdf_oh, qpdf_oh_new_dictionary, (qpdf_data qpdf), (qpdf))                                        \
    F(qpdf_oh, qpdf_oh_new_stream, (qpdf_data qpdf), (qpdf))                                            \
    V(qpdf_oh_replace_stream_data,                                                                      \
      (qpdf_data qpdf, qpdf_oh stream_oh, unsigned char const *buf, size_t len, qpdf_oh filter,         \
       qpdf_oh decode_parms),                                                                           \
      (qpdf, stream_oh, buf, len, filter, decode_parms))

/* The library's functions, bound by `load`. */
static struct {
#define POINTER(type, name, parameters, arguments) type(*name) parameters;
#define VOID_POINTER(name, parameters, arguments) void(*name) parameters;
    SCORECARD_QPDF_FUNCTIONS(POINTER, VOID_POINTER)
#undef POINTER
#undef VOID_POINTER
} library;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static pthread_once_t start_once = PTHREAD_ONCE_INIT;
/* 1 once every function is bound (written by `load`, read by the forwarders). */
static int usable;
/* Why loading failed; empty when it did not. Written only inside `load_once`. */
static char failure[1024];
static char loaded_path[4096];
/* 1 when `load` opened the library with RTLD_DEEPBIND. Written only inside `load_once`. */
static int deep_bound;

/* The soname of the headers' major version (qpdf 11 is libqpdf.so.29). */
#if QPDF_MAJOR_VERSION == 11
#define SCORECARD_QPDF_SONAME "libqpdf.so.29"
#else
#define SCORECARD_QPDF_SONAME "libqpdf.so"
#endif

/* Sanitizer runtimes, linked into the executable or preloaded: they refuse RTLD_DEEPBIND. */
extern void __asan_init(void) __attribute__((weak));
extern void __tsan_init(void) __attribute__((weak));
extern void __msan_init(void) __attribute__((weak));

/* Whether libqpdf may be opened with RTLD_DEEPBIND: each of its symbols is then looked up in
 * libqpdf and its own dependencies (libstdc++, GnuTLS, ...) before the process's global scope.
 * Bound the usual way, every one of its ~11,600 symbol relocations first walks the executable and
 * the ~45 libraries of the Pango and cairo stack: 16.8 M instructions for the load, 7.3 M with
 * deep binding (most of a millisecond's difference at every render). What it binds to is the
 * same except where the executable defines a symbol libqpdf also finds in its dependencies; of
 * the executable's exports that is `__snprintf_chk` (CNumberFormatting's, which gives glibc's
 * results), so libqpdf keeps glibc's (and libunistring takes `frexp`/`ldexp` from libc rather than
 * libm: the same functions). Not when the allocator is not glibc's and libstdc++'s own, nor with a
 * library in LD_PRELOAD (a tool that libqpdf's calls must reach; valgrind's are the exception),
 * nor with a sanitizer runtime (which rejects the flag). */
/* Whether the process allocates with glibc's and libstdc++'s own functions: an allocator can also
 * arrive through /etc/ld.so.preload, `ld.so --preload` or the executable itself, without
 * LD_PRELOAD. Deep-bound, libqpdf would allocate with glibc's while the rest of the process frees
 * with the other one (the post-pass frees the page contents libqpdf hands out). */
static int allocator_is_the_libraries_own(void) {
    static const char *const c_names[] = {"malloc", "free", "calloc", "realloc", "posix_memalign",
                                          "aligned_alloc", "memalign", "malloc_usable_size"};
    static const char *const cxx_names[] = {"_Znwm", "_ZdlPv", "_ZdlPvm", "_Znam", "_ZdaPv"};
    void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    void *libstdcxx = dlopen("libstdc++.so.6", RTLD_NOW | RTLD_NOLOAD);
    int same = libc != NULL;
    for (size_t k = 0; same && k < sizeof c_names / sizeof c_names[0]; k++) {
        same = dlsym(RTLD_DEFAULT, c_names[k]) == dlsym(libc, c_names[k]);
    }
    for (size_t k = 0; same && libstdcxx != NULL && k < sizeof cxx_names / sizeof cxx_names[0]; k++) {
        same = dlsym(RTLD_DEFAULT, cxx_names[k]) == dlsym(libstdcxx, cxx_names[k]);
    }
    if (libc != NULL) dlclose(libc);
    if (libstdcxx != NULL) dlclose(libstdcxx);
    return same;
}

static int deep_binding_allowed(void) {
    if (__asan_init != NULL || __tsan_init != NULL || __msan_init != NULL) return 0;
    if (!allocator_is_the_libraries_own()) return 0;
    const char *preload = getenv("LD_PRELOAD");
    if (preload == NULL) return 1;
    /* Valgrind preloads its own helpers but replaces the allocator by redirection, whatever a
     * library binds to: deep binding stays safe there (and callgrind measures the usual load). */
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", preload);
    for (char *save = NULL, *entry = strtok_r(copy, ": ", &save); entry != NULL; entry = strtok_r(NULL, ": ", &save)) {
        if (strstr(entry, "/vgpreload_") == NULL) return 0;
    }
    return strlen(preload) < sizeof copy;
}

static void load(void) {
    const char *names[] = {SCORECARD_QPDF_SONAME, "libqpdf.so"};
    const int flags = RTLD_NOW | RTLD_LOCAL | (deep_binding_allowed() ? RTLD_DEEPBIND : 0);
    void *handle = NULL;
    char first_error[512] = "";
    for (size_t k = 0; k < sizeof names / sizeof names[0] && handle == NULL; k++) {
        handle = dlopen(names[k], flags);
        if (handle == NULL && first_error[0] == 0) {
            const char *why = dlerror();
            snprintf(first_error, sizeof first_error, "%s", why ? why : names[k]);
        }
    }
    deep_bound = handle != NULL && (flags & RTLD_DEEPBIND) != 0;
    if (handle == NULL) {
        snprintf(failure, sizeof failure, "libqpdf could not be loaded (%s); install libqpdf-dev", first_error);
        return;
    }
    struct link_map *map = NULL;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map != NULL && map->l_name != NULL) {
        snprintf(loaded_path, sizeof loaded_path, "%s", map->l_name);
    }
    const char *(*version)(void) = (const char *(*)(void))dlsym(handle, "qpdf_get_qpdf_version");
    const char *found = version ? version() : "";
    if (found == NULL || atoi(found) != QPDF_MAJOR_VERSION) {
        snprintf(failure, sizeof failure, "%s is qpdf %s, but scorecard was built with the headers of qpdf %s",
                 loaded_path[0] ? loaded_path : "libqpdf", found && found[0] ? found : "(unknown)", QPDF_VERSION);
        return;
    }
#define BIND(type, name, parameters, arguments)                                                    \
    *(void **)(&library.name) = dlsym(handle, #name);                                              \
    if (library.name == NULL) {                                                                    \
        snprintf(failure, sizeof failure, "%s has no function %s", loaded_path, #name);           \
        return;                                                                                    \
    }
#define VOID_BIND(name, parameters, arguments) BIND(void, name, parameters, arguments)
    SCORECARD_QPDF_FUNCTIONS(BIND, VOID_BIND)
#undef BIND
#undef VOID_BIND
    __atomic_store_n(&usable, 1, __ATOMIC_RELEASE);
}

static void *load_on_thread(void *unused) {
    (void)unused;
    pthread_once(&load_once, load);
    return NULL;
}

static void start_thread(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) return;
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    /* No thread: the first wait loads the library instead. */
    (void)pthread_create(&thread, &attributes, load_on_thread, NULL);
    pthread_attr_destroy(&attributes);
}

void scorecard_qpdf_start_loading(void) { pthread_once(&start_once, start_thread); }

const char *scorecard_qpdf_wait_until_loaded(void) {
    pthread_once(&load_once, load);
    return __atomic_load_n(&usable, __ATOMIC_ACQUIRE) ? NULL : failure;
}

const char *scorecard_qpdf_loaded_path(void) {
    return scorecard_qpdf_wait_until_loaded() == NULL ? loaded_path : NULL;
}

int scorecard_qpdf_deep_bound(void) {
    return scorecard_qpdf_wait_until_loaded() == NULL ? deep_bound : 0;
}

/* The library's function, or a stop with a message when nobody waited for the library. */
static inline void require_loaded(const char *name) {
    if (__builtin_expect(!__atomic_load_n(&usable, __ATOMIC_ACQUIRE), 0)) {
        fprintf(stderr, "scorecard: %s called before libqpdf was loaded (%s)\n", name,
                failure[0] ? failure : "scorecard_qpdf_wait_until_loaded was not called");
        abort();
    }
}

#define FORWARD(type, name, parameters, arguments)                                                 \
    type name parameters {                                                                         \
        require_loaded(#name);                                                                     \
        return library.name arguments;                                                             \
    }
#define VOID_FORWARD(name, parameters, arguments)                                                  \
    void name parameters {                                                                         \
        require_loaded(#name);                                                                     \
        library.name arguments;                                                                    \
    }
SCORECARD_QPDF_FUNCTIONS(FORWARD, VOID_FORWARD)
