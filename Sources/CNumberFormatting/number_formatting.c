#define _GNU_SOURCE
#include "number_formatting.h"

#include <dlfcn.h>
#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* glibc's checked vsnprintf: the fallback for every format not handled here. */
extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

static const uint64_t powers_of_ten[19] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL,
};

int scorecard_format_fixed(char *out, double value, int precision) {
    if (precision < 0 || precision > 18 || !isfinite(value)) return -1;
    const char *radix = nl_langinfo(RADIXCHAR);
    if (radix[0] != '.' || radix[1] != '\0') return -1;
    if (fegetround() != FE_TONEAREST) return -1;

    /* value = ±mantissa × 2^exponent exactly. */
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int negative = (int)(bits >> 63);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t mantissa = bits & ((1ULL << 52) - 1);
    int exponent;
    if (biased == 0) {
        exponent = -1074;
    } else {
        mantissa |= 1ULL << 52;
        exponent = biased - 1075;
    }

    /* scaled = |value| × 10^precision = mantissa × 10^precision × 2^exponent, below 2^113 before
       the shift; rounded half to even on the exact remainder. */
    unsigned __int128 scaled = (unsigned __int128)mantissa * powers_of_ten[precision];
    if (exponent >= 0) {
        if (exponent > 10) return -1; /* 2^63 and above: glibc's */
        scaled <<= exponent;
    } else if (-exponent >= 127) {
        scaled = 0; /* far below one unit in the last place, and below half of it */
    } else {
        int shift = -exponent;
        unsigned __int128 quotient = scaled >> shift;
        unsigned __int128 remainder = scaled & ((((unsigned __int128)1) << shift) - 1);
        unsigned __int128 half = ((unsigned __int128)1) << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1))) quotient += 1;
        scaled = quotient;
    }

    char digits[48];
    int count = 0;
    /* Digits by 128-bit division only while the value needs more than 64 bits (rarely: cairo's
       numbers are a few thousand at 6 decimals); 64-bit division by 10 is a multiplication. */
    while (scaled > UINT64_MAX) {
        digits[count++] = (char)('0' + (int)(scaled % 10));
        scaled /= 10;
    }
    uint64_t small = (uint64_t)scaled;
    do {
        digits[count++] = (char)('0' + (int)(small % 10));
        small /= 10;
    } while (small != 0);
    while (count < precision + 1) digits[count++] = '0';

    int length = 0;
    if (negative) out[length++] = '-';
    for (int k = count - 1; k >= precision; k--) out[length++] = digits[k];
    if (precision > 0) {
        out[length++] = '.';
        for (int k = precision - 1; k >= 0; k--) out[length++] = digits[k];
    }
    return length;
}

/* `value` in decimal, zero-padded to `width` digits; -1 for a padded negative (glibc's). */
static int format_long(char *out, long value, int width) {
    if (value < 0 && width > 0) return -1;
    char digits[24];
    int count = 0;
    unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    while (count < width) digits[count++] = '0';
    int length = 0;
    if (value < 0) out[length++] = '-';
    while (count > 0) out[length++] = digits[--count];
    return length;
}

/* The formats cairo writes numbers with (and "%010ld", its cross-reference offsets); -1 for any other (or when the value is outside the fast path). */
static int format_fast(char *out, const char *format, va_list ap) {
    if (format[0] != '%') return -1;
    /* Told apart by their second character, then checked whole ("%f", nearly every call, first;
     * the integers next: cairo writes glyph ids, MCIDs and object numbers with "%d"). */
    switch (format[1]) {
    case 'f':
        if (format[2] == '\0') return scorecard_format_fixed(out, va_arg(ap, double), 6);
        return -1;
    case 'd':
        if (format[2] == '\0') return format_long(out, va_arg(ap, int), 0);
        return -1;
    case 'l':
        if (format[2] == 'd' && format[3] == '\0') return format_long(out, va_arg(ap, long), 0);
        return -1;
    case '.':
        if (strcmp(format, "%.18f") == 0) return scorecard_format_fixed(out, va_arg(ap, double), 18);
        if (strcmp(format, "%.*f") == 0) {
            int precision = va_arg(ap, int);
            return scorecard_format_fixed(out, va_arg(ap, double), precision);
        }
        return -1;
    case '0':
        if (strcmp(format, "%010ld") == 0) return format_long(out, va_arg(ap, long), 10);
        return -1;
    default:
        return -1;
    }
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int length = -1;
    /* maxlen > slen is an overflow glibc reports (and aborts on): leave it to glibc. */
    if (maxlen <= slen) {
        char text[64];
        va_list arguments;
        va_copy(arguments, ap);
        length = format_fast(text, format, arguments);
        va_end(arguments);
        if (length >= 0 && maxlen > 0) {
            size_t copied = (size_t)length < maxlen - 1 ? (size_t)length : maxlen - 1;
            memcpy(s, text, copied);
            s[copied] = '\0';
        }
    }
    if (length < 0) length = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return length;
}

int scorecard_snprintf_double(char *buffer, size_t size, const char *format, double value) {
    return __snprintf_chk(buffer, size, 1, size, format, value);
}

int scorecard_snprintf_int(char *buffer, size_t size, const char *format, int value) {
    return __snprintf_chk(buffer, size, 1, size, format, value);
}

int scorecard_snprintf_precision(char *buffer, size_t size, int precision, double value) {
    return __snprintf_chk(buffer, size, 1, size, "%.*f", precision, value);
}

int scorecard_snprintf_long(char *buffer, size_t size, const char *format, long value) {
    return __snprintf_chk(buffer, size, 1, size, format, value);
}

int scorecard_snprintf_is_interposed(void) {
    return dlsym(RTLD_DEFAULT, "__snprintf_chk") == (void *)&__snprintf_chk;
}
