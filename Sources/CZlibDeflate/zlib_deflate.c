#define _GNU_SOURCE
#include "CZlibDeflate.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* See CZlibDeflate.h for the contract. */

/* zlib's own functions, found past the executable's definitions. */
typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);
typedef int (*deflate_fn)(z_streamp, int);
typedef int (*end_fn)(z_streamp);
typedef int (*reset_fn)(z_streamp);
typedef int (*params_fn)(z_streamp, int, int);
typedef int (*dictionary_fn)(z_streamp, const Bytef *, uInt);
typedef int (*get_dictionary_fn)(z_streamp, Bytef *, uInt *);
typedef int (*copy_fn)(z_streamp, z_streamp);
typedef uLong (*bound_fn)(z_streamp, uLong);
typedef int (*prime_fn)(z_streamp, int, int);
typedef int (*tune_fn)(z_streamp, int, int, int, int);
typedef int (*pending_fn)(z_streamp, unsigned *, int *);
typedef int (*header_fn)(z_streamp, gz_headerp);

static struct {
    init2_fn init2;
    deflate_fn deflate;
    end_fn end;
    reset_fn reset;
    params_fn params;
    dictionary_fn set_dictionary;
    get_dictionary_fn get_dictionary;
    copy_fn copy;
    bound_fn bound;
    prime_fn prime;
    tune_fn tune;
    pending_fn pending;
    header_fn set_header;
} zlib;
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;

static void find_zlib(void) {
#define FIND(field, name) *(void **)(&zlib.field) = dlsym(RTLD_NEXT, name)
    FIND(init2, "deflateInit2_");
    FIND(deflate, "deflate");
    FIND(end, "deflateEnd");
    FIND(reset, "deflateReset");
    FIND(params, "deflateParams");
    FIND(set_dictionary, "deflateSetDictionary");
    FIND(get_dictionary, "deflateGetDictionary");
    FIND(copy, "deflateCopy");
    FIND(bound, "deflateBound");
    FIND(prime, "deflatePrime");
    FIND(tune, "deflateTune");
    FIND(pending, "deflatePending");
    FIND(set_header, "deflateSetHeader");
#undef FIND
}

static void need_zlib(void) {
    pthread_once(&zlib_once, find_zlib);
    if (zlib.init2 == NULL || zlib.deflate == NULL || zlib.end == NULL) abort(); /* libz is linked */
}

/* Our stream state. Its first two fields stand where zlib keeps the stream's back pointer and its
 * status: `status` holds a value zlib never uses, so zlib itself refuses the state (its state
 * check fails) instead of misreading it, and we tell ours apart by it. */
enum { OUR_STATUS = 0x5C0DEF1A };

/* A stream `deflateInit_` started: zlib wrapper, the default window, memory level and strategy. */
struct collected {
    z_streamp strm;
    int status;
    int level;
    unsigned char *input;
    size_t input_length, input_capacity;
    unsigned char *output;
    size_t output_length, output_position;
    int compressed;
};

static struct collected *ours(z_streamp strm) {
    if (strm == NULL || strm->state == NULL) return NULL;
    struct collected *c = (struct collected *)(void *)strm->state;
    return c->status == OUR_STATUS && c->strm == strm ? c : NULL;
}

/* Compressors by level, kept for reuse (making one costs more than compressing a font). */
enum { POOL_PER_LEVEL = 4 };
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct libdeflate_compressor *pool[13][POOL_PER_LEVEL];

static struct libdeflate_compressor *take_compressor(int level) {
    pthread_mutex_lock(&pool_lock);
    struct libdeflate_compressor *found = NULL;
    for (int k = 0; k < POOL_PER_LEVEL && found == NULL; k++) {
        if (pool[level][k] != NULL) {
            found = pool[level][k];
            pool[level][k] = NULL;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    return found != NULL ? found : libdeflate_alloc_compressor(level);
}

static void give_compressor(struct libdeflate_compressor *compressor, int level) {
    pthread_mutex_lock(&pool_lock);
    for (int k = 0; k < POOL_PER_LEVEL; k++) {
        if (pool[level][k] == NULL) {
            pool[level][k] = compressor;
            compressor = NULL;
            break;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    if (compressor != NULL) libdeflate_free_compressor(compressor);
}

static void free_collected(struct collected *c) {
    free(c->input);
    free(c->output);
    free(c);
}

/* Not defined here: `deflateInit2_`. zlib's own `deflateInit_` calls it through its PLT, so a
 * stream begun by zlib's `deflateInit_` (libqpdf's, when it is deep-bound under glibc's allocator)
 * would have become ours halfway. libpng, the one caller of `deflateInit2_` here, keeps zlib for
 * PNG previews. */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    need_zlib();
    if (level == Z_DEFAULT_COMPRESSION) level = 6;
    /* Whatever zlib would refuse, zlib refuses. */
    if (strm == NULL || version == NULL || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream) ||
        level < 0 || level > 9) {
        return zlib.init2(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
    }
    struct collected *c = calloc(1, sizeof *c);
    if (c == NULL) return Z_MEM_ERROR;
    c->strm = strm;
    c->status = OUR_STATUS;
    c->level = level;
    strm->state = (struct internal_state *)(void *)c;
    strm->total_in = strm->total_out = 0;
    strm->msg = Z_NULL;
    strm->data_type = Z_UNKNOWN;
    strm->adler = adler32(0L, Z_NULL, 0);
    return Z_OK;
}

/* Makes `strm`, one of ours that has been given no input yet, a zlib stream with the same
 * parameters: for the uses only zlib serves. Once input has been collected, zlib could not be
 * given it back faithfully (it may already have had to write), so such a use is refused with
 * Z_STREAM_ERROR; neither cairo nor libpng makes one. */
static int hand_to_zlib(z_streamp strm, struct collected *c) {
    if (c->compressed || c->input_length > 0) return Z_STREAM_ERROR;
    strm->state = NULL;
    int status = zlib.init2(strm, c->level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            (int)sizeof(z_stream));
    free_collected(c);
    return status;
}

int deflate(z_streamp strm, int flush) {
    need_zlib();
    struct collected *c = ours(strm);
    if (c == NULL) return zlib.deflate(strm, flush);
    if (flush != Z_NO_FLUSH && flush != Z_FINISH) {
        int status = hand_to_zlib(strm, c);
        return status == Z_OK ? zlib.deflate(strm, flush) : status;
    }
    if (strm->next_out == NULL || (strm->avail_in != 0 && strm->next_in == NULL)) return Z_STREAM_ERROR;
    if (c->compressed && strm->avail_in != 0) return Z_STREAM_ERROR;
    int progress = 0;
    if (strm->avail_in > 0) {
        size_t needed = c->input_length + strm->avail_in;
        if (needed > c->input_capacity) {
            size_t capacity = c->input_capacity ? c->input_capacity : 16384;
            while (capacity < needed) capacity *= 2;
            unsigned char *grown = realloc(c->input, capacity);
            if (grown == NULL) return Z_MEM_ERROR;
            c->input = grown;
            c->input_capacity = capacity;
        }
        memcpy(c->input + c->input_length, strm->next_in, strm->avail_in);
        c->input_length += strm->avail_in;
        strm->adler = adler32(strm->adler, strm->next_in, strm->avail_in);
        strm->total_in += strm->avail_in;
        strm->next_in += strm->avail_in;
        strm->avail_in = 0;
        progress = 1;
    }
    if (flush == Z_NO_FLUSH) return progress ? Z_OK : Z_BUF_ERROR;
    if (!c->compressed) {
        struct libdeflate_compressor *compressor = take_compressor(c->level);
        if (compressor == NULL) return Z_MEM_ERROR;
        size_t bound = libdeflate_zlib_compress_bound(compressor, c->input_length);
        c->output = malloc(bound);
        if (c->output == NULL) {
            give_compressor(compressor, c->level);
            return Z_MEM_ERROR;
        }
        c->output_length = libdeflate_zlib_compress(compressor, c->input, c->input_length, c->output, bound);
        give_compressor(compressor, c->level);
        if (c->output_length == 0) return Z_STREAM_ERROR;
        c->output_position = 0;
        c->compressed = 1;
        free(c->input);
        c->input = NULL;
        c->input_capacity = 0;
    }
    size_t left = c->output_length - c->output_position;
    if (left > 0) {
        if (strm->avail_out == 0) return Z_BUF_ERROR;
        size_t n = left < strm->avail_out ? left : strm->avail_out;
        memcpy(strm->next_out, c->output + c->output_position, n);
        c->output_position += n;
        strm->next_out += n;
        strm->avail_out -= (uInt)n;
        strm->total_out += n;
        left -= n;
    }
    return left == 0 ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm) {
    need_zlib();
    struct collected *c = ours(strm);
    if (c == NULL) return zlib.end(strm);
    int unfinished = !c->compressed && c->input_length > 0;
    free_collected(c);
    strm->state = NULL;
    return unfinished ? Z_DATA_ERROR : Z_OK;
}

int deflateReset(z_streamp strm) {
    need_zlib();
    struct collected *c = ours(strm);
    if (c == NULL) return zlib.reset(strm);
    free(c->input);
    free(c->output);
    c->input = c->output = NULL;
    c->input_length = c->input_capacity = c->output_length = c->output_position = 0;
    c->compressed = 0;
    strm->total_in = strm->total_out = 0;
    strm->msg = Z_NULL;
    strm->data_type = Z_UNKNOWN;
    strm->adler = adler32(0L, Z_NULL, 0);
    return Z_OK;
}

uLong deflateBound(z_streamp strm, uLong sourceLen) {
    need_zlib();
    struct collected *c = ours(strm);
    if (c == NULL) return zlib.bound(strm, sourceLen);
    /* libdeflate's bound for any level. */
    return (uLong)libdeflate_zlib_compress_bound(NULL, sourceLen);
}

/* The uses only zlib serves: the stream becomes a zlib stream first. */
#define FORWARD(call)                                        \
    need_zlib();                                             \
    struct collected *c = ours(strm);                        \
    if (c != NULL) {                                         \
        int status = hand_to_zlib(strm, c);                  \
        if (status != Z_OK) return status;                   \
    }                                                        \
    return call

int deflateParams(z_streamp strm, int level, int strategy) { FORWARD(zlib.params(strm, level, strategy)); }
int deflateSetDictionary(z_streamp strm, const Bytef *dictionary, uInt dictLength) {
    FORWARD(zlib.set_dictionary(strm, dictionary, dictLength));
}
int deflateGetDictionary(z_streamp strm, Bytef *dictionary, uInt *dictLength) {
    FORWARD(zlib.get_dictionary(strm, dictionary, dictLength));
}
int deflatePrime(z_streamp strm, int bits, int value) { FORWARD(zlib.prime(strm, bits, value)); }
int deflateTune(z_streamp strm, int good_length, int max_lazy, int nice_length, int max_chain) {
    FORWARD(zlib.tune(strm, good_length, max_lazy, nice_length, max_chain));
}
int deflatePending(z_streamp strm, unsigned *pending, int *bits) { FORWARD(zlib.pending(strm, pending, bits)); }
int deflateSetHeader(z_streamp strm, gz_headerp head) { FORWARD(zlib.set_header(strm, head)); }

int deflateCopy(z_streamp dest, z_streamp source) {
    need_zlib();
    z_streamp strm = source;
    struct collected *c = ours(strm);
    if (c != NULL) {
        int status = hand_to_zlib(strm, c);
        if (status != Z_OK) return status;
    }
    return zlib.copy(dest, source);
}

int scorecard_zlib_deflate_is_interposed(void) {
    return dlsym(RTLD_DEFAULT, "deflate") == (void *)&deflate;
}
