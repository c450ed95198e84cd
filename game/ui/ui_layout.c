/* ui_layout.c - the window-free half of the front end: themes and WCAG
 * contrast, UTF-8 word wrapping by measured width, layout arithmetic, hit
 * testing and key mapping. Pure functions of their arguments, so the unit
 * tests run them without a display. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_layout.h"

/* ---- Themes ---- */

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

/* ---- UTF-8 and wrapping ---- */

int utf8_char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (int i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

int utf8_count(const char *s, int len)
{
    int n = 0;
    for (int i = 0; i < len; i += utf8_char_len(s + i))
        n++;
    return n;
}

int utf8_offset(const char *s, int len, int n)
{
    int i = 0;
    while (i < len && n-- > 0)
        i += utf8_char_len(s + i);
    return i < len ? i : len;
}

static void emit(WrapLine *lines, int max, int *n, int start, int len)
{
    if (*n < max) {
        lines[*n].start = start;
        lines[*n].len = len;
    }
    (*n)++;
}

/* Wrap one paragraph [pos, end) of text (no '\n' inside). */
static void wrap_paragraph(const char *text, int pos, int end, int width, MeasureFn measure,
                           void *ctx, WrapLine *lines, int max, int *n)
{
    int s = pos;
    bool any = false;
    while (s < end) {
        while (s < end && text[s] == ' ')
            s++;
        if (s >= end)
            break;
        int line_end = s, i = s;
        while (i < end) {
            int ws = i;
            while (ws < end && text[ws] == ' ')
                ws++;
            int we = ws;
            while (we < end && text[we] != ' ')
                we++;
            if (we == ws || measure(ctx, text + s, we - s) > width)
                break;
            line_end = i = we;
        }
        if (line_end == s) {
            /* A word wider than the line: break it between characters. */
            int we = s;
            while (we < end && text[we] != ' ')
                we++;
            int k = s + utf8_char_len(text + s);
            while (k < we) {
                int nk = k + utf8_char_len(text + k);
                if (measure(ctx, text + s, nk - s) > width)
                    break;
                k = nk;
            }
            line_end = k < we ? k : we;
        }
        emit(lines, max, n, s, line_end - s);
        any = true;
        s = line_end;
    }
    if (!any)
        emit(lines, max, n, pos, 0);
}

int text_wrap(const char *text, int width, MeasureFn measure, void *ctx, WrapLine *lines, int max)
{
    int n = 0, len = (int)strlen(text), pos = 0;
    if (width < 1)
        width = 1;
    while (pos < len) {
        int end = pos;
        while (end < len && text[end] != '\n')
            end++;
        int e = end;
        if (e > pos && text[e - 1] == '\r')
            e--;
        wrap_paragraph(text, pos, e, width, measure, ctx, lines, max, &n);
        pos = end + 1;
    }
    /* Trailing blank lines carry nothing. */
    while (n > 0 && n <= max && lines[n - 1].len == 0)
        n--;
    return n;
}

/* ---- Layout ---- */

Metrics layout_metrics(int w, int h, double scale)
{
    Metrics m;
    if (scale < 0.5)
        scale = 0.5;
    m.w = w;
    m.h = h;
    m.scale = scale;
    m.pad = (int)lround(fmax(16.0 * scale, fmin(w, h) / 30.0));
    m.gap = (int)lround(12.0 * scale);
    m.radius = (int)lround(10.0 * scale);
    int col = (int)lround(880.0 * scale);
    int avail = w - 2 * m.pad;
    m.wide = avail >= col + (int)lround(300.0 * scale) + m.gap * 2;
    if (col > avail)
        col = avail;
    if (col < 1)
        col = 1;
    m.content.w = col;
    m.content.x = (w - col) / 2;
    m.content.y = m.pad;
    m.content.h = h - 2 * m.pad;
    if (m.content.h < 1)
        m.content.h = 1;
    return m;
}

int layout_stack(SDL_Rect area, const int *heights, int n, int gap, int scroll, SDL_Rect *out)
{
    int y = 0;
    for (int i = 0; i < n; i++) {
        out[i].x = area.x;
        out[i].w = area.w;
        out[i].y = area.y - scroll + y;
        out[i].h = heights[i];
        y += heights[i] + (i + 1 < n ? gap : 0);
    }
    return y;
}

int layout_columns(int width, int min_w, int gap, int max_cols)
{
    int cols = min_w > 0 ? (width + gap) / (min_w + gap) : 1;
    if (cols > max_cols)
        cols = max_cols;
    return cols < 1 ? 1 : cols;
}

int layout_grid(SDL_Rect area, int n, int cols, int card_h, int gap, int scroll, SDL_Rect *out)
{
    if (cols < 1)
        cols = 1;
    int cw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++) {
        out[i].x = area.x + (i % cols) * (cw + gap);
        out[i].y = area.y - scroll + (i / cols) * (card_h + gap);
        out[i].w = cw;
        out[i].h = card_h;
    }
    int rows = (n + cols - 1) / cols;
    return rows > 0 ? rows * card_h + (rows - 1) * gap : 0;
}

int layout_hit(const SDL_Rect *rects, int n, int x, int y)
{
    for (int i = 0; i < n; i++)
        if (x >= rects[i].x && y >= rects[i].y && x < rects[i].x + rects[i].w && y < rects[i].y + rects[i].h)
            return i;
    return -1;
}

int layout_bar_fill(int width, double value, int min, int max)
{
    if (max <= min || width <= 0)
        return 0;
    double f = (value - min) / (double)(max - min);
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    return (int)lround(f * width);
}

int layout_scroll_clamp(int scroll, int total, int view)
{
    int max = total - view;
    if (max < 0)
        max = 0;
    return scroll < 0 ? 0 : scroll > max ? max : scroll;
}

int layout_scroll_into_view(int scroll, int top, int h, int view, int total)
{
    if (top < scroll)
        scroll = top;
    else if (top + h > scroll + view)
        scroll = top + h - view;
    return layout_scroll_clamp(scroll, total, view);
}

bool layout_contains(SDL_Rect outer, SDL_Rect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

bool layout_parse_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return false;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || a < 320 || b < 240 || a > 16384 || b > 16384)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

/* ---- Keys ---- */

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
    if (ctx == INPUT_HISTORY) {
        if (key == SDLK_h) a.kind = ACT_CLOSE;
        return a;
    }
    if (ctx == INPUT_DEBRIEF) {
        if (key == SDLK_LEFT) a.kind = ACT_PREV;
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
    bool playing = ctx == INPUT_DECISION || ctx == INPUT_READING || ctx == INPUT_COACH;
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
