/* ui_keys.h - the Actions the window performs and the mapping from key
 * presses to them in each input context. Window-free. */
#ifndef COMPEL_UI_KEYS_H
#define COMPEL_UI_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

/* Where the keyboard is, for mapping keys to actions. */
typedef enum InputContext {
    INPUT_PICKER, INPUT_BRIEFING, INPUT_DECISION, INPUT_READING, INPUT_COACH,
    INPUT_HISTORY, INPUT_PAUSE, INPUT_SETTINGS, INPUT_DEBRIEF, INPUT_TEXT_FIELD, INPUT_MAP
} InputContext;

typedef enum ActionKind {
    ACT_NONE,
    ACT_CHOOSE,        /* arg: 1-based visible choice */
    ACT_CONTINUE,      /* reading node / coach panel: go on */
    ACT_PREV, ACT_NEXT,        /* move the keyboard focus */
    ACT_LEFT, ACT_RIGHT,       /* change a setting */
    ACT_ACTIVATE,      /* press the focused button */
    ACT_BACK,          /* Esc: pause menu, or close what is open */
    ACT_HISTORY,       /* open / close the conversation history */
    ACT_INSPECT,       /* open / close the state inspector (F2) */
    ACT_MAP,           /* open the conversation map (debrief, inspector) */
    ACT_MAP_FIT,       /* the map: show all of it */
    ACT_UNDO,
    ACT_SCROLL,        /* arg: pixels (positive: down) in units of lines */
    ACT_PAGE,          /* arg: +1 / -1 pages */
    ACT_HOME, ACT_END,
    ACT_QUIT,
    ACT_BACKSPACE,     /* text field */
    /* Actions that only buttons carry */
    ACT_OPEN,          /* arg: picker entry */
    ACT_START,         /* briefing: start (fresh) */
    ACT_RESUME_SAVE,   /* briefing: resume the autosave */
    ACT_RESUME,        /* close the pause menu */
    ACT_RESTART,
    ACT_SETTINGS,
    ACT_PICKER,        /* back to the scenario picker */
    ACT_SETTING,       /* arg: settings row (focus / cycle) */
    ACT_SETTING_DEC,   /* arg: settings row, previous value */
    ACT_SETTING_INC,   /* arg: settings row, next value */
    ACT_RECORD_ROW,    /* arg: learning-records row (edit that field) */
    ACT_LRS_SEND,      /* send the outbox now */
    ACT_CLOSE          /* close the overlay */
} ActionKind;

typedef struct Action { ActionKind kind; int arg; } Action;

/* The action a key press means in a context (ACT_NONE when nothing).
 * nchoices: visible choices at a decision (keys 1..nchoices choose). */
Action input_map_key(InputContext ctx, SDL_Keycode key, uint16_t mod, int nchoices);

#endif
