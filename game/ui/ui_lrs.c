/* ui_lrs.c - the window and the learning record store: each finished
 * playthrough goes to the outbox, and the outbox is sent on a worker thread
 * at start and after each playthrough (game/lrs does the work), so the
 * player never waits for the network. A finished send posts an SDL event;
 * the screens show how many playthroughs wait (lrs_status_line). */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* On the worker thread: wake the event loop (SDL_PushEvent is thread-safe). */
static void flush_done(void *ctx)
{
    App *app = ctx;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = app->lrs_event;
    SDL_PushEvent(&e);
}

static void start_flush(App *app)
{
    if (app->flusher) {
        app->flush_again = true;
        return;
    }
    app->flush_again = false;
    app->flusher = lrs_flusher_start(app->lrs, app->outbox, flush_done, app);
}

/* The learner: the command line, else the settings file's (*file). */
static void take_identity(App *app, const Options *opt, const LrsIdentity *file)
{
    LrsIdentity *id = &app->ident;
    *id = *file;
    if (opt->learner || opt->email) {
        snprintf(id->learner, sizeof id->learner, "%s", opt->learner ? opt->learner : "");
        snprintf(id->email, sizeof id->email, "%s", opt->email ? opt->email : "");
    }
    if (opt->home_page)
        snprintf(id->home_page, sizeof id->home_page, "%s", opt->home_page);
}

void ui_lrs_start(App *app, const Options *opt)
{
    lrs_settings_load(&app->records);   /* what the settings screen shows */
    take_identity(app, opt, &app->records.id);
    if (opt->no_save && !opt->lrs)
        return;   /* screenshots and tests: nothing leaves the machine */
    LrsConfig cfg;
    char err[600], box[4096];
    int rc = lrs_setup(&cfg, opt->lrs, opt->lrs_auth_file, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "compel: %s\n", err);
    if (rc != 0 || !lrs_outbox_default(box, sizeof box))
        return;
    cfg.attempts = 2;   /* the next start or playthrough tries again */
    if (cfg.timeout_ms > 5000)
        cfg.timeout_ms = 5000;
    app->lrs = malloc(sizeof *app->lrs);
    app->outbox = strdup(box);
    if (!app->lrs_event)
        app->lrs_event = SDL_RegisterEvents(1);
    if (!app->lrs || !app->outbox || app->lrs_event == (Uint32)-1) {
        free(app->lrs);
        free(app->outbox);
        app->lrs = NULL;
        app->outbox = NULL;
        return;
    }
    *app->lrs = cfg;
    app->lrs_waiting = lrs_outbox_count(box);
    if (!opt->no_save)   /* with --no-save (screenshots) only the count shows */
        start_flush(app);
}

void ui_lrs_fill_meta(const App *app, ResultMeta *meta)
{
    const LrsIdentity *id = &app->ident;
    meta->email = id->email[0] ? id->email : NULL;
    meta->learner = !meta->email && id->learner[0] ? id->learner : NULL;
    meta->home_page = id->home_page[0] ? id->home_page : XAPI_DEFAULT_HOME_PAGE;
}

void ui_lrs_queue(App *app, const ResultMeta *meta, const char *id)
{
    if (!app->lrs)
        return;
    XapiOptions opt = {XAPI_DEFAULT_BASE, XAPI_DEFAULT_HOME_PAGE, XAPI_DEFAULT_LANG, XAPI_DEFAULT_PASS_PERCENT, false};
    char err[600];
    if (lrs_queue_session(app->outbox, app->ses, meta, id, &opt, err, sizeof err) != 0) {
        fprintf(stderr, "compel: could not queue the playthrough for the LRS: %s\n", err);
        return;
    }
    app->lrs_waiting++;
    start_flush(app);
}

bool ui_lrs_event(App *app, const SDL_Event *e)
{
    if (!app->lrs || e->type != app->lrs_event || !app->flusher)
        return false;
    int left = 0;
    char msg[2000];
    LrsStatus rc = lrs_flusher_join(app->flusher, NULL, &left, msg, sizeof msg);
    app->flusher = NULL;
    app->lrs_waiting = left;
    app->lrs_offline = rc == LRS_UNREACHABLE;
    if (rc != LRS_OK && rc != LRS_UNREACHABLE)
        fprintf(stderr, "compel: %s\n", msg);   /* refused: the administrator's problem, said once */
    if (app->flush_again)
        start_flush(app);
    app->dirty = true;
    return true;
}

void ui_lrs_stop(App *app)
{
    if (app->flusher)
        lrs_flusher_join(app->flusher, NULL, NULL, NULL, 0);
    app->flusher = NULL;
    if (app->lrs && app->flush_again) {   /* a playthrough finished during the last send: one more, bounded try */
        char msg[2000];
        app->lrs->attempts = 1;
        lrs_outbox_flush(app->lrs, app->outbox, NULL, NULL, msg, sizeof msg);
    }
    free(app->lrs);
    free(app->outbox);
    app->lrs = NULL;
    app->outbox = NULL;
}

const char *ui_lrs_status(const App *app, char *buf, size_t cap)
{
    if (!app->lrs)
        return NULL;
    if (app->lrs_waiting <= 0)
        snprintf(buf, cap, "Results sent to your learning record store");
    else
        snprintf(buf, cap, "%d result%s waiting to send%s", app->lrs_waiting, app->lrs_waiting == 1 ? "" : "s",
                 app->flusher ? "" : app->lrs_offline ? " (offline; they go when it is back)" : "");
    return buf;
}

void ui_lrs_restart(App *app, const LrsSettings *s)
{
    ui_lrs_stop(app);
    app->lrs_waiting = 0;
    app->lrs_offline = false;
    if (app->opt.no_save && !app->opt.lrs) {   /* screenshots and tests: only the identity changes */
        take_identity(app, &app->opt, &s->id);
        return;
    }
    ui_lrs_start(app, &app->opt);   /* reads lrs.conf, just written */
}

void ui_lrs_send_now(App *app)
{
    if (app->lrs)
        start_flush(app);
}
