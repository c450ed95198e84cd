/* termplay.h - the terminal player: prints the playthrough as plain wrapped
 * text (no decoration a screen reader would read out as noise). */
#ifndef COMPEL_TERMPLAY_H
#define COMPEL_TERMPLAY_H

#include <stdbool.h>
#include <stdio.h>

#include "compel/session.h"

/* Apply the 1-based visible choice numbers in list (next/route nodes consume
 * nothing). out: where to print the transcript and debrief, or NULL for
 * none. Returns EXIT_OK at an ending (left-over choices are noted on stderr),
 * EXIT_INVALID when an index is out of range, EXIT_INCOMPLETE when the list
 * runs out first. */
int termplay_scripted(Session *s, const int *list, int n, FILE *out, bool assessment);

/* Play on in: numbers choose, u undoes (practice mode), q quits, Enter
 * continues. Returns EXIT_OK at an ending or when the player quits, and
 * EXIT_INCOMPLETE when input ends first. */
int termplay_interactive(Session *s, FILE *in, FILE *out, bool assessment);

/* Print the debrief of an ended (or unfinished) session. */
void termplay_debrief(const Session *s, FILE *out, int width);

#endif
