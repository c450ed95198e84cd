/* test_session.c - the engine: consequences, conditions, routes, scoring,
 * undo. Every expected number below was worked out by hand from the
 * scenario text in the test. */
#include "testutil.h"
#include "scenarios.h"

#include <stdlib.h>

#include "compel/rng.h"

static void choose_applies_effects_then_set_then_clear(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, "Ann");
    int tmp = -1, timing = -1;
    for (int i = 0; i < sc->nflags; i++) {
        if (strcmp(sc->flags[i], "tmp") == 0) tmp = i;
        if (strcmp(sc->flags[i], "timing") == 0) timing = i;
    }
    assert_int_equal(session_choose(s, 2), 0);       /* q2: set timing+tmp, then clear tmp */
    assert_true(session_flag(s, timing));
    assert_false(session_flag(s, tmp));
    assert_int_equal(session_meter(s, 0), 60);        /* 50 + 20 clamped to max 60 */
    session_destroy(s);
    scenario_destroy(sc);
}

static void once_hides_spent_choices_and_when_reveals(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    int vis[COMPEL_MAX_CHOICES];
    assert_int_equal(session_visible(s, vis), 3);     /* q1, q2, pitch; close needs "budget" */
    assert_int_equal(session_choose(s, 1), 0);        /* q1 sets budget */
    assert_int_equal(session_visible(s, vis), 3);     /* q2, close, pitch */
    assert_int_equal(vis[0], 1);
    assert_int_equal(vis[1], 2);
    assert_int_equal(vis[2], 3);
    assert_int_equal(session_choose(s, 1), 0);        /* q2 */
    assert_int_equal(session_visible(s, vis), 2);     /* close, pitch */
    assert_int_equal(session_choose(s, 3), -1);       /* out of range: nothing changes */
    assert_int_equal(session_node_index(s), 0);
    session_destroy(s);
    scenario_destroy(sc);
}

static void scoring_per_decision_with_negative_points(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    int path[] = {1, 1, 1};   /* q1 (2 of 3), q2 (3 of 3), close (-1 of 0: only close/pitch left, best 0) */
    play(s, path, 3);
    int n;
    const Step *st = session_steps(s, &n);
    assert_int_equal(n, 3);
    assert_int_equal(st[0].points, 2);
    assert_int_equal(st[0].possible, 3);
    assert_int_equal(st[1].points, 3);
    assert_int_equal(st[1].possible, 3);
    assert_int_equal(st[2].points, -1);
    assert_int_equal(st[2].possible, 0);
    SkillScore sk[4];
    session_skill_scores(s, sk);
    assert_int_equal(sk[0].earned, 4);
    assert_int_equal(sk[0].possible, 6);
    assert_int_equal(session_percent(s), 67);         /* round(400/6 = 66.67) */
    assert_int_equal(session_status(s), SESSION_ENDED);
    assert_string_equal(session_node(s)->id, "won");  /* trust 50+5+20 = 75 -> 60 (max) >= 60 */
    session_destroy(s);
    scenario_destroy(sc);
}

static void percent_rounds_half_up_and_caps(void **state)
{
    (void)state;
    assert_int_equal(compel_percent(1, 8), 13);       /* 12.5 -> 13 */
    assert_int_equal(compel_percent(5, 8), 63);       /* 62.5 -> 63 */
    assert_int_equal(compel_percent(1, 3), 33);
    assert_int_equal(compel_percent(2, 3), 67);
    assert_int_equal(compel_percent(-4, 10), 0);
    assert_int_equal(compel_percent(5, 0), 0);
    assert_int_equal(compel_percent(0, 0), 0);
    assert_int_equal(compel_percent(12, 10), 100);
}

static void all_negative_decision_has_zero_possible(void **state)
{
    (void)state;
    Scenario *sc = load_ok(
        "{\"format\":1,\"id\":\"neg\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"d\",\"nodes\":["
        "{\"id\":\"d\",\"skill\":\"stand_by\",\"choices\":["
        "{\"text\":\"x\",\"points\":-3,\"feedback\":\"f\",\"next\":\"e\"},"
        "{\"text\":\"y\",\"points\":-1,\"feedback\":\"f\",\"next\":\"e\"}]},"
        "{\"id\":\"e\",\"ending\":{\"outcome\":\"stalled\",\"title\":\"t\",\"text\":\"t\"}}]}");
    Session *s = session_create(sc, 1, NULL);
    assert_int_equal(session_choose(s, 2), 0);
    int n;
    const Step *st = session_steps(s, &n);
    assert_int_equal(st[0].points, -1);
    assert_int_equal(st[0].possible, 0);
    assert_int_equal(session_percent(s), 0);
    session_destroy(s);
    scenario_destroy(sc);
}

/* A loop: every arrival at a scored node is its own decision. */
static void loop_scores_each_arrival(void **state)
{
    (void)state;
    Scenario *sc = load_ok(
        "{\"format\":1,\"id\":\"loop\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"d\",\"nodes\":["
        "{\"id\":\"d\",\"skill\":\"root_cause\",\"choices\":["
        "{\"text\":\"again\",\"points\":1,\"feedback\":\"f\",\"next\":\"mid\"},"
        "{\"text\":\"done\",\"points\":4,\"feedback\":\"f\",\"next\":\"e\"}]},"
        "{\"id\":\"mid\",\"text\":\"...\",\"next\":\"d\"},"
        "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}}]}");
    Session *s = session_create(sc, 1, NULL);
    int path[] = {1, 1, 2};
    play(s, path, 3);
    SkillScore sk[4];
    session_skill_scores(s, sk);
    assert_int_equal(sk[1].earned, 6);     /* 1 + 1 + 4 */
    assert_int_equal(sk[1].possible, 12);  /* 4 + 4 + 4 */
    assert_int_equal(session_percent(s), 50);
    session_destroy(s);
    scenario_destroy(sc);
}

/* Conditions on the current node: visited counts the node being decided. */
static void visited_condition_counts_current_node(void **state)
{
    (void)state;
    Scenario *sc = load_ok(
        "{\"format\":1,\"id\":\"v\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"d\",\"nodes\":["
        "{\"id\":\"d\",\"choices\":["
        "{\"text\":\"here\",\"when\":{\"visited\":\"d\"},\"next\":\"e\"},"
        "{\"text\":\"never\",\"when\":{\"not\":{\"visited\":\"d\"}},\"next\":\"e\"},"
        "{\"text\":\"both\",\"when\":{\"all\":[{\"visited\":\"d\"},{\"any\":[{\"flag\":\"x\"},{\"visited\":\"d\"}]}]},\"next\":\"e\"},"
        "{\"text\":\"plain\",\"set\":[\"x\"],\"next\":\"e\"}]},"
        "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}}]}");
    Session *s = session_create(sc, 1, NULL);
    int vis[COMPEL_MAX_CHOICES];
    assert_int_equal(session_visible(s, vis), 3);
    assert_int_equal(vis[0], 0);
    assert_int_equal(vis[1], 2);
    assert_int_equal(vis[2], 3);
    session_destroy(s);
    scenario_destroy(sc);
}

/* The chance draw follows SplitMix64 exactly: with seed s, the route takes
 * d2 when the first draw's top 53 bits / 2^53 < 0.5. */
static void chance_route_follows_the_seeded_source(void **state)
{
    (void)state;
    Scenario *sc = load_ok(CHANCE);
    for (uint64_t seed = 0; seed < 50; seed++) {
        Rng r;
        rng_seed(&r, seed);
        bool take = rng_unit(&r) < 0.5;
        Session *s = session_create(sc, seed, NULL);
        session_choose(s, 1);
        assert_string_equal(session_node(s)->id, take ? "d2" : "e1");
        assert_int_equal(session_meter(s, 0), 11);   /* choice effect 10, then route node's 1 */
        session_destroy(s);
    }
    scenario_destroy(sc);
}

static void rng_matches_reference_splitmix64(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 0);   /* reference values of Vigna's splitmix64.c with x = 0 */
    assert_true(rng_next(&r) == UINT64_C(0xe220a8397b1dcdaf));
    assert_true(rng_next(&r) == UINT64_C(0x6e789e6aa1b965f4));
    assert_true(rng_next(&r) == UINT64_C(0x06c45d188009454f));
    for (int i = 0; i < 1000; i++) {
        uint32_t x = rng_below(&r, 7);
        assert_true(x < 7);
        double u = rng_unit(&r);
        assert_true(u >= 0.0 && u < 1.0);
    }
}

static void undo_restores_everything_including_the_random_source(void **state)
{
    (void)state;
    Scenario *sc = load_ok(CHANCE);
    /* find a seed where the first choice leads back to a decision */
    uint64_t seed = 0;
    for (;; seed++) {
        Session *t = session_create(sc, seed, NULL);
        session_choose(t, 1);
        bool ok = strcmp(session_node(t)->id, "d2") == 0;
        session_destroy(t);
        if (ok)
            break;
    }
    Session *s = session_create(sc, seed, NULL);
    session_choose(s, 1);                     /* -> d2, m = 11 */
    session_choose(s, 1);                     /* -> r again: a second draw */
    const char *after = session_node(s)->id;
    int m_after = session_meter(s, 0);
    assert_int_equal(session_undo(s), 0);     /* back at d2 */
    assert_string_equal(session_node(s)->id, "d2");
    assert_int_equal(session_meter(s, 0), 11);
    int n;
    session_steps(s, &n);
    assert_int_equal(n, 1);
    session_choose(s, 1);                     /* same draw again: same result */
    assert_string_equal(session_node(s)->id, after);
    assert_int_equal(session_meter(s, 0), m_after);
    assert_int_equal(session_undo(s), 0);
    assert_int_equal(session_undo(s), 0);
    assert_string_equal(session_node(s)->id, "d");
    assert_int_equal(session_meter(s, 0), 0);
    assert_int_equal(session_undo(s), -1);    /* nothing left to undo */
    session_destroy(s);
    scenario_destroy(sc);
}

static void player_name_is_substituted(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, "Ann Lee");
    char *t = session_format_text(s, "{player}, meet {player}. {playe}");
    assert_string_equal(t, "Ann Lee, meet Ann Lee. {playe}");
    free(t);
    session_destroy(s);
    scenario_destroy(sc);
}

static void next_nodes_wait_and_setbacks_mark_the_next_decision(void **state)
{
    (void)state;
    Scenario *sc = load_ok(
        "{\"format\":1,\"id\":\"n\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"x\",\"nodes\":["
        "{\"id\":\"x\",\"text\":\"intro\",\"next\":\"bad\"},"
        "{\"id\":\"bad\",\"setback\":true,\"text\":\"oops\",\"next\":\"d\"},"
        "{\"id\":\"d\",\"skill\":\"stand_by\",\"choices\":["
        "{\"text\":\"own it\",\"points\":3,\"feedback\":\"f\",\"next\":\"d2\"},"
        "{\"text\":\"blame\",\"points\":0,\"feedback\":\"f\",\"next\":\"d2\"}]},"
        "{\"id\":\"d2\",\"skill\":\"stand_by\",\"choices\":[{\"text\":\"go\",\"points\":1,\"feedback\":\"f\",\"next\":\"e\"}]},"
        "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}}]}");
    Session *s = session_create(sc, 1, NULL);
    assert_int_equal(session_status(s), SESSION_READING);
    assert_int_equal(session_choose(s, 1), -1);
    assert_int_equal(session_continue(s), 0);
    assert_true(session_node(s)->setback);
    assert_int_equal(session_continue(s), 0);
    assert_int_equal(session_continue(s), -1);   /* at a decision now */
    session_choose(s, 1);
    session_choose(s, 1);
    int n;
    const Step *st = session_steps(s, &n);
    assert_int_equal(n, 2);
    assert_true(st[0].after_setback);
    assert_false(st[1].after_setback);
    int tn;
    session_trail(s, &tn);
    assert_int_equal(tn, 5);                     /* x, bad, d, d2, e */
    session_destroy(s);
    scenario_destroy(sc);
}

static void assessment_allows_no_undo_and_holds_feedback(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    session_set_mode(s, SESSION_ASSESSMENT);
    assert_int_equal(session_choose(s, 1), 0);
    assert_false(session_can_undo(s));
    assert_false(session_shows_feedback(s));
    assert_int_equal(session_undo(s), -1);
    int n;
    session_steps(s, &n);
    assert_int_equal(n, 1);                      /* the decision stands */
    session_set_mode(s, SESSION_PRACTICE);
    assert_true(session_can_undo(s));
    assert_true(session_shows_feedback(s));
    assert_int_equal(session_undo(s), 0);
    session_destroy(s);
    scenario_destroy(sc);
}

static void commands_are_recorded_and_play_continues_before_a_choice(void **state)
{
    (void)state;
    Scenario *sc = load_ok(
        "{\"format\":1,\"id\":\"n\",\"title\":\"t\",\"summary\":\"s\","
        "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"x\",\"nodes\":["
        "{\"id\":\"x\",\"text\":\"intro\",\"next\":\"d\"},"
        "{\"id\":\"d\",\"choices\":[{\"text\":\"a\",\"next\":\"r\"},{\"text\":\"b\",\"next\":\"r\"}]},"
        "{\"id\":\"r\",\"text\":\"read\",\"next\":\"e\"},"
        "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}}]}");
    Session *s = session_create(sc, 1, NULL);
    Command two[] = {{COMMAND_CHOOSE, 2}, {COMMAND_CHOOSE, 1}};
    assert_int_equal(session_play(s, two, 1), 1);   /* continues past x, then chooses */
    assert_string_equal(session_node(s)->id, "r");
    int n;
    const Command *c = session_commands(s, &n);
    assert_int_equal(n, 2);                          /* continue (auto), choose 2 */
    assert_int_equal(c[0].kind, COMMAND_CONTINUE);
    assert_int_equal(c[1].kind, COMMAND_CHOOSE);
    assert_int_equal(c[1].choice, 2);
    assert_int_equal(session_play(s, two + 1, 1), 0); /* continues to the ending: no choice there */
    assert_int_equal(session_status(s), SESSION_ENDED);
    assert_int_equal(session_apply(s, (Command){COMMAND_CONTINUE, 0}), -1);
    session_commands(s, &n);
    assert_int_equal(n, 3);
    session_destroy(s);
    scenario_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(choose_applies_effects_then_set_then_clear),
        cmocka_unit_test(once_hides_spent_choices_and_when_reveals),
        cmocka_unit_test(scoring_per_decision_with_negative_points),
        cmocka_unit_test(percent_rounds_half_up_and_caps),
        cmocka_unit_test(all_negative_decision_has_zero_possible),
        cmocka_unit_test(loop_scores_each_arrival),
        cmocka_unit_test(visited_condition_counts_current_node),
        cmocka_unit_test(chance_route_follows_the_seeded_source),
        cmocka_unit_test(rng_matches_reference_splitmix64),
        cmocka_unit_test(undo_restores_everything_including_the_random_source),
        cmocka_unit_test(player_name_is_substituted),
        cmocka_unit_test(next_nodes_wait_and_setbacks_mark_the_next_decision),
        cmocka_unit_test(assessment_allows_no_undo_and_holds_feedback),
        cmocka_unit_test(commands_are_recorded_and_play_continues_before_a_choice),
    };
    return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
