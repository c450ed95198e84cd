/* strmap.c - string -> int map with linear probing; grows at 1/2 load. */
#include "compel/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a, then a multiply to spread short, similar ids ("n1", "n2", ...)
 * over the high bits, which pick the slot. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return (h ^ (h >> 29)) * UINT64_C(0x9E3779B97F4A7C15);
}

static size_t home(const StrMap *m, uint64_t h)
{
    return (size_t)(h >> 32) & (m->cap - 1);
}

void strmap_init(StrMap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_free(StrMap *m)
{
    free(m->slots);
    strmap_init(m);
}

/* The slot holding key (hash h), or the empty slot where it would go. */
static size_t slot_of(const StrMap *m, const char *key, uint64_t h)
{
    unsigned tag = (unsigned)h;
    size_t i = home(m, h);
    while (m->slots[i].key && (m->slots[i].hash != tag || strcmp(m->slots[i].key, key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool grow_to(StrMap *m, size_t cap)
{
    StrMap n = {calloc(cap, sizeof *n.slots), cap, 0};
    if (!n.slots)
        return false;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) {
            size_t j = slot_of(&n, m->slots[i].key, hash_str(m->slots[i].key));
            n.slots[j] = m->slots[i];
            n.count++;
        }
    free(m->slots);
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
    uint64_t h = hash_str(key);
    size_t i = slot_of(m, key, h);
    if (m->slots[i].key)
        return false;
    m->slots[i] = (StrSlot){key, (unsigned)h, value};
    m->count++;
    return true;
}

int strmap_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = slot_of(m, key, hash_str(key));
    return m->slots[i].key ? m->slots[i].value : -1;
}
