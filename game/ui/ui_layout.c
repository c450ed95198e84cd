/* ui_layout.c - layout arithmetic for the window: metrics from the output
 * size and text scale, stacks, grids, hit testing, bars and scrolling.
 * Pure functions of their arguments, so the unit tests run them without a
 * display. */
#include <stdio.h>
#include <stdlib.h>

#include "ui_layout.h"

Metrics layout_metrics(int w, int h, double scale)
{
    Metrics m;
    if (scale < 0.5)
        scale = 0.5;
    m.w = w;
    m.h = h;
    m.scale = scale;
    m.pad = (int)lround(fmax(16.0 * scale, fmin(w, h) / 30.0));
    m.gap = (int)lround(12.0 * scale);
    m.radius = (int)lround(10.0 * scale);
    int col = (int)lround(880.0 * scale);
    int avail = w - 2 * m.pad;
    m.wide = avail >= col + (int)lround(300.0 * scale) + m.gap * 2;
    if (col > avail)
        col = avail;
    if (col < 1)
        col = 1;
    m.content.w = col;
    m.content.x = (w - col) / 2;
    m.content.y = m.pad;
    m.content.h = h - 2 * m.pad;
    if (m.content.h < 1)
        m.content.h = 1;
    return m;
}

int layout_stack(SDL_Rect area, const int *heights, int n, int gap, int scroll, SDL_Rect *out)
{
    int y = 0;
    for (int i = 0; i < n; i++) {
        out[i].x = area.x;
        out[i].w = area.w;
        out[i].y = area.y - scroll + y;
        out[i].h = heights[i];
        y += heights[i] + (i + 1 < n ? gap : 0);
    }
    return y;
}

int layout_columns(int width, int min_w, int gap, int max_cols)
{
    int cols = min_w > 0 ? (width + gap) / (min_w + gap) : 1;
    if (cols > max_cols)
        cols = max_cols;
    return cols < 1 ? 1 : cols;
}

int layout_grid(SDL_Rect area, int n, int cols, int card_h, int gap, int scroll, SDL_Rect *out)
{
    if (cols < 1)
        cols = 1;
    int cw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++) {
        out[i].x = area.x + (i % cols) * (cw + gap);
        out[i].y = area.y - scroll + (i / cols) * (card_h + gap);
        out[i].w = cw;
        out[i].h = card_h;
    }
    int rows = (n + cols - 1) / cols;
    return rows > 0 ? rows * card_h + (rows - 1) * gap : 0;
}

int layout_hit(const SDL_Rect *rects, int n, int x, int y)
{
    for (int i = 0; i < n; i++)
        if (x >= rects[i].x && y >= rects[i].y && x < rects[i].x + rects[i].w && y < rects[i].y + rects[i].h)
            return i;
    return -1;
}

int layout_bar_fill(int width, double value, int min, int max)
{
    if (max <= min || width <= 0)
        return 0;
    double f = (value - min) / (double)(max - min);
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    return (int)lround(f * width);
}

int layout_scroll_clamp(int scroll, int total, int view)
{
    int max = total - view;
    if (max < 0)
        max = 0;
    return scroll < 0 ? 0 : scroll > max ? max : scroll;
}

int layout_scroll_into_view(int scroll, int top, int h, int view, int total)
{
    if (top < scroll)
        scroll = top;
    else if (top + h > scroll + view)
        scroll = top + h - view;
    return layout_scroll_clamp(scroll, total, view);
}

bool layout_contains(SDL_Rect outer, SDL_Rect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool layout_parse_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return false;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || a < 320 || b < 240 || a > 16384 || b > 16384)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}
