/* ui_conversation.c - the conversation: who speaks (avatar, name, role,
 * mood), the text revealed progressively, the visible choices as numbered
 * buttons, the meters as bars that animate, a clear mark on setback nodes;
 * in practice mode the coach's panel after each choice. All of it is read
 * from the session's view; choices go back as commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/display.h"
#include "ui.h"

/* The meters the scenario shows, as bars inside r (a column or a row). */
static int draw_meters(App *app, SDL_Rect r, bool column, bool draw)
{
    const Scenario *sc = app->sc;
    int mh = text_line_h(app, FONT_SMALL) + ui_px(app, 16), gap = app->m.gap;
    int shown = 0;
    for (int i = 0; i < sc->nmeters; i++)
        shown += sc->meters[i].show;
    if (shown == 0)
        return 0;
    int cols = column ? 1 : layout_columns(r.w, ui_px(app, 180), 2 * gap, 4);
    int mw = (r.w - (cols - 1) * 2 * gap) / cols;
    int k = 0;
    for (int i = 0; i < sc->nmeters && draw; i++) {
        const Meter *mt = &sc->meters[i];
        if (!mt->show)
            continue;
        SDL_Rect b = {r.x + (k % cols) * (mw + 2 * gap), r.y + (k / cols) * (mh + gap), mw, mh};
        draw_meter(app, b, mt->label, app->meter_shown[i], session_meter(app->ses, i), mt->min, mt->max);
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
 * showing mood, with their name, role and the mood in words beside it.
 * ci -1 (the narrator) draws nothing. Returns the height used. */
static int draw_speaker(App *app, int ci, Mood mood, int x, int y, int w, SDL_Rect box)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    if (ci < 0 || ci >= app->sc->ncharacters)
        return 0;
    const Character *ch = &app->sc->characters[ci];
    int av = w / 4;
    if (av > ui_px(app, 168))
        av = ui_px(app, 168);
    if (av < ui_px(app, 88))
        av = ui_px(app, 88);
    draw_avatar(app, ch, ci, mood, (SDL_Rect){x, y, av, av}, true);
    int tx = x + av + m->gap + m->gap / 2, tw = w - (tx - x);
    int ty = y + ui_px(app, 4);
    ty += text_draw(app, ch->name, FONT_H2, th->text, tx, ty, tw, 1, box, -1);
    char line[300];
    if (mood != MOOD_NEUTRAL)
        snprintf(line, sizeof line, "%s \xC2\xB7 %s", ch->role, mood_name(mood));
    else
        snprintf(line, sizeof line, "%s", ch->role);
    ty += text_draw(app, line, FONT_BODY, th->muted, tx, ty, tw, 2, box, -1);
    return (ty > y + av ? ty : y + av) - y + m->gap;
}

/* The coach's panel after a choice (practice mode); quote: repeat what the
 * player said (when no reply above has shown it). Returns its height. */
static int draw_coach(App *app, int x, int y, int w, bool quote)
{
    const Theme *th = app->th;
    const Scenario *sc = app->sc;
    SessionView v;
    session_view(app->ses, &v);
    if (!v.last_step)
        return 0;
    int pad = app->m.gap + ui_px(app, 6), iw = w - 2 * pad, y0 = y;
    SDL_Rect box = {x, y, w, 1 << 20};
    /* Measure first, then draw the panel under the text. */
    char *said = app_format(app, v.last_choice->text);
    char score[300], *fb = v.last_choice->feedback ? app_format(app, v.last_choice->feedback) : NULL;
    if (v.last_step->skill >= 0)
        snprintf(score, sizeof score, "%s: %d of %d point%s", sc->skills[v.last_step->skill].label,
                 v.last_step->points, v.last_step->possible, v.last_step->possible == 1 ? "" : "s");
    else
        snprintf(score, sizeof score, "This choice is not scored.");
    char changes[1024] = "";
    size_t used = 0;
    for (int i = 0; v.meters_before && i < sc->nmeters; i++) {
        int before = v.meters_before[i], after = session_meter(app->ses, i);
        if (before == after || !sc->meters[i].show)
            continue;
        int n = snprintf(changes + used, sizeof changes - used, "%s%s %+d (%d \xE2\x86\x92 %d)", used ? "   " : "",
                         sc->meters[i].label, after - before, before, after);
        if (n < 0 || (size_t)n >= sizeof changes - used)
            break;
        used += (size_t)n;
    }
    char quoted[2048];
    snprintf(quoted, sizeof quoted, "You said: \xE2\x80\x9C%s\xE2\x80\x9D", said);
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
    free(said);
    free(fb);
    return y0 + h - y0;
}

void screen_play(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    if (!app->ses)
        return;
    SessionView v;
    session_view(app->ses, &v);
    const Scenario *sc = app->sc;

    /* Top bar: title, then the history and menu buttons. */
    int bh = text_line_h(app, FONT_BOLD) + m->gap;
    int bw_menu = text_width(app, "Menu", FONT_BOLD) + 3 * m->gap;
    int bw_hist = text_width(app, "History", FONT_BOLD) + 3 * m->gap;
    int left = m->pad, right = m->w - m->pad;
    SDL_Rect top = {left, m->pad, right - left - bw_menu - bw_hist - 3 * m->gap, bh};
    text_draw(app, sc->title, FONT_BOLD, th->text, left, m->pad + (bh - text_line_h(app, FONT_BOLD)) / 2,
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
        int used = draw_meters(app, (SDL_Rect){side.x, side.y + text_line_h(app, FONT_BOLD) + m->gap, side.w, 0}, true, false);
        if (used > 0) {
            text_draw(app, "Buyer", FONT_BOLD, th->muted, side.x, side.y, side.w, 1, side, -1);
            draw_meters(app, (SDL_Rect){side.x, side.y + text_line_h(app, FONT_BOLD) + m->gap, side.w, 0}, true, true);
        }
    } else {
        int mh = draw_meters(app, (SDL_Rect){col.x, y, col.w, 0}, false, false);
        if (mh > 0) {
            draw_meters(app, (SDL_Rect){col.x, y, col.w, 0}, false, true);
            y += mh + m->gap;
        }
    }
    int hint_h = text_line_h(app, FONT_SMALL);
    SDL_Rect view = {col.x, y, col.w + ui_px(app, 10), m->h - y - m->pad - hint_h - m->gap};
    int y0 = page_begin(app, view, &app->scroll), yy = y0;
    SDL_Rect box = {col.x, y0, col.w, 1 << 20};
    int w = col.w;

    if (app->coach) {
        /* after a choice: the other side's answer, then (practice) the coach */
        int rs;
        Mood rm;
        char *reply = v.last_step ? app_reply(app, v.last_step, &rs, &rm) : NULL;
        bool answered = reply != NULL;
        if (reply) {
            char *said = app_format(app, v.last_choice->text), line[2048];
            snprintf(line, sizeof line, "You said: \xE2\x80\x9C%s\xE2\x80\x9D", said);
            free(said);
            yy += text_draw(app, line, FONT_BODY, th->muted, col.x, yy, w, 0, box, -1) + m->gap;
            yy += draw_speaker(app, rs, rm, col.x, yy, w, box);
            yy += text_draw(app, reply, FONT_BODY, th->text, col.x, yy, w, 0, box, -1) + 2 * m->gap;
            free(reply);
        }
        if (session_shows_feedback(app->ses))
            yy += draw_coach(app, col.x, yy, w, !answered) + m->gap;
        int cw = text_width(app, "Continue", FONT_BOLD) + 6 * m->gap;
        int ch = text_line_h(app, FONT_BOLD) + 2 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - cw, yy, cw, ch}, "Continue", (Action){ACT_CONTINUE, 0}, 1);
        if (v.can_undo) {
            int uw = text_width(app, "Undo", FONT_BOLD) + 4 * m->gap;
            draw_button(app, (SDL_Rect){col.x + w - cw - m->gap - uw, yy, uw, ch}, "Undo", (Action){ACT_UNDO, 0}, 0);
        }
        yy += ch;
    } else {
        const Node *node = v.node;
        if (node->setback) {
            yy += draw_notice(app, col.x, yy, w,
                              "\xE2\x9A\xA0 Setback: the conversation has come off the tracks. How you handle it counts.",
                              true) + m->gap;
        }
        /* who speaks, in which mood, and the wording for this visit (the
         * node's variant) come finished from core's display model */
        DisplayNow *d = display_now(app->ses);
        yy += draw_speaker(app, node->speaker, d ? d->line.mood : node->mood, col.x, yy, w, box);
        yy += text_draw(app, d ? d->line.text : node->text, FONT_BODY, th->text, col.x, yy, w, 0, box,
                        app_reveal_chars(app));
        display_now_free(d);
        yy += 2 * m->gap;
        if (app->reveal_done) {
            if (v.status == SESSION_DECISION) {
                for (int i = 0; i < v.nvisible; i++) {
                    char *ct = app_format(app, node->choices[v.visible[i]].text);
                    int h = choice_height(app, ct, w);
                    draw_choice(app, (SDL_Rect){col.x, yy, w, h}, i + 1, ct);
                    yy += h + m->gap;
                    free(ct);
                }
            } else if (v.status == SESSION_READING) {
                int cw = text_width(app, "Continue", FONT_BOLD) + 6 * m->gap;
                int ch = text_line_h(app, FONT_BOLD) + 2 * m->gap;
                draw_button(app, (SDL_Rect){col.x + w - cw, yy, cw, ch}, "Continue", (Action){ACT_CONTINUE, 0}, 1);
                yy += ch;
            }
        }
    }
    page_end(app, view, yy - y0, &app->scroll, &app->scroll_total, &app->scroll_view);
    /* the keys that choose name the choices on screen: "1-3", or "1" */
    char decide[160], keys[16];
    if (v.nvisible > 1)
        snprintf(keys, sizeof keys, "1\xE2\x80\x93%d", v.nvisible);
    else
        snprintf(keys, sizeof keys, "1");
    snprintf(decide, sizeof decide, "%s choose \xC2\xB7 \xE2\x86\x91\xE2\x86\x93 and Enter%s \xC2\xB7 H history \xC2\xB7 Esc menu",
             keys, session_mode(app->ses) == SESSION_ASSESSMENT ? "" : " \xC2\xB7 U undo");
    const char *hint = app->coach ? (v.can_undo ? "Enter continue \xC2\xB7 U undo \xC2\xB7 H history \xC2\xB7 Esc menu"
                                                : "Enter continue \xC2\xB7 H history \xC2\xB7 Esc menu")
                     : !app->reveal_done ? "Any key shows the whole text"
                     : v.status == SESSION_DECISION ? decide
                     : "Enter continue \xC2\xB7 H history \xC2\xB7 Esc menu";
    SDL_Rect hb = {col.x, m->h - m->pad - hint_h, col.w, hint_h};
    text_draw(app, hint, FONT_SMALL, th->muted, hb.x, hb.y, hb.w, 1, hb, -1);
}
