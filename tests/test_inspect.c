/* test_inspect.c - starting a playthrough at any node with a preset state
 * (session_start_at) and the state inspector's text, on the hand-checked HUB
 * scenario of scenarios.h. */
#include "testutil.h"
#include "scenarios.h"

#include "compel/inspect.h"

static void start_at_enters_the_node_with_that_state(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    int trust[] = {99};                       /* above the meter's max of 60 */
    bool flags[8] = {0};
    int budget = -1;
    for (int i = 0; i < sc->nflags; i++)
        if (strcmp(sc->flags[i], "budget") == 0)
            budget = i;
    assert_true(budget >= 0);
    flags[budget] = true;
    SessionStart st = {scenario_find_node(sc, "hub"), trust, flags};
    assert_false(session_is_test(s));
    assert_int_equal(session_start_at(s, &st), 0);
    assert_true(session_is_test(s));
    assert_int_equal(session_meter(s, 0), 60);      /* kept within bounds */
    int vis[COMPEL_MAX_CHOICES];
    assert_int_equal(session_visible(s, vis), 4);   /* "close" shows: budget is set */
    assert_int_equal(session_choose(s, 1), 0);      /* q1 */
    assert_int_equal(session_undo(s), 0);           /* back to the test start, not the scenario's */
    assert_int_equal(session_visible(s, vis), 4);
    session_restart(s);
    assert_int_equal(session_meter(s, 0), 60);
    assert_true(session_flag(s, budget));
    /* starting at the route follows it at once: 60 >= 60 wins */
    st.node = scenario_find_node(sc, "gate");
    assert_int_equal(session_start_at(s, &st), 0);
    assert_int_equal(session_status(s), SESSION_ENDED);
    assert_string_equal(session_node(s)->id, "won");
    session_destroy(s);
    scenario_destroy(sc);
}

static void inspector_says_why_a_choice_is_hidden(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    char *t = inspect_text(s);
    assert_non_null(t);
    assert_non_null(strstr(t, "Node: hub (decision, skill diagnose)\n"));
    assert_non_null(strstr(t, "Meters: trust 50 (0..60)\n"));
    assert_non_null(strstr(t, "Flags set: none\n"));
    assert_non_null(strstr(t, "  choices[2] \"Propose\": needs flag budget (not set)\n"));
    free(t);
    assert_int_equal(session_choose(s, 1), 0);      /* q1: +5 trust, sets budget, once */
    t = inspect_text(s);
    assert_non_null(strstr(t, "Meters: trust 55 (0..60)\n"));
    assert_non_null(strstr(t, "Flags set: budget\n"));
    assert_non_null(strstr(t, "Points so far: diagnose 2 of 3,"));
    assert_non_null(strstr(t, "  choices[0] \"Ask about budget\": once, and already chosen\n"));
    assert_null(strstr(t, "Propose\": needs"));
    free(t);
    session_destroy(s);
    scenario_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(start_at_enters_the_node_with_that_state),
        cmocka_unit_test(inspector_says_why_a_choice_is_hidden),
    };
    return cmocka_run_group_tests_name("inspect", tests, NULL, NULL);
}
