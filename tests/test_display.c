/* test_display.c - the display model: what to show now, the transcript and
 * the debrief, worked out by hand from the scenarios in tests/scenarios.h
 * and the reply scenario below. */
#include "testutil.h"
#include "scenarios.h"

#include "compel/display.h"

/* One decision with a reply in the node's mood and one with its own mood
 * and speaker, then a next node and an ending. */
static const char *const REPLIES =
    "{\"format\":1,\"id\":\"r\",\"title\":\"t\",\"summary\":\"s\","
    "\"characters\":[{\"id\":\"a\",\"name\":\"Ann\",\"role\":\"r\"},{\"id\":\"c\",\"name\":\"Cal\",\"role\":\"r\"}],"
    "\"start\":\"d\",\"nodes\":["
    "{\"id\":\"d\",\"speaker\":\"a\",\"mood\":\"worried\",\"skill\":\"diagnose\",\"text\":\"Hi {player}.\",\"choices\":["
    "{\"text\":\"Ask, {player} style\",\"points\":1,\"feedback\":\"ok {player}\",\"reply\":\"Fine.\",\"next\":\"n\"},"
    "{\"text\":\"Listen\",\"points\":3,\"feedback\":\"good\",\"reply\":{\"speaker\":\"c\",\"text\":\"Thanks.\",\"mood\":\"relieved\"},\"next\":\"n\"}]},"
    "{\"id\":\"n\",\"text\":\"Later.\",\"next\":\"e\"},"
    "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"Done\",\"text\":\"Bye {player}.\"}}]}";

static void now_shows_finished_choices_and_the_choice_just_made(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, "Ann");
    DisplayNow *d = display_now(s);
    assert_string_equal(d->line.text, "Ask, Ann.");
    assert_string_equal(d->line.name, "Bea");
    assert_int_equal(d->nchoices, 3);               /* q1, q2, pitch; close needs budget */
    assert_string_equal(d->choices[2].text, "Pitch now");
    assert_int_equal(d->choices[2].number, 3);
    assert_int_equal(d->choices[2].index, 3);
    assert_false(d->has_made);
    display_now_free(d);
    session_choose(s, 2);                           /* q2: 3 of 3, trust 50 -> 60 */
    d = display_now(s);
    assert_true(d->has_made);
    assert_string_equal(d->made.text, "Ask about timing");
    assert_int_equal(d->made.points, 3);
    assert_int_equal(d->made.possible, 3);
    assert_string_equal(d->made.feedback, "f");
    assert_int_equal(d->meters[0].before, 50);
    assert_int_equal(d->meters[0].after, 60);
    assert_true(d->can_undo);
    display_now_free(d);
    session_destroy(s);
    scenario_destroy(sc);
}

static void assessment_holds_feedback_until_the_debrief(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    session_set_mode(s, SESSION_ASSESSMENT);
    session_choose(s, 3);                           /* pitch: 0 of 3 */
    DisplayNow *d = display_now(s);
    assert_null(d->made.feedback);
    assert_false(d->can_undo);
    assert_false(d->shows_feedback);
    assert_int_equal(d->mode, SESSION_ASSESSMENT);
    display_now_free(d);
    Debrief *b = display_debrief(s);
    assert_true(b->ended);
    assert_int_equal(b->outcome, OUTCOME_LOST);
    assert_int_equal(b->ndecisions, 1);
    assert_string_equal(b->decisions[0].feedback, "f");
    assert_string_equal(b->decisions[0].said, "Pitch now");
    assert_string_equal(b->decisions[0].best, "Ask about timing");
    assert_int_equal(b->decisions[0].best_points, 3);
    assert_false(b->decisions[0].was_best);
    display_debrief_free(b);
    session_destroy(s);
    scenario_destroy(sc);
}

static void debrief_scores_skills_and_marks_the_best_choice(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, 1, NULL);
    int list[] = {2, 1, 1};                         /* 3/3, 2/2, close -1 of 0: 4/5 won */
    play(s, list, 3);
    Debrief *b = display_debrief(s);
    assert_int_equal(b->percent, 80);
    assert_string_equal(b->ending_title, "W");
    assert_string_equal(b->ending_text, "w");
    assert_true(b->decisions[0].was_best);
    assert_null(b->decisions[0].best);
    assert_false(b->decisions[2].was_best);
    assert_string_equal(b->decisions[2].best, "Pitch now");   /* 0 beats -1 */
    int diag = -1;
    for (int i = 0; i < b->nskills; i++)
        if (strcmp(b->skills[i].id, "diagnose") == 0)
            diag = i;
    assert_true(b->skills[diag].scored);
    assert_int_equal(b->skills[diag].earned, 4);
    assert_int_equal(b->skills[diag].possible, 5);
    assert_int_equal(b->skills[diag].percent, 80);
    assert_int_equal(b->setbacks, 0);
    display_debrief_free(b);
    session_destroy(s);
    scenario_destroy(sc);
}

static void replies_take_the_node_speaker_and_mood_unless_given(void **state)
{
    (void)state;
    Scenario *sc = load_ok(REPLIES);
    Session *s = session_create(sc, 1, "Jo");
    session_choose(s, 1);
    DisplayNow *d = display_now(s);
    assert_true(d->made.has_reply);
    assert_string_equal(d->made.reply.text, "Fine.");
    assert_string_equal(d->made.reply.name, "Ann");
    assert_int_equal(d->made.reply.mood, MOOD_WORRIED);
    assert_string_equal(d->made.feedback, "ok Jo");
    display_now_free(d);
    session_undo(s);
    session_choose(s, 2);
    d = display_now(s);
    assert_string_equal(d->made.reply.name, "Cal");
    assert_int_equal(d->made.reply.mood, MOOD_RELIEVED);
    display_now_free(d);
    /* the debrief's decision carries the same answer, in its own mood */
    session_continue(s);
    Debrief *b = display_debrief(s);
    assert_int_equal(b->ndecisions, 1);
    assert_true(b->decisions[0].has_reply);
    assert_string_equal(b->decisions[0].reply.text, "Thanks.");
    assert_string_equal(b->decisions[0].reply.name, "Cal");
    assert_int_equal(b->decisions[0].reply.mood, MOOD_RELIEVED);
    display_debrief_free(b);
    session_destroy(s);
    scenario_destroy(sc);
}

static void transcript_lists_nodes_choices_replies_and_the_ending(void **state)
{
    (void)state;
    Scenario *sc = load_ok(REPLIES);
    Session *s = session_create(sc, 1, "Jo");
    int list[] = {1};
    play(s, list, 1);
    Transcript *t = display_transcript(s);
    static const EntryKind kinds[] = {ENTRY_NODE, ENTRY_CHOICE, ENTRY_REPLY, ENTRY_NODE, ENTRY_ENDING};
    static const char *const texts[] = {"Hi Jo.", "Ask, Jo style", "Fine.", "Later.", "Bye Jo."};
    assert_int_equal(t->count, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(t->items[i].kind, kinds[i]);
        assert_string_equal(t->items[i].line.text, texts[i]);
    }
    assert_string_equal(t->items[1].line.name, "You");
    assert_int_equal(t->items[0].line.mood, MOOD_WORRIED);
    assert_string_equal(t->items[4].title, "Done");
    display_transcript_free(t);
    session_destroy(s);
    scenario_destroy(sc);
}

/* Variants: the first that holds on entry (after the node's effects), the
 * node's own text when none holds, {player} inside; a plain reply takes the
 * mood the variant shows; a narrator reply has no speaker; endings too. */
static const char *const VARIANTS =
    "{\"format\":1,\"id\":\"v\",\"title\":\"t\",\"summary\":\"s\","
    "\"characters\":[{\"id\":\"a\",\"name\":\"Ann\",\"role\":\"r\"}],"
    "\"meters\":[{\"id\":\"m\",\"label\":\"M\",\"start\":0}],\"start\":\"d\",\"nodes\":["
    "{\"id\":\"d\",\"speaker\":\"a\",\"text\":\"Own.\",\"choices\":["
    "{\"text\":\"x\",\"set\":[\"f\"],\"next\":\"v\"},{\"text\":\"y\",\"next\":\"v\"}]},"
    "{\"id\":\"v\",\"speaker\":\"a\",\"mood\":\"worried\",\"text\":\"Plain.\",\"effects\":{\"m\":5},"
    "\"variants\":[{\"when\":{\"meter\":\"m\",\"min\":10},\"text\":\"Never.\"},"
    "{\"when\":{\"flag\":\"f\"},\"text\":\"Flag, {player}.\",\"mood\":\"pleased\"},"
    "{\"when\":{\"meter\":\"m\",\"min\":5},\"text\":\"After effects.\"}],"
    "\"choices\":[{\"text\":\"z\",\"reply\":\"Sure.\",\"next\":\"e\"},"
    "{\"text\":\"w\",\"reply\":{\"speaker\":\"narrator\",\"text\":\"Quiet.\"},\"next\":\"e\"}]},"
    "{\"id\":\"e\",\"ending\":{\"outcome\":\"won\",\"title\":\"T\",\"text\":\"End.\","
    "\"variants\":[{\"when\":{\"flag\":\"f\"},\"title\":\"TF\",\"text\":\"End {player}.\"}]}}]}";

static void variant_is_the_first_that_holds_on_entry(void **state)
{
    (void)state;
    Scenario *sc = load_ok(VARIANTS);
    Session *s = session_create(sc, 1, "Jo");
    DisplayNow *d = display_now(s);
    assert_string_equal(d->line.text, "Own.");               /* no variants: own text */
    display_now_free(d);
    session_choose(s, 1);                                    /* sets f */
    d = display_now(s);
    assert_string_equal(d->line.text, "Flag, Jo.");          /* the first that holds, {player} filled */
    assert_int_equal(d->line.mood, MOOD_PLEASED);
    display_now_free(d);
    session_choose(s, 1);
    d = display_now(s);
    assert_string_equal(d->made.reply.text, "Sure.");
    assert_int_equal(d->made.reply.mood, MOOD_PLEASED);      /* a plain reply: the mood the node showed */
    assert_string_equal(d->ending_title, "TF");
    assert_string_equal(d->line.text, "End Jo.");
    display_now_free(d);
    session_restart(s);
    session_choose(s, 2);                                    /* no flag: m is 5 after the node's effects */
    d = display_now(s);
    assert_string_equal(d->line.text, "After effects.");
    assert_int_equal(d->line.mood, MOOD_WORRIED);            /* the variant gives no mood: the node's */
    display_now_free(d);
    session_choose(s, 2);
    Transcript *t = display_transcript(s);
    const TranscriptEntry *r = &t->items[t->count - 2];
    assert_int_equal(r->kind, ENTRY_REPLY);
    assert_int_equal(r->line.speaker, -1);                   /* "narrator" given: no face */
    assert_string_equal(r->line.text, "Quiet.");
    assert_string_equal(t->items[t->count - 1].line.text, "End.");   /* no ending variant holds */
    display_transcript_free(t);
    session_destroy(s);
    scenario_destroy(sc);
}

/* The briefing needs no session: {player} filled (a default without a name),
 * no text when the scenario has no briefing, every meter at its start. */
static void briefing_fills_the_player_and_starts_the_meters(void **state)
{
    (void)state;
    Scenario *sc = load_ok(REPLIES);
    Briefing *b = display_briefing(sc, "Jo");
    assert_string_equal(b->title, "t");
    assert_string_equal(b->summary, "s");
    assert_null(b->text);                           /* REPLIES has no briefing */
    display_briefing_free(b);
    scenario_destroy(sc);
    char *json = strdup(HUB);
    char *at = strstr(json, "\"summary\":\"s\",");
    assert_non_null(at);
    size_t n = strlen(json) + 64;
    char *with = malloc(n);
    snprintf(with, n, "%.*s\"briefing\":\"Meet Bea, {player}.\",%s", (int)(at - json), json, at);
    sc = load_ok(with);
    b = display_briefing(sc, "Jo");
    assert_string_equal(b->text, "Meet Bea, Jo.");
    assert_int_equal(b->nmeters, 1);
    assert_string_equal(b->meters[0].label, "Trust");
    assert_int_equal(b->meters[0].before, 50);
    assert_int_equal(b->meters[0].after, 50);
    assert_int_equal(b->meters[0].max, 60);
    display_briefing_free(b);
    b = display_briefing(sc, "");
    assert_string_equal(b->text, "Meet Bea, Player.");
    display_briefing_free(b);
    scenario_destroy(sc);
    free(with);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(now_shows_finished_choices_and_the_choice_just_made),
        cmocka_unit_test(assessment_holds_feedback_until_the_debrief),
        cmocka_unit_test(debrief_scores_skills_and_marks_the_best_choice),
        cmocka_unit_test(replies_take_the_node_speaker_and_mood_unless_given),
        cmocka_unit_test(transcript_lists_nodes_choices_replies_and_the_ending),
        cmocka_unit_test(variant_is_the_first_that_holds_on_entry),
        cmocka_unit_test(briefing_fills_the_player_and_starts_the_meters),
    };
    return cmocka_run_group_tests_name("display", tests, NULL, NULL);
}
