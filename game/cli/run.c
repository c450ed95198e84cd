/* run.c - `compel run`: the terminal player. Scripted with --choices (and
 * --json for tools), or interactive on standard input: plain, wrapped text
 * that a screen reader reads well. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/results.h"
#include "compel/termplay.h"

static void usage(FILE *out)
{
    fputs("usage: compel run SCENARIO.json [OPTIONS]\n"
          "Play a scenario in the terminal. Without --choices, reads your choices from standard input.\n"
          "  --choices LIST   play these 1-based visible choice numbers (e.g. 2,1,3) without asking\n"
          "  --seed N         seed for chance events (default: 1 with --choices, random otherwise)\n"
          "  --player NAME    your name, used in the text and the results file\n"
          "  --mode M         practice (coach after each choice, undo) or assessment (coach at the end)\n"
          "  --results FILE   append the finished playthrough to this results file (JSON Lines);\n"
          "                   interactive play uses the game's file in ~/.local/share/compel\n"
          "                   unless told otherwise, scripted play (--choices) only this one\n"
          "  --no-results     do not save the playthrough\n"
          "  --json           print the result as one JSON object (with --choices)\n"
          "  --help           show this help\n"
          "Exit: 0 ending reached, 1 invalid scenario or choice out of range, 2 usage,\n"
          "      3 choices or input ran out before an ending, 6 results file not writable.\n",
          out);
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"choices", required_argument, 0, 'c'}, {"seed", required_argument, 0, 's'},
        {"player", required_argument, 0, 'p'},  {"mode", required_argument, 0, 'm'},
        {"results", required_argument, 0, 'r'}, {"json", no_argument, 0, 'j'},
        {"no-results", no_argument, 0, 'n'},    {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *choices = NULL, *player = NULL, *results = NULL;
    bool json = false, assessment = false, have_seed = false, no_results = false;
    uint64_t seed = 1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'c': choices = optarg; break;
        case 's':
            if (!seed_parse(optarg, &seed)) {
                fprintf(stderr, "compel run: --seed must be a whole number from 0 to 18446744073709551615, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            have_seed = true;
            break;
        case 'p':
            if (!option_player("compel run", optarg))
                return EXIT_USAGE;
            player = optarg;
            break;
        case 'm':
            if (strcmp(optarg, "practice") == 0) assessment = false;
            else if (strcmp(optarg, "assessment") == 0) assessment = true;
            else {
                fprintf(stderr, "compel run: --mode must be practice or assessment, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'r':
            if (!option_results("compel run", optarg))
                return EXIT_USAGE;
            results = optarg;
            break;
        case 'j': json = true; break;
        case 'n': no_results = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel run: option %s needs a value (see `compel run --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel run: unknown option \"%s\" (see `compel run --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    /* getopt_long permutes argv, so options may come before or after the file */
    const char *file = optind < argc ? argv[optind] : NULL;
    if (optind + 1 < argc) {
        fprintf(stderr, "compel run: one scenario file at a time (unexpected \"%s\")\n", argv[optind + 1]);
        return EXIT_USAGE;
    }
    if (!file) {
        fputs("compel run: which scenario? usage: compel run SCENARIO.json [--choices LIST] (see --help)\n", stderr);
        return EXIT_USAGE;
    }
    if (json && !choices) {
        fputs("compel run: --json needs --choices (interactive play prints text)\n", stderr);
        return EXIT_USAGE;
    }
    int *list = NULL, nlist = 0;
    if (choices) {
        char err[256];
        nlist = choices_parse(choices, &list, err, sizeof err);
        if (nlist < 0) {
            fprintf(stderr, "compel run: %s\n", err);
            return EXIT_USAGE;
        }
    }
    Scenario *sc = cli_load(file);
    if (!sc) {
        free(list);
        return EXIT_INVALID;
    }
    if (!choices && !have_seed)
        seed = seed_random();
    char default_results[4096];
    if (!choices && !results && !no_results && results_default_path(default_results, sizeof default_results))
        results = default_results;   /* the same file the game window writes */
    if (no_results)
        results = NULL;
    Session *s = session_create(sc, seed, player);
    if (!s) {
        fputs("compel run: out of memory\n", stderr);
        scenario_destroy(sc);
        free(list);
        return EXIT_INVALID;
    }
    ResultMeta meta = {assessment ? "assessment" : "practice", 0, 0, 0, 0};
    clock_now(&meta.started, &meta.started_frac);
    int rc;
    if (choices)
        rc = termplay_scripted(s, list, nlist, json ? NULL : stdout, assessment);
    else
        rc = termplay_interactive(s, stdin, stdout, assessment);
    if (json && (rc == EXIT_OK || rc == EXIT_INCOMPLETE)) {
        cJSON *o = cli_run_json(s);
        char *text = o ? cJSON_Print(o) : NULL;
        if (text)
            printf("%s\n", text);
        free(text);
        cJSON_Delete(o);
    }
    if (rc == EXIT_OK && results && session_status(s) == SESSION_ENDED) {
        char err[512], id[37];
        clock_now(&meta.finished, &meta.finished_frac);
        if (results_append(results, s, &meta, id, err, sizeof err) != 0) {
            fprintf(stderr, "compel run: could not save the result to %s: %s\n", results, err);
            rc = EXIT_RESULTS;
        } else if (!json) {
            printf("Result saved to %s.\n", results);
        }
    }
    session_destroy(s);
    scenario_destroy(sc);
    free(list);
    return rc;
}
