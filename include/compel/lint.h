/* lint.h - does a scenario teach? The checks `compel lint` runs: where the
 * best choice sits and how long it is, decisions where every choice scores
 * the same, feedback copied between choices, and two players run through
 * the real engine over many seeds: one who picks at random and one who picks
 * by the wording of the choices alone (cues.h). docs/lint.md is the guide. */
#ifndef COMPEL_LINT_H
#define COMPEL_LINT_H

#include <stdbool.h>
#include <stdint.h>

#include "compel/scenario.h"

/* One thing to fix: a stable rule name, where (a JSON path into the file),
 * what is wrong and what to do about it. */
typedef struct LintFinding {
    const char *rule;    /* static: "best-is-longest", "flat-decision", ... */
    char *path;          /* e.g. "nodes[4].choices[1].text"; "" for the whole file */
    char *message;
    char *fix;
} LintFinding;

/* A scored decision: a node with a skill and two or more choices. Indices
 * are into node->choices (the order in the file), whatever is visible. */
typedef struct LintDecision {
    int node;
    int nchoices;
    int top;                 /* the most points any choice earns */
    int best;                /* the one choice earning top, or -1 (a tie) */
    bool best_longest;       /* best's text is the longest (ties included) */
    bool flat;               /* every choice earns the same */
    int cue[COMPEL_MAX_CHOICES];   /* the cue player's score of each choice */
    unsigned cue_hits[COMPEL_MAX_CHOICES];  /* bit k: the choice shows CueKind k */
    int cue_pick;            /* the one choice with the highest cue score, or -1 */
} LintDecision;

/* A player's results over many seeds. */
typedef struct LintPlayer {
    int samples, finished;   /* finished: reached an ending within 10000 moves */
    double mean;             /* mean percent of the finished ones */
    int won;                 /* finished at a won ending */
} LintPlayer;

typedef struct Lint {
    LintDecision *decisions; int ndecisions;
    int unique_best;         /* decisions with one best choice */
    int best_longest;        /* ... of which the best is the longest */
    int positions[COMPEL_MAX_CHOICES];  /* 0-based position of the one best */
    int flat;
    int cue_finds_best;      /* decisions whose cue pick is the one best */
    int scored_choices, replied;  /* choices at scored decisions, and those with a reply */
    LintPlayer random, cue;
    LintFinding *findings; int nfindings, capfindings;
} Lint;

typedef struct LintOptions {
    int samples;             /* playthroughs per player (default 1000) */
    uint64_t seed;           /* seeds both players (default 1) */
} LintOptions;

/* Check sc; returns 0, or -1 when out of memory. Free with lint_free. With
 * the same seed and samples, the random player's mean is the one
 * `compel analyze` reports. */
int lint_run(const Scenario *sc, const LintOptions *opt, Lint *out);

void lint_free(Lint *l);

#endif
