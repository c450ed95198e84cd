/* ui_settings.c - the settings panel (player name, mode, theme, text size,
 * full screen, reload on save, and the way to the learning-records panel), saved in the
 * preferences folder as soon as it closes. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

enum { ROW_NAME, ROW_MODE, ROW_THEME, ROW_SCALE, ROW_FULLSCREEN, ROW_RECORDS, ROW_WATCH, ROW_COUNT };

static const double scales[] = {0.75, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0};

int settings_rows(void) { return ROW_COUNT; }

void settings_change(App *app, int row, int dir)
{
    Settings *s = &app->set;
    switch (row) {
    case ROW_MODE:
        s->assessment = !s->assessment;
        break;
    case ROW_THEME:
        s->theme = (ThemeId)((s->theme + (dir < 0 ? THEME_COUNT - 1 : 1)) % THEME_COUNT);
        app_relayout(app);
        break;
    case ROW_SCALE: {
        int k = 0, n = (int)(sizeof scales / sizeof scales[0]);
        for (int i = 0; i < n; i++)
            if (scales[i] <= s->text_scale + 1e-6)
                k = i;
        k += dir < 0 ? -1 : 1;
        if (dir == 0)
            k = (k) % n;
        if (k < 0)
            k = 0;
        if (k >= n)
            k = dir == 0 ? 0 : n - 1;
        s->text_scale = scales[k];
        app_relayout(app);
        break;
    }
    case ROW_RECORDS:
        records_open(app);
        break;
    case ROW_FULLSCREEN:
        s->fullscreen = !s->fullscreen;
        SDL_SetWindowFullscreen(app->win, s->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        app_relayout(app);
        break;
    case ROW_WATCH:
        s->watch = !s->watch;
        ui_watch_start(app);   /* starts or stops, for the open scenario */
        break;
    default:
        break;
    }
    app->dirty = true;
}

void overlay_settings(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    int pad = 2 * m->gap;
    int lh = text_line_h(app, FONT_BODY), rowh = lh + 2 * m->gap;
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int w = ui_px(app, 620);
    int h = 2 * pad + text_line_h(app, FONT_H2) + m->gap + ROW_COUNT * (rowh + m->gap) +
            text_line_h(app, FONT_SMALL) * 2 + m->gap + bh;
    SDL_Rect p = draw_centred_panel(app, w, h);
    text_draw(app, "Settings", FONT_H2, th->text, p.x + pad, p.y + pad, p.w - 2 * pad, 1, p, -1);
    int y = p.y + pad + text_line_h(app, FONT_H2) + m->gap;
    int label_w = (p.w - 2 * pad) * 2 / 5;
    char scale[16];
    snprintf(scale, sizeof scale, "%d%%", (int)(app->set.text_scale * 100 + 0.5));
    const char *labels[ROW_COUNT] = {"Your name", "Mode", "Theme", "Text size", "Full screen", "Learning records",
                                     "Reload on save"};
    char where[160];
    const char *values[ROW_COUNT] = {
        app->set.player,
        app->set.assessment ? "Assessment" : "Practice",
        theme_get(app->set.theme)->label,
        scale,
        app->set.fullscreen ? "On" : "Off",
        records_summary(app, where, sizeof where),
        app->set.watch ? "On" : "Off",
    };
    for (int r = 0; r < ROW_COUNT; r++) {
        SDL_Rect row = {p.x + pad, y, p.w - 2 * pad, rowh};
        int hit = draw_hit(app, row, (Action){ACT_SETTING, r}, true);
        bool hot = draw_is_hot(app, hit);
        if (hot)
            draw_fill(app, row, th->raised);
        if (hot && app->settings_row == r)
            draw_frame(app, row, th->accent, ui_px(app, 2));
        text_draw(app, labels[r], FONT_BODY, th->text, row.x + m->gap, row.y + m->gap, label_w - m->gap, 1, row, -1);
        int vx = row.x + label_w, vw = row.w - label_w - m->gap;
        if (r == ROW_NAME) {
            settings_field(app, row, label_w, values[r], app->settings_row == ROW_NAME, false);
        } else if (r == ROW_RECORDS) {
            const char *open = app->lrs || app->records.url[0] ? "Change" : "Set up";
            int bw = text_width(app, open, FONT_BOLD) + 4 * m->gap;
            draw_button(app, (SDL_Rect){vx + vw - bw, row.y + m->gap / 2, bw, rowh - m->gap}, open,
                        (Action){ACT_SETTING, r}, 0);
            app->hits[app->nhits - 1].focusable = false;   /* the row itself takes the focus */
            text_draw(app, values[r], FONT_BOLD, th->text, vx, row.y + m->gap, vw - bw - m->gap, 1, row, -1);
        } else {
            int aw = rowh - m->gap;
            SDL_Rect dec = {vx, row.y + m->gap / 2, aw, aw}, inc = {vx + vw - aw, row.y + m->gap / 2, aw, aw};
            draw_button(app, dec, "\xE2\x80\xB9", (Action){ACT_SETTING_DEC, r}, 0);
            app->hits[app->nhits - 1].focusable = false;
            draw_button(app, inc, "\xE2\x80\xBA", (Action){ACT_SETTING_INC, r}, 0);
            app->hits[app->nhits - 1].focusable = false;
            int tw = text_width(app, values[r], FONT_BOLD);
            SDL_Rect vb = {dec.x + aw, row.y, vw - 2 * aw, rowh};
            text_draw(app, values[r], FONT_BOLD, th->text, vb.x + (vb.w - tw) / 2, row.y + m->gap, vb.w, 1, vb, -1);
        }
        y += rowh + m->gap;
    }
    const char *note = "Mode applies from the next playthrough. Settings are saved when you close this panel.";
    text_draw(app, note, FONT_SMALL, th->muted, p.x + pad, y, p.w - 2 * pad, 2, p, -1);
    y += 2 * text_line_h(app, FONT_SMALL) + m->gap;
    int bw = text_width(app, "Done", FONT_BOLD) + 6 * m->gap;
    draw_button(app, (SDL_Rect){p.x + p.w - pad - bw, y, bw, bh}, "Done", (Action){ACT_CLOSE, 0}, 1);
}

void settings_field(App *app, SDL_Rect row, int label_w, const char *value, bool active, bool secret)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    int rowh = row.h;
    int vx = row.x + label_w, vw = row.w - label_w - m->gap;
    SDL_Rect field = {vx, row.y + m->gap / 2, vw, rowh - m->gap};
    draw_fill(app, field, th->surface);
    draw_frame(app, field, active ? th->accent : th->border, 1);
    char shown[1100];
    size_t n = 0;
    if (secret) {   /* one dot per character, never the secret itself */
        for (const unsigned char *p = (const unsigned char *)value; *p && n + 4 < sizeof shown; p++)
            if ((*p & 0xC0) != 0x80) {
                memcpy(shown + n, "\xE2\x80\xA2", 3);
                n += 3;
            }
        shown[n] = '\0';
    } else {
        snprintf(shown, sizeof shown, "%s", value);
        n = strlen(shown);
    }
    if (active && n + 1 < sizeof shown)
        memcpy(shown + n, "|", 2);
    /* a long value shows its end, where the typing is */
    const char *from = shown;
    int avail = field.w - m->gap;
    if (text_width(app, shown, FONT_BODY) > avail) {   /* the first start that fits: width falls as it moves */
        size_t lo = 0, hi = strlen(shown);
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            while (mid > lo && (((unsigned char)shown[mid]) & 0xC0) == 0x80)
                mid--;
            if (text_width(app, shown + mid, FONT_BODY) > avail) {
                lo = mid + 1;
                while (lo < hi && (((unsigned char)shown[lo]) & 0xC0) == 0x80)
                    lo++;
            } else {
                hi = mid;
            }
        }
        from = shown + lo;
    }
    text_draw(app, from, FONT_BODY, th->text, field.x + m->gap / 2, row.y + m->gap, field.w - m->gap, 1, field, -1);
}
