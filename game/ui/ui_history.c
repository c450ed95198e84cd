/* ui_history.c - the history overlay (H): the conversation so far, every
 * node seen, every choice made and every answer to it, each speaker with a
 * small face in the mood they spoke in; scrollable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* One line of the conversation: a small face (none for the narrator or the
 * player), the speaker's label, the text. Returns its height. */
static int said(App *app, int x, int y, int w, SDL_Rect box, int ci, Mood mood, const char *label, SDL_Color lc,
                const char *text, SDL_Color tc)
{
    const Metrics *m = &app->m;
    int av = ci >= 0 ? ui_px(app, 40) : 0, tx = x + (av ? av + m->gap : 0);
    if (av)
        draw_avatar(app, &app->sc->characters[ci], ci, mood, (SDL_Rect){x, y, av, av}, false);
    int h = text_draw(app, label, FONT_BOLD, lc, tx, y, w - (tx - x), 1, box, -1);
    h += text_draw(app, text, FONT_BODY, tc, tx, y + h, w - (tx - x), 0, box, -1);
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

void overlay_history(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Scenario *sc = app->sc;
    if (!app->ses)
        return;
    SDL_Rect view = overlay_panel(app, "Conversation so far");
    int iw = view.w - ui_px(app, 14);
    int y0 = page_begin(app, view, &app->overlay_scroll), y = y0;
    SDL_Rect box = {view.x, y0, iw, 1 << 20};
    int ntrail, nsteps;
    const int *trail = session_trail(app->ses, &ntrail);
    const Step *steps = session_steps(app->ses, &nsteps);
    int si = 0;
    for (int p = 0; p < ntrail; p++) {
        const Node *n = &sc->nodes[trail[p]];
        if (n->text && *n->text) {
            const char *who = n->speaker >= 0 ? sc->characters[n->speaker].name : "Narrator";
            char label[300];
            snprintf(label, sizeof label, "%s%s", who, n->setback ? "  \xE2\x80\x94 setback" : "");
            char *t = app_format(app, n->text);
            y += said(app, view.x, y, iw, box, n->speaker, n->mood, label, n->setback ? th->bad : th->text, t, th->text);
            free(t);
        }
        if (n->kind == NODE_ENDING) {
            y += text_draw(app, n->ending_title, FONT_BOLD, th->text, view.x, y, iw, 0, box, -1) + m->gap;
        }
        while (si < nsteps && steps[si].path_pos == p) {
            const Choice *c = &sc->nodes[steps[si].node].choices[steps[si].choice];
            char *t = app_format(app, c->text);
            int ind = ui_px(app, 24);
            y += text_draw(app, "You", FONT_BOLD, th->text,
                           view.x + ind, y, iw - ind, 1, box, -1);
            y += text_draw(app, t, FONT_BODY, th->muted, view.x + ind, y, iw - ind, 0, box, -1) + m->gap;
            free(t);
            int rs;
            Mood rm;
            char *reply = app_reply(app, &steps[si], &rs, &rm);
            if (reply) {
                char label[300];
                snprintf(label, sizeof label, "%s (%s)", rs >= 0 ? sc->characters[rs].name : "Narrator", mood_name(rm));
                y += said(app, view.x, y, iw, box, rs, rm, label, th->text, reply, th->text);
                free(reply);
            }
            si++;
        }
    }
    page_end(app, view, y - y0, &app->overlay_scroll, &app->overlay_total, &app->overlay_view);
}
