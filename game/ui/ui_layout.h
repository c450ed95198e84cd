/* ui_layout.h - the window-free half of the front end: themes and their
 * contrast, word wrapping by measured width, layout arithmetic, hit testing
 * and the mapping from keys to actions. Nothing here opens a window or a
 * font, so the unit tests (tests/test_ui_layout.c) drive it directly. */
#ifndef COMPEL_UI_LAYOUT_H
#define COMPEL_UI_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

/* ---- Themes ---- */

typedef enum ThemeId { THEME_LIGHT, THEME_DARK, THEME_CONTRAST, THEME_COUNT } ThemeId;

/* Every colour a screen uses. Text colours are named for the background they
 * sit on; tests/test_ui_layout.c checks each pair for WCAG AA (4.5:1). */
typedef struct Theme {
    const char *id;          /* "light", "dark", "contrast" (as --theme takes) */
    const char *label;       /* shown in the settings */
    SDL_Color bg;            /* window background */
    SDL_Color surface;       /* cards, panels */
    SDL_Color raised;        /* hovered / focused buttons */
    SDL_Color border;        /* hairlines (decoration only, never meaning) */
    SDL_Color text;          /* body text, on bg, surface and raised */
    SDL_Color muted;         /* secondary text, on bg, surface and raised */
    SDL_Color accent;        /* primary buttons, focus ring, bar fill */
    SDL_Color on_accent;     /* text on accent */
    SDL_Color good;          /* positive numbers (also written with a sign) */
    SDL_Color bad;           /* negative numbers, errors */
    SDL_Color warn_bg;       /* setback banner */
    SDL_Color warn_text;     /* text on warn_bg */
    SDL_Color track;         /* empty part of a bar */
    SDL_Color scrim;         /* behind modal panels (alpha used) */
} Theme;

/* The theme for an id (never NULL; out-of-range ids give the light theme). */
const Theme *theme_get(ThemeId id);

/* Parse "light", "dark", "contrast" (or "high-contrast"); -1 when unknown. */
int theme_parse(const char *name);

/* WCAG 2.x relative luminance of an sRGB colour, 0..1. */
double color_luminance(SDL_Color c);

/* WCAG contrast ratio of two colours, 1..21. */
double color_contrast(SDL_Color a, SDL_Color b);

/* Black or white, whichever contrasts more with bg (for text on avatars). */
SDL_Color color_text_on(SDL_Color bg);

/* ---- Wrapping ---- */

/* Width in pixels of the first len bytes of s. */
typedef int (*MeasureFn)(void *ctx, const char *s, int len);

typedef struct WrapLine { int start, len; } WrapLine;

/* Break UTF-8 text into lines no wider than width: at spaces, at '\n'
 * (blank lines are kept as empty lines), and inside words too long for a
 * line (at character boundaries). Leading spaces of a wrapped line and
 * trailing spaces are dropped. Writes at most max lines and returns how
 * many there are in all (which may be more than max). */
int text_wrap(const char *text, int width, MeasureFn measure, void *ctx,
              WrapLine *lines, int max);

/* Length in bytes of the UTF-8 character starting at s (1 for bad bytes). */
int utf8_char_len(const char *s);

/* Number of UTF-8 characters in the first len bytes of s. */
int utf8_count(const char *s, int len);

/* Byte offset of the n-th character of s (at most len). */
int utf8_offset(const char *s, int len, int n);


/* ---- Layout arithmetic ---- */

/* Sizes that follow from the output size and the text scale. */
typedef struct Metrics {
    int w, h;           /* output size in pixels */
    double scale;       /* text scale x display density */
    int pad;            /* outer margin */
    int gap;            /* space between blocks */
    int radius;         /* small inner padding of buttons */
    SDL_Rect content;   /* the centred reading column */
    bool wide;          /* room for a side panel next to the column */
} Metrics;

/* Compute metrics for an output of w x h pixels at a scale (1.0 = normal). */
Metrics layout_metrics(int w, int h, double scale);

/* Place n boxes of the given heights top to bottom in area, gap apart,
 * starting at area.y - scroll. Returns the total height used. */
int layout_stack(SDL_Rect area, const int *heights, int n, int gap, int scroll, SDL_Rect *out);

/* Columns that fit cards at least min_w wide (at least 1, at most max_cols). */
int layout_columns(int width, int min_w, int gap, int max_cols);

/* Place n cards of height card_h in a grid of cols columns inside area,
 * scrolled up by scroll pixels. Returns the grid's total height. */
int layout_grid(SDL_Rect area, int n, int cols, int card_h, int gap, int scroll, SDL_Rect *out);

/* Index of the first rectangle containing (x, y), or -1. */
int layout_hit(const SDL_Rect *rects, int n, int x, int y);

/* Width of the filled part of a bar for value in [min, max] (clamped). */
int layout_bar_fill(int width, double value, int min, int max);

/* The scroll offset that keeps [top, top + h) visible in a viewport of
 * height view, given the current offset; clamped to [0, total - view]. */
int layout_scroll_into_view(int scroll, int top, int h, int view, int total);

/* Clamp a scroll offset into [0, max(0, total - view)]. */
int layout_scroll_clamp(int scroll, int total, int view);

/* Whether inner lies entirely inside outer. */
bool layout_contains(SDL_Rect outer, SDL_Rect inner);

/* Parse "WxH" (e.g. "1280x720"); false when malformed or out of 320..16384. */
bool layout_parse_size(const char *s, int *w, int *h);

/* ---- Input mapping ---- */

/* Where the keyboard is, for mapping keys to actions. */
typedef enum InputContext {
    INPUT_PICKER, INPUT_BRIEFING, INPUT_DECISION, INPUT_READING, INPUT_COACH,
    INPUT_HISTORY, INPUT_PAUSE, INPUT_SETTINGS, INPUT_DEBRIEF, INPUT_TEXT_FIELD
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
    ACT_CLOSE          /* close the overlay */
} ActionKind;

typedef struct Action { ActionKind kind; int arg; } Action;

/* The action a key press means in a context (ACT_NONE when nothing).
 * nchoices: visible choices at a decision (keys 1..nchoices choose). */
Action input_map_key(InputContext ctx, SDL_Keycode key, uint16_t mod, int nchoices);

#endif
