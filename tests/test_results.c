/* test_results.c - the results file: round trip, concurrent writers, torn
 * lines, awkward names. */
#include "testutil.h"
#include "tmpdir.h"
#include "scenarios.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compel/results.h"
#include "compel/textsafe.h"

static Session *played(Scenario *sc, const char *player)
{
    Session *s = session_create(sc, 42, player);
    int path[] = {2, 1, 1};   /* q2 3/3, q1 2/2, close -1/0: 4 of 5, won */
    play(s, path, 3);
    return s;
}

static ResultMeta meta(void)
{
    ResultMeta m = {"assessment", 1795392000, 1795392121, 0.25, 0.5, NULL, NULL, NULL};  /* 2026-11-23 00:00:00 UTC */
    return m;
}

/* Append the session's record to a new file at path and read it back: one
 * record, no finding. */
static void append_and_read(const char *path, const Session *s, char id[37], ResultList *list, DiagList *d)
{
    char err[256];
    ResultMeta m = meta();
    assert_int_equal(results_append(path, s, &m, id, err, sizeof err), 0);
    diag_list_init(d);
    assert_int_equal(results_read(path, list, d), 0);
    assert_int_equal(d->count, 0);
    assert_int_equal(list->count, 1);
}

static void a_record_reads_back_with_every_field(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = played(sc, "Zoë \"Z\" O'Neil, Jr.\nSales");
    char path[256], id[37];
    snprintf(path, sizeof path, "%s/sub/folder/r.jsonl", tmpdir);
    ResultList list = {0};
    DiagList d;
    append_and_read(path, s, id, &list, &d);
    ResultRecord *r = &list.items[0];
    assert_string_equal(r->id, id);
    assert_int_equal(strlen(id), 36);
    assert_int_equal(id[14], '4');                       /* UUID version 4 */
    assert_string_equal(r->player, "Zoë \"Z\" O'Neil, Jr.\nSales");
    assert_string_equal(r->scenario, "hub");
    assert_string_equal(r->scenario_hash, sc->hash);
    assert_string_equal(r->mode, "assessment");
    assert_true(r->seed == 42);
    assert_string_equal(r->started, "2026-11-23T00:00:00.250Z");
    assert_string_equal(r->finished, "2026-11-23T00:02:01.500Z");
    assert_true(r->duration > 121.24 && r->duration < 121.26);
    assert_string_equal(r->outcome, "won");
    assert_string_equal(r->ending, "won");
    assert_int_equal(r->percent, 80);
    assert_string_equal(r->grade, "Professional");
    assert_int_equal(r->nskills, 4);
    assert_string_equal(r->skills[0].id, "diagnose");
    assert_int_equal(r->skills[0].earned, 4);
    assert_int_equal(r->skills[0].possible, 5);
    assert_int_equal(r->nsteps, 3);
    assert_string_equal(r->steps[2].choice, "close");
    assert_string_equal(r->steps[2].text, "Propose");
    assert_int_equal(r->steps[2].points, -1);
    assert_int_equal(r->steps[2].possible, 0);
    assert_int_equal(r->steps[2].nvisible, 2);             /* close and pitch were visible */
    assert_string_equal(r->steps[2].visible[1].id, "pitch");
    assert_int_equal(r->steps[2].visible[1].points, 0);
    assert_string_equal(r->steps[0].feedback, "f");
    results_list_free(&list);
    diag_list_free(&d);
    session_destroy(s);
    scenario_destroy(sc);
}

static void concurrent_writers_never_interleave(void **state)
{
    (void)state;
    char path[256];
    snprintf(path, sizeof path, "%s/shared.jsonl", tmpdir);
    enum { WRITERS = 4, EACH = 200 };
    /* records of several pages (a real playthrough's size), so that another
     * writer can see one half written */
    char *text = read_whole_file("scenarios/harbor-fresh.json", NULL);
    assert_non_null(text);
    Scenario *big = load_ok(text);
    free(text);
    for (int w = 0; w < WRITERS; w++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char name[32], err[256];
            snprintf(name, sizeof name, "writer %d", w);
            Session *s = session_create(big, 1, name);
            for (int k = 0; k < 100 && session_status(s) != SESSION_ENDED; k++) {
                if (session_status(s) == SESSION_READING)
                    session_continue(s);
                else
                    session_choose(s, 1);
            }
            ResultMeta m = meta();
            int bad = 0;
            for (int i = 0; i < EACH; i++)
                bad += results_append(path, s, &m, NULL, err, sizeof err) != 0;
            _exit(bad ? 1 : 0);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int status;
        wait(&status);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(path, &list, &d), 0);
    assert_int_equal(d.count, 0);                 /* not one torn or mixed line */
    assert_int_equal(list.count, WRITERS * EACH);
    /* and not one blank line: the "start on a fresh line" check used to race
     * with a record half written by another writer */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    int lines = 0, blank = 0, c, prev = '\n';
    while ((c = getc(f)) != EOF) {
        if (c == '\n') {
            lines++;
            blank += prev == '\n';
        }
        prev = c;
    }
    fclose(f);
    assert_int_equal(blank, 0);
    assert_int_equal(lines, WRITERS * EACH);
    int per[WRITERS] = {0};
    for (int i = 0; i < list.count; i++)
        per[list.items[i].player[7] - '0']++;
    for (int w = 0; w < WRITERS; w++)
        assert_int_equal(per[w], EACH);
    results_list_free(&list);
    diag_list_free(&d);
    scenario_destroy(big);
}

static void a_torn_last_line_is_skipped_and_the_next_record_survives(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = played(sc, "Ana");
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/torn.jsonl", tmpdir);
    ResultMeta m = meta();
    assert_int_equal(results_append(path, s, &m, NULL, err, sizeof err), 0);
    int fd = open(path, O_WRONLY | O_APPEND);
    assert_true(fd >= 0);
    const char torn[] = "{\"format\":1,\"id\":\"abc\",\"scen";   /* a crash mid-write */
    assert_int_equal(write(fd, torn, sizeof torn - 1), (ssize_t)(sizeof torn - 1));
    close(fd);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    results_read(path, &list, &d);
    assert_int_equal(list.count, 1);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].rule, "torn-line");
    assert_int_equal(d.items[0].line, 2);
    results_list_free(&list);
    diag_list_free(&d);

    assert_int_equal(results_append(path, s, &m, NULL, err, sizeof err), 0);
    diag_list_init(&d);
    results_read(path, &list, &d);
    assert_int_equal(list.count, 2);              /* the new record is whole */
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].rule, "invalid-record");   /* the torn line, now complete */
    assert_int_equal(list.items[1].line, 3);
    results_list_free(&list);
    diag_list_free(&d);
    session_destroy(s);
    scenario_destroy(sc);
}

static void unwritable_places_fail_with_a_reason(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = played(sc, "Ana");
    char err[256];
    ResultMeta m = meta();
    assert_int_equal(results_append("/proc/compel/results.jsonl", s, &m, NULL, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read("/nonexistent/r.jsonl", &list, &d), -1);
    assert_string_equal(d.items[0].rule, "unreadable");
    diag_list_free(&d);
    session_destroy(s);
    scenario_destroy(sc);
}

/* Write raw bytes to a fresh file. */
static void write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

static void a_64_bit_seed_and_a_long_name_read_back_exactly(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    size_t big = 1u << 20;                     /* a 1 MB player name */
    char *name = malloc(big + 1);
    assert_non_null(name);
    for (size_t i = 0; i < big; i++)
        name[i] = (char)('a' + i % 26);
    name[big] = '\0';
    Session *s = session_create(sc, UINT64_MAX - 2, name);
    int path[] = {3};
    play(s, path, 1);
    char file[256];
    snprintf(file, sizeof file, "%s/seed.jsonl", tmpdir);
    ResultList list = {0};
    DiagList d;
    append_and_read(file, s, NULL, &list, &d);
    assert_true(list.items[0].seed == UINT64_MAX - 2);
    /* the name is kept to COMPEL_PLAYER_MAX bytes, cut between characters */
    assert_int_equal(strlen(list.items[0].player), COMPEL_PLAYER_MAX);
    assert_memory_equal(list.items[0].player, name, COMPEL_PLAYER_MAX);
    assert_int_equal(list.items[0].percent, 0);
    results_list_free(&list);
    diag_list_free(&d);
    free(name);
    session_destroy(s);
    scenario_destroy(sc);
}

static void hostile_lines_are_skipped_or_clamped_never_fatal(void **state)
{
    (void)state;
    static const char text[] =
        "\n"                                                          /* 1 blank: ignored */
        "[1,2,3]\n"                                                   /* 2 not an object */
        "{\"format\":2,\"id\":\"x\"}\n"                            /* 3 a later format */
        "{\"format\":1,\"id\":\"a\",\"scenario\":\"s\",\"player\":\"\xff\xfe\","
        "\"started\":\"t\",\"finished\":\"t\",\"percent\":5}\n"     /* 4 not UTF-8 */
        "{\"format\":1,\"id\":\"b\",\"scenario\":\"s\",\"player\":\"p\","
        "\"started\":\"t\",\"finished\":\"t\",\"percent\":1e300,\"seed\":-5,"
        "\"skills\":[{\"id\":\"k\",\"earned\":-1e300,\"possible\":\"x\"}],"
        "\"steps\":[{\"node\":\"n\",\"choice\":\"c\",\"index\":1e99,\"points\":1,"
        "\"possible\":2,\"visible\":[7,{\"points\":1e50}]}]}\r\n"  /* 5 valid, absurd numbers */
        "{\"format\":1,\"id\":\"c\",\"scenario\":\"s\"}\n";       /* 6 fields missing */
    char file[256];
    snprintf(file, sizeof file, "%s/hostile.jsonl", tmpdir);
    write_file(file, text, sizeof text - 1);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(file, &list, &d), 0);
    assert_int_equal(list.count, 1);
    ResultRecord *r = &list.items[0];
    assert_string_equal(r->id, "b");
    assert_int_equal(r->line, 5);
    assert_int_equal(r->percent, 1000000000);
    assert_true(r->seed == 0);
    assert_int_equal(r->skills[0].earned, -1000000000);
    assert_int_equal(r->skills[0].possible, 0);
    assert_int_equal(r->steps[0].index, 1000000000);
    assert_int_equal(r->steps[0].nvisible, 2);
    assert_null(r->steps[0].visible[0].id);
    assert_int_equal(d.warnings, 4);
    int lines[] = {2, 3, 4, 6};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(d.items[i].line, lines[i]);
        assert_string_equal(d.items[i].file, file);
        assert_string_equal(d.items[i].rule, "invalid-record");
    }
    results_list_free(&list);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_record_reads_back_with_every_field),
        cmocka_unit_test(concurrent_writers_never_interleave),
        cmocka_unit_test(a_torn_last_line_is_skipped_and_the_next_record_survives),
        cmocka_unit_test(unwritable_places_fail_with_a_reason),
        cmocka_unit_test(a_64_bit_seed_and_a_long_name_read_back_exactly),
        cmocka_unit_test(hostile_lines_are_skipped_or_clamped_never_fatal),
    };
    return cmocka_run_group_tests_name("results", tests, tmpdir_setup, tmpdir_teardown);
}
