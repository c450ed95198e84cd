/* report.c - `compel report FILE...`: results files summarised per scenario
 * and player, as text (default), CSV (--csv) or one HTML page (--html FILE).
 * docs/reports.md explains every figure. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compel/cli.h"
#include "compel/report.h"

static void usage(FILE *out)
{
    fputs("usage: compel report FILE... [--csv | --excel | --html FILE] [--scenario ID] [--player WHO]\n"
          "                     [--since DATE] [--until DATE] [--misses N] [--tests]\n"
          "Summarise results files (JSON Lines written by the game and `compel run --results`):\n"
          "per scenario and player the attempts, best and last score and grade, the outcome and\n"
          "the percent per skill; the team's average per skill; the decisions most often\n"
          "answered below best. A playthrough found in several files counts once.\n"
          "  --csv            the same figures as CSV (RFC 4180) on standard output\n"
          "  --html FILE      one self-contained HTML page with charts (\"-\": standard output)\n"
          "  --scenario ID    only this scenario\n"
          "  --since DATE     only playthroughs finished at or after DATE (UTC), e.g. 2026-11-23\n"
          "                   or 2026-11-23T09:30\n"
          "  --until DATE     only playthroughs finished up to DATE (a date alone: that whole day)\n"
          "  --player WHO     only this player (display name, learner id or e-mail address)\n"
          "  --excel          CSV for spreadsheets: a byte-order mark, and cells that would run\n"
          "                   as a formula (= + - @) kept as text\n"
          "  --misses N       list N most-missed decisions per scenario (default 5; CSV lists all)\n"
          "  --tests          also count playthroughs an author started elsewhere (run --from)\n"
          "Exit: 0 ok, 1 a file could not be read or --scenario matched nothing, 2 usage.\n",
          out);
}

static int usage_error(const char *what, const char *value)
{
    return report_usage_error("report", what, value);
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"csv", no_argument, 0, 'c'},          {"html", required_argument, 0, 'H'},
        {"scenario", required_argument, 0, 's'}, {"since", required_argument, 0, 'S'},
        {"misses", required_argument, 0, 'm'}, {"help", no_argument, 0, 'h'},
        {"until", required_argument, 0, 'U'},  {"player", required_argument, 0, 'p'},
        {"excel", no_argument, 0, 'x'},
        {"tests", no_argument, 0, 't'},
        {0, 0, 0, 0},
    };
    bool csv = false;
    const char *html = NULL;
    char since[32];
    ReportFilter filter = {NULL, NULL, NULL, NULL, false};
    char until[32];
    bool excel = false;
    int misses = 5;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'c': csv = true; break;
        case 'x': csv = excel = true; break;
        case 'p': filter.player = optarg; break;
        case 'U':
            if (!report_parse_since(optarg, until))
                return usage_error("--until wants a date such as 2026-11-30 or 2026-11-30T17:00, not", optarg);
            filter.until = until;
            break;
        case 't': filter.tests = true; break;
        case 'H': html = optarg; break;
        case 's': filter.scenario = optarg; break;
        case 'S':
            if (!report_parse_since(optarg, since))
                return usage_error("--since wants a date such as 2026-11-23 or 2026-11-23T09:30, not", optarg);
            filter.since = since;
            break;
        case 'm': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || n > 1000)
                return usage_error("--misses wants a number from 0 to 1000, not", optarg);
            misses = (int)n;
            break;
        }
        case 'h': usage(stdout); return EXIT_OK;
        case ':': return usage_error("this option needs a value:", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (csv && html)
        return usage_error("choose one of --csv and --html, not both; got --html", html);
    if (optind >= argc) {
        fputs("compel report: name at least one results file (see `compel report --help`)\n", stderr);
        return EXIT_USAGE;
    }
    Report r;
    report_init(&r);
    int unreadable = report_read_and_warn("report", argv + optind, argc - optind, &filter, report_add, &r);
    if (r.oom) {
        fputs("compel report: out of memory\n", stderr);
        report_free(&r);
        return EXIT_INVALID;
    }
    report_finish(&r);
    char *tmp = NULL;
    FILE *out = report_open_output("report", html, &tmp);
    int rc = out ? EXIT_OK : EXIT_INVALID;
    if (out) {
        if (csv) {
            report_write_csv(out, &r, excel);
        } else if (html) {
            char now[32];
            results_format_time(time(NULL), 0, now);
            now[16] = '\0';
            strcat(now, " UTC");   /* minutes are enough on a report */
            now[10] = ' ';
            report_write_html(out, &r, now, misses);
        } else {
            report_write_text(out, &r, misses);
        }
        if (report_close_output("report", out, html, tmp) != 0)
            rc = EXIT_INVALID;
    }
    bool unknown = r.playthroughs == 0 && filter.scenario;
    if (unknown)
        fprintf(stderr, "compel report: no playthrough of scenario \"%s\" in the files%s\n", filter.scenario,
                filter.since ? " since that date" : "");
    else if (r.playthroughs == 0)
        fputs("compel report: no playthroughs to report (check the files and filters)\n", stderr);
    report_free(&r);
    return unreadable || unknown ? EXIT_INVALID : rc;
}
