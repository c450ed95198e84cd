/* analyze.c - `compel analyze FILE`: the scenario's shape, its state space,
 * best and worst reachable scores with the choices that reach them, and the
 * spread of random play. Text for authors, --json for tools. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "compel/analysis.h"
#include "compel/cli.h"
#include "compel/cliutil.h"

static void usage(FILE *out)
{
    fputs("usage: compel analyze FILE [--json] [--samples N] [--seed N] [--max-states N]\n"
          "Explore every reachable state (meters, flags, once choices, visited nodes, chance)\n"
          "and report the scenario's shape, distinct paths, best and worst reachable scores\n"
          "with the choices that reach them, and the spread of N random playthroughs.\n"
          "  --samples N      random playthroughs to run (default 1000, 0 for none)\n"
          "  --seed N         seed of the random player (default 1)\n"
          "  --max-states N   exploration budget (default 200000 states)\n"
          "  --json           print one JSON object\n",
          out);
}

static char *choices_str(const PathResult *p)
{
    size_t cap = (size_t)p->nchoices * 3 + 2;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    size_t len = 0;
    s[0] = '\0';
    for (int i = 0; i < p->nchoices; i++)
        len += (size_t)snprintf(s + len, cap - len, "%s%d", i ? "," : "", p->choices[i]);
    return s;
}

static cJSON *path_json(const Scenario *sc, const PathResult *p)
{
    if (!p->found)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "percent", p->percent);
    cJSON_AddNumberToObject(o, "earned", p->earned);
    cJSON_AddNumberToObject(o, "possible", p->possible);
    if (p->ending >= 0) {
        cJSON_AddStringToObject(o, "ending", sc->nodes[p->ending].id);
        cJSON_AddStringToObject(o, "outcome", outcome_name(sc->nodes[p->ending].outcome));
    }
    char *c = choices_str(p);
    cJSON_AddStringToObject(o, "choices", c ? c : "");
    free(c);
    cJSON_AddBoolToObject(o, "needs_chance", p->needs_chance);
    if (p->has_seed) {
        char n[24];
        snprintf(n, sizeof n, "%llu", (unsigned long long)p->seed);
        cJSON_AddRawToObject(o, "seed", n);
    }
    return o;
}

static void print_path(const Scenario *sc, const char *label, const PathResult *p, bool estimated)
{
    if (!p->found) {
        printf("%s: none reachable\n", label);
        return;
    }
    char *c = choices_str(p);
    printf("%s%s: %d%% (%d of %d points)", label, estimated ? " found by search" : "", p->percent,
           p->earned, p->possible);
    if (p->ending >= 0)
        printf(", ending \"%s\" (%s)", sc->nodes[p->ending].id, outcome_name(sc->nodes[p->ending].outcome));
    if (c && strlen(c) > 160)
        strcpy(c + 150, "...");   /* --json lists them all */
    printf("\n  choices: %s", c && *c ? c : "(none)");
    if (p->nchoices > 75)
        printf(" (%d in all; --json lists every one)", p->nchoices);
    if (p->has_seed)
        printf(" with --seed %llu", (unsigned long long)p->seed);
    else if (p->needs_chance)
        printf("  (passes a chance event: some seeds take another branch)");
    printf("\n");
    free(c);
}

static void print_text(const Scenario *sc, const Analysis *a, uint64_t seed)
{
    printf("Scenario: %s (%s)\n", sc->title, sc->id);
    printf("Nodes: %d, %d reachable", a->nodes, a->reachable);
    if (a->nunreachable) {
        printf("; unreachable:");
        for (int i = 0; i < a->nunreachable && i < 20; i++)
            printf(" %s", sc->nodes[a->unreachable[i]].id);
        if (a->nunreachable > 20)
            printf(" and %d more", a->nunreachable - 20);
    }
    printf("\nDecisions: %d reachable;", a->decisions);
    for (int i = 0; i < sc->nskills; i++)
        printf(" %s %d%s", sc->skills[i].id, a->decisions_per_skill[i], i + 1 < sc->nskills ? "," : "");
    printf("\nSetbacks: %d\n", a->setbacks);
    printf("Endings: won %d, lost %d, stalled %d\n", a->endings_per_outcome[OUTCOME_WON],
           a->endings_per_outcome[OUTCOME_LOST], a->endings_per_outcome[OUTCOME_STALLED]);
    printf("State space: %ld states, %ld transitions%s\n", a->states, a->edges,
           a->complete ? "" : " (budget reached: results below are bounds)");
    if (a->cyclic)
        printf("Distinct paths: unbounded (a choice can lead back to the same state); scores "
               "below cover paths of up to %d decisions\n", a->depth_bound);
    else if (!a->complete)
        printf("Distinct paths: too many to count within the budget\n");
    else if (a->paths_saturated)
        printf("Distinct paths: more than %llu\n", (unsigned long long)a->paths);
    else
        printf("Distinct paths: %llu\n", (unsigned long long)a->paths);
    if (a->estimated)
        printf("The state space is larger than the budget (--max-states): the scores below are the best\n"
               "and worst found by greedy and 2000 random playthroughs, not proven over every path.\n");
    print_path(sc, "Best score", &a->best, a->estimated);
    print_path(sc, "Worst score", &a->worst, a->estimated);
    print_path(sc, "Best won", &a->best_won, a->estimated);
    printf("Won at 100%%: %s\n", a->won_at_100 ? "reachable" : a->estimated ? "not found" : "not reachable");
    if (a->samples) {
        int done = a->samples - a->sample_unfinished;
        printf("Random play: %d playthroughs (seed %llu): mean %.1f%%, median %d%%, min %d%%, max %d%%\n",
               a->samples, (unsigned long long)seed, a->sample_mean, a->sample_median, a->sample_min,
               a->sample_max);
        if (done)
            printf("  outcomes: won %.1f%%, lost %.1f%%, stalled %.1f%%", 100.0 * a->sample_outcomes[0] / done,
                   100.0 * a->sample_outcomes[1] / done, 100.0 * a->sample_outcomes[2] / done);
        if (a->sample_unfinished)
            printf("; %d did not end within 10000 moves", a->sample_unfinished);
        printf("\n");
    }
}

static cJSON *analysis_json(const Scenario *sc, const Analysis *a, uint64_t seed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "scenario", sc->id);
    cJSON_AddNumberToObject(o, "nodes", a->nodes);
    cJSON_AddNumberToObject(o, "reachable", a->reachable);
    cJSON *un = cJSON_AddArrayToObject(o, "unreachable");
    for (int i = 0; i < a->nunreachable; i++)
        cJSON_AddItemToArray(un, cJSON_CreateString(sc->nodes[a->unreachable[i]].id));
    cJSON_AddNumberToObject(o, "decisions", a->decisions);
    cJSON *ps = cJSON_AddObjectToObject(o, "decisions_per_skill");
    for (int i = 0; i < sc->nskills; i++)
        cJSON_AddNumberToObject(ps, sc->skills[i].id, a->decisions_per_skill[i]);
    cJSON_AddNumberToObject(o, "setbacks", a->setbacks);
    cJSON *en = cJSON_AddObjectToObject(o, "endings");
    for (int i = 0; i < 3; i++)
        cJSON_AddNumberToObject(en, outcome_name((Outcome)i), a->endings_per_outcome[i]);
    cJSON_AddNumberToObject(o, "states", (double)a->states);
    cJSON_AddNumberToObject(o, "transitions", (double)a->edges);
    cJSON_AddBoolToObject(o, "complete", a->complete);
    cJSON_AddBoolToObject(o, "cyclic", a->cyclic);
    cJSON *paths = cJSON_AddObjectToObject(o, "paths");
    if (a->cyclic) {
        cJSON_AddNullToObject(paths, "count");
        cJSON_AddStringToObject(paths, "kind", "unbounded");
        cJSON_AddNumberToObject(paths, "depth_bound", a->depth_bound);
    } else if (!a->complete) {
        cJSON_AddNullToObject(paths, "count");
        cJSON_AddStringToObject(paths, "kind", "unknown");
    } else {
        char n[24];
        snprintf(n, sizeof n, "%llu", (unsigned long long)a->paths);
        cJSON_AddRawToObject(paths, "count", n);
        cJSON_AddStringToObject(paths, "kind", a->paths_saturated ? "lower_bound" : "exact");
    }
    cJSON_AddItemToObject(o, "best", path_json(sc, &a->best));
    cJSON_AddItemToObject(o, "worst", path_json(sc, &a->worst));
    cJSON_AddItemToObject(o, "best_won", path_json(sc, &a->best_won));
    cJSON_AddBoolToObject(o, "won_at_100", a->won_at_100);
    cJSON_AddBoolToObject(o, "estimated", a->estimated);
    if (a->samples) {
        cJSON *s = cJSON_AddObjectToObject(o, "samples");
        cJSON_AddNumberToObject(s, "count", a->samples);
        char n[24];
        snprintf(n, sizeof n, "%llu", (unsigned long long)seed);
        cJSON_AddRawToObject(s, "seed", n);
        cJSON_AddNumberToObject(s, "unfinished", a->sample_unfinished);
        cJSON_AddNumberToObject(s, "mean_percent", (double)(long)(a->sample_mean * 10 + 0.5) / 10);
        cJSON_AddNumberToObject(s, "median_percent", a->sample_median);
        cJSON_AddNumberToObject(s, "min_percent", a->sample_min);
        cJSON_AddNumberToObject(s, "max_percent", a->sample_max);
        cJSON *out = cJSON_AddObjectToObject(s, "outcomes");
        for (int i = 0; i < 3; i++)
            cJSON_AddNumberToObject(out, outcome_name((Outcome)i), a->sample_outcomes[i]);
    }
    return o;
}

int cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},          {"samples", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 's'},    {"max-states", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0},
    };
    bool json = false;
    AnalysisOptions opt = {200000, 1000, 1, 0, 0, NULL, NULL};
    optind = 1;
    opterr = 0;
    int c;
    uint64_t v;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case 'n':
            if (!seed_parse(optarg, &v) || v > 10000000) {
                fprintf(stderr, "compel analyze: --samples must be a whole number from 0 to 10000000, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            opt.samples = (int)v;
            break;
        case 's':
            if (!seed_parse(optarg, &opt.seed)) {
                fprintf(stderr, "compel analyze: --seed must be a whole number, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm':
            if (!seed_parse(optarg, &v) || v < 1 || v > 100000000) {
                fprintf(stderr, "compel analyze: --max-states must be a whole number from 1 to 100000000, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            opt.max_states = (long)v;
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel analyze: option %s needs a value (see `compel analyze --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel analyze: unknown option \"%s\" (see `compel analyze --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fputs("compel analyze: name exactly one scenario file (see `compel analyze --help`)\n", stderr);
        return EXIT_USAGE;
    }
    Scenario *sc = cli_load(argv[optind]);
    if (!sc)
        return EXIT_INVALID;
    Analysis a;
    if (analysis_run(sc, &opt, &a) != 0) {
        fprintf(stderr, "compel analyze: %s: out of memory while exploring the scenario\n", argv[optind]);
        analysis_free(&a);
        scenario_destroy(sc);
        return EXIT_INVALID;
    }
    if (json) {
        cJSON *o = analysis_json(sc, &a, opt.seed);
        char *text = cJSON_Print(o);
        if (text)
            printf("%s\n", text);
        free(text);
        cJSON_Delete(o);
    } else {
        print_text(sc, &a, opt.seed);
    }
    analysis_free(&a);
    scenario_destroy(sc);
    return EXIT_OK;
}
