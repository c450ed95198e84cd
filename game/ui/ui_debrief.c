/* ui_debrief.c - the debrief after an ending: the outcome and its text, the
 * percent and grade, every skill as a bar with earned/possible, how the
 * setbacks were handled, and every decision with what was said, the choice
 * made, the answer to it, the best choice that was visible there and the
 * coach's feedback. All of it is laid out from core's Debrief (display.h),
 * the one the terminal player prints. Numbers always carry the meaning;
 * colour only helps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "ui.h"

/* One decision of the debrief. Returns its height. */
static int draw_decision(App *app, int x, int y, int w, const DebriefDecision *c)
{
    const Theme *th = app->th;
    SDL_Rect box = {x, y, w, 1 << 20};
    int y0 = y, ind = app->m.gap * 2;
    char head[256];
    if (c->skill)
        snprintf(head, sizeof head, "Decision %d \xC2\xB7 %s \xC2\xB7 %d of %d point%s%s", c->number, c->skill,
                 c->points, c->possible, c->possible == 1 ? "" : "s", c->after_setback ? " \xC2\xB7 after a setback" : "");
    else
        snprintf(head, sizeof head, "Decision %d \xC2\xB7 not scored%s", c->number,
                 c->after_setback ? " \xC2\xB7 after a setback" : "");
    y += text_draw(app, head, FONT_BOLD, th->text, x, y, w, 0, box, -1);
    char line[2048];
    snprintf(line, sizeof line, "%s: %s", c->context.name, c->context.text);
    y += text_draw(app, line, FONT_SMALL, th->muted, x + ind, y, w - ind, 2, box, -1) + app->m.gap / 2;
    snprintf(line, sizeof line, "You chose: \xE2\x80\x9C%s\xE2\x80\x9D", c->said);
    y += text_draw(app, line, FONT_BODY, th->text, x + ind, y, w - ind, 0, box, -1);
    if (c->has_reply) {
        snprintf(line, sizeof line, "%s (%s): %s", c->reply.name, mood_name(c->reply.mood), c->reply.text);
        y += text_draw(app, line, FONT_BODY, th->muted, x + ind, y, w - ind, 0, box, -1);
    }
    if (c->best) {
        snprintf(line, sizeof line, "Best here (%d point%s): \xE2\x80\x9C%s\xE2\x80\x9D", c->best_points,
                 c->best_points == 1 ? "" : "s", c->best);
        y += text_draw(app, line, FONT_BODY, th->text, x + ind, y, w - ind, 0, box, -1);
    } else if (c->was_best) {
        y += text_draw(app, "That was the best choice available here.", FONT_BODY, th->good, x + ind, y,
                       w - ind, 0, box, -1);
    }
    if (c->feedback) {
        snprintf(line, sizeof line, "Coach: %s", c->feedback);
        y += text_draw(app, line, FONT_BODY, th->muted, x + ind, y, w - ind, 0, box, -1);
    }
    return y - y0;
}

/* The skills, each a label, earned / possible and a bar. Returns the new y. */
static int draw_skills(App *app, const Debrief *d, int x, int y, int w, SDL_Rect box)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    y += text_draw(app, "Skills", FONT_H2, th->text, x, y, w, 1, box, -1) + m->gap;
    for (int i = 0; i < d->nskills; i++) {
        const DebriefSkill *k = &d->skills[i];
        char num[64];
        if (k->scored)
            snprintf(num, sizeof num, "%d / %d", k->earned, k->possible);
        else
            snprintf(num, sizeof num, "not tested");
        int nw = text_width(app, num, FONT_BOLD);
        int lh = text_line_h(app, FONT_BODY);
        SDL_Rect lb = {x, y, w - nw - m->gap, lh};
        text_draw(app, k->label, FONT_BODY, th->text, x, y, lb.w, 1, lb, -1);
        text_draw(app, num, FONT_BOLD, k->scored ? th->text : th->muted, x + w - nw, y, 0, 1, box, -1);
        y += lh + ui_px(app, 4);
        SDL_Rect track = {x, y, w, ui_px(app, 8)};
        draw_fill(app, track, th->track);
        if (k->possible > 0) {
            SDL_Rect fill = track;
            fill.w = layout_bar_fill(w, k->earned, 0, k->possible);
            draw_fill(app, fill, th->accent);
        }
        y += track.h + m->gap;
    }
    return y + m->gap;
}

void screen_debrief(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Debrief *d = app_debrief(app);
    if (!d)
        return;
    SDL_Rect col = m->content;
    int w = col.w;
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int footer_y = m->h - m->pad - bh;
    SDL_Rect view = {col.x, m->pad, col.w + ui_px(app, 10), footer_y - m->gap - m->pad};
    int y0 = page_begin(app, view, &app->scroll), y = y0;
    SDL_Rect box = {col.x, y0, w, 1 << 20};

    char title[512];
    snprintf(title, sizeof title, "%s: %s", outcome_label(d->outcome), d->ending_title ? d->ending_title : "");
    y += text_draw(app, title, FONT_H1, th->text, col.x, y, w, 0, box, -1);
    if (d->ending_text && *d->ending_text)
        y += text_draw(app, d->ending_text, FONT_BODY, th->text, col.x, y + m->gap / 2, w, 0, box, -1) + m->gap / 2;
    y += m->gap * 2;

    /* The score: percent and grade in a panel. */
    const Grade *g = d->grade;
    char pct[32];
    snprintf(pct, sizeof pct, "%d%%", d->percent);
    int pw = text_width(app, pct, FONT_H1);
    int pad = m->gap + ui_px(app, 4);
    int gx = col.x + pad + pw + 2 * m->gap, gw = w - (gx - col.x) - pad;
    int gh = text_line_h(app, FONT_H2) + (g->text ? text_height(app, g->text, FONT_BODY, gw, 0) : 0);
    int sh = (gh > text_line_h(app, FONT_H1) ? gh : text_line_h(app, FONT_H1)) + 2 * pad;
    SDL_Rect score = {col.x, y, w, sh};
    draw_panel(app, score);
    text_draw(app, pct, FONT_H1, th->text, col.x + pad, y + pad, 0, 1, score, -1);
    text_draw(app, g->label, FONT_H2, th->text, gx, y + pad, gw, 1, score, -1);
    if (g->text)
        text_draw(app, g->text, FONT_BODY, th->muted, gx, y + pad + text_line_h(app, FONT_H2), gw, 0, score, -1);
    y += sh + 2 * m->gap;
    if (app->record_error)
        y += draw_notice(app, col.x, y, w, app->record_error, true) + m->gap;
    char lrs[160];
    if (ui_lrs_status(app, lrs, sizeof lrs))
        y += text_draw(app, lrs, FONT_SMALL, th->muted, col.x, y, w, 1, box, -1) + m->gap;
    char lms[800];
    if (ui_cmi5_status(app, lms, sizeof lms))
        y += text_draw(app, lms, FONT_BODY, th->text, col.x, y, w, 3, box, -1) + m->gap;

    y = draw_skills(app, d, col.x, y, w, box);

    /* Setbacks */
    y += text_draw(app, "Setbacks", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap / 2;
    char sline[256];
    if (d->setbacks == 0)
        snprintf(sline, sizeof sline, "No setback came up in this playthrough.");
    else
        snprintf(sline, sizeof sline, "%d setback%s came up. Your first decision after each earned %d of %d point%s (%d%%).",
                 d->setbacks, d->setbacks == 1 ? "" : "s", d->setback_earned, d->setback_possible,
                 d->setback_possible == 1 ? "" : "s", d->setback_percent);
    y += text_draw(app, sline, FONT_BODY, th->text, col.x, y, w, 0, box, -1) + 2 * m->gap;

    /* Decisions */
    y += text_draw(app, "Your decisions", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
    if (d->ndecisions == 0)
        y += text_draw(app, "No decisions were made.", FONT_BODY, th->muted, col.x, y, w, 0, box, -1);
    for (int i = 0; i < d->ndecisions; i++) {
        y += draw_decision(app, col.x, y, w, &d->decisions[i]) + m->gap;
        if (i + 1 < d->ndecisions) {
            SDL_Rect rule = {col.x, y, w, 1};
            draw_fill(app, rule, th->border);
            y += m->gap;
        }
    }
    page_end(app, view, y - y0, &app->scroll, &app->scroll_total, &app->scroll_view);

    if (ui_cmi5_active(app)) {   /* launched by an LMS: its one attempt is done */
        int bw = text_width(app, "Close", FONT_BOLD) + 6 * m->gap;
        draw_button(app, (SDL_Rect){col.x + w - bw, footer_y, bw, bh}, "Close", (Action){ACT_QUIT, 0}, 1);
        return;
    }
    int bw1 = text_width(app, "Pick another", FONT_BOLD) + 3 * m->gap;
    int bw2 = text_width(app, "Try again", FONT_BOLD) + 4 * m->gap;
    int bw3 = text_width(app, "Map (M)", FONT_BOLD) + 3 * m->gap;
    draw_button(app, (SDL_Rect){col.x, footer_y, bw1, bh}, "Pick another", (Action){ACT_PICKER, 0}, 0);
    draw_button(app, (SDL_Rect){col.x + bw1 + m->gap, footer_y, bw3, bh}, "Map (M)", (Action){ACT_MAP, 0}, 0);
    draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Try again", (Action){ACT_RESTART, 0}, 1);
}
