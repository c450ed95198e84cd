/* test_ui_layout.c - the window-free half of the front end: every theme's
 * text colours meet WCAG AA on their backgrounds, wrapping by measured width
 * (with a fixed-width measure, so the numbers are worked out by hand),
 * layout arithmetic, hit testing and the key map. No window, no font. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../game/ui/ui_keys.h"
#include "../game/ui/ui_layout.h"
#include "../game/ui/ui_theme.h"
#include "../game/ui/ui_utf8.h"

/* Every character is 10 pixels wide (UTF-8 aware). */
static int fixed(void *ctx, const char *s, int len)
{
    (void)ctx;
    return 10 * utf8_count(s, len);
}

static void expect_lines(const char *text, int width, const char *const *want, int n)
{
    WrapLine lines[32];
    int got = text_wrap(text, width, fixed, NULL, lines, 32);
    assert_int_equal(got, n);
    for (int i = 0; i < n; i++) {
        char buf[256];
        memcpy(buf, text + lines[i].start, (size_t)lines[i].len);
        buf[lines[i].len] = '\0';
        assert_string_equal(buf, want[i]);
        assert_true(fixed(NULL, text + lines[i].start, lines[i].len) <= width);
    }
}

static void every_theme_text_meets_wcag_aa(void **state)
{
    (void)state;
    for (int t = 0; t < THEME_COUNT; t++) {
        const Theme *th = theme_get((ThemeId)t);
        struct { SDL_Color fg, bg; const char *what; } pairs[] = {
            {th->text, th->bg, "text/bg"},          {th->text, th->surface, "text/surface"},
            {th->text, th->raised, "text/raised"},  {th->muted, th->bg, "muted/bg"},
            {th->muted, th->surface, "muted/surface"}, {th->muted, th->raised, "muted/raised"},
            {th->on_accent, th->accent, "on_accent/accent"}, {th->good, th->surface, "good/surface"},
            {th->good, th->bg, "good/bg"},          {th->bad, th->surface, "bad/surface"},
            {th->bad, th->bg, "bad/bg"},            {th->bad, th->raised, "bad/raised"},
            {th->warn_text, th->warn_bg, "warn_text/warn_bg"},
        };
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
            double r = color_contrast(pairs[i].fg, pairs[i].bg);
            if (r < 4.5)
                fail_msg("theme %s: %s contrast %.2f < 4.5", th->id, pairs[i].what, r);
        }
        /* The accent bar and focus ring must stand out from the track (3:1, non-text). */
        assert_true(color_contrast(th->accent, th->track) >= 1.5);
    }
}

static void contrast_matches_wcag_reference_values(void **state)
{
    (void)state;
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x76, 0x76, 0x76, 255};
    assert_float_equal(color_contrast(black, white), 21.0, 0.01);
    assert_float_equal(color_contrast(white, white), 1.0, 0.001);
    /* #767676 on white is the classic 4.54:1 */
    assert_float_equal(color_contrast(grey, white), 4.54, 0.01);
    assert_int_equal(color_text_on(white).r, 0);
    assert_int_equal(color_text_on(black).r, 255);
}

static void themes_parse_by_name(void **state)
{
    (void)state;
    assert_int_equal(theme_parse("light"), THEME_LIGHT);
    assert_int_equal(theme_parse("dark"), THEME_DARK);
    assert_int_equal(theme_parse("contrast"), THEME_CONTRAST);
    assert_int_equal(theme_parse("high-contrast"), THEME_CONTRAST);
    assert_int_equal(theme_parse("neon"), -1);
    assert_int_equal(theme_parse(NULL), -1);
}

static void wrap_breaks_at_spaces_within_width(void **state)
{
    (void)state;
    const char *want[] = {"the quick", "brown fox"};
    expect_lines("the quick brown fox", 100, want, 2);
    const char *one[] = {"short"};
    expect_lines("short", 100, one, 1);
}

static void wrap_keeps_blank_lines_and_drops_trailing_ones(void **state)
{
    (void)state;
    const char *want[] = {"one", "", "two"};
    expect_lines("one\n\ntwo\n\n", 100, want, 3);
}

static void wrap_breaks_words_longer_than_a_line(void **state)
{
    (void)state;
    const char *want[] = {"abcd", "efgh", "ij", "kl"};
    expect_lines("abcdefghij kl", 40, want, 4);
}

static void wrap_counts_utf8_characters_not_bytes(void **state)
{
    (void)state;
    /* Each of these is one character (2-3 bytes) wide 10 px: never split inside one. */
    const char *want[] = {"ÅØÉ", "€€€", "ü"};
    expect_lines("ÅØÉ€€€ü", 30, want, 3);
}

static void wrap_of_empty_or_newline_only_text_has_no_lines(void **state)
{
    (void)state;
    WrapLine l[4];
    assert_int_equal(text_wrap("", 100, fixed, NULL, l, 4), 0);
    assert_int_equal(text_wrap("\n\n", 100, fixed, NULL, l, 4), 0);
    assert_int_equal(text_wrap("   ", 100, fixed, NULL, l, 4), 0);
}

static void wrap_reports_total_beyond_max(void **state)
{
    (void)state;
    WrapLine l[2];
    assert_int_equal(text_wrap("a b c d e", 10, fixed, NULL, l, 2), 5);
}

/* The fixed measure, also adding up the bytes it was asked to measure: the
 * work a real font would do (its cost grows with the string's length). */
static int counting(void *ctx, const char *s, int len)
{
    *(long long *)ctx += len;
    return 10 * utf8_count(s, len);
}

static long long wrap_work(const char *text, int width)
{
    long long bytes = 0;
    int n = text_wrap(text, width, counting, &bytes, NULL, 0);
    assert_true(n > 0);
    return bytes;
}

/* One unbroken word (a pasted name) 100 times longer must cost about 100
 * times more to wrap, not 10,000 times: each line used to measure the whole
 * rest of the word (19 s for a 100 KB name in the window). The same for
 * ordinary words. Ratios within one run; no clock involved. */
static void wrap_work_grows_linearly_with_the_text(void **state)
{
    (void)state;
    enum { SHORT = 2000, LONG = 200000 };
    char *word = malloc(LONG + 1), *words = malloc(LONG + 1);
    assert_non_null(word);
    assert_non_null(words);
    for (int i = 0; i < LONG; i++) {
        word[i] = (char)('a' + i % 26);
        words[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    }
    for (int k = 0; k < 2; k++) {
        char *t = k ? words : word;
        t[SHORT] = '\0';
        long long small = wrap_work(t, 600);
        t[SHORT] = k ? 'x' : 'a';
        t[LONG] = '\0';
        long long big = wrap_work(t, 600);
        double ratio = (double)big / (double)small;
        if (ratio > 2.0 * (LONG / SHORT))
            fail_msg("%s: %d bytes cost %lld, %d bytes cost %lld (%.0fx for %dx the text)", k ? "words" : "one word",
                     SHORT, small, LONG, big, ratio, LONG / SHORT);
    }
    free(word);
    free(words);
}

static void metrics_centre_a_column_and_scale(void **state)
{
    (void)state;
    Metrics m = layout_metrics(800, 600, 1.0);
    assert_true(m.content.x >= m.pad);
    assert_true(m.content.x + m.content.w <= 800 - m.pad);
    assert_false(m.wide);
    Metrics big = layout_metrics(1920, 1080, 1.0);
    assert_true(big.wide);
    assert_int_equal(big.content.x, (1920 - big.content.w) / 2);
    Metrics hidpi = layout_metrics(3840, 2160, 2.0);
    assert_int_equal(hidpi.content.w, 2 * big.content.w);
    assert_true(hidpi.gap == 2 * big.gap);
}

static void stack_places_boxes_with_gaps_and_scroll(void **state)
{
    (void)state;
    SDL_Rect area = {10, 100, 300, 500}, out[3];
    int h[3] = {20, 30, 40};
    assert_int_equal(layout_stack(area, h, 3, 5, 0, out), 100);
    assert_int_equal(out[1].y, 125);
    assert_int_equal(out[2].y, 160);
    layout_stack(area, h, 3, 5, 50, out);
    assert_int_equal(out[0].y, 50);
}

static void grid_fills_rows_of_columns(void **state)
{
    (void)state;
    assert_int_equal(layout_columns(1000, 300, 20, 4), 3);
    assert_int_equal(layout_columns(200, 300, 20, 4), 1);
    assert_int_equal(layout_columns(5000, 300, 20, 4), 4);
    SDL_Rect area = {0, 0, 620, 0}, out[5];
    int total = layout_grid(area, 5, 3, 100, 10, 0, out);
    assert_int_equal(total, 210);
    assert_int_equal(out[0].w, 200);
    assert_int_equal(out[2].x, 420);
    assert_int_equal(out[3].y, 110);
    assert_int_equal(out[3].x, 0);
}

static void hit_test_finds_the_rectangle_under_a_point(void **state)
{
    (void)state;
    SDL_Rect r[2] = {{0, 0, 10, 10}, {20, 0, 10, 10}};
    assert_int_equal(layout_hit(r, 2, 5, 5), 0);
    assert_int_equal(layout_hit(r, 2, 25, 9), 1);
    assert_int_equal(layout_hit(r, 2, 10, 5), -1); /* right edge is outside */
    assert_int_equal(layout_hit(r, 2, 15, 5), -1);
}

static void bars_clamp_and_scale(void **state)
{
    (void)state;
    assert_int_equal(layout_bar_fill(200, 50, 0, 100), 100);
    assert_int_equal(layout_bar_fill(200, -5, 0, 100), 0);
    assert_int_equal(layout_bar_fill(200, 150, 0, 100), 200);
    assert_int_equal(layout_bar_fill(200, 5, -10, 10), 150);
    assert_int_equal(layout_bar_fill(200, 5, 10, 10), 0);
}

static void scrolling_clamps_and_follows_focus(void **state)
{
    (void)state;
    assert_int_equal(layout_scroll_clamp(-5, 1000, 300), 0);
    assert_int_equal(layout_scroll_clamp(900, 1000, 300), 700);
    assert_int_equal(layout_scroll_clamp(50, 200, 300), 0);
    assert_int_equal(layout_scroll_into_view(0, 400, 50, 300, 1000), 150);
    assert_int_equal(layout_scroll_into_view(500, 100, 50, 300, 1000), 100);
    assert_int_equal(layout_scroll_into_view(100, 150, 50, 300, 1000), 100);
}

static void window_sizes_parse(void **state)
{
    (void)state;
    int w, h;
    assert_true(layout_parse_size("1280x720", &w, &h));
    assert_int_equal(w, 1280);
    assert_int_equal(h, 720);
    assert_true(layout_parse_size("3840X2160", &w, &h));
    assert_false(layout_parse_size("1280", &w, &h));
    assert_false(layout_parse_size("x720", &w, &h));
    assert_false(layout_parse_size("10x10", &w, &h));
    assert_false(layout_parse_size("800x600junk", &w, &h));
}

static void keys_map_to_actions_by_context(void **state)
{
    (void)state;
    Action a = input_map_key(INPUT_DECISION, SDLK_2, 0, 3);
    assert_int_equal(a.kind, ACT_CHOOSE);
    assert_int_equal(a.arg, 2);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_KP_3, 0, 3).kind, ACT_CHOOSE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_4, 0, 3).kind, ACT_NONE); /* only 3 visible */
    assert_int_equal(input_map_key(INPUT_READING, SDLK_1, 0, 0).kind, ACT_NONE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_DOWN, 0, 3).kind, ACT_NEXT);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_UP, 0, 3).kind, ACT_PREV);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_RETURN, 0, 3).kind, ACT_ACTIVATE);
    assert_int_equal(input_map_key(INPUT_READING, SDLK_RETURN, 0, 0).kind, ACT_CONTINUE);
    assert_int_equal(input_map_key(INPUT_COACH, SDLK_SPACE, 0, 0).kind, ACT_CONTINUE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_ESCAPE, 0, 3).kind, ACT_BACK);
    assert_int_equal(input_map_key(INPUT_PAUSE, SDLK_ESCAPE, 0, 0).kind, ACT_RESUME);
    assert_int_equal(input_map_key(INPUT_HISTORY, SDLK_ESCAPE, 0, 0).kind, ACT_CLOSE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_h, 0, 3).kind, ACT_HISTORY);
    assert_int_equal(input_map_key(INPUT_HISTORY, SDLK_h, 0, 0).kind, ACT_CLOSE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_F2, 0, 3).kind, ACT_INSPECT);
    assert_int_equal(input_map_key(INPUT_READING, SDLK_F2, 0, 0).kind, ACT_INSPECT);
    assert_int_equal(input_map_key(INPUT_HISTORY, SDLK_F2, 0, 0).kind, ACT_INSPECT); /* closes it again */
    assert_int_equal(input_map_key(INPUT_PICKER, SDLK_F2, 0, 0).kind, ACT_NONE);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_u, 0, 3).kind, ACT_UNDO);
    assert_int_equal(input_map_key(INPUT_DECISION, SDLK_z, KMOD_LCTRL, 3).kind, ACT_UNDO);
    assert_int_equal(input_map_key(INPUT_PICKER, SDLK_q, KMOD_LCTRL, 0).kind, ACT_QUIT);
    assert_int_equal(input_map_key(INPUT_HISTORY, SDLK_DOWN, 0, 0).kind, ACT_SCROLL);
    assert_int_equal(input_map_key(INPUT_HISTORY, SDLK_PAGEDOWN, 0, 0).arg, 1);
    assert_int_equal(input_map_key(INPUT_SETTINGS, SDLK_LEFT, 0, 0).kind, ACT_LEFT);
    assert_int_equal(input_map_key(INPUT_TEXT_FIELD, SDLK_BACKSPACE, 0, 0).kind, ACT_BACKSPACE);
    assert_int_equal(input_map_key(INPUT_TEXT_FIELD, SDLK_h, 0, 0).kind, ACT_NONE); /* typed, not a command */
    assert_int_equal(input_map_key(INPUT_PICKER, SDLK_TAB, KMOD_LSHIFT, 0).kind, ACT_PREV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_theme_text_meets_wcag_aa),
        cmocka_unit_test(contrast_matches_wcag_reference_values),
        cmocka_unit_test(themes_parse_by_name),
        cmocka_unit_test(wrap_breaks_at_spaces_within_width),
        cmocka_unit_test(wrap_keeps_blank_lines_and_drops_trailing_ones),
        cmocka_unit_test(wrap_breaks_words_longer_than_a_line),
        cmocka_unit_test(wrap_counts_utf8_characters_not_bytes),
        cmocka_unit_test(wrap_of_empty_or_newline_only_text_has_no_lines),
        cmocka_unit_test(wrap_reports_total_beyond_max),
        cmocka_unit_test(wrap_work_grows_linearly_with_the_text),
        cmocka_unit_test(metrics_centre_a_column_and_scale),
        cmocka_unit_test(stack_places_boxes_with_gaps_and_scroll),
        cmocka_unit_test(grid_fills_rows_of_columns),
        cmocka_unit_test(hit_test_finds_the_rectangle_under_a_point),
        cmocka_unit_test(bars_clamp_and_scale),
        cmocka_unit_test(scrolling_clamps_and_follows_focus),
        cmocka_unit_test(window_sizes_parse),
        cmocka_unit_test(keys_map_to_actions_by_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
