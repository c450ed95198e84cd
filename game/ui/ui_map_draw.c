/* ui_map_draw.c - drawing the conversation map (state and input: ui_map.c).
 * Every kind of node has its own outline, so nothing rests on colour:
 * decisions are rounded boxes, narration (next) nodes ellipses, routes
 * diamonds, endings double octagons, setbacks carry a thick border and a
 * warning triangle, the start an extra ring. The player's path is a solid
 * line over the edges, the best path a dashed line beside it. Filled shapes
 * go to the renderer as one batch of triangles per frame. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/grow.h"
#include "ui_map.h"

static SDL_Color mix(SDL_Color a, SDL_Color b, double t)
{
    return (SDL_Color){(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t),
                       (Uint8)(a.b + (b.b - a.b) * t), 255};
}

/* ---- the triangle batch ---- */

static int vertex(MapView *mv, float x, float y, SDL_Color c)
{
    if (!GROW(&mv->vtx, &mv->vcap, mv->nvtx + 1))
        return -1;
    mv->vtx[mv->nvtx] = (SDL_Vertex){{x, y}, c, {0, 0}};
    return mv->nvtx++;
}

static void triangle(MapView *mv, int a, int b, int c)
{
    if (a < 0 || b < 0 || c < 0 || !GROW(&mv->idx, &mv->icap, mv->nidx + 3))
        return;
    mv->idx[mv->nidx++] = a;
    mv->idx[mv->nidx++] = b;
    mv->idx[mv->nidx++] = c;
}

/* A convex polygon, filled. */
static void fill_poly(MapView *mv, const SDL_FPoint *p, int n, SDL_Color c)
{
    int first = vertex(mv, p[0].x, p[0].y, c);
    for (int i = 1; i < n; i++)
        vertex(mv, p[i].x, p[i].y, c);
    for (int i = 1; first >= 0 && i + 1 < n; i++)
        triangle(mv, first, first + i, first + i + 1);
}

/* A line w pixels wide from a to b, as a quad. */
static void thick_segment(MapView *mv, SDL_FPoint a, SDL_FPoint b, float w, SDL_Color c)
{
    float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f)
        return;
    float nx = -dy / len * w / 2, ny = dx / len * w / 2;
    int v0 = vertex(mv, a.x + nx, a.y + ny, c), v1 = vertex(mv, b.x + nx, b.y + ny, c);
    int v2 = vertex(mv, b.x - nx, b.y - ny, c), v3 = vertex(mv, a.x - nx, a.y - ny, c);
    triangle(mv, v0, v1, v2);
    triangle(mv, v0, v2, v3);
}

static void thick_outline(MapView *mv, const SDL_FPoint *p, int n, float w, SDL_Color c)
{
    for (int i = 0; i < n; i++)
        thick_segment(mv, p[i], p[(i + 1) % n], w, c);
}

static void flush(App *app, MapView *mv)
{
    if (mv->nidx > 0) {
        SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
        SDL_RenderGeometry(app->ren, NULL, mv->vtx, mv->nvtx, mv->idx, mv->nidx);
    }
    mv->nvtx = mv->nidx = 0;
}

/* ---- shapes ---- */

#define SHAPE_MAX 28
#define MAP_MAX_POINTS 256   /* an edge with more samples is not drawn (none comes near) */

/* cos and sin of 24 steps round a circle, then of 6 steps along a quarter. */
static const float ring24[24][2] = {
    {1.0000f, 0.0000f}, {0.9659f, 0.2588f}, {0.8660f, 0.5000f}, {0.7071f, 0.7071f}, {0.5000f, 0.8660f},
    {0.2588f, 0.9659f}, {0.0000f, 1.0000f}, {-0.2588f, 0.9659f}, {-0.5000f, 0.8660f}, {-0.7071f, 0.7071f},
    {-0.8660f, 0.5000f}, {-0.9659f, 0.2588f}, {-1.0000f, 0.0000f}, {-0.9659f, -0.2588f}, {-0.8660f, -0.5000f},
    {-0.7071f, -0.7071f}, {-0.5000f, -0.8660f}, {-0.2588f, -0.9659f}, {0.0000f, -1.0000f}, {0.2588f, -0.9659f},
    {0.5000f, -0.8660f}, {0.7071f, -0.7071f}, {0.8660f, -0.5000f}, {0.9659f, -0.2588f}};
static const float quarter6[6][2] = {{1.0000f, 0.0000f}, {0.9511f, 0.3090f}, {0.8090f, 0.5878f},
                                     {0.5878f, 0.8090f}, {0.3090f, 0.9511f}, {0.0000f, 1.0000f}};

/* Below this half width in pixels a node is drawn with fewer points: the
 * curves are too small to see, the kinds stay apart by their outlines. */
#define SHAPE_FINE 10.0f
/* ... and below this one as a dot. */
#define SHAPE_TINY 4.0f

/* The outline of a node of kind k centred at (x, y), a and b its half sizes. */
static int shape_points(NodeKind k, float x, float y, float a, float b, SDL_FPoint *p)
{
    int n = 0;
    bool fine = a >= SHAPE_FINE;
    if (k == NODE_ROUTE) {
        p[n++] = (SDL_FPoint){x, y - b};
        p[n++] = (SDL_FPoint){x + a, y};
        p[n++] = (SDL_FPoint){x, y + b};
        p[n++] = (SDL_FPoint){x - a, y};
    } else if (k == NODE_ENDING) {
        float ca = a * 0.42f, cb = b * 0.42f;
        SDL_FPoint o[8] = {{x - ca, y - b}, {x + ca, y - b}, {x + a, y - cb}, {x + a, y + cb},
                           {x + ca, y + b}, {x - ca, y + b}, {x - a, y + cb}, {x - a, y - cb}};
        memcpy(p, o, sizeof o);
        n = 8;
    } else if (k == NODE_NEXT) {
        for (int i = 0; i < 24; i += fine ? 1 : 3)
            p[n++] = (SDL_FPoint){x + a * ring24[i][0], y + b * ring24[i][1]};
    } else if (!fine) {   /* a small decision: a box */
        SDL_FPoint o[4] = {{x - a, y - b}, {x + a, y - b}, {x + a, y + b}, {x - a, y + b}};
        memcpy(p, o, sizeof o);
        n = 4;
    } else {   /* a decision: a box with rounded corners, clockwise from the top right */
        float r = (a < b ? a : b) * 0.45f;
        const float cxs[4] = {x + a - r, x + a - r, x - a + r, x - a + r};
        const float cys[4] = {y - b + r, y + b - r, y + b - r, y - b + r};
        const float sx[4] = {1, 1, -1, -1}, sy[4] = {-1, 1, 1, -1};
        for (int c = 0; c < 4; c++)
            for (int s = 0; s < 6; s++) {
                /* the quarter's cosine and sine, swapped at corners 0 and 2 */
                float ux = quarter6[s][1 - c % 2], uy = quarter6[s][c % 2];
                p[n++] = (SDL_FPoint){cxs[c] + sx[c] * r * ux, cys[c] + sy[c] * r * uy};
            }
    }
    return n;
}

static void outline(App *app, const SDL_FPoint *p, int n, SDL_Color c)
{
    SDL_FPoint loop[SHAPE_MAX + 1];
    memcpy(loop, p, (size_t)n * sizeof *p);
    loop[n] = p[0];
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, 255);
    SDL_RenderDrawLinesF(app->ren, loop, n + 1);
}

/* The warning triangle a setback carries at its top left corner. */
static void setback_mark(MapView *mv, float x, float y, float s, SDL_Color c)
{
    SDL_FPoint t[3] = {{x, y - s}, {x + s * 0.9f, y + s * 0.6f}, {x - s * 0.9f, y + s * 0.6f}};
    fill_poly(mv, t, 3, c);
}

/* One node's shape (fill into the batch, outline drawn now). */
static void node_fill(App *app, MapView *mv, const Node *n, SDL_FPoint c, float a, float b)
{
    const Theme *th = app->th;
    SDL_FPoint p[SHAPE_MAX];
    int np = shape_points(n->kind, c.x, c.y, a, b, p);
    SDL_Color fill = th->surface;
    if (n->kind == NODE_ENDING)
        fill = mix(th->surface, n->outcome == OUTCOME_WON ? th->good : n->outcome == OUTCOME_LOST ? th->bad : th->muted, 0.3);
    fill_poly(mv, p, np, fill);
}

static void node_lines(App *app, MapView *mv, int i, const Node *n, SDL_FPoint c, float a, float b)
{
    const Theme *th = app->th;
    SDL_FPoint p[SHAPE_MAX];
    int np = shape_points(n->kind, c.x, c.y, a, b, p);
    bool mine = mv->mine.on && mv->mine.on[i];
    if (n->setback)
        thick_outline(mv, p, np, (float)ui_px(app, 3), th->bad);
    else if (mine)
        thick_outline(mv, p, np, (float)ui_px(app, 2), th->accent);
    else
        outline(app, p, np, th->muted);
    if (n->kind == NODE_ENDING && a > 6 && b > 6) {   /* the second octagon */
        float in = (float)ui_px(app, 3);
        np = shape_points(n->kind, c.x, c.y, a - in, b - in, p);
        outline(app, p, np, mine ? th->accent : th->muted);
    }
    if (i == mv->sc->start) {   /* the start: one more ring */
        float out = (float)ui_px(app, 3);
        np = shape_points(n->kind, c.x, c.y, a + out, b + out, p);
        outline(app, p, np, th->text);
    }
    if (n->setback) {
        float s = fminf((float)ui_px(app, 7), b * 1.2f);
        setback_mark(mv, c.x - a + s * 0.3f, c.y - b + s * 0.2f, s, th->bad);
    }
}

/* ---- edges and paths ---- */

/* Whether any of an edge's box, grown by slack pixels, is in the view. */
static bool edge_in_view(const MapView *mv, const MapEdge *e, float slack)
{
    SDL_FPoint p0 = map_to_screen(mv, e->lo), p1 = map_to_screen(mv, e->hi);
    return p1.x >= mv->view.x - slack && p0.x <= mv->view.x + mv->view.w + slack && p1.y >= mv->view.y - slack &&
           p0.y <= mv->view.y + mv->view.h + slack;
}

/* An edge's curve on screen, leaving out points closer than step pixels to
 * the last one kept (the end is always kept): a zoomed-out map draws a few
 * segments per edge, not every sample. Returns the points written to buf. */
static int edge_points(const MapView *mv, const MapEdge *e, float step, SDL_FPoint *buf)
{
    float z = (float)mv->zoom;
    float ox = (float)(mv->view.x + mv->view.w / 2.0 - mv->cx * mv->zoom);
    float oy = (float)(mv->view.y + mv->view.h / 2.0 - mv->cy * mv->zoom);
    if ((e->hi.x - e->lo.x) * z < step * 2 && (e->hi.y - e->lo.y) * z < step * 2) {   /* a short one: its chord */
        buf[0] = (SDL_FPoint){ox + e->pts[0].x * z, oy + e->pts[0].y * z};
        buf[1] = (SDL_FPoint){ox + e->pts[e->npts - 1].x * z, oy + e->pts[e->npts - 1].y * z};
        return 2;
    }
    int n = 0;
    for (int k = 0; k < e->npts; k++) {
        SDL_FPoint p = {ox + e->pts[k].x * z, oy + e->pts[k].y * z};
        if (n > 0 && k + 1 < e->npts) {
            float dx = p.x - buf[n - 1].x, dy = p.y - buf[n - 1].y;
            if (dx * dx + dy * dy < step * step)
                continue;
        }
        buf[n++] = p;
    }
    return n;
}

/* The arrowhead at the end of an edge (into the batch). */
static void arrowhead(MapView *mv, const SDL_FPoint *pts, int n, float size, SDL_Color c)
{
    if (n < 2)
        return;
    SDL_FPoint tip = pts[n - 1], from = pts[n - 2];
    float dx = tip.x - from.x, dy = tip.y - from.y, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f)
        return;
    dx /= len;
    dy /= len;
    SDL_FPoint t[3] = {tip, {tip.x - dx * size - dy * size * 0.45f, tip.y - dy * size + dx * size * 0.45f},
                       {tip.x - dx * size + dy * size * 0.45f, tip.y - dy * size - dx * size * 0.45f}};
    fill_poly(mv, t, 3, c);
}

/* A path's edges as a line w wide, shifted sideways by off pixels; dash > 0
 * draws dashes of that length. */
static void path_line(MapView *mv, const MapPath *path, float w, float off, float dash, SDL_Color c)
{
    SDL_FPoint buf[MAP_MAX_POINTS];
    for (int i = 0; i < path->nedges; i++) {
        const MapEdge *e = &mv->lay.edges[path->edges[i]];
        if (e->npts > MAP_MAX_POINTS || !edge_in_view(mv, e, w + off))
            continue;
        int n = edge_points(mv, e, w, buf);
        float run = 0;
        for (int k = 0; k + 1 < n; k++) {
            SDL_FPoint a = buf[k], b = buf[k + 1];
            float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
            if (len < 0.01f)
                continue;
            float nx = -dy / len * off, ny = dx / len * off;
            a.x += nx; a.y += ny; b.x += nx; b.y += ny;
            if (dash <= 0) {
                thick_segment(mv, a, b, w, c);
                continue;
            }
            for (float t = 0; t < len;) {   /* dashes that carry on across segments */
                float phase = fmodf(run, 2 * dash), piece = (phase < dash ? dash - phase : 2 * dash - phase);
                float t1 = t + piece < len ? t + piece : len;
                if (phase < dash)
                    thick_segment(mv, (SDL_FPoint){a.x + dx * t / len, a.y + dy * t / len},
                                  (SDL_FPoint){a.x + dx * t1 / len, a.y + dy * t1 / len}, w, c);
                run += t1 - t;
                t = t1;
            }
        }
    }
}

/* ---- the side panel: the hot node's text and choices ---- */

/* Text with {player} filled in (the caller frees; never NULL but out of memory). */
static char *filled(const App *app, const char *text)
{
    return compel_format_text(text, app->ses ? session_player(app->ses) : app->set.player);
}

static void node_panel(App *app, MapView *mv, int i)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Scenario *sc = mv->sc;
    const Node *n = &sc->nodes[i];
    int w = ui_px(app, 380);
    if (w > mv->view.w - 2 * m->gap)
        w = mv->view.w - 2 * m->gap;
    int pad = m->gap;
    int iw = w - 2 * pad;
    char head[256], line[1024];
    static const char *const kinds[] = {"decision", "narration", "route", "ending"};
    if (n->kind == NODE_ENDING)
        snprintf(head, sizeof head, "%s \xC2\xB7 ending, %s%s", n->id, outcome_name(n->outcome), n->setback ? " \xC2\xB7 setback" : "");
    else if (n->kind == NODE_CHOICES && n->skill >= 0)
        snprintf(head, sizeof head, "%s \xC2\xB7 decision, %s%s", n->id, sc->skills[n->skill].label, n->setback ? " \xC2\xB7 setback" : "");
    else
        snprintf(head, sizeof head, "%s \xC2\xB7 %s%s", n->id, kinds[n->kind], n->setback ? " \xC2\xB7 setback" : "");
    char *text = n->kind == NODE_ENDING && n->ending_text ? filled(app, n->ending_text)
                 : n->text ? filled(app, n->text) : NULL;
    if (text && *text)
        snprintf(line, sizeof line, "%s: %s", n->speaker >= 0 ? sc->characters[n->speaker].name : "Narrator", text);
    else
        line[0] = '\0';
    free(text);
    /* measure, then draw */
    int h = pad + text_height(app, head, FONT_BOLD, iw, 2);
    if (line[0])
        h += m->gap / 2 + text_height(app, line, FONT_SMALL, iw, 5);
    char rows[COMPEL_MAX_CHOICES][512];
    int nrows = 0;
    for (int k = 0; n->kind == NODE_CHOICES && k < n->nchoices && nrows < COMPEL_MAX_CHOICES; k++) {
        const Choice *c = &n->choices[k];
        char *ct = filled(app, c->text);
        const char *shown = ct ? ct : "";
        if (n->skill >= 0)
            snprintf(rows[nrows++], sizeof rows[0], "%d. %s (%+d) \xE2\x86\x92 %s%s", k + 1, shown, c->points,
                     sc->nodes[c->next].id, c->when ? " [if ...]" : "");
        else
            snprintf(rows[nrows++], sizeof rows[0], "%d. %s \xE2\x86\x92 %s%s", k + 1, shown, sc->nodes[c->next].id,
                     c->when ? " [if ...]" : "");
        free(ct);
    }
    for (int k = 0; n->kind == NODE_ROUTE && k < n->nroute && nrows < COMPEL_MAX_CHOICES; k++)
        snprintf(rows[nrows++], sizeof rows[0], "%s \xE2\x86\x92 %s", n->route[k].when ? "if ..." : n->route[k].chance > 0 ? "by chance" : "otherwise",
                 sc->nodes[n->route[k].next].id);
    if (n->kind == NODE_NEXT)
        snprintf(rows[nrows++], sizeof rows[0], "then \xE2\x86\x92 %s", sc->nodes[n->next].id);
    char marks[128] = "";
    bool mine = mv->mine.on && mv->mine.on[i], best = mv->best.on && mv->best.on[i];
    if (mine || best)
        snprintf(marks, sizeof marks, "%s%s%s", mine ? "On your path" : "", mine && best ? " \xC2\xB7 " : "",
                 best ? "On the best path" : "");
    for (int r = 0; r < nrows; r++)
        h += ui_px(app, 3) + text_height(app, rows[r], FONT_SMALL, iw, 2);
    if (marks[0])
        h += m->gap / 2 + text_line_h(app, FONT_SMALL);
    h += pad;
    int maxh = mv->view.h - 2 * m->gap;
    if (h > maxh)
        h = maxh;
    SDL_Rect panel = {mv->view.x + mv->view.w - w - m->gap, mv->view.y + m->gap, w, h};
    draw_panel(app, panel);
    SDL_Rect box = {panel.x + pad, panel.y + pad, iw, panel.h - 2 * pad};
    SDL_RenderSetClipRect(app->ren, &panel);
    int x = box.x, y = box.y;
    y += text_draw(app, head, FONT_BOLD, th->text, x, y, iw, 2, box, -1);
    if (line[0])
        y += m->gap / 2 + text_draw(app, line, FONT_SMALL, th->text, x, y + m->gap / 2, iw, 5, box, -1);
    for (int r = 0; r < nrows && y < box.y + box.h; r++)
        y += ui_px(app, 3) + text_draw(app, rows[r], FONT_SMALL, th->muted, x, y + ui_px(app, 3), iw, 2, box, -1);
    if (marks[0] && y + text_line_h(app, FONT_SMALL) <= box.y + box.h)
        text_draw(app, marks, FONT_SMALL, th->accent, x, y + m->gap / 2, iw, 1, box, -1);
    SDL_RenderSetClipRect(app->ren, NULL);
}

/* ---- the legend: each mark drawn as on the map, with its word ---- */

typedef struct LegendItem { int kind; const char *label; } LegendItem;   /* kind: NodeKind, or 4 setback, 5 yours, 6 best */

static int legend_item_w(App *app, const LegendItem *it)
{
    return ui_px(app, 26) + text_width(app, it->label, FONT_SMALL) + app->m.gap;
}

static void legend_mark(App *app, MapView *mv, int kind, SDL_Rect r)
{
    const Theme *th = app->th;
    float cx = (float)r.x + r.w / 2.0f, cy = (float)r.y + r.h / 2.0f, a = r.w / 2.0f, b = r.h / 2.0f;
    if (kind <= NODE_ENDING) {
        Node n;
        memset(&n, 0, sizeof n);
        n.kind = (NodeKind)kind;
        n.outcome = OUTCOME_STALLED;
        node_fill(app, mv, &n, (SDL_FPoint){cx, cy}, a, b);
        flush(app, mv);
        SDL_FPoint p[SHAPE_MAX];
        int np = shape_points(n.kind, cx, cy, a, b, p);
        outline(app, p, np, th->muted);
        if (kind == NODE_ENDING) {
            np = shape_points(n.kind, cx, cy, a - 2, b - 2, p);
            outline(app, p, np, th->muted);
        }
    } else if (kind == 4) {
        setback_mark(mv, cx, cy, b, th->bad);
    } else {
        float y = cy;
        SDL_Color c = kind == 5 ? th->accent : th->good;
        float dash = kind == 5 ? 0 : (float)ui_px(app, 4);
        for (float x = (float)r.x; x < r.x + r.w; x += dash > 0 ? 2 * dash : (float)r.w)
            thick_segment(mv, (SDL_FPoint){x, y}, (SDL_FPoint){dash > 0 ? x + dash : x + r.w, y},
                          (float)ui_px(app, kind == 5 ? 4 : 3), c);
    }
    flush(app, mv);
}

/* The legend rows from (x, y) within width w; returns the height (draw false: measure). */
static int legend(App *app, MapView *mv, int x, int y, int w, bool draw)
{
    char best[64];
    if (mv->best.found)
        snprintf(best, sizeof best, "best path (%d%%)", mv->best_percent);
    else
        snprintf(best, sizeof best, "best path (none found)");
    const LegendItem items[] = {{NODE_CHOICES, "decision"}, {NODE_NEXT, "narration"}, {NODE_ROUTE, "route"},
                                {NODE_ENDING, "ending"},    {4, "setback"},           {5, "your path"},
                                {6, best}};
    int lh = text_line_h(app, FONT_SMALL), cx = x, cy = y;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        int iw = legend_item_w(app, &items[i]);
        if (cx > x && cx + iw > x + w) {
            cx = x;
            cy += lh + ui_px(app, 4);
        }
        if (draw) {
            SDL_Rect mark = {cx, cy + lh / 2 - ui_px(app, 6), ui_px(app, 20), ui_px(app, 12)};
            legend_mark(app, mv, items[i].kind, mark);
            SDL_Rect box = {cx, cy, iw, lh};
            text_draw(app, items[i].label, FONT_SMALL, app->th->muted, cx + ui_px(app, 24), cy, 0, 1, box, -1);
        }
        cx += iw;
    }
    return cy + lh - y;
}

/* Widths of the node and edge labels, measured once per font size. */
static void measure_labels(App *app, MapView *mv)
{
    if (mv->tw_px == app->font_px[FONT_SMALL])
        return;
    mv->tw_px = app->font_px[FONT_SMALL];
    for (int i = 0; i < mv->sc->nnodes; i++)
        mv->node_tw[i] = -1;
    for (int e = 0; e < mv->lay.nedges; e++)
        mv->edge_tw[e] = -1;
}

static int node_tw(App *app, MapView *mv, int i)
{
    if (mv->node_tw[i] < 0)
        mv->node_tw[i] = text_width(app, mv->sc->nodes[i].id, FONT_SMALL);
    return mv->node_tw[i];
}

/* An edge's label where Graphviz left room for it: the whole label when it
 * fits at this zoom, else the choice's number when there is room for one. */
static void edge_label(App *app, MapView *mv, int e, SDL_FPoint at, int lh)
{
    const MapEdge *me = &mv->lay.edges[e];
    float z = (float)mv->zoom;
    if (!me->label || me->label_w * z < lh * 1.5f)
        return;
    if (mv->edge_tw[e] < 0)
        mv->edge_tw[e] = text_width(app, me->label, FONT_SMALL);
    int tw = mv->edge_tw[e];
    const char *shown = me->label;
    char num[16];
    if (tw > me->label_w * z * 1.15f || me->label_h * z < lh * 0.7f) {
        if (me->choice < 0 || mv->sc->nodes[me->from].kind != NODE_CHOICES)
            return;
        snprintf(num, sizeof num, "%d", me->choice + 1);
        shown = num;
        tw = text_width(app, num, FONT_SMALL);
    }
    SDL_Rect box = {(int)(at.x - tw / 2.0f) - 1, (int)(at.y - lh / 2.0f) - 1, tw + 2, lh + 2};
    text_draw(app, shown, FONT_SMALL, app->th->muted, box.x + 1, box.y + 1, 0, 1, box, -1);
}

/* The map itself: edges, labels, paths and nodes, in mv->view. */
static void draw_layer(App *app, MapView *mv)
{
    const Theme *th = app->th;
    const Scenario *sc = mv->sc;
    float z = (float)mv->zoom;
    float vx0 = (float)mv->view.x, vy0 = (float)mv->view.y, vx1 = vx0 + mv->view.w, vy1 = vy0 + mv->view.h;

    /* edges, thin, with their arrowheads */
    SDL_FPoint buf[MAP_MAX_POINTS];
    SDL_SetRenderDrawColor(app->ren, th->muted.r, th->muted.g, th->muted.b, 255);
    float arrow = 7.0f * z < (float)ui_px(app, 3) ? (float)ui_px(app, 3) : 7.0f * z > (float)ui_px(app, 10) ? (float)ui_px(app, 10) : 7.0f * z;
    for (int e = 0; e < mv->lay.nedges; e++) {
        const MapEdge *me = &mv->lay.edges[e];
        if (me->npts < 2 || me->npts > MAP_MAX_POINTS)
            continue;
        if (!edge_in_view(mv, me, arrow))
            continue;
        int n = edge_points(mv, me, 2.0f, buf);
        SDL_RenderDrawLinesF(app->ren, buf, n);
        if (7.0f * z >= (float)ui_px(app, 3))   /* smaller heads would be specks */
            arrowhead(mv, buf, n, arrow, th->muted);
    }
    flush(app, mv);
    measure_labels(app, mv);
    int lh = text_line_h(app, FONT_SMALL);
    for (int e = 0; e < mv->lay.nedges; e++) {
        SDL_FPoint at = map_to_screen(mv, mv->lay.edges[e].label_at);
        if (at.x > vx0 - 300 && at.x < vx1 + 300 && at.y > vy0 - lh && at.y < vy1 + lh)
            edge_label(app, mv, e, at, lh);
    }

    /* the two paths: the best one dashed beside, the player's solid over */
    float pw = (float)ui_px(app, 4);
    if (mv->best.found)
        path_line(mv, &mv->best, (float)ui_px(app, 3), pw + (float)ui_px(app, 1), (float)ui_px(app, 7), th->good);
    if (mv->mine.found)
        path_line(mv, &mv->mine, pw, 0, 0, th->accent);
    flush(app, mv);

    /* nodes: fills in one batch, then outlines and marks, then labels */
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < sc->nnodes; i++) {
            const MapNode *nd = &mv->lay.nodes[i];
            SDL_FPoint c = map_to_screen(mv, (MapPoint){nd->x, nd->y});
            float a = nd->w * z / 2, b = nd->h * z / 2;
            if (c.x + a < vx0 || c.x - a > vx1 || c.y + b < vy0 || c.y - b > vy1)
                continue;
            const Node *n = &sc->nodes[i];
            if (a < SHAPE_TINY) {   /* a dot: no outline to tell apart at this size */
                int k = n->setback ? 2 : mv->mine.on && mv->mine.on[i] ? 1 : 0;
                a = fmaxf(a, 1.5f);
                b = fmaxf(b, 1.5f);
                if (pass == 0 && GROW(&mv->dots[k], &mv->dcap[k], mv->ndots[k] + 1))
                    mv->dots[k][mv->ndots[k]++] = (SDL_FRect){c.x - a, c.y - b, 2 * a, 2 * b};
                continue;
            }
            if (pass == 0) {
                node_fill(app, mv, n, c, a, b);
            } else if (pass == 1) {
                node_lines(app, mv, i, n, c, a, b);
            } else if (2 * b > lh && 2 * a > lh * 2) {
                int tw = node_tw(app, mv, i);
                if (tw + ui_px(app, 8) <= 2 * a * (n->kind == NODE_CHOICES ? 1.0f : n->kind == NODE_NEXT ? 0.9f : 0.75f)) {
                    SDL_Rect box = {(int)(c.x - a), (int)(c.y - b), (int)(2 * a) + 1, (int)(2 * b) + 1};
                    text_draw(app, n->id, FONT_SMALL, th->text, (int)(c.x - tw / 2.0f), (int)(c.y - lh / 2.0f), 0, 1,
                              box, -1);
                }
            }
        }
        flush(app, mv);
        if (pass == 0) {
            const SDL_Color dot[3] = {th->muted, th->accent, th->bad};
            for (int k = 0; k < 3; k++) {
                SDL_SetRenderDrawColor(app->ren, dot[k].r, dot[k].g, dot[k].b, 255);
                if (mv->ndots[k] > 0)
                    SDL_RenderFillRectsF(app->ren, mv->dots[k], mv->ndots[k]);
                mv->ndots[k] = 0;
            }
        }
    }
}

/* The drawn map is kept in a texture once the view has stayed the same for
 * two frames, so a frame that only moves the hover or the focus copies it
 * back in one blit; while the view moves (a drag, a zoom) it is drawn
 * straight to the screen. When the renderer cannot keep a texture, the map
 * is drawn every frame. */
static void remember_view(const App *app, MapView *mv)
{
    mv->layer_zoom = mv->zoom;
    mv->layer_cx = mv->cx;
    mv->layer_cy = mv->cy;
    mv->layer_view = mv->view;
    mv->layer_theme = app->th;
    mv->layer_px = app->font_px[FONT_SMALL];
}

static bool same_view(const App *app, const MapView *mv)
{
    return mv->layer_zoom == mv->zoom && mv->layer_cx == mv->cx && mv->layer_cy == mv->cy &&
           SDL_RectEquals(&mv->layer_view, &mv->view) && mv->layer_theme == app->th &&
           mv->layer_px == app->font_px[FONT_SMALL];
}

/* Draw the map into the layer texture; false when there is none to draw in. */
static bool layer_make(App *app, MapView *mv)
{
    int w = 0, h = 0;
    if (mv->layer)
        SDL_QueryTexture(mv->layer, NULL, NULL, &w, &h);
    if (!mv->layer || w != mv->view.w || h != mv->view.h) {
        if (mv->layer)
            SDL_DestroyTexture(mv->layer);
        /* the window's own pixel format, copied without blending: a plain blit */
        Uint32 fmt = SDL_GetWindowPixelFormat(app->win);
        if (fmt == SDL_PIXELFORMAT_UNKNOWN)
            fmt = SDL_PIXELFORMAT_ARGB8888;
        mv->layer = SDL_CreateTexture(app->ren, fmt, SDL_TEXTUREACCESS_TARGET, mv->view.w, mv->view.h);
        if (!mv->layer)
            mv->layer = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, mv->view.w, mv->view.h);
        if (mv->layer)
            SDL_SetTextureBlendMode(mv->layer, SDL_BLENDMODE_NONE);
    }
    SDL_Texture *old = SDL_GetRenderTarget(app->ren);
    if (!mv->layer || SDL_SetRenderTarget(app->ren, mv->layer) != 0)
        return false;
    const Theme *th = app->th;
    SDL_SetRenderDrawColor(app->ren, th->bg.r, th->bg.g, th->bg.b, 255);
    SDL_RenderClear(app->ren);
    SDL_Rect view = mv->view;
    mv->view.x = mv->view.y = 0;   /* the texture's origin is the view's corner */
    SDL_Rect clip = {1, 1, view.w - 2, view.h - 2};
    SDL_RenderSetClipRect(app->ren, &clip);
    draw_layer(app, mv);
    SDL_RenderSetClipRect(app->ren, NULL);
    mv->view = view;
    SDL_SetRenderTarget(app->ren, old);
    return true;
}

static void map_body(App *app, MapView *mv)
{
    bool same = same_view(app, mv);
    if (!(same && mv->layer_ok)) {
        mv->layer_ok = same && layer_make(app, mv);
        remember_view(app, mv);
    }
    if (mv->layer_ok) {
        SDL_RenderCopy(app->ren, mv->layer, NULL, &mv->view);
        return;
    }
    SDL_Rect clip = {mv->view.x + 1, mv->view.y + 1, mv->view.w - 2, mv->view.h - 2};
    SDL_RenderSetClipRect(app->ren, &clip);
    draw_layer(app, mv);
    SDL_RenderSetClipRect(app->ren, NULL);
}

void map_flush(App *app)
{
    if (app->map)
        app->map->layer_ok = false;
}

void screen_map(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    MapView *mv = app->map;
    if (!mv || !app->sc)
        return;
    int x = m->pad, w = m->w - 2 * m->pad;
    int bh = text_line_h(app, FONT_BOLD) + m->gap;
    int bw = text_width(app, "Back", FONT_BOLD) + 3 * m->gap;
    int fw = text_width(app, "Fit", FONT_BOLD) + 3 * m->gap;
    int top = m->pad;
    draw_header(app, x, top, w - bw - fw - 2 * m->gap, "Conversation map", app->sc->title);
    draw_button(app, (SDL_Rect){x + w - bw - fw - m->gap, top, fw, bh}, "Fit", (Action){ACT_MAP_FIT, 0}, 0);
    draw_button(app, (SDL_Rect){x + w - bw, top, bw, bh}, "Back", (Action){ACT_CLOSE, 0}, 1);
    int head_h = text_line_h(app, FONT_H2) + text_line_h(app, FONT_SMALL) + m->gap;
    if (head_h < bh + m->gap)
        head_h = bh + m->gap;
    const char *hint = "Wheel or + and \xE2\x88\x92 zoom \xC2\xB7 drag or arrows pan \xC2\xB7 0 fits \xC2\xB7 "
                       "Tab moves between nodes \xC2\xB7 Esc goes back";
    int hint_h = text_height(app, hint, FONT_SMALL, w, 2);
    int leg_h = legend(app, mv, x, 0, w, false);
    int foot = leg_h + m->gap / 2 + hint_h;
    mv->view = (SDL_Rect){x, top + head_h, w, m->h - m->pad - foot - m->gap - (top + head_h)};
    draw_frame(app, mv->view, th->border, 1);
    int fy = mv->view.y + mv->view.h + m->gap;
    legend(app, mv, x, fy, w, true);
    text_draw(app, hint, FONT_SMALL, th->muted, x, fy + leg_h + m->gap / 2, w, 2,
              (SDL_Rect){x, fy + leg_h, w, hint_h + m->gap}, -1);
    if (!mv->ready) {
        char msg[320];
        snprintf(msg, sizeof msg, "No map: %s", mv->error[0] ? mv->error : "the layout failed");
        draw_notice(app, mv->view.x + m->gap, mv->view.y + m->gap, mv->view.w - 2 * m->gap, msg, true);
        return;
    }
    if (!mv->fitted)
        map_fit(mv);
    map_body(app, mv);
    float z = (float)mv->zoom;
    SDL_Rect clip = {mv->view.x + 1, mv->view.y + 1, mv->view.w - 2, mv->view.h - 2};
    SDL_RenderSetClipRect(app->ren, &clip);
    /* the hot node: a focus ring, and its panel */
    int hot = map_hot_node(mv);
    if (hot >= 0) {
        const MapNode *nd = &mv->lay.nodes[hot];
        SDL_FPoint c = map_to_screen(mv, (MapPoint){nd->x, nd->y});
        float a = fmaxf(nd->w * z / 2, 3) + (float)ui_px(app, 5), b = fmaxf(nd->h * z / 2, 3) + (float)ui_px(app, 5);
        SDL_FPoint ring[4] = {{c.x - a, c.y - b}, {c.x + a, c.y - b}, {c.x + a, c.y + b}, {c.x - a, c.y + b}};
        thick_outline(mv, ring, 4, (float)ui_px(app, 2), th->accent);
        flush(app, mv);
        SDL_RenderSetClipRect(app->ren, NULL);
        node_panel(app, mv, hot);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
}
