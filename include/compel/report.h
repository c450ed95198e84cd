/* report.h - what `compel report` and `compel xapi` share: results files
 * read as a stream of playthroughs (each counted once by its id, filtered by
 * scenario and date), the summary the report prints (per scenario, per
 * player, per decision), its three renderings, and the xAPI statements of one
 * playthrough. docs/reports.md explains every figure.
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

typedef struct ReportPlayer {
    const char *name;
    int attempts;
    int best_percent;
    const char *best_grade;
    int last_percent;                 /* the attempt that finished last */
    const char *last_grade, *last_outcome;
    char last_finished[32];
    ReportScore *skills;              /* the last attempt's skill totals */
    int nskills, skillcap;
} ReportPlayer;

/* One choice as players made it at a decision. */
typedef struct ReportTally {
    const char *id, *text, *feedback;
    int points, count;
    bool best;                        /* scored the best of the choices visible */
} ReportTally;

/* One decision node of a scenario, over every answer given there. */
typedef struct ReportDecision {
    const char *node, *skill;
    int answers, below;               /* answers, and those below the best */
    int players, players_below;       /* distinct players, and those who answered below best at least once */
    const char *best_id, *best_text;  /* a best choice as last seen */
    ReportTally *tallies;
    int ntallies, tallycap;
} ReportDecision;

typedef struct ReportSkillDef { const char *id, *label; } ReportSkillDef;

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

typedef struct Report {
    Arena arena;                      /* every string and key below */
    StrMap keys;                      /* scenario, player, decision and player-at-decision keys */
    const char **strings;             /* titles, grades, outcomes: each stored once */
    int nstrings, stringcap;
    ReportScenario *scenarios;
    int nscenarios, scenariocap;
    int playthroughs, players;        /* players: distinct names over all scenarios */
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
void report_write_csv(FILE *out, const Report *r);
void report_write_html(FILE *out, const Report *r, const char *generated, int misses);

/* Write s as one RFC 4180 CSV field (quoted when it holds a comma, quote,
 * CR or LF; quotes doubled). NULL writes an empty field. */
void report_csv_field(FILE *out, const char *s);

/* ---- xAPI ------------------------------------------------------------------- */

typedef struct XapiOptions {
    const char *base;        /* activity ids start with this IRI */
    const char *home_page;   /* the actor's account homePage */
    const char *lang;        /* language map key, e.g. "en-US" */
    int pass_percent;        /* passed at or above this percent */
} XapiOptions;

/* Append the statements of one playthrough to the array out: attempted, one
 * answered per decision, then completed and passed or failed when it ended.
 * Statement ids and the registration are derived from the playthrough id,
 * so exporting the same file twice gives the same statements. */
void xapi_add_statements(cJSON *out, const ResultRecord *rec, const XapiOptions *opt);

/* Name-based UUID (version 5, SHA-1) of name in the namespace ns. */
void report_uuid5(const unsigned char ns[16], const char *name, char out[37]);

/* Whether s is a UUID in the 8-4-4-4-12 hex form. */
bool report_is_uuid(const char *s);

#endif
