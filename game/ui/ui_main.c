/* ui_main.c - `compel [OPTIONS] [SCENARIO.json]`: the game window's entry
 * point. Parses the GUI options (docs/cli.md), creates the App, applies
 * --choices, and then either plays, writes one screenshot (--screenshot,
 * which works under SDL_VIDEODRIVER=dummy) or times warm frames
 * (--bench-frames, for bench/ui/run.sh). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "compel/window.h"
#include "ui.h"

static void usage(FILE *out)
{
    fputs("usage: compel [OPTIONS] [SCENARIO.json]\n"
          "Play in a window: without a file, pick from the scenarios folder.\n"
          "  --player NAME          your name (default: from the settings)\n"
          "  --mode M               practice (coach after each choice, undo) or assessment\n"
          "  --seed N               seed for chance events (default: random)\n"
          "  --results FILE         append finished playthroughs here (default: your data folder)\n"
          "  --scenarios DIR        the picker's folder (default: scenarios/ next to the program)\n"
          "  --theme T              light, dark or contrast\n"
          "  --text-scale F         text size, 0.75 to 2.0 (default 1)\n"
          "  --window WxH           window size (default 1280x720)\n"
          "  --fullscreen           start in full screen\n"
          "  --choices LIST         apply these decisions first, as `compel run` does\n"
          "  --from NODE, --set FLAG, --meter ID=N\n"
          "                         start at a node with that state, as `compel run` does (a test)\n"
          "  --watch                reload the scenario when its file or a portrait is saved and\n"
          "                         replay to the same place (also a setting); a reloaded\n"
          "                         playthrough saves no result\n"
          "  --screen S             start on picker, briefing, play, coach, history, pause,\n"
          "                         settings, records (learning records), debrief, inspect or map\n"
          "  --screenshot FILE.bmp  draw the screen reached, save it, exit (works with no display)\n"
          "  --renderer R           software or accelerated (default: software without a GPU)\n"
          "  --no-save              write no settings, autosave or results\n"
          "  --learner ID           who you are for the records (an account on --home-page),\n"
          "  --email ADDRESS        or your e-mail address (default: lrs.conf in the config folder)\n"
          "  --home-page IRI        the system the --learner account belongs to\n"
          "  --lrs URL              send each finished playthrough to this learning record store\n"
          "                         through the outbox (default: url in lrs.conf)\n"
          "  --lrs-auth-file FILE   its key:secret (default: COMPEL_LRS_KEY, COMPEL_LRS_SECRET)\n"
          "  --cmi5 LAUNCH-URL      play as a cmi5 assignable unit an LMS launched (docs/cmi5.md):\n"
          "                         one scenario, assessment mode, the result sent to the LMS\n"
          "No display? Play in the terminal: compel run SCENARIO.json\n",
          out);
}

static int parse_screen(const char *s)
{
    static const char *const names[] = {"auto", "picker", "briefing", "play", "settings", "history", "pause", "debrief",
                                        "inspect", "map", "records"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* Parse argv into opt. Returns -1 to go on, else an exit code. */
static int parse_args(int argc, char **argv, Options *opt, bool *coach)
{
    static const struct option opts[] = {
        {"player", required_argument, 0, 'p'},     {"seed", required_argument, 0, 's'},
        {"mode", required_argument, 0, 'm'},       {"results", required_argument, 0, 'r'},
        {"scenarios", required_argument, 0, 'd'},  {"theme", required_argument, 0, 't'},
        {"text-scale", required_argument, 0, 'x'}, {"window", required_argument, 0, 'w'},
        {"fullscreen", no_argument, 0, 'f'},       {"choices", required_argument, 0, 'c'},
        {"screen", required_argument, 0, 'S'},     {"screenshot", required_argument, 0, 'o'},
        {"renderer", required_argument, 0, 'R'},   {"bench-frames", required_argument, 0, 'B'},
        {"no-save", no_argument, 0, 'n'},          {"help", no_argument, 0, 'h'},
        {"help-game", no_argument, 0, 'h'},        {"learner", required_argument, 0, 'L'},
        {"email", required_argument, 0, 'E'},      {"home-page", required_argument, 0, 'H'},
        {"lrs", required_argument, 0, 'U'},        {"lrs-auth-file", required_argument, 0, 'A'},
        {"from", required_argument, 0, 'F'},       {"cmi5", required_argument, 0, 'C'},
        {"set", required_argument, 0, 'X'},        {"meter", required_argument, 0, 'M'},
        {"watch", no_argument, 0, 'W'},
        {0, 0, 0, 0},
    };
    memset(opt, 0, sizeof *opt);
    opt->mode = opt->theme = opt->fullscreen = -1;
    optind = 1;
    opterr = 0;
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (!option_player("compel", optarg))
                return EXIT_USAGE;
            opt->player = optarg;
            break;
        case 'F': opt->start.from = optarg; break;
        case 'X': case 'M': {
            int *n = c == 'X' ? &opt->start.nsets : &opt->start.nmeters;
            if (*n == 64) {
                fprintf(stderr, "compel: at most 64 %s options\n", c == 'X' ? "--set" : "--meter");
                return EXIT_USAGE;
            }
            (c == 'X' ? opt->start.sets : opt->start.meters)[(*n)++] = optarg;
            break;
        }
        case 's':
            if (!seed_parse(optarg, &opt->seed)) {
                fprintf(stderr, "compel: --seed must be a whole number from 0 to 18446744073709551615, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            opt->have_seed = true;
            break;
        case 'm':
            if (strcmp(optarg, "practice") == 0) opt->mode = 0;
            else if (strcmp(optarg, "assessment") == 0) opt->mode = 1;
            else {
                fprintf(stderr, "compel: --mode must be practice or assessment, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'r':
            if (!option_results("compel", optarg))
                return EXIT_USAGE;
            opt->results = optarg;
            break;
        case 'd': opt->scenarios = optarg; break;
        case 't':
            opt->theme = theme_parse(optarg);
            if (opt->theme < 0) {
                fprintf(stderr, "compel: --theme must be light, dark or contrast, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'x':
            opt->text_scale = strtod(optarg, &end);
            if (end == optarg || *end || !(opt->text_scale >= 0.75 && opt->text_scale <= 2.0)) {
                fprintf(stderr, "compel: --text-scale must be a number from 0.75 to 2, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'w':
            if (!layout_parse_size(optarg, &opt->win_w, &opt->win_h)) {
                fprintf(stderr, "compel: --window must look like 1280x720 (320x240 to 16384x16384), not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f': opt->fullscreen = 1; break;
        case 'c': opt->choices = optarg; break;
        case 'S':
            if (strcmp(optarg, "coach") == 0) {
                *coach = true;
                opt->screen = START_PLAY;
            } else if (parse_screen(optarg) < 0) {
                fprintf(stderr, "compel: --screen must be picker, briefing, play, coach, history, pause, settings, records, debrief, inspect or map, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            } else {
                opt->screen = (StartScreen)parse_screen(optarg);
            }
            break;
        case 'o': opt->screenshot = optarg; opt->no_save = true; opt->headless = true; break;
        case 'R':
            if (strcmp(optarg, "software") != 0 && strcmp(optarg, "accelerated") != 0) {
                fprintf(stderr, "compel: --renderer must be software or accelerated, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            opt->renderer = optarg;
            break;
        case 'B':
            opt->bench_frames = atoi(optarg);
            opt->headless = true;
            if (opt->bench_frames < 1) {
                fprintf(stderr, "compel: --bench-frames must be a positive number\n");
                return EXIT_USAGE;
            }
            break;
        case 'n': opt->no_save = true; break;
        case 'W': opt->watch = true; break;
        case 'L': opt->learner = optarg; break;
        case 'E':
            if (!strchr(optarg, '@') || strpbrk(optarg, " \t\r\n<>")) {
                fprintf(stderr, "compel: --email wants an address such as sam@example.com, not \"%s\"\n", optarg);
                return EXIT_USAGE;
            }
            opt->email = optarg;
            break;
        case 'H': opt->home_page = optarg; break;
        case 'U': opt->lrs = optarg; break;
        case 'A': opt->lrs_auth_file = optarg; break;
        case 'C': opt->cmi5 = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel: option %s needs a value (see `compel --help-game`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel: unknown option \"%s\" (see `compel --help-game`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        opt->scenario = argv[optind];
    /* COMPEL_UI_TEXTS: a test reads the screen from the text log, so nobody needs to see it */
    if (getenv("COMPEL_UI_TEXTS"))
        opt->headless = true;
    /* a first-frame bench run exits at once: nobody is meant to watch it */
    const char *ff = getenv("COMPEL_BENCH_FIRST_FRAME");
    if (ff && strcmp(ff, "exit") == 0)
        opt->headless = true;
    if (optind + 1 < argc) {
        fprintf(stderr, "compel: one scenario file at a time (unexpected \"%s\")\n", argv[optind + 1]);
        return EXIT_USAGE;
    }
    return -1;
}

/* Save what the renderer holds as a BMP (before presenting: the dummy driver needs it). */
static int screenshot(App *app, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, app->out_w, app->out_h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        fprintf(stderr, "compel: out of memory for the screenshot\n");
        return EXIT_PLATFORM;
    }
    if (SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0 ||
        SDL_SaveBMP(s, path) != 0) {
        fprintf(stderr, "compel: cannot write the screenshot %s: %s\n", path, SDL_GetError());
        SDL_FreeSurface(s);
        return EXIT_PLATFORM;
    }
    SDL_FreeSurface(s);
    if (getenv("COMPEL_UI_DEBUG") || app->overflows > 0)
        fprintf(stderr, "compel: %d text box overflow(s) on this screen\n", app->overflows);
    if (getenv("COMPEL_UI_DEBUG"))
        avatar_report(app, stderr);
    const char *texts = getenv("COMPEL_UI_TEXTS");
    if (texts) {
        FILE *f = fopen(texts, "w");
        if (f)
            text_log_write(app, f);
        if (!f || fclose(f) != 0) {
            fprintf(stderr, "compel: cannot write the text log %s\n", texts);
            return EXIT_PLATFORM;
        }
    }
    return EXIT_OK;
}

/* Go to the screen --screen asked for (or the natural one). */
static void go_to_screen(App *app, StartScreen s, bool coach)
{
    bool ended = app->ses && session_status(app->ses) == SESSION_ENDED;
    switch (s) {
    case START_PICKER:
        app_do(app, (Action){ACT_PICKER, 0});
        break;
    case START_BRIEFING:
        if (app->sc) {
            app->screen = SCREEN_BRIEFING;
        }
        break;
    case START_PLAY: case START_HISTORY:
        if (app->sc && !app->ses)
            app_start(app, false);
        if (app->ses) {
            app->screen = SCREEN_PLAY;
            if (coach)
                app->coach = app_pauses_after_choice(app);
            if (s == START_HISTORY)
                app_do(app, (Action){ACT_HISTORY, 0});
        }
        break;
    case START_DEBRIEF:
        if (app->ses && ended)
            app->screen = SCREEN_DEBRIEF;
        break;
    case START_PAUSE:
        app->overlay = OVERLAY_PAUSE;
        app->focus = 0;
        break;
    case START_SETTINGS:
        app->overlay = OVERLAY_SETTINGS;
        app->settings_row = -1;
        break;
    case START_RECORDS:
        records_open(app);
        app->records_row = -1;
        app->focus = -1;
        break;
    case START_INSPECT:
        if (app->sc && !app->ses)
            app_start(app, false);
        if (app->ses) {
            app->screen = SCREEN_PLAY;
            app_do(app, (Action){ACT_INSPECT, 0});
        }
        break;
    case START_MAP:
        if (app->sc && !app->ses)
            app_start(app, false);
        if (app->ses) {
            app->screen = ended ? SCREEN_DEBRIEF : SCREEN_PLAY;
            map_open(app);
        }
        break;
    case START_AUTO:
        break;
    }
}

int ui_main(int argc, char **argv)
{
    Options opt;
    bool coach = false;
    int rc = parse_args(argc, argv, &opt, &coach);
    if (rc >= 0)
        return rc;
    int *list = NULL, nlist = 0;
    if (opt.choices) {
        char err[256];
        nlist = choices_parse(opt.choices, &list, err, sizeof err);
        if (nlist < 0) {
            fprintf(stderr, "compel: %s\n", err);
            return EXIT_USAGE;
        }
    }
    UiCmi5 *cmi5 = NULL;
    static char cmi5_path[4096], cmi5_player[64];
    if (opt.cmi5 && (rc = ui_cmi5_begin(&opt, &cmi5, cmi5_path, sizeof cmi5_path, cmi5_player, sizeof cmi5_player)) >= 0) {
        free(list);
        return rc;
    }
    App *app = app_create(&opt, &rc);
    if (!app) {
        free(list);
        if (cmi5) {   /* the LMS still hears that the session is over */
            App none;
            memset(&none, 0, sizeof none);
            none.cmi5 = cmi5;
            ui_cmi5_stop(&none, rc);
        }
        return rc;
    }
    app->cmi5 = cmi5;
    rc = EXIT_OK;
    if (opt.scenario) {
        StartSpec at;
        char err[512];
        if (!app_open_scenario(app, opt.scenario)) {
            rc = EXIT_INVALID;   /* its findings are on stderr; the picker shows broken files as cards */
        } else if (start_spec_parse(app->sc, &opt.start, &at, err, sizeof err) != 0) {
            fprintf(stderr, "compel: %s\n", err);
            rc = EXIT_USAGE;
        } else if (start_spec_free(&at), opt.choices) {
            app_start(app, false);
            if (app_apply_choices(app, list, nlist) != 0)
                rc = EXIT_INVALID;
        }
    } else {
        store_scan_scenarios(app);
    }
    free(list);
    if (rc != EXIT_OK) {
        rc = ui_cmi5_stop(app, rc);
        app_destroy(app);
        return rc;
    }
    go_to_screen(app, opt.screen, coach);
    if (opt.screenshot || opt.bench_frames > 0) {
        app_finish_animations(app);
        app_draw(app); /* lays out once so hits and scroll extents are known */
        app_draw(app);
        if (opt.bench_frames > 0) {
            Uint64 t0 = SDL_GetPerformanceCounter();
            bool pan = app->screen == SCREEN_MAP && getenv("COMPEL_BENCH_MAP_PAN");
            for (int i = 0; i < opt.bench_frames; i++) {
                if (pan)
                    map_bench_pan(app, i);
                app_draw(app);
                SDL_RenderPresent(app->ren);
            }
            double ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
            printf("frame_ms %.3f renderer %s size %dx%d cache_hits %ld cache_misses %ld\n",
                   ms / opt.bench_frames, app->software ? "software" : "accelerated", app->out_w, app->out_h,
                   app->cache.hits, app->cache.misses);
        }
        if (opt.screenshot)
            rc = screenshot(app, opt.screenshot);
        rc = ui_cmi5_stop(app, rc);
        app_destroy(app);
        return rc;
    }
    /* COMPEL_BENCH_FIRST_FRAME=exit: stop once the first frame is presented (bench/ui/run.sh). */
    app_step(app, false);
    const char *ff = getenv("COMPEL_BENCH_FIRST_FRAME");
    if (ff && strcmp(ff, "exit") == 0) {
        rc = ui_cmi5_stop(app, EXIT_OK);
        app_destroy(app);
        return rc;
    }
    rc = app_run(app);
    rc = ui_cmi5_stop(app, rc);
    app_destroy(app);
    return rc;
}
