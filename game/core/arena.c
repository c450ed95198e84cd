/* arena.c - bump allocator in growing blocks; one call frees everything. */
#include "compel/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *prev;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void *arena_alloc(Arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = ARENA_MIN_BLOCK;
        if (b && b->size * 2 > want && b->size < (64u << 20))
            want = b->size * 2;           /* grow geometrically: few blocks */
        if (want < size)
            want = size;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->prev = a->head;
        b->size = want;
        b->used = 0;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->used_total += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_destroy(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *prev = b->prev;
        free(b);
        b = prev;
    }
    a->head = NULL;
    a->used_total = 0;
}
