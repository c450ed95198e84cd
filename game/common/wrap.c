/* wrap.c - word wrapping by columns for text printed to a terminal. */
#include "compel/common.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The columns a UTF-8 string takes (one per character). */
static int columns(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The columns left on a line after a lead of lead columns (at least 20). */
static int room(int width, int lead)
{
    return width - lead > 20 ? width - lead : 20;
}

/* A no-break space joins what must stay on one line, such as a meter's
 * label and value; it is printed as a plain space. */
static void emit(FILE *out, const char *lead, int indent, const char *q, const char *stop)
{
    if (lead)
        fputs(lead, out);
    else
        fprintf(out, "%*s", indent, "");
    for (const char *c = q; c < stop; c++) {
        if (c + 1 < stop && memcmp(c, COMPEL_NBSP, 2) == 0) {
            fputc(' ', out);
            c++;
        } else {
            fputc(*c, out);
        }
    }
    fputc('\n', out);
}

void wrap_columns(FILE *out, const char *text, int width, int indent, const char *first)
{
    int avail = room(width, first ? columns(first) : indent);
    const char *p = text;
    while (*p) {
        /* one paragraph line at a time: authors' newlines are kept */
        const char *eol = strchr(p, '\n');
        size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
        const char *q = p, *end = p + linelen;
        if (q == end)
            fputc('\n', out);
        while (q < end) {
            while (q < end && *q == ' ')
                q++;
            if (q >= end)
                break;
            const char *brk = NULL, *r = q;
            size_t cols = 0;
            while (r < end) {
                if (*r == ' ')
                    brk = r;
                if (((unsigned char)*r & 0xC0) != 0x80 && ++cols > (size_t)avail)
                    break;
                r++;
            }
            const char *stop = r >= end ? end : (brk && brk > q ? brk : r);
            if (stop != end && stop == r) {
                /* a word longer than the line: split at a character boundary */
                while (stop > q && ((unsigned char)*stop & 0xC0) == 0x80)
                    stop--;
            }
            emit(out, first, indent, q, stop);
            first = NULL;
            avail = room(width, indent);
            q = stop;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
}

void wrap_printf(FILE *out, int width, int indent, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        vsnprintf(text, (size_t)n + 1, fmt, again);
        /* the text's own leading spaces start its first line */
        size_t lead = strspn(text, " ");
        char first[64];
        snprintf(first, sizeof first, "%*s", (int)(lead < sizeof first ? lead : sizeof first - 1), "");
        wrap_columns(out, text + lead, width, indent, first);
    }
    va_end(again);
    free(text);
}

const char *points_word(int n)
{
    return n == 1 || n == -1 ? "point" : "points";
}
