/* choices.c - choice lists ("1,3,2") and seeds as typed on a command line
 * (compel run --choices, the window's --choices and --seed). */
#include "compel/common.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

int choices_parse(const char *list, int **out, char *err, size_t errcap)
{
    *out = NULL;
    size_t n = 0, cap = strlen(list) / 2 + 2;
    int *v = malloc(cap * sizeof *v);
    if (!v) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    const char *p = list;
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *out = v;
        return 0;
    }
    for (;;) {
        while (*p == ' ')
            p++;
        if (*p < '0' || *p > '9') {
            snprintf(err, errcap, "choice list \"%s\" must be numbers separated by commas, e.g. 1,3,2", list);
            free(v);
            return -1;
        }
        /* any whole number is well formed; whether it names a visible
         * choice is decided at its decision (exit 1 naming the decision) */
        errno = 0;
        char *end;
        long x = strtol(p, &end, 10);
        if (errno == ERANGE || x > INT_MAX)
            x = INT_MAX;
        v[n++] = (int)x;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        if (*p != ',') {
            snprintf(err, errcap, "choice list \"%s\" must be numbers separated by commas, e.g. 1,3,2", list);
            free(v);
            return -1;
        }
        p++;
    }
    *out = v;
    return (int)n;
}

bool seed_parse(const char *s, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = x;
    return true;
}

uint64_t seed_random(void)
{
    uint64_t x = 0;
    if (getrandom(&x, sizeof x, 0) != (ssize_t)sizeof x)
        x = (uint64_t)time(NULL);
    return x % 1000000;   /* short enough to read out and type back */
}
