/* test_face.c - the drawn faces (game/ui/face.c), without a window: a look
 * is stable for a name and varies between names, every mood paints a
 * different face, the disc's outside stays transparent with soft edges, and
 * easing starts and ends exactly on the two moods. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../game/ui/face.h"

#define S 96

static uint32_t *paint(const FaceLook *lk, int mood)
{
    uint32_t *px = calloc(S * S, sizeof *px);
    assert_non_null(px);
    FaceExpr ex;
    face_expr(&ex, mood);
    assert_int_equal(face_render(lk, &ex, px, S, S), 0);
    return px;
}

/* Pixels that differ by more than a rounding step in some channel. */
static int differing(const uint32_t *a, const uint32_t *b)
{
    int n = 0;
    for (int i = 0; i < S * S; i++)
        for (int k = 0; k < 32; k += 8)
            if (abs((int)((a[i] >> k) & 255) - (int)((b[i] >> k) & 255)) > 2) {
                n++;
                break;
            }
    return n;
}

static void look_is_stable_for_a_name(void **state)
{
    (void)state;
    FaceLook a, b;
    face_look(&a, "Dana Ruiz", NULL, STANCE_NEUTRAL, 0xFFFFFF);
    face_look(&b, "Dana Ruiz", NULL, STANCE_NEUTRAL, 0xFFFFFF);
    assert_memory_equal(&a, &b, sizeof a);
    uint32_t *p = paint(&a, 3), *q = paint(&b, 3);
    assert_memory_equal(p, q, S * S * sizeof *p);
    free(p);
    free(q);
}

static void looks_vary_between_names(void **state)
{
    (void)state;
    const char *names[] = {"Dana Ruiz", "Marcus Webb", "Priya Nair", "Tom Becker", "Olu Adeyemi", "Greta Lind",
                           "Sam Ortiz", "Wei Zhang", "Maya Chen", "Luis Mendes", "Ana Costa", "Ravi Shah"};
    int n = (int)(sizeof names / sizeof names[0]);
    int skins = 0, hairs = 0, styles = 0;
    uint32_t seen_skin[16], seen_hair[16];
    unsigned style_bits = 0;
    for (int i = 0; i < n; i++) {
        FaceLook lk;
        face_look(&lk, names[i], NULL, STANCE_NEUTRAL, 0xFFFFFF);
        bool new_skin = true, new_hair = true;
        for (int k = 0; k < skins; k++)
            new_skin &= seen_skin[k] != lk.skin;
        for (int k = 0; k < hairs; k++)
            new_hair &= seen_hair[k] != lk.hair;
        if (new_skin)
            seen_skin[skins++] = lk.skin;
        if (new_hair)
            seen_hair[hairs++] = lk.hair;
        if (!(style_bits & (1u << lk.hair_style)))
            styles++;
        style_bits |= 1u << lk.hair_style;
        assert_true(lk.hair_style >= 0 && lk.hair_style < FACE_HAIR_STYLES);
    }
    assert_true(skins >= 4);
    assert_true(hairs >= 4);
    assert_true(styles >= 4);
}

static void the_character_colour_dresses_them(void **state)
{
    (void)state;
    FaceLook a, b;
    uint8_t blue[3] = {0x2F, 0x6F, 0xB3}, white[3] = {255, 255, 255};
    face_look(&a, "Dana Ruiz", blue, STANCE_CHAMPION, 0xFFFFFF);
    assert_int_equal(a.cloth, 0x2F6FB3u);
    /* a white colour is toned down so the clothes do not vanish into the disc */
    face_look(&b, "Dana Ruiz", white, STANCE_CHAMPION, 0xFFFFFF);
    assert_true(b.cloth != 0xFFFFFFu);
    assert_true(b.cloth != b.backdrop);
}

static void every_mood_paints_a_different_face(void **state)
{
    (void)state;
    FaceLook lk;
    face_look(&lk, "Marcus Webb", NULL, STANCE_SKEPTIC, 0xFFFFFF);
    uint32_t *faces[FACE_MOODS];
    for (int m = 0; m < FACE_MOODS; m++)
        faces[m] = paint(&lk, m);
    for (int a = 0; a < FACE_MOODS; a++)
        for (int b = a + 1; b < FACE_MOODS; b++)
            assert_true(differing(faces[a], faces[b]) > 40); /* brows, eyes and mouth move, not a pixel or two */
    for (int m = 0; m < FACE_MOODS; m++)
        free(faces[m]);
}

static void an_unknown_mood_is_neutral(void **state)
{
    (void)state;
    FaceExpr a, b;
    face_expr(&a, 0);
    face_expr(&b, 42);
    assert_memory_equal(&a, &b, sizeof a);
    face_expr(&b, -1);
    assert_memory_equal(&a, &b, sizeof a);
}

static void outside_the_disc_is_transparent_and_the_edge_soft(void **state)
{
    (void)state;
    FaceLook lk;
    face_look(&lk, "Greta Lind", NULL, STANCE_NEUTRAL, 0x101418);
    uint32_t *px = paint(&lk, 0);
    assert_int_equal(px[0] >> 24, 0);                 /* a corner */
    assert_int_equal(px[S * S - 1] >> 24, 0);
    assert_int_equal(px[(S / 2) * S + S / 2] >> 24, 255); /* the middle */
    int partial = 0;
    for (int i = 0; i < S * S; i++) {
        uint32_t a = px[i] >> 24;
        partial += a > 0 && a < 255;
    }
    assert_true(partial > S); /* anti-aliased: the rim has in-between alpha */
    free(px);
}

static void stances_change_the_posture(void **state)
{
    (void)state;
    FaceLook a, b;
    face_look(&a, "Olu Adeyemi", NULL, STANCE_NEUTRAL, 0xFFFFFF);
    face_look(&b, "Olu Adeyemi", NULL, STANCE_BLOCKER, 0xFFFFFF);
    /* the same person: only the stance differs */
    assert_int_equal(a.skin, b.skin);
    assert_int_equal(a.cloth, b.cloth);
    assert_int_equal(a.backdrop, b.backdrop);
    uint32_t *p = paint(&a, 0), *q = paint(&b, 0);
    assert_true(differing(p, q) > 100);
    free(p);
    free(q);
}

static void easing_starts_and_ends_on_the_moods(void **state)
{
    (void)state;
    FaceExpr a, b, m;
    face_expr(&a, 0);
    face_expr(&b, 7);
    face_expr_mix(&m, &a, &b, face_ease(0));
    assert_memory_equal(&m, &a, sizeof m);
    face_expr_mix(&m, &a, &b, face_ease(1));
    for (int i = 0; i < FX_COUNT; i++)
        assert_true(m.v[i] > b.v[i] - 1e-12 && m.v[i] < b.v[i] + 1e-12);
    assert_true(face_ease(-3) == 0 && face_ease(4) == 1);
    double prev = 0;
    for (int i = 1; i <= 20; i++) {
        double e = face_ease(i / 20.0);
        assert_true(e >= prev);
        prev = e;
    }
    assert_true(face_ease(0.05) < 0.05); /* slow out of the start */
}

static void narrator_and_bad_sizes(void **state)
{
    (void)state;
    uint32_t px[16 * 16];
    assert_int_equal(face_render(NULL, NULL, px, 16, 16), 0);
    assert_int_equal(px[8 * 16 + 8] >> 24, 255);
    FaceLook lk;
    face_look(&lk, "x", NULL, STANCE_NEUTRAL, 0);
    assert_int_equal(face_render(&lk, NULL, px, 4, 4), -1);
    assert_int_equal(face_render(&lk, NULL, px, 16, 8), -1);
    assert_int_equal(face_render(&lk, NULL, px, 100000, 100000), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(look_is_stable_for_a_name),
        cmocka_unit_test(looks_vary_between_names),
        cmocka_unit_test(the_character_colour_dresses_them),
        cmocka_unit_test(every_mood_paints_a_different_face),
        cmocka_unit_test(an_unknown_mood_is_neutral),
        cmocka_unit_test(outside_the_disc_is_transparent_and_the_edge_soft),
        cmocka_unit_test(stances_change_the_posture),
        cmocka_unit_test(easing_starts_and_ends_on_the_moods),
        cmocka_unit_test(narrator_and_bad_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
