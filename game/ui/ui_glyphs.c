/* ui_glyphs.c - characters DejaVu Sans lacks (a colleague named 李 Wei, an
 * Arabic or Devanagari name): fontconfig names a system font that covers
 * the character, SDL_ttf opens it at the sizes in use, and ui_text.c draws
 * each run of text in the font that has it. Also the check that a font
 * which loads can really draw letters, and a system font to use when not. */
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "ui.h"

enum { MAX_FALLBACKS = 8, MAX_MISSING = 64 };

typedef struct Fallback {
    char *path;
    TTF_Font *f[FONT_COUNT];   /* opened when first needed at that size */
    bool failed[FONT_COUNT];
} Fallback;

struct Glyphs {
    Fallback fb[MAX_FALLBACKS];
    int nfb;
    unsigned missing[MAX_MISSING];   /* code points no system font has: never asked again */
    int nmissing;
};

/* The file of the best system font whose character set has cp (and, when
 * family is not NULL, that family's style), or NULL. */
static char *match_file(unsigned cp, const char *family, bool bold)
{
    if (!FcInit())
        return NULL;
    FcPattern *pat = family ? FcNameParse((const FcChar8 *)family) : FcPatternCreate();
    if (!pat)
        return NULL;
    FcCharSet *cs = NULL;
    if (cp) {
        cs = FcCharSetCreate();
        if (cs) {
            FcCharSetAddChar(cs, cp);
            FcPatternAddCharSet(pat, FC_CHARSET, cs);
        }
    }
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    if (bold)
        FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_BOLD);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    char *out = NULL;
    FcChar8 *file = NULL;
    FcCharSet *has = NULL;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        (!cp || (FcPatternGetCharSet(m, FC_CHARSET, 0, &has) == FcResultMatch && FcCharSetHasChar(has, cp))))
        out = strdup((const char *)file);
    if (m)
        FcPatternDestroy(m);
    if (cs)
        FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return out;
}

static TTF_Font *open_at(Fallback *fb, App *app, FontId id)
{
    if (!fb->f[id] && !fb->failed[id]) {
        fb->f[id] = TTF_OpenFont(fb->path, app->font_px[id]);
        fb->failed[id] = fb->f[id] == NULL;
        if (fb->f[id])
            TTF_SetFontHinting(fb->f[id], TTF_HINTING_LIGHT);
    }
    return fb->f[id];
}

TTF_Font *glyphs_font_for(App *app, FontId id, unsigned cp)
{
    TTF_Font *primary = app->fonts[id];
    if (cp < 0x80 || TTF_GlyphIsProvided32(primary, cp))
        return primary;
    if (!app->glyphs && !(app->glyphs = calloc(1, sizeof *app->glyphs)))
        return primary;
    struct Glyphs *g = app->glyphs;
    for (int i = 0; i < g->nfb; i++) {
        TTF_Font *f = open_at(&g->fb[i], app, id);
        if (f && TTF_GlyphIsProvided32(f, cp))
            return f;
    }
    for (int i = 0; i < g->nmissing; i++)
        if (g->missing[i] == cp)
            return primary;
    char *path = match_file(cp, NULL, false);
    if (path && g->nfb < MAX_FALLBACKS) {
        for (int i = 0; i < g->nfb; i++)
            if (strcmp(g->fb[i].path, path) == 0) {   /* known file, but it lacked cp at this size */
                free(path);
                path = NULL;
                break;
            }
    }
    if (path && g->nfb < MAX_FALLBACKS) {
        Fallback *fb = &g->fb[g->nfb++];
        memset(fb, 0, sizeof *fb);
        fb->path = path;
        TTF_Font *f = open_at(fb, app, id);
        if (f && TTF_GlyphIsProvided32(f, cp))
            return f;
    } else {
        free(path);
    }
    if (g->nmissing < MAX_MISSING)
        g->missing[g->nmissing++] = cp;
    return primary;
}

void glyphs_close(App *app)
{
    struct Glyphs *g = app->glyphs;
    if (!g)
        return;
    for (int i = 0; i < g->nfb; i++) {
        for (int k = 0; k < FONT_COUNT; k++)
            if (g->fb[i].f[k])
                TTF_CloseFont(g->fb[i].f[k]);
        free(g->fb[i].path);
    }
    free(g);
    app->glyphs = NULL;
}

char *glyphs_latin_file(bool bold)
{
    return match_file('A', "sans-serif", bold);
}

bool glyphs_draws_latin(TTF_Font *f)
{
    static const char sample[] = "Hamburgefonstiv";
    for (const char *p = sample; *p; p++)
        if (!TTF_GlyphIsProvided32(f, (Uint32)*p))
            return false;
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, sample, (SDL_Color){0, 0, 0, 255});
    if (!s)
        return false;
    long ink = 0;
    if (SDL_LockSurface(s) == 0) {
        for (int y = 0; y < s->h; y++) {
            const Uint32 *row = (const Uint32 *)(const void *)((const Uint8 *)s->pixels + y * s->pitch);
            for (int x = 0; x < s->w; x++)
                ink += (row[x] >> 24) > 0x40;   /* ARGB8888: alpha in the top byte */
        }
        SDL_UnlockSurface(s);
    }
    SDL_FreeSurface(s);
    return ink > 20;
}
