/* test_ui_map.c - the conversation map under the dummy video driver: it
 * opens from the debrief (M) and from the inspector, goes back where it came
 * from, lays nodes out where `compel graph --svg` puts them, traces the
 * player's path edge by edge, and zooms, pans, fits and focuses by keys and
 * mouse. COMPEL_MAP_SHOT=FILE.bmp saves the focused, zoomed map (docs). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../game/ui/ui.h"
#include "../game/ui/ui_map.h"
#include "tmpdir.h"

/* The group's folder, and the window under the dummy driver. */
static int setup(void **state)
{
    if (tmpdir_setup(state) != 0)
        return -1;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("XDG_DATA_HOME", tmpdir, 1);
    setenv("HOME", tmpdir, 1);
    setenv("COMPEL_ASSETS", "assets", 1);
    return 0;
}

static App *open_file(const char *path, int w, int h)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.mode = o.theme = o.fullscreen = -1;
    o.win_w = w;
    o.win_h = h;
    o.have_seed = true;
    o.seed = 7;
    o.player = "Sam";
    o.headless = true;
    o.no_save = true;
    int code = 0;
    App *app = app_create(&o, &code);
    assert_non_null(app);
    assert_true(app_open_scenario(app, path));
    app_step(app, false);
    return app;
}

static void push(App *app, SDL_Event *e)
{
    SDL_PushEvent(e);
    app_step(app, false);
}

static void key(App *app, SDL_Keycode k, uint16_t mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.keysym.mod = mod;
    push(app, &e);
}

static void play(App *app, const char *list)
{
    app_start(app, false);
    int choices[32], n = 0;
    for (const char *p = list; *p; p++)
        if (*p >= '1' && *p <= '9')
            choices[n++] = *p - '0';
    assert_int_equal(app_apply_choices(app, choices, n), 0);
    app_finish_animations(app);
    app_step(app, false);
}

static void the_debrief_opens_the_map_and_escape_goes_back(void **state)
{
    (void)state;
    App *app = open_file("tests/ui/scenarios/demo.json", 1280, 720);
    play(app, "1,1");
    app->screen = SCREEN_DEBRIEF;
    app->dirty = true;
    app_step(app, false);
    key(app, SDLK_m, 0);
    assert_int_equal(app->screen, SCREEN_MAP);
    assert_non_null(app->map);
    assert_true(app->map->ready);
    assert_true(app->map->fitted);   /* drawn once */
    key(app, SDLK_ESCAPE, 0);
    assert_int_equal(app->screen, SCREEN_DEBRIEF);
    app_destroy(app);
}

static void the_inspector_opens_the_map_and_back_returns_to_it(void **state)
{
    (void)state;
    App *app = open_file("tests/ui/scenarios/demo.json", 1280, 720);
    play(app, "1");
    app->screen = SCREEN_PLAY;
    key(app, SDLK_F2, 0);
    assert_int_equal(app->overlay, OVERLAY_INSPECT);
    key(app, SDLK_m, 0);
    assert_int_equal(app->screen, SCREEN_MAP);
    assert_int_equal(app->overlay, OVERLAY_NONE);
    /* the Back button */
    int back = -1;
    for (int i = 0; i < app->nhits; i++)
        if (app->hits[i].act.kind == ACT_CLOSE)
            back = i;
    assert_true(back >= 0);
    app_do(app, app->hits[back].act);
    assert_int_equal(app->screen, SCREEN_PLAY);
    assert_int_equal(app->overlay, OVERLAY_INSPECT);
    app_destroy(app);
}

/* The player's path: one edge per step of the trail, each from the trail's
 * node to the next, a decision's edge being its chosen choice's. */
static void the_players_path_follows_the_trail_edge_by_edge(void **state)
{
    (void)state;
    App *app = open_file("tests/ui/scenarios/demo.json", 1280, 720);
    play(app, "3,3");   /* open -> april (choice 3) -> cfo -> stalled (choice 3) */
    map_open(app);
    const MapView *mv = app->map;
    int ntrail;
    const int *trail = session_trail(app->ses, &ntrail);
    assert_int_equal(mv->mine.nedges, ntrail - 1);
    for (int i = 0; i + 1 < ntrail; i++) {
        const MapEdge *e = &mv->lay.edges[mv->mine.edges[i]];
        assert_int_equal(e->from, trail[i]);
        assert_int_equal(e->to, trail[i + 1]);
    }
    int open = scenario_find_node(app->sc, "open");
    const MapEdge *first = NULL;
    for (int i = 0; i < mv->mine.nedges; i++)
        if (mv->lay.edges[mv->mine.edges[i]].from == open)
            first = &mv->lay.edges[mv->mine.edges[i]];
    assert_non_null(first);
    assert_int_equal(first->choice, 2);   /* the third choice, not the first one to april */
    assert_true(mv->mine.on[scenario_find_node(app->sc, "stalled")]);
    assert_false(mv->mine.on[scenario_find_node(app->sc, "won")]);
    /* the best path ends where 100% does: the won ending */
    assert_true(mv->best.found);
    assert_int_equal(mv->best_percent, 100);
    assert_true(mv->best.on[scenario_find_node(app->sc, "won")]);
    app_destroy(app);
}

/* The map's node centres are the SVG's: every ellipse node (a "next" node)
 * sits at the same place up to one shift of the whole drawing. */
static void nodes_sit_where_the_svg_puts_them(void **state)
{
    (void)state;
    App *app = open_file("scenarios/harbor-fresh.json", 1280, 720);
    map_open(app);
    const MapView *mv = app->map;
    char *svg = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&svg, &len);
    char err[256];
    assert_int_equal(graph_write_svg(mem, app->sc, err, sizeof err), 0);
    fclose(mem);
    int checked = 0;
    double dx = 0, dy = 0;
    for (const char *p = strstr(svg, "<title>"); p; p = strstr(p + 1, "<title>")) {
        char id[128];
        if (sscanf(p, "<title>%127[^<]</title>", id) != 1 || strstr(id, "&#45;&gt;"))
            continue;   /* an edge */
        for (char *d; (d = strstr(id, "&#45;")) != NULL;)   /* SVG writes '-' as &#45; */
            memmove(d + 1, d + 5, strlen(d + 5) + 1), *d = '-';
        int i = scenario_find_node(app->sc, id);
        const char *el = strstr(p, "<ellipse"), *next = strstr(p + 1, "<title>");
        if (i < 0 || app->sc->nodes[i].kind != NODE_NEXT || !el || (next && el > next))
            continue;
        double cx, cy;
        assert_int_equal(sscanf(strstr(el, "cx="), "cx=\"%lf\" cy=\"%lf\"", &cx, &cy), 2);
        double ox = cx - mv->lay.nodes[i].x, oy = cy - mv->lay.nodes[i].y;
        if (checked == 0) {
            dx = ox;
            dy = oy;
        }
        assert_true(ox - dx < 0.5 && dx - ox < 0.5);
        assert_true(oy - dy < 0.5 && dy - oy < 0.5);
        checked++;
    }
    assert_true(checked >= 3);
    free(svg);
    app_destroy(app);
}

static void keys_and_mouse_zoom_pan_fit_and_focus(void **state)
{
    (void)state;
    App *app = open_file("scenarios/harbor-fresh.json", 1920, 1080);
    play(app, "1,1,1");
    app->screen = SCREEN_DEBRIEF;
    map_open(app);
    app_step(app, false);
    MapView *mv = app->map;
    double fit = mv->zoom;
    assert_true(fit > 0);
    key(app, SDLK_PLUS, 0);
    assert_true(mv->zoom > fit * 1.2);
    key(app, SDLK_MINUS, 0);
    assert_true(mv->zoom < fit * 1.01 && mv->zoom > fit * 0.99);
    key(app, SDLK_PLUS, 0);
    double cx = mv->cx, cy = mv->cy;
    key(app, SDLK_RIGHT, 0);
    assert_true(mv->cx > cx);
    key(app, SDLK_DOWN, 0);
    assert_true(mv->cy > cy);
    key(app, SDLK_0, 0);
    assert_true(mv->zoom == fit);
    /* the wheel zooms about the mouse: the point under it stays put */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = mv->view.x + mv->view.w / 4;
    e.motion.y = mv->view.y + mv->view.h / 3;
    push(app, &e);
    MapPoint before = map_from_screen(mv, (float)e.motion.x, (float)e.motion.y);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = 1;
    push(app, &e);
    assert_true(mv->zoom > fit);
    MapPoint after = map_from_screen(mv, (float)(mv->view.x + mv->view.w / 4), (float)(mv->view.y + mv->view.h / 3));
    assert_true(before.x - after.x < 0.5f && after.x - before.x < 0.5f);
    /* a drag moves the drawing with the mouse */
    cx = mv->cx;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = mv->view.x + 200;
    e.button.y = mv->view.y + 200;
    push(app, &e);
    e.type = SDL_MOUSEMOTION;
    e.motion.x = mv->view.x + 300;
    e.motion.y = mv->view.y + 200;
    e.motion.state = SDL_BUTTON_LMASK;
    push(app, &e);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = mv->view.x + 300;
    e.button.y = mv->view.y + 200;
    push(app, &e);
    assert_true(mv->cx < cx - 100 / mv->zoom + 1);
    /* Tab walks the nodes top to bottom and shows the first one's panel */
    key(app, SDLK_TAB, 0);
    assert_int_equal(map_hot_node(mv), mv->order[0]);
    key(app, SDLK_TAB, 0);
    assert_int_equal(map_hot_node(mv), mv->order[1]);
    key(app, SDLK_TAB, KMOD_SHIFT);
    assert_int_equal(map_hot_node(mv), mv->order[0]);
    assert_true(mv->lay.nodes[mv->order[0]].y <= mv->lay.nodes[mv->order[1]].y + 1);
    assert_int_equal(app->overflows, 0);
    app_destroy(app);
}

/* For the documentation: harbor-fresh zoomed in on a decision on the path,
 * its panel open (only when COMPEL_MAP_SHOT names a file). */
static void a_zoomed_map_with_a_panel_draws_in_its_boxes(void **state)
{
    (void)state;
    const char *shot = getenv("COMPEL_MAP_SHOT");
    int w = 1920, h = 1080;
    const char *size = getenv("COMPEL_MAP_SHOT_SIZE");
    if (size)
        sscanf(size, "%dx%d", &w, &h);
    App *app = open_file("scenarios/harbor-fresh.json", w, h);
    play(app, "2,1,1,1,1,1");
    app->screen = SCREEN_DEBRIEF;
    map_open(app);
    app_step(app, false);
    MapView *mv = app->map;
    for (int i = 0; i < 6; i++)
        key(app, SDLK_TAB, 0);
    for (int i = 0; i < 5; i++)
        key(app, SDLK_PLUS, 0);
    int hot = map_hot_node(mv);
    mv->cx = mv->lay.nodes[hot].x;
    mv->cy = mv->lay.nodes[hot].y;
    app_draw(app);
    assert_int_equal(app->overflows, 0);
    if (shot) {
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, app->out_w, app->out_h, 32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(s);
        assert_int_equal(SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch), 0);
        assert_int_equal(SDL_SaveBMP(s, shot), 0);
        SDL_FreeSurface(s);
    }
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_debrief_opens_the_map_and_escape_goes_back),
        cmocka_unit_test(the_inspector_opens_the_map_and_back_returns_to_it),
        cmocka_unit_test(the_players_path_follows_the_trail_edge_by_edge),
        cmocka_unit_test(nodes_sit_where_the_svg_puts_them),
        cmocka_unit_test(keys_and_mouse_zoom_pan_fit_and_focus),
        cmocka_unit_test(a_zoomed_map_with_a_panel_draws_in_its_boxes),
    };
    return cmocka_run_group_tests(tests, setup, tmpdir_teardown);
}
