/* ui_briefing.c - the screen before play: the situation, the cast with
 * their stances, the meters, the mode, and the offer to resume an autosave.
 * The situation and the meters come from core's Briefing (display.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "compel/textsafe.h"
#include "ui.h"

const Briefing *app_briefing(App *app)
{
    if (app->briefing && strcmp(app->briefing_player, app->set.player) != 0) {
        display_briefing_free(app->briefing);
        app->briefing = NULL;
    }
    if (!app->briefing && app->sc) {
        app->briefing = display_briefing(app->sc, app->set.player);
        snprintf(app->briefing_player, sizeof app->briefing_player, "%s", app->set.player);
    }
    return app->briefing;
}

void screen_briefing(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Scenario *sc = app->sc;
    const Briefing *b = app_briefing(app);
    if (!b)
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
    y += draw_header(app, col.x, y, w, b->title, meta) + m->gap;
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
    y += text_draw(app, b->text ? b->text : b->summary, FONT_BODY, th->text, col.x, y, w, 0, box, -1);
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
        draw_avatar(app, c, i, MOOD_NEUTRAL, (SDL_Rect){cx + m->gap / 2, cy + m->gap / 2, av, av}, false);
        int tx = cx + av + m->gap + m->gap / 2, tw = cw - (tx - cx) - m->gap / 2;
        int ty = cy + m->gap / 2;
        ty += text_draw(app, c->name, FONT_BOLD, th->text, tx, ty, tw, 1, card, -1);
        /* the stance first: a long role is cut with "…" at its end, never hiding it */
        char line[300];
        const char *stance = stance_label(c->stance);
        size_t room = sizeof line - strlen(stance) - 4;
        snprintf(line, sizeof line, "%s \xC2\xB7 %.*s", stance, (int)text_utf8_cut(c->role, strlen(c->role), room), c->role);
        text_draw(app, line, FONT_SMALL, th->muted, tx, ty, tw, 2, card, -1);
    }
    y += ((sc->ncharacters + cols - 1) / cols) * (rowh + m->gap) + m->gap;
    if (app->portrait_error)
        y += draw_notice(app, col.x, y, w, app->portrait_error, true) + m->gap;
    int shown = 0;
    for (int i = 0; i < b->nmeters; i++)
        shown += b->meters[i].show;
    if (shown > 0) {
        y += text_draw(app, "What you are watching", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
        int mcols = layout_columns(w, ui_px(app, 220), m->gap * 2, 3);
        int mw = (w - (mcols - 1) * m->gap * 2) / mcols, mh = text_line_h(app, FONT_SMALL) + ui_px(app, 16);
        int k = 0;
        for (int i = 0; i < b->nmeters; i++) {
            const DisplayMeter *mt = &b->meters[i];
            if (!mt->show)
                continue;
            SDL_Rect r = {col.x + (k % mcols) * (mw + 2 * m->gap), y + (k / mcols) * (mh + m->gap), mw, mh};
            draw_meter(app, r, mt->label, mt->after, mt->after, 0, mt->min, mt->max);
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
    if (!ui_cmi5_active(app))   /* an LMS launch plays the one scenario it assigned */
        draw_button(app, (SDL_Rect){col.x, footer_y, bw1, bh}, "Back to scenarios", (Action){ACT_PICKER, 0}, 0);
    if (app->save_state == 1 && !ui_cmi5_active(app)) {
        int bw2 = text_width(app, "Resume", FONT_BOLD) + 4 * m->gap;
        int bw3 = text_width(app, "Start over", FONT_BOLD) + 3 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - bw2 - bw3 - m->gap, footer_y, bw3, bh}, "Start over", (Action){ACT_START, 0}, 0);
        draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Resume", (Action){ACT_RESUME_SAVE, 0}, 1);
    } else {
        int bw2 = text_width(app, "Start", FONT_BOLD) + 6 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Start", (Action){ACT_START, 0}, 1);
    }
}
