/* test_playthrough.c - the saved form of a playthrough: what is written is
 * read back whole (every 64-bit seed exact), an older autosave still reads,
 * an old replay and a broken file are refused with a reason, and a start
 * from the saved form reaches the same place as the original. */
#include "testutil.h"
#include "scenarios.h"
#include "tmpdir.h"

#include <stdlib.h>

#include "compel/playthrough.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void written_playthrough_reads_back_and_replays_to_the_same_place(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = session_create(sc, UINT64_MAX, "Ann");
    session_set_mode(s, SESSION_ASSESSMENT);
    int list[] = {2, 1};
    play(s, list, 2);
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/saved.json", tmpdir);
    assert_int_equal(playthrough_write(path, s, "hub.json", err, sizeof err), 0);
    Playthrough p;
    assert_int_equal(playthrough_read(path, &p, err, sizeof err), 0);
    assert_true(p.seed == UINT64_MAX);
    assert_string_equal(p.player, "Ann");
    assert_string_equal(p.file, "hub.json");
    assert_int_equal(p.mode, SESSION_ASSESSMENT);
    assert_int_equal(playthrough_match(&p, sc), PLAYTHROUGH_SAME);
    int applied;
    Session *t = playthrough_start(&p, sc, &applied);
    assert_int_equal(applied, p.ncommands);
    assert_int_equal(session_node_index(t), session_node_index(s));
    assert_int_equal(session_percent(t), session_percent(s));
    assert_int_equal(session_mode(t), SESSION_ASSESSMENT);
    playthrough_free(&p);
    session_destroy(t);
    session_destroy(s);
    scenario_destroy(sc);
}

static void an_older_autosave_still_reads(void **state)
{
    (void)state;
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/old.json", tmpdir);
    write_file(path, "{\"format\":1,\"scenario\":\"hub\",\"scenario_hash\":\"xxh3:00\",\"seed\":\"7\","
                     "\"player\":\"Bo\",\"mode\":\"practice\",\"commands\":[0,2,1]}");
    Playthrough p;
    assert_int_equal(playthrough_read(path, &p, err, sizeof err), 0);
    assert_int_equal(p.ncommands, 3);
    assert_int_equal(p.commands[0].kind, COMMAND_CONTINUE);
    assert_int_equal(p.commands[1].kind, COMMAND_CHOOSE);
    assert_int_equal(p.commands[1].choice, 2);
    assert_true(p.seed == 7);
    assert_string_equal(p.hash, "xxh3:00");
    Scenario *sc = load_ok(HUB);
    assert_int_equal(playthrough_match(&p, sc), PLAYTHROUGH_CHANGED);
    playthrough_free(&p);
    scenario_destroy(sc);
}

static void bad_saved_files_are_refused_with_a_reason(void **state)
{
    (void)state;
    static const struct { const char *text, *reason; } cases[] = {
        {"{\"scenario\":\"x.json\",\"hash\":\"h\",\"seed\":1,\"choices\":\"1,2\"}", "make rerecord"},
        {"{\"hash\":\"h\",\"seed\":\"1\",\"commands\":[\"choose 0\"]}", "command 1"},
        {"{\"hash\":\"h\",\"seed\":\"1\",\"commands\":[\"jump\"]}", "command 1"},
        {"{\"hash\":\"h\",\"seed\":\"-1\",\"commands\":[]}", "seed"},
        {"{\"seed\":\"1\",\"commands\":[]}", "hash"},
        {"[1,2]", "not a JSON object"},
    };
    char path[300], err[512];
    snprintf(path, sizeof path, "%s/bad.json", tmpdir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(path, cases[i].text);
        Playthrough p;
        assert_int_equal(playthrough_read(path, &p, err, sizeof err), -1);
        if (!strstr(err, cases[i].reason))
            fail_msg("case %zu: \"%s\" does not mention %s", i, err, cases[i].reason);
        assert_null(p.commands);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_playthrough_reads_back_and_replays_to_the_same_place),
        cmocka_unit_test(an_older_autosave_still_reads),
        cmocka_unit_test(bad_saved_files_are_refused_with_a_reason),
    };
    return cmocka_run_group_tests_name("playthrough", tests, tmpdir_setup, tmpdir_teardown);
}
