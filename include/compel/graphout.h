/* graphout.h - the scenario drawn as a graph for authors: Graphviz DOT text
 * (game/common/graph_dot.c), and that text laid out by Graphviz's library
 * (game/common/graph_layout.c) as SVG for `compel graph --svg` and as boxes
 * and curves for the window's conversation map: one layout for both. The
 * core stays free of Graphviz; no Graphviz type appears here. */
#ifndef COMPEL_GRAPHOUT_H
#define COMPEL_GRAPHOUT_H

#include <stddef.h>
#include <stdio.h>

#include "compel/scenario.h"

/* Write sc as a DOT digraph: decisions boxes, next nodes ellipses, routes
 * diamonds, endings double octagons; setbacks bold and labelled. */
void graph_write_dot(FILE *out, const Scenario *sc);

/* Lay out graph_write_dot's graph with the dot engine and write it as SVG.
 * Returns 0, or -1 with a one-line reason in err. */
int graph_write_svg(FILE *out, const Scenario *sc, char *err, size_t errcap);

/* A point of the map in Graphviz points (1/72 inch), y growing downward,
 * (0, 0) the drawing's top left corner. */
typedef struct MapPoint { float x, y; } MapPoint;

/* Where a node sits: its centre and its size. */
typedef struct MapNode { float x, y, w, h; } MapNode;

/* One drawn edge. */
typedef struct MapEdge {
    int from, to;        /* node indices */
    int choice;          /* the choice (decision) or route entry it stands for; -1 a next edge */
    MapPoint *pts;       /* the curve as a polyline, ending at the arrow's tip */
    int npts;
    MapPoint lo, hi;     /* the corners of the box round the curve */
    char *label;         /* the edge's label as DOT gives it ("2. text (+1)"), or NULL */
    MapPoint label_at;   /* the label's centre */
    float label_w, label_h;   /* the room Graphviz left for it */
} MapEdge;

/* The whole drawing, as `graph --svg` lays it out. */
typedef struct MapLayout {
    float w, h;          /* size in points */
    MapNode *nodes;      /* one per scenario node, by node index */
    MapEdge *edges;
    int nedges;
} MapLayout;

/* Lay sc out into *out (freed with map_layout_free). Returns 0, or -1 with a
 * one-line reason in err (and *out empty). */
int map_layout_create(const Scenario *sc, MapLayout *out, char *err, size_t errcap);

/* The edge from node `from` to node `to` standing for choice (or route
 * entry) `choice`, any when choice is -1; -1 when there is none. */
int map_layout_edge(const MapLayout *m, int from, int to, int choice);

/* Free what map_layout_create made; *m is left empty. */
void map_layout_free(MapLayout *m);

#endif
