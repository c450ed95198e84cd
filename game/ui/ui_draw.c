/* ui_draw.c - drawing primitives shared by the screens: filled and framed
 * rectangles, buttons that register hits, meter bars with their numbers,
 * chips. Colours
 * always come from the theme; meaning is always written as text too. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui.h"

void draw_fill(App *app, SDL_Rect r, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(app->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(app->ren, &r);
}

void draw_frame(App *app, SDL_Rect r, SDL_Color c, int t)
{
    if (t < 1)
        t = 1;
    SDL_Rect sides[4] = {
        {r.x, r.y, r.w, t}, {r.x, r.y + r.h - t, r.w, t},
        {r.x, r.y, t, r.h}, {r.x + r.w - t, r.y, t, r.h},
    };
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, 255);
    SDL_RenderFillRects(app->ren, sides, 4);
}

void draw_scrim(App *app)
{
    SDL_Rect all = {0, 0, app->out_w, app->out_h};
    draw_fill(app, all, app->th->scrim);
}

int draw_hit(App *app, SDL_Rect r, Action act, bool focusable)
{
    if (app->nhits >= UI_MAX_HITS)
        return -1;
    Hit *h = &app->hits[app->nhits];
    h->r = r;
    h->act = act;
    h->focusable = focusable;
    return app->nhits++;
}

/* Whether the hit is the keyboard focus (drawn with a ring). */
static bool is_focused(const App *app, int hit)
{
    if (hit < 0 || app->focus < 0 || !app->hits[hit].focusable)
        return false;
    int k = -1;
    for (int i = 0; i <= hit; i++)
        if (app->hits[i].focusable)
            k++;
    return k == app->focus;
}

bool draw_is_hot(const App *app, int hit)
{
    return hit >= 0 && (hit == app->hover || is_focused(app, hit));
}

SDL_Rect draw_button(App *app, SDL_Rect r, const char *label, Action act, int style)
{
    const Theme *th = app->th;
    int hit = draw_hit(app, r, act, true);
    bool hot = draw_is_hot(app, hit);
    if (style == 1 && app->primary < 0)
        app->primary = hit;
    SDL_Color bg = style == 1 ? th->accent : hot ? th->raised : th->surface;
    SDL_Color fg = style == 1 ? th->on_accent : th->text;
    draw_fill(app, r, bg);
    draw_frame(app, r, style == 1 ? th->accent : th->border, 1);
    if (is_focused(app, hit)) {
        int t = (int)fmax(2, lround(2 * app->m.scale));
        SDL_Rect ring = {r.x - t - 1, r.y - t - 1, r.w + 2 * t + 2, r.h + 2 * t + 2};
        draw_frame(app, ring, th->text, t);
    } else if (hot && style == 1) {
        draw_frame(app, r, th->text, 1);
    }
    int tw = text_width(app, label, FONT_BOLD);
    int lh = text_line_h(app, FONT_BOLD);
    int x = r.x + (r.w - tw) / 2, y = r.y + (r.h - lh) / 2;
    if (x < r.x + 4)
        x = r.x + 4;
    text_draw(app, label, FONT_BOLD, fg, x, y, r.w - 8, 1, r, -1);
    return r;
}

void draw_meter(App *app, SDL_Rect r, const char *label, double shown, int value, int change, int min, int max)
{
    const Theme *th = app->th;
    char num[32], delta[32] = "";
    snprintf(num, sizeof num, "%d", value);
    if (change)   /* signed, in the good/bad colour, like every number that moved */
        snprintf(delta, sizeof delta, change > 0 ? "+%d" : "\xE2\x88\x92%d", change > 0 ? change : -change);
    int lh = text_line_h(app, FONT_SMALL);
    int nw = text_width(app, num, FONT_BOLD), gap = (int)lround(6 * app->m.scale);
    int dw = change ? text_width(app, delta, FONT_SMALL) + gap : 0;
    SDL_Rect box = {r.x, r.y, r.w, r.h};
    text_draw(app, label, FONT_SMALL, th->muted, r.x, r.y, r.w - nw - dw - 8, 1, box, -1);
    if (change)
        text_draw(app, delta, FONT_SMALL, change > 0 ? th->good : th->bad, r.x + r.w - nw - dw, r.y, 0, 1, box, -1);
    text_draw(app, num, FONT_BOLD, th->text, r.x + r.w - nw, r.y, 0, 1, box, -1);
    int bh = (int)fmax(6, lround(8 * app->m.scale));
    SDL_Rect track = {r.x, r.y + lh + (int)lround(4 * app->m.scale), r.w, bh};
    draw_fill(app, track, th->track);
    SDL_Rect fill = track;
    fill.w = layout_bar_fill(track.w, shown, min, max);
    draw_fill(app, fill, th->accent);
}

int draw_chip(App *app, int x, int y, const char *text, SDL_Color fg, SDL_Rect box)
{
    int pad = (int)lround(6 * app->m.scale);
    int tw = text_width(app, text, FONT_SMALL), lh = text_line_h(app, FONT_SMALL);
    SDL_Rect r = {x, y, tw + 2 * pad, lh + pad / 2};
    if (r.x + r.w > box.x + box.w)
        return 0;  /* no room: the caller stops adding chips */
    draw_frame(app, r, app->th->border, 1);
    text_draw(app, text, FONT_SMALL, fg, x + pad, y + pad / 4, 0, 1, r, -1);
    return r.w;
}

int page_begin(App *app, SDL_Rect view, int *scroll)
{
    SDL_RenderSetClipRect(app->ren, &view);
    app->page_hit0 = app->nhits;
    return view.y - *scroll;
}

void page_end(App *app, SDL_Rect view, int content_h, int *scroll, int *total, int *viewh)
{
    SDL_RenderSetClipRect(app->ren, NULL);
    *total = content_h;
    *viewh = view.h;
    int clamped = layout_scroll_clamp(*scroll, content_h, view.h);
    if (app->focus_moved) {
        /* Keep the button the keyboard moved to in view. */
        int k = -1;
        for (int i = 0; i < app->nhits; i++) {
            if (!app->hits[i].focusable || ++k != app->focus)
                continue;
            if (i >= app->page_hit0)
                clamped = layout_scroll_into_view(clamped, app->hits[i].r.y - view.y + *scroll,
                                                  app->hits[i].r.h, view.h, content_h);
            break;
        }
        app->focus_moved = false;
    }
    if (clamped != *scroll) {
        *scroll = clamped;
        app->dirty = true;
    }
    if (content_h > view.h && view.h > 0) {
        /* A thin thumb at the right edge shows where the view is. */
        int tw = (int)fmax(3, lround(4 * app->m.scale));
        int th = (int)((double)view.h * view.h / content_h);
        if (th < 3 * tw)
            th = 3 * tw;
        int ty = view.y + (int)((double)(view.h - th) * *scroll / (content_h - view.h));
        SDL_Rect track = {view.x + view.w - tw, view.y, tw, view.h};
        SDL_Rect thumb = {track.x, ty, tw, th};
        draw_fill(app, track, app->th->track);
        draw_fill(app, thumb, app->th->muted);
    }
    /* Hits outside the view cannot be clicked. */
    for (int i = app->page_hit0; i < app->nhits; i++) {
        SDL_Rect r = app->hits[i].r, out;
        if (r.y < view.y || r.y + r.h > view.y + view.h) {
            if (SDL_IntersectRect(&r, &view, &out))
                app->hits[i].r = out;
            else
                app->hits[i].r.w = app->hits[i].r.h = 0;
        }
    }
}

void draw_panel(App *app, SDL_Rect r)
{
    draw_fill(app, r, app->th->surface);
    draw_frame(app, r, app->th->border, 1);
}

int draw_notice(App *app, int x, int y, int w, const char *text, bool draw)
{
    int pad = app->m.gap;
    int h = text_height(app, text, FONT_BODY, w - 2 * pad, 0) + 2 * pad;
    if (draw) {
        SDL_Rect r = {x, y, w, h};
        draw_fill(app, r, app->th->warn_bg);
        draw_frame(app, r, app->th->warn_text, 1);
        text_draw(app, text, FONT_BODY, app->th->warn_text, x + pad, y + pad, w - 2 * pad, 0, r, -1);
    }
    return h;
}

int draw_header(App *app, int x, int y, int w, const char *title, const char *sub)
{
    SDL_Rect box = {x, y, w, app->out_h};
    int h = text_draw(app, title, FONT_H1, app->th->text, x, y, w, 2, box, -1);
    if (sub && *sub)
        h += text_draw(app, sub, FONT_BODY, app->th->muted, x, y + h, w, 2, box, -1);
    return h;
}

SDL_Rect draw_centred_panel(App *app, int w, int h)
{
    const Metrics *m = &app->m;
    if (w > m->w - 2 * m->pad)
        w = m->w - 2 * m->pad;
    if (h > m->h - 2 * m->pad)
        h = m->h - 2 * m->pad;
    SDL_Rect r = {(m->w - w) / 2, (m->h - h) / 2, w, h};
    draw_panel(app, r);
    return r;
}
