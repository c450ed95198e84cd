/* results.c - the results file: JSON Lines, one finished playthrough a line.
 *
 * Appending never damages what is there: the whole record goes out in one
 * write(2) on an O_APPEND descriptor (POSIX makes each such write land at the
 * end, whole, even with other writers), then fsync. A record torn by a crash
 * is at worst an incomplete last line; the next append starts on a fresh line
 * so it is not glued to it, and readers skip such a line with a warning. */
#include "compel/results.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "compel/fileio.h"
#include "compel/grow.h"
#include "compel/jsoncheck.h"

bool results_default_path(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')        /* set but empty or relative: ignored, as the XDG spec says */
        n = snprintf(out, cap, "%s/compel/results.jsonl", xdg);
    else if (home && home[0] == '/')
        n = snprintf(out, cap, "%s/.local/share/compel/results.jsonl", home);
    else
        return false;
    return n > 0 && (size_t)n < cap;
}

/* A fresh random UUID (version 4) from the system's random source. */
void results_new_id(char out[37])
{
    unsigned char b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
        /* no entropy source: fall back to time and address bits (still unique enough
         * for one machine's results, and never fatal) */
        uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)(uintptr_t)out << 16) ^ (uint64_t)getpid();
        for (int i = 0; i < 16; i++)
            b[i] = (unsigned char)(t >> ((i % 8) * 8)) ^ (unsigned char)(i * 37);
    }
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);   /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
}

void results_format_time(time_t t, double frac, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    int ms = (int)(frac * 1000.0);
    if (ms < 0) ms = 0;
    if (ms > 999) ms = 999;
    char base[24];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, 32, "%s.%03dZ", base, ms);
}

static void add_text(cJSON *o, const char *key, const Session *s, const char *text)
{
    char *t = text ? session_format_text(s, text) : NULL;
    if (t)
        cJSON_AddStringToObject(o, key, t);
    else
        cJSON_AddNullToObject(o, key);
    free(t);
}

static cJSON *step_json(const Session *s, const Step *st)
{
    const Scenario *sc = session_scenario(s);
    const Node *n = &sc->nodes[st->node];
    const Choice *c = &n->choices[st->choice];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "node", n->id);
    cJSON_AddStringToObject(o, "choice", c->id);
    cJSON_AddNumberToObject(o, "index", st->index);
    add_text(o, "text", s, c->text);
    if (st->skill >= 0)
        cJSON_AddStringToObject(o, "skill", sc->skills[st->skill].id);
    else
        cJSON_AddNullToObject(o, "skill");
    cJSON_AddNumberToObject(o, "points", st->points);
    cJSON_AddNumberToObject(o, "possible", st->possible);
    add_text(o, "feedback", s, c->feedback);
    cJSON_AddBoolToObject(o, "setback", st->after_setback);
    cJSON *vis = cJSON_AddArrayToObject(o, "visible");
    for (int i = 0; i < n->nchoices; i++) {
        if (!((st->visible >> i) & 1u))
            continue;
        cJSON *v = cJSON_CreateObject();
        cJSON_AddStringToObject(v, "id", n->choices[i].id);
        add_text(v, "text", s, n->choices[i].text);
        cJSON_AddNumberToObject(v, "points", st->skill >= 0 ? n->choices[i].points : 0);
        cJSON_AddItemToArray(vis, v);
    }
    /* the node as written, the same for every player: one definition per question */
    cJSON_AddStringToObject(o, "prompt", n->text ? n->text : "");
    cJSON *all = cJSON_AddArrayToObject(o, "choices");
    for (int i = 0; i < n->nchoices; i++) {
        cJSON *v = cJSON_CreateObject();
        cJSON_AddStringToObject(v, "id", n->choices[i].id);
        cJSON_AddStringToObject(v, "text", n->choices[i].text);
        cJSON_AddNumberToObject(v, "points", st->skill >= 0 ? n->choices[i].points : 0);
        cJSON_AddItemToArray(all, v);
    }
    return o;
}

void results_add_start(cJSON *o, const Session *s)
{
    const Scenario *sc = session_scenario(s);
    cJSON_AddBoolToObject(o, "test", true);
    cJSON *from = cJSON_AddObjectToObject(o, "from");
    cJSON_AddStringToObject(from, "node", sc->nodes[session_start_node(s)].id);
    const int *m = session_start_meters(s);
    cJSON *meters = cJSON_AddObjectToObject(from, "meters");
    for (int i = 0; m && i < sc->nmeters; i++)
        cJSON_AddNumberToObject(meters, sc->meters[i].id, m[i]);
    const bool *f = session_start_flags(s);
    cJSON *flags = cJSON_AddArrayToObject(from, "flags");
    for (int i = 0; f && i < sc->nflags; i++)
        if (f[i])
            cJSON_AddItemToArray(flags, cJSON_CreateString(sc->flags[i]));
}

char *results_record_json(const Session *s, const ResultMeta *meta, const char *id)
{
    const Scenario *sc = session_scenario(s);
    bool ended = session_status(s) == SESSION_ENDED;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "format", RESULTS_FORMAT);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "scenario", sc->id);
    cJSON_AddStringToObject(o, "title", sc->title);
    cJSON_AddStringToObject(o, "scenario_hash", sc->hash);
    cJSON_AddStringToObject(o, "language", sc->language ? sc->language : "en");
    cJSON_AddStringToObject(o, "player", session_player(s));
    if (meta->email) {
        cJSON_AddStringToObject(o, "email", meta->email);
    } else if (meta->learner) {
        cJSON_AddStringToObject(o, "learner", meta->learner);
        if (meta->home_page)
            cJSON_AddStringToObject(o, "home_page", meta->home_page);
    }
    cJSON_AddStringToObject(o, "mode", meta->mode ? meta->mode : "practice");
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)session_seed(s));
    cJSON_AddRawToObject(o, "seed", num);
    if (session_is_test(s))
        results_add_start(o, s);
    char t[32];
    results_format_time(meta->started, meta->started_frac, t);
    cJSON_AddStringToObject(o, "started", t);
    results_format_time(meta->finished, meta->finished_frac, t);
    cJSON_AddStringToObject(o, "finished", t);
    double dur = difftime(meta->finished, meta->started) + meta->finished_frac - meta->started_frac;
    cJSON_AddNumberToObject(o, "duration", dur < 0 ? 0 : (double)(long long)(dur * 1000 + 0.5) / 1000);
    const Node *n = session_node(s);
    if (ended) {
        cJSON_AddStringToObject(o, "outcome", outcome_name(n->outcome));
        cJSON_AddStringToObject(o, "ending", n->id);
    } else {
        cJSON_AddNullToObject(o, "outcome");
        cJSON_AddNullToObject(o, "ending");
    }
    int percent = session_percent(s);
    cJSON_AddNumberToObject(o, "percent", percent);
    cJSON_AddStringToObject(o, "grade", scenario_grade(sc, percent)->label);
    SkillScore *sk = calloc((size_t)sc->nskills + 1, sizeof *sk);
    cJSON *skills = cJSON_AddArrayToObject(o, "skills");
    if (sk) {
        session_skill_scores(s, sk);
        for (int i = 0; i < sc->nskills; i++) {
            cJSON *k = cJSON_CreateObject();
            cJSON_AddStringToObject(k, "id", sc->skills[i].id);
            cJSON_AddStringToObject(k, "label", sc->skills[i].label);
            cJSON_AddNumberToObject(k, "earned", sk[i].earned);
            cJSON_AddNumberToObject(k, "possible", sk[i].possible);
            cJSON_AddItemToArray(skills, k);
        }
        free(sk);
    }
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    int nsteps;
    const Step *st = session_steps(s, &nsteps);
    for (int i = 0; i < nsteps; i++)
        cJSON_AddItemToArray(steps, step_json(s, &st[i]));
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

/* mkdir -p for the folder that holds path. */
static int make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *q = '/';
    }
    free(p);
    return 0;
}

int results_append(const char *path, const Session *s, const ResultMeta *meta, char id_out[37],
                   char *err, size_t errcap)
{
    char id[37];
    results_new_id(id);
    char *rec = results_record_json(s, meta, id);
    if (!rec) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    if (make_parents(path) != 0) {
        snprintf(err, errcap, "cannot create its folder: %s", strerror(errno));
        free(rec);
        return -1;
    }
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);   /* write-only drop folder */
    if (fd < 0) {
        snprintf(err, errcap, "%s", strerror(errno));
        free(rec);
        return -1;
    }
    /* Writers take turns (an advisory lock every Compel writer takes): the
     * check below must never see another writer's record half written, and
     * a failed write may then remove its own partial record. Where the file
     * system has no locks, appends still land whole (O_APPEND); only those
     * two guarantees are lost. */
    int lk;
    while ((lk = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
        ;
    bool locked = lk == 0;
    /* After a crash mid-write the file may end inside a record: start on a
     * fresh line so this record stays whole (readers skip blank lines). */
    bool newline_first = false;
    struct stat st;
    off_t start = -1;
    char last;
    if (fstat(fd, &st) == 0) {
        start = st.st_size;
        if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) == 1)
            newline_first = last != '\n';
    }
    size_t len = strlen(rec);
    char *buf = malloc(len + 3);
    if (!buf) {
        snprintf(err, errcap, "out of memory");
        free(rec);
        close(fd);
        return -1;
    }
    size_t n = 0;
    if (newline_first)
        buf[n++] = '\n';
    memcpy(buf + n, rec, len);
    n += len;
    buf[n++] = '\n';
    free(rec);
    size_t done = 0;
    int rc = 0;
    while (done < n) {
        ssize_t w = write(fd, buf + done, n - done);   /* one call, unless the disk says otherwise */
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(err, errcap, "%s", w < 0 ? strerror(errno) : "nothing written");
            rc = -1;
            break;
        }
        done += (size_t)w;
    }
    /* A full disk: take back the part of the record that did get written, so
     * the file ends where it ended before (only while holding the lock: no
     * other writer can have appended after it). */
    if (rc != 0 && done > 0 && locked && start >= 0)
        (void)ftruncate(fd, start);
    if (rc == 0 && fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        snprintf(err, errcap, "could not flush to disk: %s", strerror(errno));
        rc = -1;
    }
    if (close(fd) != 0 && rc == 0) {
        snprintf(err, errcap, "%s", strerror(errno));
        rc = -1;
    }
    free(buf);
    if (rc == 0 && id_out)
        memcpy(id_out, id, 37);
    return rc;
}

/* ---- reading ------------------------------------------------------------- */

static char *dup_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? strdup(v->valuestring) : NULL;
}

static bool get_num(const cJSON *o, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v))
        return false;
    *out = v->valuedouble;
    return true;
}

/* A number as an int, clamped to +-1e9: converting an out-of-range double is
 * undefined behaviour, and a results file is untrusted input. */
static bool get_int(const cJSON *o, const char *key, int *out)
{
    double d;
    if (!get_num(o, key, &d))
        return false;
    *out = d > 1e9 ? 1000000000 : d < -1e9 ? -1000000000 : (int)d;
    return true;
}

/* The seed exactly: a double holds only 53 bits, so a larger seed is read
 * back from the line's text (the writer emits it as a plain integer). A
 * quote inside a string is escaped, so "seed": can only be a key here. */
static uint64_t seed_exact(const cJSON *o, const char *line, size_t len)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "seed");
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 18446744073709551616.0)
        return 0;
    if (v->valuedouble < 9007199254740992.0)
        return (uint64_t)v->valuedouble;
    static const char key[] = "\"seed\":";
    for (size_t i = 0; i + sizeof key - 1 < len; i++) {
        if (memcmp(line + i, key, sizeof key - 1) != 0)
            continue;
        char digits[24];
        size_t k = 0, j = i + sizeof key - 1;
        while (j < len && k < sizeof digits - 1 && line[j] >= '0' && line[j] <= '9')
            digits[k++] = line[j++];
        digits[k] = '\0';
        unsigned long long x = strtoull(digits, NULL, 10);
        if (k > 0 && (double)x == v->valuedouble)
            return x;
    }
    return v->valuedouble < 18446744073709551616.0 ? (uint64_t)v->valuedouble : UINT64_MAX;
}

static void free_refs(ResultChoiceRef *refs, int n)
{
    for (int k = 0; k < n; k++) {
        free(refs[k].id);
        free(refs[k].text);
    }
    free(refs);
}

/* A list of choices ({id, text, points}) into *out; NULL and 0 when absent. */
static void parse_refs(const cJSON *arr, ResultChoiceRef **out, int *n)
{
    if (!cJSON_IsArray(arr))
        return;
    *out = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof **out);
    const cJSON *v;
    cJSON_ArrayForEach(v, arr) {
        if (!*out)
            break;
        ResultChoiceRef *c = &(*out)[(*n)++];
        c->id = dup_str(v, "id");
        c->text = dup_str(v, "text");
        get_int(v, "points", &c->points);
    }
}

void results_record_free(ResultRecord *r)
{
    free(r->id); free(r->scenario); free(r->title); free(r->scenario_hash);
    free(r->player); free(r->mode); free(r->language);
    free(r->learner); free(r->home_page); free(r->email); free(r->started); free(r->finished);
    free(r->outcome); free(r->ending); free(r->grade); free(r->source);
    for (int i = 0; i < r->nskills; i++) {
        free(r->skills[i].id);
        free(r->skills[i].label);
    }
    free(r->skills);
    for (int i = 0; i < r->nsteps; i++) {
        ResultStep *s = &r->steps[i];
        free(s->node); free(s->choice); free(s->text); free(s->skill); free(s->feedback);
        free_refs(s->visible, s->nvisible);
        free_refs(s->choices, s->nchoices);
        free(s->prompt);
    }
    free(r->steps);
    memset(r, 0, sizeof *r);
}

static bool parse_steps(const cJSON *arr, ResultRecord *r, char *why, size_t whycap)
{
    int n = cJSON_GetArraySize(arr);
    r->steps = calloc((size_t)n + 1, sizeof *r->steps);
    if (!r->steps)
        return false;
    const cJSON *j;
    cJSON_ArrayForEach(j, arr) {
        ResultStep *s = &r->steps[r->nsteps];
        s->node = dup_str(j, "node");
        s->choice = dup_str(j, "choice");
        r->nsteps++;
        if (!s->node || !s->choice || !get_int(j, "index", &s->index) ||
            !get_int(j, "points", &s->points) || !get_int(j, "possible", &s->possible)) {
            snprintf(why, whycap, "step %d lacks node, choice, index, points or possible", r->nsteps);
            return false;
        }
        s->text = dup_str(j, "text");
        s->skill = dup_str(j, "skill");
        s->feedback = dup_str(j, "feedback");
        s->setback = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "setback"));
        parse_refs(cJSON_GetObjectItemCaseSensitive(j, "visible"), &s->visible, &s->nvisible);
        parse_refs(cJSON_GetObjectItemCaseSensitive(j, "choices"), &s->choices, &s->nchoices);
        s->prompt = dup_str(j, "prompt");
    }
    return true;
}

bool results_parse_line(const char *line, size_t len, ResultRecord *r, char *why, size_t whycap)
{
    memset(r, 0, sizeof *r);
    DiagList scan;
    diag_list_init(&scan);
    bool clean = jsoncheck_scan("", line, len, COMPEL_MAX_DEPTH, &scan);
    diag_list_free(&scan);
    if (!clean) {
        snprintf(why, whycap, "not UTF-8, a \\u0000 escape, or nested too deep");
        return false;
    }
    cJSON *o = cJSON_ParseWithLength(line, len);
    if (!cJSON_IsObject(o)) {
        snprintf(why, whycap, "not a JSON object (a record cut short?)");
        cJSON_Delete(o);
        return false;
    }
    double fmt = 0, dur = 0;
    get_num(o, "format", &fmt);
    if (fmt != RESULTS_FORMAT) {
        snprintf(why, whycap, "unknown results format %g (this program reads %d)", fmt, RESULTS_FORMAT);
        cJSON_Delete(o);
        return false;
    }
    r->id = dup_str(o, "id");
    r->scenario = dup_str(o, "scenario");
    r->title = dup_str(o, "title");
    r->scenario_hash = dup_str(o, "scenario_hash");
    r->player = dup_str(o, "player");
    r->language = dup_str(o, "language");
    r->learner = dup_str(o, "learner");
    r->home_page = dup_str(o, "home_page");
    r->email = dup_str(o, "email");
    r->mode = dup_str(o, "mode");
    r->test = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "test"));
    r->started = dup_str(o, "started");
    r->finished = dup_str(o, "finished");
    r->outcome = dup_str(o, "outcome");
    r->ending = dup_str(o, "ending");
    r->grade = dup_str(o, "grade");
    r->seed = seed_exact(o, line, len);
    get_num(o, "duration", &dur);
    r->duration = dur;
    bool ok = r->id && r->scenario && r->player && r->started && r->finished &&
              get_int(o, "percent", &r->percent);
    if (!ok)
        snprintf(why, whycap, "missing id, scenario, player, started, finished or percent");
    const cJSON *skills = cJSON_GetObjectItemCaseSensitive(o, "skills");
    if (ok && cJSON_IsArray(skills)) {
        r->skills = calloc((size_t)cJSON_GetArraySize(skills) + 1, sizeof *r->skills);
        const cJSON *k;
        cJSON_ArrayForEach(k, skills) {
            if (!r->skills)
                break;
            ResultSkill *sk = &r->skills[r->nskills++];
            sk->id = dup_str(k, "id");
            sk->label = dup_str(k, "label");
            get_int(k, "earned", &sk->earned);
            get_int(k, "possible", &sk->possible);
            if (!sk->id) {
                snprintf(why, whycap, "a skill without an id");
                ok = false;
            }
        }
    }
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(o, "steps");
    if (ok && cJSON_IsArray(steps))
        ok = parse_steps(steps, r, why, whycap);
    cJSON_Delete(o);
    if (!ok)
        results_record_free(r);
    return ok;
}

static bool list_push(ResultList *l, ResultRecord *r)
{
    if (!GROW(&l->items, &l->cap, l->count + 1))
        return false;
    l->items[l->count++] = *r;
    return true;
}

/* Read one line (its newline kept) into *buf, growing it up to max bytes.
 * Returns its length; -1 at the end of the file; -2 when the line is longer
 * than max (the rest of it is read and dropped, so memory stays bounded);
 * -3 when out of memory. *complete tells whether a newline ended it. */
static ssize_t read_line(FILE *f, char **buf, size_t *cap, size_t max, bool *complete)
{
    size_t n = 0;
    bool over = false;
    int c;
    *complete = false;
    while ((c = getc_unlocked(f)) != EOF) {
        if (!over) {
            if (!grow_buffer(buf, cap, n + 2))
                return -3;
            (*buf)[n++] = (char)c;
            over = n > max;
        }
        if (c == '\n') {
            *complete = true;
            break;
        }
    }
    if (c == EOF && n == 0 && !over)
        return -1;
    if (over)
        return -2;
    (*buf)[n] = '\0';
    return (ssize_t)n;
}

int results_each(const char *path, ResultVisitor visit, void *ctx, DiagList *diags)
{
    char cant[200];
    FILE *f = file_fopen_regular(path, NULL, cant, sizeof cant);
    if (!f) {
        diag_add(diags, DIAG_ERROR, path, "", 0, 0, "unreadable", "%s", cant);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    bool complete;
    while ((n = read_line(f, &line, &cap, RESULTS_MAX_LINE, &complete)) != -1) {
        lineno++;
        if (n == -2) {
            diag_add(diags, DIAG_WARNING, path, "", lineno, 1, "line-too-long",
                     "line %d is longer than %u MiB, far more than any record; skipped", lineno,
                     RESULTS_MAX_LINE >> 20);
            continue;
        }
        if (n == -3) {
            diag_add(diags, DIAG_ERROR, path, "", lineno, 0, "out-of-memory", "out of memory at line %d", lineno);
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        ResultRecord r;
        char why[200];
        if (!results_parse_line(line, (size_t)n, &r, why, sizeof why)) {
            if (!complete)
                diag_add(diags, DIAG_WARNING, path, "", lineno, 1, "torn-line",
                         "line %d is an incomplete record (the program stopped while writing?); skipped",
                         lineno);
            else
                diag_add(diags, DIAG_WARNING, path, "", lineno, 1, "invalid-record",
                         "line %d is not a valid record (%s); skipped", lineno, why);
            continue;
        }
        r.source = strdup(path);
        r.line = lineno;
        int stop = visit(ctx, &r);
        results_record_free(&r);
        if (stop)
            break;
    }
    free(line);
    if (ferror(f))
        diag_add(diags, DIAG_ERROR, path, "", lineno, 0, "unreadable", "read error after line %d: %s",
                 lineno, strerror(errno));
    fclose(f);
    return 0;
}

typedef struct Keep { ResultList *list; DiagList *diags; } Keep;

/* results_read's visitor: move the record into the list. */
static int keep_record(void *ctx, ResultRecord *r)
{
    Keep *k = ctx;
    if (!list_push(k->list, r)) {
        diag_add(k->diags, DIAG_ERROR, r->source ? r->source : "", "", r->line, 1, "out-of-memory", "out of memory");
        return 1;
    }
    memset(r, 0, sizeof *r);
    return 0;
}

int results_read(const char *path, ResultList *list, DiagList *diags)
{
    Keep k = {list, diags};
    return results_each(path, keep_record, &k, diags);
}

void results_list_free(ResultList *list)
{
    for (int i = 0; i < list->count; i++)
        results_record_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}
