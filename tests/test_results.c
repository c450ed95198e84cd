/* test_results.c - the results file: round trip, concurrent writers, torn
 * lines, awkward names. */
#include "testutil.h"
#include "scenarios.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compel/results.h"

static char dir[] = "/tmp/compel-results-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static Session *played(Scenario *sc, const char *player)
{
    Session *s = session_create(sc, 42, player);
    int path[] = {2, 1, 1};   /* q2 3/3, q1 2/2, close -1/0: 4 of 5, won */
    play(s, path, 3);
    return s;
}

static ResultMeta meta(void)
{
    ResultMeta m = {"assessment", 1795392000, 1795392121, 0.25, 0.5};  /* 2026-11-23 00:00:00 UTC */
    return m;
}

static void a_record_reads_back_with_every_field(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = played(sc, "Zoë \"Z\" O'Neil, Jr.\nSales");
    char path[256], err[256], id[37];
    snprintf(path, sizeof path, "%s/sub/folder/r.jsonl", dir);
    ResultMeta m = meta();
    assert_int_equal(results_append(path, s, &m, id, err, sizeof err), 0);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(path, &list, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(list.count, 1);
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
    Scenario *sc = load_ok(HUB);
    char path[256];
    snprintf(path, sizeof path, "%s/shared.jsonl", dir);
    enum { WRITERS = 8, EACH = 200 };
    for (int w = 0; w < WRITERS; w++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char name[32], err[256];
            snprintf(name, sizeof name, "writer %d", w);
            Session *s = played(sc, name);
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
    int per[WRITERS] = {0};
    for (int i = 0; i < list.count; i++)
        per[list.items[i].player[7] - '0']++;
    for (int w = 0; w < WRITERS; w++)
        assert_int_equal(per[w], EACH);
    results_list_free(&list);
    diag_list_free(&d);
    scenario_destroy(sc);
}

static void a_torn_last_line_is_skipped_and_the_next_record_survives(void **state)
{
    (void)state;
    Scenario *sc = load_ok(HUB);
    Session *s = played(sc, "Ana");
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/torn.jsonl", dir);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_record_reads_back_with_every_field),
        cmocka_unit_test(concurrent_writers_never_interleave),
        cmocka_unit_test(a_torn_last_line_is_skipped_and_the_next_record_survives),
        cmocka_unit_test(unwritable_places_fail_with_a_reason),
    };
    return cmocka_run_group_tests_name("results", tests, setup, teardown);
}
