/* test_analysis.c - state-space analysis against hand-enumerated paths
 * (see the path tables in scenarios.h). */
#include "testutil.h"
#include "scenarios.h"

#include "compel/analysis.h"

static void choices_are(const PathResult *p, const int *want, int n)
{
    assert_int_equal(p->nchoices, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(p->choices[i], want[i]);
}

static void hub_best_worst_and_paths_are_exact(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    AnalysisOptions opt = {.max_states = 0, .samples = 0, .seed = 1};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_true(a.complete);
    assert_false(a.cyclic);
    assert_int_equal((int)a.paths, 8);
    assert_int_equal(a.best.percent, 100);      /* 2,1,2: 5 of 5, lost */
    int best[] = {2, 1, 2};
    choices_are(&a.best, best, 3);
    assert_string_equal(sc->nodes[a.best.ending].id, "lost");
    assert_int_equal(a.worst.percent, 0);       /* 3: 0 of 3 */
    int worst[] = {3};
    choices_are(&a.worst, worst, 1);
    assert_int_equal(a.best_won.percent, 80);   /* 2,1,1: 4 of 5, won */
    int won[] = {2, 1, 1};
    choices_are(&a.best_won, won, 3);
    assert_false(a.won_at_100);
    assert_int_equal(a.decisions_per_skill[0], 1);
    assert_int_equal(a.endings_per_outcome[OUTCOME_WON], 1);
    analysis_free(&a);
    scenario_destroy(sc);
}

/* The witness choices really reach the reported score when replayed. */
static void witness_choices_replay_to_the_reported_score(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    AnalysisOptions opt = {.max_states = 0, .samples = 0, .seed = 1};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    const PathResult *all[] = {&a.best, &a.worst, &a.best_won};
    for (int i = 0; i < 3; i++) {
        Session *s = session_create(sc, 1, NULL);
        play(s, all[i]->choices, all[i]->nchoices);
        assert_int_equal(session_status(s), SESSION_ENDED);
        assert_int_equal(session_percent(s), all[i]->percent);
        assert_int_equal(session_node_index(s), all[i]->ending);
        session_destroy(s);
    }
    analysis_free(&a);
    scenario_destroy(sc);
}

/* HUB by hand: at the hub, what is spent ({}, q1, q2, both: q1 then q2 and
 * q2 then q1 both leave trust at its cap of 60 with "budget" set); at an
 * ending nothing can be read any more, so each ending is one state. Keeping
 * trust or the flags there would make 10. */
static void only_what_can_still_be_read_is_kept(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    AnalysisOptions opt = {.seed = 1};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_true(a.complete);
    assert_int_equal((int)a.states, 6);
    assert_int_equal((int)a.paths, 8);
    analysis_free(&a);
    scenario_destroy(sc);
}

static void chance_loops_make_paths_unbounded(void **state)
{
    (void)state;
    Scenario *sc = load_ok(CHANCE);
    AnalysisOptions opt = {.max_states = 0, .samples = 200, .seed = 7};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_true(a.cyclic);          /* d2 -a-> r -> d2 returns to the same state */
    assert_true(a.depth_bound >= 2);
    assert_int_equal(a.best.percent, 100);     /* b (2 of 2), then the route's chance to e1 */
    int best[] = {2};
    choices_are(&a.best, best, 1);
    assert_true(a.best.needs_chance);
    assert_int_equal(a.worst.percent, 50);     /* every a scores 1 of 2; no path goes lower */
    assert_true(a.won_at_100);
    assert_int_equal(a.samples, 200);
    assert_int_equal(a.sample_unfinished, 0);
    assert_true(a.sample_min >= 50 && a.sample_max <= 100);
    double mean = a.sample_mean;
    analysis_free(&a);
    assert_int_equal(analysis_run(sc, &opt, &a), 0);   /* same seed, same sample */
    assert_true(a.sample_mean == mean);
    analysis_free(&a);
    scenario_destroy(sc);
}

static void budget_marks_the_result_incomplete(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    AnalysisOptions opt = {.max_states = 2, .samples = 0, .seed = 1};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_false(a.complete);
    assert_int_equal(a.stopped, ANALYSIS_STOP_STATES);
    assert_true(a.estimated);
    assert_true(a.states <= 2);
    assert_true(a.best.found && a.best.has_seed);   /* the search still gives a path to replay */
    analysis_free(&a);
    scenario_destroy(sc);
}

/* Replies and variants change no state: the same graph with and without
 * them explores the same states, edges, paths and best and worst scores. */
static void replies_and_variants_leave_the_analysis_unchanged(void **state)
{
    (void)state;
    char *with = read_whole_file("tests/golden/talk.json", NULL);
    assert_non_null(with);
    Scenario *a = load_ok(with);
    /* the same file with every reply, variant and mood taken out by hand */
    Scenario *b = load_ok("{\"format\":1,\"id\":\"talk\",\"title\":\"T\",\"summary\":\"S\","
        "\"characters\":[{\"id\":\"maya\",\"name\":\"M\",\"role\":\"O\"},{\"id\":\"sam\",\"name\":\"S\",\"role\":\"B\"}],"
        "\"meters\":[{\"id\":\"trust\",\"label\":\"Trust\",\"start\":50}],\"start\":\"open\",\"nodes\":["
        "{\"id\":\"open\",\"speaker\":\"maya\",\"skill\":\"diagnose\",\"text\":\"x\",\"choices\":["
        "{\"text\":\"a\",\"points\":3,\"set\":[\"asked\"],\"effects\":{\"trust\":10},\"feedback\":\"f\",\"next\":\"again\"},"
        "{\"text\":\"b\",\"points\":0,\"effects\":{\"trust\":-10},\"feedback\":\"f\",\"next\":\"again\"}]},"
        "{\"id\":\"again\",\"speaker\":\"maya\",\"skill\":\"cost_of_inaction\",\"text\":\"y\",\"choices\":["
        "{\"text\":\"c\",\"points\":3,\"feedback\":\"f\",\"next\":\"end\"},"
        "{\"text\":\"d\",\"points\":0,\"feedback\":\"f\",\"next\":\"end\"}]},"
        "{\"id\":\"end\",\"ending\":{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"w\"}}]}");
    AnalysisOptions opt = {.max_states = 0, .samples = 0, .seed = 1};
    Analysis x, y;
    assert_int_equal(analysis_run(a, &opt, &x), 0);
    assert_int_equal(analysis_run(b, &opt, &y), 0);
    assert_true(x.complete && y.complete);
    assert_int_equal(x.states, y.states);
    assert_int_equal(x.edges, y.edges);
    assert_int_equal(x.paths, y.paths);
    assert_int_equal(x.best.percent, y.best.percent);
    assert_int_equal(x.worst.percent, y.worst.percent);
    assert_int_equal(x.best.percent, 100);
    analysis_free(&x);
    analysis_free(&y);
    scenario_destroy(a);
    scenario_destroy(b);
    free(with);
}

static void memory_budget_stops_the_exploration(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    AnalysisOptions opt = {.seed = 1, .max_memory = 1};   /* not even one state fits */
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_false(a.complete);
    assert_int_equal(a.stopped, ANALYSIS_STOP_MEMORY);
    assert_true(a.estimated);
    analysis_free(&a);
    scenario_destroy(sc);
}

/* Two hubs of seven `once` questions; the first hub's questions add distinct
 * powers of two to a meter the second hub reads: 128 x 128 states at the
 * second hub, far more than the 1024 expansions after which the clock is
 * first read. */
static char *two_hubs(void)
{
    size_t cap = 8192, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s + len, cap - len,
        "{\"format\":1,\"id\":\"h2\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"b\",\"name\":\"B\",\"role\":\"r\"}],"
        "\"meters\":[{\"id\":\"m\",\"label\":\"M\",\"start\":0,\"min\":0,\"max\":1000}],"
        "\"start\":\"h0\",\"nodes\":[");
    for (int h = 0; h < 2; h++) {
        len += (size_t)snprintf(s + len, cap - len, "{\"id\":\"h%d\",\"choices\":[", h);
        for (int k = 0; k < 7; k++)
            len += (size_t)snprintf(s + len, cap - len,
                "{\"text\":\"q%d\",\"once\":true,\"effects\":{\"m\":%d},\"next\":\"h%d\"},", k,
                h ? 0 : 1 << k, h);
        len += (size_t)snprintf(s + len, cap - len,
            "{\"text\":\"on\",\"when\":{\"meter\":\"m\",\"min\":%d},\"next\":\"%s\"},"
            "{\"text\":\"on\",\"next\":\"%s\"}]},", h ? 64 : 0, h ? "e" : "h1", h ? "e" : "h1");
    }
    snprintf(s + len, cap - len, "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}}]}");
    return s;
}

static void time_budget_stops_the_exploration(void **state)
{
    (void)state;
    char *json = two_hubs();
    Scenario *sc = load_ok(json);
    AnalysisOptions opt = {.seed = 1, .max_seconds = 1e-9};
    Analysis a;
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_false(a.complete);
    assert_int_equal(a.stopped, ANALYSIS_STOP_TIME);
    analysis_free(&a);
    opt.max_seconds = 0;   /* and with no limit it finishes: 128 x 128 at the second hub */
    assert_int_equal(analysis_run(sc, &opt, &a), 0);
    assert_true(a.complete);
    assert_int_equal(a.stopped, ANALYSIS_STOP_NONE);
    assert_true(a.states > 128 * 128);
    analysis_free(&a);
    scenario_destroy(sc);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replies_and_variants_leave_the_analysis_unchanged),
        cmocka_unit_test(hub_best_worst_and_paths_are_exact),
        cmocka_unit_test(witness_choices_replay_to_the_reported_score),
        cmocka_unit_test(only_what_can_still_be_read_is_kept),
        cmocka_unit_test(chance_loops_make_paths_unbounded),
        cmocka_unit_test(budget_marks_the_result_incomplete),
        cmocka_unit_test(memory_budget_stops_the_exploration),
        cmocka_unit_test(time_budget_stops_the_exploration),
    };
    return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}
