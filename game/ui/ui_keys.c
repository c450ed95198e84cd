/* ui_keys.c - the mapping from a key press to an Action in each input
 * context (docs/gui.md lists the keys). Pure; the unit tests drive it directly. */
#include <stdbool.h>

#include "ui_keys.h"

static int digit(SDL_Keycode k)
{
    if (k >= SDLK_1 && k <= SDLK_9)
        return (int)(k - SDLK_1) + 1;
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9)
        return (int)(k - SDLK_KP_1) + 1;
    return 0;
}

Action input_map_key(InputContext ctx, SDL_Keycode key, uint16_t mod, int nchoices)
{
    Action a = {ACT_NONE, 0};
    bool ctrl = (mod & KMOD_CTRL) != 0, shift = (mod & KMOD_SHIFT) != 0;
    if (ctrl && key == SDLK_q) {
        a.kind = ACT_QUIT;
        return a;
    }
    switch (key) {
    case SDLK_ESCAPE:
        a.kind = (ctx == INPUT_HISTORY || ctx == INPUT_SETTINGS || ctx == INPUT_TEXT_FIELD) ? ACT_CLOSE
               : ctx == INPUT_PAUSE ? ACT_RESUME : ACT_BACK;
        return a;
    case SDLK_TAB:
        a.kind = shift ? ACT_PREV : ACT_NEXT;
        return a;
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_RETURN2:
        a.kind = (ctx == INPUT_READING || ctx == INPUT_COACH) ? ACT_CONTINUE : ACT_ACTIVATE;
        return a;
    default:
        break;
    }
    if (ctx == INPUT_TEXT_FIELD) {
        if (key == SDLK_BACKSPACE) a.kind = ACT_BACKSPACE;
        else if (key == SDLK_UP) a.kind = ACT_PREV;
        else if (key == SDLK_DOWN) a.kind = ACT_NEXT;
        return a;
    }
    if (ctx == INPUT_HISTORY || ctx == INPUT_DEBRIEF || ctx == INPUT_PICKER) {
        switch (key) {
        case SDLK_PAGEUP: a.kind = ACT_PAGE; a.arg = -1; return a;
        case SDLK_PAGEDOWN: a.kind = ACT_PAGE; a.arg = 1; return a;
        case SDLK_HOME: a.kind = ACT_HOME; return a;
        case SDLK_END: a.kind = ACT_END; return a;
        default: break;
        }
    }
    if (ctx == INPUT_HISTORY || ctx == INPUT_DEBRIEF) {
        if (key == SDLK_UP) { a.kind = ACT_SCROLL; a.arg = -1; return a; }
        if (key == SDLK_DOWN) { a.kind = ACT_SCROLL; a.arg = 1; return a; }
    }
    bool playing = ctx == INPUT_DECISION || ctx == INPUT_READING || ctx == INPUT_COACH;
    if (key == SDLK_F2 && (playing || ctx == INPUT_HISTORY)) {
        a.kind = ACT_INSPECT;
        return a;
    }
    if (ctx == INPUT_HISTORY) {
        if (key == SDLK_h) a.kind = ACT_CLOSE;
        else if (key == SDLK_m) a.kind = ACT_MAP;
        return a;
    }
    if (ctx == INPUT_MAP)
        return a;   /* the map reads its own keys (ui_map.c) */
    if (ctx == INPUT_DEBRIEF) {
        if (key == SDLK_m) a.kind = ACT_MAP;
        else if (key == SDLK_LEFT) a.kind = ACT_PREV;
        else if (key == SDLK_RIGHT) a.kind = ACT_NEXT;
        else if (key == SDLK_SPACE) a.kind = ACT_ACTIVATE;
        return a;
    }
    if (ctx == INPUT_SETTINGS) {
        if (key == SDLK_LEFT) a.kind = ACT_LEFT;
        else if (key == SDLK_RIGHT) a.kind = ACT_RIGHT;
        else if (key == SDLK_UP) a.kind = ACT_PREV;
        else if (key == SDLK_DOWN) a.kind = ACT_NEXT;
        else if (key == SDLK_SPACE) a.kind = ACT_ACTIVATE;
        return a;
    }
    switch (key) {
    case SDLK_LEFT: a.kind = ACT_PREV; return a;
    case SDLK_RIGHT: a.kind = ACT_NEXT; return a;
    case SDLK_UP: a.kind = ACT_PREV; a.arg = ctx == INPUT_PICKER ? 2 : 0; return a;
    case SDLK_DOWN: a.kind = ACT_NEXT; a.arg = ctx == INPUT_PICKER ? 2 : 0; return a;
    case SDLK_SPACE:
        a.kind = (ctx == INPUT_READING || ctx == INPUT_COACH) ? ACT_CONTINUE : ACT_ACTIVATE;
        return a;
    default: break;
    }
    if (playing && key == SDLK_h) {
        a.kind = ACT_HISTORY;
        return a;
    }
    if (playing && (key == SDLK_u || (ctrl && key == SDLK_z))) {
        a.kind = ACT_UNDO;
        return a;
    }
    int d = digit(key);
    if (ctx == INPUT_DECISION && d >= 1 && d <= nchoices) {
        a.kind = ACT_CHOOSE;
        a.arg = d;
    }
    return a;
}
