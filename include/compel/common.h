/* common.h - helpers both front ends need (the terminal tools in game/cli
 * and the window in game/ui), kept below both so neither depends on the
 * other: the exit codes, choice lists and seeds as typed on a command line,
 * word wrapping by columns, the wall clock, and the words shown for the
 * scenario's enums. Depends only on core (scenario.h). */
#ifndef COMPEL_COMMON_H
#define COMPEL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "compel/scenario.h"

/* Exit codes shared by every subcommand and the window (docs/cli.md). */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,      /* invalid scenario, index out of range, unreadable input */
    EXIT_USAGE = 2,        /* bad option or missing argument */
    EXIT_INCOMPLETE = 3,   /* run: the choice list ran out before an ending */
    EXIT_NO_DISPLAY = 4,   /* game: no display could be opened */
    EXIT_PLATFORM = 5,     /* game: SDL, font or other platform failure */
    EXIT_RESULTS = 6,      /* the playthrough finished but its result could not be saved */
    EXIT_LRS_WAITING = 7   /* statements wait in the outbox: the LRS could not be reached */
};

/* Parse a choice list "1,2,3" (may be empty) into a new array; returns the
 * count, or -1 with a reason in err when it is malformed. Caller frees *out. */
int choices_parse(const char *list, int **out, char *err, size_t errcap);

/* Parse a non-negative 64-bit decimal seed; false when s is not one. */
bool seed_parse(const char *s, uint64_t *out);

/* A fresh seed from the system's random source, short enough to read out. */
uint64_t seed_random(void);

/* Print text wrapped at width columns (UTF-8 aware, words never split unless
 * longer than a line), each line prefixed with indent spaces; the very first
 * line starts with first instead when it is not NULL (e.g. "2. " for a
 * numbered choice; "" puts it at the margin). A no-break space
 * (COMPEL_NBSP) never breaks a line and is printed as a plain space. */
#define COMPEL_NBSP "\xC2\xA0"   /* U+00A0 in UTF-8 */
void wrap_columns(FILE *out, const char *text, int width, int indent, const char *first);

/* printf, then wrap_columns: the first line starts with the text's own
 * leading spaces, every line after it with indent spaces (a hanging indent). */
__attribute__((format(printf, 4, 5)))
void wrap_printf(FILE *out, int width, int indent, const char *fmt, ...);

/* "point" or "points" for n (for "1 point", "2 points"). */
const char *points_word(int n);

/* The wall clock: whole seconds and the fraction of the current second. */
void clock_now(time_t *t, double *frac);

/* The words a player reads for an outcome ("Won"), a stance ("Skeptic")
 * and a difficulty ("Intro"). Static strings. */
const char *outcome_label(Outcome o);
const char *stance_label(Stance s);
const char *difficulty_label(Difficulty d);

/* Check the value of --player: false, after one line on stderr starting
 * with cmd (e.g. "compel run"), when it is not UTF-8 or holds a control
 * character. A long name is accepted; it is cut between characters where
 * it is kept (textsafe.h). */
bool option_player(const char *cmd, const char *value);

/* Check the value of --results: false, after one line on stderr, when it is
 * empty. */
bool option_results(const char *cmd, const char *value);

/* Route stdout and stderr through a filter that replaces every control
 * character a terminal would act on (ESC, BEL, CR, DEL, C1; not newline or
 * TAB) with U+FFFD, so no scenario text or file content can retitle, clear
 * or otherwise drive the terminal. Call once, first thing in main. */
void term_safe_streams(void);

#endif
