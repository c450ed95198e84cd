/* jsoncheck.c - byte-level checks before cJSON parses a scenario, and the
 * duplicate-key walk after. Bad input is normal input here. */
#include "compel/jsoncheck.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/textsafe.h"

/* Length of the valid UTF-8 sequence at p, or 0 when it is invalid. */
static size_t utf8_len(const unsigned char *p, size_t avail)
{
    unsigned cp;
    return p[0] < 0x80 ? 1 : text_utf8_decode((const char *)p, avail, &cp);
}

/* 1-based line and column (in characters) of byte offset off in bytes. */
static void jsoncheck_position(const char *bytes, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)bytes[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;             /* count characters, not continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

/* Eight bytes at a time (SWAR): most of a scenario is plain ASCII text
 * inside strings. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t load8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Nonzero when one of the eight bytes ends a plain run inside a string: a
 * control character (< 0x20), a non-ASCII byte, '"' or '\\'. Exact: a byte
 * below n makes (x - n) & ~x set its high bit, and no other byte sets one
 * unless a lower byte already did. */
static uint64_t string_stop(uint64_t v)
{
    uint64_t q = v ^ (ONES * '"'), b = v ^ (ONES * '\\');
    return (((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) | ((b - ONES) & ~b) | v) & HIGHS;
}

/* The index (0-7) of the lowest byte whose high bit is set in a nonzero
 * string_stop() mask (bytes load little-end first on the machines we
 * build for; others count the same way by hand). */
static size_t first_stop(uint64_t mask)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) >> 3;
#else
    unsigned char b[8];
    memcpy(b, &mask, 8);
    size_t k = 0;
    while (!b[k])
        k++;
    return k;
#endif
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static bool scan_error(const char *file, const char *bytes, size_t off, DiagList *diags, const char *rule,
                       const char *fmt, ...)
{
    int line, col;
    jsoncheck_position(bytes, off, &line, &col);
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(diags, DIAG_ERROR, file, "", line, col, rule, "%s", msg);
    return false;
}

/* What a byte outside a string means to the scan. */
enum { OUT_SKIP, OUT_QUOTE, OUT_OPEN, OUT_CLOSE, OUT_COMMA, OUT_HIGH };
#define HIGH16 OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, \
               OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH, OUT_HIGH
static const unsigned char OUTSIDE[256] = {
    ['"'] = OUT_QUOTE, ['{'] = OUT_OPEN, ['['] = OUT_OPEN, ['}'] = OUT_CLOSE, [']'] = OUT_CLOSE,
    [','] = OUT_COMMA,
    [0x80] = HIGH16, [0x90] = HIGH16, [0xA0] = HIGH16, [0xB0] = HIGH16,
    [0xC0] = HIGH16, [0xD0] = HIGH16, [0xE0] = HIGH16, [0xF0] = HIGH16,
};

#define NOT_UTF8 "the file is not valid UTF-8 (byte 0x%02X); save it as UTF-8"

/* Positions are worked out only when something is wrong (jsoncheck_position
 * counts characters the way the messages always have), so the scan itself
 * keeps no line or column. */
bool jsoncheck_scan_spans(const char *file, const char *bytes, size_t len, int max_depth,
                          DiagList *diags, JsonSpans *spans)
{
    const unsigned char *p = (const unsigned char *)bytes;
    int depth = 0;
    size_t i = 0;
    if (spans) {
        spans->count = 0;
        spans->controls = memchr(bytes, 0x7F, len) != NULL;   /* DEL, anywhere */
    }
    for (;;) {
        /* outside a string: bytes of no interest (blanks, numbers, true,
         * false, null, ':') are skipped by table */
        while (i < len) {
            while (i < len && OUTSIDE[p[i]] == OUT_SKIP)
                i++;
            if (i == len)
                break;
            unsigned char c = p[i];
            int kind = OUTSIDE[c];
            if (kind == OUT_QUOTE) {
                i++;
                break;
            } else if (kind == OUT_OPEN) {
                if (++depth > max_depth)
                    return scan_error(file, bytes, i, diags, "too-deep",
                                      "nesting is deeper than %d levels; a scenario never needs that much",
                                      max_depth);
                if (depth == 2 && spans && spans->count < JSONCHECK_MAX_SPANS)
                    spans->items[spans->count++] = (JsonSpan){i, 0, 0};
                i++;
            } else if (kind == OUT_CLOSE) {
                if (depth == 2 && spans && spans->count > 0 && spans->items[spans->count - 1].close == 0)
                    spans->items[spans->count - 1].close = i;
                depth--;
                i++;
            } else if (kind == OUT_COMMA) {
                if (depth == 2 && spans && spans->count > 0 && spans->items[spans->count - 1].close == 0)
                    spans->items[spans->count - 1].commas++;
                i++;
            } else {
                size_t n = utf8_len(p + i, len - i);
                if (n == 0)
                    return scan_error(file, bytes, i, diags, "not-utf8", NOT_UTF8, p[i]);
                i += n;
            }
        }
        if (i >= len)
            return true;
        /* inside a string */
        while (i < len) {
            uint64_t stop = 0;
            while (i + 8 <= len && !(stop = string_stop(load8(p + i))))
                i += 8;
            if (stop)
                i += first_stop(stop);   /* the lowest flagged byte is the first stop */
            else
                while (i < len && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\')
                    i++;
            if (i >= len)
                return true;   /* an unclosed string: cJSON reports it */
            unsigned char c = p[i];
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\' && i + 1 < len) {
                if (p[i + 1] == 'u' && i + 5 < len && memcmp(p + i + 2, "0000", 4) == 0)
                    return scan_error(file, bytes, i, diags, "nul-escape",
                                      "a string contains \\u0000 (a NUL character), which no scenario text "
                                      "may hold");
                /* \b \f \r and \u00XX may stand for a control character */
                if (spans && (strchr("bfr", p[i + 1]) ||
                              (p[i + 1] == 'u' && i + 3 < len && p[i + 2] == '0' && p[i + 3] == '0')))
                    spans->controls = true;
                /* step over the backslash, then over the escaped character
                 * as a whole: it may be a multi-byte one (an invalid escape,
                 * which cJSON reports as a syntax error) */
                size_t m = utf8_len(p + i + 1, len - i - 1);
                if (m == 0)
                    return scan_error(file, bytes, i + 1, diags, "not-utf8", NOT_UTF8, p[i + 1]);
                i += 1 + m;
                continue;
            }
            size_t n = utf8_len(p + i, len - i);
            if (n == 0)
                return scan_error(file, bytes, i, diags, "not-utf8", NOT_UTF8, p[i]);
            /* a raw control byte, or a C1 control (U+0080..U+009F: C2 80..9F) */
            if (spans && (c < 0x20 || (c == 0xC2 && p[i + 1] <= 0x9F)))
                spans->controls = true;
            i += n;
        }
    }
}

bool jsoncheck_scan(const char *file, const char *bytes, size_t len, int max_depth, DiagList *diags)
{
    return jsoncheck_scan_spans(file, bytes, len, max_depth, diags, NULL);
}

/* Whether the text ends inside a string; *open_at is where that string's
 * quote is. (Only on the error path: one pass over the bytes.) */
static bool ends_in_string(const char *bytes, size_t len, size_t *open_at)
{
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        if (in) {
            if (bytes[i] == '\\')
                i++;               /* the escaped character cannot close the string */
            else if (bytes[i] == '"')
                in = false;
        } else if (bytes[i] == '"') {
            in = true;
            *open_at = i;
        }
    }
    return in;
}

/* Whether p starts with a \u escape that is half of a UTF-16 pair with no
 * other half (cJSON refuses it without saying why); the reason in why. */
static bool lone_surrogate(const char *p, size_t n, char *why, size_t cap)
{
    unsigned hi = 0, lo = 0;
    if (n < 6 || p[0] != '\\' || p[1] != 'u' || sscanf(p + 2, "%4x", &hi) != 1 || hi < 0xD800 || hi > 0xDFFF)
        return false;
    bool pair = hi <= 0xDBFF && n >= 12 && p[6] == '\\' && p[7] == 'u' && sscanf(p + 8, "%4x", &lo) == 1 &&
                lo >= 0xDC00 && lo <= 0xDFFF;
    if (pair)
        return false;
    snprintf(why, cap, "\\u%.4s is half of a UTF-16 surrogate pair with no other half; write the character itself, "
                       "or both halves (e.g. \\ud83d\\ude00)", p + 2);
    return true;
}

size_t jsoncheck_blanks(const char *bytes, size_t off, size_t len)
{
    while (off < len && (bytes[off] == ' ' || bytes[off] == '\t' || bytes[off] == '\r' || bytes[off] == '\n'))
        off++;
    return off;
}

cJSON *jsoncheck_parse(const char *file, const char *bytes, size_t len, DiagList *diags)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(bytes, len, &end, 0);
    size_t off;
    const char *what;
    char near[40];
    if (root) {
        off = jsoncheck_blanks(bytes, (size_t)(end - bytes), len);
        if (off == len)
            return root;
        cJSON_Delete(root);
        root = NULL;
        what = "unexpected text after the end of the JSON value";
    } else {
        end = cJSON_GetErrorPtr();
        off = (end && end >= bytes && end <= bytes + len) ? (size_t)(end - bytes) : len;
        what = NULL;
    }
    int line, col;
    jsoncheck_position(bytes, off, &line, &col);
    /* At the end of input cJSON reports the last byte. A file cut short
     * has only blanks from there on, or ends in something other than a
     * closing bracket: then point at the end of the file itself. */
    size_t rest = jsoncheck_blanks(bytes, off, len);
    bool cut_short = rest >= len || (off + 1 == len && bytes[off] != '}' && bytes[off] != ']');
    if (cut_short && !what) {
        off = len;
        jsoncheck_position(bytes, off, &line, &col);
    }
    size_t open_at = 0;
    char why[160];
    if (!what && ends_in_string(bytes, len, &open_at)) {
        jsoncheck_position(bytes, open_at, &line, &col);
        what = "the file ends inside a string: the quote opened here is never closed (a missing \")";
    } else if (!what && lone_surrogate(bytes + off, len - off, why, sizeof why)) {
        what = why;
    }
    if (what) {
        diag_add(diags, DIAG_ERROR, file, "", line, col, "json-syntax", "%s", what);
    } else if (cut_short) {
        diag_add(diags, DIAG_ERROR, file, "", line, col, "json-syntax",
                 "invalid JSON: the file ends too early (an unclosed string, bracket or brace?)");
    } else {
        size_t n = 0;
        while (n < 20 && off + n < len && bytes[off + n] != '\n' && bytes[off + n] != '\r')
            n++;
        while (n > 0 && off + n < len && ((unsigned char)bytes[off + n] & 0xC0) == 0x80)
            n--;   /* never cut a character in half (bytes[len] is not ours to read) */
        memcpy(near, bytes + off, n);
        near[n] = '\0';
        diag_add(diags, DIAG_ERROR, file, "", line, col, "json-syntax",
                 "invalid JSON at '%s' (a missing comma, quote or bracket nearby?)", near);
    }
    return NULL;
}

static int cmp_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    return strcmp(x->string, y->string);
}

/* The way from the root to the value being checked: one frame per level,
 * on the stack. The JSON path text is built only when a duplicate is found
 * (rarely), not for every value of the file. */
typedef struct Frame {
    const struct Frame *up;
    const char *key;   /* object member name, or NULL for an array item */
    int index;         /* array position when key is NULL */
} Frame;

/* Append one step to the path in buf the way the report has always
 * written it: a step that does not fit is dropped (len stays put). */
static size_t path_step(char *buf, size_t len, size_t cap, const Frame *f)
{
    int w = f->key ? snprintf(buf + len, cap - len, "%s%s", len ? "." : "", f->key)
                   : snprintf(buf + len, cap - len, "[%d]", f->index);
    return (w > 0 && (size_t)w < cap - len) ? len + (size_t)w : len;
}

/* The path of frame f, after base (the path of the walk's first value). */
static size_t path_build(char *buf, size_t cap, const char *base, const Frame *f)
{
    if (!f) {
        int w = snprintf(buf, cap, "%s", base);
        return w > 0 && (size_t)w < cap ? (size_t)w : 0;
    }
    size_t len = path_build(buf, cap, base, f->up);
    return path_step(buf, len, cap, f);
}

enum { SMALL_OBJECT = 32 };   /* members sorted on the stack, without malloc */

/* Whether some member name repeats: pair by pair, which for the handful of
 * members a scenario's objects have is cheaper than sorting them. */
static bool has_duplicate(const cJSON *obj)
{
    for (const cJSON *a = obj->child; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0)
                return true;
    return false;
}

static int walk(const char *file, const char *base, const cJSON *node, const Frame *at, DiagList *diags)
{
    int found = 0;
    if (cJSON_IsObject(node)) {
        size_t k = 0;
        for (const cJSON *c = node->child; c; c = c->next)
            k++;
        if (k > 1 && (k > SMALL_OBJECT / 4 || has_duplicate(node))) {
            const cJSON *small[SMALL_OBJECT];
            const cJSON **v = k <= SMALL_OBJECT ? small : malloc(k * sizeof *v);
            if (v) {
                size_t i = 0;
                for (const cJSON *c = node->child; c; c = c->next)
                    v[i++] = c;
                qsort(v, k, sizeof *v, cmp_names);
                for (i = 1; i < k; i++)
                    if (strcmp(v[i]->string, v[i - 1]->string) == 0 &&
                        (i < 2 || strcmp(v[i]->string, v[i - 2]->string) != 0)) {
                        char buf[1024] = "";
                        size_t len = path_build(buf, sizeof buf, base, at);
                        buf[len] = '\0';
                        snprintf(buf + len, sizeof buf - len, "%s%s", len ? "." : "", v[i]->string);
                        diag_add(diags, DIAG_ERROR, file, buf, 0, 0, "duplicate-key",
                                 "the key \"%s\" appears twice in one object; keep only one",
                                 v[i]->string);
                        found++;
                    }
                if (v != small)
                    free(v);
            }
        }
        for (const cJSON *c = node->child; c; c = c->next) {
            if (!c->child)
                continue;   /* a scalar holds no object */
            Frame f = {at, c->string, 0};
            found += walk(file, base, c, &f, diags);
        }
    } else if (cJSON_IsArray(node)) {
        int i = 0;
        for (const cJSON *c = node->child; c; c = c->next, i++) {
            if (!c->child)
                continue;
            Frame f = {at, NULL, i};
            found += walk(file, base, c, &f, diags);
        }
    }
    return found;
}

int jsoncheck_duplicates(const char *file, const char *at, const cJSON *v, DiagList *diags)
{
    return walk(file, at, v, NULL, diags);
}

int jsoncheck_distance(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > (size_t)cap)
        return cap + 1;
    int row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > cap ? cap + 1 : row[lb];
}
