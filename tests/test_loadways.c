/* test_loadways.c - the loader reads a good file one node at a time
 * (LOAD_PIECEWISE) and falls back to the whole tree (LOAD_WHOLE) for
 * anything unusual. These tests hold the two to the same answers, over every
 * file in the repository, thousands of damaged copies of them, and files
 * made to stress the piecewise way: nodes listed before the sections they
 * use, references to nodes further down, escaped keys, warnings. */
#include "testutil.h"

#include <glob.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "loadways.h"

static char *slurp(const char *path, size_t *len)
{
    char *b = read_whole_file(path, len);
    assert_non_null(b);
    return b;
}

static void expect_agree(const char *what, const char *bytes, size_t len, bool *piecewise_ok)
{
    int r = load_both_ways(bytes, len, piecewise_ok);
    if (r != LW_AGREE)
        fail_msg("%s: the two ways disagree (code %d)", what, r);
}

static const char *const CORPUS[] = {"scenarios/*.json", "tests/golden/*.json", "tests/bad/*.json",
                                     "tests/fuzz/corpus/*"};

static void every_file_in_the_repository_loads_the_same_both_ways(void **state)
{
    (void)state;
    int files = 0, fast = 0, good_scenarios = 0;
    for (size_t c = 0; c < sizeof CORPUS / sizeof *CORPUS; c++) {
        glob_t g;
        if (glob(CORPUS[c], 0, NULL, &g) != 0)
            continue;
        for (size_t i = 0; i < g.gl_pathc; i++) {
            size_t len;
            char *b = slurp(g.gl_pathv[i], &len);
            bool ok;
            expect_agree(g.gl_pathv[i], b, len, &ok);
            files++;
            fast += ok;
            /* every shipped scenario is a good file: the fast way must take it */
            if (c == 0 && !strstr(g.gl_pathv[i], "schema.json")) {
                if (!ok)
                    fail_msg("%s: the piecewise way gave up on a shipped scenario", g.gl_pathv[i]);
                good_scenarios++;
            }
            free(b);
        }
        globfree(&g);
    }
    assert_true(files > 300);
    assert_true(good_scenarios >= 9);
    assert_true(fast > good_scenarios);
}

static uint64_t xs = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void)
{
    xs ^= xs << 13;
    xs ^= xs >> 7;
    xs ^= xs << 17;
    return (uint32_t)(xs >> 32);
}

/* Damage copies of each shipped scenario: changed bytes, cut short, bytes
 * that JSON gives meaning to. Whatever they become, the ways agree. */
static void damaged_copies_load_the_same_both_ways(void **state)
{
    (void)state;
    static const char alphabet[] = " \n\t\"\\{}[],:0-1etnuabc_\xc3\xa9\xff";
    glob_t g;
    assert_int_equal(glob("scenarios/*.json", 0, NULL, &g), 0);
    int checks = 0, still_good = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strstr(g.gl_pathv[i], "schema.json"))
            continue;
        size_t len;
        char *b = slurp(g.gl_pathv[i], &len);
        char *m = malloc(len + 1);
        for (int k = 0; k < 150; k++) {
            memcpy(m, b, len);
            size_t mlen = len;
            int edits = 1 + (int)(rnd() % 3);
            for (int e = 0; e < edits; e++)
                m[rnd() % mlen] = alphabet[rnd() % (sizeof alphabet - 1)];
            if (rnd() % 8 == 0)
                mlen = rnd() % mlen;
            bool ok;
            char what[300];
            snprintf(what, sizeof what, "%s, copy %d", g.gl_pathv[i], k);
            expect_agree(what, m, mlen, &ok);
            still_good += ok;
            checks++;
        }
        free(m);
        free(b);
    }
    globfree(&g);
    assert_true(checks >= 10 * 150);
    /* some damage lands in text and leaves a good file: both ways were compared on those too */
    assert_true(still_good > 50);
}

/* The same scenario with the top level turned around (nodes first, the
 * sections they use after them), printed compactly: the piecewise way must
 * still take it, and agree. */
static void nodes_before_the_sections_they_use(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("scenarios/*.json", 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strstr(g.gl_pathv[i], "schema.json"))
            continue;
        size_t len;
        char *b = slurp(g.gl_pathv[i], &len);
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
        bool ok;
        expect_agree(g.gl_pathv[i], text, strlen(text), &ok);
        assert_true(ok);
        free(text);
        cJSON_Delete(turned);
        cJSON_Delete(root);
        free(b);
    }
    globfree(&g);
}

#define HEAD "{\"format\":1,\"id\":\"t\",\"title\":\"T\",\"summary\":\"S\",\"characters\":[{\"id\":\"dana\",\"name\":\"Dana\",\"role\":\"VP\"}]," \
             "\"meters\":[{\"id\":\"trust\",\"label\":\"Trust\",\"start\":5}],"
#define END_NODE "{\"id\":\"close\",\"ending\":{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"w\"}}"

/* References to nodes further down wait until the end, then resolve to the
 * same indices the whole way gives; a warning comes out the same way too. */
static void forward_references_and_warnings(void **state)
{
    (void)state;
    const char *json =
        HEAD "\"start\":\"close2\",\"nodes\":["
             "{\"id\":\"a\",\"skill\":\"diagnose\",\"colour\":\"red\",\"choices\":["
             "{\"text\":\"x\",\"next\":\"b\",\"points\":2,\"feedback\":\"f\"},"
             "{\"text\":\"y\",\"next\":\"close\",\"points\":1,\"feedback\":\"f\","
             "\"when\":{\"not\":{\"visited\":\"b\"}}},{\"text\":\"z\",\"next\":\"close\"}]},"
             "{\"id\":\"b\",\"route\":[{\"when\":{\"visited\":\"close2\"},\"next\":\"close\"},{\"next\":\"a\"}]},"
             END_NODE ",{\"id\":\"close2\",\"next\":\"a\"}]}";
    bool ok;
    expect_agree("forward references", json, strlen(json), &ok);
    assert_true(ok);
    DiagList d;
    Scenario *sc = load_diags(json, &d);
    assert_non_null(sc);
    assert_int_equal(sc->start, 3);
    assert_int_equal(sc->nodes[0].choices[0].next, 1);
    assert_int_equal(sc->nodes[0].choices[1].when->items[0].ref, 1);
    assert_int_equal(sc->nodes[1].route[0].when->ref, 3);
    assert_int_equal(sc->nodes[1].route[1].next, 0);
    assert_non_null(find_rule(&d, "unknown-field"));   /* "colour" */
    assert_non_null(find_rule(&d, "no-feedback"));     /* choice z */
    scenario_destroy(sc);
    diag_list_free(&d);
}

/* The piecewise way gives up without a word on anything wrong; the whole
 * way then names it as it always has. */
static void broken_files_read_exactly_as_before(void **state)
{
    (void)state;
    static const char *const broken[] = {
        /* a duplicate key inside a node */
        HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"a\",\"next\":\"close\",\"next\":\"a\"}," END_NODE "]}",
        /* a reference to no node */
        HEAD "\"start\":\"close\",\"nodes\":[{\"id\":\"a\",\"next\":\"clse\"}," END_NODE "]}",
        /* a trailing comma in the nodes list */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE ",]}",
        /* a node that is not an object */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE ",7]}",
        /* the same node id twice */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "," END_NODE "]}",
        /* an empty nodes list */
        HEAD "\"start\":\"close\",\"nodes\":[ ]}",
        /* nodes twice */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "],\"nodes\":[" END_NODE "]}",
        /* text after the end */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]} {",
        /* a control character after the end (cJSON would skip it as a blank; found by the fuzzer) */
        HEAD "\"start\":\"close\",\"nodes\":[" END_NODE "]}\x1d\n",
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        DiagList d;
        diag_list_init(&d);
        Scenario *sc = scenario_load_buffer_way("b.json", NULL, broken[i], strlen(broken[i]), &d, LOAD_PIECEWISE);
        assert_null(sc);
        assert_int_equal(d.count, 0);
        diag_list_free(&d);
        Scenario *any = load_diags(broken[i], &d);
        assert_null(any);
        assert_true(d.errors >= 1);
        diag_list_free(&d);
        bool ok;
        expect_agree(broken[i], broken[i], strlen(broken[i]), &ok);
    }
}

/* Keys are compared after unescaping, as cJSON does: "nod\u0065s" is nodes. */
static void escaped_keys_and_odd_spacing(void **state)
{
    (void)state;
    const char *json = "\n\t " HEAD "\"start\" :\"close\" ,\r\n \"nod\\u0065s\"\t:\n[ " END_NODE " ]\n}\n";
    bool ok;
    expect_agree("escaped key", json, strlen(json), &ok);
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_file_in_the_repository_loads_the_same_both_ways),
        cmocka_unit_test(damaged_copies_load_the_same_both_ways),
        cmocka_unit_test(nodes_before_the_sections_they_use),
        cmocka_unit_test(forward_references_and_warnings),
        cmocka_unit_test(broken_files_read_exactly_as_before),
        cmocka_unit_test(escaped_keys_and_odd_spacing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
