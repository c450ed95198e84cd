/* ui_map.c - the conversation map screen: the scenario laid out by Graphviz
 * (graph_layout.c, the layout `compel graph --svg` writes), the player's
 * path and the best path traced over it, zoom and pan by mouse and keys, and
 * a node's text and choices on hover or keyboard focus. Opened from the
 * debrief and from the inspector; it decides nothing about the playthrough.
 * The layout and the best path are made when the map first opens for a
 * scenario and kept until that scenario is closed. Drawing: ui_map_draw.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/analysis.h"
#include "ui_map.h"

static void path_free(MapPath *p)
{
    free(p->edges);
    free(p->on);
    memset(p, 0, sizeof *p);
}

/* The edges a session's trail took: a decision's edge is its chosen choice's,
 * any other node's the one to the next node on the trail. */
static void path_from_session(const MapView *mv, const Session *s, MapPath *out)
{
    const Scenario *sc = mv->sc;
    int ntrail, nsteps;
    const int *trail = session_trail(s, &ntrail);
    const Step *steps = session_steps(s, &nsteps);
    out->on = calloc((size_t)sc->nnodes, sizeof *out->on);
    out->edges = malloc((size_t)(ntrail > 0 ? ntrail : 1) * sizeof *out->edges);
    if (!out->on || !out->edges) {
        path_free(out);
        return;
    }
    out->found = ntrail > 0;
    int si = 0;
    for (int p = 0; p < ntrail; p++) {
        out->on[trail[p]] = true;
        if (p + 1 == ntrail)
            break;
        int choice = -1;
        while (si < nsteps && steps[si].path_pos < p)
            si++;
        if (si < nsteps && steps[si].path_pos == p)
            choice = steps[si].choice;
        int e = map_layout_edge(&mv->lay, trail[p], trail[p + 1], choice);
        if (e < 0)
            e = map_layout_edge(&mv->lay, trail[p], trail[p + 1], -1);
        if (e >= 0)
            out->edges[out->nedges++] = e;
    }
}

/* The best-scoring path from the start, as the analyzer finds it (its
 * budget kept small: the map opens at once and says when it is an estimate). */
static void best_path(App *app, MapView *mv)
{
    Analysis an;
    AnalysisOptions ao = {.max_states = 200000, .samples = 0, .max_seconds = 1.0};
    if (analysis_run(mv->sc, &ao, &an) != 0)
        return;
    if (an.best.found) {
        uint64_t seed = an.best.has_seed ? an.best.seed : (app->ses ? session_seed(app->ses) : 1);
        Session *s = session_create(mv->sc, seed, "");
        if (s) {
            for (int i = 0; i < an.best.nchoices; i++) {
                Command c = {COMMAND_CHOOSE, an.best.choices[i]};
                if (session_play(s, &c, 1) != 1)
                    break;
            }
            session_settle(s);
            path_from_session(mv, s, &mv->best);
            session_destroy(s);
        }
        mv->best_percent = an.best.percent;
    }
    analysis_free(&an);
}

/* Tab's order: by rank (top to bottom), then left to right. */
typedef struct RankKey { float y, x; int node; } RankKey;

static int by_rank(const void *a, const void *b)
{
    const RankKey *p = a, *q = b;
    if (fabsf(p->y - q->y) > 1.0f)
        return p->y < q->y ? -1 : 1;
    return (p->x > q->x) - (p->x < q->x);
}

/* Lay the open scenario out (once), and the best path over it. */
static bool prepare(App *app, MapView *mv)
{
    if (mv->sc == app->sc && (mv->ready || mv->error[0]))
        return mv->ready;
    mv->sc = app->sc;
    if (map_layout_create(app->sc, &mv->lay, mv->error, sizeof mv->error) != 0) {
        if (!mv->error[0])
            snprintf(mv->error, sizeof mv->error, "the map could not be laid out");
        return false;
    }
    int n = app->sc->nnodes;
    mv->order = malloc((size_t)n * sizeof *mv->order);
    RankKey *keys = malloc((size_t)n * sizeof *keys);
    if (!mv->order || !keys) {
        free(keys);
        snprintf(mv->error, sizeof mv->error, "out of memory");
        return false;
    }
    for (int i = 0; i < n; i++)
        keys[i] = (RankKey){mv->lay.nodes[i].y, mv->lay.nodes[i].x, i};
    qsort(keys, (size_t)n, sizeof *keys, by_rank);
    for (int i = 0; i < n; i++)
        mv->order[i] = keys[i].node;
    free(keys);
    mv->node_tw = malloc((size_t)n * sizeof *mv->node_tw);
    mv->edge_tw = malloc((size_t)(mv->lay.nedges > 0 ? mv->lay.nedges : 1) * sizeof *mv->edge_tw);
    if (!mv->node_tw || !mv->edge_tw) {
        snprintf(mv->error, sizeof mv->error, "out of memory");
        return false;
    }
    mv->tw_px = -1;
    best_path(app, mv);
    mv->ready = true;
    return true;
}

void map_forget(App *app)
{
    MapView *mv = app->map;
    if (!mv)
        return;
    map_layout_free(&mv->lay);
    path_free(&mv->mine);
    path_free(&mv->best);
    free(mv->order);
    free(mv->node_tw);
    free(mv->edge_tw);
    for (int k = 0; k < 3; k++)
        free(mv->dots[k]);
    if (mv->layer)
        SDL_DestroyTexture(mv->layer);
    free(mv->vtx);
    free(mv->idx);
    free(mv);
    app->map = NULL;
}

void map_open(App *app)
{
    if (!app->sc)
        return;
    if (app->map && app->map->sc != app->sc)
        map_forget(app);
    if (!app->map) {
        app->map = calloc(1, sizeof *app->map);
        if (!app->map)
            return;
        app->map->focus = app->map->hover = -1;
    }
    MapView *mv = app->map;
    if (app->screen != SCREEN_MAP) {
        mv->back = app->screen;
        mv->back_overlay = app->overlay;
    }
    if (prepare(app, mv)) {
        path_free(&mv->mine);
        if (app->ses)
            path_from_session(mv, app->ses, &mv->mine);
    }
    mv->fitted = false;
    mv->focus = mv->hover = -1;
    mv->drag = false;
    app_set_screen(app, SCREEN_MAP);
}

void map_close(App *app)
{
    MapView *mv = app->map;
    Screen back = mv ? mv->back : SCREEN_PICKER;
    Overlay over = mv ? mv->back_overlay : OVERLAY_NONE;
    app_set_screen(app, back);
    app->overlay = over;
}

double map_fit_zoom(const MapView *mv)
{
    double w = mv->lay.w + 24, h = mv->lay.h + 24;
    double zx = mv->view.w / w, zy = mv->view.h / h;
    return zx < zy ? zx : zy;
}

SDL_FPoint map_to_screen(const MapView *mv, MapPoint p)
{
    return (SDL_FPoint){(float)(mv->view.x + mv->view.w / 2.0 + (p.x - mv->cx) * mv->zoom),
                        (float)(mv->view.y + mv->view.h / 2.0 + (p.y - mv->cy) * mv->zoom)};
}

MapPoint map_from_screen(const MapView *mv, float x, float y)
{
    return (MapPoint){(float)(mv->cx + (x - mv->view.x - mv->view.w / 2.0) / mv->zoom),
                      (float)(mv->cy + (y - mv->view.y - mv->view.h / 2.0) / mv->zoom)};
}

int map_node_at(const MapView *mv, int x, int y)
{
    if (!mv->ready || x < mv->view.x || y < mv->view.y || x >= mv->view.x + mv->view.w || y >= mv->view.y + mv->view.h)
        return -1;
    MapPoint p = map_from_screen(mv, (float)x, (float)y);
    float slack = (float)(3.0 / mv->zoom);   /* a few pixels round tiny nodes */
    for (int i = 0; i < mv->sc->nnodes; i++) {
        const MapNode *n = &mv->lay.nodes[i];
        if (fabsf(p.x - n->x) <= n->w / 2 + slack && fabsf(p.y - n->y) <= n->h / 2 + slack)
            return i;
    }
    return -1;
}

int map_hot_node(const MapView *mv)
{
    if (mv->focus >= 0)
        return mv->order[mv->focus];
    return mv->hover;
}

/* Zoom by factor about screen point (x, y), which stays where it is. */
static void zoom_at(MapView *mv, double factor, float x, float y)
{
    double fit = map_fit_zoom(mv);
    double lo = fit < 0.05 ? fit : 0.05, hi = 4.0;
    if (lo > fit * 0.5)
        lo = fit * 0.5;
    double z = mv->zoom * factor;
    z = z < lo ? lo : z > hi ? hi : z;
    MapPoint p = map_from_screen(mv, x, y);
    mv->zoom = z;
    MapPoint q = map_from_screen(mv, x, y);
    mv->cx += p.x - q.x;
    mv->cy += p.y - q.y;
}

void map_fit(MapView *mv)
{
    mv->zoom = map_fit_zoom(mv);
    mv->cx = mv->lay.w / 2.0;
    mv->cy = mv->lay.h / 2.0;
    mv->fitted = true;
}

/* Move the focus by dir over Tab's order, and bring the node into view. */
static void focus_step(MapView *mv, int dir)
{
    int n = mv->sc->nnodes;
    if (mv->focus < 0)
        mv->focus = dir > 0 ? 0 : n - 1;
    else
        mv->focus = (mv->focus + dir + n) % n;
    const MapNode *nd = &mv->lay.nodes[mv->order[mv->focus]];
    SDL_FPoint s = map_to_screen(mv, (MapPoint){nd->x, nd->y});
    float mx = (float)mv->view.w / 6, my = (float)mv->view.h / 6;
    if (s.x < mv->view.x + mx || s.x > mv->view.x + mv->view.w - mx || s.y < mv->view.y + my ||
        s.y > mv->view.y + mv->view.h - my) {
        mv->cx = nd->x;
        mv->cy = nd->y;
    }
}

void map_bench_pan(App *app, int frame)
{
    MapView *mv = app->map;
    if (!mv || !mv->ready || !mv->fitted)
        return;
    mv->zoom = 1.0;
    /* 4 pixels a frame along the drawing's longer side, back and forth */
    bool down = mv->lay.h - mv->view.h > mv->lay.w - mv->view.w;
    double len = down ? mv->lay.h : mv->lay.w, win = down ? mv->view.h : mv->view.w;
    int steps = len > win ? (int)((len - win) / 4) + 1 : 1, k = frame % (2 * steps);
    double at = win / 2.0 + 4.0 * (k < steps ? k : 2 * steps - k);
    mv->cx = down ? mv->lay.w / 2.0 : at;
    mv->cy = down ? at : mv->lay.h / 2.0;
    app->dirty = true;
}

bool map_on_event(App *app, const SDL_Event *e)
{
    MapView *mv = app->map;
    if (!mv || !mv->ready || !mv->fitted)
        return false;
    float cx = (float)(mv->view.x + mv->view.w / 2.0), cy = (float)(mv->view.y + mv->view.h / 2.0);
    double step = 60.0 / mv->zoom * app->m.scale;   /* an arrow key pans 60 pixels */
    switch (e->type) {
    case SDL_KEYDOWN: {
        SDL_Keycode k = e->key.keysym.sym;
        bool shift = (e->key.keysym.mod & KMOD_SHIFT) != 0;
        if (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS)
            zoom_at(mv, 1.25, cx, cy);
        else if (k == SDLK_MINUS || k == SDLK_KP_MINUS)
            zoom_at(mv, 0.8, cx, cy);
        else if (k == SDLK_0 || k == SDLK_KP_0)
            map_fit(mv);
        else if (k == SDLK_LEFT)
            mv->cx -= step;
        else if (k == SDLK_RIGHT)
            mv->cx += step;
        else if (k == SDLK_UP)
            mv->cy -= step;
        else if (k == SDLK_DOWN)
            mv->cy += step;
        else if (k == SDLK_TAB)
            focus_step(mv, shift ? -1 : 1);
        else if (k == SDLK_ESCAPE || k == SDLK_m)
            map_close(app);
        else
            return false;
        app->dirty = true;
        return true;
    }
    case SDL_MOUSEWHEEL: {
        if (e->wheel.y == 0)
            return true;
        zoom_at(mv, e->wheel.y > 0 ? 1.2 : 1 / 1.2, (float)app->mouse_x, (float)app->mouse_y);
        app->dirty = true;
        return true;
    }
    case SDL_MOUSEBUTTONDOWN: {
        int x = (int)lround(e->button.x * app->dpi), y = (int)lround(e->button.y * app->dpi);
        if (e->button.button != SDL_BUTTON_LEFT || x < mv->view.x || y < mv->view.y ||
            x >= mv->view.x + mv->view.w || y >= mv->view.y + mv->view.h)
            return false;
        mv->drag = true;
        mv->dragged = false;
        mv->drag_x = x;
        mv->drag_y = y;
        return true;
    }
    case SDL_MOUSEBUTTONUP: {
        if (!mv->drag || e->button.button != SDL_BUTTON_LEFT)
            return false;
        mv->drag = false;
        if (!mv->dragged) {
            /* a click: focus the node under it (or nothing) */
            int node = map_node_at(mv, mv->drag_x, mv->drag_y);
            mv->focus = -1;
            for (int i = 0; node >= 0 && i < mv->sc->nnodes; i++)
                if (mv->order[i] == node)
                    mv->focus = i;
        }
        app->dirty = true;
        return true;
    }
    case SDL_MOUSEMOTION: {
        int x = (int)lround(e->motion.x * app->dpi), y = (int)lround(e->motion.y * app->dpi);
        if (mv->drag) {
            int dx = x - mv->drag_x, dy = y - mv->drag_y;
            if (mv->dragged || dx * dx + dy * dy > 16) {
                mv->cx -= dx / mv->zoom;
                mv->cy -= dy / mv->zoom;
                mv->drag_x = x;
                mv->drag_y = y;
                mv->dragged = true;
                app->dirty = true;
            }
        }
        int h = map_node_at(mv, x, y);
        if (h != mv->hover) {
            mv->hover = h;
            app->dirty = true;
        }
        return false;   /* buttons still learn where the mouse is */
    }
    default:
        return false;
    }
}
