/* test_loader.c - the loader: defaults, resolution, and the messages a
 * trainer sees for broken input (positions and paths checked by hand). */
#include "testutil.h"

#include <stdlib.h>

#define HEAD "{\"format\":1,\"id\":\"t\",\"title\":\"T\",\"summary\":\"S\"," \
             "\"characters\":[{\"id\":\"dana\",\"name\":\"Dana\",\"role\":\"VP\"}],"
#define END_NODE "{\"id\":\"close\",\"ending\":{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"w\"}}"

static void defaults_fill_skills_grades_stance_and_meters(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HEAD "\"meters\":[{\"id\":\"trust\",\"label\":\"Trust\",\"start\":5}],"
                           "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"choices\":[{\"text\":\"x\",\"next\":\"close\"},"
                           "{\"text\":\"y\",\"next\":\"close\"}]}," END_NODE "]}");
    assert_int_equal(sc->nskills, 4);
    assert_string_equal(sc->skills[2].id, "cost_of_inaction");
    assert_int_equal(sc->ngrades, 4);
    assert_string_equal(scenario_grade(sc, 85)->label, "Trusted advisor");
    assert_string_equal(scenario_grade(sc, 84)->label, "Professional");
    assert_string_equal(scenario_grade(sc, 50)->label, "Developing");
    assert_string_equal(scenario_grade(sc, 49)->label, "Pitchman");
    assert_int_equal(sc->characters[0].stance, STANCE_NEUTRAL);
    assert_int_equal(sc->meters[0].min, 0);
    assert_int_equal(sc->meters[0].max, 100);
    assert_true(sc->meters[0].show);
    assert_int_equal(sc->difficulty, DIFFICULTY_STANDARD);
    assert_string_equal(sc->language, "en");
    assert_string_equal(sc->nodes[0].choices[1].id, "2");   /* default ids by position */
    assert_int_equal(sc->nodes[0].choices[0].next, 1);       /* resolved to an index */
    assert_int_equal(sc->nodes[0].speaker, -1);              /* narrator */
    scenario_destroy(sc);
}

static void custom_grades_are_sorted_by_threshold(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HEAD "\"grades\":[{\"min_percent\":0,\"label\":\"Low\"},{\"min_percent\":90,\"label\":\"Top\"},"
                           "{\"min_percent\":40,\"label\":\"Mid\"}],\"start\":\"close\",\"nodes\":[" END_NODE "]}");
    assert_string_equal(scenario_grade(sc, 100)->label, "Top");
    assert_string_equal(scenario_grade(sc, 89)->label, "Mid");
    assert_string_equal(scenario_grade(sc, 39)->label, "Low");
    scenario_destroy(sc);
}

static void unknown_reference_suggests_the_closest_id(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags(HEAD "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"choices\":["
                              "{\"text\":\"x\",\"next\":\"close\"},{\"text\":\"y\",\"next\":\"clsoe\"}]}," END_NODE "]}", &d);
    assert_null(sc);
    const Diag *g = find_rule(&d, "unknown-ref");
    assert_non_null(g);
    assert_string_equal(g->path, "nodes[0].choices[1].next");
    assert_string_equal(g->message, "no node \"clsoe\" (did you mean \"close\"?)");
    diag_list_free(&d);
}

static void syntax_error_names_line_and_column(void **state)
{
    (void)state;
    DiagList d;
    /* line 3 is `  "id": "t"` followed by a missing comma; the error is at `"title"` on line 4, column 3 */
    Scenario *sc = load_diags("{\n  \"format\": 1,\n  \"id\": \"t\"\n  \"title\": \"x\"\n}", &d);
    assert_null(sc);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "json-syntax");
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 3);
    diag_list_free(&d);
}

static void invalid_utf8_names_line_and_column(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags("{\n\"title\": \"caf\xC3\xA9 \xFF\"}", &d);   /* é is one column */
    assert_null(sc);
    assert_string_equal(d.items[0].rule, "not-utf8");
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 16);
    diag_list_free(&d);
}

static void nul_escape_and_deep_nesting_are_refused(void **state)
{
    (void)state;
    DiagList d;
    assert_null(load_diags("{\"title\": \"a\\u0000b\"}", &d));
    assert_non_null(find_rule(&d, "nul-escape"));
    diag_list_free(&d);
    /* an escaped backslash followed by u0000 is plain text, not a NUL */
    assert_null(load_diags("{\"title\": \"a\\\\u0000b\"}", &d));
    assert_null(find_rule(&d, "nul-escape"));
    diag_list_free(&d);
    char deep[400];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    deep[200] = '\0';
    assert_null(load_diags(deep, &d));
    assert_non_null(find_rule(&d, "too-deep"));
    diag_list_free(&d);
}

static void duplicate_keys_are_reported_with_their_path(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags(HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"close\",\"ending\":"
                              "{\"outcome\":\"won\",\"outcome\":\"lost\",\"title\":\"W\",\"text\":\"w\"}}]}", &d);
    assert_null(sc);
    const Diag *g = find_rule(&d, "duplicate-key");
    assert_non_null(g);
    assert_string_equal(g->path, "nodes[0].ending.outcome");
    diag_list_free(&d);
}

static void case_matters_for_field_names(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags(HEAD "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"Next\":\"close\"}," END_NODE "]}", &d);
    assert_null(sc);
    const Diag *g = find_rule(&d, "unknown-field");
    assert_non_null(g);
    assert_string_equal(g->path, "nodes[0].Next");
    assert_string_equal(g->message, "unknown field \"Next\" is ignored (did you mean \"next\"?)");
    assert_non_null(find_rule(&d, "node-kind"));
    diag_list_free(&d);
}

static void portraits_resolve_inside_the_scenario_folder(void **state)
{
    (void)state;
    const char *json = "{\"format\":1,\"id\":\"t\",\"title\":\"T\",\"summary\":\"S\","
        "\"characters\":[{\"id\":\"d\",\"name\":\"D\",\"role\":\"R\",\"portrait\":\"img/../img/d.bmp\"}],"
        "\"start\":\"close\",\"nodes\":[" END_NODE "]}";
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load_buffer("x/t.json", "x", json, strlen(json), &d);
    assert_non_null(sc);
    assert_string_equal(sc->characters[0].portrait.path, "x/img/../img/d.bmp");
    scenario_destroy(sc);
    diag_list_free(&d);
    assert_null(load_diags("{\"format\":1,\"id\":\"t\",\"title\":\"T\",\"summary\":\"S\","
        "\"characters\":[{\"id\":\"d\",\"name\":\"D\",\"role\":\"R\",\"portrait\":\"img/../../d.bmp\"}],"
        "\"start\":\"close\",\"nodes\":[" END_NODE "]}", &d));
    assert_non_null(find_rule(&d, "portrait-path"));
    diag_list_free(&d);
}

static void replies_variants_and_moods_load_with_their_defaults(void **state)
{
    (void)state;
    Scenario *sc = load_ok("{\"format\":1,\"id\":\"t\",\"title\":\"T\",\"summary\":\"S\","
        "\"characters\":[{\"id\":\"dana\",\"name\":\"Dana\",\"role\":\"VP\",\"portrait\":\"d.png\","
        "\"portraits\":{\"angry\":\"faces/d-angry.png\"}},{\"id\":\"sam\",\"name\":\"Sam\",\"role\":\"CFO\"}],"
        "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"speaker\":\"dana\",\"mood\":\"worried\",\"text\":\"base\","
        "\"variants\":[{\"when\":{\"flag\":\"f\"},\"text\":\"v1\",\"mood\":\"pleased\"},"
        "{\"when\":{\"visited\":\"a\"},\"text\":\"v2\"}],"
        "\"choices\":[{\"text\":\"x\",\"next\":\"close\",\"set\":[\"f\"],\"reply\":\"plain\"},"
        "{\"text\":\"y\",\"next\":\"close\",\"reply\":{\"speaker\":\"sam\",\"text\":\"hm\",\"mood\":\"skeptical\"}},"
        "{\"text\":\"z\",\"next\":\"close\",\"reply\":{\"speaker\":\"narrator\",\"text\":\"silence\"}},"
        "{\"text\":\"w\",\"next\":\"close\"}]},"
        "{\"id\":\"close\",\"ending\":{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"w\","
        "\"variants\":[{\"when\":{\"flag\":\"f\"},\"text\":\"wf\"},{\"when\":{\"flag\":\"f\"},\"title\":\"T2\",\"text\":\"wt\"}]}}]}");
    const Node *a = &sc->nodes[0];
    assert_int_equal(a->mood, MOOD_WORRIED);
    assert_int_equal(sc->nodes[1].mood, MOOD_NEUTRAL);            /* absent: neutral */
    assert_int_equal(a->nvariants, 2);
    assert_string_equal(a->variants[0].text, "v1");
    assert_true(a->variants[0].mood_given);
    assert_int_equal(a->variants[0].mood, MOOD_PLEASED);
    assert_false(a->variants[1].mood_given);
    assert_int_equal(a->variants[1].when->kind, COND_VISITED);
    const Reply *r0 = a->choices[0].reply, *r1 = a->choices[1].reply, *r2 = a->choices[2].reply;
    assert_string_equal(r0->text, "plain");                        /* a string: the node's speaker and mood */
    assert_int_equal(r0->speaker, 0);
    assert_int_equal(r0->mood, MOOD_WORRIED);
    assert_false(r0->mood_given);
    assert_int_equal(r1->speaker, 1);
    assert_int_equal(r1->mood, MOOD_SKEPTICAL);
    assert_true(r1->mood_given);
    assert_int_equal(r2->speaker, -1);
    assert_null(a->choices[3].reply);
    const Node *e = &sc->nodes[1];
    assert_int_equal(e->nending_variants, 2);
    assert_null(e->ending_variants[0].title);
    assert_string_equal(e->ending_variants[1].title, "T2");
    const Character *d = &sc->characters[0];
    assert_string_equal(d->portrait.written, "d.png");
    assert_string_equal(d->portraits[MOOD_ANGRY].written, "faces/d-angry.png");
    assert_null(d->portraits[MOOD_PLEASED].path);
    assert_ptr_equal(character_portrait(d, MOOD_ANGRY), &d->portraits[MOOD_ANGRY]);
    assert_ptr_equal(character_portrait(d, MOOD_PLEASED), &d->portrait);
    assert_null(character_portrait(&sc->characters[1], MOOD_ANGRY));
    scenario_destroy(sc);
}

static void mood_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < MOOD_COUNT; i++) {
        Mood m = MOOD_COUNT;
        assert_true(mood_from_name(mood_name((Mood)i), &m));
        assert_int_equal(m, i);
    }
    Mood m = MOOD_ANGRY;
    assert_false(mood_from_name("Worried", &m));   /* the names are exact */
    assert_int_equal(m, MOOD_ANGRY);
    assert_string_equal(mood_name(MOOD_RELIEVED), "relieved");
}

static void byte_order_mark_is_accepted(void **state)
{
    (void)state;
    const char *json = "\xEF\xBB\xBF" HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]}";
    Scenario *sc = load_ok(json);
    assert_string_equal(sc->id, "t");
    scenario_destroy(sc);
}

static void graph_rules_find_traps_loops_and_unreachable_nodes(void **state)
{
    (void)state;
    DiagList d;
    /* a -> b (choice) ; b -> c -> b is a next-only loop and a trap; z is unreachable */
    Scenario *sc = load_diags(HEAD "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"choices\":["
                              "{\"text\":\"x\",\"next\":\"close\"},{\"text\":\"y\",\"next\":\"b\"}]},"
                              "{\"id\":\"b\",\"next\":\"c\"},{\"id\":\"c\",\"next\":\"b\"},"
                              "{\"id\":\"z\",\"next\":\"close\"}," END_NODE "]}", &d);
    assert_null(sc);
    const Diag *loop = find_rule(&d, "passive-loop");
    assert_non_null(loop);
    assert_non_null(strstr(loop->message, "b -> c -> b"));
    const Diag *trap = find_rule(&d, "trap");
    assert_non_null(trap);
    assert_string_equal(trap->path, "nodes[1]");
    const Diag *un = find_rule(&d, "unreachable");
    assert_non_null(un);
    assert_int_equal(un->severity, DIAG_WARNING);
    assert_string_equal(un->path, "nodes[3]");
    diag_list_free(&d);
}

static void warnings_leave_the_file_playable(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags(HEAD "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"choices\":["
                              "{\"text\":\"x\",\"points\":2,\"next\":\"close\",\"when\":{\"flag\":\"never\"}},"
                              "{\"text\":\"y\",\"next\":\"close\"}]}," END_NODE "]}", &d);
    assert_non_null(sc);
    assert_int_equal(d.errors, 0);
    assert_non_null(find_rule(&d, "points-unscored"));
    const Diag *f = find_rule(&d, "flag-never-set");
    assert_non_null(f);
    assert_string_equal(f->path, "nodes[0].choices[0].when.flag");
    diag_list_make_strict(&d);
    assert_int_equal(d.warnings, 0);
    assert_true(d.errors >= 2);
    scenario_destroy(sc);
    diag_list_free(&d);
}

static void missing_file_is_a_clear_error(void **state)
{
    (void)state;
    DiagList d;
    diag_list_init(&d);
    assert_null(scenario_load("/nonexistent/nowhere.json", &d));
    assert_string_equal(d.items[0].rule, "unreadable");
    assert_non_null(strstr(d.items[0].message, "No such file"));
    diag_list_free(&d);
}

/* The byte scan reads eight bytes at a time through runs of spaces: a file
 * that ends in such a run must not be read past its end (found by the
 * fuzzer; under ASan an exact-size copy makes any over-read fail). */
static void trailing_spaces_end_the_scan_cleanly(void **state)
{
    (void)state;
    static const char text[] = "{\"format\": 2}                ";   /* 16 spaces */
    size_t len = sizeof text - 1;
    char *exact = malloc(len);
    assert_non_null(exact);
    memcpy(exact, text, len);
    DiagList d;
    diag_list_init(&d);
    assert_null(scenario_load_buffer("t.json", NULL, exact, len, &d));
    assert_non_null(find_rule(&d, "bad-format"));
    diag_list_free(&d);
    free(exact);
}

/* Reference values: XXH3-64 of "" is the published 2d06800538d394c2; the
 * others come from Python's xxhash module, an implementation other than the
 * loader's libxxhash. */
static void scenario_hash_is_xxh3_of_the_bytes(void **state)
{
    (void)state;
    char h[25];
    scenario_hash_bytes("", 0, h);
    assert_string_equal(h, "xxh3:2d06800538d394c2");
    scenario_hash_bytes("abc", 3, h);
    assert_string_equal(h, "xxh3:78af5f94892f3950");
    scenario_hash_bytes("{\"format\": 1}", 13, h);
    assert_string_equal(h, "xxh3:2955a5754195f505");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_fill_skills_grades_stance_and_meters),
        cmocka_unit_test(custom_grades_are_sorted_by_threshold),
        cmocka_unit_test(unknown_reference_suggests_the_closest_id),
        cmocka_unit_test(syntax_error_names_line_and_column),
        cmocka_unit_test(invalid_utf8_names_line_and_column),
        cmocka_unit_test(nul_escape_and_deep_nesting_are_refused),
        cmocka_unit_test(duplicate_keys_are_reported_with_their_path),
        cmocka_unit_test(case_matters_for_field_names),
        cmocka_unit_test(portraits_resolve_inside_the_scenario_folder),
        cmocka_unit_test(replies_variants_and_moods_load_with_their_defaults),
        cmocka_unit_test(mood_names_round_trip),
        cmocka_unit_test(byte_order_mark_is_accepted),
        cmocka_unit_test(graph_rules_find_traps_loops_and_unreachable_nodes),
        cmocka_unit_test(warnings_leave_the_file_playable),
        cmocka_unit_test(missing_file_is_a_clear_error),
        cmocka_unit_test(scenario_hash_is_xxh3_of_the_bytes),
        cmocka_unit_test(trailing_spaces_end_the_scan_cleanly),
    };
    return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
