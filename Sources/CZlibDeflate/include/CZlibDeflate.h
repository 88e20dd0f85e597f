#ifndef SCORECARD_CZLIBDEFLATE_H
#define SCORECARD_CZLIBDEFLATE_H

/*
 * zlib's deflate, as cairo uses it, done by libdeflate.
 *
 * cairo 1.16 compresses every font subset it embeds with zlib at the default level, on the thread
 * that finishes the PDF: at 40 indicators some 5.7 M instructions of a single-threaded render
 * (3%), three to four times what libdeflate needs for the same bytes. This target defines zlib's
 * deflate functions in the executable, so the libraries bound through the process's global scope
 * (cairo) call these. libqpdf keeps zlib's own only when it is deep-bound (CQPDF), which it is not
 * under mimalloc, the executable's allocator: its streams (object streams, cross-reference
 * streams, ToUnicode maps) are compressed by these too. Every stream started with `deflateInit2_`
 * (libpng's) keeps zlib: it is not defined here, as zlib's own `deflateInit_` calls it and must
 * reach zlib's.
 *
 * Contract:
 * - A stream started with `deflateInit_` collects its input while `deflate` is called with
 *   `Z_NO_FLUSH`, and is compressed whole (zlib format) by libdeflate at the level asked for on the
 *   first `Z_FINISH`; the output
 *   is handed out across calls as `avail_out` allows (`Z_OK` until the last byte, then
 *   `Z_STREAM_END`). `total_in`, `total_out` and `adler` are kept as zlib keeps them. The bytes
 *   differ from zlib's, but inflate to the same data (tests inflate them with zlib).
 * - Any other use of such a stream (a flush other than `Z_NO_FLUSH`/`Z_FINISH`, `deflateParams`,
 *   `deflateSetDictionary`, `deflateCopy`, `deflatePrime`, `deflateTune`, `deflatePending`,
 *   `deflateSetHeader`, `deflateGetDictionary`) turns a stream that has had no input yet into a zlib
 *   stream with the same parameters and forwards the call; after input it returns `Z_STREAM_ERROR`
 *   (zlib could not be handed the input faithfully; cairo makes no such call). A level zlib would
 *   refuse goes to zlib. Streams zlib started are always forwarded. `deflateBound`
 *   answers for both.
 * - `scorecard_zlib_deflate_is_interposed()` says whether cairo's calls reach these functions
 *   (they do in the executable and in the test binaries).
 */

#include <zlib.h>

int scorecard_zlib_deflate_is_interposed(void);

#endif
