/* diag.h - content errors as values: what the validator and loader found,
 * each with the file, the JSON path and a message a trainer understands. */
#ifndef COMPEL_DIAG_H
#define COMPEL_DIAG_H

#include <stdarg.h>
#include <stdio.h>

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct Diag {
    DiagSeverity severity;
    char *file;     /* as given by the caller, e.g. "scenarios/fleet.json" */
    char *path;     /* JSON path, e.g. "nodes[4].choices[1].next"; "" for the whole file */
    int line, col;  /* 1-based position for syntax/encoding errors, 0 when unknown */
    char *rule;     /* stable short code, e.g. "unknown-ref" (see docs/validation.md) */
    char *message;  /* one line, no trailing period needed */
} Diag;

typedef struct DiagList {
    Diag *items;
    int count, cap;
    int errors, warnings;
} DiagList;

/* An empty list; free with diag_list_free. */
void diag_list_init(DiagList *d);

/* Free every message; the list is empty afterwards. */
void diag_list_free(DiagList *d);

/* Append one finding; the strings are copied. The message is printf-formatted. */
#if defined(__GNUC__)
__attribute__((format(printf, 8, 9)))
#endif
void diag_add(DiagList *d, DiagSeverity sev, const char *file, const char *path,
              int line, int col, const char *rule, const char *fmt, ...);

/* Move every finding of src to the end of dst; src is empty afterwards. */
void diag_list_append(DiagList *dst, DiagList *src);

/* Print one finding in the form docs/cli.md gives:
 * "FILE: error: PATH: message" or "FILE:LINE:COL: error: message". */
void diag_print(FILE *out, const Diag *g, int strict);

/* Turn every warning into an error (validate --strict). */
void diag_list_make_strict(DiagList *d);

#endif
