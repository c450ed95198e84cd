/* playthrough.h - the one saved form of a playthrough: scenario id and hash,
 * seed, player, mode and the commands. The window's autosave, the test
 * replays (tests/replays) and `compel run --replay` all read and write it
 * through playthrough_read / playthrough_write, so resuming, replaying and
 * regression testing are one mechanism (docs/format.md describes the file). */
#ifndef COMPEL_PLAYTHROUGH_H
#define COMPEL_PLAYTHROUGH_H

#include <stddef.h>
#include <stdint.h>

#include "compel/scenario.h"
#include "compel/session.h"

/* A saved playthrough as read from a file; every string is owned. */
typedef struct Playthrough {
    char *scenario;        /* scenario id ("" when the file did not say) */
    char *file;            /* the scenario's path as saved, or NULL */
    char *hash;            /* the scenario's hash when saved */
    uint64_t seed;
    char *player;
    SessionMode mode;
    Command *commands;
    int ncommands;
} Playthrough;

/* How a saved playthrough relates to a loaded scenario. */
typedef enum PlaythroughMatch {
    PLAYTHROUGH_SAME,      /* same id and the same bytes (hash) */
    PLAYTHROUGH_CHANGED,   /* same id, but the file changed since it was saved */
    PLAYTHROUGH_OTHER      /* saved from another scenario */
} PlaythroughMatch;

/* Read the playthrough saved at path into *out (also the autosaves written
 * before this form: "scenario_hash" and commands as numbers, 0 = continue).
 * Returns 0, or -1 with a one-line reason in err (out is then empty).
 * Free with playthrough_free. */
int playthrough_read(const char *path, Playthrough *out, char *err, size_t errcap);

/* Write the session's playthrough (its commands so far) to path, atomically;
 * file is the scenario's path to record (may be NULL). Returns 0, or -1 with
 * a reason in err. */
int playthrough_write(const char *path, const Session *s, const char *file, char *err, size_t errcap);

/* Free what playthrough_read allocated (p itself is not freed). */
void playthrough_free(Playthrough *p);

/* Whether p was saved from sc, and from these very bytes. */
PlaythroughMatch playthrough_match(const Playthrough *p, const Scenario *sc);

/* A new session of sc with p's seed, player and mode, and p's commands
 * applied (session_play). *applied (when not NULL) gets how many applied:
 * fewer than p->ncommands when the scenario changed under them. NULL only
 * when out of memory. */
Session *playthrough_start(const Playthrough *p, const Scenario *sc, int *applied);

#endif
