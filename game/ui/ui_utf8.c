/* ui_utf8.c - UTF-8 character arithmetic and word
 * wrapping by measured width (the measure comes from the caller, so the
 * unit tests wrap without a font). */
#include <stdbool.h>
#include <string.h>

#include "ui_utf8.h"

int utf8_char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (int i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

int utf8_count(const char *s, int len)
{
    int n = 0;
    for (int i = 0; i < len; i += utf8_char_len(s + i))
        n++;
    return n;
}

int utf8_offset(const char *s, int len, int n)
{
    int i = 0;
    while (i < len && n-- > 0)
        i += utf8_char_len(s + i);
    return i < len ? i : len;
}

static void emit(WrapLine *lines, int max, int *n, int start, int len)
{
    if (*n < max) {
        lines[*n].start = start;
        lines[*n].len = len;
    }
    (*n)++;
}

/* The end of the longest run [s, e) of whole characters, at most lim, that
 * is no wider than width; at least one character. Searched by doubling then
 * halving, so it measures O(log n) strings no longer than about twice what
 * fits: the cost of a line never depends on how much text follows it (a
 * 10 MB word used to be measured whole for every line it filled). */
static int fit_end(const char *text, int s, int lim, int width, MeasureFn measure, void *ctx)
{
    int lo = s + utf8_char_len(text + s);   /* one character always goes on the line */
    if (lo >= lim)
        return lim;
    int hi = lim, step = 16;
    for (;;) {
        int cand = lo;
        for (int k = 0; k < step && cand < lim; k++)
            cand += utf8_char_len(text + cand);
        if (measure(ctx, text + s, cand - s) > width) {
            hi = cand;
            break;
        }
        lo = cand;
        if (lo >= lim)
            return lim;
        step *= 2;
    }
    /* lo fits, hi does not: halve between them on character boundaries */
    for (;;) {
        int mid = lo + (hi - lo) / 2;
        while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--;
        if (mid <= lo)
            mid = lo + utf8_char_len(text + lo);
        if (mid >= hi)
            return lo;
        if (measure(ctx, text + s, mid - s) > width)
            hi = mid;
        else
            lo = mid;
    }
}

/* Wrap one paragraph [pos, end) of text (no '\n' inside): each line is the
 * longest run that fits, cut back to its last space when there is one (a
 * word too long for any line is broken between characters). */
static void wrap_paragraph(const char *text, int pos, int end, int width, MeasureFn measure,
                           void *ctx, WrapLine *lines, int max, int *n, int stop)
{
    int s = pos;
    bool any = false;
    while (s < end && (stop < 0 || *n <= stop)) {
        while (s < end && text[s] == ' ')
            s++;
        if (s >= end)
            break;
        int fit = fit_end(text, s, end, width, measure, ctx);
        int line_end = fit;
        if (fit < end && text[fit] != ' ') {
            int sp = fit;
            while (sp > s && text[sp - 1] != ' ')
                sp--;
            if (sp > s)
                line_end = sp;   /* the last word that fits whole */
        }
        while (line_end > s && text[line_end - 1] == ' ')
            line_end--;
        emit(lines, max, n, s, line_end - s);
        any = true;
        s = line_end > s ? line_end : fit;
    }
    if (!any)
        emit(lines, max, n, pos, 0);
}

int text_wrap(const char *text, int width, MeasureFn measure, void *ctx, WrapLine *lines, int max)
{
    return text_wrap_upto(text, width, measure, ctx, lines, max, -1);
}

int text_wrap_upto(const char *text, int width, MeasureFn measure, void *ctx, WrapLine *lines, int max,
                   int stop)
{
    int n = 0, len = (int)strlen(text), pos = 0;
    if (width < 1)
        width = 1;
    while (pos < len && (stop < 0 || n <= stop)) {
        int end = pos;
        while (end < len && text[end] != '\n')
            end++;
        int e = end;
        if (e > pos && text[e - 1] == '\r')
            e--;
        wrap_paragraph(text, pos, e, width, measure, ctx, lines, max, &n, stop);
        pos = end + 1;
    }
    /* Trailing blank lines carry nothing. */
    while (n > 0 && n <= max && lines[n - 1].len == 0)
        n--;
    return n;
}
