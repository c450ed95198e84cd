/* outbox.c - statements waiting for the LRS, one file per playthrough in the
 * data folder. A file is written under a temporary name, flushed to disk and
 * renamed, so it is either whole or absent; it is removed only after the LRS
 * acknowledged every statement in it. File names start with the time they
 * were queued, so flushing goes oldest first. */
#include "compel/lrs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "compel/fileio.h"
#include "compel/grow.h"

/* A waiting file larger than this is not a playthrough's statements: it is
 * moved aside as bad rather than read. */
enum { OUTBOX_FILE_MAX = 64 << 20 };

bool lrs_outbox_default(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(out, cap, "%s/compel/outbox", xdg);
    else if (home && home[0] == '/')
        n = snprintf(out, cap, "%s/.local/share/compel/outbox", home);
    else
        return false;
    return n > 0 && (size_t)n < cap;
}

/* mkdir -p dir. */
static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        if (!c)
            break;
        *q = c;
    }
    free(p);
    return 0;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Write text to dir/final through dir/.final.tmp-PID: whole or not at all. */
static int write_atomic(const char *dir, const char *final, const char *text, char *err, size_t errcap)
{
    if (make_dirs(dir) != 0) {
        snprintf(err, errcap, "cannot create the outbox %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t dl = strlen(dir), fl = strlen(final);
    char *tmp = malloc(dl + fl + 40), *dst = malloc(dl + fl + 2);
    if (!tmp || !dst) {
        free(tmp);
        free(dst);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    sprintf(tmp, "%s/.%s.tmp-%ld", dir, final, (long)getpid());
    sprintf(dst, "%s/%s", dir, final);
    int rc = -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        size_t n = strlen(text), done = 0;
        while (done < n) {
            ssize_t w = write(fd, text + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            done += (size_t)w;
        }
        bool ok = done == n && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
        if (ok && rename(tmp, dst) == 0) {
            sync_dir(dir);
            rc = 0;
        }
    }
    if (rc != 0) {
        snprintf(err, errcap, "cannot write to the outbox %s: %s", dir, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(dst);
    return rc;
}

int lrs_outbox_put(const char *dir, const char *name, const cJSON *statements, char *err, size_t errcap)
{
    char *text = cJSON_PrintUnformatted(statements);
    if (!text) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    struct timeval tv;
    gettimeofday(&tv, NULL);
    char final[128];
    snprintf(final, sizeof final, "%013lld-%.60s.json", (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000, name);
    for (char *p = final; *p; p++)   /* a name is a file name, never a path */
        if (*p == '/' || *p == '\\')
            *p = '_';
    int rc = write_atomic(dir, final, text, err, errcap);
    free(text);
    return rc;
}

int lrs_outbox_put_record(const char *dir, const ResultRecord *rec, const XapiOptions *opt, char *err,
                          size_t errcap)
{
    cJSON *arr = cJSON_CreateArray();
    if (!arr) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    xapi_add_statements(arr, rec, opt);
    int rc = lrs_outbox_put(dir, rec->id, arr, err, errcap);
    cJSON_Delete(arr);
    return rc;
}

static bool waiting(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The waiting files' names, oldest first; *n their count. Caller frees. */
static char **list_waiting(const char *dir, int *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    int cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!waiting(e->d_name))
            continue;
        if (!GROW(&names, &cap, *n + 1))
            break;
        if ((names[*n] = strdup(e->d_name)) != NULL)
            (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(names, (size_t)*n, sizeof *names, by_name);
    return names;
}

int lrs_outbox_count(const char *dir)
{
    int n;
    char **names = list_waiting(dir, &n);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return n;
}

/* Move a file the outbox cannot send into DIR/SUB/, out of the way but kept. */
static void move_aside(const char *dir, const char *name, const char *sub)
{
    char from[4200], to[4400], folder[4200];
    snprintf(folder, sizeof folder, "%s/%s", dir, sub);
    snprintf(from, sizeof from, "%s/%s", dir, name);
    snprintf(to, sizeof to, "%s/%s", folder, name);
    make_dirs(folder);
    rename(from, to);
}

static void append_msg(char *msg, size_t cap, const char *line)
{
    size_t n = strlen(msg);
    if (n + 2 < cap)
        snprintf(msg + n, cap - n, "%s%s", n ? "\n" : "", line);
}

LrsStatus lrs_outbox_flush(const LrsConfig *c, const char *dir, int *sent, int *left, char *msg, size_t msgcap)
{
    int n, done = 0;
    char **names = list_waiting(dir, &n);
    LrsStatus worst = LRS_OK;
    msg[0] = '\0';
    int i = 0;
    while (i < n) {
        /* as many files as fit in one batch (at least one) */
        cJSON *batch = cJSON_CreateArray();
        int *ends = calloc((size_t)(n - i), sizeof *ends), nfiles = 0, total = 0;
        size_t bytes = 0;
        int first = i;
        while (i < n && batch && ends && (nfiles == 0 || bytes < c->batch_bytes)) {
            if (!names[i]) {
                i++;
                continue;
            }
            char path[4200];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            size_t len = 0;
            char *text = file_read_all(path, OUTBOX_FILE_MAX, &len, NULL, NULL, 0);
            cJSON *arr = text ? cJSON_ParseWithLength(text, len) : NULL;
            free(text);
            if (!cJSON_IsArray(arr)) {
                char line[1000];
                snprintf(line, sizeof line, "warning: %.400s is not a list of statements; moved to %.400s/bad/",
                         path, dir);
                append_msg(msg, msgcap, line);
                cJSON_Delete(arr);
                move_aside(dir, names[i], "bad");
                free(names[i]);
                names[i++] = NULL;
                continue;
            }
            bytes += len;
            cJSON *st;
            while ((st = cJSON_DetachItemFromArray(arr, 0)) != NULL) {
                cJSON_AddItemToArray(batch, st);
                total++;
            }
            cJSON_Delete(arr);
            ends[nfiles++] = total;
            i++;
        }
        long stored = 0;
        char line[1600] = "";
        LrsStatus rc = batch ? lrs_send(c, batch, &stored, line, 1100) : LRS_UNREACHABLE;
        /* remove each file whose statements were all acknowledged */
        int f = 0;
        for (int k = first; k < i && f < nfiles; k++) {
            if (!names[k])
                continue;
            if (ends[f] <= stored) {
                char path[4200];
                snprintf(path, sizeof path, "%s/%s", dir, names[k]);
                unlink(path);
                done++;
            } else if (rc == LRS_REFUSED && (f == 0 ? 0 : ends[f - 1]) <= stored) {
                move_aside(dir, names[k], "refused");   /* kept for the administrator, never resent blindly */
                size_t used = strlen(line);
                snprintf(line + used, sizeof line - used, " (moved to %.300s/refused/%.100s)", dir, names[k]);
            }
            f++;
        }
        sync_dir(dir);
        free(ends);
        cJSON_Delete(batch);
        if (rc != LRS_OK) {
            append_msg(msg, msgcap, line);
            if (worst == LRS_OK || rc == LRS_DENIED || rc == LRS_UNREACHABLE)
                worst = rc;
            if (rc != LRS_REFUSED)
                break;   /* unreachable or denied: the rest waits too */
            i = first;   /* go on after the refused file: list again from here */
            for (int k = first; k < n; k++) {
                if (!names[k])
                    continue;
                char path[4200];
                snprintf(path, sizeof path, "%s/%s", dir, names[k]);
                if (access(path, F_OK) != 0) {
                    free(names[k]);
                    names[k] = NULL;
                }
            }
            while (i < n && !names[i])
                i++;
        }
    }
    for (int k = 0; k < n; k++)
        free(names[k]);
    free(names);
    if (sent)
        *sent = done;
    if (left)
        *left = lrs_outbox_count(dir);
    return worst;
}
