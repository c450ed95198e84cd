/* analyze.c - `compel analyze FILE`: the scenario's shape, its state space,
 * best and worst reachable scores with the choices that reach them, and the
 * spread of random play. Text for authors, --json for tools. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "compel/analysis.h"
#include "compel/cli.h"
#include "compel/cliutil.h"

static void usage(FILE *out)
{
    fputs("usage: compel analyze FILE [--json] [--samples N] [--seed N] [--seconds N]\n"
          "                     [--max-memory SIZE] [--max-states N]\n"
          "Explore every reachable state (meters, flags, once choices, visited nodes, chance)\n"
          "and report the scenario's shape, distinct paths, best and worst reachable scores\n"
          "with the choices that reach them, and the spread of N random playthroughs.\n"
          "When a budget runs out first, it says so and the scores become bounds found by\n"
          "search (\"at least\" for the best, \"at most\" for the worst).\n"
          "  --samples N        random playthroughs to run (default 1000, 0 for none)\n"
          "  --seed N           seed of the random player (default 1)\n"
          "  --seconds N        time for the exploration (default 5, 0 for no limit)\n"
          "  --max-memory SIZE  memory for the explored states, e.g. 512M or 2G (default 1G,\n"
          "                     0 for no limit)\n"
          "  --max-states N     states to explore at most (default no limit)\n"
          "  --json             print one JSON object\n"
          "On a terminal, a progress line on standard error shows the states explored.\n",
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

/* bound: NULL when the result is exact, else "at_least" or "at_most". */
static cJSON *path_json(const Scenario *sc, const PathResult *p, const char *bound)
{
    if (!p->found)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "percent", p->percent);
    cJSON_AddStringToObject(o, "bound", bound ? bound : "exact");
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

/* bound: NULL when the result is exact, else "at least" or "at most". */
static void print_path(const Scenario *sc, const char *label, const PathResult *p, const char *bound)
{
    if (!p->found) {
        printf("%s: %s\n", label, bound ? "none found by the search (one may still exist)" : "none reachable");
        return;
    }
    char *c = choices_str(p);
    printf("%s: %s%s%d%% (%d of %d points%s)", label, bound ? bound : "", bound ? " " : "", p->percent,
           p->earned, p->possible, bound ? ", found by search" : "");
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

static const char *stop_name(AnalysisStop s)
{
    switch (s) {
    case ANALYSIS_STOP_STATES: return "states";
    case ANALYSIS_STOP_TIME: return "time";
    case ANALYSIS_STOP_MEMORY: return "memory";
    case ANALYSIS_STOP_NONE: break;
    }
    return NULL;
}

static void print_stop(const Analysis *a, const AnalysisOptions *opt)
{
    switch (a->stopped) {
    case ANALYSIS_STOP_TIME:
        printf("Stopped early: the time budget (--seconds %g) ran out", opt->max_seconds);
        break;
    case ANALYSIS_STOP_MEMORY:
        if (opt->max_memory)
            printf("Stopped early: the memory budget (--max-memory %zuM) ran out", opt->max_memory >> 20);
        else
            printf("Stopped early: the system ran out of memory");
        break;
    default:
        printf("Stopped early: the state budget (--max-states %ld) ran out", opt->max_states);
        break;
    }
    printf(" after %ld states, before every state was seen.\n"
           "The scores below are the best and worst that greedy and 2000 random playthroughs found:\n"
           "the real best is at least, and the real worst at most, what they say.\n",
           a->states);
}

static void print_text(const Scenario *sc, const Analysis *a, const AnalysisOptions *opt)
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
           a->complete ? "" : " explored so far");
    if (a->cyclic)
        printf("Distinct paths: unbounded (a choice can lead back to the same state); scores "
               "below cover paths of up to %d decisions\n", a->depth_bound);
    else if (!a->complete)
        printf("Distinct paths: not counted (the exploration stopped early)\n");
    else if (a->paths_saturated)
        printf("Distinct paths: more than %llu\n", (unsigned long long)a->paths);
    else
        printf("Distinct paths: %llu\n", (unsigned long long)a->paths);
    if (a->estimated)
        print_stop(a, opt);
    print_path(sc, "Best score", &a->best, a->estimated ? "at least" : NULL);
    print_path(sc, "Worst score", &a->worst, a->estimated ? "at most" : NULL);
    print_path(sc, "Best won", &a->best_won, a->estimated ? "at least" : NULL);
    printf("Won at 100%%: %s\n", a->won_at_100 ? "reachable"
                                 : a->estimated ? "not found by the search (not proven unreachable)"
                                                : "not reachable");
    uint64_t seed = opt->seed;
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
    if (a->complete)
        cJSON_AddNullToObject(o, "stopped");
    else
        cJSON_AddStringToObject(o, "stopped", stop_name(a->stopped));
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
    const char *low = a->estimated ? "at_least" : NULL, *high = a->estimated ? "at_most" : NULL;
    cJSON_AddItemToObject(o, "best", path_json(sc, &a->best, low));
    cJSON_AddItemToObject(o, "worst", path_json(sc, &a->worst, high));
    cJSON_AddItemToObject(o, "best_won", path_json(sc, &a->best_won, low));
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

/* "1.5", "0": seconds from 0 to a day. */
static bool parse_seconds(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0 && v <= 86400))
        return false;
    *out = v;
    return true;
}

/* "1G", "512M", "64K", "1000000": bytes, up to 1 TB. */
static bool parse_size(const char *s, size_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long long v = strtoull(s, &end, 10);
    int shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    if (shift)
        end++;
    if (*end || v > (1ULL << 40) >> shift)
        return false;
    *out = (size_t)(v << shift);
    return true;
}

/* The progress line: on a terminal only, rewritten in place. */
static void show_progress(void *ctx, long states, long expanded, double seconds)
{
    (void)ctx;
    fprintf(stderr, "\ranalyze: %ld states explored, %ld expanded, %.0f states/s, %.1f s ", states, expanded,
            seconds > 0 ? (double)expanded / seconds : 0.0, seconds);
    fflush(stderr);
}

int cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},          {"samples", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 's'},    {"max-states", required_argument, 0, 'm'},
        {"seconds", required_argument, 0, 't'}, {"max-memory", required_argument, 0, 'M'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0},
    };
    bool json = false;
    AnalysisOptions opt = {.samples = 1000, .seed = 1, .max_seconds = 5, .max_memory = (size_t)1 << 30};
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
        case 't':
            if (!parse_seconds(optarg, &opt.max_seconds)) {
                fprintf(stderr, "compel analyze: --seconds must be a number of seconds from 0 to 86400, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'M':
            if (!parse_size(optarg, &opt.max_memory)) {
                fprintf(stderr, "compel analyze: --max-memory must be a size such as 512M or 2G (0 for no limit), not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
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
    if (isatty(STDERR_FILENO))
        opt.progress = show_progress;
    Analysis a;
    int rc = analysis_run(sc, &opt, &a);
    if (opt.progress)
        fputs("\r\033[K", stderr);   /* clear the progress line */
    if (rc != 0) {
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
        print_text(sc, &a, &opt);
    }
    analysis_free(&a);
    scenario_destroy(sc);
    return EXIT_OK;
}
