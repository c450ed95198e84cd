/* wrap.c - word wrapping by columns for text printed to a terminal. */
#include "compel/common.h"

#include <string.h>

void wrap_columns(FILE *out, const char *text, int width, int indent, const char *first)
{
    int avail = width - indent > 20 ? width - indent : 20;
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
            if (first)
                fprintf(out, "%-*s%.*s\n", indent, first, (int)(stop - q), q);
            else
                fprintf(out, "%*s%.*s\n", indent, "", (int)(stop - q), q);
            first = NULL;
            q = stop;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
}
