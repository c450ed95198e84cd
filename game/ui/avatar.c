/* avatar.c - who is speaking, as a picture: a character's photo when the
 * scenario gives one, else their drawn face (face.c) showing the mood.
 *
 * Photos (PNG, JPEG or BMP through SDL2_image) are loaded when the scenario
 * opens: only from inside the scenario's folder once links are followed,
 * only regular files, and only when the header claims a sane size; then
 * cropped to a square (a little above the middle, where faces are), scaled
 * once and cut to the same disc as the drawn faces. A photo that cannot be
 * used leaves the drawn face, and the briefing says why once.
 *
 * Faces are painted once per character, mood and size and kept as textures
 * (a small LRU). The conversation's face eases from one mood to the next
 * over a fraction of a second: only then is it repainted every frame, into
 * one streaming texture; once the change is done the window is idle again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "compel/fileio.h"
#include "compel/image.h"
#include "face.h"
#include "ui.h"

#define FACE_SLOTS 40
#define EASE_MS 320
#define PHOTO_PX 384                     /* photos are kept at this size, scaled when drawn */
#define PHOTO_MAX_BYTES (32u << 20)

typedef struct FaceTex {
    uint32_t key;
    int size;
    SDL_Texture *tex;
    uint64_t used;
} FaceTex;

typedef struct Drawn {
    SDL_Rect r;
    int who;                   /* character index, -1 the narrator */
    Mood mood;
    bool photo;
} Drawn;

typedef struct Photo {
    const char *path;          /* the resolved path (the scenario owns it) */
    SDL_Texture *tex;          /* NULL: it could not be used */
} Photo;

struct FaceState {
    Photo *photos;             /* every distinct image the open scenario names */
    int nphotos;
    int *photo_of;             /* [character * MOOD_COUNT + mood]: index into photos, or -1 */
    bool img_ready;
    Drawn drawn[16];           /* the faces of the last frame, for tests */
    int ndrawn;
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

static void free_photos(FaceState *fs)
{
    for (int i = 0; i < fs->nphotos; i++)
        if (fs->photos[i].tex)
            SDL_DestroyTexture(fs->photos[i].tex);
    free(fs->photos);
    free(fs->photo_of);
    fs->photos = NULL;
    fs->photo_of = NULL;
    fs->nphotos = 0;
}

void avatar_free(App *app)
{
    if (!app->faces)
        return;
    avatar_flush(app);
    free_photos(app->faces);
    if (app->faces->img_ready)
        IMG_Quit();
    free(app->faces);
    app->faces = NULL;
}

/* The decoded image cut to a square a little above its middle, scaled to
 * PHOTO_PX and masked to the face disc. NULL with a reason in why. */
static SDL_Texture *photo_texture(App *app, SDL_Surface *img, char *why, size_t whycap)
{
    SDL_Surface *src = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, PHOTO_PX, PHOTO_PX, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Texture *t = NULL;
    if (src && dst) {
        int side = src->w < src->h ? src->w : src->h;
        SDL_Rect crop = {(src->w - side) / 2, (src->h - side) * 3 / 10, side, side};
        if (SDL_SoftStretchLinear(src, &crop, dst, NULL) == 0 || SDL_BlitScaled(src, &crop, dst, NULL) == 0) {
            double r = PHOTO_PX / 2.0;
            for (int y = 0; y < PHOTO_PX; y++) {
                Uint32 *row = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch);
                for (int x = 0; x < PHOTO_PX; x++) {
                    double dx = x + 0.5 - r, dy = y + 0.5 - r;
                    double c = r - 0.25 - SDL_sqrt(dx * dx + dy * dy) + 0.5;
                    c = c < 0 ? 0 : c > 1 ? 1 : c;
                    Uint32 a = (Uint32)((row[x] >> 24) * c + 0.5);
                    row[x] = (row[x] & 0xFFFFFFu) | a << 24;
                }
            }
            t = SDL_CreateTextureFromSurface(app->ren, dst);
        }
    }
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    } else {
        snprintf(why, whycap, "cannot be scaled (%s)", SDL_GetError());
    }
    SDL_FreeSurface(src);
    SDL_FreeSurface(dst);
    return t;
}

/* Load one portrait file; NULL with a reason in why. */
static SDL_Texture *load_photo(App *app, FaceState *fs, const char *path, char *why, size_t whycap)
{
    if (!path_inside_folder(app->sc->dir, path, why, whycap))
        return NULL;
    FileStatus st;
    size_t len = 0;
    char *bytes = file_read_all(path, PHOTO_MAX_BYTES, &len, &st, why, whycap);
    if (!bytes)
        return NULL;
    SDL_Texture *t = NULL;
    if (image_header_ok((const unsigned char *)bytes, len, why, whycap)) {
        if (!fs->img_ready) {
            IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
            fs->img_ready = true;
        }
        SDL_Surface *img = IMG_Load_RW(SDL_RWFromConstMem(bytes, (int)len), 1);
        if (!img)
            snprintf(why, whycap, "cannot be decoded (%s)", IMG_GetError());
        else
            t = photo_texture(app, img, why, whycap);
        SDL_FreeSurface(img);
    }
    free(bytes);
    return t;
}

void avatar_open(App *app)
{
    FaceState *fs = state(app);
    const Scenario *sc = app->sc;
    if (!fs || !sc)
        return;
    free_photos(fs);
    int slots = sc->ncharacters * MOOD_COUNT;
    fs->photo_of = malloc((size_t)(slots > 0 ? slots : 1) * sizeof *fs->photo_of);
    fs->photos = calloc((size_t)(slots > 0 ? slots : 1), sizeof *fs->photos);
    if (!fs->photo_of || !fs->photos) {
        free_photos(fs);
        return;
    }
    for (int ci = 0; ci < sc->ncharacters; ci++) {
        const Character *ch = &sc->characters[ci];
        for (int m = 0; m < MOOD_COUNT; m++) {
            const Portrait *p = character_portrait(ch, (Mood)m);
            int k = -1;
            for (int i = 0; p && i < fs->nphotos && k < 0; i++)
                if (strcmp(fs->photos[i].path, p->path) == 0)
                    k = i;
            if (p && k < 0) {
                char why[512];
                k = fs->nphotos++;
                fs->photos[k].path = p->path;
                fs->photos[k].tex = load_photo(app, fs, p->path, why, sizeof why);
                if (!fs->photos[k].tex) {
                    fprintf(stderr, "compel: the portrait %s of %s %s; the drawn face is shown instead\n",
                            p->written, ch->name, why);
                    if (!app->portrait_error) {
                        size_t n = strlen(p->written) + strlen(ch->name) + strlen(why) + 96;
                        app->portrait_error = malloc(n);
                        if (app->portrait_error)
                            snprintf(app->portrait_error, n,
                                     "The portrait of %s (%s) %s, so a drawn face is shown instead.", ch->name,
                                     p->written, why);
                    }
                }
            }
            fs->photo_of[ci * MOOD_COUNT + m] = k >= 0 && fs->photos[k].tex ? k : -1;
        }
    }
}

void avatar_close(App *app)
{
    if (!app->faces)
        return;
    avatar_flush(app);
    free_photos(app->faces);
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
    FaceState *fs = state(app);
    int size = r.w < r.h ? r.w : r.h;
    if (!fs || size < 8)
        return;
    SDL_Rect d = {r.x + (r.w - size) / 2, r.y + (r.h - size) / 2, size, size};
    if (fs->ndrawn < 16)
        fs->drawn[fs->ndrawn++] = (Drawn){d, ch ? ci : -1, mood, false};
    int k = ch && fs->photo_of && ci >= 0 && app->sc && ci < app->sc->ncharacters
                ? fs->photo_of[ci * MOOD_COUNT + ((unsigned)mood < MOOD_COUNT ? (int)mood : 0)] : -1;
    if (k >= 0) {
        fs->drawn[fs->ndrawn - 1].photo = true;
        SDL_RenderCopy(app->ren, fs->photos[k].tex, NULL, &d);
        return;
    }
    if (!ch)
        ci = -1;
    SDL_Texture *t = live && ch ? live_texture(app, fs, ci, mood, size) : rest_texture(app, fs, ci, ch ? mood : MOOD_NEUTRAL, size);
    if (!t) {
        draw_fill(app, r, app->th->track);
        return;
    }
    SDL_RenderCopy(app->ren, t, NULL, &d);
}

void avatar_frame(App *app)
{
    if (app->faces)
        app->faces->ndrawn = 0;
}

void avatar_report(const App *app, FILE *out)
{
    const FaceState *fs = app->faces;
    for (int i = 0; fs && i < fs->ndrawn; i++)
        fprintf(out, "compel: face %d %d %d %d %s %s %s\n", fs->drawn[i].r.x, fs->drawn[i].r.y, fs->drawn[i].r.w,
                fs->drawn[i].r.h, fs->drawn[i].who >= 0 ? app->sc->characters[fs->drawn[i].who].id : "narrator",
                mood_name(fs->drawn[i].mood), fs->drawn[i].photo ? "photo" : "drawn");
}
