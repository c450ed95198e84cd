/* common.c - helpers every terminal subcommand uses. */
#include "compel/cliutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "compel/cli.h"

Scenario *cli_load(const char *path)
{
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load(path, &d);
    for (int i = 0; i < d.count; i++)
        if (!sc || d.items[i].severity == DIAG_ERROR)
            diag_print(stderr, &d.items[i], 0);
    diag_list_free(&d);
    return sc;
}

int cli_parse_choices(const char *list, int **out, char *err, size_t errcap)
{
    *out = NULL;
    size_t n = 0, cap = strlen(list) / 2 + 2;
    int *v = malloc(cap * sizeof *v);
    if (!v) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    const char *p = list;
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *out = v;
        return 0;
    }
    for (;;) {
        while (*p == ' ')
            p++;
        if (*p < '0' || *p > '9') {
            snprintf(err, errcap, "choice list \"%s\" must be numbers separated by commas, e.g. 1,3,2", list);
            free(v);
            return -1;
        }
        errno = 0;
        char *end;
        long x = strtol(p, &end, 10);
        if (errno || x < 1 || x > COMPEL_MAX_CHOICES) {
            snprintf(err, errcap, "choice %.*s in \"%s\" is out of range: choices are numbered 1 to %d",
                     (int)(end - p), p, list, COMPEL_MAX_CHOICES);
            free(v);
            return -1;
        }
        v[n++] = (int)x;
        p = end;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        if (*p != ',') {
            snprintf(err, errcap, "choice list \"%s\" must be numbers separated by commas, e.g. 1,3,2", list);
            free(v);
            return -1;
        }
        p++;
    }
    *out = v;
    return (int)n;
}

bool cli_parse_seed(const char *s, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = x;
    return true;
}

uint64_t cli_random_seed(void)
{
    uint64_t x = 0;
    if (getrandom(&x, sizeof x, 0) != (ssize_t)sizeof x)
        x = (uint64_t)time(NULL);
    return x % 1000000;   /* short enough to read out and type back */
}

int cli_width(void)
{
    const char *c = getenv("COLUMNS");
    int w = c ? atoi(c) : 80;
    if (w < 40) w = 40;
    if (w > 160) w = 160;
    return w;
}

void cli_wrap(FILE *out, const char *text, int width, int indent, const char *first)
{
    int avail = width - indent > 20 ? width - indent : 20;
    const char *p = text;
    while (*p) {
        /* one paragraph line at a time: authors' newlines are kept */
        const char *eol = strchr(p, '\n');
        size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
        const char *q = p, *end = p + linelen;
        if (q == end)
            fputc('\n', out);
        while (q < end) {
            while (q < end && *q == ' ')
                q++;
            if (q >= end)
                break;
            const char *brk = NULL, *r = q;
            size_t cols = 0;
            while (r < end) {
                if (*r == ' ')
                    brk = r;
                if (((unsigned char)*r & 0xC0) != 0x80 && ++cols > (size_t)avail)
                    break;
                r++;
            }
            const char *stop = r >= end ? end : (brk && brk > q ? brk : r);
            if (stop != end && stop == r) {
                /* a word longer than the line: split at a character boundary */
                while (stop > q && ((unsigned char)*stop & 0xC0) == 0x80)
                    stop--;
            }
            if (first)
                fprintf(out, "%-*s%.*s\n", indent, first, (int)(stop - q), q);
            else
                fprintf(out, "%*s%.*s\n", indent, "", (int)(stop - q), q);
            first = NULL;
            q = stop;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

cJSON *cli_run_json(const Session *s)
{
    const Scenario *sc = session_scenario(s);
    bool ended = session_status(s) == SESSION_ENDED;
    const Node *node = session_node(s);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", sc->id);
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)session_seed(s));
    cJSON_AddRawToObject(o, "seed", seed);   /* exact for every 64-bit seed */
    if (ended) {
        cJSON_AddStringToObject(o, "ending", node->id);
        cJSON_AddStringToObject(o, "outcome", outcome_name(node->outcome));
    } else {
        cJSON_AddNullToObject(o, "ending");
        cJSON_AddNullToObject(o, "outcome");
    }
    int percent = session_percent(s);
    cJSON_AddNumberToObject(o, "percent", percent);
    if (ended)
        cJSON_AddStringToObject(o, "grade", scenario_grade(sc, percent)->label);
    else
        cJSON_AddNullToObject(o, "grade");
    SkillScore *scores = calloc((size_t)sc->nskills + 1, sizeof *scores);
    cJSON *skills = cJSON_AddObjectToObject(o, "skills");
    if (scores) {
        session_skill_scores(s, scores);
        for (int i = 0; i < sc->nskills; i++) {
            cJSON *k = cJSON_AddObjectToObject(skills, sc->skills[i].id);
            cJSON_AddNumberToObject(k, "earned", scores[i].earned);
            cJSON_AddNumberToObject(k, "possible", scores[i].possible);
        }
        free(scores);
    }
    cJSON *meters = cJSON_AddObjectToObject(o, "meters");
    for (int i = 0; i < sc->nmeters; i++)
        cJSON_AddNumberToObject(meters, sc->meters[i].id, session_meter(s, i));
    const char **names = malloc(((size_t)sc->nflags + 1) * sizeof *names);
    int nset = 0;
    for (int i = 0; i < sc->nflags && names; i++)
        if (session_flag(s, i))
            names[nset++] = sc->flags[i];
    if (names)
        qsort(names, (size_t)nset, sizeof *names, cmp_str);
    cJSON *flags = cJSON_AddArrayToObject(o, "flags");
    for (int i = 0; i < nset; i++)
        cJSON_AddItemToArray(flags, cJSON_CreateString(names[i]));
    free(names);
    cJSON *steps = cJSON_AddArrayToObject(o, "steps");
    int nsteps;
    const Step *st = session_steps(s, &nsteps);
    for (int i = 0; i < nsteps; i++) {
        const Node *n = &sc->nodes[st[i].node];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "node", n->id);
        cJSON_AddStringToObject(j, "choice", n->choices[st[i].choice].id);
        cJSON_AddNumberToObject(j, "index", st[i].index);
        if (st[i].skill >= 0)
            cJSON_AddStringToObject(j, "skill", sc->skills[st[i].skill].id);
        else
            cJSON_AddNullToObject(j, "skill");
        cJSON_AddNumberToObject(j, "points", st[i].points);
        cJSON_AddNumberToObject(j, "possible", st[i].possible);
        cJSON_AddItemToArray(steps, j);
    }
    return o;
}

cJSON *cli_diag_json(const Diag *g, bool strict)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "severity", g->severity == DIAG_ERROR || strict ? "error" : "warning");
    cJSON_AddStringToObject(o, "rule", g->rule);
    cJSON_AddStringToObject(o, "path", g->path);
    if (g->line > 0) {
        cJSON_AddNumberToObject(o, "line", g->line);
        cJSON_AddNumberToObject(o, "column", g->col);
    }
    cJSON_AddStringToObject(o, "message", g->message);
    return o;
}

void cli_print_json(cJSON *root)
{
    char *text = cJSON_Print(root);
    if (text)
        printf("%s\n", text);
    free(text);
    cJSON_Delete(root);
}
