/* reload.c - a scenario loaded again and its playthrough replayed on it
 * (reload.h), for both front ends' --watch. */
#include <stdio.h>
#include <string.h>

#include "compel/reload.h"

void reload_scenario(const char *file, const StartArgs *start, const Session *old, Reload *out)
{
    memset(out, 0, sizeof *out);
    diag_list_init(&out->diags);
    out->status = RELOAD_BROKEN;
    Scenario *sc = scenario_load(file, &out->diags);
    if (!sc) {
        snprintf(out->message, sizeof out->message, "%s changed but does not load; the last good version goes on:", file);
        return;
    }
    if (!old) {   /* nothing was being played: the new version alone */
        out->sc = sc;
        out->status = RELOAD_BACK;
        snprintf(out->message, sizeof out->message, "Reloaded %s.", file);
        return;
    }
    StartSpec at;
    char err[512];
    if (start_spec_parse(sc, start, &at, err, sizeof err) != 0) {
        snprintf(out->message, sizeof out->message, "%s changed, but %s; the last good version goes on.", file, err);
        scenario_destroy(sc);
        return;
    }
    Session *ns = session_create(sc, session_seed(old), session_player(old));
    if (ns)
        session_set_mode(ns, session_mode(old));
    if (!ns || start_spec_apply(ns, &at) != 0) {
        snprintf(out->message, sizeof out->message,
                 "%s changed, but there is no memory to reload it; the last good version goes on.", file);
        session_destroy(ns);
        start_spec_free(&at);
        scenario_destroy(sc);
        return;
    }
    start_spec_free(&at);
    int n;
    const Command *cmds = session_commands(old, &n);
    int applied = session_play(ns, cmds, n);
    out->sc = sc;
    out->ses = ns;
    out->applied = applied;
    out->total = n;
    out->status = applied < n ? RELOAD_STOPPED : RELOAD_BACK;
    if (applied < n && cmds[applied].kind == COMMAND_CHOOSE) {
        int vis[COMPEL_MAX_CHOICES];
        snprintf(out->message, sizeof out->message,
                 "Reloaded %s. The replay stopped at \"%s\": your choice %d there no longer exists "
                 "(%d visible now); %d of %d steps replayed.",
                 file, session_node(ns)->id, cmds[applied].choice, session_visible(ns, vis), applied, n);
    } else if (applied < n) {
        snprintf(out->message, sizeof out->message,
                 "Reloaded %s. The replay stopped at \"%s\", which no longer goes on the same way; "
                 "%d of %d steps replayed.", file, session_node(ns)->id, applied, n);
    } else {
        snprintf(out->message, sizeof out->message, "Reloaded %s: back at \"%s\" after %d step%s.", file,
                 session_node(ns)->id, n, n == 1 ? "" : "s");
    }
}

void reload_free(Reload *r)
{
    session_destroy(r->ses);
    scenario_destroy(r->sc);
    diag_list_free(&r->diags);
    r->ses = NULL;
    r->sc = NULL;
}
