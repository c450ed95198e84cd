/* test_cli.c - the terminal helpers: choice lists, seeds, wrapping. */
#include "testutil.h"

#include <limits.h>
#include <stdlib.h>

#include "compel/cli.h"
#include "compel/cliutil.h"

static void choice_lists_parse_and_reject_clearly(void **state)
{
    (void)state;
    int *v;
    char err[256];
    assert_int_equal(choices_parse("1,3,2", &v, err, sizeof err), 3);
    assert_int_equal(v[0], 1);
    assert_int_equal(v[1], 3);
    assert_int_equal(v[2], 2);
    free(v);
    assert_int_equal(choices_parse("", &v, err, sizeof err), 0);   /* empty is allowed */
    free(v);
    assert_int_equal(choices_parse(" 4 , 5 ", &v, err, sizeof err), 2);
    free(v);
    assert_int_equal(choices_parse("1,,2", &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "numbers separated by commas"));
    /* 0 and 10 are well formed: out of range is decided (exit 1) at the decision */
    assert_int_equal(choices_parse("0,10,99999999999999999999", &v, err, sizeof err), 3);
    assert_int_equal(v[0], 0);
    assert_int_equal(v[1], 10);
    assert_int_equal(v[2], INT_MAX);
    free(v);
    assert_int_equal(choices_parse("1,", &v, err, sizeof err), -1);
    assert_int_equal(choices_parse("-1", &v, err, sizeof err), -1);
}

static void seeds_cover_the_whole_64_bit_range(void **state)
{
    (void)state;
    uint64_t s;
    assert_true(seed_parse("0", &s) && s == 0);
    assert_true(seed_parse("18446744073709551615", &s) && s == UINT64_MAX);
    assert_false(seed_parse("18446744073709551616", &s));
    assert_false(seed_parse("-3", &s));
    assert_false(seed_parse("12x", &s));
    assert_false(seed_parse("", &s));
}

static char *wrap(const char *text, int width, int indent, const char *first)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wrap_columns(f, text, width, indent, first);
    fclose(f);
    return buf;
}

/* A speaker's name at the margin, the words beneath it indented (it used to
 * pad "" to the indent, so the name sat two columns in). */
static void an_empty_first_prefix_starts_at_the_margin(void **state)
{
    (void)state;
    char *w = wrap("Dana Ruiz, VP Operations, worried: and a long tail of words", 40, 2, "");
    assert_string_equal(w, "Dana Ruiz, VP Operations, worried: and a\n"
                           "  long tail of words\n");
    free(w);
}

/* The text's own leading spaces place its first line; the indent is for the
 * lines after it, so list items hang (the debrief's lines used to start at
 * the indent, 3 or 4 columns in, whatever they asked for). */
static void wrap_printf_keeps_leading_spaces_and_hangs_the_rest(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    wrap_printf(f, 30, 4, "  You said: %s", "what happens between five and six?");
    wrap_printf(f, 30, 3, "%d. %s", 1, "Diagnose");
    fclose(f);
    assert_string_equal(buf, "  You said: what happens\n"
                             "    between five and six?\n"
                             "1. Diagnose\n");
    free(buf);
}

static void wrapping_counts_characters_not_bytes(void **state)
{
    (void)state;
    /* 40 columns, 2 of indent: 38 characters per line */
    char *w = wrap("Ça coûte cher: le coût de l'inaction dépasse déjà le budget prévu.", 40, 2, NULL);
    assert_string_equal(w, "  Ça coûte cher: le coût de l'inaction\n"
                           "  dépasse déjà le budget prévu.\n");
    free(w);
}

static void long_words_are_split_and_numbers_hang(void **state)
{
    (void)state;
    char *w = wrap("Supercalifragilisticexpialidocious-and-then-some-more-words here", 40, 3, "2. ");
    /* 37 characters fit after the 3-column indent: the 34-letter word, then "-an" */
    assert_string_equal(w, "2. Supercalifragilisticexpialidocious-an\n"
                           "   d-then-some-more-words here\n");
    free(w);
    w = wrap("First line\n\nThird line", 40, 0, NULL);
    assert_string_equal(w, "First line\n\nThird line\n");
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(choice_lists_parse_and_reject_clearly),
        cmocka_unit_test(seeds_cover_the_whole_64_bit_range),
        cmocka_unit_test(wrapping_counts_characters_not_bytes),
        cmocka_unit_test(an_empty_first_prefix_starts_at_the_margin),
        cmocka_unit_test(wrap_printf_keeps_leading_spaces_and_hangs_the_rest),
        cmocka_unit_test(long_words_are_split_and_numbers_hang),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
