/* ui_records.c - the "Learning records" panel, opened from the settings:
 * who the learner is (an account id or an e-mail address) and where the
 * results go (the learning record store's address, key and secret). It
 * edits lrs.conf, the same file `compel run` and `compel xapi` read
 * (game/lrs/settings.c), and applies it at once: the next finished
 * playthrough goes to the new store, and "Send now" empties the outbox. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

enum { REC_LEARNER, REC_EMAIL, REC_URL, REC_KEY, REC_SECRET, REC_COUNT };

static const char *const rec_labels[REC_COUNT] = {"Learner ID", "E-mail", "Record store URL", "Key", "Secret"};

/* The buffer a row edits, and its size. */
static char *rec_buffer(App *app, int row, size_t *cap)
{
    LrsSettings *f = &app->records;
    switch (row) {
    case REC_LEARNER: *cap = sizeof f->id.learner; return f->id.learner;
    case REC_EMAIL: *cap = sizeof f->id.email; return f->id.email;
    case REC_URL: *cap = sizeof f->url; return f->url;
    case REC_KEY: *cap = sizeof f->key; return f->key;
    case REC_SECRET: *cap = sizeof f->secret; return f->secret;
    default: *cap = 0; return NULL;
    }
}

void records_open(App *app)
{
    lrs_settings_load(&app->records);
    app->records_error[0] = '\0';
    app->overlay = OVERLAY_RECORDS;
    app->records_row = REC_LEARNER;
    app->focus = 0;
    SDL_StartTextInput();
}

char *ui_text_field(App *app, size_t *cap)
{
    if (app->overlay == OVERLAY_SETTINGS && app->settings_row == 0) {
        *cap = sizeof app->set.player;
        return app->set.player;
    }
    if (app->overlay == OVERLAY_RECORDS && app->records_row >= 0)
        return rec_buffer(app, app->records_row, cap);
    *cap = 0;
    return NULL;
}

/* Whether the panel's values make sense; a one-line reason when not. */
static bool records_check(const LrsSettings *f, char *why, size_t cap)
{
    if (f->id.email[0] && (!strchr(f->id.email, '@') || strchr(f->id.email, ' '))) {
        snprintf(why, cap, "The e-mail address \"%s\" has no @ or holds a space.", f->id.email);
        return false;
    }
    if (f->url[0]) {
        LrsConfig c;
        char reason[300];
        lrs_config_defaults(&c);
        if (!lrs_config_url(&c, f->url, reason, sizeof reason)) {
            snprintf(why, cap, "The record store URL: %s.", reason);
            return false;
        }
        if (!f->key[0] != !f->secret[0]) {
            snprintf(why, cap, "Give both the key and the secret, or neither (an open store).");
            return false;
        }
    }
    return true;
}

static void back_to_settings(App *app)
{
    SDL_StopTextInput();
    app->overlay = OVERLAY_SETTINGS;
    app->settings_row = -1;
    app->focus = -1;
}

bool records_close(App *app)
{
    char why[600];
    bool asked_before = app->records_error[0] != '\0';   /* typing clears it */
    if (!records_check(&app->records, why, sizeof why)) {
        if (asked_before) {   /* closed again without a change: leave, saving nothing */
            app->records_error[0] = '\0';
            back_to_settings(app);
            return false;
        }
        snprintf(app->records_error, sizeof app->records_error, "%s Close again to leave without saving.", why);
        return false;   /* the panel stays open with the reason */
    }
    if (!app->opt.no_save && !lrs_settings_save(&app->records, why, sizeof why)) {
        snprintf(app->records_error, sizeof app->records_error, "Not saved: %s", why);
        return false;
    }
    ui_lrs_restart(app, &app->records);
    app->records_error[0] = '\0';
    back_to_settings(app);
    return true;
}

const char *records_summary(const App *app, char *buf, size_t cap)
{
    const char *u = app->lrs ? app->lrs->url : app->records.url;
    if (!u[0]) {
        snprintf(buf, cap, "This computer only");
        return buf;
    }
    const char *host = strstr(u, "://");
    host = host ? host + 3 : u;
    size_t n = strcspn(host, "/:");
    snprintf(buf, cap, "%.*s", (int)(n < 100 ? n : 100), host);
    return buf;
}

void overlay_records(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    int pad = 2 * m->gap;
    int lh = text_line_h(app, FONT_BODY), rowh = lh + 2 * m->gap;
    int sh = text_line_h(app, FONT_SMALL);
    int bh = text_line_h(app, FONT_BOLD) + 2 * m->gap;
    int w = ui_px(app, 680);
    int h = 2 * pad + text_line_h(app, FONT_H2) + m->gap + 3 * sh + m->gap + REC_COUNT * (rowh + m->gap) +
            4 * sh + 2 * m->gap + bh;
    SDL_Rect p = draw_centred_panel(app, w, h);
    int x = p.x + pad, iw = p.w - 2 * pad;
    text_draw(app, "Learning records", FONT_H2, th->text, x, p.y + pad, iw, 1, p, -1);
    int y = p.y + pad + text_line_h(app, FONT_H2) + m->gap;
    const char *intro = "Who you are in your organisation's learning record store (LRS), and where your "
                        "results go. Leave the URL empty to keep results on this computer only.";
    y += text_draw(app, intro, FONT_SMALL, th->muted, x, y, iw, 3, p, -1) + m->gap;
    int label_w = iw * 2 / 5;
    for (int r = 0; r < REC_COUNT; r++) {
        SDL_Rect row = {x, y, iw, rowh};
        int hit = draw_hit(app, row, (Action){ACT_RECORD_ROW, r}, true);
        if (draw_is_hot(app, hit))
            draw_fill(app, row, th->raised);
        text_draw(app, rec_labels[r], FONT_BODY, th->text, row.x + m->gap, row.y + m->gap, label_w - m->gap, 1, row, -1);
        size_t cap;
        const char *v = rec_buffer(app, r, &cap);
        settings_field(app, row, label_w, v, app->records_row == r, r == REC_SECRET);
        y += rowh + m->gap;
    }
    char status[300];
    const char *line = app->records_error[0] ? app->records_error : ui_lrs_status(app, status, sizeof status);
    if (!line && app->records.url[0])
        line = app->opt.no_save ? "Nothing is sent or saved in this run (--no-save)."
                                : "Results go to this store from the next playthrough.";
    if (!line)
        line = "No record store is set up: results stay in this computer's results file.";
    SDL_Color c = app->records_error[0] ? th->bad : th->muted;
    text_draw(app, line, FONT_SMALL, c, x, y, iw, 2, p, -1);
    y += 2 * sh + m->gap;
    const char *where = "Saved in lrs.conf in your settings folder, readable by you alone.";
    text_draw(app, where, FONT_SMALL, th->muted, x, y, iw, 2, p, -1);
    y += 2 * sh + m->gap;
    int bw = text_width(app, "Done", FONT_BOLD) + 6 * m->gap;
    draw_button(app, (SDL_Rect){p.x + p.w - pad - bw, y, bw, bh}, "Done", (Action){ACT_CLOSE, 0}, 1);
    if (app->lrs && app->lrs_waiting > 0) {
        int sw = text_width(app, "Send now", FONT_BOLD) + 6 * m->gap;
        draw_button(app, (SDL_Rect){p.x + p.w - pad - bw - m->gap - sw, y, sw, bh}, "Send now",
                    (Action){ACT_LRS_SEND, 0}, 0);
    }
}
