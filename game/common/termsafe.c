/* termsafe.c - what the program prints can never drive the terminal. Scenario
 * text, names and file contents reach standard output and standard error
 * through many printf calls; instead of trusting each of them, both streams
 * pass through a filter that replaces every control character a terminal
 * would obey (ESC, BEL, a lone CR, DEL, the C1 range; see textsafe.h) with
 * U+FFFD. Newlines, TABs and CRLF line ends (CSV) pass unchanged; JSON output never holds a raw control
 * character (cJSON escapes them), so it is unaffected. */
#define _GNU_SOURCE
#include "compel/common.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compel/textsafe.h"

typedef struct Filter {
    int fd;
    unsigned char held;   /* 0xC2 or '\r': the next byte decides (see pair_ok) */
    bool holding;
} Filter;

static const char replacement[] = "\xEF\xBF\xBD";

static bool put(int fd, const char *b, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        b += w;
        n -= (size_t)w;
    }
    return true;
}

/* Whether the byte after a held one makes a harmless pair: 0xC2 starts a
 * C1 control only before 0x80..0x9F; a carriage return is a line end (CSV's
 * CRLF) only before a newline. */
static bool pair_ok(unsigned char held, unsigned char next)
{
    return held == 0xC2 ? !(next >= 0x80 && next <= 0x9F) : next == '\n';
}

static ssize_t filter_write(void *cookie, const char *buf, size_t size)
{
    Filter *f = cookie;
    char out[4096 + 8];
    size_t n = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (f->holding) {
            f->holding = false;
            if (pair_ok(f->held, c)) {
                out[n++] = (char)f->held;
            } else {
                memcpy(out + n, replacement, 3);
                n += 3;
                if (f->held == 0xC2)
                    continue;   /* the C1 control's second byte goes with it */
            }
        }
        if (c == 0xC2 || c == '\r') {
            f->holding = true;
            f->held = c;
        } else if (c < 0x80 && text_is_control(c)) {   /* a raw byte >= 0x80 is part of a character */
            memcpy(out + n, replacement, 3);
            n += 3;
        } else {
            out[n++] = (char)c;
        }
        if (n >= 4096) {
            if (!put(f->fd, out, n))
                return -1;
            n = 0;
        }
    }
    if (n > 0 && !put(f->fd, out, n))
        return -1;
    return (ssize_t)size;
}

static int filter_close(void *cookie)
{
    Filter *f = cookie;
    if (f->holding)
        (void)put(f->fd, f->held == 0xC2 ? "\xC2" : replacement, f->held == 0xC2 ? 1 : 3);
    f->holding = false;
    return 0;
}

static FILE *filtered(Filter *f, int fd, int mode)
{
    f->fd = fd;
    f->holding = false;
    cookie_io_functions_t io = {NULL, filter_write, NULL, filter_close};
    FILE *s = fopencookie(f, "w", io);
    if (s)
        setvbuf(s, NULL, mode, mode == _IONBF ? 0 : BUFSIZ);
    return s;
}

void term_safe_streams(void)
{
    static Filter out_filter, err_filter;
    fflush(stdout);
    fflush(stderr);
    FILE *o = filtered(&out_filter, STDOUT_FILENO, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
    FILE *e = filtered(&err_filter, STDERR_FILENO, _IOLBF);
    if (o)
        stdout = o;
    if (e)
        stderr = e;
}
