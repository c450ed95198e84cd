/* avatar.c - who is speaking, as a picture: a character's photo when the
 * scenario gives one, else their drawn face (face.c) showing the mood.
 *
 * Faces are painted once per character, mood and size and kept as textures
 * (a small LRU). The conversation's face eases from one mood to the next
 * over a fraction of a second: only then is it repainted every frame, into
 * one streaming texture; once the change is done the window is idle again. */
#include <stdlib.h>
#include <string.h>

#include "face.h"
#include "ui.h"

#define FACE_SLOTS 40
#define EASE_MS 320

typedef struct FaceTex {
    uint32_t key;
    int size;
    SDL_Texture *tex;
    uint64_t used;
} FaceTex;

struct FaceState {
    FaceLook *looks;           /* per character of the open scenario */
    int nlooks;
    uint32_t surface;          /* the theme colour the looks were made for */
    FaceTex slots[FACE_SLOTS];
    uint64_t tick;
    /* the conversation's face while it changes mood */
    int who;                   /* who is shown; -2: nobody yet */
    Mood mood;                 /* the mood the face is showing or heading to */
    FaceExpr from, to;
    Uint32 start;
    bool running;
    SDL_Texture *live;
    int live_size;
    uint32_t *pixels;          /* scratch for painting */
    size_t npixels;
};

static uint32_t theme_surface(const App *app)
{
    SDL_Color c = app->th->surface;
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

static FaceState *state(App *app)
{
    if (!app->faces) {
        app->faces = calloc(1, sizeof *app->faces);
        if (app->faces)
            app->faces->who = -2;
    }
    return app->faces;
}

void avatar_flush(App *app)
{
    FaceState *fs = app->faces;
    if (!fs)
        return;
    for (int i = 0; i < FACE_SLOTS; i++)
        if (fs->slots[i].tex)
            SDL_DestroyTexture(fs->slots[i].tex);
    memset(fs->slots, 0, sizeof fs->slots);
    if (fs->live)
        SDL_DestroyTexture(fs->live);
    fs->live = NULL;
    fs->live_size = 0;
    free(fs->pixels);
    fs->pixels = NULL;
    fs->npixels = 0;
    free(fs->looks);
    fs->looks = NULL;
    fs->nlooks = 0;
    fs->running = false;
    fs->who = -2;
}

void avatar_free(App *app)
{
    avatar_flush(app);
    free(app->faces);
    app->faces = NULL;
}

/* The look of character ci (ci -1: the narrator, NULL). */
static const FaceLook *look_of(App *app, FaceState *fs, int ci)
{
    const Scenario *sc = app->sc;
    if (ci < 0 || !sc || ci >= sc->ncharacters)
        return NULL;
    uint32_t surface = theme_surface(app);
    if (!fs->looks || fs->nlooks != sc->ncharacters || fs->surface != surface) {
        free(fs->looks);
        fs->looks = calloc((size_t)sc->ncharacters, sizeof *fs->looks);
        fs->nlooks = fs->looks ? sc->ncharacters : 0;
        fs->surface = surface;
        for (int i = 0; i < fs->nlooks; i++) {
            const Character *c = &sc->characters[i];
            uint8_t rgb[3] = {c->r, c->g, c->b};
            face_look(&fs->looks[i], c->name, c->has_color ? rgb : NULL, c->stance, surface);
        }
    }
    return ci < fs->nlooks ? &fs->looks[ci] : NULL;
}

static SDL_Texture *paint_texture(App *app, FaceState *fs, const FaceLook *lk, const FaceExpr *ex, int size,
                                  SDL_Texture *reuse)
{
    size_t need = (size_t)size * (size_t)size;
    if (!fs->pixels || fs->npixels < need) {
        free(fs->pixels);
        fs->pixels = malloc(need * sizeof *fs->pixels);
        fs->npixels = fs->pixels ? need : 0;
        if (!fs->pixels)
            return NULL;
    }
    if (face_render(lk, ex, fs->pixels, size, size) != 0)
        return NULL;
    SDL_Texture *t = reuse;
    if (!t) {
        t = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, size, size);
        if (!t)
            return NULL;
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    }
    SDL_UpdateTexture(t, NULL, fs->pixels, size * (int)sizeof *fs->pixels);
    return t;
}

/* The texture of a face at rest in this mood (painted on first use). */
static SDL_Texture *rest_texture(App *app, FaceState *fs, int ci, Mood mood, int size)
{
    uint32_t key = (uint32_t)(ci + 2) << 8 | (uint32_t)mood;
    FaceTex *free_slot = NULL, *oldest = &fs->slots[0];
    for (int i = 0; i < FACE_SLOTS; i++) {
        FaceTex *s = &fs->slots[i];
        if (s->tex && s->key == key && s->size == size) {
            s->used = ++fs->tick;
            return s->tex;
        }
        if (!s->tex && !free_slot)
            free_slot = s;
        if (s->used < oldest->used)
            oldest = s;
    }
    FaceTex *s = free_slot ? free_slot : oldest;
    if (s->tex)
        SDL_DestroyTexture(s->tex);
    FaceExpr ex;
    face_expr(&ex, mood);
    s->tex = paint_texture(app, fs, look_of(app, fs, ci), &ex, size, NULL);
    s->key = key;
    s->size = size;
    s->used = ++fs->tick;
    return s->tex;
}

bool avatar_animating(const App *app)
{
    return app->faces && app->faces->running;
}

void avatar_finish(App *app)
{
    if (app->faces && app->faces->running) {
        app->faces->running = false;
        app->dirty = true;
    }
}

/* The conversation's face: follows who speaks and eases between moods. */
static SDL_Texture *live_texture(App *app, FaceState *fs, int ci, Mood mood, int size)
{
    Uint32 now = SDL_GetTicks();
    if (fs->who != ci) {
        fs->who = ci;
        fs->mood = mood;
        fs->running = false;
        face_expr(&fs->to, mood);
    } else if (fs->mood != mood) {
        /* start from wherever the face is now, even in the middle of a change */
        FaceExpr cur = fs->to;
        if (fs->running)
            face_expr_mix(&cur, &fs->from, &fs->to, face_ease((now - fs->start) / (double)EASE_MS));
        fs->from = cur;
        face_expr(&fs->to, mood);
        fs->mood = mood;
        fs->start = now;
        fs->running = true;
    }
    if (fs->running && now - fs->start >= EASE_MS)
        fs->running = false;
    if (!fs->running)
        return rest_texture(app, fs, ci, mood, size);
    if (!fs->live || fs->live_size != size) {
        if (fs->live)
            SDL_DestroyTexture(fs->live);
        fs->live = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, size, size);
        fs->live_size = fs->live ? size : 0;
        if (!fs->live)
            return rest_texture(app, fs, ci, mood, size);
        SDL_SetTextureBlendMode(fs->live, SDL_BLENDMODE_BLEND);
    }
    FaceExpr ex;
    face_expr_mix(&ex, &fs->from, &fs->to, face_ease((now - fs->start) / (double)EASE_MS));
    return paint_texture(app, fs, look_of(app, fs, ci), &ex, size, fs->live);
}

void draw_avatar(App *app, const Character *ch, int ci, Mood mood, SDL_Rect r, bool live)
{
    if (ch && app->portraits && ci >= 0 && app->portraits[ci]) {
        SDL_RenderCopy(app->ren, app->portraits[ci], NULL, &r);
        draw_frame(app, r, app->th->border, 1);
        return;
    }
    FaceState *fs = state(app);
    int size = r.w < r.h ? r.w : r.h;
    if (!fs || size < 8)
        return;
    if (!ch)
        ci = -1;
    SDL_Texture *t = live && ch ? live_texture(app, fs, ci, mood, size) : rest_texture(app, fs, ci, ch ? mood : MOOD_NEUTRAL, size);
    if (!t) {
        draw_fill(app, r, app->th->track);
        return;
    }
    SDL_Rect d = {r.x + (r.w - size) / 2, r.y + (r.h - size) / 2, size, size};
    SDL_RenderCopy(app->ren, t, NULL, &d);
}
