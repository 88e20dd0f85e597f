#ifndef SCORECARD_NUMBER_FORMATTING_H
#define SCORECARD_NUMBER_FORMATTING_H

#include <stddef.h>

/*
 * Fast, exact number formatting for cairo's PDF writer.
 *
 * cairo 1.16 writes every number of a PDF page (coordinates, the text matrix, marked-content ids)
 * through snprintf: "%f" (or "%.18f" then "%.*f" for |x| < 0.1) for reals and "%d" for integers.
 * glibc's general printf made that an eighth of all the work of a 2,000-indicator scorecard
 * (bench/PROFILE.md). This target defines `__snprintf_chk`, the entry point cairo (built with
 * _FORTIFY_SOURCE) calls; the executable exports it, so it is found before glibc's for every library
 * in the process. It formats exactly those four formats (and "%ld" and "%010ld", the cross-reference table's) itself and hands everything else to glibc.
 *
 * Contract: for every format and argument the output and return value are byte for byte glibc's.
 * For the real formats the fast path is taken only when the decimal point of the current locale is
 * "." and the rounding mode is to-nearest (glibc's digits are the exact decimal value of the double, rounded half to
 * even, which is what `scorecard_format_fixed` computes with 128-bit integers); any other case,
 * including values of 2^63 or more, goes to glibc's `__vsnprintf_chk`.
 */

/// Writes `value` with `precision` (0…18) digits after the point, as printf's "%.<precision>f" does,
/// into `out` (at least 64 bytes), without a terminating NUL. Returns the length, or -1 when the
/// value or settings are outside the fast path (then nothing is written).
int scorecard_format_fixed(char *out, double value, int precision);

/// Calls this target's `__snprintf_chk` with one double argument (for tests).
int scorecard_snprintf_double(char *buffer, size_t size, const char *format, double value);

/// Calls this target's `__snprintf_chk` with one int argument (for tests).
int scorecard_snprintf_int(char *buffer, size_t size, const char *format, int value);

/// Calls this target's `__snprintf_chk` with the format "%.*f", `precision` and `value` (for tests).
int scorecard_snprintf_precision(char *buffer, size_t size, int precision, double value);

/// Calls this target's `__snprintf_chk` with one long argument (for tests).
int scorecard_snprintf_long(char *buffer, size_t size, const char *format, long value);

/// 1 when the `__snprintf_chk` other libraries bind to is this target's, else 0.
int scorecard_snprintf_is_interposed(void);

#endif
