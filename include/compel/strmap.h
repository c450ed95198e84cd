/* strmap.h - string -> int map (open addressing, FNV-1a), for resolving ids.
 * Keys are borrowed: they must outlive the map. Each slot keeps its key's
 * hash beside it, so a probe compares strings only when the hashes match. */
#ifndef COMPEL_STRMAP_H
#define COMPEL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct StrSlot {
    const char *key;   /* NULL: empty */
    unsigned hash;
    int value;
} StrSlot;

typedef struct StrMap {
    StrSlot *slots;
    size_t cap, count;
} StrMap;

/* An empty map; free with strmap_free. */
void strmap_init(StrMap *m);
void strmap_free(StrMap *m);

/* Make room for n keys in all, so that many puts never rehash; false when
 * out of memory (the map is unchanged and still usable). */
bool strmap_reserve(StrMap *m, size_t n);

/* Insert key -> value unless key is present. Returns true when inserted,
 * false when the key was already there (its value is left unchanged) or
 * memory ran out (*oom set when oom is not NULL). */
bool strmap_put(StrMap *m, const char *key, int value, bool *oom);

/* The value of key, or -1 when absent. */
int strmap_get(const StrMap *m, const char *key);

#endif
