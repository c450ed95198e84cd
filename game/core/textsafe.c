/* textsafe.c - UTF-8 checks, safe cuts and control characters (textsafe.h). */
#include "compel/textsafe.h"

#include <string.h>

size_t text_utf8_decode(const char *str, size_t n, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* True when the n bytes at s are well-formed UTF-8 (no overlong forms,
 * surrogates or code points past U+10FFFF). */
static bool text_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned cp;
    while (n > 0) {
        size_t k = text_utf8_decode((const char *)p, n, &cp);
        if (k == 0)
            return false;
        p += k;
        n -= k;
    }
    return true;
}

size_t text_utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

bool text_is_control(unsigned cp)
{
    return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
}

long text_find_control(const char *s)
{
    size_t n = strlen(s);
    unsigned cp;
    for (size_t i = 0; i < n;) {
        size_t k = text_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        if (text_is_control(cp))
            return (long)i;
        i += k;
    }
    return -1;
}

bool text_player_name(const char *name, char *out, size_t cap, const char **why)
{
    size_t n = strlen(name);
    if (!text_utf8_valid(name, n)) {
        *why = "is not valid UTF-8 text";
        return false;
    }
    size_t max = cap - 1 < COMPEL_PLAYER_MAX ? cap - 1 : COMPEL_PLAYER_MAX;
    size_t k = text_utf8_cut(name, n, max);
    memcpy(out, name, k);
    out[k] = '\0';
    return true;
}
