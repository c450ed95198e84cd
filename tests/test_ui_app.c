/* test_ui_app.c - the game window driven by injected SDL events under the
 * dummy video driver: choosing by key and by a click at a button's
 * rectangle, the coach, undo, resize, history, assessment mode, autosave
 * and resume (and a changed scenario), results appended at the end, a
 * broken file, and no text outside its box on any screen. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../game/ui/ui.h"
#include "compel/fileio.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/compel-ui-test-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("XDG_DATA_HOME", tmpdir, 1);
    setenv("HOME", tmpdir, 1);
    char cfg[300];
    snprintf(cfg, sizeof cfg, "%s/config", tmpdir);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    setenv("COMPEL_ASSETS", "assets", 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static Options options(void)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.mode = o.theme = o.fullscreen = -1;
    o.win_w = 1280;
    o.win_h = 720;
    o.have_seed = true;
    o.seed = 7;
    o.player = "Sam";
    o.headless = true;   /* the dummy driver, on purpose */
    return o;
}

static App *open_demo(Options o)
{
    int code = 0;
    App *app = app_create(&o, &code);
    assert_non_null(app);
    assert_true(app_open_scenario(app, "tests/ui/scenarios/demo.json"));
    app_step(app, false);
    return app;
}

static void key(App *app, SDL_Keycode k)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    SDL_PushEvent(&e);
    app_step(app, false);
}

/* Click the centre of the first hit with this action. */
static void click(App *app, ActionKind kind, int arg)
{
    int found = -1;
    for (int i = 0; i < app->nhits; i++)
        if (app->hits[i].act.kind == kind && app->hits[i].act.arg == arg && app->hits[i].r.w > 0)
            found = i;
    assert_true(found >= 0);
    SDL_Rect r = app->hits[found].r;
    int x = r.x + r.w / 2, y = r.y + r.h / 2;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
    app_step(app, false);
}

static const char *node_id(const App *app)
{
    return session_node(app->ses)->id;
}

static int nsteps(const App *app)
{
    int n;
    session_steps(app->ses, &n);
    return n;
}

static void start_and_read_intro(App *app)
{
    key(app, SDLK_RETURN); /* briefing: Enter starts */
    assert_int_equal(app->screen, SCREEN_PLAY);
    assert_string_equal(node_id(app), "intro");
    key(app, SDLK_SPACE); /* completes the text being revealed */
    assert_true(app->reveal_done);
    key(app, SDLK_RETURN); /* continue */
    assert_string_equal(node_id(app), "open");
    app_finish_animations(app);
    app_step(app, false);
}

static void choose_by_number_key_then_coach_then_continue(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    key(app, SDLK_1);
    assert_int_equal(nsteps(app), 1);
    assert_true(app->coach); /* practice: the coach speaks first */
    assert_string_equal(node_id(app), "april");
    key(app, SDLK_RETURN);
    assert_false(app->coach);
    app_finish_animations(app);
    key(app, SDLK_RETURN);
    assert_string_equal(node_id(app), "cfo");
    app_destroy(app);
}

static void choose_by_clicking_a_choice_button(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    click(app, ACT_CHOOSE, 2);
    assert_int_equal(nsteps(app), 1);
    int n;
    const Step *st = session_steps(app->ses, &n);
    assert_int_equal(st[0].index, 2);
    assert_string_equal(node_id(app), "cfo");
    click(app, ACT_CONTINUE, 0); /* the coach's Continue */
    assert_false(app->coach);
    app_destroy(app);
}

static void arrows_and_enter_choose_the_focused_choice(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    key(app, SDLK_DOWN); /* History, Menu come first in the bar: walk to the choices */
    while (app->focus >= 0) {
        int k = -1, hit = -1;
        for (int i = 0; i < app->nhits; i++)
            if (app->hits[i].focusable && ++k == app->focus)
                hit = i;
        if (app->hits[hit].act.kind == ACT_CHOOSE && app->hits[hit].act.arg == 3)
            break;
        key(app, SDLK_DOWN);
    }
    key(app, SDLK_RETURN);
    int n;
    const Step *st = session_steps(app->ses, &n);
    assert_int_equal(n, 1);
    assert_int_equal(st[0].index, 3);
    app_destroy(app);
}

static void undo_returns_to_the_decision(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    key(app, SDLK_1);
    key(app, SDLK_u);
    assert_int_equal(nsteps(app), 0);
    assert_false(app->coach);
    assert_string_equal(node_id(app), "open");
    int ncmds;
    session_commands(app->ses, &ncmds);
    assert_int_equal(ncmds, 1); /* the intro's continue stays */
    app_destroy(app);
}

static void assessment_mode_has_no_coach_and_no_undo(void **state)
{
    (void)state;
    Options o = options();
    o.mode = 1;
    App *app = open_demo(o);
    start_and_read_intro(app);
    key(app, SDLK_1);
    assert_false(app->coach);
    assert_string_equal(node_id(app), "april");
    key(app, SDLK_u);
    assert_int_equal(nsteps(app), 1);
    app_destroy(app);
}

static void a_reply_shows_before_the_next_node_in_both_modes(void **state)
{
    (void)state;
    for (int mode = 0; mode <= 1; mode++) {
        Options o = options();
        o.mode = mode;
        int code = 0;
        App *app = app_create(&o, &code);
        assert_non_null(app);
        assert_true(app_open_scenario(app, "tests/ui/faces/moods.json"));
        app_start(app, false);
        app_finish_animations(app);
        app_step(app, false);
        key(app, SDLK_1);
        /* the answer has its own panel, in assessment too; the next node waits */
        assert_true(app->coach);
        assert_string_equal(node_id(app), "m1");
        const DisplayNow *d = app_now(app);
        assert_non_null(d);
        assert_true(d->has_made && d->made.has_reply);
        assert_string_equal(d->made.reply.text, "Fine. Start wherever you like.");
        assert_int_equal(d->made.reply.mood, MOOD_WORRIED);   /* its own mood, not the node's */
        assert_int_equal(d->made.reply.speaker, 0);           /* the node's speaker by default */
        app_draw(app);
        assert_int_equal(app->overflows, 0);
        /* the same speaker's face eases from the node's mood into the reply's,
         * and once that is done nothing animates (the window sleeps) */
        assert_true(avatar_animating(app));
        app_finish_animations(app);
        app_draw(app);
        assert_false(avatar_animating(app));
        assert_false(app_animating(app));
        key(app, SDLK_RETURN);
        assert_false(app->coach);
        assert_string_equal(node_id(app), "m1");
        app_destroy(app);
    }
}

static void resize_relays_out_within_the_window(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    SDL_SetWindowSize(app->win, 800, 600);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    e.window.data1 = 800;
    e.window.data2 = 600;
    SDL_PushEvent(&e);
    app_step(app, false);
    assert_int_equal(app->out_w, 800);
    assert_int_equal(app->out_h, 600);
    SDL_Rect win = {0, 0, 800, 600};
    for (int i = 0; i < app->nhits; i++)
        assert_true(app->hits[i].r.w == 0 || layout_contains(win, app->hits[i].r));
    assert_int_equal(app->overflows, 0);
    click(app, ACT_CHOOSE, 1); /* still clickable where it is now drawn */
    assert_int_equal(nsteps(app), 1);
    app_destroy(app);
}

static void history_opens_with_h_and_closes_with_escape(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    key(app, SDLK_h);
    assert_int_equal(app->overlay, OVERLAY_HISTORY);
    assert_true(app->overlay_total > 0);
    key(app, SDLK_ESCAPE);
    assert_int_equal(app->overlay, OVERLAY_NONE);
    key(app, SDLK_ESCAPE);
    assert_int_equal(app->overlay, OVERLAY_PAUSE);
    key(app, SDLK_ESCAPE);
    assert_int_equal(app->overlay, OVERLAY_NONE);
    app_destroy(app);
}

static void autosave_offers_resume_and_replays_the_commands(void **state)
{
    (void)state;
    App *app = open_demo(options());
    start_and_read_intro(app);
    key(app, SDLK_1);
    app_destroy(app);
    app = open_demo(options());
    assert_int_equal(app->save_state, 1);
    click(app, ACT_RESUME_SAVE, 0);
    assert_int_equal(app->screen, SCREEN_PLAY);
    assert_int_equal(nsteps(app), 1);
    assert_string_equal(node_id(app), "april");
    app_destroy(app);
}

static void a_changed_scenario_is_not_resumed(void **state)
{
    (void)state;
    char path[400], cmd[900];
    snprintf(path, sizeof path, "%s/demo.json", tmpdir);
    snprintf(cmd, sizeof cmd, "cp tests/ui/scenarios/demo.json '%s'", path);
    assert_int_equal(system(cmd), 0);
    int code;
    Options o = options();
    App *app = app_create(&o, &code);
    assert_true(app_open_scenario(app, path));
    app_start(app, false);
    int one = 1;
    assert_int_equal(app_apply_choices(app, &one, 1), 0);
    app_destroy(app);
    snprintf(cmd, sizeof cmd, "sed -i 's/Thanks for making time/Thank you for making time/' '%s'", path);
    assert_int_equal(system(cmd), 0);
    app = app_create(&o, &code);
    assert_true(app_open_scenario(app, path));
    assert_int_equal(app->save_state, 2);
    app_destroy(app);
}

/* 62 ASCII letters then "é": the name no longer fits the window's buffer
 * byte for byte. It must be cut between characters, so the record stays
 * UTF-8 and `compel report` still reads it (it used to skip it). */
static void a_long_name_is_cut_between_characters_and_the_result_kept(void **state)
{
    (void)state;
    char results[400], name[80];
    snprintf(results, sizeof results, "%s/long-name.jsonl", tmpdir);
    memset(name, 'a', 62);
    memcpy(name + 62, "\xC3\xA9", 3);
    Options o = options();
    o.results = results;
    o.player = name;
    App *app = open_demo(o);
    app_start(app, false);
    int list[2] = {1, 1};
    assert_int_equal(app_apply_choices(app, list, 2), 0);
    assert_int_equal(app->screen, SCREEN_DEBRIEF);
    app_destroy(app);
    ResultList rl = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(results, &rl, &d), 0);
    assert_int_equal(d.warnings, 0);
    assert_int_equal(rl.count, 1);
    assert_int_equal(strlen(rl.items[0].player), 62);
    assert_int_equal(strncmp(rl.items[0].player, name, 62), 0);
    results_list_free(&rl);
    diag_list_free(&d);
}

/* Pixels in r that differ from the background (text drawn there). */
static int inked(App *app, SDL_Rect r)
{
    Uint32 *px = malloc((size_t)r.w * (size_t)r.h * 4);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(app->ren, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4), 0);
    int n = 0;
    for (int i = 0; i < r.w * r.h; i++)
        n += px[i] != px[0];
    free(px);
    return n;
}

/* The pixels text_draw leaves in a 200x60 box at (10, 10) on black; caller frees. */
static Uint32 *drawn(App *app, const char *text)
{
    SDL_Rect r = {10, 10, 200, 60};
    SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 255);
    SDL_RenderClear(app->ren);
    text_draw(app, text, FONT_BODY, (SDL_Color){255, 255, 255, 255}, r.x, r.y, r.w, 0, r, -1);
    Uint32 *px = malloc((size_t)r.w * (size_t)r.h * 4);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(app->ren, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4), 0);
    return px;
}

static bool same_pixels(App *app, const char *a, const char *b)
{
    Uint32 *pa = drawn(app, a), *pb = drawn(app, b);
    bool same = memcmp(pa, pb, 200 * 60 * 4) == 0;
    free(pa);
    free(pb);
    return same;
}

/* "李 Wei": DejaVu has no CJK, so the character used to be the missing-glyph
 * box; with a system font that has it (fontconfig; `make deps` installs
 * fonts-wqy-microhei) it must draw differently from a character no font has.
 * A TAB is drawn as a space, not as a box. */
static void a_cjk_name_draws_through_a_fallback_font_and_a_tab_is_a_space(void **state)
{
    (void)state;
    App *app = open_demo(options());
    assert_true(same_pixels(app, "a\tb", "a b"));
    if (system("fc-list ':charset=674e' 2>/dev/null | grep -q .") != 0) {
        fprintf(stderr, "skip: no system font has \xE6\x9D\x8E (make deps installs fonts-wqy-microhei)\n");
    } else {
        /* U+10FFFD is private use: no font draws it, so it is the box */
        assert_false(same_pixels(app, "\xE6\x9D\x8E Wei", "\xF4\x8F\xBF\xBD Wei"));
    }
    app_destroy(app);
}

/* A 100-line text on a scrolling page: every line is there to scroll to
 * (past line 64 the window used to draw blank space), and only the lines in
 * view are rendered. */
static void every_line_of_a_long_text_is_drawn_where_the_page_shows_it(void **state)
{
    (void)state;
    App *app = open_demo(options());
    char text[2000] = "";
    for (int i = 1; i <= 100; i++) {
        char line[24];
        snprintf(line, sizeof line, "Line %d\n", i);
        strcat(text, line);
    }
    int lh = text_line_h(app, FONT_BODY);
    SDL_Rect box = {0, 0, app->out_w, 1 << 20};
    /* the page is scrolled so that lines 81..90 fill the view */
    SDL_Rect view = {10, 100, 400, 10 * lh};
    int y = view.y - 80 * lh;
    SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 255);
    SDL_RenderClear(app->ren);
    SDL_RenderSetClipRect(app->ren, &view);
    assert_int_equal(text_draw(app, text, FONT_BODY, (SDL_Color){255, 255, 255, 255}, view.x, y, 600, 0, box, -1), 100 * lh);
    SDL_RenderSetClipRect(app->ren, NULL);
    for (int k = 0; k < 10; k++)
        if (inked(app, (SDL_Rect){view.x, view.y + k * lh, 200, lh}) == 0)
            fail_msg("line %d is blank", 81 + k);
    const TextEntry *e = text_get(app, text, FONT_BODY, (SDL_Color){255, 255, 255, 255}, 600, 0);
    assert_int_equal(e->nlines, 100);
    assert_true(e->live <= 2);   /* the chunks in view, not the whole text */
    app_destroy(app);
}

static void finishing_appends_one_result(void **state)
{
    (void)state;
    char results[400];
    snprintf(results, sizeof results, "%s/results.jsonl", tmpdir);
    Options o = options();
    o.results = results;
    o.mode = 1;
    App *app = open_demo(o);
    app_start(app, false);
    int list[2] = {1, 1};
    assert_int_equal(app_apply_choices(app, list, 2), 0);
    assert_int_equal(app->screen, SCREEN_DEBRIEF);
    app_step(app, false);
    assert_int_equal(app->overflows, 0);
    /* The picker shows this player's best result for the scenario. */
    free(app->scenarios_dir);
    app->scenarios_dir = strdup("tests/ui/scenarios");
    app_do(app, (Action){ACT_PICKER, 0});
    int demo = -1;
    for (int i = 0; i < app->nentries; i++)
        if (app->entries[i].sc && strcmp(app->entries[i].sc->id, "demo-fleet") == 0)
            demo = i;
    assert_true(demo >= 0);
    assert_int_equal(app->entries[demo].best, 100);
    app_destroy(app);
    ResultList rl = {0};
    DiagList d;
    diag_list_init(&d);
    assert_int_equal(results_read(results, &rl, &d), 0);
    assert_int_equal(rl.count, 1);
    assert_string_equal(rl.items[0].player, "Sam");
    assert_string_equal(rl.items[0].outcome, "won");
    assert_int_equal(rl.items[0].percent, 100);
    results_list_free(&rl);
    diag_list_free(&d);
}

static void a_broken_file_is_a_message_not_a_crash(void **state)
{
    (void)state;
    int code;
    Options o = options();
    App *app = app_create(&o, &code);
    assert_false(app_open_scenario(app, "tests/ui/scenarios/broken.json"));
    assert_true(strlen(app->banner) > 0);
    assert_false(app_open_scenario(app, "tests/ui/no-such-file.json"));
    app_step(app, false);
    app_destroy(app);
}

static void every_screen_keeps_text_in_its_box_at_800x600(void **state)
{
    (void)state;
    Options o = options();
    o.win_w = 800;
    o.win_h = 600;
    o.scenarios = "tests/ui/scenarios";
    for (int t = 0; t < THEME_COUNT; t++) {
        o.theme = t;
        App *app = open_demo(o);
        app_draw(app);
        assert_int_equal(app->overflows, 0); /* briefing */
        app_start(app, false);
        app_finish_animations(app);
        app_draw(app);
        assert_int_equal(app->overflows, 0); /* play */
        app_do(app, (Action){ACT_HISTORY, 0});
        app_draw(app);
        assert_int_equal(app->overflows, 0);
        app_do(app, (Action){ACT_CLOSE, 0});
        app_do(app, (Action){ACT_SETTINGS, 0});
        app_draw(app);
        assert_int_equal(app->overflows, 0);
        app_do(app, (Action){ACT_PICKER, 0});
        app->overlay = OVERLAY_NONE;
        app_draw(app);
        assert_int_equal(app->nentries, 4);
        assert_int_equal(app->overflows, 0);
        app_destroy(app);
    }
}


static void picker_arrows_and_enter_open_a_scenario(void **state)
{
    (void)state;
    Options o = options();
    o.scenarios = "tests/ui/scenarios";
    int code;
    App *app = app_create(&o, &code);
    assert_non_null(app);
    store_scan_scenarios(app);
    app_step(app, false);
    assert_int_equal(app->nentries, 4);
    key(app, SDLK_RIGHT); /* focus the first card */
    key(app, SDLK_RIGHT); /* the second */
    assert_int_equal(app->focus, 1);
    key(app, SDLK_RETURN);
    assert_int_equal(app->screen, SCREEN_BRIEFING);
    assert_string_equal(app->sc->id, app->entries[1].sc->id);
    app_destroy(app);
}

static void settings_take_typed_name_and_are_saved(void **state)
{
    (void)state;
    App *app = open_demo(options());
    app_do(app, (Action){ACT_SETTINGS, 0});
    app_step(app, false);
    key(app, SDLK_BACKSPACE); /* "Sam" -> "Sa" */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    strcpy(e.text.text, "ë");
    SDL_PushEvent(&e);
    app_step(app, false);
    assert_string_equal(app->set.player, "Saë");
    key(app, SDLK_DOWN);  /* to the mode row */
    key(app, SDLK_RIGHT); /* practice -> assessment */
    assert_true(app->set.assessment);
    key(app, SDLK_ESCAPE); /* closes and saves */
    assert_int_equal(app->overlay, OVERLAY_NONE);
    app_destroy(app);
    char path[400];
    snprintf(path, sizeof path, "%s/compel/settings.json", tmpdir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char buf[512] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_non_null(strstr(buf, "Saë"));
    assert_non_null(strstr(buf, "assessment"));
}

/* How many texts the last frame laid out (its text log) equal text; *r (when given) gets
 * the first one's rectangle. */
static int laid_out(const App *app, const char *text, SDL_Rect *r)
{
    int n = 0;
    for (int i = 0; i < app->ndrawn; i++)
        if (strcmp(app->drawn[i].text, text) == 0 && n++ == 0 && r)
            *r = app->drawn[i].r;
    return n;
}

/* tests/ui/variants/answers.json: the hub says one thing after the question
 * about how she orders (its variant, in a thoughtful mood) and another after
 * the demo. The window draws the wording for this visit, never the other,
 * and after the choice the buyer's reply, in her voice and the reply's
 * mood, beneath what the player said and before the hub. */
static void the_window_draws_the_variant_for_the_visit_and_the_reply_after_the_choice(void **state)
{
    (void)state;
    static const char *const base = "So what does your screen do, then?";
    static const char *const variant = "Sundays are the part I would gladly give up. Could you take that off me?";
    static const char *const said[] = {"You said: \xE2\x80\x9CHow do you work out next month's orders today?\xE2\x80\x9D",
                                       "You said: \xE2\x80\x9CLet me show you our ordering screen first.\xE2\x80\x9D"};
    static const char *const reply[] = {"With a spreadsheet and a long Sunday evening, every month.",
                                        "If it is quick. I have a delivery at ten."};
    static const char *const reply_mood[] = {"Buyer, Quinn Hardware \xC2\xB7 frustrated",
                                             "Buyer, Quinn Hardware \xC2\xB7 curious"};
    for (int k = 0; k < 2; k++) {
        Options o = options();
        int code = 0;
        App *app = app_create(&o, &code);
        assert_non_null(app);
        app->log_texts = true;
        assert_true(app_open_scenario(app, "tests/ui/variants/answers.json"));
        app_start(app, false);
        app_finish_animations(app);
        app_draw(app);
        assert_int_equal(laid_out(app, "You asked for ten minutes, Sam. What did you want to talk about?", NULL), 1);
        key(app, k == 0 ? SDLK_1 : SDLK_2);
        assert_true(app->coach);
        app_finish_animations(app);
        app_draw(app);
        SDL_Rect rs = {0, 0, 0, 0}, rr = rs;
        assert_int_equal(laid_out(app, said[k], &rs), 1);
        assert_int_equal(laid_out(app, reply[k], &rr), 1);
        assert_int_equal(laid_out(app, reply_mood[k], NULL), 1);
        assert_true(rs.y + rs.h <= rr.y);                 /* the answer comes after what was said */
        assert_true(inked(app, rr) > 0);                  /* and is on screen, in pixels */
        assert_int_equal(laid_out(app, reply[1 - k], NULL), 0);
        assert_int_equal(laid_out(app, base, NULL) + laid_out(app, variant, NULL), 0);   /* the hub waits */
        key(app, SDLK_RETURN);
        assert_false(app->coach);
        app_finish_animations(app);
        app_draw(app);
        assert_string_equal(node_id(app), "hub");
        SDL_Rect rt = {0, 0, 0, 0};
        const char *want = k == 0 ? variant : base;
        assert_int_equal(laid_out(app, want, &rt), 1);
        assert_true(inked(app, rt) > 0);
        assert_int_equal(laid_out(app, k == 0 ? base : variant, NULL), 0);
        assert_int_equal(laid_out(app, "Buyer, Quinn Hardware \xC2\xB7 thoughtful", NULL), k == 0);
        app_destroy(app);
    }
}

static void the_wheel_scrolls_the_history(void **state)
{
    (void)state;
    Options o = options();
    o.win_w = 640;
    o.win_h = 480;
    o.text_scale = 2.0;
    App *app = open_demo(o);
    app_start(app, false);
    int list[1] = {1};
    assert_int_equal(app_apply_choices(app, list, 1), 0);
    app_do(app, (Action){ACT_HISTORY, 0});
    app_step(app, false);
    app_do(app, (Action){ACT_HOME, 0});
    app_step(app, false);
    assert_int_equal(app->overlay_scroll, 0);
    assert_true(app->overlay_total > app->overlay_view);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = -1;
    SDL_PushEvent(&e);
    app_step(app, false);
    assert_true(app->overlay_scroll > 0);
    app_destroy(app);
}

static void type(App *app, const char *text)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof e.text.text, "%s", text);
    SDL_PushEvent(&e);
    app_step(app, false);
}

/* The learning-records panel: reached from the settings, typed into, checked,
 * and saved to lrs.conf (owner-only, the lines it does not know kept). */
static void learning_records_are_set_in_the_window(void **state)
{
    (void)state;
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "%s/config/compel", tmpdir);
    snprintf(path, sizeof path, "mkdir -p '%s'", dir);
    assert_int_equal(system(path), 0);
    snprintf(path, sizeof path, "%s/lrs.conf", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# our department's store\nlearner = old.id\ntimeout = 9\n", f);
    fclose(f);
    App *app = open_demo(options());
    assert_string_equal(app->ident.learner, "old.id");
    app_do(app, (Action){ACT_SETTINGS, 0});
    for (int i = 0; i < 5; i++)
        key(app, SDLK_DOWN);                 /* name, mode, theme, size, full screen, records */
    key(app, SDLK_RETURN);
    assert_int_equal(app->overlay, OVERLAY_RECORDS);
    assert_int_equal(app->records_row, 0);   /* the learner id, ready to type */
    for (int i = 0; i < 6; i++)
        key(app, SDLK_BACKSPACE);
    type(app, "sam.k");
    key(app, SDLK_TAB);
    key(app, SDLK_TAB);                      /* past the e-mail, to the URL */
    assert_int_equal(app->records_row, 2);
    type(app, "ftp://nope");
    key(app, SDLK_ESCAPE);                   /* refused: the panel stays, saying why */
    assert_int_equal(app->overlay, OVERLAY_RECORDS);
    assert_non_null(strstr(app->records_error, "URL"));
    app_draw(app);
    assert_int_equal(app->overflows, 0);
    for (int i = 0; i < 10; i++)
        key(app, SDLK_BACKSPACE);
    type(app, "http://127.0.0.1:9/xAPI");
    assert_string_equal(app->records_error, "");   /* typing clears the complaint */
    key(app, SDLK_TAB);
    type(app, "key1");
    key(app, SDLK_TAB);
    type(app, "s\xC3\xAB" "cret");                 /* the secret is drawn as dots */
    app_draw(app);
    assert_int_equal(app->overflows, 0);
    key(app, SDLK_ESCAPE);                   /* saved and applied */
    assert_int_equal(app->overlay, OVERLAY_SETTINGS);
    assert_string_equal(app->ident.learner, "sam.k");
    assert_non_null(app->lrs);
    assert_string_equal(app->lrs->url, "http://127.0.0.1:9/xAPI");
    size_t len;
    FileStatus fs;
    char why[200];
    char *text = file_read_all(path, 1 << 16, &len, &fs, why, sizeof why);
    assert_non_null(text);
    assert_non_null(strstr(text, "# our department's store\n"));
    assert_non_null(strstr(text, "timeout = 9\n"));
    assert_non_null(strstr(text, "learner = sam.k\n"));
    assert_null(strstr(text, "old.id"));
    assert_non_null(strstr(text, "url = http://127.0.0.1:9/xAPI\n"));
    assert_non_null(strstr(text, "key = key1\n"));
    assert_non_null(strstr(text, "secret = s\xC3\xAB" "cret\n"));
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* the command line and `compel run` read the same file */
    LrsConfig c;
    char err[300];
    unsetenv("COMPEL_LRS_KEY");
    unsetenv("COMPEL_LRS_SECRET");
    assert_int_equal(lrs_setup(&c, NULL, NULL, err, sizeof err), 0);
    assert_string_equal(c.key, "key1");
    app_destroy(app);
}

/* Launched by an LMS (cmi5): one scenario, one attempt; nothing on screen or
 * on the keyboard leads to another scenario or a second try. */
static void an_lms_launch_allows_one_attempt(void **state)
{
    (void)state;
    App *app = open_demo(options());
    static char token;
    app->cmi5 = (UiCmi5 *)(void *)&token;   /* only "launched or not" is looked at here */
    app_start(app, false);
    app_do(app, (Action){ACT_PICKER, 0});
    assert_int_equal(app->screen, SCREEN_PLAY);
    const Node *before = session_node(app->ses);
    app_do(app, (Action){ACT_RESTART, 0});
    app_do(app, (Action){ACT_START, 0});
    assert_ptr_equal(session_node(app->ses), before);
    app_do(app, (Action){ACT_BACK, 0});      /* the pause menu: no restart, no way back to the picker */
    app_draw(app);
    for (int i = 0; i < app->nhits; i++)
        assert_true(app->hits[i].act.kind != ACT_RESTART && app->hits[i].act.kind != ACT_PICKER);
    app->cmi5 = NULL;
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(choose_by_number_key_then_coach_then_continue, setup, teardown),
        cmocka_unit_test_setup_teardown(a_cjk_name_draws_through_a_fallback_font_and_a_tab_is_a_space, setup, teardown),
        cmocka_unit_test_setup_teardown(every_line_of_a_long_text_is_drawn_where_the_page_shows_it, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_name_is_cut_between_characters_and_the_result_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(choose_by_clicking_a_choice_button, setup, teardown),
        cmocka_unit_test_setup_teardown(arrows_and_enter_choose_the_focused_choice, setup, teardown),
        cmocka_unit_test_setup_teardown(undo_returns_to_the_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(assessment_mode_has_no_coach_and_no_undo, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reply_shows_before_the_next_node_in_both_modes, setup, teardown),
        cmocka_unit_test_setup_teardown(the_window_draws_the_variant_for_the_visit_and_the_reply_after_the_choice, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(resize_relays_out_within_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(history_opens_with_h_and_closes_with_escape, setup, teardown),
        cmocka_unit_test_setup_teardown(autosave_offers_resume_and_replays_the_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(a_changed_scenario_is_not_resumed, setup, teardown),
        cmocka_unit_test_setup_teardown(finishing_appends_one_result, setup, teardown),
        cmocka_unit_test_setup_teardown(a_broken_file_is_a_message_not_a_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(every_screen_keeps_text_in_its_box_at_800x600, setup, teardown),
        cmocka_unit_test_setup_teardown(picker_arrows_and_enter_open_a_scenario, setup, teardown),
        cmocka_unit_test_setup_teardown(settings_take_typed_name_and_are_saved, setup, teardown),
        cmocka_unit_test_setup_teardown(learning_records_are_set_in_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(an_lms_launch_allows_one_attempt, setup, teardown),
        cmocka_unit_test_setup_teardown(the_wheel_scrolls_the_history, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
