/* ui_history.c - the history overlay (H): the conversation so far, every
 * node seen, every choice made and every answer to it, each speaker with a
 * small face in the mood they spoke in; scrollable. It lays out core's
 * Transcript (display.h), the wording the player saw. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* One line of the conversation: a small face (none for the narrator or the
 * player), the speaker's label, the text. Returns its height. */
static int said(App *app, int x, int y, int w, SDL_Rect box, const DisplayLine *l, const char *label, SDL_Color lc)
{
    const Metrics *m = &app->m;
    int av = l->character ? ui_px(app, 40) : 0, tx = x + (av ? av + m->gap : 0);
    if (av)
        draw_avatar(app, l->character, l->speaker, l->mood, (SDL_Rect){x, y, av, av}, false);
    int h = text_draw(app, label, FONT_BOLD, lc, tx, y, w - (tx - x), 1, box, -1);
    h += text_draw(app, l->text, FONT_BODY, app->th->text, tx, y + h, w - (tx - x), 0, box, -1);
    return (h > av ? h : av) + m->gap;
}

SDL_Rect overlay_panel(App *app, const char *heading)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    int w = m->content.w + 2 * m->gap;
    if (w > m->w - 2 * m->pad)
        w = m->w - 2 * m->pad;
    SDL_Rect panel = {(m->w - w) / 2, m->pad, w, m->h - 2 * m->pad};
    draw_panel(app, panel);
    int pad = m->gap + ui_px(app, 4);
    int bh = text_line_h(app, FONT_BOLD) + m->gap;
    int bw = text_width(app, "Close", FONT_BOLD) + 3 * m->gap;
    SDL_Rect title = {panel.x + pad, panel.y + pad, panel.w - 2 * pad - bw - m->gap, bh};
    text_draw(app, heading, FONT_H2, th->text, title.x, title.y, title.w, 1,
              (SDL_Rect){title.x, title.y, title.w, bh + text_line_h(app, FONT_H2)}, -1);
    draw_button(app, (SDL_Rect){panel.x + panel.w - pad - bw, panel.y + pad, bw, bh}, "Close", (Action){ACT_CLOSE, 0}, 0);
    int top = panel.y + pad + (bh > text_line_h(app, FONT_H2) ? bh : text_line_h(app, FONT_H2)) + m->gap;
    SDL_Rect view = {panel.x + pad, top, panel.w - 2 * pad, panel.y + panel.h - pad - top};
    return view;
}

/* One entry of the transcript. Returns its height. */
static int entry(App *app, int x, int y, int w, SDL_Rect box, const TranscriptEntry *e)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    char label[300];
    int ind = ui_px(app, 24), h;
    switch (e->kind) {
    case ENTRY_NODE:
        snprintf(label, sizeof label, "%s%s", e->line.name, e->setback ? "  \xE2\x80\x94 setback" : "");
        return said(app, x, y, w, box, &e->line, label, e->setback ? th->bad : th->text);
    case ENTRY_CHOICE:
        h = text_draw(app, e->line.name, FONT_BOLD, th->text, x + ind, y, w - ind, 1, box, -1);
        return h + text_draw(app, e->line.text, FONT_BODY, th->muted, x + ind, y + h, w - ind, 0, box, -1) + m->gap;
    case ENTRY_REPLY:
        snprintf(label, sizeof label, "%s (%s)", e->line.name, mood_name(e->line.mood));
        return said(app, x, y, w, box, &e->line, label, th->text);
    case ENTRY_ENDING:
        return text_draw(app, e->title ? e->title : "", FONT_BOLD, th->text, x, y, w, 0, box, -1) + m->gap;
    }
    return 0;
}

void overlay_history(App *app)
{
    const Transcript *t = app_transcript(app);
    if (!t)
        return;
    SDL_Rect view = overlay_panel(app, "Conversation so far");
    int iw = view.w - ui_px(app, 14);
    int y0 = page_begin(app, view, &app->overlay_scroll), y = y0;
    SDL_Rect box = {view.x, y0, iw, 1 << 20};
    for (int i = 0; i < t->count; i++)
        y += entry(app, view.x, y, iw, box, &t->items[i]);
    page_end(app, view, y - y0, &app->overlay_scroll, &app->overlay_total, &app->overlay_view);
}
