/* test_image.c - image headers read without decoding (PNG, JPEG, BMP, and
 * the sizes a hostile file may claim), and the folder check that follows
 * symbolic links (game/core/image.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "compel/image.h"
#include "tmpdir.h"

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[3] = (unsigned char)(v >> 24), p[2] = (unsigned char)(v >> 16), p[1] = (unsigned char)(v >> 8), p[0] = (unsigned char)v;
}

static size_t png(unsigned char *b, uint32_t w, uint32_t h)
{
    static const unsigned char head[16] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    memcpy(b, head, 16);
    put_be32(b + 16, w);
    put_be32(b + 20, h);
    memset(b + 24, 0, 9);
    return 33;
}

static size_t bmp(unsigned char *b, int32_t w, int32_t h)
{
    memset(b, 0, 54);
    b[0] = 'B', b[1] = 'M';
    put_le32(b + 14, 40);
    put_le32(b + 18, (uint32_t)w);
    put_le32(b + 22, (uint32_t)h);
    b[26] = 1, b[28] = 24;
    return 54;
}

static void headers_give_kind_and_size(void **state)
{
    (void)state;
    unsigned char b[64];
    long w, h;
    assert_int_equal(image_header(b, png(b, 640, 480), &w, &h), IMAGE_PNG);
    assert_int_equal(w, 640);
    assert_int_equal(h, 480);
    assert_int_equal(image_header(b, bmp(b, 300, -200), &w, &h), IMAGE_BMP);
    assert_int_equal(w, 300);
    assert_int_equal(h, 200); /* a top-down bitmap */
    /* JPEG: SOI, an APP0 segment to skip, then SOF0 with height 120 and width 90 */
    const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F', 0xFF, 0xC0, 0x00, 0x11, 0x08,
                                 0x00, 0x78, 0x00, 0x5A, 0x03};
    assert_int_equal(image_header(jpg, sizeof jpg, &w, &h), IMAGE_JPEG);
    assert_int_equal(w, 90);
    assert_int_equal(h, 120);
}

static void huge_claims_are_refused_before_decoding(void **state)
{
    (void)state;
    unsigned char b[64];
    char why[200];
    assert_true(image_header_ok(b, bmp(b, 512, 512), why, sizeof why));
    assert_false(image_header_ok(b, bmp(b, 100000, 100000), why, sizeof why));
    assert_non_null(strstr(why, "100000x100000"));
    assert_false(image_header_ok(b, png(b, 6000, 6000), why, sizeof why)); /* 36 million pixels */
    assert_true(image_header_ok(b, png(b, 4000, 3000), why, sizeof why));  /* a camera's 12 */
    assert_false(image_header_ok(b, png(b, 0x7FFFFFFF, 1), why, sizeof why));
    assert_false(image_header_ok(b, bmp(b, -5, 10), why, sizeof why));
    assert_false(image_header_ok(b, bmp(b, 10, (int32_t)0x80000000u), why, sizeof why));
}

static void other_bytes_are_not_images(void **state)
{
    (void)state;
    char why[200];
    long w, h;
    const unsigned char text[] = "root:x:0:0:root:/root:/bin/bash\n";
    assert_int_equal(image_header(text, sizeof text - 1, &w, &h), IMAGE_UNKNOWN);
    assert_false(image_header_ok(text, sizeof text - 1, why, sizeof why));
    assert_non_null(strstr(why, "not a PNG, JPEG or BMP"));
    unsigned char b[64];
    size_t n = png(b, 10, 10);
    assert_int_equal(image_header(b, n - 12, &w, &h), IMAGE_UNKNOWN); /* cut short */
    const unsigned char jpg_no_frame[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02};
    assert_int_equal(image_header(jpg_no_frame, sizeof jpg_no_frame, &w, &h), IMAGE_UNKNOWN);
    const unsigned char jpg_loop[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00};
    assert_int_equal(image_header(jpg_loop, sizeof jpg_loop, &w, &h), IMAGE_UNKNOWN);
}

static void touch(const char *path)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fclose(f);
}

static void links_are_followed_before_the_folder_check(void **state)
{
    (void)state;
    char dir[256], img[300], out[300], up[300], far[300], why[400];
    snprintf(dir, sizeof dir, "%s/scen", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(img, sizeof img, "%s/face.png", dir);
    touch(img);
    assert_true(path_inside_folder(dir, img, why, sizeof why));
    snprintf(out, sizeof out, "%s/evil.png", dir);
    assert_int_equal(symlink("/etc/passwd", out), 0);
    assert_false(path_inside_folder(dir, out, why, sizeof why));
    assert_non_null(strstr(why, "outside"));
    /* a link to a sibling folder whose name starts like ours is still outside */
    snprintf(far, sizeof far, "%s/scen-other", tmpdir);
    assert_int_equal(mkdir(far, 0700), 0);
    snprintf(up, sizeof up, "%s/sib", dir);
    assert_int_equal(symlink(far, up), 0);
    snprintf(up, sizeof up, "%s/sib/x.png", dir);
    snprintf(far, sizeof far, "%s/scen-other/x.png", tmpdir);
    touch(far);
    assert_false(path_inside_folder(dir, up, why, sizeof why));
    /* a link that stays inside is fine */
    snprintf(up, sizeof up, "%s/alias.png", dir);
    assert_int_equal(symlink("face.png", up), 0);
    assert_true(path_inside_folder(dir, up, why, sizeof why));
    snprintf(up, sizeof up, "%s/missing.png", dir);
    assert_false(path_inside_folder(dir, up, why, sizeof why));
    assert_non_null(strstr(why, "cannot be found"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(headers_give_kind_and_size),
        cmocka_unit_test(huge_claims_are_refused_before_decoding),
        cmocka_unit_test(other_bytes_are_not_images),
        cmocka_unit_test(links_are_followed_before_the_folder_check),
    };
    return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
