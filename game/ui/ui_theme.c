/* ui_theme.c - the three colour themes (light, dark, high contrast), their
 * WCAG luminance and contrast arithmetic, and colours derived from a name
 * for avatars. Pure functions; tests/test_ui_layout.c checks every pair. */
#include <math.h>
#include <stddef.h>

#include "ui_theme.h"

#define RGB(hex) {(Uint8)((hex) >> 16), (Uint8)(((hex) >> 8) & 0xff), (Uint8)((hex) & 0xff), 255}
#define RGBA(hex, a) {(Uint8)((hex) >> 16), (Uint8)(((hex) >> 8) & 0xff), (Uint8)((hex) & 0xff), a}

static const Theme themes[THEME_COUNT] = {
    {"light", "Light",
     RGB(0xF3F4F6), RGB(0xFFFFFF), RGB(0xE6EDF7), RGB(0xCDD3DC),
     RGB(0x18202B), RGB(0x4A5565), RGB(0x1F5FAD), RGB(0xFFFFFF),
     RGB(0x1B6B38), RGB(0xB3261E), RGB(0xFFF0D1), RGB(0x633D00),
     RGB(0xDCE1E8), RGBA(0x0B1220, 140)},
    {"dark", "Dark",
     RGB(0x12161C), RGB(0x1C222B), RGB(0x2A3340), RGB(0x3A4452),
     RGB(0xE8ECF2), RGB(0xAEB8C6), RGB(0x8AB4F8), RGB(0x0E1620),
     RGB(0x72D48F), RGB(0xFF8F86), RGB(0x3B2C0A), RGB(0xFFD891),
     RGB(0x343D4B), RGBA(0x000000, 160)},
    {"contrast", "High contrast",
     RGB(0x000000), RGB(0x000000), RGB(0x1F1F1F), RGB(0xFFFFFF),
     RGB(0xFFFFFF), RGB(0xE6E6E6), RGB(0xFFE14D), RGB(0x000000),
     RGB(0x7DFF9E), RGB(0xFFA3A3), RGB(0xFFE14D), RGB(0x000000),
     RGB(0x4D4D4D), RGBA(0x000000, 200)},
};

const Theme *theme_get(ThemeId id)
{
    if ((int)id < 0 || id >= THEME_COUNT)
        id = THEME_LIGHT;
    return &themes[id];
}

int theme_parse(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < THEME_COUNT; i++)
        if (strcmp(name, themes[i].id) == 0)
            return i;
    if (strcmp(name, "high-contrast") == 0)
        return THEME_CONTRAST;
    return -1;
}

static double channel(Uint8 v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double color_luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double color_contrast(SDL_Color a, SDL_Color b)
{
    double la = color_luminance(a), lb = color_luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

SDL_Color color_text_on(SDL_Color bg)
{
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    return color_contrast(bg, black) >= color_contrast(bg, white) ? black : white;
}

