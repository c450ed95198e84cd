/* ui_session.c - the only place the window talks to the engine: it starts
 * playthroughs (fresh or from the autosave), sends commands (choose,
 * continue, undo; the session keeps the list the autosave saves), keeps
 * core's display model of the session for the screens, records the
 * finished playthrough in the results file, and runs the two animations that
 * follow a command (the text reveal and the meter bars). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "ui.h"

/* The text of the current node has changed: start revealing it. */
void app_begin_reveal(App *app)
{
    app->reveal_start = SDL_GetTicks();
    app->reveal_done = false;
    app->reveal_total = 0;
    const DisplayNow *d = app_now(app);
    if (d)
        app->reveal_total = utf8_count(d->line.text, (int)strlen(d->line.text));
    if (app->reveal_total == 0)
        app->reveal_done = true;
}

/* Meters moved: animate from what is drawn to the new values. */
void app_begin_meters(App *app, bool animate)
{
    const DisplayNow *d = app_now(app);
    if (!d)
        return;
    for (int i = 0; i < d->nmeters; i++) {
        app->meter_from[i] = app->meter_shown[i];
        if (!animate)
            app->meter_shown[i] = app->meter_from[i] = d->meters[i].after;
    }
    app->meter_anim = animate;
    app->meter_anim_start = SDL_GetTicks();
}

/* The playthrough reached an ending: record it and show the debrief. */
static void finish(App *app)
{
    if (!app->recorded && !app->opt.no_save && !app->reloaded && app->results_path) {
        ResultMeta meta = {session_mode(app->ses) == SESSION_ASSESSMENT ? "assessment" : "practice", app->started, 0,
                           app->started_frac, 0, NULL, NULL, NULL};
        clock_now(&meta.finished, &meta.finished_frac);
        ui_lrs_fill_meta(app, &meta);
        char err[512], id[37];
        if (results_append(app->results_path, app->ses, &meta, id, err, sizeof err) == 0) {
            ui_lrs_queue(app, &meta, id);
        } else {
            fprintf(stderr, "compel: could not save the result to %s: %s\n", app->results_path, err);
            app->results_failed = true;
            free(app->record_error);
            size_t n = strlen(err) + strlen(app->results_path) + 64;
            app->record_error = malloc(n);
            if (app->record_error)
                snprintf(app->record_error, n, "Your result could not be saved to %s: %s", app->results_path, err);
        }
        store_autosave_clear(app);
    }
    app->recorded = true;
    ui_cmi5_ended(app);
    app_set_screen(app, SCREEN_DEBRIEF);
}

/* A new session: from the autosave when asked and resumable, else fresh. */
static Session *new_session(App *app, bool resume)
{
    Playthrough saved;
    if (resume && store_autosave_read(app, app->sc, &saved) == 1) {
        Session *s = playthrough_start(&saved, app->sc, NULL);
        playthrough_free(&saved);
        return s;
    }
    if (resume)
        playthrough_free(&saved);
    else
        store_autosave_clear(app); /* a fresh start replaces the old save */
    uint64_t seed = app->opt.have_seed ? app->opt.seed : seed_random();
    Session *s = session_create(app->sc, seed, app->set.player[0] ? app->set.player : NULL);
    if (s)
        session_set_mode(s, app->set.assessment ? SESSION_ASSESSMENT : SESSION_PRACTICE);
    StartSpec at;
    char err[512];
    if (s && (app->opt.start.from || app->opt.start.nsets || app->opt.start.nmeters) && app->opt.scenario &&
        start_spec_parse(app->sc, &app->opt.start, &at, err, sizeof err) == 0) {
        if (start_spec_apply(s, &at) != 0) {
            session_destroy(s);
            s = NULL;
        }
        start_spec_free(&at);
    }
    return s;
}

void app_start(App *app, bool resume)
{
    if (!app->sc)
        return;
    session_destroy(app->ses);
    app->ses = new_session(app, resume);
    app_model_changed(app);
    if (!app->ses) {
        snprintf(app->banner, sizeof app->banner, "Out of memory: the scenario could not be started.");
        return;
    }
    clock_now(&app->started, &app->started_frac);
    app->recorded = false;
    app->reloaded = false;
    free(app->record_error);
    app->record_error = NULL;
    app->coach = false;
    app->save_state = 0;
    app_set_screen(app, SCREEN_PLAY);
    app_begin_reveal(app);
    app_begin_meters(app, false);
    if (session_status(app->ses) == SESSION_ENDED)
        finish(app);
}

bool app_pauses_after_choice(App *app)
{
    const DisplayNow *d = app_now(app);
    return d && d->has_made && (d->shows_feedback || d->made.has_reply);
}

const DisplayNow *app_now(App *app)
{
    if (!app->now && app->ses)
        app->now = display_now(app->ses);
    return app->now;
}

const Transcript *app_transcript(App *app)
{
    if (!app->transcript && app->ses)
        app->transcript = display_transcript(app->ses);
    return app->transcript;
}

const Debrief *app_debrief(App *app)
{
    if (!app->debrief && app->ses)
        app->debrief = display_debrief(app->ses);
    return app->debrief;
}

void app_model_changed(App *app)
{
    display_now_free(app->now);
    display_transcript_free(app->transcript);
    display_debrief_free(app->debrief);
    app->now = NULL;
    app->transcript = NULL;
    app->debrief = NULL;
}

static void after_command(App *app, bool decision)
{
    app_model_changed(app);
    app->focus = -1;
    app->dirty = true;
    app_begin_meters(app, true);
    if (decision && app_pauses_after_choice(app)) {
        app->coach = true;
        app->reveal_done = true;
    } else {
        app_begin_reveal(app);
    }
    if (session_status(app->ses) != SESSION_ENDED)
        store_autosave(app);
    else if (!app->coach)
        finish(app);
}

void app_choose(App *app, int index)
{
    if (!app->ses || app->coach || session_status(app->ses) != SESSION_DECISION)
        return;
    if (session_apply(app->ses, (Command){COMMAND_CHOOSE, index}) != 0)
        return;
    after_command(app, true);
}

void app_continue(App *app)
{
    if (!app->ses)
        return;
    if (app->coach) {
        app->coach = false;
        app->focus = -1;
        app->dirty = true;
        if (session_status(app->ses) == SESSION_ENDED)
            finish(app);
        else
            app_begin_reveal(app);
        return;
    }
    if (session_apply(app->ses, (Command){COMMAND_CONTINUE, 0}) != 0)
        return;
    after_command(app, false);
}

void app_undo(App *app)
{
    if (!app->ses || app->screen != SCREEN_PLAY || session_undo(app->ses) != 0)
        return;
    app_model_changed(app);
    app->coach = false;
    app->overlay = OVERLAY_NONE;
    app->focus = -1;
    app_begin_meters(app, true);
    app_begin_reveal(app);
    app->reveal_done = true;
    store_autosave(app);
    app->dirty = true;
}

int app_apply_choices(App *app, const int *list, int n)
{
    if (!app->ses)
        return -1;
    Command *cmds = calloc((size_t)n + 1, sizeof *cmds);
    if (!cmds)
        return -1;
    for (int i = 0; i < n; i++)
        cmds[i] = (Command){COMMAND_CHOOSE, list[i]};
    int done = session_play(app->ses, cmds, n);
    free(cmds);
    if (done < n && session_status(app->ses) != SESSION_ENDED) {
        int vis[COMPEL_MAX_CHOICES];
        int nv = session_visible(app->ses, vis);
        fprintf(stderr, "compel: choice %d (number %d in the list) is out of range at decision \"%s\": %d choice%s visible\n",
                list[done], done + 1, session_node(app->ses)->id, nv, nv == 1 ? " is" : "s are");
        return -1;
    }
    if (done < n)
        fprintf(stderr, "compel: an ending was reached; %d choice(s) left over were not used\n", n - done);
    session_settle(app->ses);
    app_model_changed(app);
    app_begin_meters(app, false);
    app_begin_reveal(app);
    if (session_status(app->ses) == SESSION_ENDED)
        finish(app);
    else
        store_autosave(app);
    return 0;
}

bool app_animating(const App *app)
{
    return (app->screen == SCREEN_PLAY && !app->reveal_done) || app->meter_anim || avatar_animating(app);
}

void app_finish_animations(App *app)
{
    app->reveal_done = true;
    avatar_finish(app);
    const DisplayNow *d = app_now(app);
    if (app->meter_anim && d)
        for (int i = 0; i < d->nmeters; i++)
            app->meter_shown[i] = d->meters[i].after;
    app->meter_anim = false;
    app->dirty = true;
}

/* Advance the animations to the current time. */
void app_animate(App *app)
{
    Uint32 t = SDL_GetTicks();
    if (app->screen == SCREEN_PLAY && !app->reveal_done) {
        double cps = app->reveal_total / 3.0;
        if (cps < 60)
            cps = 60;
        if ((t - app->reveal_start) * cps / 1000.0 >= app->reveal_total)
            app->reveal_done = true;
    }
    const DisplayNow *d = app_now(app);
    if (app->meter_anim && d) {
        double f = (t - app->meter_anim_start) / 450.0;
        if (f >= 1) {
            f = 1;
            app->meter_anim = false;
        }
        double e = 1 - (1 - f) * (1 - f) * (1 - f);
        for (int i = 0; i < d->nmeters; i++)
            app->meter_shown[i] = app->meter_from[i] + (d->meters[i].after - app->meter_from[i]) * e;
    }
}

int app_reveal_chars(const App *app)
{
    if (app->reveal_done)
        return -1;
    double cps = app->reveal_total / 3.0;
    if (cps < 60)
        cps = 60;
    return (int)((SDL_GetTicks() - app->reveal_start) * cps / 1000.0);
}

