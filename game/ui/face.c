/* face.c - paints a character's face: head, hair, eyes, brows, nose, mouth,
 * neck and shoulders inside a disc, anti-aliased, from a look (who) and an
 * expression (how they feel).
 *
 * Every part is a signed-distance shape (ellipse, capsule, tapered stroke,
 * polygon, rounded box, half-plane) in the face's own unit square; a layer
 * is a union of shapes, cut by others, painted in one colour. A pixel's
 * coverage is its distance to the edge (half a pixel inside = fully
 * covered), which gives smooth edges at any size without supersampling. The
 * head and its features are painted in a frame that tilts and moves with the
 * expression; the body in one that leans with the stance. */
#include "face.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct V2 { double x, y; } V2;

typedef enum ShapeKind { SH_ELLIPSE, SH_STROKE, SH_POLY, SH_BOX, SH_PLANE } ShapeKind;

typedef struct Shape {
    ShapeKind kind;
    V2 c, r;            /* ellipse centre and radii; box centre and half size; plane point and outward normal */
    double round;       /* box corner radius */
    int first, n;       /* SH_STROKE / SH_POLY: points (and stroke radii) in the canvas pool */
    double grow;        /* distance subtracted: > 0 grows the shape */
    double ring;        /* > 0: only a band this wide (half) around the edge */
} Shape;

/* An affine map from a frame's coordinates to the canvas unit square. */
typedef struct Xf { double a, b, c, d, tx, ty; } Xf;

#define MAX_ADD 14
#define MAX_CUT 4
#define POOL 256

typedef struct Canvas {
    int size;
    float *rgba;        /* premultiplied, size * size * 4 */
    float *clip;        /* the disc's coverage per pixel */
    Xf xf;              /* the current frame */
    /* the layer being built */
    double alpha, feather;
    float col[3];
    Shape add[MAX_ADD], and_[MAX_CUT], sub[MAX_CUT];
    int nadd, nand, nsub;
    V2 pts[POOL];
    double rad[POOL];
    int npts;
} Canvas;

/* ---- colours ---- */

static uint32_t rgb_mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int s = 0; s <= 16; s += 8) {
        double x = (double)((a >> s) & 255), y = (double)((b >> s) & 255);
        out |= (uint32_t)lround(x + (y - x) * t) << s;
    }
    return out;
}

static double rgb_luma(uint32_t c)
{
    return (0.299 * ((c >> 16) & 255) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255)) / 255.0;
}

/* ---- the look: who the character is ---- */

static uint32_t hash_name(const char *name, const uint8_t *rgb)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++)
        h = (h ^ *p) * 16777619u;
    if (rgb)
        for (int i = 0; i < 3; i++)
            h = (h ^ rgb[i]) * 16777619u;
    /* a final mix so neighbouring names spread over every palette */
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    h *= 0x297a2d39u;
    h ^= h >> 15;
    return h;
}

void face_look(FaceLook *out, const char *name, const uint8_t *rgb, Stance stance, uint32_t surface)
{
    static const uint32_t skins[] = {0xF6D7C3, 0xEFC3A4, 0xE0AC88, 0xC98E68, 0xA8704C, 0x8A5A3C, 0x6B4330};
    static const uint32_t hairs[] = {0x2A2220, 0x3B2A22, 0x5A3A28, 0x7A4A2A, 0x9C5A32, 0xC79A5E, 0xB8B4AE, 0x1E1C22};
    static const uint32_t cloths[] = {0x2F5D8C, 0x3F7F6E, 0x7A3E5A, 0x5B5F97, 0xA0563A, 0x4A6A35, 0x8A6A2A, 0x465564};
    uint32_t h = hash_name(name, rgb);
    memset(out, 0, sizeof *out);
    out->skin = skins[h % 7u];
    uint32_t hair = hairs[(h >> 3) % 8u];
    /* grey hair only on some; very light hair is darkened a touch on very light skin so it reads */
    if (hair == 0xB8B4AE && ((h >> 27) & 1u))
        hair = hairs[(h >> 6) % 6u];
    if (rgb_luma(hair) > 0.55 && rgb_luma(out->skin) > 0.8)
        hair = rgb_mix(hair, 0x5A3A28, 0.25);
    out->hair = hair;
    out->brow = rgb_mix(hair, 0x1A1412, rgb_luma(hair) > 0.45 ? 0.45 : 0.15);
    out->skin_shade = rgb_mix(out->skin, 0x6A3020, 0.16);
    out->hair_style = (int)((h >> 9) % FACE_HAIR_STYLES);
    out->glasses = ((h >> 13) % 5u) == 0;
    out->head_w = 0.95 + (double)((h >> 16) % 9u) * 0.0125;
    out->head_h = 0.96 + (double)((h >> 20) % 7u) * 0.01;
    out->eye = rgb_mix(0x221A18, out->skin, 0.08);
    uint32_t cloth;
    if (rgb) {
        cloth = (uint32_t)rgb[0] << 16 | (uint32_t)rgb[1] << 8 | rgb[2];
        /* keep clothes a mid tone: a white or black colour would vanish into the disc */
        double l = rgb_luma(cloth);
        if (l > 0.72)
            cloth = rgb_mix(cloth, 0x303848, (l - 0.72) * 1.6);
        else if (l < 0.14)
            cloth = rgb_mix(cloth, 0x8090A8, (0.14 - l) * 2.5);
    } else {
        cloth = cloths[(h >> 24) % 8u];
    }
    out->cloth = cloth;
    out->cloth_shade = rgb_mix(cloth, 0x101018, 0.28);
    out->shirt = ((h >> 5) & 3u) == 0 ? rgb_mix(cloth, 0xFFFFFF, 0.55) : 0xF4F1EA;
    /* the disc: a pale tint of the clothes' hue, a little dimmer on a dark surface */
    bool dark = rgb_luma(surface) < 0.45;
    out->backdrop = dark ? rgb_mix(cloth, 0xB4BCC8, 0.74) : rgb_mix(cloth, 0xFFFFFF, 0.80);
    /* a disc as light as the hair: dim it a little (the hair is also edged) */
    double gap = rgb_luma(hair) - rgb_luma(out->backdrop);
    if (gap > -0.12 && gap < 0.12)
        out->backdrop = rgb_mix(out->backdrop, rgb_luma(hair) > 0.45 ? 0x5A6272 : 0xFFFFFF, 0.25);
    out->stance = stance;
}

/* ---- expressions ---- */

void face_expr(FaceExpr *out, Mood mood)
{
    /* brow L, R, tilt; eye L, R, lid low, lid tilt; look x, y; mouth curve,
     * open, width, asym, x, teeth; blush, flush; head tilt, dy; shoulders */
    static const double table[][FX_COUNT] = {
        /* neutral */    {0.00, 0.00, 0.00, 1.00, 1.00, 0.00, 0.00, 0.00, 0.00, 0.10, 0.00, 1.00, 0.00, 0.00, 0.0, 0.00, 0.00, 0.00, 0.0, 0.0},
        /* friendly */   {0.25, 0.25, 0.10, 0.95, 0.95, 0.30, 0.00, 0.00, 0.00, 0.60, 0.10, 1.08, 0.00, 0.00, 0.0, 0.30, 0.00, 0.04, 0.0, 0.0},
        /* pleased */    {0.45, 0.45, 0.15, 0.90, 0.90, 0.55, 0.00, 0.00, 0.00, 0.85, 0.55, 1.18, 0.00, 0.00, 0.9, 0.50, 0.00, 0.06, -0.3, -0.2},
        /* curious */    {0.95, 0.45, 0.10, 1.18, 1.12, 0.00, 0.00, 0.25, -0.20, 0.15, 0.35, 0.55, 0.00, 0.00, 0.0, 0.00, 0.00, 0.10, 0.3, 0.0},
        /* thoughtful */ {0.45, -0.05, 0.25, 0.85, 0.85, 0.10, 0.00, 0.60, -0.80, 0.00, 0.00, 0.70, 0.35, 0.35, 0.0, 0.00, 0.00, -0.07, 0.0, 0.0},
        /* worried */    {0.55, 0.55, 1.00, 1.08, 1.08, 0.05, 0.00, 0.00, 0.15, -0.50, 0.15, 0.85, 0.00, 0.00, 0.0, 0.00, 0.00, 0.00, 0.4, 0.6},
        /* frustrated */ {-0.35, -0.35, -0.55, 0.72, 0.72, 0.00, 0.40, -0.35, 0.25, -0.45, 0.00, 0.92, 0.25, -0.15, 0.0, 0.00, 0.18, -0.04, 0.3, 0.4},
        /* angry */      {-0.60, -0.60, -1.00, 0.90, 0.90, 0.00, 0.75, 0.00, 0.00, -0.75, 0.40, 1.00, 0.00, 0.00, 0.7, 0.00, 0.40, 0.00, 1.0, 0.7},
        /* skeptical */  {0.95, -0.40, -0.10, 1.00, 0.68, 0.00, 0.00, 0.20, 0.00, 0.00, 0.00, 0.85, 0.60, 0.18, 0.0, 0.00, 0.00, -0.06, -0.4, 0.0},
        /* relieved */   {0.20, 0.20, 0.50, 0.22, 0.22, 0.15, 0.00, 0.00, 0.00, 0.55, 0.10, 1.00, 0.00, 0.00, 0.0, 0.20, 0.00, 0.05, 0.2, -0.7},
    };
    _Static_assert(sizeof table / sizeof table[0] == FACE_MOODS, "one expression per mood");
    if ((int)mood < 0 || mood >= FACE_MOODS)
        mood = MOOD_NEUTRAL;
    memcpy(out->v, table[mood], sizeof out->v);
}

void face_expr_mix(FaceExpr *out, const FaceExpr *a, const FaceExpr *b, double t)
{
    for (int i = 0; i < FX_COUNT; i++)
        out->v[i] = a->v[i] + (b->v[i] - a->v[i]) * t;
}

double face_ease(double t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2;
}

/* ---- frames ---- */

static Xf xf_identity(void)
{
    return (Xf){1, 0, 0, 1, 0, 0};
}

/* Rotate by angle and scale by s about pivot, then move by (dx, dy). */
static Xf xf_about(V2 pivot, double angle, double s, double dx, double dy)
{
    double cs = cos(angle) * s, sn = sin(angle) * s;
    Xf x = {cs, -sn, sn, cs, 0, 0};
    x.tx = pivot.x - (cs * pivot.x - sn * pivot.y) + dx;
    x.ty = pivot.y - (sn * pivot.x + cs * pivot.y) + dy;
    return x;
}

/* outer(inner(p)) */
static Xf xf_then(Xf inner, Xf outer)
{
    Xf r;
    r.a = outer.a * inner.a + outer.b * inner.c;
    r.b = outer.a * inner.b + outer.b * inner.d;
    r.c = outer.c * inner.a + outer.d * inner.c;
    r.d = outer.c * inner.b + outer.d * inner.d;
    r.tx = outer.a * inner.tx + outer.b * inner.ty + outer.tx;
    r.ty = outer.c * inner.tx + outer.d * inner.ty + outer.ty;
    return r;
}

static V2 xf_apply(Xf x, V2 p)
{
    return (V2){x.a * p.x + x.b * p.y + x.tx, x.c * p.x + x.d * p.y + x.ty};
}

/* ---- distances ---- */

static double len2(double x, double y)
{
    return sqrt(x * x + y * y);
}

static double sd_ellipse(V2 p, V2 c, V2 r)
{
    double x = p.x - c.x, y = p.y - c.y;
    double k0 = len2(x / r.x, y / r.y), k1 = len2(x / (r.x * r.x), y / (r.y * r.y));
    if (k1 < 1e-12)
        return -(r.x < r.y ? r.x : r.y);
    return k0 * (k0 - 1) / k1;
}

/* Distance from p to segment ab, and where along it (0..1) the nearest point is. */
static double seg_dist(V2 p, V2 a, V2 b, double *t)
{
    double ex = b.x - a.x, ey = b.y - a.y, wx = p.x - a.x, wy = p.y - a.y;
    double ee = ex * ex + ey * ey;
    double u = ee > 0 ? (wx * ex + wy * ey) / ee : 0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    *t = u;
    return len2(wx - ex * u, wy - ey * u);
}

static double sd_shape(const Canvas *cv, const Shape *s, V2 p)
{
    double d;
    switch (s->kind) {
    case SH_ELLIPSE:
        d = sd_ellipse(p, s->c, s->r);
        break;
    case SH_STROKE: {
        d = 1e9;
        for (int i = 0; i + 1 < s->n; i++) {
            double t, e = seg_dist(p, cv->pts[s->first + i], cv->pts[s->first + i + 1], &t);
            e -= cv->rad[s->first + i] + (cv->rad[s->first + i + 1] - cv->rad[s->first + i]) * t;
            if (e < d)
                d = e;
        }
        break;
    }
    case SH_POLY: {
        const V2 *v = cv->pts + s->first;
        double best = 1e18, sign = 1;
        for (int i = 0, j = s->n - 1; i < s->n; j = i, i++) {
            double t, e = seg_dist(p, v[i], v[j], &t);
            if (e < best)
                best = e;
            double ex = v[j].x - v[i].x, ey = v[j].y - v[i].y, wx = p.x - v[i].x, wy = p.y - v[i].y;
            bool c1 = p.y >= v[i].y, c2 = p.y < v[j].y, c3 = ex * wy > ey * wx;
            if ((c1 && c2 && c3) || (!c1 && !c2 && !c3))
                sign = -sign;
        }
        d = sign * best;
        break;
    }
    case SH_BOX: {
        double qx = fabs(p.x - s->c.x) - s->r.x + s->round, qy = fabs(p.y - s->c.y) - s->r.y + s->round;
        double ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
        double in = qx > qy ? qx : qy;
        d = len2(ox, oy) + (in < 0 ? in : 0) - s->round;
        break;
    }
    case SH_PLANE:
    default:
        d = (p.x - s->c.x) * s->r.x + (p.y - s->c.y) * s->r.y;
        break;
    }
    if (s->ring > 0)
        d = fabs(d) - s->ring;
    return d - s->grow;
}

/* The bounding box of a shape in its frame (planes have none). */
static void shape_bounds(const Canvas *cv, const Shape *s, double *x0, double *y0, double *x1, double *y1)
{
    double g = s->grow + s->ring + 0.002;
    switch (s->kind) {
    case SH_ELLIPSE:
    case SH_BOX:
        *x0 = s->c.x - s->r.x - g, *x1 = s->c.x + s->r.x + g;
        *y0 = s->c.y - s->r.y - g, *y1 = s->c.y + s->r.y + g;
        return;
    case SH_STROKE:
    case SH_POLY:
        *x0 = *y0 = 1e9, *x1 = *y1 = -1e9;
        for (int i = 0; i < s->n; i++) {
            V2 q = cv->pts[s->first + i];
            double r = s->kind == SH_STROKE ? cv->rad[s->first + i] : 0;
            if (q.x - r < *x0) *x0 = q.x - r;
            if (q.x + r > *x1) *x1 = q.x + r;
            if (q.y - r < *y0) *y0 = q.y - r;
            if (q.y + r > *y1) *y1 = q.y + r;
        }
        *x0 -= g, *y0 -= g, *x1 += g, *y1 += g;
        return;
    case SH_PLANE:
    default:
        *x0 = *y0 = -10, *x1 = *y1 = 10;
        return;
    }
}

/* ---- building and painting layers ---- */

static void begin(Canvas *cv, uint32_t color, double alpha)
{
    cv->col[0] = (float)((color >> 16) & 255) / 255.0f;
    cv->col[1] = (float)((color >> 8) & 255) / 255.0f;
    cv->col[2] = (float)(color & 255) / 255.0f;
    cv->alpha = alpha;
    cv->feather = 0;
    cv->nadd = cv->nand = cv->nsub = 0;
}

static void add(Canvas *cv, Shape s)
{
    if (cv->nadd < MAX_ADD)
        cv->add[cv->nadd++] = s;
}

static void and_(Canvas *cv, Shape s)
{
    if (cv->nand < MAX_CUT)
        cv->and_[cv->nand++] = s;
}

static void sub(Canvas *cv, Shape s)
{
    if (cv->nsub < MAX_CUT)
        cv->sub[cv->nsub++] = s;
}

static double layer_sd(const Canvas *cv, V2 p)
{
    double d = 1e9;
    for (int i = 0; i < cv->nadd; i++) {
        double e = sd_shape(cv, &cv->add[i], p);
        if (e < d)
            d = e;
    }
    for (int i = 0; i < cv->nand; i++) {
        double e = sd_shape(cv, &cv->and_[i], p);
        if (e > d)
            d = e;
    }
    for (int i = 0; i < cv->nsub; i++) {
        double e = -sd_shape(cv, &cv->sub[i], p);
        if (e > d)
            d = e;
    }
    return d;
}

/* Paint the layer built since begin() over the canvas, then forget it. */
static void paint(Canvas *cv)
{
    if (cv->nadd == 0 || cv->alpha <= 0.002) {
        cv->npts = 0;
        return;
    }
    int S = cv->size;
    Xf x = cv->xf;
    double det = x.a * x.d - x.b * x.c;
    double scale = sqrt(fabs(det)) * S;   /* frame units -> pixels */
    /* the inverse map, canvas -> frame */
    Xf inv = {x.d / det, -x.b / det, -x.c / det, x.a / det, 0, 0};
    inv.tx = -(inv.a * x.tx + inv.b * x.ty);
    inv.ty = -(inv.c * x.tx + inv.d * x.ty);
    double bx0 = 1e9, by0 = 1e9, bx1 = -1e9, by1 = -1e9;
    for (int i = 0; i < cv->nadd; i++) {
        double x0, y0, x1, y1;
        shape_bounds(cv, &cv->add[i], &x0, &y0, &x1, &y1);
        V2 corners[4] = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
        for (int k = 0; k < 4; k++) {
            V2 q = xf_apply(x, corners[k]);
            if (q.x < bx0) bx0 = q.x;
            if (q.x > bx1) bx1 = q.x;
            if (q.y < by0) by0 = q.y;
            if (q.y > by1) by1 = q.y;
        }
    }
    double fe = cv->feather * scale;
    double pad = (fe > 1 ? fe : 1) + 1;
    int px0 = (int)floor(bx0 * S - pad), px1 = (int)ceil(bx1 * S + pad);
    int py0 = (int)floor(by0 * S - pad), py1 = (int)ceil(by1 * S + pad);
    if (px0 < 0) px0 = 0;
    if (py0 < 0) py0 = 0;
    if (px1 > S) px1 = S;
    if (py1 > S) py1 = S;
    double soft = fe > 1 ? fe : 1;
    for (int j = py0; j < py1; j++) {
        for (int i = px0; i < px1; i++) {
            float clip = cv->clip[j * S + i];
            if (clip <= 0)
                continue;
            V2 p = {(i + 0.5) / S, (j + 0.5) / S};
            V2 q = {inv.a * p.x + inv.b * p.y + inv.tx, inv.c * p.x + inv.d * p.y + inv.ty};
            double d = layer_sd(cv, q) * scale;
            double cov = 0.5 - d / soft;
            if (cov <= 0)
                continue;
            if (cov > 1)
                cov = 1;
            float a = (float)(cov * cv->alpha) * clip;
            float *o = cv->rgba + 4 * (j * S + i);
            o[0] = cv->col[0] * a + o[0] * (1 - a);
            o[1] = cv->col[1] * a + o[1] * (1 - a);
            o[2] = cv->col[2] * a + o[2] * (1 - a);
            o[3] = a + o[3] * (1 - a);
        }
    }
    cv->npts = 0;
}

/* Paint the layer with a thin darker edge first: the shapes grown (and the
 * cuts shrunk) by w in colour edge, then the layer itself. For light hair,
 * which would fade into a light disc. */
static void paint_edged(Canvas *cv, uint32_t edge, double w)
{
    Canvas keep = *cv;
    float col[3] = {cv->col[0], cv->col[1], cv->col[2]};
    double alpha = cv->alpha;
    begin(cv, edge, alpha);
    cv->npts = keep.npts;
    cv->nadd = keep.nadd, cv->nand = keep.nand, cv->nsub = keep.nsub;
    for (int i = 0; i < cv->nadd; i++)
        cv->add[i].grow += w;
    for (int i = 0; i < cv->nand; i++)
        cv->and_[i].grow += w;
    for (int i = 0; i < cv->nsub; i++)
        cv->sub[i].grow -= w;
    paint(cv);
    memcpy(cv->add, keep.add, sizeof cv->add);
    memcpy(cv->and_, keep.and_, sizeof cv->and_);
    memcpy(cv->sub, keep.sub, sizeof cv->sub);
    cv->nadd = keep.nadd, cv->nand = keep.nand, cv->nsub = keep.nsub, cv->npts = keep.npts;
    memcpy(cv->col, col, sizeof col);
    cv->alpha = alpha;
    paint(cv);
}

/* Paint hair: edged when it is light enough to fade into the disc. */
static void paint_hair(Canvas *cv, const FaceLook *lk)
{
    if (rgb_luma(lk->hair) > 0.5)
        paint_edged(cv, rgb_mix(lk->hair, 0x2A2420, 0.45), 1.1 / cv->size);
    else
        paint(cv);
}

/* ---- shape constructors (in the current frame's units) ---- */

/* The thinnest a line may be drawn, in frame units: about two thirds of a pixel. */
static double min_half(const Canvas *cv)
{
    return 0.34 / cv->size;
}

static Shape ellipse(double cx, double cy, double rx, double ry)
{
    return (Shape){.kind = SH_ELLIPSE, .c = {cx, cy}, .r = {rx, ry}};
}

static Shape box(double cx, double cy, double hx, double hy, double round)
{
    return (Shape){.kind = SH_BOX, .c = {cx, cy}, .r = {hx, hy}, .round = round};
}

/* The half-plane on the side of the line through (px, py) away from the
 * normal (nx, ny): what a cut with and_() keeps. */
static Shape plane(double px, double py, double nx, double ny)
{
    double l = len2(nx, ny);
    return (Shape){.kind = SH_PLANE, .c = {px, py}, .r = {nx / l, ny / l}};
}

static Shape poly(Canvas *cv, const V2 *v, int n)
{
    Shape s = {.kind = SH_POLY, .first = cv->npts, .n = 0};
    for (int i = 0; i < n && cv->npts < POOL; i++, s.n++)
        cv->pts[cv->npts++] = v[i];
    return s;
}

/* A quadratic Bezier a -> ctrl -> b as a line whose half thickness goes
 * from r0 through rm (middle) to r1. */
static Shape curve(Canvas *cv, V2 a, V2 ctrl, V2 b, double r0, double rm, double r1)
{
    enum { N = 12 };
    Shape s = {.kind = SH_STROKE, .first = cv->npts, .n = 0};
    double lo = min_half(cv);
    for (int i = 0; i <= N && cv->npts < POOL; i++, s.n++) {
        double t = (double)i / N, u = 1 - t;
        cv->pts[cv->npts] = (V2){u * u * a.x + 2 * u * t * ctrl.x + t * t * b.x,
                                 u * u * a.y + 2 * u * t * ctrl.y + t * t * b.y};
        double r = t < 0.5 ? r0 + (rm - r0) * (t * 2) : rm + (r1 - rm) * (t * 2 - 1);
        cv->rad[cv->npts++] = r > lo ? r : lo;
    }
    return s;
}

static Shape line(Canvas *cv, V2 a, V2 b, double r)
{
    V2 m = {(a.x + b.x) / 2, (a.y + b.y) / 2};
    return curve(cv, a, m, b, r, r, r);
}

static Shape grown(Shape s, double g)
{
    s.grow += g;
    return s;
}

static Shape ringed(Shape s, double w)
{
    s.ring = w;
    return s;
}

/* ---- the face ---- */

typedef struct Head { double x, y, rx, ry; } Head;

static void head_shape(Canvas *cv, const Head *h)
{
    add(cv, ellipse(h->x, h->y, h->rx, h->ry));
    add(cv, ellipse(h->x, h->y + h->ry * 0.2, h->rx * 0.86, h->ry * 0.82));
}

/* Hair drawn behind the head (long styles, buns, curls). */
static void hair_back(Canvas *cv, const FaceLook *lk, const Head *h)
{
    double x = h->x, y = h->y, rx = h->rx, ry = h->ry;
    begin(cv, lk->hair, 1);
    switch (lk->hair_style) {
    case 2: /* bob */
        add(cv, box(x, y + ry * 0.1, rx * 1.2, ry * 0.98, rx * 1.0));
        break;
    case 3: /* long */
        add(cv, box(x, y + ry * 0.62, rx * 1.24, ry * 1.55, rx * 0.75));
        break;
    case 4: /* bun */
        add(cv, ellipse(x, y - ry * 1.1, rx * 0.42, rx * 0.38));
        break;
    case 5: /* curls */
        add(cv, ellipse(x, y - ry * 0.12, rx * 1.28, ry * 1.06));
        for (int k = 0; k < 9; k++) {
            double a = M_PI * (0.95 + 1.1 * k / 8.0);
            add(cv, ellipse(x + cos(a) * rx * 1.2, y - ry * 0.1 + sin(a) * ry * 1.02, rx * 0.32, rx * 0.32));
        }
        break;
    default:
        break;
    }
    paint_hair(cv, lk);
    /* a darker inside where the long styles meet the neck, for depth */
    if (lk->hair_style == 3) {
        begin(cv, rgb_mix(lk->hair, 0x000000, 0.2), 1);
        cv->feather = 0.02;
        add(cv, box(x, y + ry * 1.2, rx * 0.85, ry * 0.55, rx * 0.4));
        paint(cv);
    }
}

/* Hair over the forehead and temples. */
static void hair_front(Canvas *cv, const FaceLook *lk, const Head *h)
{
    double x = h->x, y = h->y, rx = h->rx, ry = h->ry;
    begin(cv, lk->hair, 1);
    switch (lk->hair_style) {
    case 0: /* crop */
    case 4: /* bun over a crop */
        add(cv, ellipse(x, y - ry * 0.18, rx * 1.07, ry * 0.9));
        sub(cv, ellipse(x, y + ry * 0.32, rx * 0.97, ry * 0.86));
        and_(cv, plane(x, y + ry * 0.02, 0, 1));
        break;
    case 1: /* side part: the fringe sweeps to one side */
        add(cv, ellipse(x, y - ry * 0.2, rx * 1.08, ry * 0.9));
        add(cv, ellipse(x - rx * 0.35, y - ry * 0.5, rx * 0.62, ry * 0.36));
        sub(cv, ellipse(x + rx * 0.16, y + ry * 0.34, rx * 0.92, ry * 0.84));
        and_(cv, plane(x, y + ry * 0.05, 0, 1));
        break;
    case 2: /* bob: straight fringe, sides to the jaw */
        add(cv, ellipse(x, y - ry * 0.22, rx * 1.12, ry * 0.92));
        sub(cv, box(x, y + ry * 0.4, rx * 0.86, ry * 0.74, rx * 0.7));
        break;
    case 3: /* long, parted in the middle */
        add(cv, ellipse(x, y - ry * 0.14, rx * 1.1, ry * 0.93));
        add(cv, box(x - rx * 1.0, y + ry * 0.35, rx * 0.2, ry * 0.6, rx * 0.18));
        add(cv, box(x + rx * 1.0, y + ry * 0.35, rx * 0.2, ry * 0.6, rx * 0.18));
        sub(cv, ellipse(x - rx * 0.34, y + ry * 0.38, rx * 0.66, ry * 0.88));
        sub(cv, ellipse(x + rx * 0.34, y + ry * 0.38, rx * 0.66, ry * 0.88));
        break;
    case 5: /* curls along the hairline */
        add(cv, ellipse(x, y - ry * 0.25, rx * 1.1, ry * 0.85));
        for (int k = 0; k < 5; k++)
            add(cv, ellipse(x + (k - 2) * rx * 0.36, y - ry * 0.5 + (k == 0 || k == 4 ? ry * 0.12 : 0),
                            rx * 0.24, rx * 0.24));
        sub(cv, ellipse(x, y + ry * 0.42, rx * 0.95, ry * 0.8));
        and_(cv, plane(x, y - ry * 0.02, 0, 1));
        break;
    case 6: /* receding: a thin crown and the sides */
        add(cv, ellipse(x, y - ry * 0.1, rx * 1.06, ry * 0.98));
        sub(cv, ellipse(x, y + ry * 0.16, rx * 0.99, ry * 1.0));
        and_(cv, plane(x, y + ry * 0.05, 0, 1));
        break;
    case 7: /* swept back with volume on top */
    default:
        add(cv, ellipse(x, y - ry * 0.26, rx * 1.06, ry * 0.86));
        add(cv, ellipse(x + rx * 0.2, y - ry * 0.86, rx * 0.78, ry * 0.3));
        sub(cv, ellipse(x, y + ry * 0.28, rx * 0.97, ry * 0.88));
        and_(cv, plane(x, y - ry * 0.05, 0, 1));
        break;
    }
    paint_hair(cv, lk);
}

static void brows(Canvas *cv, const FaceLook *lk, const Head *h, const double *v)
{
    begin(cv, lk->brow, 1);
    for (int s = -1; s <= 1; s += 2) {
        double raise = v[s < 0 ? FX_BROW_L : FX_BROW_R], tilt = v[FX_BROW_TILT];
        double y = h->y - 0.048 - raise * 0.02;
        double xi = h->x + s * 0.03 * lk->head_w, xo = h->x + s * 0.102 * lk->head_w;
        V2 in = {xi, y - tilt * 0.016 + 0.004}, out = {xo, y + tilt * 0.006 + 0.006};
        V2 ctrl = {(xi + xo) / 2 + s * 0.01, y - 0.012 + (tilt < 0 ? tilt * 0.004 : tilt * 0.006)};
        add(cv, curve(cv, in, ctrl, out, 0.0085, 0.0078, 0.0045));
    }
    paint(cv);
}

static void eyes(Canvas *cv, const FaceLook *lk, const Head *h, const double *v)
{
    for (int s = -1; s <= 1; s += 2) {
        double open = v[s < 0 ? FX_EYE_L : FX_EYE_R];
        double ex = h->x + s * 0.07 * lk->head_w + v[FX_LOOK_X] * 0.008;
        double ey = h->y + 0.014 + v[FX_LOOK_Y] * 0.006;
        double rx = 0.0185, ry0 = 0.0245, lo = 0.0032 + min_half(cv);
        double ry = ry0 * (open > 0 ? open : 0);
        if (ry < lo)
            ry = lo;
        Shape eye = ellipse(ex, ey, rx * (open < 0.4 ? 1.08 : 1), ry);
        double lid = v[FX_LID_LOW], R = rx * 2.4;
        Shape lower = ellipse(ex, ey + R + ry0 * (1.05 - 1.15 * lid), R, R);
        double tl = v[FX_LID_TILT], k = -s * 0.55 * tl;
        Shape upper = plane(ex, ey - ry0 * (1.02 - 0.75 * tl), k, -1);
        begin(cv, lk->eye, 1);
        add(cv, eye);
        if (lid > 0.01)
            sub(cv, lower);
        if (tl > 0.01)
            and_(cv, upper);
        paint(cv);
        /* a catch-light, fading out as the eye closes */
        double shine = (open - 0.4) / 0.4;
        shine = shine < 0 ? 0 : shine > 1 ? 1 : shine;
        begin(cv, 0xFFFFFF, 0.85 * shine);
        add(cv, ellipse(ex + rx * 0.32, ey - ry * 0.34, rx * 0.3, rx * 0.3));
        and_(cv, eye);
        if (lid > 0.01)
            sub(cv, lower);
        paint(cv);
    }
}

static void nose(Canvas *cv, const FaceLook *lk, const Head *h)
{
    begin(cv, rgb_mix(lk->skin_shade, 0x5A2A1A, 0.15), 0.9);
    V2 a = {h->x + 0.006, h->y + 0.046}, c = {h->x + 0.016, h->y + 0.088}, b = {h->x - 0.008, h->y + 0.09};
    add(cv, curve(cv, a, c, b, 0.0035, 0.0058, 0.0048));
    paint(cv);
}

/* The mouth: the region between two curves from corner to corner, with a
 * line of lips around it; closed, the region is empty and the line is left. */
static void mouth(Canvas *cv, const FaceLook *lk, const Head *h, const double *v)
{
    double mx = h->x + v[FX_MOUTH_X] * 0.022, my = h->y + 0.128;
    double hw = 0.046 * v[FX_MOUTH_WIDTH], c = v[FX_MOUTH_CURVE] * 0.026, open = v[FX_MOUTH_OPEN];
    double asym = v[FX_MOUTH_ASYM] * 0.016;
    V2 l = {mx - hw, my - c - asym}, r = {mx + hw, my - c + asym};
    V2 cu = {mx, my + c * 0.85 - open * 0.012}, cl = {mx, my + c * 1.15 + open * 0.05};
    enum { N = 12 };
    V2 pts[2 * N + 2];
    for (int i = 0; i <= N; i++) {
        double t = (double)i / N, u = 1 - t;
        pts[i] = (V2){u * u * l.x + 2 * u * t * cu.x + t * t * r.x, u * u * l.y + 2 * u * t * cu.y + t * t * r.y};
        double t2 = 1 - t, u2 = 1 - t2;
        pts[N + 1 + i] = (V2){u2 * u2 * l.x + 2 * u2 * t2 * cl.x + t2 * t2 * r.x,
                              u2 * u2 * l.y + 2 * u2 * t2 * cl.y + t2 * t2 * r.y};
    }
    double lip = 0.0056 + min_half(cv) * 0.5;
    uint32_t dark = rgb_mix(0x4A1A20, lk->skin, 0.12);
    begin(cv, dark, 1);
    Shape m = poly(cv, pts, 2 * N + 2);
    /* closed or open, the outline is a line of lips; the inside is filled */
    add(cv, grown(m, lip * 0.9));
    paint(cv);
    if (v[FX_TEETH] > 0.02 && open > 0.08) {
        begin(cv, 0xFBF7F0, 1);
        Shape in = poly(cv, pts, 2 * N + 2);
        add(cv, grown(in, -lip * 0.3));
        double top = my + c * 0.85 * 0.5 - c * 0.5 - open * 0.006; /* the upper lip's middle */
        and_(cv, plane(mx, top + (0.006 + open * 0.016) * v[FX_TEETH], 0, 1));
        paint(cv);
    }
}

static void glasses(Canvas *cv, const FaceLook *lk, const Head *h)
{
    (void)lk;
    begin(cv, 0x2A2A33, 0.92);
    double ey = h->y + 0.014;
    for (int s = -1; s <= 1; s += 2)
        add(cv, ringed(box(h->x + s * 0.07 * lk->head_w, ey, 0.037, 0.028, 0.014), 0.0032 + min_half(cv) * 0.4));
    V2 a = {h->x - 0.033 * lk->head_w, ey - 0.006}, b = {h->x + 0.033 * lk->head_w, ey - 0.006};
    V2 m = {h->x, ey - 0.014};
    add(cv, curve(cv, a, m, b, 0.003, 0.003, 0.003));
    paint(cv);
}

/* Shoulders, collar and neck, leaning with the stance. */
static void body(Canvas *cv, const FaceLook *lk, const Head *h, const double *v)
{
    double sh = -v[FX_SHOULDERS] * 0.014 - 0.025; /* the shoulders sit just under the chin */
    begin(cv, lk->cloth, 1);
    add(cv, box(0.5, 1.0 + sh, 0.34, 0.22, 0.17));
    paint(cv);
    /* shirt in the open collar */
    begin(cv, lk->shirt, 1);
    V2 vee[3] = {{0.425, 0.78 + sh}, {0.575, 0.78 + sh}, {0.5, 0.885 + sh}};
    add(cv, poly(cv, vee, 3));
    paint(cv);
    begin(cv, lk->cloth_shade, 1);
    add(cv, line(cv, (V2){0.418, 0.78 + sh}, (V2){0.5, 0.895 + sh}, 0.007));
    add(cv, line(cv, (V2){0.582, 0.78 + sh}, (V2){0.5, 0.895 + sh}, 0.007));
    paint(cv);
    /* the neck, with the chin's shadow at its top */
    begin(cv, lk->skin_shade, 1);
    add(cv, box(0.5, 0.69, 0.066 * lk->head_w, 0.08, 0.03));
    paint(cv);
    begin(cv, rgb_mix(lk->skin_shade, 0x3A1A10, 0.18), 0.7);
    cv->feather = 0.012;
    add(cv, ellipse(h->x, h->y + h->ry * 0.98, h->rx * 0.6, h->ry * 0.22));
    and_(cv, box(0.5, 0.69, 0.066 * lk->head_w, 0.08, 0.03));
    paint(cv);
}

/* A blocker's arms folded across the chest. */
static void folded_arms(Canvas *cv, const FaceLook *lk, const double *v)
{
    double sh = -v[FX_SHOULDERS] * 0.014 - 0.025; /* the shoulders sit just under the chin */
    begin(cv, lk->cloth_shade, 1);
    add(cv, line(cv, (V2){0.19, 0.83 + sh}, (V2){0.63, 0.875 + sh}, 0.042));
    paint(cv);
    begin(cv, rgb_mix(lk->cloth, 0xFFFFFF, 0.1), 1);
    add(cv, line(cv, (V2){0.81, 0.83 + sh}, (V2){0.37, 0.875 + sh}, 0.04));
    paint(cv);
    begin(cv, lk->skin_shade, 1);
    add(cv, ellipse(0.345, 0.862 + sh, 0.026, 0.03));
    add(cv, ellipse(0.655, 0.862 + sh, 0.026, 0.03));
    paint(cv);
}

static void paint_face(Canvas *cv, const FaceLook *lk, const double *v)
{
    /* posture: who leans in, who leans back */
    double lean = 0, turn = 0, chin = 0;
    switch (lk->stance) {
    case STANCE_CHAMPION: lean = 1; break;
    case STANCE_ALLY: lean = 0.5; break;
    case STANCE_SKEPTIC: lean = -0.7; turn = -0.05; chin = -0.045; break;
    case STANCE_BLOCKER: lean = -0.4; chin = -0.02; break;
    case STANCE_NEUTRAL:
    default: break;
    }
    /* the whole figure a little larger than the disc's middle, cut at the
     * chest; closer in on a small disc, so the expression still reads */
    double zoom = cv->size < 80 ? 1.34 : cv->size < 120 ? 1.24 : 1.16;
    Xf stage = xf_about((V2){0.5, cv->size < 80 ? 0.5 : 0.56}, 0, zoom, 0, 0.005);
    Xf bodyf = xf_then(xf_about((V2){0.5, 1.0}, turn, 1 + 0.04 * lean, 0, 0), stage);
    Head h = {0.5, 0.43, 0.185 * lk->head_w, 0.225 * lk->head_h};
    Xf headf = xf_then(xf_about((V2){0.5, 0.68}, v[FX_HEAD_TILT] + chin, 1,
                                turn * -0.2, v[FX_HEAD_DY] * 0.012 + lean * 0.012),
                       bodyf);

    begin(cv, lk->backdrop, 1);
    cv->xf = xf_identity();
    add(cv, ellipse(0.5, 0.5, 0.5, 0.5));
    paint(cv);

    cv->xf = headf;
    hair_back(cv, lk, &h);
    cv->xf = bodyf;
    body(cv, lk, &h, v);
    if (lk->stance == STANCE_BLOCKER)
        folded_arms(cv, lk, v);

    cv->xf = headf;
    begin(cv, lk->skin_shade, 1);
    add(cv, ellipse(h.x - h.rx * 0.97, h.y + 0.025, 0.03, 0.045));
    add(cv, ellipse(h.x + h.rx * 0.97, h.y + 0.025, 0.03, 0.045));
    paint(cv);
    begin(cv, lk->skin, 1);
    head_shape(cv, &h);
    paint(cv);
    if (v[FX_FLUSH] > 0.01) {
        begin(cv, 0xD8402E, 0.3 * v[FX_FLUSH]);
        cv->feather = 0.03;
        add(cv, ellipse(h.x, h.y + 0.03, h.rx * 0.82, h.ry * 0.62));
        paint(cv);
    }
    if (v[FX_BLUSH] > 0.01) {
        begin(cv, 0xF07A7A, 0.42 * v[FX_BLUSH]);
        cv->feather = 0.02;
        add(cv, ellipse(h.x - 0.098, h.y + 0.08, 0.03, 0.017));
        add(cv, ellipse(h.x + 0.098, h.y + 0.08, 0.03, 0.017));
        paint(cv);
    }
    hair_front(cv, lk, &h);
    brows(cv, lk, &h, v);
    eyes(cv, lk, &h, v);
    nose(cv, lk, &h);
    mouth(cv, lk, &h, v);
    if (lk->glasses)
        glasses(cv, lk, &h);
}

/* The narrator: no face, a disc with three dots (someone telling the story). */
static void paint_narrator(Canvas *cv)
{
    cv->xf = xf_identity();
    begin(cv, 0x8C95A6, 1);
    add(cv, ellipse(0.5, 0.5, 0.5, 0.5));
    paint(cv);
    begin(cv, 0xFFFFFF, 1);
    for (int k = -1; k <= 1; k++)
        add(cv, ellipse(0.5 + k * 0.17, 0.5, 0.06, 0.06));
    paint(cv);
}

int face_render(const FaceLook *look, const FaceExpr *ex, uint32_t *px, int size, int pitch)
{
    if (size < 8 || size > 4096 || pitch < size)
        return -1;
    Canvas *cv = calloc(1, sizeof *cv);
    size_t n = (size_t)size * (size_t)size;
    if (!cv)
        return -1;
    cv->size = size;
    cv->rgba = calloc(n * 4, sizeof *cv->rgba);
    cv->clip = malloc(n * sizeof *cv->clip);
    if (!cv->rgba || !cv->clip) {
        free(cv->rgba);
        free(cv->clip);
        free(cv);
        return -1;
    }
    /* the disc everything is painted inside */
    double r = size / 2.0;
    for (int j = 0; j < size; j++)
        for (int i = 0; i < size; i++) {
            double d = len2(i + 0.5 - r, j + 0.5 - r) - (r - 0.25);
            double c = 0.5 - d;
            cv->clip[j * size + i] = (float)(c < 0 ? 0 : c > 1 ? 1 : c);
        }
    FaceExpr rest;
    if (!ex) {
        face_expr(&rest, 0);
        ex = &rest;
    }
    if (look)
        paint_face(cv, look, ex->v);
    else
        paint_narrator(cv);
    for (int j = 0; j < size; j++)
        for (int i = 0; i < size; i++) {
            const float *o = cv->rgba + 4 * ((size_t)j * (size_t)size + (size_t)i);
            uint32_t a = (uint32_t)lroundf(o[3] * 255.0f), rgb = 0;
            if (o[3] > 0.0f)
                for (int k = 0; k < 3; k++) {
                    float c = o[k] / o[3];
                    c = c < 0 ? 0 : c > 1 ? 1 : c;
                    rgb = rgb << 8 | (uint32_t)lroundf(c * 255.0f);
                }
            px[(size_t)j * (size_t)pitch + (size_t)i] = a << 24 | rgb;
        }
    free(cv->rgba);
    free(cv->clip);
    free(cv);
    return 0;
}
