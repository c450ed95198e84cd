/* fuzz_loader.c - libFuzzer target: load and validate arbitrary bytes as a
 * scenario; when they form a valid one, play it with choices drawn from the
 * input (undo sometimes, restart once), look at the view model after every
 * command, analyse it on a small budget, and build its run --json and results
 * record. Any crash, leak, undefined behaviour or broken invariant (checked
 * with abort()) is a finding, and so is a loader that reads one node at a
 * time disagreeing with cJSON reading the whole text about whether the
 * bytes are JSON at all (syntax_agrees). replay.c
 * drives the same entry point without libFuzzer, so `make test` replays
 * the corpus under ASan + UBSan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compel/analysis.h"
#include "compel/cliutil.h"
#include "compel/jsoncheck.h"
#include "compel/results.h"
#include "compel/scenario.h"
#include "compel/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a recognisable frame when an invariant breaks. */
static void require(int ok)
{
    if (!ok)
        abort();
}

/* The view model must agree with the accessors and stay inside the scenario. */
static void check_view(const Session *s, const Scenario *sc)
{
    SessionView v;
    session_view(s, &v);
    require(v.status == session_status(s));
    require(v.node == session_node(s));
    require(v.node >= sc->nodes && v.node < sc->nodes + sc->nnodes);
    require(v.percent >= 0 && v.percent <= 100);
    require(v.nvisible >= 0 && v.nvisible <= v.node->nchoices);
    if (v.status == SESSION_DECISION)
        require(v.nvisible >= 1);          /* a plain choice always exists */
    for (int i = 0; i < v.nvisible; i++)
        require(v.visible[i] >= 0 && v.visible[i] < v.node->nchoices);
    for (int m = 0; m < sc->nmeters; m++) {
        int x = session_meter(s, m);
        require(x >= sc->meters[m].min && x <= sc->meters[m].max);
    }
    if (v.speaker)
        require(v.speaker >= sc->characters && v.speaker < sc->characters + sc->ncharacters);
    char *t = session_format_text(s, v.node->text);
    free(t);
}

/* The conversation fields point inside the scenario and carry text. */
static void check_model(const Scenario *sc)
{
    for (int i = 0; i < sc->ncharacters; i++) {
        const Character *c = &sc->characters[i];
        require((c->portrait.written == NULL) == (c->portrait.path == NULL));
        for (int m = 0; m < MOOD_COUNT; m++) {
            require((c->portraits[m].written == NULL) == (c->portraits[m].path == NULL));
            const Portrait *p = character_portrait(c, (Mood)m);
            require(!p || p->path);
        }
    }
    for (int i = 0; i < sc->nnodes; i++) {
        const Node *n = &sc->nodes[i];
        require((unsigned)n->mood < MOOD_COUNT);
        for (int v = 0; v < n->nvariants; v++)
            require(n->variants[v].when && n->variants[v].text && (unsigned)n->variants[v].mood < MOOD_COUNT);
        for (int v = 0; v < n->nending_variants; v++)
            require(n->kind == NODE_ENDING && n->ending_variants[v].when && n->ending_variants[v].text);
        for (int c = 0; n->kind == NODE_CHOICES && c < n->nchoices; c++) {
            const Reply *r = n->choices[c].reply;
            if (r)
                require(r->text && r->speaker >= -1 && r->speaker < sc->ncharacters &&
                        (unsigned)r->mood < MOOD_COUNT);
        }
    }
}

/* The loader reads the top level and then each node on its own; cJSON
 * reading the whole text must agree on whether it is JSON: a file taken has
 * to parse whole, and a file refused for its syntax must not. */
static void syntax_agrees(const uint8_t *data, size_t size, const DiagList *d, const Scenario *sc)
{
    bool syntax = false;
    for (int i = 0; i < d->count; i++)
        syntax |= strcmp(d->items[i].rule, "json-syntax") == 0;
    if (!sc && !syntax)
        return;
    size_t skip = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    DiagList quiet;
    diag_list_init(&quiet);
    cJSON *whole = jsoncheck_parse("fuzz.json", (const char *)data + skip, size - skip, &quiet);
    require(syntax == (whole == NULL));
    cJSON_Delete(whole);
    diag_list_free(&quiet);
}

static void play(const Scenario *sc, const uint8_t *data, size_t size)
{
    /* the seed mixes every byte: the first bytes of a scenario are always "{" */
    uint64_t seed = UINT64_C(0x9e3779b97f4a7c15);
    for (size_t i = 0; i < size; i++)
        seed = (seed ^ data[i]) * UINT64_C(0x100000001b3);
    Session *s = session_create(sc, seed, "Fuzz {player}");
    if (!s)
        return;
    bool restarted = false;
    size_t k = size;   /* choices come from the end of the input, backwards */
    for (int step = 0; step < 400 && session_status(s) != SESSION_ENDED; step++) {
        check_view(s, sc);
        uint8_t b = size ? data[--k % size] : 0;
        if (k == 0)
            k = size;
        if (session_status(s) == SESSION_READING) {
            require(session_continue(s) == 0);
        } else if (b % 13 == 0) {
            int before;
            session_steps(s, &before);
            if (session_undo(s) == 0) {
                int after;
                session_steps(s, &after);
                require(after == before - 1);
            }
        } else if (b == 254 && !restarted) {
            restarted = true;
            session_restart(s);
            int n;
            session_steps(s, &n);
            require(n == 0);
        } else {
            int vis[COMPEL_MAX_CHOICES];
            int n = session_visible(s, vis);
            require(n >= 1);
            require(session_choose(s, 1 + b % n) == 0);
            require(session_choose(s, 0) == -1 || session_status(s) != SESSION_DECISION);
        }
    }
    check_view(s, sc);
    int nsteps;
    const Step *steps = session_steps(s, &nsteps);
    for (int i = 0; i < nsteps; i++)
        require(steps[i].possible >= 0 && steps[i].points <= 10 && steps[i].points >= -10);
    cJSON *o = cli_run_json(s);
    require(o != NULL);
    char *txt = cJSON_PrintUnformatted(o);
    free(txt);
    cJSON_Delete(o);
    ResultMeta m = {"practice", 0, 0, 0, 0, NULL, NULL, NULL};
    char *rec = results_record_json(s, &m, "00000000-0000-4000-8000-000000000000");
    if (rec) {
        ResultRecord r;
        char why[200];
        /* what the writer wrote, the reader must read back */
        require(results_parse_line(rec, strlen(rec), &r, why, sizeof why));
        results_record_free(&r);
        free(rec);
    }
    session_destroy(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load_buffer("fuzz.json", "fuzzdir", (const char *)data, size, &d);
    for (int i = 0; i < d.count; i++)   /* every message must be printable */
        require(d.items[i].message[0] && d.items[i].rule[0]);
    require((sc != NULL) == (d.errors == 0));   /* refused exactly when an error is listed */
    syntax_agrees(data, size, &d, sc);
    diag_list_free(&d);
    if (sc) {
        require(sc->start >= 0 && sc->start < sc->nnodes);
        check_model(sc);
        play(sc, data, size);
        AnalysisOptions opt = {.max_states = 2000, .samples = 3, .seed = 1};
        Analysis a;
        if (analysis_run(sc, &opt, &a) == 0) {
            require(!a.best.found || (a.best.percent >= 0 && a.best.percent <= 100));
            analysis_free(&a);
        }
        scenario_destroy(sc);
    }
    /* the results reader sees the same bytes as a results file line */
    ResultRecord r;
    char why[200];
    if (results_parse_line((const char *)data, size, &r, why, sizeof why))
        results_record_free(&r);
    return 0;
}
