/* report.h - what `compel report` and `compel xapi` share: results files
 * read as a stream of playthroughs (each counted once by its id, filtered by
 * scenario and date), the summary the report prints (per scenario, per
 * player, per decision) and its three renderings. docs/reports.md explains every figure.
 *
 * The summary is built in one pass and keeps only totals, never the records,
 * so its memory grows with players and decisions, not with playthroughs. */
#ifndef COMPEL_REPORT_H
#define COMPEL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "compel/arena.h"
#include "compel/diag.h"
#include "compel/results.h"
#include "compel/strmap.h"

/* ---- reading: every results file, each playthrough once ------------------ */

typedef struct ReportFilter {
    const char *scenario;   /* only this scenario id, or NULL */
    const char *since;      /* only playthroughs finished at or after this
                               normalised date (report_parse_since), or NULL */
    const char *until;      /* only those finished up to this normalised date
                               (a whole day when it is only a date), or NULL */
    const char *player;     /* only this player: display name, learner id or e-mail */
    bool tests;             /* also the playthroughs marked as tests (--from) */
} ReportFilter;

/* Called once per distinct, unfiltered playthrough, in input order. The
 * record is freed after the call. Return 0 to go on, non-zero to stop. */
typedef int (*ReportVisit)(void *ctx, const ResultRecord *rec);

/* Read the files in order; a playthrough id seen before is skipped (counted
 * in *duplicates when not NULL). Torn or invalid lines become warnings in
 * diags, unreadable files errors. Returns the number of unreadable files. */
int report_read_files(char *const *files, int nfiles, const ReportFilter *filter,
                      ReportVisit visit, void *ctx, DiagList *diags, int *duplicates);

/* report_read_files for a command: findings and the number of duplicates
 * go to stderr (prefixed with the command's name). Returns the number of
 * unreadable files. */
int report_read_and_warn(const char *cmd, char *const *files, int nfiles, const ReportFilter *filter,
                         ReportVisit visit, void *ctx);

/* Open path for writing through a temporary file beside it ("-" or NULL:
 * standard output); report_close_output flushes and renames it into place,
 * so a failed run never leaves a half-written file. Both print a one-line
 * reason prefixed with cmd and return NULL / -1 on failure. */
FILE *report_open_output(const char *cmd, const char *path, char **tmp);
int report_close_output(const char *cmd, FILE *f, const char *path, char *tmp);

/* Print "compel CMD: WHAT "VALUE" (see `compel CMD --help`)" to stderr and
 * return EXIT_USAGE. */
int report_usage_error(const char *cmd, const char *what, const char *value);

/* Check a --since value (YYYY-MM-DD, optionally THH:MM, :SS, .mmm and Z)
 * and write the form that compares with the records' times as strings into
 * out. False when it is not such a date. */
bool report_parse_since(const char *s, char out[32]);

/* ---- the summary ---------------------------------------------------------- */

typedef struct ReportScore { int skill; int earned, possible; } ReportScore;

/* How often a player answered one decision below its best. */
typedef struct ReportMiss { const char *node; int count; } ReportMiss;

typedef struct ReportPlayer {
    const char *name;                 /* shown: the display name of the newest attempt */
    const char *who;                  /* grouped by: "e:" e-mail, "l:" home page and learner id, or "n:" name */
    int attempts;
    int best_percent;
    const char *best_grade;
    int last_percent;                 /* the attempt that finished last */
    const char *last_grade, *last_outcome;
    char last_finished[32];
    ReportScore *skills;              /* the last attempt's skill totals */
    int nskills, skillcap;
    ReportMiss *misses;               /* decisions answered below best, by node (the decision's string) */
    int nmisses, misscap;
} ReportPlayer;

/* One choice as players made it at a decision. */
typedef struct ReportTally {
    const char *id, *text, *feedback;
    int points, count;
} ReportTally;

/* One decision node of a scenario, over every answer given there. */
typedef struct ReportDecision {
    const char *node, *skill;
    int answers, below;               /* answers, and those below the best */
    int players, players_below;       /* distinct players, and those who answered below best at least once */
    const char *best_id, *best_text;  /* the first choice seen with the most points there */
    int best_points;
    ReportTally *tallies;
    int ntallies, tallycap;
} ReportDecision;

typedef struct ReportSkillDef {
    const char *id, *label;
    int possible_max;                 /* the most points one playthrough could earn on it */
} ReportSkillDef;

typedef struct ReportScenario {
    const char *id, *title;
    int playthroughs;
    int histogram[101];               /* playthroughs by percent */
    ReportSkillDef *skills;           /* every skill seen, in order of appearance */
    int nskills, skillcap;
    ReportPlayer *players;
    int nplayers, playercap;
    ReportDecision *decisions;
    int ndecisions, decisioncap;
} ReportScenario;

/* One attempt, kept for the learners' pages (attempts over time). */
typedef struct ReportAttemptSkill { const char *id; int earned, possible; } ReportAttemptSkill;
typedef struct ReportAttempt {
    const char *who, *scenario, *grade;
    char finished[32];
    int percent, order;               /* order: read as the order-th attempt (ties in time) */
    ReportAttemptSkill *skills;       /* in the arena */
    int nskills;
} ReportAttempt;

typedef struct Report {
    Arena arena;                      /* every string and key below */
    StrMap keys;                      /* scenario, player, decision and player-at-decision keys */
    const char **strings;             /* titles, grades, outcomes: each stored once */
    int nstrings, stringcap;
    ReportScenario *scenarios;
    int nscenarios, scenariocap;
    int playthroughs, players;        /* players: distinct learners over all scenarios */
    ReportAttempt *attempts;          /* every attempt, in input order (report_finish sorts by time) */
    int nattempts, attemptcap;
    bool oom;
} Report;

void report_init(Report *r);
void report_free(Report *r);

/* Add one playthrough to the summary (a ReportVisit: ctx is the Report). */
int report_add(void *ctx, const ResultRecord *rec);

/* Sort scenarios by id, players by name, decisions most missed first. */
void report_finish(Report *r);

/* A player's percent on skill k of the scenario (their last attempt), or -1
 * when that attempt had nothing to score on it. */
int report_player_skill(const ReportPlayer *p, int k);

/* The team's average of report_player_skill over the players who have one,
 * rounded half up, or -1 when none has. */
int report_team_skill(const ReportScenario *sc, int k);

/* The share of players who answered below best, as a rounded percent. */
int report_share_below(const ReportDecision *d);

/* The choice most often made below best at d, or NULL when none was. */
const ReportTally *report_top_miss(const ReportDecision *d);

/* Percentile q (0..1) of a scenario's percents, nearest rank. */
int report_percentile(const ReportScenario *sc, double q);

/* Renderings. How many decisions to list per scenario: misses. */
void report_write_text(FILE *out, const Report *r, int misses);
/* excel: a byte-order mark first, and cells that a spreadsheet would run as
 * a formula (starting with = + - @, tab or CR) quoted with a leading '. */
void report_write_csv(FILE *out, const Report *r, bool excel);
void report_write_html(FILE *out, const Report *r, const char *generated, int misses);

/* ---- the team roll-up and "practise next" (report_next.c) ------------------- */

#define REPORT_TOP_NODES 3

/* What to practise next: the weakest skill (an index into the roll-up's
 * skills, -1 when every skill is at 100 % or nothing was scored), its
 * percent, the scenario with the most points on it, and the decisions on it
 * missed most (by the learner: their answers below best; by the team: the
 * players below best), each with its scenario. */
typedef struct ReportFocus {
    int skill, percent;
    const ReportScenario *scenario;
    const char *nodes[REPORT_TOP_NODES];
    const ReportScenario *where[REPORT_TOP_NODES];
    int counts[REPORT_TOP_NODES];
    int nnodes;
} ReportFocus;

/* One learner over every scenario: per roll-up skill their percent (earned
 * over possible of their last attempt at each scenario; -1: nothing to
 * score), and what to practise next. */
typedef struct ReportLearner {
    const char *who, *name;
    int attempts;
    int *percent;
    ReportFocus next;
} ReportLearner;

typedef struct ReportRollup {
    ReportSkillDef *skills;           /* every skill id of every scenario, first seen first */
    int nskills, skillcap;
    int *team;                        /* per skill: the learners' mean, rounded half up (-1: none) */
    ReportLearner *learners;          /* in the order first met (scenarios by id, players by name) */
    int nlearners, learnercap;
    ReportFocus team_next;
} ReportRollup;

/* Compute the roll-up of a finished report (report_finish). False when out
 * of memory. Free with report_rollup_free. Points into r: keep r alive. */
bool report_rollup(const Report *r, ReportRollup *u);
void report_rollup_free(ReportRollup *u);

/* The focus as one sentence: "Root causes (17%): play "Title"; missed
 * most: why in s1 (2 times), ..." (a decision outside the scenario named
 * carries its scenario's id; for the team the counts are players). */
void report_focus_text(const ReportRollup *u, const ReportFocus *f, bool team, char *out, size_t cap);


#endif
