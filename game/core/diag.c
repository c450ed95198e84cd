/* diag.c - the list of findings the loader and validator report. */
#include "compel/diag.h"
#include "compel/grow.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_empty(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void diag_list_init(DiagList *d)
{
    memset(d, 0, sizeof *d);
}

void diag_list_free(DiagList *d)
{
    for (int i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].path);
        free(d->items[i].rule);
        free(d->items[i].message);
    }
    free(d->items);
    diag_list_init(d);
}

void diag_list_append(DiagList *dst, DiagList *src)
{
    if (src->count == 0)
        return;
    if (dst->count == 0) {
        diag_list_free(dst);
        *dst = *src;
        diag_list_init(src);
        return;
    }
    if (!GROW(&dst->items, &dst->cap, dst->count + src->count)) {
        /* out of memory: the findings are lost, the counts are not */
        dst->errors += src->errors;
        dst->warnings += src->warnings;
        diag_list_free(src);
        return;
    }
    memcpy(dst->items + dst->count, src->items, (size_t)src->count * sizeof *src->items);
    dst->count += src->count;
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    free(src->items);
    diag_list_init(src);
}

void diag_add(DiagList *d, DiagSeverity sev, const char *file, const char *path,
              int line, int col, const char *rule, const char *fmt, ...)
{
    if (!GROW(&d->items, &d->cap, d->count + 1))
        return;   /* out of memory: the finding is lost, the error count is not */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    Diag *g = &d->items[d->count];
    g->severity = sev;
    g->file = dup_or_empty(file);
    g->path = dup_or_empty(path);
    g->rule = dup_or_empty(rule);
    g->message = dup_or_empty(msg);
    g->line = line;
    g->col = col;
    if (!g->file || !g->path || !g->rule || !g->message) {
        free(g->file); free(g->path); free(g->rule); free(g->message);
        return;
    }
    d->count++;
    if (sev == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void diag_print(FILE *out, const Diag *g, int strict)
{
    const char *sev = (g->severity == DIAG_ERROR || strict) ? "error" : "warning";
    if (g->line > 0)
        fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, sev, g->message);
    else if (g->path[0])
        fprintf(out, "%s: %s: %s: %s\n", g->file, sev, g->path, g->message);
    else
        fprintf(out, "%s: %s: %s\n", g->file, sev, g->message);
}

void diag_list_make_strict(DiagList *d)
{
    for (int i = 0; i < d->count; i++)
        if (d->items[i].severity == DIAG_WARNING) {
            d->items[i].severity = DIAG_ERROR;
            d->warnings--;
            d->errors++;
        }
}
