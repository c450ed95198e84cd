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

/* Wrap one paragraph [pos, end) of text (no '\n' inside). */
static void wrap_paragraph(const char *text, int pos, int end, int width, MeasureFn measure,
                           void *ctx, WrapLine *lines, int max, int *n)
{
    int s = pos;
    bool any = false;
    while (s < end) {
        while (s < end && text[s] == ' ')
            s++;
        if (s >= end)
            break;
        int line_end = s, i = s;
        while (i < end) {
            int ws = i;
            while (ws < end && text[ws] == ' ')
                ws++;
            int we = ws;
            while (we < end && text[we] != ' ')
                we++;
            if (we == ws || measure(ctx, text + s, we - s) > width)
                break;
            line_end = i = we;
        }
        if (line_end == s) {
            /* A word wider than the line: break it between characters. */
            int we = s;
            while (we < end && text[we] != ' ')
                we++;
            int k = s + utf8_char_len(text + s);
            while (k < we) {
                int nk = k + utf8_char_len(text + k);
                if (measure(ctx, text + s, nk - s) > width)
                    break;
                k = nk;
            }
            line_end = k < we ? k : we;
        }
        emit(lines, max, n, s, line_end - s);
        any = true;
        s = line_end;
    }
    if (!any)
        emit(lines, max, n, pos, 0);
}

int text_wrap(const char *text, int width, MeasureFn measure, void *ctx, WrapLine *lines, int max)
{
    int n = 0, len = (int)strlen(text), pos = 0;
    if (width < 1)
        width = 1;
    while (pos < len) {
        int end = pos;
        while (end < len && text[end] != '\n')
            end++;
        int e = end;
        if (e > pos && text[e - 1] == '\r')
            e--;
        wrap_paragraph(text, pos, e, width, measure, ctx, lines, max, &n);
        pos = end + 1;
    }
    /* Trailing blank lines carry nothing. */
    while (n > 0 && n <= max && lines[n - 1].len == 0)
        n--;
    return n;
}
