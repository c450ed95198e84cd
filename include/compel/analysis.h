/* analysis.h - what an author wants to know about a scenario before sharing
 * it: its shape, its real state space (meters, flags, `once`, visited and
 * chance all count), the best and worst reachable scores with the choices
 * that reach them, and the spread of random play. */
#ifndef COMPEL_ANALYSIS_H
#define COMPEL_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "compel/scenario.h"

typedef struct PathResult {
    bool found;
    int percent, earned, possible;
    int *choices; int nchoices;  /* 1-based visible indices, usable as run --choices */
    bool needs_chance;           /* the path takes a chance branch: it may need another seed */
    int ending;                  /* node index of the ending reached */
    bool has_seed;               /* found by search: this seed replays it exactly */
    uint64_t seed;
} PathResult;

/* Why the exploration stopped before every state was seen. */
typedef enum AnalysisStop {
    ANALYSIS_STOP_NONE,     /* it did not: the results are exact */
    ANALYSIS_STOP_STATES,   /* max_states */
    ANALYSIS_STOP_TIME,     /* max_seconds */
    ANALYSIS_STOP_MEMORY    /* max_memory (or the system ran out) */
} AnalysisStop;

typedef struct Analysis {
    /* static shape */
    int nodes, reachable, decisions;
    int *decisions_per_skill;     /* scenario->nskills entries: scored decision nodes */
    int endings_per_outcome[3];   /* reachable endings by Outcome */
    int setbacks;
    int *unreachable; int nunreachable;   /* node indices */

    /* state space */
    long states, edges;
    bool complete;      /* every state explored within the budget */
    AnalysisStop stopped;   /* when not complete: which budget ran out */
    size_t state_bytes; /* memory the explored states and transitions held */
    int key_bytes;      /* the largest packed state (the live part of one node) */
    double explore_seconds;
    bool cyclic;        /* the state graph has a loop: paths are unbounded */
    int depth_bound;    /* when cyclic: paths of at most this many decisions were scored */
    uint64_t paths;     /* distinct paths start -> ending (when acyclic and complete) */
    bool paths_saturated;  /* more than UINT64_MAX paths: paths is a lower bound */
    PathResult best, worst, best_won;
    bool estimated;     /* budget reached: best and worst come from a search by
                           greedy and random playthroughs, not from every path:
                           the real best is at least best, the real worst at
                           most worst */
    bool won_at_100;    /* a won ending at 100 percent is reachable */

    /* random play */
    int samples, sample_unfinished;
    double sample_mean;
    int sample_min, sample_max, sample_median;
    int sample_outcomes[3];

    /* with AnalysisOptions.variants: node n's variants are variant_shown[
     * variant_at[n] + v] (Node.variants), then variant_shown[variant_at[n] +
     * nvariants + v] (Node.ending_variants); true when the variant was the
     * wording chosen on entering n in some explored transition */
    bool *variant_shown;
    int *variant_at;
} Analysis;

/* Called about every quarter of a second while states are explored:
 * states found so far, states expanded, seconds since the start. */
typedef void (*AnalysisProgress)(void *ctx, long states, long expanded, double seconds);

typedef struct AnalysisOptions {
    long max_states;     /* exploration budget in states (0: no limit) */
    int samples;         /* random playthroughs (0: none) */
    uint64_t seed;       /* seed of the sampler */
    double max_seconds;  /* exploration budget in seconds (0: no limit) */
    size_t max_memory;   /* bytes the explored states may hold, the scoring
                            passes included (0: no limit) */
    AnalysisProgress progress;   /* NULL: none */
    void *progress_ctx;
    bool variants;       /* also learn which node variants show (variant_shown);
                            their conditions then count as state, so there may
                            be more states */
} AnalysisOptions;

/* Analyse sc; returns 0, or -1 when out of memory. Free with analysis_free. */
int analysis_run(const Scenario *sc, const AnalysisOptions *opt, Analysis *out);

void analysis_free(Analysis *a);

#endif
