/* ui_map.h - the conversation map's private state, shared by ui_map.c
 * (opening, paths, zoom, pan, focus, input) and ui_map_draw.c (drawing).
 * The layout comes from game/common/graph_layout.c, the same one
 * `compel graph --svg` writes; it is made once per opened scenario and
 * never again per frame. */
#ifndef COMPEL_UI_MAP_H
#define COMPEL_UI_MAP_H

#include <stdbool.h>

#include <SDL.h>

#include "compel/graphout.h"
#include "ui.h"

/* A path through the map: the edges taken, in order, and the nodes on it. */
typedef struct MapPath {
    int *edges;
    int nedges;
    bool *on;            /* per node */
    bool found;
} MapPath;

typedef struct MapView {
    const Scenario *sc;  /* what lay describes (laid out again when it changes) */
    MapLayout lay;
    bool ready;
    char error[256];     /* why there is no layout */
    MapPath mine, best;
    int best_percent;
    int *order;          /* node indices top to bottom, left to right: Tab's order */
    int focus;           /* position in order, -1 none */
    int hover;           /* node under the mouse, -1 none */
    double zoom;         /* pixels per layout point */
    double cx, cy;       /* the layout point at the centre of the view */
    bool fitted;         /* zoom and centre have been set for the view */
    SDL_Rect view;       /* where the map was last drawn */
    bool drag, dragged;
    int drag_x, drag_y;
    Screen back;         /* where closing the map returns */
    Overlay back_overlay;
    /* label widths in pixels at tw_px (the small font's size), -1 not yet measured */
    int *node_tw, *edge_tw;
    int tw_px;
    /* geometry batched for one frame, kept between frames */
    SDL_Vertex *vtx;
    int nvtx, vcap;
    int *idx;
    int nidx, icap;
    /* the drawn map, kept while the view stays (ui_map_draw.c) */
    SDL_Texture *layer;
    bool layer_ok;
    double layer_zoom, layer_cx, layer_cy;
    SDL_Rect layer_view;
    const Theme *layer_theme;
    int layer_px;
    SDL_FRect *dots[3];  /* nodes too small for their shapes: plain, on the path, setbacks */
    int ndots[3], dcap[3];
} MapView;

/* The view's zoom that shows the whole drawing. */
double map_fit_zoom(const MapView *mv);

/* Show the whole drawing, centred. */
void map_fit(MapView *mv);

/* A layout point on screen, and back. */
SDL_FPoint map_to_screen(const MapView *mv, MapPoint p);
MapPoint map_from_screen(const MapView *mv, float x, float y);

/* The node under screen point (x, y), or -1. */
int map_node_at(const MapView *mv, int x, int y);

/* The node shown in the side panel: the focused one, else the hovered one, or -1. */
int map_hot_node(const MapView *mv);

#endif
