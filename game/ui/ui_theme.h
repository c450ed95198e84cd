/* ui_theme.h - the colour themes and their contrast arithmetic. Window-free:
 * tests/test_ui_layout.c checks every text colour against its background. */
#ifndef COMPEL_UI_THEME_H
#define COMPEL_UI_THEME_H

#include <SDL.h>

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

#endif
