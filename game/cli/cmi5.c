/* cmi5.c - `compel cmi5 LAUNCH-URL`: play one scenario as a cmi5 assignable
 * unit launched by an LMS (game/lrs/cmi5.c talks to the LMS). The scenario
 * is --scenario FILE, or the launch URL's scenario parameter: a file, or a
 * scenario id looked up in --scenarios DIR. docs/cmi5.md. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/lrs.h"
#include "compel/termplay.h"

static void usage(FILE *out)
{
    fputs("usage: compel cmi5 LAUNCH-URL [--scenario FILE] [--scenarios DIR] [--choices LIST] [--player NAME]\n"
          "Play a scenario as a cmi5 assignable unit an LMS launched: the launch URL carries endpoint,\n"
          "fetch, actor, registration and activityId (and may name the scenario). Sends initialized,\n"
          "then completed, passed or failed against the LMS's mastery score, and terminated.\n"
          "  --scenario FILE   the scenario to play (default: the URL's scenario parameter)\n"
          "  --scenarios DIR   where a scenario id from the URL is looked up (default scenarios/)\n"
          "  --choices LIST    play these choices without asking (as `compel run`)\n"
          "  --player NAME     the name in the text (default: the actor's name)\n"
          "Exit: 0 done, 1 the LMS or the scenario failed, 2 usage, 3 stopped before an ending.\n",
          out);
}

int cmd_cmi5(int argc, char **argv)
{
    static const struct option opts[] = {
        {"scenario", required_argument, 0, 's'}, {"scenarios", required_argument, 0, 'd'},
        {"choices", required_argument, 0, 'c'},  {"player", required_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},           {0, 0, 0, 0},
    };
    const char *file = NULL, *dir = "scenarios", *choices = NULL, *player = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's': file = optarg; break;
        case 'd': dir = optarg; break;
        case 'c': choices = optarg; break;
        case 'p': player = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel cmi5: option %s needs a value (see `compel cmi5 --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel cmi5: unknown option \"%s\" (see `compel cmi5 --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fputs("compel cmi5: give the launch URL, once (see `compel cmi5 --help`)\n", stderr);
        return EXIT_USAGE;
    }
    Cmi5Launch launch;
    char err[1200];
    if (!cmi5_parse_launch(argv[optind], &launch, err, sizeof err)) {
        fprintf(stderr, "compel cmi5: %s\n", err);
        return EXIT_USAGE;
    }
    char path[4096];
    if (!cmi5_scenario_file(&launch, file, dir, path, sizeof path, err, sizeof err)) {
        fprintf(stderr, "compel cmi5: %s\n", err);
        return EXIT_USAGE;
    }
    file = path;
    int *list = NULL, nlist = 0;
    if (choices && (nlist = choices_parse(choices, &list, err, sizeof err)) < 0) {
        fprintf(stderr, "compel cmi5: %s\n", err);
        return EXIT_USAGE;
    }
    Scenario *sc = cli_load(file);
    if (!sc) {
        free(list);
        return EXIT_INVALID;
    }
    Cmi5Session cs;
    if (cmi5_begin(&cs, &launch, err, sizeof err) != 0) {
        fprintf(stderr, "compel cmi5: %s\n", err);
        cJSON_Delete(cs.context);
        scenario_destroy(sc);
        free(list);
        return EXIT_INVALID;
    }
    cJSON *actor = cJSON_Parse(launch.actor);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(actor, "name");
    Session *s = session_create(sc, choices ? 1 : seed_random(), player ? player : cJSON_IsString(name) ? name->valuestring : NULL);
    cJSON_Delete(actor);
    int rc = EXIT_INVALID;
    if (s) {
        session_set_mode(s, SESSION_ASSESSMENT);
        Command *cmds = calloc((size_t)nlist + 1, sizeof *cmds);
        for (int i = 0; cmds && i < nlist; i++)
            cmds[i] = (Command){COMMAND_CHOOSE, list[i]};
        rc = choices ? termplay_scripted(s, cmds, nlist, stdout) : termplay_interactive(s, stdin, stdout);
        free(cmds);
    }
    bool ended = s && session_status(s) == SESSION_ENDED;
    if (cmi5_finish(&cs, ended, s ? session_percent(s) : 0, err, sizeof err) != 0) {
        fprintf(stderr, "compel cmi5: %s\n", err);
        rc = EXIT_INVALID;
    } else if (ended) {
        printf("Sent to the LMS: completed, %s.\n", cs.passed ? "passed" : "failed");
    }
    session_destroy(s);
    scenario_destroy(sc);
    free(list);
    return rc;
}
