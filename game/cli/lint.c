/* lint.c - `compel lint FILE...`: does each scenario teach? The figures per
 * scored decision and per file, then the findings, each with its JSON path
 * and what to do about it (docs/lint.md). Text for authors, --json for tools. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "compel/common.h"
#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/cues.h"
#include "compel/lint.h"

static void usage(FILE *out)
{
    fputs("usage: compel lint FILE... [--json] [--strict] [--summary] [--samples N] [--seed N]\n"
          "Check whether each scenario teaches: where the best choice sits and whether it is\n"
          "the longest, decisions where every choice scores the same, copied feedback, and the\n"
          "mean score of a random player and of a player who picks by wording cues alone.\n"
          "  --samples N   playthroughs per player (default 1000)\n"
          "  --seed N      seed of both players (default 1)\n"
          "  --summary     leave out the table of decisions\n"
          "  --strict      treat findings as errors (exit 1 when there is any)\n"
          "  --json        print one JSON object on standard output\n"
          "Exit: 0 every file loads (and, with --strict, has no finding), 1 otherwise, 2 usage.\n",
          out);
}

/* One row of the table of decisions. */
static void print_decision(const Scenario *sc, const LintDecision *d)
{
    const Node *n = &sc->nodes[d->node];
    char cues[64] = "";
    size_t len = 0;
    for (int i = 0; i < d->nchoices; i++)
        len += (size_t)snprintf(cues + len, sizeof cues - len, "%s%d", i ? " " : "", d->cue[i]);
    char best[16] = "tie", pick[16] = "tie";
    if (d->best >= 0)
        snprintf(best, sizeof best, "%d", d->best + 1);
    if (d->cue_pick >= 0)
        snprintf(pick, sizeof pick, "%d", d->cue_pick + 1);
    char path[24];
    snprintf(path, sizeof path, "nodes[%d]", d->node);
    printf("  %-10s %-20.20s %-16.16s %7d %4s%-2s %-14s %4s%s\n", path, n->id, sc->skills[n->skill].id,
           d->nchoices, d->flat ? "flat" : best, d->best_longest ? " L" : "", cues, pick,
           d->best >= 0 && d->cue_pick == d->best ? " =best" : "");
}

static void print_text(const char *file, const Scenario *sc, const Lint *l, bool table, bool strict)
{
    printf("%s: %d scored decision%s\n", file, l->ndecisions, l->ndecisions == 1 ? "" : "s");
    if (table && l->ndecisions) {
        printf("  %-10s %-20s %-16s %7s %-6s %-14s %4s\n", "path", "node", "skill", "choices", "best",
               "cue scores", "cue pick");
        for (int i = 0; i < l->ndecisions; i++)
            print_decision(sc, &l->decisions[i]);
        printf("  (L: the best choice is the longest; =best: the wording-cue pick is the best)\n");
    }
    int pct = l->unique_best ? (100 * l->best_longest + l->unique_best / 2) / l->unique_best : 0;
    printf("  best is the longest: %d of %d decisions with one best (%d%%)\n", l->best_longest,
           l->unique_best, pct);
    printf("  best at position:");
    for (int p = 0; p < COMPEL_MAX_CHOICES; p++)
        if (l->positions[p])
            printf(" %d:%d", p + 1, l->positions[p]);
    printf("\n  every choice equal: %d\n", l->flat);
    printf("  wording finds the best: %d of %d\n", l->cue_finds_best, l->unique_best);
    printf("  choices with a reply: %d of %d\n", l->replied, l->scored_choices);
    printf("  random play: %.1f%% mean over %d playthroughs (%d won)\n", l->random.mean,
           l->random.finished, l->random.won);
    printf("  wording-cue player: %.1f%% mean over %d playthroughs (%d won), %+.1f points over random\n",
           l->cue.mean, l->cue.finished, l->cue.won, l->cue.mean - l->random.mean);
    for (int i = 0; i < l->nfindings; i++) {
        const LintFinding *f = &l->findings[i];
        printf("%s: %s: %s%s%s [%s]\n    fix: %s\n", file, strict ? "error" : "warning", f->path,
               *f->path ? ": " : "", f->message, f->rule, f->fix);
    }
}

static cJSON *player_json(const LintPlayer *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "samples", p->samples);
    cJSON_AddNumberToObject(o, "finished", p->finished);
    cJSON_AddNumberToObject(o, "won", p->won);
    cJSON_AddNumberToObject(o, "mean", (double)(long)(p->mean * 10 + 0.5) / 10);
    return o;
}

static cJSON *decision_json(const Scenario *sc, const LintDecision *d)
{
    const Node *n = &sc->nodes[d->node];
    cJSON *o = cJSON_CreateObject();
    char path[32];
    snprintf(path, sizeof path, "nodes[%d]", d->node);
    cJSON_AddStringToObject(o, "path", path);
    cJSON_AddStringToObject(o, "node", n->id);
    cJSON_AddStringToObject(o, "skill", sc->skills[n->skill].id);
    cJSON_AddNumberToObject(o, "choices", d->nchoices);
    if (d->best >= 0)
        cJSON_AddNumberToObject(o, "best", d->best + 1);
    else
        cJSON_AddNullToObject(o, "best");
    cJSON_AddBoolToObject(o, "best_is_longest", d->best_longest);
    cJSON_AddBoolToObject(o, "flat", d->flat);
    cJSON_AddItemToObject(o, "cue_scores", cJSON_CreateIntArray(d->cue, d->nchoices));
    cJSON *hits = cJSON_AddArrayToObject(o, "cues");
    for (int i = 0; i < d->nchoices; i++) {
        cJSON *kinds = cJSON_CreateArray();
        for (int k = 0; k < CUE_COUNT; k++)
            if (d->cue_hits[i] >> k & 1u)
                cJSON_AddItemToArray(kinds, cJSON_CreateString(cue_name((CueKind)k)));
        cJSON_AddItemToArray(hits, kinds);
    }
    if (d->cue_pick >= 0)
        cJSON_AddNumberToObject(o, "cue_pick", d->cue_pick + 1);
    else
        cJSON_AddNullToObject(o, "cue_pick");
    return o;
}

static cJSON *file_json(const char *file, const Scenario *sc, const Lint *l, bool strict)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "file", file);
    cJSON_AddStringToObject(f, "scenario", sc->id);
    cJSON *ds = cJSON_AddArrayToObject(f, "decisions");
    for (int i = 0; i < l->ndecisions; i++)
        cJSON_AddItemToArray(ds, decision_json(sc, &l->decisions[i]));
    cJSON *fig = cJSON_AddObjectToObject(f, "figures");
    cJSON_AddNumberToObject(fig, "scored_decisions", l->ndecisions);
    cJSON_AddNumberToObject(fig, "one_best", l->unique_best);
    cJSON_AddNumberToObject(fig, "best_is_longest", l->best_longest);
    cJSON *pos = cJSON_AddObjectToObject(fig, "best_positions");
    for (int p = 0; p < COMPEL_MAX_CHOICES; p++)
        if (l->positions[p]) {
            char k[12];
            snprintf(k, sizeof k, "%d", p + 1);
            cJSON_AddNumberToObject(pos, k, l->positions[p]);
        }
    cJSON_AddNumberToObject(fig, "flat", l->flat);
    cJSON_AddNumberToObject(fig, "wording_finds_best", l->cue_finds_best);
    cJSON_AddNumberToObject(fig, "scored_choices", l->scored_choices);
    cJSON_AddNumberToObject(fig, "replied", l->replied);
    cJSON_AddItemToObject(fig, "random", player_json(&l->random));
    cJSON_AddItemToObject(fig, "cue", player_json(&l->cue));
    cJSON *list = cJSON_AddArrayToObject(f, "findings");
    for (int i = 0; i < l->nfindings; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "severity", strict ? "error" : "warning");
        cJSON_AddStringToObject(o, "rule", l->findings[i].rule);
        cJSON_AddStringToObject(o, "path", l->findings[i].path);
        cJSON_AddStringToObject(o, "message", l->findings[i].message);
        cJSON_AddStringToObject(o, "fix", l->findings[i].fix);
        cJSON_AddItemToArray(list, o);
    }
    return f;
}

/* A file that does not load: its loader findings, as validate shows them. */
static cJSON *broken_json(const char *file, const DiagList *d)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "file", file);
    cJSON_AddBoolToObject(f, "valid", false);
    cJSON *list = cJSON_AddArrayToObject(f, "findings");
    for (int k = 0; k < d->count; k++)
        cJSON_AddItemToArray(list, cli_diag_json(&d->items[k], false));
    return f;
}

int cmd_lint(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},         {"strict", no_argument, 0, 's'},
        {"summary", no_argument, 0, 'q'},      {"samples", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 'S'},   {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    bool json = false, strict = false, table = true;
    LintOptions lo = {1000, 1};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case 's': strict = true; break;
        case 'q': table = false; break;
        case 'n': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end || v < 1 || v > 1000000) {
                fprintf(stderr, "compel lint: --samples \"%s\" must be a whole number from 1 to 1000000\n", optarg);
                return EXIT_USAGE;
            }
            lo.samples = (int)v;
            break;
        }
        case 'S':
            if (!seed_parse(optarg, &lo.seed)) {
                fprintf(stderr, "compel lint: --seed \"%s\" must be a whole number from 0 to 18446744073709551615\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel lint: %s needs a value (see `compel lint --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel lint: unknown option \"%s\" (see `compel lint --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("compel lint: name at least one scenario file (see `compel lint --help`)\n", stderr);
        return EXIT_USAGE;
    }
    cJSON *root = json ? cJSON_CreateObject() : NULL;
    cJSON *files = root ? cJSON_AddArrayToObject(root, "files") : NULL;
    int bad = 0, total = 0;
    for (int i = optind; i < argc; i++) {
        DiagList d;
        diag_list_init(&d);
        Scenario *sc = scenario_load(argv[i], &d);
        if (!sc) {
            bad++;
            if (json)
                cJSON_AddItemToArray(files, broken_json(argv[i], &d));
            else
                for (int k = 0; k < d.count; k++)
                    diag_print(stderr, &d.items[k], 0);
            diag_list_free(&d);
            continue;
        }
        diag_list_free(&d);
        Lint l;
        if (lint_run(sc, &lo, &l) != 0) {
            fprintf(stderr, "compel lint: %s: out of memory\n", argv[i]);
            lint_free(&l);
            scenario_destroy(sc);
            cJSON_Delete(root);
            return EXIT_INVALID;
        }
        total += l.nfindings;
        bad += strict && l.nfindings > 0;
        if (json) {
            cJSON *f = file_json(argv[i], sc, &l, strict);
            cJSON_AddBoolToObject(f, "valid", !(strict && l.nfindings > 0));
            cJSON_AddItemToArray(files, f);
        } else {
            print_text(argv[i], sc, &l, table, strict);
        }
        lint_free(&l);
        scenario_destroy(sc);
    }
    if (json) {
        cJSON_AddNumberToObject(root, "findings", total);
        cJSON_AddBoolToObject(root, "valid", bad == 0);
        cli_print_json(root);
    }
    return bad ? EXIT_INVALID : EXIT_OK;
}
