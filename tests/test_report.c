/* test_report.c - `compel report` and `compel xapi` on results files written
 * by hand, so every figure can be checked against arithmetic done here:
 * duplicates counted once, torn and invalid lines skipped with their line
 * numbers, best and last attempts, skill percents and team averages, the
 * most-missed decisions, CSV quoting, HTML escaping, the xAPI statements.
 *
 * The team (scenario s1; open scores diagnose, why scores root_cause):
 *   id1 Ana      finished 11-20  open b 1/3, why y 0/2          20%
 *   id2 Ana      finished 11-22  open a 3/3, why y 0/2          60%  <- Ana's last
 *   id3 Ana      finished 11-21  open c 3/3, why x 2/2         100%  <- Ana's best
 *   id4 Bo       finished 11-21  open a 3/3, why x 2/2, chat   100%
 *   id5 Zoë      finished 11-21  open b 1/3, why x 2/2          60%
 * Skill percents (last attempts): diagnose Ana 100, Bo 100, Zoë 33 -> team
 * 233/3 = 77.7 -> 78; root_cause Ana 0, Bo 100, Zoë 100 -> 66.7 -> 67.
 * open: 5 answers, 2 below best (b), by 2 of 3 players (67%); why: 5
 * answers, 2 below best (Ana's y twice), by 1 of 3 players (33%). */
#include "testutil.h"
#include "tmpdir.h"

#include <stdlib.h>
#include <unistd.h>

#include "compel/cli.h"
#include "compel/lrs.h"
#include "compel/report.h"

#define VIS_OPEN "[{\"id\":\"a\",\"text\":\"Ask\",\"points\":3},{\"id\":\"b\",\"text\":\"Tell, then sell\",\"points\":1}," \
                 "{\"id\":\"c\",\"text\":\"Probe\",\"points\":3}]"
#define VIS_WHY "[{\"id\":\"x\",\"text\":\"Insight\",\"points\":2},{\"id\":\"y\",\"text\":\"Agree\",\"points\":0}]"
#define OPEN(ch, idx, text, pts, fb)                                                                         \
    "{\"node\":\"open\",\"choice\":\"" ch "\",\"index\":" idx ",\"text\":\"" text "\",\"skill\":\"diagnose\"," \
    "\"points\":" pts ",\"possible\":3,\"feedback\":\"" fb "\",\"setback\":false,\"visible\":" VIS_OPEN "}"
#define WHY(ch, idx, text, pts)                                                                              \
    "{\"node\":\"why\",\"choice\":\"" ch "\",\"index\":" idx ",\"text\":\"" text "\",\"skill\":\"root_cause\"," \
    "\"points\":" pts ",\"possible\":2,\"feedback\":null,\"setback\":true,\"visible\":" VIS_WHY "}"
#define CHAT "{\"node\":\"chat\",\"choice\":\"z\",\"index\":1,\"text\":\"Small talk\",\"skill\":null," \
             "\"points\":0,\"possible\":0,\"feedback\":null,\"setback\":false," \
             "\"visible\":[{\"id\":\"z\",\"text\":\"Small talk\",\"points\":0}]}"
#define OPEN_A OPEN("a", "1", "Ask", "3", "Diagnose first.")
#define OPEN_B OPEN("b", "2", "Tell, then sell", "1", "A \\\"pitch\\\" before a diagnosis.")
#define OPEN_C OPEN("c", "3", "Probe", "3", "Good.")
#define WHY_X WHY("x", "1", "Insight", "2")
#define WHY_Y WHY("y", "2", "Agree", "0")

#define ID(n) "00000000-0000-4000-8000-00000000000" #n
#define ANA "Ana"
#define BO "Bo \\\"B\\\" Lee, Jr.\\nSales"     /* JSON for: Bo "B" Lee, Jr.<newline>Sales */
#define ZOE "Zo\\u00eb <b>"


/* One record line (with its newline) of scenario sc. */
static void put_record_of(FILE *f, const char *sc, const char *id, const char *player, const char *day, int pct,
                          const char *grade, int de, int dp, int re, int rp, const char *steps)
{
    fprintf(f,
            "{\"format\":1,\"id\":\"%s\",\"scenario\":\"%s\",\"title\":\"First, \\\"call\\\"\","
            "\"scenario_hash\":\"xxh3:0123456789abcdef\",\"player\":\"%s\",\"mode\":\"assessment\","
            "\"seed\":18446744073709551615,\"started\":\"2026-11-%sT09:58:00.000Z\","
            "\"finished\":\"2026-11-%sT10:00:01.250Z\",\"duration\":121.25,\"outcome\":\"won\","
            "\"ending\":\"end\",\"percent\":%d,\"grade\":\"%s\",\"skills\":["
            "{\"id\":\"diagnose\",\"label\":\"Diagnose\",\"earned\":%d,\"possible\":%d},"
            "{\"id\":\"root_cause\",\"label\":\"Root causes\",\"earned\":%d,\"possible\":%d}],"
            "\"steps\":[%s],\"future_field\":{\"ignored\":true}}\n",
            id, sc, player, day, day, pct, grade, de, dp, re, rp, steps);
}

static void put_record(FILE *f, const char *id, const char *player, const char *day, int pct, const char *grade,
                       int de, int dp, int re, int rp, const char *steps)
{
    put_record_of(f, "s1", id, player, day, pct, grade, de, dp, re, rp, steps);
}

/* The team file (a.jsonl) and a second file (b.jsonl) holding a copy of id4,
 * an invalid line and a torn last line. */
static void write_team(char a[256], char b[256])
{
    snprintf(a, 256, "%s/a.jsonl", tmpdir);
    snprintf(b, 256, "%s/b.jsonl", tmpdir);
    FILE *f = fopen(a, "w");
    assert_non_null(f);
    put_record(f, ID(1), ANA, "20", 20, "Pitchman", 1, 3, 0, 2, OPEN_B "," WHY_Y);
    put_record(f, ID(2), ANA, "22", 60, "Developing", 3, 3, 0, 2, OPEN_A "," WHY_Y);
    put_record(f, ID(3), ANA, "21", 100, "Trusted advisor", 3, 3, 2, 2, OPEN_C "," WHY_X);
    put_record(f, ID(4), BO, "21", 100, "Trusted advisor", 3, 3, 2, 2, OPEN_A "," WHY_X "," CHAT);
    put_record(f, ID(5), ZOE, "21", 60, "Developing", 1, 3, 2, 2, OPEN_B "," WHY_X);
    fclose(f);
    f = fopen(b, "w");
    assert_non_null(f);
    fputs("not json at all\n", f);                                                /* line 1 */
    put_record(f, ID(4), BO, "21", 100, "Trusted advisor", 3, 3, 2, 2, OPEN_A);   /* line 2: a copy */
    fputs("{\"format\":1,\"id\":\"torn", f);                                       /* line 3: torn */
    fclose(f);
}

/* Read both files into a finished report. */
static void read_team(Report *r, DiagList *d, int *dups, const ReportFilter *filter)
{
    char a[256], b[256];
    write_team(a, b);
    char *files[] = {a, b};
    report_init(r);
    diag_list_init(d);
    assert_int_equal(report_read_files(files, 2, filter, report_add, r, d, dups), 0);
    report_finish(r);
}

static const ReportPlayer *player_named(const ReportScenario *sc, const char *name)
{
    for (int i = 0; i < sc->nplayers; i++)
        if (strcmp(sc->players[i].name, name) == 0)
            return &sc->players[i];
    fail_msg("no player %s", name);
    return NULL;
}

static void each_playthrough_counts_once_and_bad_lines_are_named(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    int dups;
    read_team(&r, &d, &dups, NULL);
    assert_int_equal(r.playthroughs, 5);
    assert_int_equal(r.players, 3);
    assert_int_equal(dups, 1);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.items[0].line, 1);
    assert_string_equal(d.items[0].rule, "invalid-record");
    assert_int_equal(d.items[1].line, 3);
    assert_string_equal(d.items[1].rule, "torn-line");
    assert_non_null(strstr(d.items[1].file, "b.jsonl"));
    assert_int_equal(r.nscenarios, 1);
    assert_string_equal(r.scenarios[0].title, "First, \"call\"");
    diag_list_free(&d);
    report_free(&r);
}

static void best_last_and_skills_match_the_hand_computed_figures(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    read_team(&r, &d, NULL, NULL);
    const ReportScenario *sc = &r.scenarios[0];
    assert_int_equal(sc->nplayers, 3);
    assert_string_equal(sc->players[0].name, "Ana");                /* sorted by name */
    assert_string_equal(sc->players[1].name, "Bo \"B\" Lee, Jr.\nSales");
    assert_string_equal(sc->players[2].name, "Zo\xC3\xAB <b>");
    const ReportPlayer *ana = player_named(sc, "Ana");
    assert_int_equal(ana->attempts, 3);
    assert_int_equal(ana->best_percent, 100);
    assert_string_equal(ana->best_grade, "Trusted advisor");
    assert_int_equal(ana->last_percent, 60);                         /* finished last, read second */
    assert_string_equal(ana->last_grade, "Developing");
    assert_string_equal(ana->last_outcome, "won");
    assert_int_equal(sc->nskills, 2);
    assert_string_equal(sc->skills[1].label, "Root causes");
    assert_int_equal(report_player_skill(ana, 0), 100);
    assert_int_equal(report_player_skill(ana, 1), 0);
    assert_int_equal(report_player_skill(&sc->players[2], 0), 33);   /* 1 of 3 */
    assert_int_equal(report_team_skill(sc, 0), 78);                 /* (100 + 100 + 33) / 3 = 77.7 */
    assert_int_equal(report_team_skill(sc, 1), 67);                 /* (0 + 100 + 100) / 3 = 66.7 */
    /* percents 20 60 60 100 100: nearest-rank quartiles */
    assert_int_equal(report_percentile(sc, 0), 20);
    assert_int_equal(report_percentile(sc, 0.25), 60);
    assert_int_equal(report_percentile(sc, 0.5), 60);
    assert_int_equal(report_percentile(sc, 0.75), 100);
    assert_int_equal(report_percentile(sc, 1), 100);
    diag_list_free(&d);
    report_free(&r);
}

static void decisions_are_ranked_by_players_below_best(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    read_team(&r, &d, NULL, NULL);
    const ReportScenario *sc = &r.scenarios[0];
    assert_int_equal(sc->ndecisions, 2);                          /* chat is unscored */
    const ReportDecision *open = &sc->decisions[0], *why = &sc->decisions[1];
    assert_string_equal(open->node, "open");
    assert_int_equal(open->answers, 5);
    assert_int_equal(open->below, 2);
    assert_int_equal(open->players, 3);
    assert_int_equal(open->players_below, 2);
    assert_int_equal(report_share_below(open), 67);
    assert_string_equal(open->best_text, "Ask");                  /* a and c tie: the first visible */
    const ReportTally *miss = report_top_miss(open);
    assert_non_null(miss);
    assert_string_equal(miss->text, "Tell, then sell");
    assert_int_equal(miss->count, 2);
    assert_string_equal(miss->feedback, "A \"pitch\" before a diagnosis.");
    assert_string_equal(why->node, "why");
    assert_int_equal(why->answers, 5);
    assert_int_equal(why->below, 2);
    assert_int_equal(why->players_below, 1);
    assert_int_equal(report_share_below(why), 33);
    assert_null(report_top_miss(why)->feedback);
    diag_list_free(&d);
    report_free(&r);
}

static void filters_keep_one_scenario_or_recent_playthroughs(void **state)
{
    (void)state;
    char since[32];
    assert_true(report_parse_since("2026-11-21", since));
    assert_string_equal(since, "2026-11-21");
    assert_true(report_parse_since("2026-11-21T10:00:01.3Z", since));
    assert_string_equal(since, "2026-11-21T10:00:01.3");
    assert_false(report_parse_since("21/11/2026", since));
    assert_false(report_parse_since("2026-13-01", since));
    assert_false(report_parse_since("2026-11-21T25:00", since));
    assert_false(report_parse_since("2026-11-21 junk", since));

    Report r;
    DiagList d;
    ReportFilter f = {NULL, "2026-11-21T10:00:01.250", NULL, NULL, false};   /* id1 (11-20) is older */
    read_team(&r, &d, NULL, &f);
    assert_int_equal(r.playthroughs, 4);
    assert_int_equal(player_named(&r.scenarios[0], "Ana")->attempts, 2);
    diag_list_free(&d);
    report_free(&r);

    ReportFilter g = {"other", NULL, NULL, NULL, false};
    read_team(&r, &d, NULL, &g);
    assert_int_equal(r.playthroughs, 0);
    assert_int_equal(r.nscenarios, 0);
    diag_list_free(&d);
    report_free(&r);
}

/* Render into memory; the caller frees the text. */
static char *render(const Report *r, int kind)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    if (kind == 0)
        report_write_text(f, r, 5);
    else if (kind == 1)
        report_write_csv(f, r, false);
    else
        report_write_html(f, r, "2026-11-23 07:00 UTC", 5);
    fclose(f);
    return buf;
}

static void csv_quotes_names_and_keeps_one_header(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    read_team(&r, &d, NULL, NULL);
    char *csv = render(&r, 1);
    assert_non_null(strstr(csv, "kind,scenario,title,player,attempts,best_percent,best_grade,last_percent,"
                                "last_grade,last_outcome,skill_diagnose,skill_root_cause,node,skill,players,"
                                "players_below_best,share_below_best,answers,answers_below_best,best_choice,"
                                "most_common_instead,its_feedback\r\n"));
    assert_non_null(strstr(csv, "\r\nplayer,s1,\"First, \"\"call\"\"\",Ana,3,100,Trusted advisor,60,Developing,"
                                "won,100,0,,,,,,,,,,\r\n"));
    assert_non_null(strstr(csv, ",\"Bo \"\"B\"\" Lee, Jr.\nSales\",1,100,"));
    assert_non_null(strstr(csv, "\r\nteam,s1,\"First, \"\"call\"\"\",,5,,,,,,78,67,,,,,,,,,,\r\n"));
    assert_non_null(strstr(csv, "\r\ndecision,s1,\"First, \"\"call\"\"\",,,,,,,,,,open,diagnose,3,2,67,5,2,Ask,"
                                "\"Tell, then sell\",\"A \"\"pitch\"\" before a diagnosis.\"\r\n"));
    int headers = 0;
    for (const char *p = csv; (p = strstr(p, "kind,")) != NULL; p++)
        headers++;
    assert_int_equal(headers, 1);
    free(csv);
    diag_list_free(&d);
    report_free(&r);
}

static void text_shows_figures_and_never_raw_control_characters(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    read_team(&r, &d, NULL, NULL);
    char *text = render(&r, 0);
    assert_non_null(strstr(text, "Compel report: 5 playthroughs, 1 scenario, 3 players\n"));
    assert_non_null(strstr(text, "Bo \"B\" Lee, Jr. Sales"));   /* the newline printed as a space */
    assert_non_null(strstr(text, "open (diagnose): 2 of 3 players (67%) below best, 2 of 5 answers"));
    assert_non_null(strstr(text, "why (root_cause): 1 of 3 players (33%) below best, 2 of 5 answers"));
    for (const char *p = text; *p; p++)
        assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
    free(text);
    diag_list_free(&d);
    report_free(&r);
}

static void html_escapes_names_and_loads_nothing(void **state)
{
    (void)state;
    Report r;
    DiagList d;
    read_team(&r, &d, NULL, NULL);
    char *html = render(&r, 2);
    assert_non_null(strstr(html, "Zo\xC3\xAB &lt;b&gt;"));
    assert_null(strstr(html, "<b>\xE2"));
    assert_null(strstr(html, "Zo\xC3\xAB <b>"));
    assert_non_null(strstr(html, "Bo &quot;B&quot; Lee, Jr.\nSales"));
    assert_non_null(strstr(html, "A &quot;pitch&quot; before a diagnosis."));
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href="));
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "@media print"));
    free(html);
    diag_list_free(&d);
    report_free(&r);
}

/* Statement i of an array. */
static const cJSON *nth(const cJSON *arr, int i)
{
    return cJSON_GetArrayItem(arr, i);
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        v = cJSON_GetObjectItemCaseSensitive(v, b);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void xapi_statements_carry_the_playthrough(void **state)
{
    (void)state;
    char a[256], b[256];
    write_team(a, b);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(a, &list, &d), 0);
    const ResultRecord *rec = &list.items[3];   /* Bo: open a, why x, chat: 100% */
    XapiOptions opt = {"https://lrs.example.com/c/", "https://example.com", "en-GB", 70, false};
    cJSON *arr = cJSON_CreateArray();
    xapi_add_statements(arr, rec, &opt);
    assert_int_equal(cJSON_GetArraySize(arr), 1 + 3 + 2);
    const char *verbs[] = {"attempted", "answered", "answered", "answered", "completed", "passed"};
    for (int i = 0; i < 6; i++) {
        const cJSON *s = nth(arr, i);
        char want[80];
        snprintf(want, sizeof want, "http://adlnet.gov/expapi/verbs/%s", verbs[i]);
        assert_string_equal(str_at(s, "verb", "id"), want);
        assert_string_equal(str_at(s, "context", "registration"), rec->id);   /* the playthrough id */
        assert_true(xapi_is_uuid(str_at(s, "id", NULL)));
        for (int k = 0; k < i; k++)
            assert_string_not_equal(str_at(s, "id", NULL), str_at(nth(arr, k), "id", NULL));
        const cJSON *actor = cJSON_GetObjectItemCaseSensitive(s, "actor");
        assert_string_equal(str_at(actor, "account", "name"), "Bo \"B\" Lee, Jr.\nSales");
        assert_string_equal(str_at(actor, "account", "homePage"), "https://example.com");
    }
    assert_string_equal(str_at(nth(arr, 0), "timestamp", NULL), "2026-11-21T09:58:00.000Z");
    assert_string_equal(str_at(nth(arr, 0), "object", "id"), "https://lrs.example.com/c/scenarios/s1");
    /* the first answer: a tie for best gives two correct responses */
    const cJSON *ans = nth(arr, 1);
    const cJSON *def = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(ans, "object"), "definition");
    assert_string_equal(str_at(ans, "object", "id"), "https://lrs.example.com/c/scenarios/s1/nodes/open");
    assert_string_equal(str_at(def, "interactionType", NULL), "choice");
    const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(def, "correctResponsesPattern");
    assert_int_equal(cJSON_GetArraySize(pattern), 2);
    assert_string_equal(cJSON_GetArrayItem(pattern, 0)->valuestring, "a");
    assert_string_equal(cJSON_GetArrayItem(pattern, 1)->valuestring, "c");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(def, "choices")), 3);
    assert_string_equal(str_at(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(def, "choices"), 1),
                               "description", "en-GB"),
                        "Tell, then sell");
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(ans, "result");
    assert_string_equal(str_at(res, "response", NULL), "a");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "success")));
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(res, "score"), "max")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(res, "score"), "min")->valueint, 1);
    /* the unscored chat: a response, no score, no correct answer */
    const cJSON *chat = nth(arr, 3);
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(chat, "result"), "score"));
    assert_null(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(chat, "object"), "definition"),
        "correctResponsesPattern"));
    /* completed: no score (cmi5); passed: scaled 1.0, duration 2 min 1.25 s */
    const cJSON *done = cJSON_GetObjectItemCaseSensitive(nth(arr, 4), "result");
    assert_null(cJSON_GetObjectItemCaseSensitive(done, "score"));
    assert_string_equal(str_at(done, "duration", NULL), "PT2M1.25S");
    const cJSON *passed = cJSON_GetObjectItemCaseSensitive(nth(arr, 5), "result");
    assert_true(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(passed, "score"), "scaled")
                    ->valuedouble == 1.0);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(passed, "success")));
    /* the same playthrough again: the same statements, ids included */
    cJSON *again = cJSON_CreateArray();
    xapi_add_statements(again, rec, &opt);
    assert_true(cJSON_Compare(arr, again, true));
    /* Zoë's 60% fails at the default threshold of 70 */
    cJSON *zoe = cJSON_CreateArray();
    xapi_add_statements(zoe, &list.items[4], &opt);
    assert_string_equal(str_at(nth(zoe, cJSON_GetArraySize(zoe) - 1), "verb", "id"),
                        "http://adlnet.gov/expapi/verbs/failed");
    cJSON_Delete(zoe);
    cJSON_Delete(again);
    cJSON_Delete(arr);
    results_list_free(&list);
    diag_list_free(&d);
}

/* A hub: three visits to one node whose questions are spent one by one
 * ("once"), each visit showing fewer choices, and "move on" always there. */
#define HUB_ALL "[{\"id\":\"q1\",\"text\":\"Ask about budget\",\"points\":3},"                                  \
                "{\"id\":\"q2\",\"text\":\"Ask about timing\",\"points\":2},"                                    \
                "{\"id\":\"go\",\"text\":\"Move on\",\"points\":0}]"
#define HUB(ch, idx, text, pts, vis)                                                                       \
    "{\"node\":\"hub\",\"choice\":\"" ch "\",\"index\":" idx ",\"text\":\"" text "\",\"skill\":\"diagnose\"," \
    "\"points\":" pts ",\"possible\":3,\"feedback\":null,\"setback\":false,\"visible\":" vis ","          \
    "\"prompt\":\"What else, {player}?\",\"choices\":" HUB_ALL "}"
#define HUB_V3 HUB_ALL
#define HUB_V2 "[{\"id\":\"q2\",\"text\":\"Ask about timing\",\"points\":2},{\"id\":\"go\",\"text\":\"Move on\",\"points\":0}]"
#define HUB_V1 "[{\"id\":\"go\",\"text\":\"Move on\",\"points\":0}]"

static void write_hub(char path[256])
{
    snprintf(path, 256, "%s/hub.jsonl", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    /* Bo moves on at once, twice over */
    put_record(f, ID(1), BO, "20", 0, "Pitchman", 0, 3, 0, 0, HUB("go", "3", "Move on", "0", HUB_V3));
    put_record(f, ID(2), ZOE, "20", 0, "Pitchman", 0, 3, 0, 0, HUB("go", "3", "Move on", "0", HUB_V3));
    /* Ana asks both questions, then moves on when nothing else is left */
    put_record(f, ID(3), ANA, "20", 100, "Trusted advisor", 5, 5, 0, 0,
               HUB("q1", "1", "Ask about budget", "3", HUB_V3) "," HUB("q2", "1", "Ask about timing", "2", HUB_V2)
               "," HUB("go", "1", "Move on", "0", HUB_V1));
    fclose(f);
}

static void a_hub_names_its_best_question_not_the_last_choice_left(void **state)
{
    (void)state;
    char path[256];
    write_hub(path);
    char *files[] = {path};
    Report r;
    DiagList d;
    report_init(&r);
    diag_list_init(&d);
    assert_int_equal(report_read_files(files, 1, NULL, report_add, &r, &d, NULL), 0);
    report_finish(&r);
    assert_int_equal(r.scenarios[0].ndecisions, 1);
    const ReportDecision *dc = &r.scenarios[0].decisions[0];
    assert_string_equal(dc->best_id, "q1");            /* 3 points: the best of the node */
    const ReportTally *miss = report_top_miss(dc);
    assert_non_null(miss);
    assert_string_equal(miss->id, "go");               /* moving on while questions were left */
    assert_int_equal(miss->count, 2);
    assert_int_equal(dc->players_below, 2);            /* Bo and Zoë; Ana's last "move on" was the best left */
    report_free(&r);
    diag_list_free(&d);
}

static void xapi_gives_one_definition_per_question_and_ids_follow_content(void **state)
{
    (void)state;
    char path[256];
    write_hub(path);
    ResultList list = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(path, &list, &d), 0);
    XapiOptions opt = {"https://lrs.example.com/c", "https://example.com", "en-GB", 70, false};
    cJSON *all = cJSON_CreateArray();
    for (int i = 0; i < list.count; i++)
        xapi_add_statements(all, &list.items[i], &opt);
    /* every answered statement at the hub carries the same definition: all
     * three choices, q1 as the correct pattern, the prompt as written */
    const cJSON *first = NULL, *s;
    int answered = 0;
    cJSON_ArrayForEach(s, all) {
        const cJSON *obj = cJSON_GetObjectItemCaseSensitive(s, "object");
        if (strcmp(str_at(obj, "id", NULL), "https://lrs.example.com/c/scenarios/s1/nodes/hub") != 0)
            continue;
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(obj, "definition");
        answered++;
        if (!first)
            first = def;
        assert_true(cJSON_Compare(first, def, true));
    }
    assert_int_equal(answered, 5);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(first, "choices")), 3);
    const cJSON *pattern = cJSON_GetObjectItemCaseSensitive(first, "correctResponsesPattern");
    assert_int_equal(cJSON_GetArraySize(pattern), 1);
    assert_string_equal(cJSON_GetArrayItem(pattern, 0)->valuestring, "q1");
    assert_string_equal(str_at(first, "description", "en-GB"), "What else, {player}?");
    /* another pass mark changes the verdicts, so their ids; the answers keep theirs */
    XapiOptions strict = opt;
    strict.pass_percent = 100;
    cJSON *again = cJSON_CreateArray();
    xapi_add_statements(again, &list.items[0], &strict);
    cJSON *before = cJSON_CreateArray();
    xapi_add_statements(before, &list.items[0], &opt);
    int n = cJSON_GetArraySize(before);
    assert_int_equal(n, cJSON_GetArraySize(again));
    for (int i = 0; i < n; i++) {
        bool same = cJSON_Compare(nth(before, i), nth(again, i), true);
        bool same_id = strcmp(str_at(nth(before, i), "id", NULL), str_at(nth(again, i), "id", NULL)) == 0;
        assert_true(same == same_id);
    }
    /* failed at 70 and at 100: only the completion is the same statement */
    assert_string_equal(str_at(nth(again, n - 1), "verb", "id"), "http://adlnet.gov/expapi/verbs/failed");
    /* another base changes every id */
    XapiOptions other = opt;
    other.base = "https://elsewhere.example/x";
    cJSON *moved = cJSON_CreateArray();
    xapi_add_statements(moved, &list.items[0], &other);
    for (int i = 0; i < n; i++)
        assert_string_not_equal(str_at(nth(before, i), "id", NULL), str_at(nth(moved, i), "id", NULL));
    cJSON_Delete(moved);
    cJSON_Delete(before);
    cJSON_Delete(again);
    cJSON_Delete(all);
    results_list_free(&list);
    diag_list_free(&d);
}

/* The team of write_team, plus Ana in a second scenario s2 whose root-cause
 * decision is worth more. Worked by hand (last attempt per scenario):
 *   Ana  s1 (id2, day 22): diagnose 3/3, root 0/2; s2: diagnose 1/1, root 1/4
 *        -> diagnose 4/4 = 100, root 1/6 = 17
 *   Bo   s1: 3/3, 2/2 -> 100, 100;  Zoe  s1: 1/3, 2/2 -> 33, 100
 *   team: diagnose (100+100+33)/3 = 77.7 -> 78; root (17+100+100)/3 = 72.3 -> 72
 * so the team practises root causes in s2 (4 points there, 2 in s1), at
 * "why" (Ana answered it below best twice); Ana too; Zoe practises
 * diagnose at "open"; Bo is at 100 everywhere. */
static void rollup_and_practise_next_match_the_hand_computed_figures(void **state)
{
    (void)state;
    char a[256], b[256], c[256];
    write_team(a, b);
    snprintf(c, sizeof c, "%s/c.jsonl", tmpdir);
    FILE *f = fopen(c, "w");
    assert_non_null(f);
    put_record_of(f, "s2", ID(7), ANA, "23", 40, "Pitchman", 1, 1, 1, 4, WHY_Y);
    fclose(f);
    char *files[] = {a, b, c};
    Report r;
    DiagList d;
    report_init(&r);
    diag_list_init(&d);
    assert_int_equal(report_read_files(files, 3, NULL, report_add, &r, &d, NULL), 0);
    report_finish(&r);
    ReportRollup u;
    assert_true(report_rollup(&r, &u));
    assert_int_equal(u.nskills, 2);
    assert_string_equal(u.skills[0].id, "diagnose");
    assert_string_equal(u.skills[1].id, "root_cause");
    assert_int_equal(u.team[0], 78);
    assert_int_equal(u.team[1], 72);
    assert_int_equal(u.nlearners, 3);
    const ReportLearner *ana = NULL, *bo = NULL, *zoe = NULL;
    for (int i = 0; i < u.nlearners; i++) {
        const char *n = u.learners[i].name;
        if (strcmp(n, "Ana") == 0) ana = &u.learners[i];
        else if (strncmp(n, "Bo", 2) == 0) bo = &u.learners[i];
        else zoe = &u.learners[i];
    }
    assert_non_null(ana);
    assert_non_null(bo);
    assert_non_null(zoe);
    assert_int_equal(ana->percent[0], 100);
    assert_int_equal(ana->percent[1], 17);
    assert_int_equal(ana->attempts, 4);
    assert_int_equal(zoe->percent[0], 33);
    /* the team */
    assert_int_equal(u.team_next.skill, 1);
    assert_int_equal(u.team_next.percent, 72);
    assert_string_equal(u.team_next.scenario->id, "s2");
    assert_int_equal(u.team_next.nnodes, 2);            /* "why" in s1 (Ana) and in s2 (Ana) */
    assert_string_equal(u.team_next.nodes[0], "why");
    assert_int_equal(u.team_next.counts[0], 1);
    /* Ana: root causes at 17, in s2, "why" missed twice in s1 */
    assert_int_equal(ana->next.skill, 1);
    assert_string_equal(ana->next.scenario->id, "s2");
    assert_string_equal(ana->next.nodes[0], "why");
    assert_int_equal(ana->next.counts[0], 2);
    assert_string_equal(ana->next.where[0]->id, "s1");
    /* Zoe: diagnose at 33, "open" once; Bo: nothing to practise */
    assert_int_equal(zoe->next.skill, 0);
    assert_string_equal(zoe->next.nodes[0], "open");
    assert_int_equal(zoe->next.counts[0], 1);
    assert_int_equal(bo->next.skill, -1);
    char line[400];
    report_focus_text(&u, &ana->next, false, line, sizeof line);
    assert_string_equal(line, "Root causes (17%): play \"First, \"call\"\"; missed most: why in s1 (2 times), why (1 time)");
    report_rollup_free(&u);
    report_free(&r);
    diag_list_free(&d);
}

static void uuid5_matches_rfc_4122(void **state)
{
    (void)state;
    static const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                          0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    char out[37];
    xapi_uuid5(dns, "python.org", out);   /* Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
    assert_string_equal(out, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    assert_true(xapi_is_uuid(out));
    assert_false(xapi_is_uuid("886313e1-3b8a-5372-9b90-0c9aee199e5"));
    assert_false(xapi_is_uuid("886313e1x3b8a-5372-9b90-0c9aee199e5d"));
}

/* Run a subcommand on a NULL-terminated argument list (copied: getopt may
 * permute argv). */
static int run_cmd(int (*fn)(int, char **), const char *const *args)
{
    char *argv[16];
    int argc = 0;
    for (; args[argc]; argc++)
        argv[argc] = strdup(args[argc]);
    argv[argc] = NULL;
    int rc = fn(argc, argv);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    return rc;
}

static void commands_exit_with_the_documented_codes(void **state)
{
    (void)state;
    char a[256], b[256], html[300], nowhere[300], missing[300], out[300];
    write_team(a, b);
    snprintf(html, sizeof html, "%s/report.html", tmpdir);
    snprintf(nowhere, sizeof nowhere, "%s/no/such/folder/report.html", tmpdir);
    snprintf(missing, sizeof missing, "%s/missing.jsonl", tmpdir);
    snprintf(out, sizeof out, "%s/x.json", tmpdir);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", a, "--html", html, NULL}), EXIT_OK);
    assert_int_equal(access(html, R_OK), 0);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", a, "--html", nowhere, NULL}),
                     EXIT_INVALID);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", a, missing, "--csv", NULL}),
                     EXIT_INVALID);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", NULL}), EXIT_USAGE);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", a, "--csv", "--html", html, NULL}),
                     EXIT_USAGE);
    assert_int_equal(run_cmd(cmd_report, (const char *const[]){"report", a, "--bogus", NULL}), EXIT_USAGE);
    assert_int_equal(run_cmd(cmd_xapi, (const char *const[]){"xapi", a, "--pass-percent", "x", NULL}),
                     EXIT_USAGE);
    assert_int_equal(run_cmd(cmd_xapi, (const char *const[]){"xapi", a, "--out", out, NULL}), EXIT_OK);
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char buf[2];
    assert_int_equal(fread(buf, 1, 2, f), 2);
    assert_memory_equal(buf, "[\n", 2);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_playthrough_counts_once_and_bad_lines_are_named),
        cmocka_unit_test(best_last_and_skills_match_the_hand_computed_figures),
        cmocka_unit_test(decisions_are_ranked_by_players_below_best),
        cmocka_unit_test(filters_keep_one_scenario_or_recent_playthroughs),
        cmocka_unit_test(csv_quotes_names_and_keeps_one_header),
        cmocka_unit_test(text_shows_figures_and_never_raw_control_characters),
        cmocka_unit_test(html_escapes_names_and_loads_nothing),
        cmocka_unit_test(xapi_statements_carry_the_playthrough),
        cmocka_unit_test(uuid5_matches_rfc_4122),
        cmocka_unit_test(rollup_and_practise_next_match_the_hand_computed_figures),
        cmocka_unit_test(a_hub_names_its_best_question_not_the_last_choice_left),
        cmocka_unit_test(xapi_gives_one_definition_per_question_and_ids_follow_content),
        cmocka_unit_test(commands_exit_with_the_documented_codes),
    };
    return cmocka_run_group_tests_name("report", tests, tmpdir_setup, tmpdir_teardown);
}
