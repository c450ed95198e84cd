/* ui_debrief.c - the debrief after an ending: the outcome and its text, the
 * percent and grade, every skill as a bar with earned/possible, how the
 * setbacks were handled, and every decision with the choice made, the best
 * choice that was visible there (step_best_points over Step.visible) and
 * the coach's feedback. Numbers always carry the meaning; colour only helps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/common.h"
#include "ui.h"

/* One decision of the debrief. Returns its height. */
static int draw_step(App *app, int x, int y, int w, int number, const Step *st)
{
    const Theme *th = app->th;
    const Scenario *sc = app->sc;
    const Node *n = &sc->nodes[st->node];
    const Choice *c = &n->choices[st->choice];
    SDL_Rect box = {x, y, w, 1 << 20};
    int y0 = y, ind = app->m.gap * 2;
    char head[256];
    if (st->skill >= 0)
        snprintf(head, sizeof head, "Decision %d \xC2\xB7 %s \xC2\xB7 %d of %d point%s%s", number,
                 sc->skills[st->skill].label, st->points, st->possible, st->possible == 1 ? "" : "s",
                 st->after_setback ? " \xC2\xB7 after a setback" : "");
    else
        snprintf(head, sizeof head, "Decision %d \xC2\xB7 not scored%s", number,
                 st->after_setback ? " \xC2\xB7 after a setback" : "");
    y += text_draw(app, head, FONT_BOLD, th->text, x, y, w, 0, box, -1);
    char *said = app_format(app, n->text), context[2048];
    snprintf(context, sizeof context, "%s: %s", n->speaker >= 0 ? sc->characters[n->speaker].name : "Narrator", said);
    y += text_draw(app, context, FONT_SMALL, th->muted, x + ind, y, w - ind, 2, box, -1) + app->m.gap / 2;
    free(said);
    char *ct = app_format(app, c->text), line[2048];
    snprintf(line, sizeof line, "You chose: \xE2\x80\x9C%s\xE2\x80\x9D", ct);
    free(ct);
    y += text_draw(app, line, FONT_BODY, th->text, x + ind, y, w - ind, 0, box, -1);
    int rs;
    Mood rm;
    char *reply = app_reply(app, st, &rs, &rm);
    if (reply) {
        snprintf(line, sizeof line, "%s (%s): %s", rs >= 0 ? sc->characters[rs].name : "Narrator", mood_name(rm), reply);
        free(reply);
        y += text_draw(app, line, FONT_BODY, th->muted, x + ind, y, w - ind, 0, box, -1);
    }
    if (st->skill >= 0) {
        int best = step_best_points(n, st->visible);
        if (best > st->points) {
            for (int i = 0; i < n->nchoices; i++) {
                if (!(st->visible & (1u << i)) || n->choices[i].points != best)
                    continue;
                char *bt = app_format(app, n->choices[i].text);
                snprintf(line, sizeof line, "Best here (%d point%s): \xE2\x80\x9C%s\xE2\x80\x9D", best,
                         best == 1 ? "" : "s", bt);
                free(bt);
                y += text_draw(app, line, FONT_BODY, th->text, x + ind, y, w - ind, 0, box, -1);
                break;
            }
        } else {
            y += text_draw(app, "That was the best choice available here.", FONT_BODY, th->good, x + ind, y,
                           w - ind, 0, box, -1);
        }
    }
    if (c->feedback) {
        char *fb = app_format(app, c->feedback);
        snprintf(line, sizeof line, "Coach: %s", fb);
        free(fb);
        y += text_draw(app, line, FONT_BODY, th->muted, x + ind, y, w - ind, 0, box, -1);
    }
    return y - y0;
}

void screen_debrief(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    const Scenario *sc = app->sc;
    if (!app->ses)
        return;
    SessionView v;
    session_view(app->ses, &v);
    const Node *end = v.node;
    SDL_Rect col = m->content;
    int w = col.w;
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int footer_y = m->h - m->pad - bh;
    SDL_Rect view = {col.x, m->pad, col.w + ui_px(app, 10), footer_y - m->gap - m->pad};
    int y0 = page_begin(app, view, &app->scroll), y = y0;
    SDL_Rect box = {col.x, y0, w, 1 << 20};

    char title[512];
    snprintf(title, sizeof title, "%s: %s", outcome_label(end->outcome), end->ending_title ? end->ending_title : "");
    y += text_draw(app, title, FONT_H1, th->text, col.x, y, w, 0, box, -1);
    if (end->ending_text) {
        char *t = app_format(app, end->ending_text);
        y += text_draw(app, t, FONT_BODY, th->text, col.x, y + m->gap / 2, w, 0, box, -1) + m->gap / 2;
        free(t);
    }
    y += m->gap * 2;

    /* The score: percent and grade in a panel. */
    const Grade *g = scenario_grade(sc, v.percent);
    char pct[32];
    snprintf(pct, sizeof pct, "%d%%", v.percent);
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

    /* Skills */
    y += text_draw(app, "Skills", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
    SkillScore scores[64];
    int nsk = sc->nskills < 64 ? sc->nskills : 64;
    session_skill_scores(app->ses, scores);
    for (int i = 0; i < nsk; i++) {
        char num[64];
        if (scores[i].possible > 0)
            snprintf(num, sizeof num, "%d / %d", scores[i].earned, scores[i].possible);
        else
            snprintf(num, sizeof num, "not tested");
        int nw = text_width(app, num, FONT_BOLD);
        int lh = text_line_h(app, FONT_BODY);
        SDL_Rect lb = {col.x, y, w - nw - m->gap, lh};
        text_draw(app, sc->skills[i].label, FONT_BODY, th->text, col.x, y, lb.w, 1, lb, -1);
        text_draw(app, num, FONT_BOLD, scores[i].possible > 0 ? th->text : th->muted, col.x + w - nw, y, 0, 1, box, -1);
        y += lh + ui_px(app, 4);
        SDL_Rect track = {col.x, y, w, ui_px(app, 8)};
        draw_fill(app, track, th->track);
        if (scores[i].possible > 0) {
            SDL_Rect fill = track;
            fill.w = layout_bar_fill(w, scores[i].earned, 0, scores[i].possible);
            draw_fill(app, fill, th->accent);
        }
        y += track.h + m->gap;
    }
    y += m->gap;

    /* Setbacks */
    int nsteps;
    const Step *steps = session_steps(app->ses, &nsteps);
    y += text_draw(app, "Setbacks", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap / 2;
    int nset = 0, earned = 0, possible = 0;
    for (int i = 0; i < nsteps; i++)
        if (steps[i].after_setback) {
            nset++;
            earned += steps[i].points;
            possible += steps[i].possible;
        }
    char sline[256];
    if (nset == 0)
        snprintf(sline, sizeof sline, "No setback came up in this playthrough.");
    else
        snprintf(sline, sizeof sline, "%d setback%s came up. Your first decision after each earned %d of %d point%s (%d%%).",
                 nset, nset == 1 ? "" : "s", earned, possible, possible == 1 ? "" : "s", compel_percent(earned, possible));
    y += text_draw(app, sline, FONT_BODY, th->text, col.x, y, w, 0, box, -1) + 2 * m->gap;

    /* Decisions */
    y += text_draw(app, "Your decisions", FONT_H2, th->text, col.x, y, w, 1, box, -1) + m->gap;
    if (nsteps == 0)
        y += text_draw(app, "No decisions were made.", FONT_BODY, th->muted, col.x, y, w, 0, box, -1);
    for (int i = 0; i < nsteps; i++) {
        y += draw_step(app, col.x, y, w, i + 1, &steps[i]) + m->gap;
        if (i + 1 < nsteps) {
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
    draw_button(app, (SDL_Rect){col.x, footer_y, bw1, bh}, "Pick another", (Action){ACT_PICKER, 0}, 0);
    draw_button(app, (SDL_Rect){col.x + w - bw2, footer_y, bw2, bh}, "Try again", (Action){ACT_RESTART, 0}, 1);
}
