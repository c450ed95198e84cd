/* ui_app.c - the App's life: window and renderer set-up, opening scenarios,
 * sending commands to the session (the only place the UI touches it), and
 * the event loop that waits for events when nothing animates. Input from
 * keys, mouse and tests all arrives as an Action through app_do. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "ui.h"

static void now(time_t *t, double *frac)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    *t = tv.tv_sec;
    *frac = tv.tv_usec / 1e6;
}

/* Whether a folder exists. */
static bool is_dir(const char *p)
{
    return p && access(p, R_OK | X_OK) == 0;
}

/* The first of base + rel, COMPEL_DATADIR + rel that exists. */
static char *find_data(const char *rel)
{
    char *base = SDL_GetBasePath();
    char buf[4096];
    if (base) {
        snprintf(buf, sizeof buf, "%s%s", base, rel);
        SDL_free(base);
        if (is_dir(buf))
            return strdup(buf);
    }
    snprintf(buf, sizeof buf, "%s/%s", COMPEL_DATADIR, rel);
    if (is_dir(buf))
        return strdup(buf);
    return NULL;
}

/* The software renderer wins where GL is Mesa's llvmpipe (PLATFORM-NOTES);
 * without a GPU device node there is nothing else. COMPEL_RENDERER or
 * --renderer overrides. */
static bool want_software(const Options *opt)
{
    const char *r = opt->renderer ? opt->renderer : getenv("COMPEL_RENDERER");
    if (r && strcmp(r, "software") == 0)
        return true;
    if (r && (strcmp(r, "accelerated") == 0 || strcmp(r, "gpu") == 0))
        return false;
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && (strcmp(drv, "dummy") == 0 || strcmp(drv, "offscreen") == 0))
        return true;
    const char *sw = getenv("LIBGL_ALWAYS_SOFTWARE");
    if (sw && *sw && strcmp(sw, "0") != 0)
        return true;
    return access("/dev/dri/renderD128", R_OK) != 0 && access("/dev/dri/card0", R_OK) != 0;
}

static void update_output(App *app)
{
    int ww = 1, wh = 1;
    SDL_GetWindowSize(app->win, &ww, &wh);
    if (SDL_GetRendererOutputSize(app->ren, &app->out_w, &app->out_h) != 0) {
        app->out_w = ww;
        app->out_h = wh;
    }
    app->dpi = ww > 0 ? (double)app->out_w / ww : 1.0;
    if (app->dpi < 1.0)
        app->dpi = 1.0;
    /* Larger windows get somewhat larger text, so a 1080p screen does not
     * read like a postage stamp; the user's text scale multiplies this. */
    double ww_pts = app->out_w / app->dpi, wh_pts = app->out_h / app->dpi;
    double fit = ww_pts / 1280.0 < wh_pts / 800.0 ? ww_pts / 1280.0 : wh_pts / 800.0;
    fit = fit < 1.0 ? 1.0 : fit > 1.5 ? 1.5 : fit;
    app->m = layout_metrics(app->out_w, app->out_h, app->set.text_scale * app->dpi * fit);
}

void app_relayout(App *app)
{
    double old = app->m.scale;
    update_output(app);
    app->th = theme_get(app->set.theme);
    text_cache_clear(&app->cache);
    if (fabs(old - app->m.scale) > 1e-9 || !app->fonts[0]) {
        if (!text_open_fonts(app))
            app->quit = true;
    }
    app->dirty = true;
}

App *app_create(const Options *opt, int *code)
{
    App *app = calloc(1, sizeof *app);
    if (!app) {
        *code = EXIT_PLATFORM;
        return NULL;
    }
    app->opt = *opt;
    app->focus = app->hover = app->pressed = app->primary = -1;
    app->software = want_software(opt);
    if (app->software) {
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "compel: no display could be opened (%s); play in the terminal instead: compel run SCENARIO.json\n",
                SDL_GetError());
        free(app);
        *code = EXIT_NO_DISPLAY;
        return NULL;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "compel: cannot start the font library: %s\n", TTF_GetError());
        SDL_Quit();
        free(app);
        *code = EXIT_PLATFORM;
        return NULL;
    }
    /* SDL_GetPrefPath misbehaves with an empty XDG_DATA_HOME. */
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && !*xdg)
        unsetenv("XDG_DATA_HOME");
    char *pref = SDL_GetPrefPath("", "compel");
    if (pref) {
        app->pref_dir = strdup(pref);
        SDL_free(pref);
    }
    store_settings_default(&app->set);
    store_settings_load(app);
    if (opt->player)
        snprintf(app->set.player, sizeof app->set.player, "%s", opt->player);
    if (opt->mode >= 0)
        app->set.assessment = opt->mode == 1;
    if (opt->theme >= 0)
        app->set.theme = (ThemeId)opt->theme;
    if (opt->text_scale > 0)
        app->set.text_scale = opt->text_scale;
    if (opt->fullscreen >= 0)
        app->set.fullscreen = opt->fullscreen == 1;
    app->th = theme_get(app->set.theme);

    if (opt->results) {
        app->results_path = strdup(opt->results);
    } else if (app->pref_dir) {
        size_t n = strlen(app->pref_dir) + 16;
        app->results_path = malloc(n);
        if (app->results_path)
            snprintf(app->results_path, n, "%sresults.jsonl", app->pref_dir);
    }
    app->scenarios_dir = opt->scenarios ? strdup(opt->scenarios) : find_data("scenarios");
    const char *assets_env = getenv("COMPEL_ASSETS");
    app->assets_dir = assets_env && *assets_env ? strdup(assets_env) : find_data("assets");
    if (!app->assets_dir)
        app->assets_dir = strdup("assets");

    int ww = opt->win_w > 0 ? opt->win_w : 1280, wh = opt->win_h > 0 ? opt->win_h : 720;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (app->set.fullscreen && !opt->screenshot)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (opt->screenshot)
        flags |= SDL_WINDOW_HIDDEN;
    app->win = SDL_CreateWindow("Compel", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh, flags);
    if (!app->win) {
        fprintf(stderr, "compel: no display could be opened (%s); play in the terminal instead: compel run SCENARIO.json\n",
                SDL_GetError());
        *code = EXIT_NO_DISPLAY;
        app_destroy(app);
        return NULL;
    }
    SDL_SetWindowMinimumSize(app->win, 640, 480);
    app->ren = SDL_CreateRenderer(app->win, -1, app->software ? SDL_RENDERER_SOFTWARE
                                                              : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->ren && !app->software) {
        app->software = true;
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!app->ren) {
        fprintf(stderr, "compel: cannot draw in the window: %s\n", SDL_GetError());
        *code = EXIT_PLATFORM;
        app_destroy(app);
        return NULL;
    }
    text_cache_init(&app->cache, 256);
    update_output(app);
    if (!text_open_fonts(app)) {
        fprintf(stderr, "compel: the game's fonts are missing (looked in %s/fonts; set COMPEL_ASSETS to the assets folder)\n",
                app->assets_dir);
        *code = EXIT_PLATFORM;
        app_destroy(app);
        return NULL;
    }
    app->screen = SCREEN_PICKER;
    app->dirty = true;
    return app;
}

static void close_scenario(App *app)
{
    session_destroy(app->ses);
    app->ses = NULL;
    if (app->portraits && app->sc)
        for (int i = 0; i < app->sc->ncharacters; i++)
            if (app->portraits[i])
                SDL_DestroyTexture(app->portraits[i]);
    free(app->portraits);
    app->portraits = NULL;
    free(app->portrait_error);
    app->portrait_error = NULL;
    scenario_destroy(app->sc);
    app->sc = NULL;
    free(app->sc_path);
    app->sc_path = NULL;
    free(app->meter_shown);
    free(app->meter_from);
    app->meter_shown = app->meter_from = NULL;
    free(app->record_error);
    app->record_error = NULL;
    app->ncmds = 0;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    close_scenario(app);
    free(app->cmds);
    store_free_entries(app);
    text_cache_free(&app->cache);
    text_close_fonts(app);
    for (int i = 0; i < 4; i++)
        if (app->discs[i])
            SDL_DestroyTexture(app->discs[i]);
    if (app->ren)
        SDL_DestroyRenderer(app->ren);
    if (app->win)
        SDL_DestroyWindow(app->win);
    free(app->pref_dir);
    free(app->results_path);
    free(app->scenarios_dir);
    free(app->assets_dir);
    free(app);
    TTF_Quit();
    SDL_Quit();
}

static void set_screen(App *app, Screen s)
{
    app->screen = s;
    app->overlay = OVERLAY_NONE;
    app->focus = -1;
    app->hover = app->pressed = -1;
    app->scroll = 0;
    app->dirty = true;
}

bool app_open_scenario(App *app, const char *path)
{
    DiagList diags;
    diag_list_init(&diags);
    Scenario *sc = scenario_load(path, &diags);
    if (!sc) {
        const Diag *g = NULL;
        for (int i = 0; i < diags.count && !g; i++)
            if (diags.items[i].severity == DIAG_ERROR)
                g = &diags.items[i];
        for (int i = 0; i < diags.count; i++)
            diag_print(stderr, &diags.items[i], 0);
        snprintf(app->banner, sizeof app->banner, "%s cannot be played: %s%s%s", path,
                 g && g->path && *g->path ? g->path : "", g && g->path && *g->path ? ": " : "",
                 g ? g->message : "unreadable");
        diag_list_free(&diags);
        app->dirty = true;
        return false;
    }
    diag_list_free(&diags);
    close_scenario(app);
    app->sc = sc;
    app->sc_path = strdup(path);
    char title[300];
    snprintf(title, sizeof title, "Compel \xE2\x80\x94 %s", sc->title);
    SDL_SetWindowTitle(app->win, title);
    app->banner[0] = '\0';
    app->portraits = calloc((size_t)(sc->ncharacters > 0 ? sc->ncharacters : 1), sizeof *app->portraits);
    for (int i = 0; i < sc->ncharacters && app->portraits; i++) {
        const char *p = sc->characters[i].portrait;
        if (!p)
            continue;
        SDL_Surface *s = SDL_LoadBMP(p);
        if (s) {
            app->portraits[i] = SDL_CreateTextureFromSurface(app->ren, s);
            SDL_FreeSurface(s);
        }
        if (!app->portraits[i] && !app->portrait_error) {
            size_t n = strlen(p) + strlen(sc->characters[i].name) + 96;
            app->portrait_error = malloc(n);
            if (app->portrait_error)
                snprintf(app->portrait_error, n, "The portrait of %s (%s) could not be loaded; initials are shown instead.",
                         sc->characters[i].name, p);
            fprintf(stderr, "compel: cannot load the portrait %s: %s\n", p,
                    access(p, R_OK) != 0 ? "no such file, or not readable" : SDL_GetError());
        }
    }
    int nm = sc->nmeters > 0 ? sc->nmeters : 1;
    app->meter_shown = calloc((size_t)nm, sizeof *app->meter_shown);
    app->meter_from = calloc((size_t)nm, sizeof *app->meter_from);
    uint64_t seed;
    bool assess;
    int *cmds = NULL, n = 0;
    app->save_state = store_autosave_read(app, sc, &seed, &assess, &cmds, &n);
    app->save_ncmds = n;
    free(cmds);
    set_screen(app, SCREEN_BRIEFING);
    return true;
}

/* The text of the current node has changed: start revealing it. */
static void begin_reveal(App *app)
{
    app->reveal_start = SDL_GetTicks();
    app->reveal_done = false;
    app->reveal_total = 0;
    if (app->ses) {
        char *t = session_format_text(app->ses, session_node(app->ses)->text ? session_node(app->ses)->text : "");
        if (t) {
            app->reveal_total = utf8_count(t, (int)strlen(t));
            free(t);
        }
    }
    if (app->reveal_total == 0)
        app->reveal_done = true;
}

/* Meters moved: animate from what is drawn to the new values. */
static void begin_meters(App *app, bool animate)
{
    if (!app->sc || !app->ses)
        return;
    for (int i = 0; i < app->sc->nmeters; i++) {
        app->meter_from[i] = app->meter_shown[i];
        if (!animate)
            app->meter_shown[i] = app->meter_from[i] = session_meter(app->ses, i);
    }
    app->meter_anim = animate;
    app->meter_anim_start = SDL_GetTicks();
}

static bool push_cmd(App *app, int c)
{
    if (app->ncmds == app->capcmds) {
        int cap = app->capcmds ? app->capcmds * 2 : 32;
        int *n = realloc(app->cmds, sizeof *n * (size_t)cap);
        if (!n)
            return false;
        app->cmds = n;
        app->capcmds = cap;
    }
    app->cmds[app->ncmds++] = c;
    return true;
}

/* The playthrough reached an ending: record it and show the debrief. */
static void finish(App *app)
{
    if (!app->recorded && !app->opt.no_save && app->results_path) {
        ResultMeta meta = {app->assessment ? "assessment" : "practice", app->started, 0, app->started_frac, 0};
        now(&meta.finished, &meta.finished_frac);
        char err[512], id[37];
        if (results_append(app->results_path, app->ses, &meta, id, err, sizeof err) != 0) {
            fprintf(stderr, "compel: could not save the result to %s: %s\n", app->results_path, err);
            free(app->record_error);
            size_t n = strlen(err) + strlen(app->results_path) + 64;
            app->record_error = malloc(n);
            if (app->record_error)
                snprintf(app->record_error, n, "Your result could not be saved to %s: %s", app->results_path, err);
        }
        store_autosave_clear(app);
    }
    app->recorded = true;
    set_screen(app, SCREEN_DEBRIEF);
}

void app_start(App *app, bool resume)
{
    if (!app->sc)
        return;
    session_destroy(app->ses);
    app->ses = NULL;
    uint64_t seed = app->opt.have_seed ? app->opt.seed : cli_random_seed();
    bool assess = app->set.assessment;
    int *cmds = NULL, n = 0;
    if (resume) {
        uint64_t s2;
        bool a2;
        if (store_autosave_read(app, app->sc, &s2, &a2, &cmds, &n) == 1) {
            seed = s2;
            assess = a2;
        } else {
            free(cmds);
            cmds = NULL;
            n = 0;
        }
    }
    app->assessment = assess;
    app->ses = session_create(app->sc, seed, app->set.player);
    if (!app->ses) {
        free(cmds);
        snprintf(app->banner, sizeof app->banner, "Out of memory: the scenario could not be started.");
        return;
    }
    app->ncmds = 0;
    for (int i = 0; i < n; i++) {
        int rc = cmds[i] == 0 ? session_continue(app->ses) : session_choose(app->ses, cmds[i]);
        if (rc != 0)
            break;
        push_cmd(app, cmds[i]);
    }
    free(cmds);
    now(&app->started, &app->started_frac);
    app->recorded = false;
    free(app->record_error);
    app->record_error = NULL;
    app->coach = false;
    app->save_state = 0;
    set_screen(app, SCREEN_PLAY);
    begin_reveal(app);
    begin_meters(app, false);
    if (session_status(app->ses) == SESSION_ENDED)
        finish(app);
}

static void after_command(App *app, bool decision)
{
    app->focus = -1;
    app->dirty = true;
    begin_meters(app, true);
    if (decision && !app->assessment) {
        app->coach = true;
        app->reveal_done = true;
    } else {
        begin_reveal(app);
    }
    if (session_status(app->ses) != SESSION_ENDED)
        store_autosave(app);
    else if (!app->coach)
        finish(app);
}

static void do_choose(App *app, int index)
{
    if (!app->ses || app->coach || session_status(app->ses) != SESSION_DECISION)
        return;
    if (session_choose(app->ses, index) != 0)
        return;
    push_cmd(app, index);
    after_command(app, true);
}

static void do_continue(App *app)
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
            begin_reveal(app);
        return;
    }
    if (session_status(app->ses) != SESSION_READING || session_continue(app->ses) != 0)
        return;
    push_cmd(app, 0);
    after_command(app, false);
}

static void do_undo(App *app)
{
    if (!app->ses || app->assessment || app->screen != SCREEN_PLAY || session_undo(app->ses) != 0)
        return;
    /* The session dropped the last decision and the continues after it. */
    int k = app->ncmds - 1;
    while (k >= 0 && app->cmds[k] == 0)
        k--;
    app->ncmds = k > 0 ? k : 0;
    app->coach = false;
    app->overlay = OVERLAY_NONE;
    app->focus = -1;
    begin_meters(app, true);
    begin_reveal(app);
    app->reveal_done = true;
    store_autosave(app);
    app->dirty = true;
}

int app_apply_choices(App *app, const int *list, int n)
{
    if (!app->ses)
        return -1;
    for (int i = 0; i < n; i++) {
        while (session_status(app->ses) == SESSION_READING) {
            session_continue(app->ses);
            push_cmd(app, 0);
        }
        if (session_status(app->ses) == SESSION_ENDED) {
            fprintf(stderr, "compel: an ending was reached; %d choice(s) left over were not used\n", n - i);
            break;
        }
        int vis[COMPEL_MAX_CHOICES];
        int nv = session_visible(app->ses, vis);
        if (session_choose(app->ses, list[i]) != 0) {
            fprintf(stderr, "compel: --choices: choice %d at decision \"%s\" is out of range (%d visible)\n",
                    list[i], session_node(app->ses)->id, nv);
            return -1;
        }
        push_cmd(app, list[i]);
    }
    while (session_status(app->ses) == SESSION_READING) {
        session_continue(app->ses);
        push_cmd(app, 0);
    }
    begin_meters(app, false);
    begin_reveal(app);
    if (session_status(app->ses) == SESSION_ENDED)
        finish(app);
    else
        store_autosave(app);
    return 0;
}

bool app_animating(const App *app)
{
    return (app->screen == SCREEN_PLAY && !app->reveal_done) || app->meter_anim;
}

void app_finish_animations(App *app)
{
    app->reveal_done = true;
    if (app->meter_anim && app->ses)
        for (int i = 0; i < app->sc->nmeters; i++)
            app->meter_shown[i] = session_meter(app->ses, i);
    app->meter_anim = false;
    app->dirty = true;
}

/* Advance the animations to the current time. */
static void animate(App *app)
{
    Uint32 t = SDL_GetTicks();
    if (app->screen == SCREEN_PLAY && !app->reveal_done) {
        double cps = app->reveal_total / 3.0;
        if (cps < 60)
            cps = 60;
        if ((t - app->reveal_start) * cps / 1000.0 >= app->reveal_total)
            app->reveal_done = true;
    }
    if (app->meter_anim && app->ses) {
        double f = (t - app->meter_anim_start) / 450.0;
        if (f >= 1) {
            f = 1;
            app->meter_anim = false;
        }
        double e = 1 - (1 - f) * (1 - f) * (1 - f);
        for (int i = 0; i < app->sc->nmeters; i++)
            app->meter_shown[i] = app->meter_from[i] + (session_meter(app->ses, i) - app->meter_from[i]) * e;
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

InputContext app_input_context(const App *app)
{
    switch (app->overlay) {
    case OVERLAY_PAUSE: return INPUT_PAUSE;
    case OVERLAY_HISTORY: return INPUT_HISTORY;
    case OVERLAY_SETTINGS: return app->settings_row == 0 ? INPUT_TEXT_FIELD : INPUT_SETTINGS;
    default: break;
    }
    switch (app->screen) {
    case SCREEN_PICKER: return INPUT_PICKER;
    case SCREEN_BRIEFING: return INPUT_BRIEFING;
    case SCREEN_DEBRIEF: return INPUT_DEBRIEF;
    case SCREEN_PLAY:
        if (app->coach)
            return INPUT_COACH;
        return app->ses && session_status(app->ses) == SESSION_READING ? INPUT_READING : INPUT_DECISION;
    }
    return INPUT_PICKER;
}

static int focusable_count(const App *app)
{
    int n = 0;
    for (int i = 0; i < app->nhits; i++)
        n += app->hits[i].focusable;
    return n;
}

static const Hit *focused_hit(const App *app)
{
    int k = -1;
    for (int i = 0; i < app->nhits; i++)
        if (app->hits[i].focusable && ++k == app->focus)
            return &app->hits[i];
    return NULL;
}

static void scroll_by(App *app, int px)
{
    if (app->overlay == OVERLAY_HISTORY)
        app->overlay_scroll = layout_scroll_clamp(app->overlay_scroll + px, app->overlay_total, app->overlay_view);
    else
        app->scroll = layout_scroll_clamp(app->scroll + px, app->scroll_total, app->scroll_view);
    app->dirty = true;
}

void app_do(App *app, Action a)
{
    app->dirty = true;
    int view = app->overlay == OVERLAY_HISTORY ? app->overlay_view : app->scroll_view;
    switch (a.kind) {
    case ACT_NONE: break;
    case ACT_QUIT: app->quit = true; break;
    case ACT_CHOOSE: do_choose(app, a.arg); break;
    case ACT_CONTINUE: do_continue(app); break;
    case ACT_UNDO: do_undo(app); break;
    case ACT_PREV: case ACT_NEXT: {
        int n = focusable_count(app);
        if (n == 0)
            break;
        int step = 1;
        if (a.arg == 2 && app->screen == SCREEN_PICKER && app->overlay == OVERLAY_NONE && app->grid_cols > 1)
            step = app->grid_cols; /* Up/Down in the card grid move by a row */
        if (app->focus < 0)
            app->focus = a.kind == ACT_NEXT ? 0 : n - 1;
        else if (step > 1) {
            int f = app->focus + (a.kind == ACT_NEXT ? step : -step);
            if (f >= 0 && f < app->nentries)
                app->focus = f;
        } else
            app->focus = (app->focus + (a.kind == ACT_NEXT ? 1 : n - 1)) % n;
        app->focus_moved = true;
        const Hit *h = focused_hit(app);
        if (h && app->overlay == OVERLAY_SETTINGS && (h->act.kind == ACT_SETTING))
            app->settings_row = h->act.arg;
        else if (app->overlay == OVERLAY_SETTINGS)
            app->settings_row = -1;
        break;
    }
    case ACT_ACTIVATE: {
        const Hit *h = focused_hit(app);
        if (!h && app->primary >= 0 && app->primary < app->nhits)
            h = &app->hits[app->primary]; /* nothing focused: Enter presses the primary button */
        if (h && h->act.kind != ACT_ACTIVATE)
            app_do(app, h->act);
        break;
    }
    case ACT_BACK:
        if (app->overlay != OVERLAY_NONE) {
            app->overlay = OVERLAY_NONE;
        } else {
            app->overlay = OVERLAY_PAUSE;
            app->focus = 0;
        }
        break;
    case ACT_RESUME:
        app->overlay = OVERLAY_NONE;
        app->focus = -1;
        break;
    case ACT_CLOSE:
        if (app->overlay == OVERLAY_SETTINGS) {
            store_settings_save(app);
            SDL_StopTextInput();
            app->overlay = OVERLAY_PAUSE;
            app->focus = 3;
        } else {
            app->overlay = OVERLAY_NONE;
            app->focus = -1;
        }
        break;
    case ACT_HISTORY:
        if (app->overlay == OVERLAY_HISTORY) {
            app->overlay = OVERLAY_NONE;
        } else if (app->ses) {
            app->overlay = OVERLAY_HISTORY;
            app->overlay_scroll = 1 << 28; /* clamped to the end when drawn */
        }
        app->focus = -1;
        break;
    case ACT_SCROLL: scroll_by(app, a.arg * text_line_h(app, FONT_BODY) * 2); break;
    case ACT_PAGE: scroll_by(app, a.arg * (view * 9 / 10)); break;
    case ACT_HOME: scroll_by(app, -(1 << 28)); break;
    case ACT_END: scroll_by(app, 1 << 28); break;
    case ACT_OPEN:
        if (a.arg >= 0 && a.arg < app->nentries && app->entries[a.arg].sc) {
            char *p = strdup(app->entries[a.arg].path);
            if (p)
                app_open_scenario(app, p);
            free(p);
        }
        break;
    case ACT_START: app_start(app, false); break;
    case ACT_RESUME_SAVE: app_start(app, true); break;
    case ACT_RESTART:
        if (app->sc)
            app_start(app, false);
        break;
    case ACT_SETTINGS:
        app->overlay = OVERLAY_SETTINGS;
        app->settings_row = 0;
        app->focus = 0;
        SDL_StartTextInput();
        break;
    case ACT_PICKER:
        if (app->ses && session_status(app->ses) != SESSION_ENDED)
            store_autosave(app);
        store_scan_scenarios(app);
        set_screen(app, SCREEN_PICKER);
        break;
    case ACT_SETTING:
        app->settings_row = a.arg;
        settings_change(app, a.arg, 0);
        break;
    case ACT_SETTING_DEC: settings_change(app, a.arg, -1); break;
    case ACT_SETTING_INC: settings_change(app, a.arg, 1); break;
    case ACT_LEFT: case ACT_RIGHT:
        if (app->settings_row >= 0)
            settings_change(app, app->settings_row, a.kind == ACT_LEFT ? -1 : 1);
        break;
    case ACT_BACKSPACE: {
        size_t n = strlen(app->set.player);
        while (n > 0 && ((unsigned char)app->set.player[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0)
            n--;
        app->set.player[n] = '\0';
        break;
    }
    }
}

static void on_key(App *app, const SDL_KeyboardEvent *k)
{
    /* Any key completes the text being revealed. */
    if (app->screen == SCREEN_PLAY && app->overlay == OVERLAY_NONE && !app->reveal_done &&
        k->keysym.sym != SDLK_ESCAPE) {
        app->reveal_done = true;
        app->dirty = true;
        return;
    }
    int nvis = 0;
    if (app->ses && session_status(app->ses) == SESSION_DECISION) {
        int vis[COMPEL_MAX_CHOICES];
        nvis = session_visible(app->ses, vis);
    }
    Action a = input_map_key(app_input_context(app), k->keysym.sym, (uint16_t)k->keysym.mod, nvis);
    if (a.kind == ACT_UNDO && app->assessment)
        return;
    app_do(app, a);
}

static void on_event(App *app, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        app->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_RESIZED)
            app_relayout(app);
        else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
            app->dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        app_relayout(app);
        break;
    case SDL_KEYDOWN:
        on_key(app, &e->key);
        break;
    case SDL_TEXTINPUT:
        if (app->overlay == OVERLAY_SETTINGS && app->settings_row == 0) {
            size_t n = strlen(app->set.player), k = strlen(e->text.text);
            if (n + k < sizeof app->set.player)
                memcpy(app->set.player + n, e->text.text, k + 1);
            app->dirty = true;
        }
        break;
    case SDL_MOUSEMOTION: {
        int x = (int)lround(e->motion.x * app->dpi), y = (int)lround(e->motion.y * app->dpi);
        app->mouse_x = x;
        app->mouse_y = y;
        int h = -1;
        for (int i = 0; i < app->nhits; i++)
            if (layout_hit(&app->hits[i].r, 1, x, y) == 0)
                h = i;
        if (h != app->hover) {
            app->hover = h;
            app->dirty = true;
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: {
        if (e->button.button != SDL_BUTTON_LEFT)
            break;
        int x = (int)lround(e->button.x * app->dpi), y = (int)lround(e->button.y * app->dpi);
        if (app->screen == SCREEN_PLAY && app->overlay == OVERLAY_NONE && !app->reveal_done) {
            if (e->type == SDL_MOUSEBUTTONDOWN)
                app->reveal_done = true;
            app->dirty = true;
            break;
        }
        int h = -1;
        for (int i = 0; i < app->nhits; i++)
            if (layout_hit(&app->hits[i].r, 1, x, y) == 0)
                h = i;
        if (e->type == SDL_MOUSEBUTTONDOWN) {
            app->pressed = h;
        } else {
            if (h >= 0 && h == app->pressed) {
                Action a = app->hits[h].act;
                app->pressed = -1;
                app_do(app, a);
            }
            app->pressed = -1;
        }
        app->dirty = true;
        break;
    }
    case SDL_MOUSEWHEEL:
        if (e->wheel.y != 0)
            app_do(app, (Action){ACT_SCROLL, e->wheel.y > 0 ? -1 : 1});
        break;
    default:
        break;
    }
}

void app_draw(App *app)
{
    const Theme *th = app->th;
    SDL_SetRenderDrawColor(app->ren, th->bg.r, th->bg.g, th->bg.b, 255);
    SDL_RenderClear(app->ren);
    app->nhits = 0;
    app->overflows = 0;
    app->primary = -1;
    /* Under a modal panel the screen shows no hover or focus. */
    int focus = app->focus, hover = app->hover;
    if (app->overlay != OVERLAY_NONE)
        app->focus = app->hover = -1;
    switch (app->screen) {
    case SCREEN_PICKER: screen_picker(app); break;
    case SCREEN_BRIEFING: screen_briefing(app); break;
    case SCREEN_PLAY: screen_play(app); break;
    case SCREEN_DEBRIEF: screen_debrief(app); break;
    }
    app->focus = focus;
    app->hover = hover;
    if (app->overlay != OVERLAY_NONE) {
        app->nhits = 0; /* what is under a modal panel cannot be clicked */
        app->primary = -1;
        draw_scrim(app);
        switch (app->overlay) {
        case OVERLAY_PAUSE: overlay_pause(app); break;
        case OVERLAY_SETTINGS: overlay_settings(app); break;
        case OVERLAY_HISTORY: overlay_history(app); break;
        default: break;
        }
    }
    int n = focusable_count(app);
    if (app->focus >= n)
        app->focus = n - 1;
    if (app->hover >= app->nhits)
        app->hover = -1;
    app->frames++;
}

void app_step(App *app, bool wait)
{
    SDL_Event e;
    if (wait && !app->dirty && !app_animating(app)) {
        if (SDL_WaitEventTimeout(&e, 10000))
            on_event(app, &e);
    }
    while (!app->quit && SDL_PollEvent(&e))
        on_event(app, &e);
    bool anim = app_animating(app);
    if (anim)
        animate(app);
    if (app->dirty || anim) {
        Uint32 t0 = SDL_GetTicks();
        app->dirty = false;
        app_draw(app);
        SDL_RenderPresent(app->ren);
        /* About 60 frames a second while animating (the software renderer has no vsync). */
        Uint32 dt = SDL_GetTicks() - t0;
        if (wait && anim && dt < 16)
            SDL_Delay(16 - dt);
    }
}

int app_run(App *app)
{
    while (!app->quit)
        app_step(app, true);
    if (app->ses && session_status(app->ses) != SESSION_ENDED && app->ncmds > 0)
        store_autosave(app);
    return EXIT_OK;
}
