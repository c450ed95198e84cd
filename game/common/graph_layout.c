/* graph_layout.c - graph_dot.c's DOT text laid out by Graphviz's own library
 * (libgvc, the `dot` engine): written as SVG for `compel graph --svg`, and
 * read back as node boxes and edge curves for the window's conversation map,
 * so the picture an author exports and the map they browse are one layout.
 * The core never sees Graphviz; only this file includes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "compel/graphout.h"

/* One Graphviz context for the whole process, made on first use and never
 * freed. Graphviz 2.42's text layout plugin remembers the last font name it
 * measured as a pointer into the context's font table; freeing the context
 * and laying out again in a new one (the window's map of a reloaded
 * scenario, a second `graph --svg` in a test) reads freed memory (AddressSanitizer
 * finds it in textspan_size). A context that lives on keeps that name valid.
 * Not thread-safe: every layout happens on the main thread. */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* The scenario's DOT graph, parsed and laid out in gvc; NULL with a reason. */
static Agraph_t *laid_out(GVC_t *gvc, const Scenario *sc, char *err, size_t errcap)
{
    char *dot = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&dot, &len);
    if (!mem) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    graph_write_dot(mem, sc);
    if (fclose(mem) != 0 || !dot) {
        free(dot);
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    Agraph_t *g = agmemread(dot);
    free(dot);
    if (!g) {
        snprintf(err, errcap, "Graphviz could not read the graph");
        return NULL;
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        agclose(g);
        snprintf(err, errcap, "Graphviz could not lay out the graph (is its dot plugin installed?)");
        return NULL;
    }
    return g;
}

static void release(GVC_t *gvc, Agraph_t *g)
{
    if (g) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
}

int graph_write_svg(FILE *out, const Scenario *sc, char *err, size_t errcap)
{
    GVC_t *gvc = context();
    Agraph_t *g = gvc ? laid_out(gvc, sc, err, errcap) : NULL;
    if (!gvc)
        snprintf(err, errcap, "Graphviz could not start");
    int rc = -1;
    char *svg = NULL;
    unsigned int n = 0;
    if (!g)
        ;
    else if (gvRenderData(gvc, g, "svg", &svg, &n) != 0 || !svg)
        snprintf(err, errcap, "Graphviz could not draw the graph as SVG");
    else if (fwrite(svg, 1, n, out) != n || fflush(out) != 0)
        snprintf(err, errcap, "cannot write the SVG");
    else
        rc = 0;
    if (svg)
        gvFreeRenderData(svg);
    release(gvc, g);
    return rc;
}

/* Points along one edge's splines, y turned downward, in the drawing's frame. */
typedef struct Frame { double x0, y1; } Frame;

static MapPoint at(Frame f, pointf p)
{
    return (MapPoint){(float)(p.x - f.x0), (float)(f.y1 - p.y)};
}

#define CURVE_STEPS 8

/* Sample the edge's cubic Bezier pieces into a polyline that ends at the
 * arrow's tip. Returns false when out of memory. */
static bool sample_edge(Agedge_t *e, Frame f, MapEdge *out)
{
    const splines *spl = ED_spl(e);
    int cap = 2;
    for (int b = 0; spl && b < spl->size; b++)
        cap += spl->list[b].size / 3 * CURVE_STEPS + 3;
    out->pts = malloc((size_t)cap * sizeof *out->pts);
    if (!out->pts)
        return false;
    out->npts = 0;
    for (int b = 0; spl && b < spl->size; b++) {
        const bezier *bz = &spl->list[b];
        if (bz->size < 1)
            continue;
        if (bz->sflag)
            out->pts[out->npts++] = at(f, bz->sp);
        out->pts[out->npts++] = at(f, bz->list[0]);
        for (int i = 0; i + 3 < bz->size; i += 3) {
            pointf p0 = bz->list[i], p1 = bz->list[i + 1], p2 = bz->list[i + 2], p3 = bz->list[i + 3];
            for (int s = 1; s <= CURVE_STEPS; s++) {
                double t = (double)s / CURVE_STEPS, u = 1 - t;
                pointf q = {u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                            u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y};
                out->pts[out->npts++] = at(f, q);
            }
        }
        if (bz->eflag)
            out->pts[out->npts++] = at(f, bz->ep);
    }
    for (int k = 0; k < out->npts; k++) {
        const MapPoint *p = &out->pts[k];
        if (k == 0 || p->x < out->lo.x) out->lo.x = p->x;
        if (k == 0 || p->y < out->lo.y) out->lo.y = p->y;
        if (k == 0 || p->x > out->hi.x) out->hi.x = p->x;
        if (k == 0 || p->y > out->hi.y) out->hi.y = p->y;
    }
    const textlabel_t *l = ED_label(e);
    if (l && l->set && l->text && *l->text) {
        out->label = strdup(l->text);
        if (!out->label)
            return false;
        out->label_at = at(f, l->pos);
        out->label_w = (float)l->dimen.x;
        out->label_h = (float)l->dimen.y;
    }
    return true;
}

/* Which of from's choices (or route entries) an edge to `to` draws: the
 * first one not yet taken, as Graphviz keeps edges in the order written. */
static int edge_choice(const Scenario *sc, int from, int to, const MapLayout *m)
{
    const Node *n = &sc->nodes[from];
    int count = n->kind == NODE_CHOICES ? n->nchoices : n->kind == NODE_ROUTE ? n->nroute : 0;
    for (int k = 0; k < count; k++) {
        int next = n->kind == NODE_CHOICES ? n->choices[k].next : n->route[k].next;
        if (next == to && map_layout_edge(m, from, to, k) < 0)
            return k;
    }
    return -1;
}

int map_layout_create(const Scenario *sc, MapLayout *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    GVC_t *gvc = context();
    if (!gvc) {
        snprintf(err, errcap, "Graphviz could not start");
        return -1;
    }
    Agraph_t *g = laid_out(gvc, sc, err, errcap);
    if (!g)
        return -1;
    boxf bb = GD_bb(g);
    Frame f = {bb.LL.x, bb.UR.y};
    out->w = (float)(bb.UR.x - bb.LL.x);
    out->h = (float)(bb.UR.y - bb.LL.y);
    out->nodes = calloc((size_t)sc->nnodes, sizeof *out->nodes);
    Agnode_t **gn = calloc((size_t)sc->nnodes, sizeof *gn);   /* Graphviz's node for each of ours */
    int ecap = agnedges(g);
    out->edges = calloc((size_t)(ecap > 0 ? ecap : 1), sizeof *out->edges);
    bool ok = out->nodes && out->edges && gn;
    for (Agnode_t *an = ok ? agfstnode(g) : NULL; an; an = agnxtnode(g, an)) {
        int i = scenario_find_node(sc, agnameof(an));
        if (i < 0)
            continue;   /* the start marker */
        gn[i] = an;
        MapPoint c = at(f, ND_coord(an));
        out->nodes[i] = (MapNode){c.x, c.y, (float)(ND_width(an) * 72.0), (float)(ND_height(an) * 72.0)};
    }
    for (int i = 0; ok && i < sc->nnodes; i++) {
        for (Agedge_t *e = gn[i] ? agfstout(g, gn[i]) : NULL; ok && e && out->nedges < ecap; e = agnxtout(g, e)) {
            int to = scenario_find_node(sc, agnameof(aghead(e)));
            if (to < 0)
                continue;
            MapEdge *me = &out->edges[out->nedges];
            me->from = i;
            me->to = to;
            me->choice = edge_choice(sc, i, to, out);
            ok = sample_edge(e, f, me);
            out->nedges++;   /* counted even when cut short, so map_layout_free frees it */
        }
    }
    free(gn);
    release(gvc, g);
    if (!ok) {
        map_layout_free(out);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    return 0;
}

int map_layout_edge(const MapLayout *m, int from, int to, int choice)
{
    for (int e = 0; e < m->nedges; e++)
        if (m->edges[e].from == from && m->edges[e].to == to && (choice < 0 || m->edges[e].choice == choice))
            return e;
    return -1;
}

void map_layout_free(MapLayout *m)
{
    for (int e = 0; m->edges && e < m->nedges; e++) {
        free(m->edges[e].pts);
        free(m->edges[e].label);
    }
    free(m->edges);
    free(m->nodes);
    memset(m, 0, sizeof *m);
}
