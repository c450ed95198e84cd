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
#include "compel/grow.h"
#include "compel/textsafe.h"
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
        if (!glyphs_draws_latin(app->fonts[i])) {
            /* it loads, yet draws no letters (a damaged file): say so, use a system font */
            bool bold = strstr(font_specs[i].file, "Bold") != NULL;
            char *alt = glyphs_latin_file(bold);
            TTF_Font *f = alt ? TTF_OpenFont(alt, px) : NULL;
            if (f && !glyphs_draws_latin(f)) {
                TTF_CloseFont(f);
                f = NULL;
            }
            if (!f) {
                fprintf(stderr, "compel: the font %s loads but cannot draw letters (damaged?), and no system font "
                                "can stand in for it; reinstall Compel's fonts\n", path);
                free(alt);
                return false;
            }
            if (!app->font_warned)
                fprintf(stderr, "compel: the font %s loads but cannot draw letters (damaged?); using %s instead\n",
                        path, alt);
            app->font_warned = true;
            free(alt);
            TTF_CloseFont(app->fonts[i]);
            app->fonts[i] = f;
        }
        TTF_SetFontHinting(app->fonts[i], TTF_HINTING_LIGHT);
    }
    return true;
}

void text_close_fonts(App *app)
{
    glyphs_close(app);
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

enum { TEXT_CHUNK_LINES = 16, TEXT_LIVE_CHUNKS = 8 };

static void entry_free(TextEntry *e)
{
    for (int i = 0; i < e->nchunks; i++)
        if (e->chunks[i])
            SDL_DestroyTexture(e->chunks[i]);
    free(e->chunks);
    free(e->made);
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

/* Copy len bytes of s to buf (len + 1 bytes) as drawn: a TAB or another
 * C0 control character is a space (the font would draw a box). */
static void copy_shown(char *buf, const char *s, int len)
{
    for (int i = 0; i < len; i++)
        buf[i] = (unsigned char)s[i] < 0x20 && s[i] != '\n' ? ' ' : s[i];
    buf[len] = '\0';
}

/* A font size of the window, for measuring and drawing text in it. */
typedef struct Face { App *app; FontId id; } Face;

/* The font of the run of characters starting at s (len > 0 bytes): the
 * shipped font, or a fallback for a character it lacks; *n is the run's
 * length in bytes (all its characters drawn in that font). */
static TTF_Font *run_at(const Face *fc, const char *s, int len, int *n)
{
    TTF_Font *f = NULL;
    int i = 0;
    while (i < len) {
        unsigned cp = (unsigned char)s[i];
        size_t k = 1;
        if (cp >= 0x80 && (k = text_utf8_decode(s + i, (size_t)(len - i), &cp)) == 0) {
            k = 1;
            cp = 0xFFFD;
        }
        TTF_Font *cf = glyphs_font_for(fc->app, fc->id, cp);
        if (f && cf != f)
            break;
        f = cf;
        i += (int)k;
    }
    *n = i;
    return f;
}

static bool ascii(const char *s, int len)
{
    for (int i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

/* Width of the first len bytes of s in a Face (MeasureFn for text_wrap). */
static int measure(void *ctx, const char *s, int len)
{
    const Face *fc = ctx;
    char small[512];
    char *buf = len < (int)sizeof small ? small : malloc((size_t)len + 1);
    if (!buf)
        return INT_MAX / 2;
    copy_shown(buf, s, len);
    int total = 0;
    for (int i = 0, n; i < len; i += n) {
        TTF_Font *f = ascii(buf + i, len - i) ? (n = len - i, fc->app->fonts[fc->id]) : run_at(fc, buf + i, len - i, &n);
        char keep = buf[i + n];
        buf[i + n] = '\0';
        int w = 0, h = 0;
        if (TTF_SizeUTF8(f, buf + i, &w, &h) == 0)
            total += w;
        buf[i + n] = keep;
    }
    if (buf != small)
        free(buf);
    return total;
}

/* buf drawn in fc: one surface, its runs side by side on one baseline. */
static SDL_Surface *render_runs(const Face *fc, char *buf, SDL_Color color)
{
    int len = (int)strlen(buf);
    TTF_Font *primary = fc->app->fonts[fc->id];
    if (ascii(buf, len))
        return TTF_RenderUTF8_Blended(primary, buf, color);
    enum { MAX_RUNS = 64 };
    SDL_Surface *part[MAX_RUNS];
    int asc[MAX_RUNS], nr = 0, w = 0, top = TTF_FontAscent(primary), h = TTF_FontHeight(primary);
    for (int i = 0, n; i < len && nr < MAX_RUNS; i += n) {
        TTF_Font *f = run_at(fc, buf + i, len - i, &n);
        char keep = buf[i + n];
        buf[i + n] = '\0';
        part[nr] = TTF_RenderUTF8_Blended(f, buf + i, color);
        buf[i + n] = keep;
        asc[nr] = TTF_FontAscent(f);
        if (part[nr]) {
            w += part[nr]->w;
            top = asc[nr] > top ? asc[nr] : top;
        }
        nr++;
    }
    for (int r = 0; r < nr; r++)
        if (part[r] && top - asc[r] + part[r]->h > h)
            h = top - asc[r] + part[r]->h;
    SDL_Surface *out = w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (out)
        SDL_FillRect(out, NULL, 0);
    for (int r = 0, x = 0; r < nr; r++) {
        if (!part[r])
            continue;
        if (out) {
            SDL_Rect dst = {x, top - asc[r], part[r]->w, part[r]->h};
            SDL_SetSurfaceBlendMode(part[r], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(part[r], NULL, out, &dst);
        }
        x += part[r]->w;
        SDL_FreeSurface(part[r]);
    }
    return out;
}

int text_line_h(const App *app, FontId font)
{
    return TTF_FontLineSkip(app->fonts[font]);
}

int text_width(App *app, const char *text, FontId font)
{
    Face fc = {app, font};
    return measure(&fc, text, (int)strlen(text));
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
static SDL_Surface *render_line(Face *f, const char *s, int len, SDL_Color color, bool ellipsis, int maxw)
{
    char *buf = malloc((size_t)len + 4);
    if (!buf)
        return NULL;
    copy_shown(buf, s, len);
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
    SDL_Surface *out = blank ? NULL : render_runs(f, buf, color);
    free(buf);
    return out;
}

/* Measuring for a layout that may take long (megabytes of text): every
 * few thousand measures it looks for a quit request (SIGTERM and SIGINT
 * arrive as SDL_QUIT), and once one is there it stops measuring so the
 * frame ends and the event loop can quit. */
typedef struct Layout { Face face; unsigned calls; } Layout;

static int measure_layout(void *ctx, const char *s, int len)
{
    Layout *l = ctx;
    if (l->face.app->quit)
        return 0;   /* quitting: the layout no longer matters, end it at once */
    if (++l->calls % 2048 == 0) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_QUIT, SDL_QUIT) > 0)
            l->face.app->quit = true;
    }
    return measure(&l->face, s, len);
}

/* Lay the text out: every line's byte range and width, no pixels yet. */
static bool build(App *app, TextEntry *e)
{
    TTF_Font *f = app->fonts[e->font];
    Layout lay = {{app, (FontId)e->font}, 0};
    int width = e->wrap > 0 ? e->wrap : INT_MAX / 4;
    int stop = e->max_lines > 0 ? e->max_lines : -1;   /* enough to know the text is cut */
    int n = text_wrap_upto(e->text, width, measure_layout, &lay, NULL, 0, stop);
    e->lines = calloc((size_t)(n > 0 ? n : 1), sizeof *e->lines);
    if (!e->lines)
        return false;
    text_wrap_upto(e->text, width, measure_layout, &lay, e->lines, n, stop);
    e->cut = e->max_lines > 0 && n > e->max_lines;
    if (e->cut)
        n = e->max_lines;
    e->nlines = n;
    e->line_h = TTF_FontLineSkip(f);
    e->h = n * e->line_h;
    int w = 0;
    for (int i = 0; i < n; i++) {
        int lw = measure_layout(&lay, e->text + e->lines[i].start, e->lines[i].len);
        if (e->cut && i == n - 1)
            lw += measure_layout(&lay, "\xE2\x80\xA6", 3);   /* the ellipsis drawn after it */
        w = lw > w ? lw : w;
    }
    e->w = w > width ? width : w;
    e->nchunks = (n + TEXT_CHUNK_LINES - 1) / TEXT_CHUNK_LINES;
    e->chunks = calloc((size_t)(e->nchunks > 0 ? e->nchunks : 1), sizeof *e->chunks);
    e->made = calloc((size_t)(e->nchunks > 0 ? e->nchunks : 1), 1);
    return e->chunks && e->made;
}

/* The texture of chunk c (NULL when its lines are blank), rendered now if
 * needed; the chunk farthest from c is dropped when too many are live. */
static SDL_Texture *chunk(App *app, TextEntry *e, int c)
{
    if (e->made[c])
        return e->chunks[c];
    if (e->live >= TEXT_LIVE_CHUNKS) {
        int far = -1;
        for (int i = 0; i < e->nchunks; i++)
            if (e->made[i] && (far < 0 || abs(i - c) > abs(far - c)))
                far = i;
        if (far >= 0) {
            if (e->chunks[far])
                SDL_DestroyTexture(e->chunks[far]);
            e->chunks[far] = NULL;
            e->made[far] = 0;
            e->live--;
        }
    }
    Face fc = {app, (FontId)e->font};
    int first = c * TEXT_CHUNK_LINES, count = e->nlines - first;
    if (count > TEXT_CHUNK_LINES)
        count = TEXT_CHUNK_LINES;
    SDL_Surface *parts[TEXT_CHUNK_LINES];
    int w = 0;
    for (int i = 0; i < count; i++) {
        const WrapLine *l = &e->lines[first + i];
        parts[i] = render_line(&fc, e->text + l->start, l->len, e->color, e->cut && first + i == e->nlines - 1,
                               e->wrap > 0 ? e->wrap : INT_MAX / 4);
        if (parts[i] && parts[i]->w > w)
            w = parts[i]->w;
    }
    SDL_Texture *tex = NULL;
    SDL_Surface *all = w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, count * e->line_h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (all) {
        SDL_FillRect(all, NULL, 0);
        for (int i = 0; i < count; i++) {
            if (!parts[i])
                continue;
            SDL_Rect dst = {0, i * e->line_h, parts[i]->w, parts[i]->h};
            SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(parts[i], NULL, all, &dst);
        }
        tex = SDL_CreateTextureFromSurface(app->ren, all);
        if (tex)
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        SDL_FreeSurface(all);
    }
    for (int i = 0; i < count; i++)
        if (parts[i])
            SDL_FreeSurface(parts[i]);
    e->chunks[c] = tex;
    e->made[c] = 1;
    e->live++;
    return tex;
}

/* The cache entry for this text, laid out now if needed; NULL for text
 * that draws nothing (empty, or out of memory). */
static TextEntry *lookup(App *app, const char *text, FontId font, SDL_Color color, int wrap, int max_lines)
{
    TextCache *c = &app->cache;
    if (!text || !*text || c->cap == 0)
        return NULL;
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
        return NULL;
    }
    return e;
}

const TextEntry *text_get(App *app, const char *text, FontId font, SDL_Color color, int wrap, int max_lines)
{
    static const TextEntry empty = {0};
    const TextEntry *e = lookup(app, text, font, color, wrap, max_lines);
    return e ? e : &empty;
}

int text_height(App *app, const char *text, FontId font, int wrap, int max_lines)
{
    SDL_Color any = app->th->text;
    return text_get(app, text, font, any, wrap, max_lines)->h;
}

/* Copy line i of e (its first w pixels) to (x, y). */
static void draw_line(App *app, TextEntry *e, int i, int x, int y, int w)
{
    SDL_Texture *tex = chunk(app, e, i / TEXT_CHUNK_LINES);
    if (!tex || w <= 0)
        return;
    int tw = 0, th = 0;
    SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
    if (w > tw)
        w = tw;
    SDL_Rect src = {0, (i % TEXT_CHUNK_LINES) * e->line_h, w, e->line_h};
    SDL_Rect d = {x, y, w, e->line_h};
    SDL_RenderCopy(app->ren, tex, &src, &d);
}

void text_log_clear(App *app)
{
    for (int i = 0; i < app->ndrawn; i++)
        free(app->drawn[i].text);
    free(app->drawn);
    app->drawn = NULL;
    app->ndrawn = app->drawn_cap = 0;
}

/* Keep text as laid out at r (when the log is on; out of memory drops it). */
static void log_text(App *app, const char *text, FontId font, SDL_Rect r)
{
    if (!app->log_texts || !*text || !GROW(&app->drawn, &app->drawn_cap, app->ndrawn + 1))
        return;
    char *copy = strdup(text);
    if (copy)
        app->drawn[app->ndrawn++] = (DrawnText){copy, r, font};
}

void text_log_write(const App *app, FILE *out)
{
    for (int i = 0; i < app->ndrawn; i++) {
        const DrawnText *d = &app->drawn[i];
        fprintf(out, "%d %d %d %d %d\t", d->r.x, d->r.y, d->r.w, d->r.h, d->font);
        for (const char *p = d->text; *p; p++) {
            if (*p == '\\')
                fputs("\\\\", out);
            else if (*p == '\n')
                fputs("\\n", out);
            else if (*p == '\t')
                fputs("\\t", out);
            else
                fputc(*p, out);
        }
        fputc('\n', out);
    }
}

int text_draw(App *app, const char *text, FontId font, SDL_Color color, int x, int y,
              int wrap, int max_lines, SDL_Rect box, int reveal)
{
    TextEntry *e = lookup(app, text, font, color, wrap, max_lines);
    if (e)
        log_text(app, text, font, (SDL_Rect){x, y, e->w, e->h});
    if (!e || e->nlines == 0 || e->w == 0 || app->quit)   /* quitting: draw nothing more */
        return e ? e->h : 0;
    SDL_Rect dst = {x, y, e->w, e->h};
    if (!layout_contains(box, dst)) {
        app->overflows++;
        if (getenv("COMPEL_UI_DEBUG"))
            fprintf(stderr, "compel: text outside its box: \"%.40s\" at %d,%d %dx%d, box %d,%d %dx%d\n",
                    text, dst.x, dst.y, dst.w, dst.h, box.x, box.y, box.w, box.h);
    }
    /* only the lines the page shows: inside the clip rectangle, or the output */
    SDL_Rect vis = {0, 0, app->out_w, app->out_h};
    if (SDL_RenderIsClipEnabled(app->ren))
        SDL_RenderGetClipRect(app->ren, &vis);
    int first = (vis.y - y) / e->line_h, last = (vis.y + vis.h - y) / e->line_h;
    if (first < 0)
        first = 0;
    if (last > e->nlines - 1)
        last = e->nlines - 1;
    if (reveal < 0) {
        for (int i = first; i <= last; i++)
            draw_line(app, e, i, x, y + i * e->line_h, INT_MAX);   /* the line's whole texture */
        return e->h;
    }
    /* Progressive reveal: whole lines, then part of the current line. */
    int left = reveal;
    for (int i = 0; i < e->nlines && i <= last && left > 0; i++) {
        const char *s = e->text + e->lines[i].start;
        int len = e->lines[i].len, chars = utf8_count(s, len);
        int w = e->w;
        if (left < chars)
            w = measure(&(Face){app, font}, s, utf8_offset(s, len, left));
        left -= chars + 1;
        if (i >= first)
            draw_line(app, e, i, x, y + i * e->line_h, w);
    }
    return e->h;
}
