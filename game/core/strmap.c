/* strmap.c - string -> int map with linear probing; grows at 1/2 load. */
#include "compel/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

void strmap_init(StrMap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_free(StrMap *m)
{
    free(m->keys);
    free(m->values);
    strmap_init(m);
}

static size_t slot_of(const StrMap *m, const char *key)
{
    size_t i = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool grow_to(StrMap *m, size_t cap)
{
    StrMap n = {calloc(cap, sizeof *n.keys), malloc(cap * sizeof *n.values), cap, 0};
    if (!n.keys || !n.values) {
        free(n.keys);
        free(n.values);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = slot_of(&n, m->keys[i]);
            n.keys[j] = m->keys[i];
            n.values[j] = m->values[i];
            n.count++;
        }
    free(m->keys);
    free(m->values);
    *m = n;
    return true;
}

static bool grow(StrMap *m)
{
    return grow_to(m, m->cap ? m->cap * 2 : 64);
}

bool strmap_reserve(StrMap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 64;
    while (cap / 2 < n + 1) {
        if (cap > SIZE_MAX / 4)
            return false;
        cap *= 2;
    }
    return cap == m->cap || grow_to(m, cap);
}

bool strmap_put(StrMap *m, const char *key, int value, bool *oom)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m)) {
        if (oom)
            *oom = true;
        return false;
    }
    size_t i = slot_of(m, key);
    if (m->keys[i])
        return false;
    m->keys[i] = key;
    m->values[i] = value;
    m->count++;
    return true;
}

int strmap_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = slot_of(m, key);
    return m->keys[i] ? m->values[i] : -1;
}
