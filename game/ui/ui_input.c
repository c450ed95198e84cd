/* ui_input.c - input: SDL events become Actions (keys through
 * input_map_key, clicks through the hits registered while drawing, the wheel
 * as scrolling), and app_do performs an Action whatever its source, so the
 * tests can drive the window exactly as a player does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui_map.h"

InputContext app_input_context(const App *app)
{
    switch (app->overlay) {
    case OVERLAY_PAUSE: return INPUT_PAUSE;
    case OVERLAY_HISTORY: case OVERLAY_INSPECT: return INPUT_HISTORY;
    case OVERLAY_SETTINGS: return app->settings_row == 0 ? INPUT_TEXT_FIELD : INPUT_SETTINGS;
    case OVERLAY_RECORDS: return app->records_row >= 0 ? INPUT_TEXT_FIELD : INPUT_SETTINGS;
    default: break;
    }
    switch (app->screen) {
    case SCREEN_PICKER: return INPUT_PICKER;
    case SCREEN_BRIEFING: return INPUT_BRIEFING;
    case SCREEN_DEBRIEF: return INPUT_DEBRIEF;
    case SCREEN_MAP: return INPUT_MAP;
    case SCREEN_PLAY:
        if (app->coach)
            return INPUT_COACH;
        return app->ses && session_status(app->ses) == SESSION_READING ? INPUT_READING : INPUT_DECISION;
    }
    return INPUT_PICKER;
}

int app_focusable_count(const App *app)
{
    int n = 0;
    for (int i = 0; i < app->nhits; i++)
        n += app->hits[i].focusable;
    return n;
}

static const Hit *focused_hit(const App *app)
{
    int k = -1;
    for (int i = 0; i < app->nhits; i++)
        if (app->hits[i].focusable && ++k == app->focus)
            return &app->hits[i];
    return NULL;
}

static void scroll_by(App *app, int px)
{
    if (app->overlay == OVERLAY_HISTORY || app->overlay == OVERLAY_INSPECT)
        app->overlay_scroll = layout_scroll_clamp(app->overlay_scroll + px, app->overlay_total, app->overlay_view);
    else
        app->scroll = layout_scroll_clamp(app->scroll + px, app->scroll_total, app->scroll_view);
    app->dirty = true;
}

/* Launched by an LMS: one scenario, one fresh attempt (cmi5 takes one
 * result per registration), so nothing leads to another. */
static bool cmi5_forbids(const App *app, Action a)
{
    if (!ui_cmi5_active(app))
        return false;
    return a.kind == ACT_PICKER || a.kind == ACT_OPEN || a.kind == ACT_RESTART || a.kind == ACT_RESUME_SAVE ||
           (a.kind == ACT_START && app->ses) || a.kind == ACT_UNDO;
}

void app_do(App *app, Action a)
{
    if (cmi5_forbids(app, a))
        return;
    app->dirty = true;
    int view = app->overlay == OVERLAY_HISTORY || app->overlay == OVERLAY_INSPECT ? app->overlay_view : app->scroll_view;
    switch (a.kind) {
    case ACT_NONE: break;
    case ACT_QUIT: app->quit = true; break;
    case ACT_CHOOSE: app_choose(app, a.arg); break;
    case ACT_CONTINUE: app_continue(app); break;
    case ACT_UNDO: app_undo(app); break;
    case ACT_PREV: case ACT_NEXT: {
        int n = app_focusable_count(app);
        if (n == 0)
            break;
        int step = 1;
        if (a.arg == 2 && app->screen == SCREEN_PICKER && app->overlay == OVERLAY_NONE && app->grid_cols > 1)
            step = app->grid_cols; /* Up/Down in the card grid move by a row */
        if (app->focus < 0)
            app->focus = a.kind == ACT_NEXT ? 0 : n - 1;
        else if (step > 1) {
            int f = app->focus + (a.kind == ACT_NEXT ? step : -step);
            if (f >= 0 && f < app->nentries)
                app->focus = f;
        } else
            app->focus = (app->focus + (a.kind == ACT_NEXT ? 1 : n - 1)) % n;
        app->focus_moved = true;
        const Hit *h = focused_hit(app);
        if (h && app->overlay == OVERLAY_SETTINGS && (h->act.kind == ACT_SETTING))
            app->settings_row = h->act.arg;
        else if (app->overlay == OVERLAY_SETTINGS)
            app->settings_row = -1;
        if (app->overlay == OVERLAY_RECORDS)
            app->records_row = h && h->act.kind == ACT_RECORD_ROW ? h->act.arg : -1;
        break;
    }
    case ACT_ACTIVATE: {
        const Hit *h = focused_hit(app);
        if (!h && app->primary >= 0 && app->primary < app->nhits)
            h = &app->hits[app->primary]; /* nothing focused: Enter presses the primary button */
        if (h && h->act.kind != ACT_ACTIVATE)
            app_do(app, h->act);
        break;
    }
    case ACT_BACK:
        if (app->overlay != OVERLAY_NONE) {
            app->overlay = OVERLAY_NONE;
        } else {
            app->overlay = OVERLAY_PAUSE;
            app->focus = 0;
        }
        break;
    case ACT_RESUME:
        app->overlay = OVERLAY_NONE;
        app->focus = -1;
        break;
    case ACT_MAP:
        if (app->screen == SCREEN_DEBRIEF || app->overlay == OVERLAY_INSPECT)
            map_open(app);
        break;
    case ACT_MAP_FIT:
        if (app->map && app->screen == SCREEN_MAP) {
            map_fit(app->map);
            app->dirty = true;
        }
        break;
    case ACT_CLOSE:
        if (app->screen == SCREEN_MAP && app->overlay == OVERLAY_NONE) {
            map_close(app);
            break;
        }
        if (app->overlay == OVERLAY_RECORDS) {
            records_close(app);
        } else if (app->overlay == OVERLAY_SETTINGS) {
            store_settings_save(app);
            SDL_StopTextInput();
            app->overlay = app->settings_return;
            app->focus = app->overlay == OVERLAY_PAUSE ? 0 : -1;
        } else {
            app->overlay = OVERLAY_NONE;
            app->focus = -1;
        }
        break;
    case ACT_HISTORY:
        if (app->overlay == OVERLAY_HISTORY) {
            app->overlay = OVERLAY_NONE;
        } else if (app->ses) {
            app->overlay = OVERLAY_HISTORY;
            app->overlay_scroll = 1 << 28; /* clamped to the end when drawn */
        }
        app->focus = -1;
        break;
    case ACT_INSPECT:
        if (app->overlay == OVERLAY_INSPECT) {
            app->overlay = OVERLAY_NONE;
        } else if (app->ses) {
            app->overlay = OVERLAY_INSPECT;
            app->overlay_scroll = 0;
        }
        app->focus = -1;
        break;
    case ACT_SCROLL: scroll_by(app, a.arg * text_line_h(app, FONT_BODY) * 2); break;
    case ACT_PAGE: scroll_by(app, a.arg * (view * 9 / 10)); break;
    case ACT_HOME: scroll_by(app, -(1 << 28)); break;
    case ACT_END: scroll_by(app, 1 << 28); break;
    case ACT_OPEN:
        if (a.arg >= 0 && a.arg < app->nentries && app->entries[a.arg].sc) {
            char *p = strdup(app->entries[a.arg].path);
            if (p)
                app_open_scenario(app, p);
            free(p);
        }
        break;
    case ACT_START: app_start(app, false); break;
    case ACT_RESUME_SAVE: app_start(app, true); break;
    case ACT_RESTART:
        if (app->sc)
            app_start(app, false);
        break;
    case ACT_SETTINGS:
        app->settings_return = app->overlay == OVERLAY_PAUSE ? OVERLAY_PAUSE : OVERLAY_NONE;
        app->overlay = OVERLAY_SETTINGS;
        app->settings_row = 0;
        app->focus = 0;
        SDL_StartTextInput();
        break;
    case ACT_PICKER:
        if (app->ses && session_status(app->ses) != SESSION_ENDED)
            store_autosave(app);
        store_scan_scenarios(app);
        app_set_screen(app, SCREEN_PICKER);
        break;
    case ACT_SETTING:
        app->settings_row = a.arg;
        settings_change(app, a.arg, 0);
        break;
    case ACT_SETTING_DEC: settings_change(app, a.arg, -1); break;
    case ACT_SETTING_INC: settings_change(app, a.arg, 1); break;
    case ACT_LEFT: case ACT_RIGHT:
        if (app->settings_row >= 0)
            settings_change(app, app->settings_row, a.kind == ACT_LEFT ? -1 : 1);
        break;
    case ACT_RECORD_ROW:
        app->records_row = a.arg;
        app->records_error[0] = '\0';
        break;
    case ACT_LRS_SEND: ui_lrs_send_now(app); break;
    case ACT_BACKSPACE: {   /* one character off the end of the field being typed in */
        size_t cap;
        char *t = ui_text_field(app, &cap);
        if (!t)
            break;
        size_t n = strlen(t);
        while (n > 0 && ((unsigned char)t[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0)
            n--;
        t[n] = '\0';
        break;
    }
    }
}

static void on_key(App *app, const SDL_KeyboardEvent *k)
{
    /* Any key completes the text being revealed. */
    if (app->screen == SCREEN_PLAY && app->overlay == OVERLAY_NONE && !app->reveal_done &&
        k->keysym.sym != SDLK_ESCAPE) {
        app->reveal_done = true;
        app->dirty = true;
        return;
    }
    const DisplayNow *d = app_now(app);
    int nvis = d ? d->nchoices : 0;
    Action a = input_map_key(app_input_context(app), k->keysym.sym, (uint16_t)k->keysym.mod, nvis);
    app_do(app, a);
}

void app_on_event(App *app, const SDL_Event *e)
{
    if (ui_lrs_event(app, e) || ui_cmi5_event(app, e) || ui_watch_event(app, e))
        return;
    if (app->screen == SCREEN_MAP && app->overlay == OVERLAY_NONE && map_on_event(app, e))
        return;
    switch (e->type) {
    case SDL_QUIT:
        app->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_RESIZED)
            app_relayout(app);
        else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
            app->dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        app_relayout(app);
        break;
    case SDL_KEYDOWN:
        on_key(app, &e->key);
        break;
    case SDL_TEXTINPUT:
        {
            size_t cap;
            char *t = ui_text_field(app, &cap);
            size_t n = t ? strlen(t) : 0, k = strlen(e->text.text);
            if (t && n + k < cap)
                memcpy(t + n, e->text.text, k + 1);
            if (t && app->overlay == OVERLAY_RECORDS)
                app->records_error[0] = '\0';
            app->dirty = true;
        }
        break;
    case SDL_MOUSEMOTION: {
        int x = (int)lround(e->motion.x * app->dpi), y = (int)lround(e->motion.y * app->dpi);
        app->mouse_x = x;
        app->mouse_y = y;
        int h = -1;
        for (int i = 0; i < app->nhits; i++)
            if (layout_hit(&app->hits[i].r, 1, x, y) == 0)
                h = i;
        if (h != app->hover) {
            app->hover = h;
            app->dirty = true;
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: {
        if (e->button.button != SDL_BUTTON_LEFT)
            break;
        int x = (int)lround(e->button.x * app->dpi), y = (int)lround(e->button.y * app->dpi);
        if (app->screen == SCREEN_PLAY && app->overlay == OVERLAY_NONE && !app->reveal_done) {
            if (e->type == SDL_MOUSEBUTTONDOWN)
                app->reveal_done = true;
            app->dirty = true;
            break;
        }
        int h = -1;
        for (int i = 0; i < app->nhits; i++)
            if (layout_hit(&app->hits[i].r, 1, x, y) == 0)
                h = i;
        if (e->type == SDL_MOUSEBUTTONDOWN) {
            app->pressed = h;
        } else {
            if (h >= 0 && h == app->pressed) {
                Action a = app->hits[h].act;
                app->pressed = -1;
                app_do(app, a);
            }
            app->pressed = -1;
        }
        app->dirty = true;
        break;
    }
    case SDL_MOUSEWHEEL:
        if (e->wheel.y != 0)
            app_do(app, (Action){ACT_SCROLL, e->wheel.y > 0 ? -1 : 1});
        break;
    default:
        break;
    }
}

