/* test_loader.c - the loader: defaults, resolution, and the messages a
 * trainer sees for broken input (positions and paths checked by hand). */
#include "testutil.h"

#include <glob.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "compel/jsoncheck.h"

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

/* json is refused with one finding: a syntax error at line:col. */
static void expect_one_syntax_error(const char *json, int line, int col)
{
    DiagList d;
    assert_null(load_diags(json, &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].rule, "json-syntax");
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    diag_list_free(&d);
}

static void syntax_error_names_line_and_column(void **state)
{
    (void)state;
    /* line 3 is `  "id": "t"` followed by a missing comma; the error is at `"title"` on line 4, column 3 */
    expect_one_syntax_error("{\n  \"format\": 1,\n  \"id\": \"t\"\n  \"title\": \"x\"\n}", 4, 3);
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

/* The nodes come one at a time, so a reference to a node further down waits
 * until every id is known, then resolves to that node's index. */
static void forward_references_resolve_once_every_node_is_read(void **state)
{
    (void)state;
    DiagList d;
    Scenario *sc = load_diags(
        HEAD "\"meters\":[{\"id\":\"trust\",\"label\":\"Trust\",\"start\":5}],\"start\":\"close2\",\"nodes\":["
             "{\"id\":\"a\",\"skill\":\"diagnose\",\"colour\":\"red\",\"choices\":["
             "{\"text\":\"x\",\"next\":\"b\",\"points\":2,\"feedback\":\"f\",\"reply\":\"r\"},"
             "{\"text\":\"y\",\"next\":\"close\",\"points\":1,\"feedback\":\"f\",\"reply\":\"r\","
             "\"when\":{\"not\":{\"visited\":\"b\"}}},{\"text\":\"z\",\"next\":\"close\",\"reply\":\"r\"}]},"
             "{\"id\":\"b\",\"route\":[{\"when\":{\"visited\":\"close2\"},\"next\":\"close\"},{\"next\":\"a\"}]},"
             END_NODE ",{\"id\":\"close2\",\"next\":\"a\"}]}", &d);
    assert_non_null(sc);
    assert_int_equal(sc->start, 3);
    assert_int_equal(sc->nodes[0].choices[0].next, 1);
    assert_int_equal(sc->nodes[0].choices[1].when->items[0].ref, 1);
    assert_int_equal(sc->nodes[1].route[0].when->ref, 3);
    assert_int_equal(sc->nodes[1].route[0].next, 2);
    assert_int_equal(sc->nodes[1].route[1].next, 0);
    assert_int_equal(sc->nodes[3].next, 0);
    const Diag *g = find_rule(&d, "unknown-field");   /* "colour" */
    assert_non_null(g);
    assert_string_equal(g->path, "nodes[0].colour");
    g = find_rule(&d, "no-feedback");                 /* choice z */
    assert_non_null(g);
    assert_string_equal(g->path, "nodes[0].choices[2]");
    scenario_destroy(sc);
    diag_list_free(&d);
}

/* Call fn with each shipped scenario's path and bytes; returns how many. */
static int each_shipped(void (*fn)(const char *path, const char *bytes, size_t len, void *ctx), void *ctx)
{
    glob_t g;
    assert_int_equal(glob("scenarios/*.json", 0, NULL, &g), 0);
    int n = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strstr(g.gl_pathv[i], "schema.json"))
            continue;
        size_t len = 0;
        char *b = read_whole_file(g.gl_pathv[i], &len);
        assert_non_null(b);
        fn(g.gl_pathv[i], b, len, ctx);
        free(b);
        n++;
    }
    globfree(&g);
    return n;
}

/* The same shipped scenario with its top level turned around (nodes first,
 * the sections they use after them) and printed compactly loads into the
 * same model: the sections are read before any node. */
static void turned_around_loads_the_same(const char *path, const char *b, size_t len, void *ctx)
{
    (void)ctx;
    cJSON *root = cJSON_Parse(b);
    assert_non_null(root);
    cJSON *turned = cJSON_CreateObject();
    while (root->child) {
        cJSON *last = root->child;
        while (last->next)
            last = last->next;
        cJSON_AddItemToObject(turned, last->string, cJSON_DetachItemViaPointer(root, last));
    }
    assert_string_equal(turned->child->string, "nodes");
    char *text = cJSON_PrintUnformatted(turned);
    DiagList d1, d2;
    diag_list_init(&d1);
    diag_list_init(&d2);
    Scenario *a = scenario_load_buffer(path, "scenarios", b, len, &d1);
    Scenario *t = scenario_load_buffer(path, "scenarios", text, strlen(text), &d2);
    assert_non_null(a);
    assert_non_null(t);
    assert_int_equal(a->nnodes, t->nnodes);
    assert_int_equal(a->start, t->start);
    assert_int_equal(a->nflags, t->nflags);
    assert_int_equal(a->nchoices_total, t->nchoices_total);
    assert_int_equal(d1.count, d2.count);
    for (int n = 0; n < a->nnodes; n++) {
        const Node *x = &a->nodes[n], *y = &t->nodes[n];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->speaker, y->speaker);
        assert_int_equal(x->skill, y->skill);
        assert_int_equal(x->next, y->next);
        assert_int_equal(x->nchoices, y->nchoices);
        for (int c = 0; c < x->nchoices; c++) {
            assert_int_equal(x->choices[c].next, y->choices[c].next);
            assert_int_equal(x->choices[c].effects.count, y->choices[c].effects.count);
        }
    }
    scenario_destroy(a);
    scenario_destroy(t);
    diag_list_free(&d1);
    diag_list_free(&d2);
    free(text);
    cJSON_Delete(turned);
    cJSON_Delete(root);
}

static void nodes_may_come_before_the_sections_they_use(void **state)
{
    (void)state;
    assert_true(each_shipped(turned_around_loads_the_same, NULL) >= 10);
}

/* Broken files that stress the reading of nodes one at a time: each names
 * its fault with its rule at its path (or line:col for a syntax error). */
static void broken_node_lists_name_their_fault(void **state)
{
    (void)state;
    static const struct { const char *json, *rule, *path; int line, col; } cases[] = {
        {HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"a\",\"next\":\"close\",\"next\":\"a\"}," END_NODE "]}",
         "duplicate-key", "nodes[0].next", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"a\",\"next\":\"clse\"}," END_NODE "]}",
         "unknown-ref", "nodes[0].next", 0, 0},
        {HEAD "\"start\":\"clos\",\"nodes\":[" END_NODE "]}", "unknown-ref", "start", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE ",7]}", "wrong-type", "nodes[1]", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "," END_NODE "]}", "duplicate-id", "nodes[1].id", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":[ ]}", "out-of-range", "nodes", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":{}}", "wrong-type", "nodes", 0, 0},
        {HEAD "\"start\":\"close\"}", "missing-field", "", 0, 0},
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "],\"nodes\":[" END_NODE "]}", "duplicate-key", "nodes", 0, 0},
        /* syntax: a trailing comma in the list, text or a control character after the end */
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE ",]}", "json-syntax", "", 1, 193},
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]} {", "json-syntax", "", 1, 195},
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]}\x1d\n", "json-syntax", "", 1, 194},
        /* a NUL byte is no blank either */
        {HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]}\n\0", "json-syntax", "", 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        DiagList d;
        diag_list_init(&d);
        size_t len = strlen(cases[i].json) + (strstr(cases[i].rule, "syntax") && cases[i].line == 2);
        Scenario *sc = scenario_load_buffer("b.json", NULL, cases[i].json, len, &d);
        if (sc || !find_rule(&d, cases[i].rule))
            fail_msg("case %zu: expected %s, got %s", i, cases[i].rule, d.count ? d.items[0].message : "nothing");
        const Diag *g = find_rule(&d, cases[i].rule);
        assert_string_equal(g->path, cases[i].path);
        assert_int_equal(g->line, cases[i].line);
        assert_int_equal(g->col, cases[i].col);
        diag_list_free(&d);
    }
}

/* A syntax error is reported alone, where cJSON reading the whole text
 * stops first: the warnings of the nodes before it are dropped, and an
 * error in a member after the nodes list does not hide an earlier one
 * inside it (the list is read after the members around it). */
static void a_syntax_error_is_reported_alone_at_its_first_place(void **state)
{
    (void)state;
    /* node 0 has an unknown field (a warning); node 1 lacks its colon: the
     * quote at line 3, column 7 is where cJSON stops */
    expect_one_syntax_error(HEAD "\"start\":\"close\",\"nodes\":[\n{\"id\":\"a\",\"oops\":1,\"next\":\"close\"},\n"
                            "{\"id\" \"b\"}," END_NODE "],\n\"grades\": [}", 3, 7);
    /* the same without the broken member after the list: the nodes list is
     * where the reader meets the error, after node 0's warning */
    expect_one_syntax_error(HEAD "\"start\":\"close\",\"nodes\":[\n{\"id\":\"a\",\"oops\":1,\"next\":\"close\"},\n"
                            "{\"id\" \"b\"}," END_NODE "]}", 3, 7);
}

/* Keys are compared after unescaping, as cJSON does: "nod\u0065s" is the
 * nodes list; blanks may sit anywhere between tokens. */
static void escaped_keys_and_odd_spacing(void **state)
{
    (void)state;
    Scenario *sc = load_ok("\n\t " HEAD "\"start\" :\"close\" ,\r\n \"nod\\u0065s\"\t:\n[ " END_NODE " ]\n}\n");
    assert_int_equal(sc->nnodes, 1);
    assert_int_equal(sc->start, 0);
    scenario_destroy(sc);
}

/* A top level with more lists than the byte scan records before "nodes"
 * (unknown fields, each warned about) still finds the list and its size. */
static void many_lists_before_the_nodes(void **state)
{
    (void)state;
    char json[4096];
    size_t n = (size_t)snprintf(json, sizeof json, "%s", HEAD);
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(json + n, sizeof json - n, "\"x%d\":[1,2],", i);
    snprintf(json + n, sizeof json - n, "\"start\":\"a\",\"nodes\":[{\"id\":\"a\",\"next\":\"close\"}," END_NODE "]}");
    DiagList d;
    Scenario *sc = load_diags(json, &d);
    assert_non_null(sc);
    assert_int_equal(sc->nnodes, 2);
    assert_int_equal(sc->nodes[0].next, 1);
    assert_int_equal(d.warnings, 40);
    scenario_destroy(sc);
    diag_list_free(&d);
}

/* Damaged copies of each shipped scenario (changed bytes, cut short, bytes
 * JSON gives meaning to): whatever they become, the reader and cJSON reading
 * the whole text agree on whether they are JSON, a refusal always lists an
 * error, and a syntax error comes alone. */
typedef struct Damage { uint64_t xs; int checks, still_good, syntax; } Damage;

static void damaged_copies_of(const char *path, const char *b, size_t len, void *ctx)
{
    static const char alphabet[] = " \n\t\"\\{}[],:0-1etnuabc_\xc3\xa9\xff";
    Damage *dm = ctx;
    char *m = malloc(len + 1);
    assert_non_null(m);
    for (int k = 0; k < 150; k++, dm->checks++) {
        memcpy(m, b, len);
        size_t mlen = len;
        uint64_t xs = dm->xs;
        for (int e = 0; e < 3; e++) {
            xs ^= xs << 13, xs ^= xs >> 7, xs ^= xs << 17;
            if (e == 0 || xs % 2)
                m[(xs >> 8) % mlen] = alphabet[(xs >> 40) % (sizeof alphabet - 1)];
        }
        if (xs % 8 == 0)
            mlen = (xs >> 16) % mlen;
        dm->xs = xs;
        DiagList d, quiet;
        diag_list_init(&d);
        diag_list_init(&quiet);
        Scenario *sc = scenario_load_buffer("damaged.json", "scenarios", m, mlen, &d);
        const Diag *bad = find_rule(&d, "json-syntax");
        cJSON *whole = jsoncheck_parse("damaged.json", m, mlen, &quiet);
        /* the byte scan refuses some files before any parsing */
        bool scanned = !find_rule(&d, "not-utf8") && !find_rule(&d, "nul-escape") &&
                       !find_rule(&d, "too-deep") && !find_rule(&d, "empty-file");
        if ((sc != NULL) != (d.errors == 0) || (scanned && (bad != NULL) != (whole == NULL)))
            fail_msg("%s, copy %d: taken %d, %d errors, syntax %d, cJSON whole %d", path, k, sc != NULL,
                     d.errors, bad != NULL, whole != NULL);
        if (bad)
            assert_int_equal(d.count, 1);
        dm->still_good += sc != NULL;
        dm->syntax += bad != NULL;
        cJSON_Delete(whole);
        scenario_destroy(sc);
        diag_list_free(&d);
        diag_list_free(&quiet);
    }
    free(m);
}

static void damaged_copies_agree_with_cjson_on_syntax(void **state)
{
    (void)state;
    Damage dm = {0x9E3779B97F4A7C15u, 0, 0, 0};
    each_shipped(damaged_copies_of, &dm);
    assert_true(dm.checks >= 10 * 150);
    assert_true(dm.still_good > 50);   /* damage in text leaves a good file */
    assert_true(dm.syntax > 300);
}

/* The byte scan tells the loader when no string can hold a control
 * character; each way of writing one must still be caught. */
static void every_way_of_writing_a_control_character_is_caught(void **state)
{
    (void)state;
    static const char *const forms[] = {"\\r", "\\b", "\\f", "\\u001b", "\\u007f", "\\u0085", "\x7f", "\xc2\x85",
                                        "\x01"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char json[1024];
        snprintf(json, sizeof json, HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"close\",\"ending\":"
                 "{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"a%sb\"}}]}", forms[i]);
        DiagList d;
        Scenario *sc = load_diags(json, &d);
        const Diag *g = find_rule(&d, "control-character");
        if (!sc || !g)
            fail_msg("form %zu: %s", i, sc ? "no warning" : d.items[0].message);
        assert_string_equal(g->path, "nodes[0].ending.text");
        scenario_destroy(sc);
        diag_list_free(&d);
    }
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
        cmocka_unit_test(forward_references_resolve_once_every_node_is_read),
        cmocka_unit_test(nodes_may_come_before_the_sections_they_use),
        cmocka_unit_test(broken_node_lists_name_their_fault),
        cmocka_unit_test(a_syntax_error_is_reported_alone_at_its_first_place),
        cmocka_unit_test(escaped_keys_and_odd_spacing),
        cmocka_unit_test(many_lists_before_the_nodes),
        cmocka_unit_test(damaged_copies_agree_with_cjson_on_syntax),
        cmocka_unit_test(every_way_of_writing_a_control_character_is_caught),
    };
    return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
