/* ui_cmi5.c - the window as a cmi5 assignable unit: `compel --cmi5 URL`
 * (what the compel:// link an LMS opens runs). Before the window opens the
 * launch is read, its scenario found, the auth token fetched and
 * initialized sent (game/lrs/cmi5.c, bounded by the LMS client's timeouts).
 * The playthrough is in assessment mode, one scenario, no picker and no
 * second attempt: cmi5 allows one completed and one passed or failed per
 * registration. At the ending completed, passed or failed and terminated go
 * on a worker thread while the debrief shows; quitting before the ending
 * sends terminated alone. docs/cmi5.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "compel/textsafe.h"
#include "ui.h"

struct UiCmi5 {
    Cmi5Session s;
    SDL_Thread *thread;
    Uint32 event;              /* posted when the worker is done */
    bool finished;             /* terminated was sent (or tried) */
    bool ended;                /* the worker's job: an ending was reached */
    int percent;
    int rc;                    /* 0 sent, -1 failed */
    char msg[600];
};

int ui_cmi5_begin(Options *opt, UiCmi5 **out, char *path, size_t cap, char *player, size_t pcap)
{
    *out = NULL;
    Cmi5Launch launch;
    char err[1200];
    if (!cmi5_parse_launch(opt->cmi5, &launch, err, sizeof err)) {
        fprintf(stderr, "compel: --cmi5: %s\n", err);
        return EXIT_USAGE;
    }
    if (!cmi5_scenario_file(&launch, opt->scenario, opt->scenarios, path, cap, err, sizeof err)) {
        fprintf(stderr, "compel: --cmi5: %s\n", err);
        return EXIT_USAGE;
    }
    UiCmi5 *c = calloc(1, sizeof *c);
    if (!c) {
        fputs("compel: out of memory\n", stderr);
        return EXIT_INVALID;
    }
    if (cmi5_begin(&c->s, &launch, err, sizeof err) != 0) {
        fprintf(stderr, "compel: the LMS refused the launch: %s\n", err);
        cJSON_Delete(c->s.context);
        free(c);
        return EXIT_INVALID;
    }
    opt->scenario = path;
    opt->mode = 1;   /* the LMS gets one scored attempt */
    if (!opt->player) {   /* the name the LMS knows, in the text */
        cJSON *actor = cJSON_Parse(launch.actor);
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(actor, "name");
        const char *why;
        if (cJSON_IsString(name) && text_player_name(name->valuestring, player, pcap, &why))
            opt->player = player;
        cJSON_Delete(actor);
    }
    *out = c;
    return -1;
}

static int finish_main(void *arg)
{
    App *app = arg;
    UiCmi5 *c = app->cmi5;
    c->rc = cmi5_finish(&c->s, c->ended, c->percent, c->msg, sizeof c->msg);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = c->event;
    SDL_PushEvent(&e);
    return 0;
}

void ui_cmi5_ended(App *app)
{
    UiCmi5 *c = app->cmi5;
    if (!c || c->finished || c->thread)
        return;
    c->ended = true;
    c->percent = session_percent(app->ses);
    c->event = SDL_RegisterEvents(1);
    if (c->event != (Uint32)-1)
        c->thread = SDL_CreateThread(finish_main, "cmi5", app);
    if (!c->thread) {   /* no thread: send now, the debrief waits a moment */
        c->rc = cmi5_finish(&c->s, true, c->percent, c->msg, sizeof c->msg);
        c->finished = true;
    }
}

bool ui_cmi5_event(App *app, const SDL_Event *e)
{
    UiCmi5 *c = app->cmi5;
    if (!c || !c->thread || e->type != c->event)
        return false;
    SDL_WaitThread(c->thread, NULL);
    c->thread = NULL;
    c->finished = true;
    if (c->rc != 0)
        fprintf(stderr, "compel: could not send the result to the LMS: %s\n", c->msg);
    app->dirty = true;
    return true;
}

bool ui_cmi5_active(const App *app) { return app->cmi5 != NULL; }

const char *ui_cmi5_status(const App *app, char *buf, size_t cap)
{
    const UiCmi5 *c = app->cmi5;
    if (!c)
        return NULL;
    if (!c->finished)
        snprintf(buf, cap, "Sending your result to your LMS...");
    else if (c->rc == 0)
        snprintf(buf, cap, "Your LMS has your result: completed, %s. You can close this window.",
                 c->s.passed ? "passed" : "not passed yet");
    else
        snprintf(buf, cap, "Your LMS did not take the result (%s). Your result is saved on this computer.", c->msg);
    return buf;
}

int ui_cmi5_stop(App *app, int rc)
{
    UiCmi5 *c = app->cmi5;
    if (!c)
        return rc;
    if (c->thread) {
        SDL_WaitThread(c->thread, NULL);
        c->thread = NULL;
        c->finished = true;
    }
    if (!c->finished) {   /* left before an ending: the session ends all the same */
        c->rc = cmi5_finish(&c->s, false, 0, c->msg, sizeof c->msg);
        c->finished = true;
    }
    if (c->rc != 0) {
        fprintf(stderr, "compel: could not send to the LMS: %s\n", c->msg);
        rc = EXIT_INVALID;
    }
    cJSON_Delete(c->s.context);
    free(c);
    app->cmi5 = NULL;
    return rc;
}
