/* reload.h - a scenario loaded again while it is played (`compel run
 * --watch` and the window's --watch): the new version, a new session on it
 * that replays the old session's commands from the same start, and one
 * sentence saying where the replay got to. It writes nothing: no result, no
 * autosave. Both front ends show what it says; neither rebuilds it. */
#ifndef COMPEL_RELOAD_H
#define COMPEL_RELOAD_H

#include "compel/diag.h"
#include "compel/scenario.h"
#include "compel/session.h"
#include "compel/startat.h"

typedef enum ReloadStatus {
    RELOAD_BACK,     /* every command replayed: the same place in the new version */
    RELOAD_STOPPED,  /* the replay stopped early: at a choice that is gone, or a node that no longer goes on the same way */
    RELOAD_BROKEN    /* the new version cannot be played (diags, or message): the old one goes on */
} ReloadStatus;

typedef struct Reload {
    ReloadStatus status;
    Scenario *sc;        /* the new version (not when BROKEN); the caller takes it or reload_free frees it */
    Session *ses;        /* the replayed session on sc (not when BROKEN); likewise */
    DiagList diags;      /* when BROKEN because the file does not load: every finding */
    char message[768];   /* one sentence, e.g. `Reloaded F: back at "hub" after 2 steps.` */
    int applied, total;  /* commands replayed, of the old session's */
} Reload;

/* Load file again and replay old's commands on it, started as start says
 * (the same --from, --set, --meter), with old's seed, player and mode.
 * old NULL (nothing being played): only the new version, no session. */
void reload_scenario(const char *file, const StartArgs *start, const Session *old, Reload *out);

/* Free what out still holds (set sc and ses to NULL to keep them). */
void reload_free(Reload *r);

#endif
