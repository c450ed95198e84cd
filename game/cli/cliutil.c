/* cliutil.c - helpers the terminal subcommands share: loading with
 * messages, the terminal width and the `run --json` object. */
#include "compel/cliutil.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/display.h"
#include "compel/results.h"

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

int cli_width(void)
{
    struct winsize ws;
    int w = 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        w = ws.ws_col;
    const char *c = getenv("COLUMNS");
    if (w == 0 && c)
        w = atoi(c);
    if (w <= 0)
        w = 80;
    return w < 20 ? 20 : w > 400 ? 400 : w;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Where the list ran out at a decision: the node and its visible choices
 * as the player sees them, with their ids and points, so an author's script
 * can choose the next step. Only then: an ended playthrough has none. */
static void add_decision(cJSON *o, const Session *s)
{
    DisplayNow *d = session_status(s) == SESSION_DECISION ? display_now(s) : NULL;
    if (!d || d->nchoices == 0) {
        display_now_free(d);
        return;
    }
    const Scenario *sc = session_scenario(s);
    const Node *n = &sc->nodes[d->node];
    cJSON *j = cJSON_AddObjectToObject(o, "decision");
    cJSON_AddStringToObject(j, "node", n->id);
    if (n->skill >= 0)
        cJSON_AddStringToObject(j, "skill", sc->skills[n->skill].id);
    else
        cJSON_AddNullToObject(j, "skill");
    cJSON *list = cJSON_AddArrayToObject(j, "choices");
    for (int i = 0; i < d->nchoices; i++) {
        const Choice *c = &n->choices[d->choices[i].index];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "index", d->choices[i].number);
        cJSON_AddStringToObject(e, "id", c->id);
        cJSON_AddStringToObject(e, "text", d->choices[i].text);
        cJSON_AddNumberToObject(e, "points", n->skill >= 0 ? c->points : 0);
        cJSON_AddItemToArray(list, e);
    }
    display_now_free(d);
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
    /* what the player saw, in order, as display.c finished it */
    static const char *const kinds[] = {"node", "choice", "reply", "ending"};
    cJSON *tr = cJSON_AddArrayToObject(o, "transcript");
    Transcript *t = display_transcript(s);
    for (int i = 0; t && i < t->count; i++) {
        const TranscriptEntry *e = &t->items[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "kind", kinds[e->kind]);
        cJSON_AddStringToObject(j, "node", e->node_id);
        if (e->kind != ENTRY_CHOICE && e->line.character) {
            cJSON_AddStringToObject(j, "speaker", e->line.character->id);
            cJSON_AddStringToObject(j, "mood", mood_name(e->line.mood));
        } else {   /* the player, or the narrator: no face, no mood */
            cJSON_AddNullToObject(j, "speaker");
            cJSON_AddNullToObject(j, "mood");
        }
        cJSON_AddStringToObject(j, "text", e->line.text);
        cJSON_AddItemToArray(tr, j);
    }
    display_transcript_free(t);
    add_decision(o, s);
    if (session_is_test(s))
        results_add_start(o, s);
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
