#ifndef SCORECARD_CQPDF_H
#define SCORECARD_CQPDF_H

/*
 * libqpdf's C API, loaded when the post-pass first needs it instead of when the process starts.
 *
 * libqpdf and what it pulls in (GnuTLS, Nettle, GMP, p11-kit, libunistring, libtasn1, ...) are
 * linked with immediate binding: loading them at start-up resolved some 3,000 symbols and ran
 * GnuTLS's initialiser before `main`, about 3.5 ms of every run on the benchmark machine, while
 * the post-pass only starts after parsing, layout and drawing. This target is not linked against
 * libqpdf: it defines the `qpdf_*` functions the post-pass calls (declared by <qpdf/qpdf-c.h>, so
 * the compiler checks every signature) as forwarders to the library's own, which
 * `scorecard_qpdf_start_loading` opens with `dlopen` on a thread of its own while the caller goes
 * on.
 *
 * Contract:
 * - `scorecard_qpdf_start_loading` may be called any number of times, from any thread; only the
 *   first starts the loading thread (if no thread can be made, loading waits for the first
 *   `scorecard_qpdf_wait_until_loaded`).
 * - `scorecard_qpdf_wait_until_loaded` returns once the library is loaded (loading it on the
 *   calling thread if nobody has started), and from then on at once. It returns NULL when every
 *   function below is bound, or a message saying what failed (no libqpdf, a missing function, a
 *   libqpdf of another major version than the headers), the same message on every call.
 * - Calling a `qpdf_*` function before `scorecard_qpdf_wait_until_loaded` returned NULL is a
 *   programming error: the process stops with a message.
 * - The library is looked for under the soname of the headers' major version, then as
 *   "libqpdf.so" (the development link). The executable no longer names libqpdf among the
 *   libraries it needs (ELF NEEDED), so tools that derive package dependencies from it do not see
 *   libqpdf29: `make` installs it (through libqpdf-dev).
 * - The forwarders are not exported from the executable (qpdf_loader.c), so libqpdf's calls to its
 *   own functions bind inside libqpdf.
 * - The library is opened with RTLD_DEEPBIND (its symbols looked up in libqpdf and its own
 *   dependencies first) unless the process's allocator functions are not glibc's and libstdc++'s
 *   own (however the other allocator arrived), a library other than valgrind's is in LD_PRELOAD,
 *   or a sanitizer runtime is present; `scorecard_qpdf_deep_bound` says which, after a successful
 *   wait.
 */

#include <qpdf/qpdf-c.h>

/// Starts loading libqpdf on a thread of its own (once per process).
void scorecard_qpdf_start_loading(void);

/// Waits until libqpdf is loaded: NULL when it is usable, else why not.
const char *scorecard_qpdf_wait_until_loaded(void);

/// The file the library was loaded from (after a successful wait), for diagnostics and tests.
const char *scorecard_qpdf_loaded_path(void);

/// 1 when the library was opened with RTLD_DEEPBIND, 0 when not or not loaded (after a wait).
int scorecard_qpdf_deep_bound(void);

#endif
