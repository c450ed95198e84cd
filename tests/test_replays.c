/* test_replays.c - recorded playthroughs replayed against the engine.
 *
 * Each tests/replays/NAME.replay is a saved playthrough (playthrough.h: the
 * scenario, its hash when recorded, seed, player, mode and commands) read by
 * playthrough_read, plus "expect": the node, choice, points, possible and
 * running percent after every decision, then the ending. A changed scenario
 * fails with a clear note (check the change, then `make rerecord`); a
 * changed engine fails at the first step that differs. */
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "compel/playthrough.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int num(const cJSON *o, const char *key)
{
    return (int)cJSON_GetObjectItemCaseSensitive(o, key)->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key)->valuestring;
}

/* The decision just made matches the expected step. */
static void check_step(const char *path, int i, const Session *s, const cJSON *want)
{
    int n;
    const Step *got = session_steps(s, &n);
    const Node *dn = &session_scenario(s)->nodes[got[n - 1].node];
    if (strcmp(dn->id, str(want, "node")) != 0)
        fail_msg("%s: step %d: at node \"%s\", expected \"%s\"", path, i + 1, dn->id, str(want, "node"));
    assert_string_equal(dn->choices[got[n - 1].choice].id, str(want, "choice"));
    assert_int_equal(got[n - 1].index, num(want, "index"));
    assert_int_equal(got[n - 1].points, num(want, "points"));
    assert_int_equal(got[n - 1].possible, num(want, "possible"));
    assert_int_equal(session_percent(s), num(want, "percent"));
}

static cJSON *read_expect(const char *path)
{
    char *text = read_whole_file(path, NULL);
    assert_non_null(text);
    cJSON *r = cJSON_Parse(text);
    free(text);
    assert_non_null(r);
    return r;
}

static void replay_file(const char *path)
{
    Playthrough p;
    char err[512];
    if (playthrough_read(path, &p, err, sizeof err) != 0)
        fail_msg("%s: %s", path, err);
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = p.file ? scenario_load(p.file, &d) : NULL;
    diag_list_free(&d);
    if (!sc)
        fail_msg("%s: scenario %s does not load", path, p.file ? p.file : "(none named)");
    if (playthrough_match(&p, sc) != PLAYTHROUGH_SAME)
        fail_msg("%s: %s changed since this replay was recorded (%s, now %s); check the change, "
                 "then run `make rerecord`", path, p.file, p.hash, sc->hash);
    cJSON *r = read_expect(path);
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(r, "expect");
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(expect, "steps");
    Session *s = session_create(sc, p.seed, p.player);
    session_set_mode(s, p.mode);
    int decisions = 0;
    for (int i = 0; i < p.ncommands; i++) {
        if (session_apply(s, p.commands[i]) != 0)
            fail_msg("%s: command %d does not apply at \"%s\"", path, i + 1, session_node(s)->id);
        if (p.commands[i].kind == COMMAND_CHOOSE) {
            check_step(path, decisions, s, cJSON_GetArrayItem(steps, decisions));
            decisions++;
        }
    }
    assert_int_equal(decisions, cJSON_GetArraySize(steps));
    assert_int_equal(session_status(s), SESSION_ENDED);
    assert_string_equal(session_node(s)->id, str(expect, "ending"));
    assert_string_equal(outcome_name(session_node(s)->outcome), str(expect, "outcome"));
    assert_int_equal(session_percent(s), num(expect, "percent"));
    session_destroy(s);
    scenario_destroy(sc);
    playthrough_free(&p);
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
