/* termplay.h - the terminal player: prints the playthrough as plain wrapped
 * text (no decoration a screen reader would read out as noise). */
#ifndef COMPEL_TERMPLAY_H
#define COMPEL_TERMPLAY_H

#include <stdbool.h>
#include <stdio.h>

#include "compel/session.h"

/* Apply the commands in order; a `next` node continues by itself when the
 * list has no "continue" there, so a bare list of choices works. out: where
 * to print the transcript and debrief, or NULL for none. The session's mode
 * decides whether the coach speaks after each choice. Returns EXIT_OK at an
 * ending (left-over commands are noted on stderr), EXIT_INVALID when one
 * does not apply, EXIT_INCOMPLETE when the list runs out first. */
int termplay_scripted(Session *s, const Command *cmds, int n, FILE *out);

/* Play on in: numbers choose, u undoes (practice mode), q quits, Enter
 * continues. Returns EXIT_OK at an ending or when the player quits, and
 * EXIT_INCOMPLETE when input ends first. */
int termplay_interactive(Session *s, FILE *in, FILE *out);

/* A file watch for termplay_watched: when fd is readable, reload(ctx, s,
 * out) may replace *s (the old session freed) and returns true when it
 * printed something and the present node should be shown again. */
typedef struct TermReload {
    int fd;
    bool (*reload)(void *ctx, Session **s, FILE *out);
    void *ctx;
} TermReload;

/* termplay_interactive that also reloads while it waits for input (r may be
 * NULL); *s is the session played at the end. */
int termplay_watched(Session **s, FILE *in, FILE *out, const TermReload *r);

#endif
