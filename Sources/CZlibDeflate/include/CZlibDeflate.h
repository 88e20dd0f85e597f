#ifndef SCORECARD_CZLIBDEFLATE_H
#define SCORECARD_CZLIBDEFLATE_H

/*
 * zlib's deflate, as cairo uses it, done by libdeflate.
 *
 * cairo 1.16 compresses every font subset it embeds with zlib at the default level, on the thread
 * that finishes the PDF: at 40 indicators some 5.7 M instructions of a single-threaded render
 * (3%), three to four times what libdeflate needs for the same bytes. This target defines zlib's
 * deflate functions in the executable, so the libraries bound through the process's global scope
 * (cairo) call these; libqpdf, opened with deep binding (CQPDF), keeps zlib's own, and so does
 * every stream started with `deflateInit2_` (libpng's), which is not defined here: zlib's own
 * `deflateInit_` calls it, and must reach zlib's.
 *
 * Contract:
 * - A stream started with `deflateInit_` (zlib wrapper; the code also handles raw and gzip
 *   wrappers) collects its input while `deflate` is called with `Z_NO_FLUSH`, and is
 *   compressed whole by libdeflate at the level asked for on the first `Z_FINISH`; the output
 *   is handed out across calls as `avail_out` allows (`Z_OK` until the last byte, then
 *   `Z_STREAM_END`). `total_in`, `total_out` and `adler` are kept as zlib keeps them. The bytes
 *   differ from zlib's, but inflate to the same data (tests inflate them with zlib).
 * - Any other use of such a stream (a flush other than `Z_NO_FLUSH`/`Z_FINISH`, `deflateParams`,
 *   `deflateSetDictionary`, `deflateCopy`, `deflatePrime`, `deflateTune`, `deflatePending`,
 *   `deflateSetHeader`, `deflateGetDictionary`) turns a stream that has had no input yet into a zlib
 *   stream with the same parameters and forwards the call; after input it returns `Z_STREAM_ERROR`
 *   (zlib could not be handed the input faithfully; cairo and libpng make no such call). Parameters
 *   zlib would refuse go to zlib. Streams zlib started are always forwarded. `deflateBound`
 *   answers for both.
 * - `scorecard_zlib_deflate_is_interposed()` says whether cairo's calls reach these functions
 *   (they do in the executable and in the test binaries).
 */

#include <zlib.h>

int scorecard_zlib_deflate_is_interposed(void);

/* What `deflateInit2_` would do were it defined here: one of our streams with any wrapper (tests). */
int scorecard_zlib_deflate_start(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                                 const char *version, int stream_size);

#endif
