/* ui_text.c - fonts and the text cache. One TTF_Font per size (SDL_ttf keeps
 * one glyph cache per font object); every string is wrapped by measured
 * width (ui_layout.c) and rendered once into a texture kept in a bounded LRU
 * cache keyed by text, font, colour, wrap width and line limit. The cache is
 * dropped whenever the scale, theme or window size changes. SDL_ttf is never
 * asked to render an empty or newline-only string. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/fileio.h"
#include "ui.h"

static const struct { const char *file; int size; } font_specs[FONT_COUNT] = {
    [FONT_SMALL] = {"DejaVuSans.ttf", 14},
    [FONT_BODY] = {"DejaVuSans.ttf", 18},
    [FONT_BOLD] = {"DejaVuSans-Bold.ttf", 18},
    [FONT_H2] = {"DejaVuSans-Bold.ttf", 22},
    [FONT_H1] = {"DejaVuSans-Bold.ttf", 30},
};

bool text_open_fonts(App *app)
{
    text_close_fonts(app);
    double scale = app->m.scale;
    for (int i = 0; i < FONT_COUNT; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/fonts/%s", app->assets_dir, font_specs[i].file);
        int px = (int)lround(font_specs[i].size * scale);
        if (px < 6)
            px = 6;
        /* Fonts of the same file and size are shared (bold body == h2 at some scales is fine). */
        char why[200];
        FILE *fp = file_fopen_regular(path, NULL, why, sizeof why);
        SDL_RWops *rw = fp ? SDL_RWFromFP(fp, SDL_TRUE) : NULL;
        if (fp && !rw)
            fclose(fp);
        app->fonts[i] = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
        app->font_px[i] = px;
        if (!app->fonts[i]) {
            fprintf(stderr, "compel: cannot open the font %s: %s\n", path, fp ? TTF_GetError() : why);
            return false;
        }
        TTF_SetFontHinting(app->fonts[i], TTF_HINTING_LIGHT);
    }
    return true;
}

void text_close_fonts(App *app)
{
    for (int i = 0; i < FONT_COUNT; i++) {
        if (app->fonts[i])
            TTF_CloseFont(app->fonts[i]);
        app->fonts[i] = NULL;
    }
}

void text_cache_init(TextCache *c, int cap)
{
    memset(c, 0, sizeof *c);
    c->cap = cap;
    c->items = calloc((size_t)cap, sizeof *c->items);
    if (!c->items)
        c->cap = 0;
}

static void entry_free(TextEntry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->text);
    free(e->lines);
    memset(e, 0, sizeof *e);
}

void text_cache_clear(TextCache *c)
{
    for (int i = 0; i < c->count; i++)
        entry_free(&c->items[i]);
    c->count = 0;
}

void text_cache_free(TextCache *c)
{
    text_cache_clear(c);
    free(c->items);
    c->items = NULL;
    c->cap = 0;
}

/* Width of the first len bytes of s in a font (MeasureFn for text_wrap). */
static int measure(void *ctx, const char *s, int len)
{
    char small[512];
    char *buf = len < (int)sizeof small ? small : malloc((size_t)len + 1);
    if (!buf)
        return INT_MAX / 2;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    int w = 0, h = 0;
    if (len > 0 && TTF_SizeUTF8((TTF_Font *)ctx, buf, &w, &h) != 0)
        w = 0;
    if (buf != small)
        free(buf);
    return w;
}

int text_line_h(const App *app, FontId font)
{
    return TTF_FontLineSkip(app->fonts[font]);
}

int text_width(App *app, const char *text, FontId font)
{
    return measure(app->fonts[font], text, (int)strlen(text));
}

static uint32_t hash_key(const char *text, int font, SDL_Color c, int wrap, int max_lines)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    uint32_t extra[4] = {(uint32_t)font, (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b,
                         (uint32_t)wrap, (uint32_t)max_lines};
    for (int i = 0; i < 4; i++)
        h = (h ^ extra[i]) * 16777619u;
    return h;
}

/* Render one line (bytes [s, s+len)) to a surface; NULL for blank text. */
static SDL_Surface *render_line(TTF_Font *f, const char *s, int len, SDL_Color color, bool ellipsis, int maxw)
{
    char *buf = malloc((size_t)len + 4);
    if (!buf)
        return NULL;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    if (ellipsis) {
        /* Shorten until the line and its ellipsis fit. */
        int n = len;
        for (;;) {
            memcpy(buf + n, "\xE2\x80\xA6", 4);
            if (n == 0 || measure(f, buf, n + 3) <= maxw)
                break;
            do
                n--;
            while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
        }
    }
    bool blank = true;
    for (const char *p = buf; *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\r')
            blank = false;
    SDL_Surface *out = blank ? NULL : TTF_RenderUTF8_Blended(f, buf, color);
    free(buf);
    return out;
}

static bool build(App *app, TextEntry *e)
{
    TTF_Font *f = app->fonts[e->font];
    int width = e->wrap > 0 ? e->wrap : INT_MAX / 4;
    int n = text_wrap(e->text, width, measure, f, NULL, 0);
    e->lines = calloc((size_t)(n > 0 ? n : 1), sizeof *e->lines);
    if (!e->lines)
        return false;
    text_wrap(e->text, width, measure, f, e->lines, n);
    bool cut = e->max_lines > 0 && n > e->max_lines;
    if (cut)
        n = e->max_lines;
    e->nlines = n;
    e->line_h = TTF_FontLineSkip(f);
    e->h = n * e->line_h;
    SDL_Surface *parts[64];
    int np = n < 64 ? n : 64, w = 0;
    for (int i = 0; i < np; i++) {
        bool last_cut = cut && i == n - 1;
        parts[i] = render_line(f, e->text + e->lines[i].start, e->lines[i].len, e->color, last_cut,
                               e->wrap > 0 ? e->wrap : INT_MAX / 4);
        if (parts[i] && parts[i]->w > w)
            w = parts[i]->w;
    }
    e->w = w;
    if (w > 0 && e->h > 0) {
        SDL_Surface *all = SDL_CreateRGBSurfaceWithFormat(0, w, e->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (all) {
            SDL_FillRect(all, NULL, 0);
            for (int i = 0; i < np; i++) {
                if (!parts[i])
                    continue;
                SDL_Rect dst = {0, i * e->line_h, parts[i]->w, parts[i]->h};
                SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
                SDL_BlitSurface(parts[i], NULL, all, &dst);
            }
            e->tex = SDL_CreateTextureFromSurface(app->ren, all);
            if (e->tex)
                SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
            SDL_FreeSurface(all);
        }
    }
    for (int i = 0; i < np; i++)
        if (parts[i])
            SDL_FreeSurface(parts[i]);
    return true;
}

const TextEntry *text_get(App *app, const char *text, FontId font, SDL_Color color, int wrap, int max_lines)
{
    static const TextEntry empty = {0};
    TextCache *c = &app->cache;
    if (!text || !*text || c->cap == 0)
        return &empty;
    uint32_t h = hash_key(text, font, color, wrap, max_lines);
    c->tick++;
    for (int i = 0; i < c->count; i++) {
        TextEntry *e = &c->items[i];
        if (e->hash == h && e->font == (int)font && e->wrap == wrap && e->max_lines == max_lines &&
            e->color.r == color.r && e->color.g == color.g && e->color.b == color.b &&
            strcmp(e->text, text) == 0) {
            e->used = c->tick;
            c->hits++;
            return e;
        }
    }
    c->misses++;
    TextEntry *e;
    if (c->count < c->cap) {
        e = &c->items[c->count++];
    } else {
        e = &c->items[0];
        for (int i = 1; i < c->count; i++)
            if (c->items[i].used < e->used)
                e = &c->items[i];
        entry_free(e);
    }
    e->text = strdup(text);
    e->hash = h;
    e->font = font;
    e->color = color;
    e->wrap = wrap;
    e->max_lines = max_lines;
    e->used = c->tick;
    if (!e->text || !build(app, e)) {
        entry_free(e);
        return &empty;
    }
    return e;
}

int text_height(App *app, const char *text, FontId font, int wrap, int max_lines)
{
    SDL_Color any = app->th->text;
    return text_get(app, text, font, any, wrap, max_lines)->h;
}

int text_draw(App *app, const char *text, FontId font, SDL_Color color, int x, int y,
              int wrap, int max_lines, SDL_Rect box, int reveal)
{
    const TextEntry *e = text_get(app, text, font, color, wrap, max_lines);
    if (!e->tex)
        return e->h;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (!layout_contains(box, dst)) {
        app->overflows++;
        if (getenv("COMPEL_UI_DEBUG"))
            fprintf(stderr, "compel: text outside its box: \"%.40s\" at %d,%d %dx%d, box %d,%d %dx%d\n",
                    text, dst.x, dst.y, dst.w, dst.h, box.x, box.y, box.w, box.h);
    }
    if (reveal < 0) {
        SDL_RenderCopy(app->ren, e->tex, NULL, &dst);
        return e->h;
    }
    /* Progressive reveal: whole lines, then part of the current line. */
    int left = reveal;
    for (int i = 0; i < e->nlines && left > 0; i++) {
        const char *s = e->text + e->lines[i].start;
        int len = e->lines[i].len, chars = utf8_count(s, len);
        int w = e->w;
        if (left < chars)
            w = measure(app->fonts[font], s, utf8_offset(s, len, left));
        left -= chars + 1;
        if (w <= 0)
            continue;
        if (w > e->w)
            w = e->w;
        SDL_Rect src = {0, i * e->line_h, w, e->line_h};
        SDL_Rect d = {x, y + i * e->line_h, w, e->line_h};
        SDL_RenderCopy(app->ren, e->tex, &src, &d);
    }
    return e->h;
}
