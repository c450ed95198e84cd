/* image.c - image headers read without decoding, and the folder check for
 * the paths a scenario names (see image.h). */
#include "compel/image.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long be16(const unsigned char *p)
{
    return (long)p[0] << 8 | p[1];
}

static long be32(const unsigned char *p)
{
    return (long)((unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3]);
}

static long le16(const unsigned char *p)
{
    return (long)p[1] << 8 | p[0];
}

static long le32s(const unsigned char *p)
{
    unsigned long u = (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
    return u >= 0x80000000ul ? -(long)(0xFFFFFFFFul - u) - 1 : (long)u;
}

/* A JPEG's size is in its first start-of-frame segment. */
static bool jpeg_size(const unsigned char *b, size_t len, long *w, long *h)
{
    size_t pos = 2;
    while (pos + 4 <= len) {
        if (b[pos] != 0xFF)
            return false;
        unsigned m = b[pos + 1];
        if (m == 0xFF) { /* fill byte */
            pos++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            pos += 2;
            continue;
        }
        if (m == 0xD9 || m == 0xDA) /* end, or image data before any frame */
            return false;
        size_t seg = (size_t)be16(b + pos + 2);
        if (seg < 2)
            return false;
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (pos + 9 > len || seg < 7)
                return false;
            *h = be16(b + pos + 5);
            *w = be16(b + pos + 7);
            return true;
        }
        pos += 2 + seg;
    }
    return false;
}

ImageKind image_header(const unsigned char *b, size_t len, long *w, long *h)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    *w = *h = 0;
    if (len >= 24 && memcmp(b, png, 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0) {
        *w = be32(b + 16);
        *h = be32(b + 20);
        return IMAGE_PNG;
    }
    if (len >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        if (jpeg_size(b, len, w, h))
            return IMAGE_JPEG;
        *w = *h = 0;
        return IMAGE_UNKNOWN;
    }
    if (len >= 26 && b[0] == 'B' && b[1] == 'M') {
        long dib = le32s(b + 14);
        if (dib == 12) {
            *w = le16(b + 18);
            *h = le16(b + 20);
        } else if (dib >= 40) {
            *w = le32s(b + 18);
            *h = le32s(b + 22);
            if (*h < 0 && *h != LONG_MIN)
                *h = -*h; /* a top-down bitmap */
        } else {
            return IMAGE_UNKNOWN;
        }
        return IMAGE_BMP;
    }
    return IMAGE_UNKNOWN;
}

bool image_header_ok(const unsigned char *bytes, size_t len, char *why, size_t whycap)
{
    long w, h;
    if (image_header(bytes, len, &w, &h) == IMAGE_UNKNOWN) {
        snprintf(why, whycap, "is not a PNG, JPEG or BMP image");
        return false;
    }
    if (w <= 0 || h <= 0) {
        snprintf(why, whycap, "claims a size of %ldx%ld pixels", w, h);
        return false;
    }
    if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS) {
        snprintf(why, whycap, "claims %ldx%ld pixels, more than the %ld million a portrait may have", w, h,
                 IMAGE_MAX_PIXELS / 1000000);
        return false;
    }
    return true;
}

bool path_inside_folder(const char *folder, const char *path, char *why, size_t whycap)
{
    char *root = realpath(folder && *folder ? folder : ".", NULL);
    if (!root) {
        snprintf(why, whycap, "its folder cannot be resolved (%s)", strerror(errno));
        return false;
    }
    char *real = realpath(path, NULL);
    if (!real) {
        snprintf(why, whycap, "cannot be found (%s)", strerror(errno));
        free(root);
        return false;
    }
    size_t n = strlen(root);
    bool inside = strcmp(root, "/") == 0 || (strncmp(real, root, n) == 0 && real[n] == '/');
    if (!inside)
        snprintf(why, whycap, "leads outside the scenario's folder (to %s)", real);
    free(root);
    free(real);
    return inside;
}
