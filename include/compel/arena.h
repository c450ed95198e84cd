/* arena.h - a bump allocator: many small allocations, freed in one call.
 * A loaded Scenario lives in one arena, so freeing it is one arena_destroy. */
#ifndef COMPEL_ARENA_H
#define COMPEL_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* newest block first */
    size_t used_total;  /* bytes handed out, for benchmarks */
} Arena;

/* Initialise an empty arena (no allocation happens until the first use). */
void arena_init(Arena *a);

/* Return size bytes aligned for any type, zeroed; NULL only when out of memory.
 * The memory lives until arena_destroy. */
void *arena_alloc(Arena *a, size_t size);

/* Copy len bytes of s into the arena and NUL-terminate; NULL when out of memory. */
char *arena_strndup(Arena *a, const char *s, size_t len);

/* Copy the NUL-terminated string s into the arena. */
char *arena_strdup(Arena *a, const char *s);

/* Free every block; the arena is empty and reusable afterwards. */
void arena_destroy(Arena *a);

#endif
