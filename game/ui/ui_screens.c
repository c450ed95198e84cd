/* ui_screens.c - the screens before play: the picker (the scenarios folder
 * as cards, broken files included with their first error) and the briefing
 * (situation, cast, meters, mode, and the offer to resume an autosave). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* The title row shared by the screens: a heading and a muted subtitle. */
static int header(App *app, int x, int y, int w, const char *title, const char *sub)
{
    SDL_Rect box = {x, y, w, app->out_h};
    int h = text_draw(app, title, FONT_H1, app->th->text, x, y, w, 2, box, -1);
    if (sub && *sub)
        h += text_draw(app, sub, FONT_BODY, app->th->muted, x, y + h, w, 2, box, -1);
    return h;
}

static const char *difficulty_label(Difficulty d)
{
    return d == DIFFICULTY_INTRO ? "Intro" : d == DIFFICULTY_ADVANCED ? "Advanced" : "Standard";
}

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
    y += header(app, x, y, w - bw - m->gap, "Compel", sub) + 2 * m->gap;
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

/* ---- Briefing ---- */

static const char *stance_label(Stance s)
{
    switch (s) {
    case STANCE_CHAMPION: return "Champion";
    case STANCE_ALLY: return "Ally";
    case STANCE_SKEPTIC: return "Skeptic";
    case STANCE_BLOCKER: return "Blocker";
    default: return "Neutral";
    }
}

void screen_briefing(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Scenario *sc = app->sc;
    if (!sc)
        return;
    SDL_Rect col = m->content;
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int footer_y = m->h - m->pad - bh;
    SDL_Rect view = {col.x, m->pad, col.w + ui_px(app, 10), footer_y - m->gap - m->pad};
    int y0 = page_begin(app, view, &app->scroll), y = y0;
    int w = col.w;
    SDL_Rect box = {col.x, y0, w, 1 << 20};
    char meta[200];
    snprintf(meta, sizeof meta, "%s%s%.0d%s \xC2\xB7 %s mode", difficulty_label(sc->difficulty),
             sc->minutes > 0 ? " \xC2\xB7 about " : "", sc->minutes, sc->minutes > 0 ? " min" : "",
             app->set.assessment ? "Assessment" : "Practice");
    y += header(app, col.x, y, w, sc->title, meta) + m->gap;
    if (app->banner[0])
        y += draw_notice(app, col.x, y, w, app->banner, true) + m->gap;
    if (app->save_state == 1) {
        char msg[200];
        snprintf(msg, sizeof msg, "You have a playthrough of this scenario in progress (%d step%s). Resume it, or start over.",
                 app->save_ncmds, app->save_ncmds == 1 ? "" : "s");
        y += draw_notice(app, col.x, y, w, msg, true) + m->gap;
    } else if (app->save_state == 2) {
        y += draw_notice(app, col.x, y, w,
                         "This scenario has changed since your saved playthrough, so it cannot be resumed. Starting will begin again from the start.",
                         true) + m->gap;
    }
    /* {player} is filled in by the engine's formatter: no playthrough yet */
    char *brief = compel_format_text(sc->briefing ? sc->briefing : sc->summary, app->set.player);
    y += text_draw(app, brief ? brief : sc->summary, FONT_BODY, th->text, col.x, y, w, 0, box, -1);
    free(brief);
    y += 2 * m->gap;
    y += text_draw(app, "Who you will meet", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
    int av = ui_px(app, 56);
    int cols = layout_columns(w, ui_px(app, 300), m->gap, 2);
    int cw = (w - (cols - 1) * m->gap) / cols, rowh = av + m->gap;
    for (int i = 0; i < sc->ncharacters; i++) {
        const Character *c = &sc->characters[i];
        int cx = col.x + (i % cols) * (cw + m->gap), cy = y + (i / cols) * (rowh + m->gap);
        SDL_Rect card = {cx, cy, cw, rowh};
        draw_panel(app, card);
        draw_avatar(app, c, i, 0, (SDL_Rect){cx + m->gap / 2, cy + m->gap / 2, av, av}, false);
        int tx = cx + av + m->gap + m->gap / 2, tw = cw - (tx - cx) - m->gap / 2;
        int ty = cy + m->gap / 2;
        ty += text_draw(app, c->name, FONT_BOLD, th->text, tx, ty, tw, 1, card, -1);
        char line[300];
        snprintf(line, sizeof line, "%s \xC2\xB7 %s", c->role, stance_label(c->stance));
        text_draw(app, line, FONT_SMALL, th->muted, tx, ty, tw, 2, card, -1);
    }
    y += ((sc->ncharacters + cols - 1) / cols) * (rowh + m->gap) + m->gap;
    if (app->portrait_error)
        y += draw_notice(app, col.x, y, w, app->portrait_error, true) + m->gap;
    int shown = 0;
    for (int i = 0; i < sc->nmeters; i++)
        shown += sc->meters[i].show;
    if (shown > 0) {
        y += text_draw(app, "What you are watching", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
        int mcols = layout_columns(w, ui_px(app, 220), m->gap * 2, 3);
        int mw = (w - (mcols - 1) * m->gap * 2) / mcols, mh = text_line_h(app, FONT_SMALL) + ui_px(app, 16);
        int k = 0;
        for (int i = 0; i < sc->nmeters; i++) {
            const Meter *mt = &sc->meters[i];
            if (!mt->show)
                continue;
            SDL_Rect r = {col.x + (k % mcols) * (mw + 2 * m->gap), y + (k / mcols) * (mh + m->gap), mw, mh};
            draw_meter(app, r, mt->label, mt->start, mt->start, mt->min, mt->max);
            k++;
        }
        y += ((k + mcols - 1) / mcols) * (mh + m->gap) + m->gap;
    }
    y += text_draw(app, "How this works", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
    y += text_draw(app, app->set.assessment
                            ? "Assessment mode: choose what you would say. The coach's comments and your score come in the debrief at the end; there is no undo."
                            : "Practice mode: after every choice the coach explains what it earned and why. You can undo a choice (U) and read the conversation so far (H).",
                   FONT_BODY, th->text, col.x, y, w, 0, box, -1);
    page_end(app, view, y - y0, &app->scroll, &app->scroll_total, &app->scroll_view);

    /* Footer: back, and start (or resume). */
    int bw1 = text_width(app, "Back to scenarios", FONT_BOLD) + 3 * m->gap;
    draw_button(app, (SDL_Rect){col.x, footer_y, bw1, bh}, "Back to scenarios", (Action){ACT_PICKER, 0}, 0);
    if (app->save_state == 1) {
        int bw2 = text_width(app, "Resume", FONT_BOLD) + 4 * m->gap;
        int bw3 = text_width(app, "Start over", FONT_BOLD) + 3 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - bw2 - bw3 - m->gap, footer_y, bw3, bh}, "Start over", (Action){ACT_START, 0}, 0);
        draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Resume", (Action){ACT_RESUME_SAVE, 0}, 1);
    } else {
        int bw2 = text_width(app, "Start", FONT_BOLD) + 6 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Start", (Action){ACT_START, 0}, 1);
    }
}
