/* grow.h - the one growable-array helper: make room for `need` elements in
 * a malloc'd array, doubling its capacity, so every list in the program
 * grows the same way. Byte buffers (text being built, a body being
 * received), whose sizes are size_t, grow the same way through grow_buffer. */
#ifndef COMPEL_GROW_H
#define COMPEL_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Ensure *items (an array of elem-byte elements with *cap slots, NULL when
 * empty) has room for need elements: reallocates to at least twice the old
 * capacity (16 at first). Returns false, leaving *items and *cap untouched,
 * when out of memory or when the size would overflow. The caller frees *items. */
bool grow_array(void **items, int *cap, int need, size_t elem);

/* grow_array for a typed pointer: GROW(&p, &cap, n + 1). */
#define GROW(pp, capp, need) grow_array((void **)(pp), (capp), (need), sizeof **(pp))

/* Ensure the malloc'd byte buffer *buf (NULL when empty, *cap bytes) holds
 * at least need bytes: at least twice the old size (256 at first). False,
 * leaving both untouched, when out of memory. The caller frees *buf. */
bool grow_buffer(char **buf, size_t *cap, size_t need);

#endif
