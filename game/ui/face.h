/* face.h - drawn faces: a character's look derived from their name and
 * colour, one expression per mood, and an anti-aliased rasteriser that paints
 * a face into a pixel buffer. No SDL and no state: the window caches the
 * pixels as textures (avatar.c), tests call it directly.
 *
 * A face is a look (who: skin, hair, clothes, build; fixed for a character)
 * and an expression (how they feel now: brows, eyes, mouth, head tilt; a
 * vector of numbers so that two moods can be mixed while easing). */
#ifndef COMPEL_FACE_H
#define COMPEL_FACE_H

#include <stdbool.h>
#include <stdint.h>

#include "compel/scenario.h"

/* One expression per mood of scenario.h's list. */
#define FACE_MOODS MOOD_COUNT

typedef struct FaceLook {
    uint32_t skin, skin_shade;     /* 0xRRGGBB */
    uint32_t hair, brow;
    uint32_t cloth, cloth_shade, shirt;
    uint32_t backdrop;             /* the disc behind the face */
    uint32_t eye;
    int hair_style;                /* 0 .. FACE_HAIR_STYLES-1 */
    bool glasses;
    double head_w, head_h;         /* head size multipliers near 1 */
    Stance stance;                 /* posture: leans in, leans back, arms crossed */
} FaceLook;

#define FACE_HAIR_STYLES 8

/* The parameters an expression sets; each is a small number, 0 at rest. */
typedef enum FaceParam {
    FX_BROW_L, FX_BROW_R,          /* raise (+) or lower (-) each brow */
    FX_BROW_TILT,                  /* inner ends up (+, worry) or down (-, anger) */
    FX_EYE_L, FX_EYE_R,            /* openness, 1 at rest, 0 closed */
    FX_LID_LOW,                    /* lower lids pushed up by a smile */
    FX_LID_TILT,                   /* upper lids lowered toward the nose (glare) */
    FX_LOOK_X, FX_LOOK_Y,          /* gaze, -1 .. 1 */
    FX_MOUTH_CURVE,                /* corners up (+) or down (-) */
    FX_MOUTH_OPEN,
    FX_MOUTH_WIDTH,                /* 1 at rest */
    FX_MOUTH_ASYM,                 /* one corner up, the other down */
    FX_MOUTH_X,                    /* mouth pushed to one side */
    FX_TEETH,                      /* how much of the teeth show, 0 .. 1 */
    FX_BLUSH, FX_FLUSH,            /* warm cheeks; a red face */
    FX_HEAD_TILT,                  /* radians, + tilts the head to its left */
    FX_HEAD_DY,                    /* head lowered (+) or raised (-) */
    FX_SHOULDERS,                  /* shoulders raised (+, tense) or dropped (-) */
    FX_COUNT
} FaceParam;

typedef struct FaceExpr { double v[FX_COUNT]; } FaceExpr;

/* The look of a character: stable for the same name, colour and stance on
 * every run. rgb is the character's colour (NULL when it has none); the
 * backdrop is blended toward surface (0xRRGGBB, the panel the face sits on)
 * so the disc reads in light and dark themes. */
void face_look(FaceLook *out, const char *name, const uint8_t *rgb, Stance stance, uint32_t surface);

/* The expression of a mood (anything outside the list is neutral). */
void face_expr(FaceExpr *out, Mood mood);

/* a + (b - a) * t, parameter by parameter. */
void face_expr_mix(FaceExpr *out, const FaceExpr *a, const FaceExpr *b, double t);

/* Ease in and out: 0 -> 0, 1 -> 1, flat at both ends (t clamped to 0..1). */
double face_ease(double t);

/* Paint the face into px (ARGB8888, straight alpha, size x size pixels, pitch
 * in pixels): a disc holding the head and shoulders, transparent outside it.
 * look NULL paints the narrator's mark (a disc with three dots). Returns 0,
 * or -1 when out of memory or size is not in 8 .. 4096 (px is untouched). */
int face_render(const FaceLook *look, const FaceExpr *ex, uint32_t *px, int size, int pitch);

#endif
