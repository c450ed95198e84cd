/* ui_layout.h - layout arithmetic for the window: metrics, stacks, grids,
 * hit testing, bars and scrolling. Nothing here opens a window or a font,
 * so the unit tests (tests/test_ui_layout.c) drive it directly. */
#ifndef COMPEL_UI_LAYOUT_H
#define COMPEL_UI_LAYOUT_H

#include <stdbool.h>

#include <SDL.h>

/* Sizes that follow from the output size and the text scale. */
typedef struct Metrics {
    int w, h;           /* output size in pixels */
    double scale;       /* text scale x display density */
    int pad;            /* outer margin */
    int gap;            /* space between blocks */
    int radius;         /* small inner padding of buttons */
    SDL_Rect content;   /* the centred reading column */
    bool wide;          /* room for a side panel next to the column */
} Metrics;

/* Compute metrics for an output of w x h pixels at a scale (1.0 = normal). */
Metrics layout_metrics(int w, int h, double scale);

/* Place n boxes of the given heights top to bottom in area, gap apart,
 * starting at area.y - scroll. Returns the total height used. */
int layout_stack(SDL_Rect area, const int *heights, int n, int gap, int scroll, SDL_Rect *out);

/* Columns that fit cards at least min_w wide (at least 1, at most max_cols). */
int layout_columns(int width, int min_w, int gap, int max_cols);

/* Place n cards of height card_h in a grid of cols columns inside area,
 * scrolled up by scroll pixels. Returns the grid's total height. */
int layout_grid(SDL_Rect area, int n, int cols, int card_h, int gap, int scroll, SDL_Rect *out);

/* Index of the first rectangle containing (x, y), or -1. */
int layout_hit(const SDL_Rect *rects, int n, int x, int y);

/* Width of the filled part of a bar for value in [min, max] (clamped). */
int layout_bar_fill(int width, double value, int min, int max);

/* The scroll offset that keeps [top, top + h) visible in a viewport of
 * height view, given the current offset; clamped to [0, total - view]. */
int layout_scroll_into_view(int scroll, int top, int h, int view, int total);

/* Clamp a scroll offset into [0, max(0, total - view)]. */
int layout_scroll_clamp(int scroll, int total, int view);

/* Whether inner lies entirely inside outer. */
bool layout_contains(SDL_Rect outer, SDL_Rect inner);

/* Parse "WxH" (e.g. "1280x720"); false when malformed or out of 320..16384. */
bool layout_parse_size(const char *s, int *w, int *h);

#endif
