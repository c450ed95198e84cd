/* grow.c - the growable-array helper (grow.h). */
#include "compel/grow.h"

#include <stdint.h>
#include <stdlib.h>

bool grow_array(void **items, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return true;
    if (need < 0 || elem == 0)
        return false;
    long long n = *cap > 0 ? *cap : 16;
    while (n < need)
        n *= 2;
    if (n > INT32_MAX || (size_t)n > SIZE_MAX / elem)
        return false;
    void *q = realloc(*items, (size_t)n * elem);
    if (!q)
        return false;
    *items = q;
    *cap = (int)n;
    return true;
}

bool grow_buffer(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t n = *cap > 0 ? *cap : 256;
    while (n < need) {
        if (n > SIZE_MAX / 2) {
            n = need;
            break;
        }
        n *= 2;
    }
    char *q = realloc(*buf, n);
    if (!q)
        return false;
    *buf = q;
    *cap = n;
    return true;
}
