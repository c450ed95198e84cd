/* ui_picker.c - the first screen: the scenarios folder as cards (title,
 * difficulty, length, summary, best previous result), broken files
 * included with their first error, and the settings button. */
#include <stdio.h>

#include "compel/common.h"
#include "ui.h"

/* Height of a picker card: everything it shows at its fixed line counts. */
static int card_height(const App *app)
{
    return 2 * app->m.gap + 2 * text_line_h(app, FONT_H2) + 4 * text_line_h(app, FONT_SMALL) +
           3 * text_line_h(app, FONT_BODY) + 3 * ui_px(app, 8) + ui_px(app, 4);
}

static void draw_card(App *app, int i, SDL_Rect r)
{
    const Theme *th = app->th;
    const PickerEntry *e = &app->entries[i];
    int hit = draw_hit(app, r, (Action){ACT_OPEN, i}, true);
    bool hot = draw_is_hot(app, hit);
    draw_fill(app, r, hot ? th->raised : th->surface);
    draw_frame(app, r, hot ? th->accent : th->border, hot ? ui_px(app, 2) : 1);
    int pad = app->m.gap + ui_px(app, 4), x = r.x + pad, w = r.w - 2 * pad, y = r.y + app->m.gap;
    SDL_Rect box = {r.x + 1, r.y + 1, r.w - 2, r.h - 2};
    if (!e->sc) {
        text_draw(app, e->file, FONT_H2, th->text, x, y, w, 2, box, -1);
        y += 2 * text_line_h(app, FONT_H2);
        y += text_draw(app, "Cannot be played", FONT_BOLD, th->bad, x, y, w, 1, box, -1) + ui_px(app, 8);
        text_draw(app, e->error ? e->error : "unreadable", FONT_SMALL, th->text, x, y, w, 5, box, -1);
        return;
    }
    const Scenario *sc = e->sc;
    text_draw(app, sc->title, FONT_H2, th->text, x, y, w, 2, box, -1);
    y += 2 * text_line_h(app, FONT_H2) + ui_px(app, 4);
    char meta[128];
    if (sc->minutes > 0)
        snprintf(meta, sizeof meta, "%s \xC2\xB7 about %d min", difficulty_label(sc->difficulty), sc->minutes);
    else
        snprintf(meta, sizeof meta, "%s", difficulty_label(sc->difficulty));
    y += text_draw(app, meta, FONT_SMALL, th->muted, x, y, w, 1, box, -1) + ui_px(app, 8);
    text_draw(app, sc->summary, FONT_BODY, th->text, x, y, w, 3, box, -1);
    y += 3 * text_line_h(app, FONT_BODY) + ui_px(app, 8);
    int cx = x;
    for (int t = 0; t < sc->ntags; t++) {
        int cw = draw_chip(app, cx, y, sc->tags[t], th->muted, (SDL_Rect){x, y, w, r.h});
        if (cw == 0)
            break;
        cx += cw + ui_px(app, 6);
    }
    y += text_line_h(app, FONT_SMALL) + ui_px(app, 8) + ui_px(app, 4);
    char best[160];
    if (e->best >= 0)
        snprintf(best, sizeof best, "Your best: %d%%%s%s%s", e->best, e->best_grade ? " (" : "",
                 e->best_grade ? e->best_grade : "", e->best_grade ? ")" : "");
    else
        snprintf(best, sizeof best, "Not played yet");
    text_draw(app, best, e->best >= 0 ? FONT_BOLD : FONT_SMALL, e->best >= 0 ? th->text : th->muted,
              x, y, w, 1, box, -1);
}

void screen_picker(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    int maxw = ui_px(app, 1400);
    int w = m->w - 2 * m->pad;
    if (w > maxw)
        w = maxw;
    int x = (m->w - w) / 2, y = m->pad;
    char sub[200];
    snprintf(sub, sizeof sub, "Choose a scenario to practise. Playing as %s.", app->set.player);
    int bw = text_width(app, "Settings", FONT_BOLD) + 3 * m->gap, bh = text_line_h(app, FONT_BOLD) + m->gap;
    y += draw_header(app, x, y, w - bw - m->gap, "Compel", sub) + m->gap;
    char lrs[160];
    if (ui_lrs_status(app, lrs, sizeof lrs))
        y += text_draw(app, lrs, FONT_SMALL, th->muted, x, y, w - bw - m->gap, 1, (SDL_Rect){x, y, w, m->h - y}, -1);
    y += m->gap;
    if (app->banner[0])
        y += draw_notice(app, x, y, w, app->banner, true) + m->gap;
    SDL_Rect view = {x, y, w, m->h - y - m->pad};
    if (app->nentries == 0) {
        char msg[4400];
        snprintf(msg, sizeof msg, "No scenarios found in %s. Put scenario files (.json) in that folder, or start the game with --scenarios DIR or a scenario file.",
                 app->scenarios_dir ? app->scenarios_dir : "the scenarios folder");
        text_draw(app, msg, FONT_BODY, th->text, x, y, w, 0, view, -1);
    } else {
        int cols = layout_columns(w - ui_px(app, 8), ui_px(app, 340), m->gap, 4);
        app->grid_cols = cols;
        int ch = card_height(app);
        SDL_Rect rects[256];
        int n = app->nentries < 256 ? app->nentries : 256;
        SDL_Rect grid = {x, 0, w - ui_px(app, 8), 0};
        int top = page_begin(app, view, &app->scroll);
        grid.y = top + app->scroll;
        int total = layout_grid(grid, n, cols, ch, m->gap, app->scroll, rects);
        for (int i = 0; i < n; i++)
            if (rects[i].y + rects[i].h >= view.y && rects[i].y <= view.y + view.h)
                draw_card(app, i, rects[i]);
            else
                draw_hit(app, rects[i], (Action){ACT_OPEN, i}, true); /* off screen: page_end clips it */
        page_end(app, view, total, &app->scroll, &app->scroll_total, &app->scroll_view);
    }
    draw_button(app, (SDL_Rect){x + w - bw, m->pad, bw, bh}, "Settings", (Action){ACT_SETTINGS, 0}, 0);
}
