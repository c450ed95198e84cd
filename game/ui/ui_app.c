/* ui_app.c - the App's life: window and renderer set-up (software renderer
 * where GL would be Mesa's llvmpipe), folders, fonts, opening a scenario
 * (portraits, the autosave offer), drawing a frame from scratch, and the
 * event loop that blocks in SDL_WaitEventTimeout while nothing animates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compel/common.h"
#include "compel/textsafe.h"
#include "ui.h"
#include "ui_map.h"

/* Whether a folder exists. */
static bool is_dir(const char *p)
{
    return p && access(p, R_OK | X_OK) == 0;
}

/* The first folder that exists: next to the program, ../share/compel
 * relative to it, or the configured COMPEL_DATADIR. */
static char *find_data(const char *rel)
{
    char *base = SDL_GetBasePath();
    char buf[4096];
    if (base) {
        /* next to the program (a build tree), then PREFIX/share/compel for a
         * program in PREFIX/bin (an installed tree, wherever it was moved) */
        snprintf(buf, sizeof buf, "%s%s", base, rel);
        if (!is_dir(buf))
            snprintf(buf, sizeof buf, "%s../share/compel/%s", base, rel);
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
    const char *gallium = getenv("GALLIUM_DRIVER");
    if (gallium && (strcmp(gallium, "llvmpipe") == 0 || strcmp(gallium, "softpipe") == 0))
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
    fit = fit < 1.0 ? 1.0 : 1.0 + (fit - 1.0) * 0.6; /* 1080p: 1.2, 1440p: 1.5, 2160p: 2 */
    fit = fit > 2.0 ? 2.0 : fit;
    app->m = layout_metrics(app->out_w, app->out_h, app->set.text_scale * app->dpi * fit);
}

void app_relayout(App *app)
{
    double old = app->m.scale;
    update_output(app);
    app->th = theme_get(app->set.theme);
    text_cache_clear(&app->cache);
    avatar_flush(app);
    map_flush(app);
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
    app->log_texts = getenv("COMPEL_UI_TEXTS") != NULL;
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
    /* Without a display SDL falls back to its offscreen driver and would run
     * invisibly forever: that is no display, unless nobody is meant to watch. */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0) && !opt->headless) {
        fprintf(stderr, "compel: no display could be opened (SDL found only its \"%s\" video driver, which shows nothing); "
                        "play in the terminal instead: compel run SCENARIO.json\n", drv);
        SDL_Quit();
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
    const char *why;
    if (opt->player)
        (void)text_player_name(opt->player, app->set.player, sizeof app->set.player, &why);
    if (opt->mode >= 0)
        app->set.assessment = opt->mode == 1;
    if (opt->theme >= 0)
        app->set.theme = (ThemeId)opt->theme;
    if (opt->text_scale > 0)
        app->set.text_scale = opt->text_scale;
    if (opt->fullscreen >= 0)
        app->set.fullscreen = opt->fullscreen == 1;
    app->th = theme_get(app->set.theme);

    char def[4096];
    if (opt->results) {
        app->results_path = strdup(opt->results);
    } else if (results_default_path(def, sizeof def)) {
        app->results_path = strdup(def); /* the same file `compel run` uses */
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
    ui_lrs_start(app, opt);
    return app;
}

static void close_scenario(App *app)
{
    session_destroy(app->ses);
    app->ses = NULL;
    app_model_changed(app);
    display_briefing_free(app->briefing);
    app->briefing = NULL;
    free(app->portrait_error);
    app->portrait_error = NULL;
    avatar_close(app);
    map_forget(app);
    scenario_destroy(app->sc);
    app->sc = NULL;
    free(app->sc_path);
    app->sc_path = NULL;
    free(app->meter_shown);
    free(app->meter_from);
    app->meter_shown = app->meter_from = NULL;
    free(app->record_error);
    app->record_error = NULL;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    ui_lrs_stop(app);
    ui_watch_free(app);
    close_scenario(app);
    store_free_entries(app);
    text_cache_free(&app->cache);
    text_log_clear(app);
    text_close_fonts(app);
    avatar_free(app);
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

void app_set_screen(App *app, Screen s)
{
    app->screen = s;
    app->overlay = OVERLAY_NONE;
    app->focus = -1;
    app->hover = app->pressed = -1;
    app->scroll = 0;
    app->dirty = true;
}

static void set_watch_error_none(App *app)
{
    free(app->watch_error);
    free(app->watch_note);
    app->watch_error = app->watch_note = NULL;
}

void app_swap_scenario(App *app, Scenario *sc, Session *ses)
{
    Screen screen = app->screen;
    Overlay overlay = app->overlay;
    bool on_map = screen == SCREEN_MAP && app->map;
    if (on_map) {   /* the map is laid out again for the new version */
        screen = app->map->back;
        overlay = app->map->back_overlay;
    }
    session_destroy(app->ses);
    avatar_close(app);
    map_forget(app);
    scenario_destroy(app->sc);
    free(app->portrait_error);
    app->portrait_error = NULL;
    app->sc = sc;
    app->ses = ses;
    app_model_changed(app);
    int nm = sc->nmeters > 0 ? sc->nmeters : 1;
    free(app->meter_shown);
    free(app->meter_from);
    app->meter_shown = calloc((size_t)nm, sizeof *app->meter_shown);
    app->meter_from = calloc((size_t)nm, sizeof *app->meter_from);
    char title[300];
    snprintf(title, sizeof title, "Compel \xE2\x80\x94 %s", sc->title);
    SDL_SetWindowTitle(app->win, title);
    avatar_open(app);
    app->dirty = true;
    if (!ses)
        return;   /* the briefing (or the picker) shows the new version */
    app->reloaded = true;
    app->recorded = session_status(ses) == SESSION_ENDED;
    app->coach = false;
    app->screen = app->recorded ? SCREEN_DEBRIEF : SCREEN_PLAY;
    app->overlay = overlay == OVERLAY_INSPECT || overlay == OVERLAY_HISTORY ? overlay : OVERLAY_NONE;
    app->focus = app->hover = app->pressed = -1;
    app_begin_meters(app, false);
    app_begin_reveal(app);
    app_finish_animations(app);
    if (on_map)
        map_open(app);
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
    avatar_open(app);
    set_watch_error_none(app);
    ui_watch_start(app);
    int nm = sc->nmeters > 0 ? sc->nmeters : 1;
    app->meter_shown = calloc((size_t)nm, sizeof *app->meter_shown);
    app->meter_from = calloc((size_t)nm, sizeof *app->meter_from);
    Playthrough saved;
    app->save_state = store_autosave_read(app, sc, &saved);
    app->save_ncmds = saved.ncommands;
    playthrough_free(&saved);
    app_set_screen(app, SCREEN_BRIEFING);
    return true;
}

void app_draw(App *app)
{
    const Theme *th = app->th;
    SDL_SetRenderDrawColor(app->ren, th->bg.r, th->bg.g, th->bg.b, 255);
    SDL_RenderClear(app->ren);
    app->nhits = 0;
    app->overflows = 0;
    text_log_clear(app);
    avatar_frame(app);
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
    case SCREEN_MAP: screen_map(app); break;
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
        case OVERLAY_RECORDS: overlay_records(app); break;
        case OVERLAY_HISTORY: overlay_history(app); break;
        case OVERLAY_INSPECT: overlay_inspect(app); break;
        default: break;
        }
    }
    ui_watch_draw(app);
    int n = app_focusable_count(app);
    if (app->focus >= n)
        app->focus = n - 1;
    if (app->hover >= app->nhits)
        app->hover = -1;
    app->frames++;
}

/* COMPEL_UI_TEXTS while the window runs: after each frame, the texts it
 * drew, replacing the file whole (a test reads the screen from it). */
static void write_frame_texts(const App *app)
{
    const char *path = getenv("COMPEL_UI_TEXTS");
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path ? path : "");
    FILE *f = path && *path ? fopen(tmp, "w") : NULL;
    if (!f)
        return;
    text_log_write(app, f);
    if (fclose(f) == 0)
        rename(tmp, path);
}

void app_step(App *app, bool wait)
{
    SDL_Event e;
    if (wait && !app->dirty && !app_animating(app)) {
        if (SDL_WaitEventTimeout(&e, 10000))
            app_on_event(app, &e);
    }
    while (!app->quit && SDL_PollEvent(&e))
        app_on_event(app, &e);
    bool anim = app_animating(app);
    if (anim)
        app_animate(app);
    if (app->dirty || anim) {
        Uint32 t0 = SDL_GetTicks();
        app->dirty = false;
        app_draw(app);
        SDL_RenderPresent(app->ren);
        if (app->log_texts)
            write_frame_texts(app);
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
    int ncmds = 0;
    if (app->ses)
        session_commands(app->ses, &ncmds);
    if (app->ses && session_status(app->ses) != SESSION_ENDED && ncmds > 0)
        store_autosave(app);
    return app->results_failed ? EXIT_RESULTS : EXIT_OK;
}
