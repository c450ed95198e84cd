/* ui_utf8.h - UTF-8 character arithmetic and word wrapping by measured
 * width. Window-free: the caller supplies the measure. */
#ifndef COMPEL_UI_UTF8_H
#define COMPEL_UI_UTF8_H

/* Width in pixels of the first len bytes of s. */
typedef int (*MeasureFn)(void *ctx, const char *s, int len);

typedef struct WrapLine { int start, len; } WrapLine;

/* Break UTF-8 text into lines no wider than width: at spaces, at '\n'
 * (blank lines are kept as empty lines), and inside words too long for a
 * line (at character boundaries). Leading spaces of a wrapped line and
 * trailing spaces are dropped. Writes at most max lines and returns how
 * many there are in all (which may be more than max). */
int text_wrap(const char *text, int width, MeasureFn measure, void *ctx,
              WrapLine *lines, int max);

/* text_wrap, stopping once more than stop lines are found (stop < 0: never;
 * the count returned is then stop + 1): for text shown on at most stop
 * lines, the rest need not be laid out. */
int text_wrap_upto(const char *text, int width, MeasureFn measure, void *ctx, WrapLine *lines, int max,
                   int stop);

/* Length in bytes of the UTF-8 character starting at s (1 for bad bytes). */
int utf8_char_len(const char *s);

/* Number of UTF-8 characters in the first len bytes of s. */
int utf8_count(const char *s, int len);

/* Byte offset of the n-th character of s (at most len). */
int utf8_offset(const char *s, int len, int n);


#endif
