/* results.h - the results file: one JSON object per finished playthrough,
 * appended as JSON Lines (docs/results.md documents every field).
 *
 * Writing: one write(2) of the whole record on an O_APPEND descriptor, then
 * fsync, so concurrent writers never interleave and a crash loses at most the
 * record being written. Reading: a torn or invalid line is skipped and
 * reported, never fatal. Both front ends and the report tools use this. */
#ifndef COMPEL_RESULTS_H
#define COMPEL_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "compel/diag.h"
#include "compel/session.h"

#define RESULTS_FORMAT 1

/* What the session does not know about itself. */
typedef struct ResultMeta {
    const char *mode;        /* "practice" or "assessment" */
    time_t started, finished;
    double started_frac, finished_frac; /* sub-second parts, 0 <= x < 1 */
    const char *learner;     /* the learner's account name, or NULL */
    const char *home_page;   /* the system that account belongs to (with learner) */
    const char *email;       /* the learner's e-mail address (instead of learner), or NULL */
} ResultMeta;

/* Build the record of a session (ended or not) as one line of JSON without
 * the newline. id: the playthrough's id (a UUID). Caller frees. */
char *results_record_json(const Session *s, const ResultMeta *meta, const char *id);

/* Add "test": true and "from" (the node, meters and flags an author started
 * at with session_start_at) to o; the caller checks session_is_test. */
void results_add_start(cJSON *o, const Session *s);

/* Append the record of a session to the file at path (created 0644 when
 * missing, parent folders created). Returns 0, or -1 with a one-line reason
 * in err. The id written is copied to id_out when it is not NULL. */
int results_append(const char *path, const Session *s, const ResultMeta *meta,
                   char id_out[37], char *err, size_t errcap);

/* A fresh playthrough id (a random version-4 UUID), as results_append
 * gives one; `compel run --lrs` uses it when no results file is written. */
void results_new_id(char out[37]);

/* The default results file both front ends use: $XDG_DATA_HOME/compel/
 * results.jsonl, or ~/.local/share/compel/results.jsonl (the game window's
 * preference folder). False when neither variable gives an absolute folder. */
bool results_default_path(char *out, size_t cap);


/* UTC time as ISO 8601 with milliseconds, e.g. "2026-11-23T06:11:53.120Z". */
void results_format_time(time_t t, double frac, char out[32]);

/* One step of a record, as read back. */
typedef struct ResultChoiceRef { char *id; char *text; int points; } ResultChoiceRef;

typedef struct ResultStep {
    char *node;              /* node id */
    char *choice;            /* choice id */
    int index;               /* 1-based visible index */
    char *text;              /* the chosen choice's text */
    char *skill;             /* skill id, NULL when unscored */
    int points, possible;
    char *feedback;          /* coach's feedback for the choice, may be NULL */
    bool setback;            /* the decision answered a setback */
    int nvisible;
    ResultChoiceRef *visible; /* the choices visible then, in order, with points */
    char *prompt;            /* the node's text as written ({player} not filled in), may be NULL */
    int nchoices;
    ResultChoiceRef *choices; /* every choice of the node as written (0 in older records) */
} ResultStep;

typedef struct ResultSkill { char *id; char *label; int earned, possible; } ResultSkill;

typedef struct ResultRecord {
    char *id, *scenario, *title, *scenario_hash, *player, *mode;
    char *language;             /* the scenario's language tag, NULL in older records */
    char *learner, *home_page, *email; /* the learner's identity, NULL when not given */
    uint64_t seed;
    char *started, *finished;   /* ISO 8601 strings as written */
    double duration;            /* seconds, finished - started */
    char *outcome, *ending;     /* NULL when the playthrough did not end */
    int percent;
    char *grade;
    int nskills; ResultSkill *skills;
    int nsteps; ResultStep *steps;
    bool test;                  /* started elsewhere or in another state (--from) */
    char *source;               /* file it was read from */
    int line;                   /* line number in that file */
} ResultRecord;

typedef struct ResultList { ResultRecord *items; int count, cap; } ResultList;

/* Read every valid record of the file at path and append them to list.
 * Torn or invalid lines are skipped with a warning in diags naming file and
 * line. Returns 0, or -1 when the file cannot be read (an error in diags). */
int results_read(const char *path, ResultList *list, DiagList *diags);

/* The longest line a reader keeps (a real record is a few KiB); a longer
 * one is skipped with a warning, so memory stays bounded whatever the file. */
#define RESULTS_MAX_LINE (8u << 20)

/* Call visit for every valid record of the file at path, in file order,
 * without keeping them: the record is freed after the call unless visit
 * takes its fields (and zeroes rec). Non-zero from visit stops the reading.
 * Warnings and the return value as results_read, which is built on it. */
typedef int (*ResultVisitor)(void *ctx, ResultRecord *rec);
int results_each(const char *path, ResultVisitor visit, void *ctx, DiagList *diags);

/* Parse one line (without newline) into rec; false when it is not a valid
 * record (reason in why). The caller frees rec with results_record_free. */
bool results_parse_line(const char *line, size_t len, ResultRecord *rec,
                        char *why, size_t whycap);

void results_record_free(ResultRecord *rec);
void results_list_free(ResultList *list);

#endif
