/* ui_pause.c - the pause menu (Esc): resume, restart, settings, back to
 * the scenarios, quit. */
#include "ui.h"

typedef struct MenuItem { const char *label; Action act; } MenuItem;

void overlay_pause(App *app)
{
    const Metrics *m = &app->m;
    MenuItem items[8];
    int n = 0;
    bool playing = app->screen == SCREEN_PLAY && app->ses;
    items[n++] = (MenuItem){"Resume", {ACT_RESUME, 0}};
    const DisplayNow *d = playing ? app_now(app) : NULL;
    if (d && d->can_undo)
        items[n++] = (MenuItem){"Undo last choice", {ACT_UNDO, 0}};
    bool one_attempt = ui_cmi5_active(app);   /* launched by an LMS */
    if (app->ses && !one_attempt && (app->screen == SCREEN_PLAY || app->screen == SCREEN_DEBRIEF))
        items[n++] = (MenuItem){"Restart scenario", {ACT_RESTART, 0}};
    items[n++] = (MenuItem){"Settings", {ACT_SETTINGS, 0}};
    if (app->screen != SCREEN_PICKER && !one_attempt)
        items[n++] = (MenuItem){"Back to scenarios", {ACT_PICKER, 0}};
    items[n++] = (MenuItem){"Quit", {ACT_QUIT, 0}};
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int pad = 2 * m->gap;
    int w = ui_px(app, 360);
    int h = pad * 2 + text_line_h(app, FONT_H2) + m->gap + n * (bh + m->gap);
    SDL_Rect p = draw_centred_panel(app, w, h);
    text_draw(app, "Paused", FONT_H2, app->th->text, p.x + pad, p.y + pad, p.w - 2 * pad, 1, p, -1);
    int y = p.y + pad + text_line_h(app, FONT_H2) + m->gap;
    for (int i = 0; i < n; i++) {
        draw_button(app, (SDL_Rect){p.x + pad, y, p.w - 2 * pad, bh}, items[i].label, items[i].act, i == 0);
        y += bh + m->gap;
    }
}
