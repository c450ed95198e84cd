/* test_lint.c - the wording-cue judgement and the teaching-quality checks,
 * each against a case small enough to work out by hand. */
#include "testutil.h"
#include "scenarios.h"

#include "compel/analysis.h"
#include "compel/cues.h"
#include "compel/lint.h"

static bool shows(const char *text, const CueContext *ctx, CueKind k)
{
    bool hits[CUE_COUNT];
    cue_score(text, ctx, hits);
    return hits[k];
}

static void a_question_mark_is_a_question(void **state)
{
    (void)state;
    assert_true(shows("When did it start?", NULL, CUE_QUESTION));
    assert_false(shows("It started in May.", NULL, CUE_QUESTION));
    assert_int_equal(cue_score("When did it start?", NULL, NULL), 2);
}

static void numbers_are_the_clients_only_when_heard_before(void **state)
{
    (void)state;
    const char *seen[] = {"We lose 30,000 a month and forty orders."};
    CueContext ctx = {seen, 1};
    assert_true(shows("That 30,000 adds up.", &ctx, CUE_CLIENT_NUMBER));
    assert_false(shows("That 30,000 adds up.", &ctx, CUE_OTHER_NUMBER));
    assert_true(shows("Forty orders is a lot.", &ctx, CUE_CLIENT_NUMBER));
    assert_true(shows("About 12 percent.", &ctx, CUE_OTHER_NUMBER));
    assert_false(shows("About 12 percent.", &ctx, CUE_CLIENT_NUMBER));
    /* a scale word is a number, never the client's */
    const char *k[] = {"a thousand reasons"};
    CueContext kc = {k, 1};
    assert_true(shows("A thousand more.", &kc, CUE_OTHER_NUMBER));
    assert_false(shows("A thousand more.", &kc, CUE_CLIENT_NUMBER));
    /* 3,000 is not 30,000 nor part of it */
    assert_false(shows("Only 3,000.", &ctx, CUE_CLIENT_NUMBER));
}

static void phrases_match_whole_words_and_typographic_apostrophes(void **state)
{
    (void)state;
    assert_true(shows("I\xE2\x80\x99ll be there at eight.", NULL, CUE_OWNERSHIP));
    assert_true(shows("I'll be there.", NULL, CUE_OWNERSHIP));
    assert_false(shows("She said so.", NULL, CUE_FEATURE));      /* "ai" inside a word */
    assert_true(shows("Our AI does it.", NULL, CUE_FEATURE));
    assert_true(shows("We integrate with it.", NULL, CUE_FEATURE)); /* prefix "integrat*" */
    assert_false(shows("That is unusual.", NULL, CUE_DEFLECT));  /* "usual" starts a word */
    assert_true(shows("That is usual.", NULL, CUE_DEFLECT));
    assert_true(shows("I can take 8% off.", NULL, CUE_DISCOUNT));
}

static void each_kind_counts_once_with_its_weight(void **state)
{
    (void)state;
    /* question 2 + ownership 1 + together 1 = 4, however often each shows */
    assert_int_equal(cue_score("Can we? Can we? I'll go, I'll stay, together, together?", NULL, NULL), 4);
    /* discount -3 + feature -2 */
    assert_int_equal(cue_score("A discount on the premium platform.", NULL, NULL), -5);
    assert_int_equal(cue_weight(CUE_DISCOUNT), -3);
    /* speaking of everyone rather than this client; owning it as "ours" */
    assert_int_equal(cue_score("Plants like yours usually settle by spring.", NULL, NULL), -2);
    assert_int_equal(cue_score("That one's ours.", NULL, NULL), 1);
    assert_string_equal(cue_name(CUE_CLIENT_NUMBER), "client-number");
}

/* Two decisions: d1 flat (2 and 2), d2 with a unique, longest best that the
 * wording also picks (a question against a discount). */
static const char *const TWO =
    "{\"format\":1,\"id\":\"two\",\"title\":\"t\",\"summary\":\"s\","
    "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],\"start\":\"d1\",\"nodes\":["
    "{\"id\":\"d1\",\"skill\":\"diagnose\",\"text\":\"x\",\"choices\":["
    "{\"text\":\"One.\",\"points\":2,\"feedback\":\"same\",\"next\":\"d2\"},"
    "{\"text\":\"Two.\",\"points\":2,\"feedback\":\"same\",\"next\":\"d2\"}]},"
    "{\"id\":\"d2\",\"skill\":\"diagnose\",\"text\":\"y\",\"choices\":["
    "{\"text\":\"A discount.\",\"points\":0,\"feedback\":\"f1\",\"next\":\"lost\"},"
    "{\"text\":\"What happened next?\",\"points\":3,\"feedback\":\"f2\",\"next\":\"won\"}]},"
    "{\"id\":\"won\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}},"
    "{\"id\":\"lost\",\"ending\":{\"outcome\":\"lost\",\"title\":\"t\",\"text\":\"t\"}}]}";

static int count_rule(const Lint *l, const char *rule, const char *path)
{
    int n = 0;
    for (int i = 0; i < l->nfindings; i++)
        n += strcmp(l->findings[i].rule, rule) == 0 && (!path || strcmp(l->findings[i].path, path) == 0);
    return n;
}

static void decisions_are_judged_by_hand_figures(void **state)
{
    (void)state;
    Scenario *sc = load_ok(TWO);
    LintOptions opt = {200, 7};
    Lint l;
    assert_int_equal(lint_run(sc, &opt, &l), 0);
    assert_int_equal(l.ndecisions, 2);
    assert_true(l.decisions[0].flat);
    assert_int_equal(l.decisions[0].best, -1);
    assert_int_equal(l.decisions[1].best, 1);
    assert_true(l.decisions[1].best_longest);
    assert_int_equal(l.decisions[1].cue[0], -3);
    assert_int_equal(l.decisions[1].cue[1], 2);
    assert_int_equal(l.decisions[1].cue_pick, 1);
    assert_int_equal(l.positions[1], 1);
    assert_int_equal(l.cue_finds_best, 1);
    /* the cue player always takes the question: 2 + 3 of 5 points, won */
    assert_int_equal(l.cue.finished, 200);
    assert_true(l.cue.mean == 100.0);
    assert_int_equal(l.cue.won, 200);
    /* random play: half the time 5 of 5 (100 %), half 2 of 5 (40 %) */
    assert_true(l.random.mean > 60 && l.random.mean < 80);
    assert_int_equal(count_rule(&l, "flat-decision", "nodes[0]"), 1);
    assert_int_equal(count_rule(&l, "same-feedback", "nodes[0].choices[1].feedback"), 1);
    assert_int_equal(count_rule(&l, "wording-gives-away", "nodes[1].choices[1].text"), 1);
    assert_int_equal(count_rule(&l, "cue-player", ""), 1);
    assert_int_equal(count_rule(&l, "best-is-longest", NULL), 0);   /* one decision: too few to judge */
    lint_free(&l);
    scenario_destroy(sc);
}

static void random_mean_is_the_analyzers(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    LintOptions lo = {500, 3};
    Lint l;
    assert_int_equal(lint_run(sc, &lo, &l), 0);
    AnalysisOptions ao = {.samples = 500, .seed = 3};
    Analysis a;
    assert_int_equal(analysis_run(sc, &ao, &a), 0);
    assert_true(l.random.mean == a.sample_mean);
    analysis_free(&a);
    lint_free(&l);
    scenario_destroy(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_question_mark_is_a_question),
        cmocka_unit_test(numbers_are_the_clients_only_when_heard_before),
        cmocka_unit_test(phrases_match_whole_words_and_typographic_apostrophes),
        cmocka_unit_test(each_kind_counts_once_with_its_weight),
        cmocka_unit_test(decisions_are_judged_by_hand_figures),
        cmocka_unit_test(random_mean_is_the_analyzers),
    };
    return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
