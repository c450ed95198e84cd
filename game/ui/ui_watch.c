/* ui_watch.c - the window's --watch (and its setting "Reload on save"):
 * when the scenario file or one of its portraits is saved, the scenario is
 * loaded again and the playthrough replayed to the same place (reload.h,
 * the same code `compel run --watch` uses). A file that does not load shows
 * its findings on screen (file:line:col or the JSON path, the message, the
 * did-you-mean) while the last good version goes on; a replay that stops
 * early says where and why. A thread waits on inotify and posts an event;
 * the reload runs on the main thread. A reloaded playthrough writes no
 * result and no autosave. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compel/reload.h"
#include "compel/watch.h"
#include "ui.h"

struct WindowWatch {
    Watch *w;
    SDL_Thread *thread;
    int stop[2];         /* a pipe: a byte on it ends the thread */
    SDL_sem *taken;      /* the main thread has read the change */
    Uint32 event;
};

/* The thread: wait for inotify, post one event, wait until it is taken. */
static int wait_for_saves(void *p)
{
    WindowWatch *ww = p;
    for (;;) {
        struct pollfd fds[2] = {{watch_fd(ww->w), POLLIN, 0}, {ww->stop[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        if (fds[1].revents)
            return 0;
        if (fds[0].revents & POLLIN) {
            SDL_Event e;
            memset(&e, 0, sizeof e);
            e.type = ww->event;
            if (SDL_PushEvent(&e) == 1)
                SDL_SemWait(ww->taken);
        }
    }
}

/* Watch the open scenario's portraits too (a new one may have been added). */
static void watch_portraits(App *app)
{
    const Scenario *sc = app->sc;
    for (int ci = 0; sc && ci < sc->ncharacters; ci++)
        for (int m = 0; m < MOOD_COUNT; m++) {
            const Portrait *p = character_portrait(&sc->characters[ci], (Mood)m);
            if (p && p->path && watch_add(app->watch->w, p->path) != 0)
                fprintf(stderr, "compel: cannot watch the portrait %s: %s\n", p->path, strerror(errno));
        }
}

bool ui_watch_wanted(const App *app)
{
    return app->opt.watch || app->set.watch;
}

void ui_watch_stop(App *app)
{
    WindowWatch *ww = app->watch;
    if (!ww)
        return;
    if (ww->thread) {
        if (write(ww->stop[1], "x", 1) != 1)
            fprintf(stderr, "compel: cannot stop watching: %s\n", strerror(errno));
        SDL_SemPost(ww->taken);
        SDL_WaitThread(ww->thread, NULL);
    }
    if (ww->taken)
        SDL_DestroySemaphore(ww->taken);
    for (int i = 0; i < 2; i++)
        if (ww->stop[i] >= 0)
            close(ww->stop[i]);
    watch_close(ww->w);
    free(ww);
    app->watch = NULL;
}

void ui_watch_start(App *app)
{
    ui_watch_stop(app);
    if (!ui_watch_wanted(app) || !app->sc_path)
        return;
    if (!app->watch_event)
        app->watch_event = SDL_RegisterEvents(1);
    WindowWatch *ww = calloc(1, sizeof *ww);
    if (!ww || app->watch_event == (Uint32)-1) {
        free(ww);
        return;
    }
    ww->stop[0] = ww->stop[1] = -1;
    ww->event = app->watch_event;
    app->watch = ww;
    ww->w = watch_open(app->sc_path);
    if (!ww->w || pipe(ww->stop) != 0 || !(ww->taken = SDL_CreateSemaphore(0))) {
        snprintf(app->banner, sizeof app->banner, "Cannot watch %s for changes: %s", app->sc_path, strerror(errno));
        ui_watch_stop(app);
        return;
    }
    watch_portraits(app);
    ww->thread = SDL_CreateThread(wait_for_saves, "compel-watch", ww);
    if (!ww->thread) {
        snprintf(app->banner, sizeof app->banner, "Cannot watch %s for changes: %s", app->sc_path, SDL_GetError());
        ui_watch_stop(app);
    }
}

/* Findings shown on screen at most (the rest go to standard error). */
#define WATCH_FINDINGS 8

static void set_text(char **slot, char *text)
{
    free(*slot);
    *slot = text;
}

/* What a file that does not load says: the sentence, then every finding as
 * `validate` prints it. */
static char *findings_text(const Reload *rl)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return NULL;
    fprintf(m, "%s\n", rl->message);
    int shown = rl->diags.count < WATCH_FINDINGS ? rl->diags.count : WATCH_FINDINGS;
    for (int i = 0; i < shown; i++)
        diag_print(m, &rl->diags.items[i], 0);   /* one line each, ending in a newline */
    if (rl->diags.count > shown)
        fprintf(m, "... and %d more (compel validate lists them all)\n", rl->diags.count - shown);
    fclose(m);
    while (len > 0 && buf[len - 1] == '\n')   /* diag_print ends each finding with one */
        buf[--len] = '\0';
    return buf;
}

/* The file changed: load it again and replay, or say why not. */
static void reload(App *app)
{
    StartArgs none;
    memset(&none, 0, sizeof none);
    bool ours = app->opt.scenario && strcmp(app->opt.scenario, app->sc_path) == 0;
    Reload rl;
    reload_scenario(app->sc_path, ours ? &app->opt.start : &none, app->ses, &rl);
    fprintf(stderr, "compel: %s\n", rl.message);
    for (int i = 0; i < rl.diags.count; i++)
        diag_print(stderr, &rl.diags.items[i], 0);
    if (rl.status == RELOAD_BROKEN) {
        set_text(&app->watch_error, findings_text(&rl));
    } else {
        set_text(&app->watch_error, NULL);
        set_text(&app->watch_note, strdup(rl.message));
        app->watch_note_stopped = rl.status == RELOAD_STOPPED;
        app_swap_scenario(app, rl.sc, rl.ses);
        rl.sc = NULL;
        rl.ses = NULL;
        int n = 0;
        if (app->ses)
            session_commands(app->ses, &n);
        app->watch_note_cmds = n;
        watch_portraits(app);
    }
    reload_free(&rl);
    app->dirty = true;
}

bool ui_watch_event(App *app, const SDL_Event *e)
{
    if (!app->watch || e->type != app->watch->event)
        return false;
    if (watch_changed(app->watch->w) && app->sc_path)
        reload(app);
    SDL_SemPost(app->watch->taken);
    return true;
}

/* The findings of a broken save, or what the last reload did, across the
 * top of the window (the note only until the next command). */
void ui_watch_draw(App *app)
{
    const Metrics *m = &app->m;
    int n = 0;
    if (app->ses)
        session_commands(app->ses, &n);
    const char *text = app->watch_error;
    if (!text && app->watch_note && app->watch_note_stopped && n == app->watch_note_cmds)
        text = app->watch_note;
    if (!text)
        return;
    int w = m->w - 2 * m->pad;
    draw_notice(app, m->pad, m->pad / 2, w, text, true);
}

void ui_watch_free(App *app)
{
    ui_watch_stop(app);
    set_text(&app->watch_error, NULL);
    set_text(&app->watch_note, NULL);
}
