/* fuzz_loader.c - libFuzzer target: load and validate arbitrary bytes as a
 * scenario; when they form a valid one, play it with choices drawn from the
 * input (undo and restart included), analyse it on a small budget, and build
 * its run --json and results record. Any crash, leak or undefined behaviour
 * is a finding. replay.c drives the same entry point without libFuzzer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compel/analysis.h"
#include "compel/cliutil.h"
#include "compel/results.h"
#include "compel/scenario.h"
#include "compel/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void play(const Scenario *sc, const uint8_t *data, size_t size)
{
    uint64_t seed = 0;
    for (size_t i = 0; i < size && i < 8; i++)
        seed = (seed << 8) | data[i];
    Session *s = session_create(sc, seed, "Fuzz {player}");
    if (!s)
        return;
    size_t k = 0;
    for (int step = 0; step < 400 && session_status(s) != SESSION_ENDED; step++) {
        uint8_t b = size ? data[k++ % size] : 0;
        SessionView v;
        session_view(s, &v);
        if (session_status(s) == SESSION_READING) {
            session_continue(s);
        } else if (b % 17 == 0) {
            session_undo(s);
        } else if (b == 255) {
            session_restart(s);
        } else {
            int vis[COMPEL_MAX_CHOICES];
            int n = session_visible(s, vis);
            session_choose(s, n ? 1 + b % n : 1);
        }
        char *t = session_format_text(s, session_node(s)->text);
        free(t);
    }
    cJSON *o = cli_run_json(s);
    cJSON_Delete(o);
    ResultMeta m = {"practice", 0, 0, 0, 0};
    char *rec = results_record_json(s, &m, "00000000-0000-4000-8000-000000000000");
    if (rec) {
        ResultRecord r;
        char why[200];
        if (results_parse_line(rec, strlen(rec), &r, why, sizeof why))
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
        if (!d.items[i].message[0] || !d.items[i].rule[0])
            abort();
    diag_list_free(&d);
    if (sc) {
        play(sc, data, size);
        AnalysisOptions opt = {2000, 3, 1};
        Analysis a;
        if (analysis_run(sc, &opt, &a) == 0 && a.best.found && a.best.percent > 100)
            abort();
        analysis_free(&a);
        scenario_destroy(sc);
    }
    /* the results reader sees the same bytes as a results file line */
    ResultRecord r;
    char why[200];
    if (results_parse_line((const char *)data, size, &r, why, sizeof why))
        results_record_free(&r);
    return 0;
}
