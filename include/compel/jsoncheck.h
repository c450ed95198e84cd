/* jsoncheck.h - what cJSON does not check for us: UTF-8 validity, "\u0000"
 * escapes, absurd nesting, duplicate keys, and error positions as line:col. */
#ifndef COMPEL_JSONCHECK_H
#define COMPEL_JSONCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "compel/diag.h"

/* Scan raw bytes before parsing: invalid UTF-8, a \u0000 escape in a string,
 * or nesting deeper than max_depth is an error in diags (with line and col).
 * Returns true when the bytes are fit to parse. */
bool jsoncheck_scan(const char *file, const char *bytes, size_t len, int max_depth,
                    DiagList *diags);

/* Where each container directly inside the top-level value opens and
 * closes (byte offsets), and how many commas it holds at its own level: the
 * loader uses them to take a large file one piece at a time. */
enum { JSONCHECK_MAX_SPANS = 32 };
typedef struct JsonSpan {
    size_t open, close;   /* offsets of the bracket pair; close is 0 while unclosed */
    size_t commas;
} JsonSpan;
typedef struct JsonSpans {
    JsonSpan items[JSONCHECK_MAX_SPANS];
    int count;            /* containers past JSONCHECK_MAX_SPANS are not recorded */
    bool controls;        /* false: no string can hold a control character (no raw
                           * byte below 0x20, no DEL, no C1 control, no \b \f \r or
                           * \u00XX escape), so the loader need not look for one */
} JsonSpans;

/* jsoncheck_scan, also filling spans (when not NULL). */
bool jsoncheck_scan_spans(const char *file, const char *bytes, size_t len, int max_depth,
                          DiagList *diags, JsonSpans *spans);

/* Parse bytes with cJSON; on a syntax error add "FILE:LINE:COL" diag and
 * return NULL. Text after the value (other than whitespace) is an error. */
cJSON *jsoncheck_parse(const char *file, const char *bytes, size_t len, DiagList *diags);

/* Report every object in the tree v that has the same key twice (cJSON
 * keeps both silently); at is v's own JSON path ("" for a whole file,
 * "nodes[3]" for one node read alone). Returns the number found. */
int jsoncheck_duplicates(const char *file, const char *at, const cJSON *v, DiagList *diags);

/* The offset of the first byte at or after off that is not one of JSON's
 * four blanks (space, tab, CR, LF); len when only blanks follow. */
size_t jsoncheck_blanks(const char *bytes, size_t off, size_t len);

/* Levenshtein distance between a and b, capped at cap+1 (for "did you mean"). */
int jsoncheck_distance(const char *a, const char *b, int cap);

#endif
