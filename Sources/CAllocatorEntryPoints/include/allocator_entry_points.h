#ifndef SCORECARD_ALLOCATOR_ENTRY_POINTS_H
#define SCORECARD_ALLOCATOR_ENTRY_POINTS_H

#include <stddef.h>

/*
 * Allocation entry points that some allocators leave out, defined once in the executable on top of
 * `realloc`, so that they use whichever allocator the process has.
 *
 * The `scorecard` executable links mimalloc, which defines every entry point glibc has. An allocator
 * preloaded in front of it (`LD_PRELOAD`, `ld.so --preload`, /etc/ld.so.preload: jemalloc 5.3,
 * tcmalloc 2.10) defines `malloc`, `free` and `realloc` but not `reallocarray`, which libp11-kit,
 * libbsd and libX11 import: it then resolved to mimalloc's, which would reallocate a block of the
 * preloaded allocator with mimalloc (a crash). The executable comes first in the lookup of every
 * library, so this definition is the one they all get.
 *
 * Contract: `reallocarray(p, n, size)` is `realloc(p, n * size)`, except that when the product
 * overflows it returns NULL with errno ENOMEM and leaves `p` as it was (as glibc's does).
 */
void *reallocarray(void *pointer, size_t count, size_t size);

#endif
