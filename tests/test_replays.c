/* test_replays.c - recorded playthroughs replayed against the engine.
 *
 * Each tests/replays/NAME.replay is JSON: the scenario path, the hash of the
 * scenario's bytes when it was recorded, a seed, the choices, and the
 * expected node, choice, points, possible and running percent after every
 * decision, then the ending. A changed scenario fails with a clear note (check
 * the change, then `make rerecord`); a changed engine fails at the first step
 * that differs. */
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_file(const char *path)
{
    char *text = read_whole_file(path, NULL);
    assert_non_null(text);
    cJSON *r = cJSON_Parse(text);
    free(text);
    assert_non_null(r);
    const char *file = cJSON_GetObjectItemCaseSensitive(r, "scenario")->valuestring;
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load(file, &d);
    diag_list_free(&d);
    if (!sc)
        fail_msg("%s: scenario %s does not load", path, file);
    const char *hash = cJSON_GetObjectItemCaseSensitive(r, "hash")->valuestring;
    if (strcmp(hash, sc->hash) != 0)
        fail_msg("%s: %s changed since this replay was recorded (%s, now %s); check the change, "
                 "then run `make rerecord`", path, file, hash, sc->hash);
    uint64_t seed = (uint64_t)cJSON_GetObjectItemCaseSensitive(r, "seed")->valuedouble;
    Session *s = session_create(sc, seed, "Replay");
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(r, "steps");
    int i = 0;
    const cJSON *st;
    cJSON_ArrayForEach(st, steps) {
        while (session_status(s) == SESSION_READING)
            session_continue(s);
        int index = (int)cJSON_GetObjectItemCaseSensitive(st, "index")->valuedouble;
        const char *node = cJSON_GetObjectItemCaseSensitive(st, "node")->valuestring;
        if (strcmp(session_node(s)->id, node) != 0)
            fail_msg("%s: step %d: at node \"%s\", expected \"%s\"", path, i + 1, session_node(s)->id, node);
        if (session_choose(s, index) != 0)
            fail_msg("%s: step %d: choice %d is not visible at \"%s\"", path, i + 1, index, node);
        int n;
        const Step *got = session_steps(s, &n);
        const Node *dn = &sc->nodes[got[n - 1].node];
        assert_string_equal(dn->choices[got[n - 1].choice].id,
                            cJSON_GetObjectItemCaseSensitive(st, "choice")->valuestring);
        assert_int_equal(got[n - 1].points, (int)cJSON_GetObjectItemCaseSensitive(st, "points")->valuedouble);
        assert_int_equal(got[n - 1].possible, (int)cJSON_GetObjectItemCaseSensitive(st, "possible")->valuedouble);
        assert_int_equal(session_percent(s), (int)cJSON_GetObjectItemCaseSensitive(st, "percent")->valuedouble);
        i++;
    }
    while (session_status(s) == SESSION_READING)
        session_continue(s);
    assert_int_equal(session_status(s), SESSION_ENDED);
    assert_string_equal(session_node(s)->id, cJSON_GetObjectItemCaseSensitive(r, "ending")->valuestring);
    assert_string_equal(outcome_name(session_node(s)->outcome),
                        cJSON_GetObjectItemCaseSensitive(r, "outcome")->valuestring);
    assert_int_equal(session_percent(s), (int)cJSON_GetObjectItemCaseSensitive(r, "percent")->valuedouble);
    session_destroy(s);
    scenario_destroy(sc);
    cJSON_Delete(r);
}

static void every_recorded_playthrough_replays_identically(void **state)
{
    (void)state;
    DIR *dir = opendir("tests/replays");
    assert_non_null(dir);
    char *names[512];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 512) {
        size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".replay") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        char path[600];
        snprintf(path, sizeof path, "tests/replays/%s", names[i]);
        replay_file(path);
        printf("# replayed %s\n", path);
        free(names[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_recorded_playthrough_replays_identically),
    };
    return cmocka_run_group_tests_name("replays", tests, NULL, NULL);
}
