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

/* Blocks stay below glibc's mmap threshold (128 KiB by default), so a loaded
 * scenario lives in the ordinary heap: loading again reuses warm pages
 * instead of faulting in fresh mappings. Larger requests get a block of
 * their own. */
enum { ARENA_BLOCK = 64 * 1024 - 64 };

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

/* size bytes, aligned, not zeroed. */
static void *alloc_raw(Arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = size > ARENA_BLOCK - sizeof *b ? size : ARENA_BLOCK - sizeof *b;
        ArenaBlock *nb = malloc(sizeof *nb + want);
        if (!nb)
            return NULL;
        nb->size = want;
        nb->used = 0;
        if (b && size > ARENA_BLOCK / 4 && b->size - b->used > ARENA_BLOCK / 4) {
            /* a big one-off: slip it behind the head so the head keeps its room */
            nb->prev = b->prev;
            b->prev = nb;
        } else {
            nb->prev = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->used_total += size;
    return p;
}

void *arena_alloc(Arena *a, size_t size)
{
    void *p = alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = alloc_raw(a, len + 1);
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
