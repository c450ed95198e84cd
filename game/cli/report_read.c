/* report_read.c - the playthroughs of several results files as one stream:
 * each playthrough once (the same id in two files, e.g. a shared folder and a
 * copy of it, counts once), filtered by scenario and date; and the output
 * files of report and xapi, written beside the target and renamed into place. */
#include "compel/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compel/cli.h"
#include "compel/fileio.h"

typedef struct Reader {
    const ReportFilter *filter;
    ReportVisit visit;
    void *ctx;
    Arena ids_arena;    /* the ids seen, kept for the map */
    StrMap ids;
    int duplicates;
    bool oom;
} Reader;

static int read_one(void *ctx, ResultRecord *rec)
{
    Reader *rd = ctx;
    const ReportFilter *f = rd->filter;
    if (f && f->scenario && strcmp(rec->scenario, f->scenario) != 0)
        return 0;
    if (f && f->since && strcmp(rec->finished, f->since) < 0)
        return 0;
    if (f && f->until && strncmp(rec->finished, f->until, strlen(f->until)) > 0)
        return 0;
    if (f && f->player && strcmp(rec->player, f->player) != 0 && (!rec->learner || strcmp(rec->learner, f->player) != 0) &&
        (!rec->email || strcmp(rec->email, f->player) != 0))
        return 0;
    if (rec->test && !(f && f->tests))
        return 0;
    if (strmap_get(&rd->ids, rec->id) >= 0) {
        rd->duplicates++;
        return 0;
    }
    const char *key = arena_strdup(&rd->ids_arena, rec->id);
    bool oom = false;
    if (!key || (!strmap_put(&rd->ids, key, 1, &oom) && oom)) {
        rd->oom = true;
        return 1;
    }
    return rd->visit(rd->ctx, rec);
}

int report_read_files(char *const *files, int nfiles, const ReportFilter *filter, ReportVisit visit,
                      void *ctx, DiagList *diags, int *duplicates)
{
    Reader rd = {filter, visit, ctx, {0}, {0}, 0, false};
    arena_init(&rd.ids_arena);
    strmap_init(&rd.ids);
    int unreadable = 0;
    for (int i = 0; i < nfiles && !rd.oom; i++) {
        int errors = diags->errors;
        if (results_each(files[i], read_one, &rd, diags) != 0 || diags->errors > errors)
            unreadable++;
    }
    if (rd.oom) {
        diag_add(diags, DIAG_ERROR, "", "", 0, 0, "out-of-memory", "out of memory reading the results");
        unreadable++;
    }
    strmap_free(&rd.ids);
    arena_destroy(&rd.ids_arena);
    if (duplicates)
        *duplicates = rd.duplicates;
    return unreadable;
}

int report_read_and_warn(const char *cmd, char *const *files, int nfiles, const ReportFilter *filter,
                         ReportVisit visit, void *ctx)
{
    DiagList d;
    diag_list_init(&d);
    int dups = 0;
    int unreadable = report_read_files(files, nfiles, filter, visit, ctx, &d, &dups);
    for (int i = 0; i < d.count; i++)
        diag_print(stderr, &d.items[i], 0);
    if (dups > 0)
        fprintf(stderr, "compel %s: %d playthrough%s found twice (the same id in several files or lines) "
                        "counted once\n",
                cmd, dups, dups == 1 ? "" : "s");
    diag_list_free(&d);
    return unreadable;
}

int report_usage_error(const char *cmd, const char *what, const char *value)
{
    fprintf(stderr, "compel %s: %s \"%s\" (see `compel %s --help`)\n", cmd, what, value, cmd);
    return EXIT_USAGE;
}

/* Accept exactly n digits at s; false otherwise. */
static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool report_parse_since(const char *s, char out[32])
{
    /* YYYY-MM-DD, then optionally THH:MM, :SS, .mmm (any number of digits), Z */
    size_t n = strlen(s);
    if (n < 10 || n > 30 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return false;
    int month = atoi(s + 5), day = atoi(s + 8);
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    size_t i = 10;
    if (i < n && s[i] == 'T') {
        if (n < 16 || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || atoi(s + 11) > 23 ||
            atoi(s + 14) > 59)
            return false;
        i = 16;
        if (i < n && s[i] == ':') {
            if (!digits(s + 17, 2) || atoi(s + 17) > 60)
                return false;
            i = 19;
            if (i < n && s[i] == '.') {
                i++;
                size_t start = i;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                    i++;
                if (i == start)
                    return false;
            }
        }
    }
    if (i < n && s[i] == 'Z')
        i++;
    if (i != n)
        return false;
    /* the records read "2026-11-23T09:21:40.905Z": a prefix of that form
     * (without the Z) compares correctly as a string */
    size_t keep = n;
    if (keep > 10 && s[keep - 1] == 'Z')
        keep--;
    memcpy(out, s, keep);
    out[keep] = '\0';
    return true;
}

FILE *report_open_output(const char *cmd, const char *path, char **tmp)
{
    *tmp = NULL;
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    if (file_is_special(path)) {   /* /dev/null, a pipe: into it, never renamed over it */
        FILE *f = file_open_direct(path);
        if (!f)
            fprintf(stderr, "compel %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        return f;
    }
    size_t n = strlen(path) + 32;
    *tmp = malloc(n);
    if (!*tmp) {
        fprintf(stderr, "compel %s: out of memory\n", cmd);
        return NULL;
    }
    snprintf(*tmp, n, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(*tmp, "wb");
    if (!f) {
        fprintf(stderr, "compel %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return f;
}

int report_close_output(const char *cmd, FILE *f, const char *path, char *tmp)
{
    if (f == stdout) {
        if (fflush(stdout) == 0 && !ferror(stdout))
            return 0;
        fprintf(stderr, "compel %s: cannot write to standard output: %s\n", cmd, strerror(errno));
        return -1;
    }
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (ok && tmp && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "compel %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        if (tmp)
            remove(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}
