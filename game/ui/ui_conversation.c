/* ui_conversation.c - the conversation: who speaks (avatar, name, role,
 * mood), the text revealed progressively, the visible choices as numbered
 * buttons, the meters as bars that animate, a clear mark on setback nodes;
 * after a choice the other side's answer and, in practice mode, the coach's
 * panel. All of it is laid out from core's display model (DisplayNow);
 * choices go back as commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/display.h"
#include "ui.h"

/* The meters the scenario shows, as bars inside r (a column or a row). */
static int draw_meters(App *app, const DisplayNow *d, SDL_Rect r, bool column, bool draw)
{
    int mh = text_line_h(app, FONT_SMALL) + ui_px(app, 16), gap = app->m.gap;
    int shown = 0;
    for (int i = 0; i < d->nmeters; i++)
        shown += d->meters[i].show;
    if (shown == 0)
        return 0;
    int cols = column ? 1 : layout_columns(r.w, ui_px(app, 180), 2 * gap, 4);
    int mw = (r.w - (cols - 1) * 2 * gap) / cols;
    int k = 0;
    for (int i = 0; i < d->nmeters && draw; i++) {
        const DisplayMeter *mt = &d->meters[i];
        if (!mt->show)
            continue;
        SDL_Rect b = {r.x + (k % cols) * (mw + 2 * gap), r.y + (k / cols) * (mh + gap), mw, mh};
        draw_meter(app, b, mt->label, app->meter_shown[i], mt->after, mt->after - mt->before, mt->min, mt->max);
        k++;
    }
    int rows = (shown + cols - 1) / cols;
    return rows * mh + (rows - 1) * gap;
}

/* A choice button: a number box, then the text wrapped beside it. */
static int choice_height(App *app, const char *text, int w)
{
    int nb = text_line_h(app, FONT_BOLD) + app->m.gap;
    int top = (nb - text_line_h(app, FONT_BODY)) / 2;
    int th = text_height(app, text, FONT_BODY, w - nb - 3 * app->m.gap, 0);
    int h = th + top + 2 * app->m.gap;
    return h > nb + 2 * app->m.gap ? h : nb + 2 * app->m.gap;
}

static void draw_choice(App *app, SDL_Rect r, int number, const char *text)
{
    const Theme *th = app->th;
    int hit = draw_hit(app, r, (Action){ACT_CHOOSE, number}, true);
    bool hot = draw_is_hot(app, hit);
    draw_fill(app, r, hot ? th->raised : th->surface);
    draw_frame(app, r, hot ? th->accent : th->border, hot ? ui_px(app, 2) : 1);
    int nb = text_line_h(app, FONT_BOLD) + app->m.gap;
    SDL_Rect num = {r.x + app->m.gap, r.y + app->m.gap, nb, nb};
    draw_fill(app, num, th->accent);
    char d[12];
    snprintf(d, sizeof d, "%d", number);
    int dw = text_width(app, d, FONT_BOLD);
    text_draw(app, d, FONT_BOLD, th->on_accent, num.x + (nb - dw) / 2, num.y + (nb - text_line_h(app, FONT_BOLD)) / 2,
              0, 1, num, -1);
    int tx = num.x + nb + app->m.gap;
    int top = (nb - text_line_h(app, FONT_BODY)) / 2;
    text_draw(app, text, FONT_BODY, th->text, tx, r.y + app->m.gap + top, r.x + r.w - tx - app->m.gap, 0, r, -1);
}

/* Who speaks: their face, large (a quarter of the column, within bounds),
 * showing the line's mood, with their name, role and the mood in words
 * beside it. The narrator draws nothing. Returns the height used. */
static int draw_speaker(App *app, const DisplayLine *l, int x, int y, int w, SDL_Rect box)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Character *ch = l->character;
    if (!ch)
        return 0;
    int av = w / 4;
    if (av > ui_px(app, 168))
        av = ui_px(app, 168);
    if (av < ui_px(app, 88))
        av = ui_px(app, 88);
    draw_avatar(app, ch, l->speaker, l->mood, (SDL_Rect){x, y, av, av}, true);
    int tx = x + av + m->gap + m->gap / 2, tw = w - (tx - x);
    int ty = y + ui_px(app, 4);
    ty += text_draw(app, l->name, FONT_H2, th->text, tx, ty, tw, 1, box, -1);
    char line[300];
    if (l->mood != MOOD_NEUTRAL)
        snprintf(line, sizeof line, "%s \xC2\xB7 %s", ch->role, mood_name(l->mood));
    else
        snprintf(line, sizeof line, "%s", ch->role);
    ty += text_draw(app, line, FONT_BODY, th->muted, tx, ty, tw, 2, box, -1);
    return (ty > y + av ? ty : y + av) - y + m->gap;
}

/* "You said: “...”", what the player chose, quoted. */
static void quote_said(const DisplayMade *made, char *out, size_t cap)
{
    snprintf(out, cap, "You said: \xE2\x80\x9C%s\xE2\x80\x9D", made->text);
}

/* The coach's panel after a choice (practice mode); quote: repeat what the
 * player said (when no reply above has shown it). Returns its height. */
static int draw_coach(App *app, const DisplayNow *d, int x, int y, int w, bool quote)
{
    const Theme *th = app->th;
    const DisplayMade *made = &d->made;
    int pad = app->m.gap + ui_px(app, 6), iw = w - 2 * pad, y0 = y;
    SDL_Rect box = {x, y, w, 1 << 20};
    /* Measure first, then draw the panel under the text. */
    const char *fb = made->feedback;
    char score[300];
    if (made->skill)
        snprintf(score, sizeof score, "%s: %d of %d point%s", made->skill, made->points, made->possible,
                 made->possible == 1 ? "" : "s");
    else
        snprintf(score, sizeof score, "This choice is not scored.");
    char changes[1024] = "";
    size_t used = 0;
    for (int i = 0; i < d->nmeters; i++) {
        const DisplayMeter *mt = &d->meters[i];
        if (mt->before == mt->after || !mt->show)
            continue;
        int n = snprintf(changes + used, sizeof changes - used, "%s%s %+d (%d \xE2\x86\x92 %d)", used ? "   " : "",
                         mt->label, mt->after - mt->before, mt->before, mt->after);
        if (n < 0 || (size_t)n >= sizeof changes - used)
            break;
        used += (size_t)n;
    }
    char quoted[2048];
    quote_said(made, quoted, sizeof quoted);
    int h = pad;
    h += text_line_h(app, FONT_H2) + app->m.gap;
    if (quote)
        h += text_height(app, quoted, FONT_BODY, iw, 0) + app->m.gap;
    h += text_height(app, score, FONT_BOLD, iw, 0) + app->m.gap / 2;
    if (fb)
        h += text_height(app, fb, FONT_BODY, iw, 0) + app->m.gap;
    if (used)
        h += text_height(app, changes, FONT_SMALL, iw, 0) + app->m.gap;
    h += pad;
    SDL_Rect panel = {x, y, w, h};
    draw_panel(app, panel);
    SDL_Rect stripe = {x, y, ui_px(app, 5), h};
    draw_fill(app, stripe, th->accent);
    box = panel;
    y += pad;
    x += pad;
    y += text_draw(app, "Coach", FONT_H2, th->text, x, y, iw, 1, box, -1) + app->m.gap;
    if (quote)
        y += text_draw(app, quoted, FONT_BODY, th->muted, x, y, iw, 0, box, -1) + app->m.gap;
    y += text_draw(app, score, FONT_BOLD, th->text, x, y, iw, 0, box, -1) + app->m.gap / 2;
    if (fb)
        y += text_draw(app, fb, FONT_BODY, th->text, x, y, iw, 0, box, -1) + app->m.gap;
    if (used)
        text_draw(app, changes, FONT_SMALL, th->text, x, y, iw, 0, box, -1);
    return y0 + h - y0;
}

/* After a choice: what the player said and the other side's answer, then
 * (practice) the coach, then Continue and Undo. Returns the new y. */
static int draw_answer(App *app, const DisplayNow *d, int x, int yy, int w, SDL_Rect box)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    if (d->has_made && d->made.has_reply) {
        char line[2048];
        quote_said(&d->made, line, sizeof line);
        yy += text_draw(app, line, FONT_BODY, th->muted, x, yy, w, 0, box, -1) + m->gap;
        yy += draw_speaker(app, &d->made.reply, x, yy, w, box);
        yy += text_draw(app, d->made.reply.text, FONT_BODY, th->text, x, yy, w, 0, box, -1) + 2 * m->gap;
    }
    if (d->has_made && d->shows_feedback)
        yy += draw_coach(app, d, x, yy, w, !d->made.has_reply) + m->gap;
    int cw = text_width(app, "Continue", FONT_BOLD) + 6 * m->gap;
    int ch = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    draw_button(app, (SDL_Rect){x + w - cw, yy, cw, ch}, "Continue", (Action){ACT_CONTINUE, 0}, 1);
    if (d->can_undo) {
        int uw = text_width(app, "Undo", FONT_BOLD) + 4 * m->gap;
        draw_button(app, (SDL_Rect){x + w - cw - m->gap - uw, yy, uw, ch}, "Undo", (Action){ACT_UNDO, 0}, 0);
    }
    return yy + ch;
}

/* The node: a setback notice, who speaks, the text revealed so far, then
 * the choices (or Continue) once it is all shown. Returns the new y. */
static int draw_node(App *app, const DisplayNow *d, int x, int yy, int w, SDL_Rect box)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    if (d->setback) {
        yy += draw_notice(app, x, yy, w,
                          "\xE2\x9A\xA0 Setback: the conversation has come off the tracks. How you handle it counts.",
                          true) + m->gap;
    }
    yy += draw_speaker(app, &d->line, x, yy, w, box);
    yy += text_draw(app, d->line.text, FONT_BODY, th->text, x, yy, w, 0, box, app_reveal_chars(app));
    yy += 2 * m->gap;
    if (!app->reveal_done)
        return yy;
    if (d->status == SESSION_DECISION) {
        for (int i = 0; i < d->nchoices; i++) {
            const DisplayChoice *c = &d->choices[i];
            int h = choice_height(app, c->text, w);
            draw_choice(app, (SDL_Rect){x, yy, w, h}, c->number, c->text);
            yy += h + m->gap;
        }
    } else if (d->status == SESSION_READING) {
        int cw = text_width(app, "Continue", FONT_BOLD) + 6 * m->gap;
        int ch = text_line_h(app, FONT_BOLD) + 2 * m->gap;
        draw_button(app, (SDL_Rect){x + w - cw, yy, cw, ch}, "Continue", (Action){ACT_CONTINUE, 0}, 1);
        yy += ch;
    }
    return yy;
}

void screen_play(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const DisplayNow *d = app_now(app);
    if (!d)
        return;

    /* Top bar: title, then the history and menu buttons. */
    int bh = text_line_h(app, FONT_BOLD) + m->gap;
    int bw_menu = text_width(app, "Menu", FONT_BOLD) + 3 * m->gap;
    int bw_hist = text_width(app, "History", FONT_BOLD) + 3 * m->gap;
    int left = m->pad, right = m->w - m->pad;
    SDL_Rect top = {left, m->pad, right - left - bw_menu - bw_hist - 3 * m->gap, bh};
    text_draw(app, app->sc->title, FONT_BOLD, th->text, left, m->pad + (bh - text_line_h(app, FONT_BOLD)) / 2,
              top.w, 1, top, -1);
    draw_button(app, (SDL_Rect){right - bw_menu, m->pad, bw_menu, bh}, "Menu", (Action){ACT_BACK, 0}, 0);
    draw_button(app, (SDL_Rect){right - bw_menu - m->gap - bw_hist, m->pad, bw_hist, bh}, "History", (Action){ACT_HISTORY, 0}, 0);
    int y = m->pad + bh + m->gap;

    /* Meters: a side panel when there is room, else a row under the bar. */
    SDL_Rect col = m->content;
    int side_w = ui_px(app, 260);
    if (m->wide) {
        int total = col.w + m->gap * 3 + side_w;
        col.x = (m->w - total) / 2;
        SDL_Rect side = {col.x + col.w + 3 * m->gap, y + m->gap, side_w, m->h - y - 2 * m->pad};
        SDL_Rect bars = {side.x, side.y + text_line_h(app, FONT_BOLD) + m->gap, side.w, 0};
        if (draw_meters(app, d, bars, true, false) > 0) {
            text_draw(app, "Buyer", FONT_BOLD, th->muted, side.x, side.y, side.w, 1, side, -1);
            draw_meters(app, d, bars, true, true);
        }
    } else {
        int mh = draw_meters(app, d, (SDL_Rect){col.x, y, col.w, 0}, false, false);
        if (mh > 0) {
            draw_meters(app, d, (SDL_Rect){col.x, y, col.w, 0}, false, true);
            y += mh + m->gap;
        }
    }
    int hint_h = text_line_h(app, FONT_SMALL);
    SDL_Rect view = {col.x, y, col.w + ui_px(app, 10), m->h - y - m->pad - hint_h - m->gap};
    int y0 = page_begin(app, view, &app->scroll), yy = y0;
    SDL_Rect box = {col.x, y0, col.w, 1 << 20};
    if (app->coach)
        yy = draw_answer(app, d, col.x, yy, col.w, box);
    else
        yy = draw_node(app, d, col.x, yy, col.w, box);
    page_end(app, view, yy - y0, &app->scroll, &app->scroll_total, &app->scroll_view);
    /* the keys that choose name the choices on screen: "1-3", or "1" */
    char decide[160], keys[16];
    if (d->nchoices > 1)
        snprintf(keys, sizeof keys, "1\xE2\x80\x93%d", d->nchoices);
    else
        snprintf(keys, sizeof keys, "1");
    snprintf(decide, sizeof decide, "%s choose \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 and Enter%s \xC2\xB7 H history \xC2\xB7 Esc menu",
             keys, d->mode == SESSION_ASSESSMENT ? "" : " \xC2\xB7 U undo");
    const char *hint = app->coach ? (d->can_undo ? "Enter continue \xC2\xB7 U undo \xC2\xB7 H history \xC2\xB7 Esc menu"
                                                : "Enter continue \xC2\xB7 H history \xC2\xB7 Esc menu")
                     : !app->reveal_done ? "Any key shows the whole text"
                     : d->status == SESSION_DECISION ? decide
                     : "Enter continue \xC2\xB7 H history \xC2\xB7 Esc menu";
    SDL_Rect hb = {col.x, m->h - m->pad - hint_h, col.w, hint_h};
    text_draw(app, hint, FONT_SMALL, th->muted, hb.x, hb.y, hb.w, 1, hb, -1);
}
