/* test_grow.c - the growable-array helper (grow.h): room is made, contents
 * survive, capacity doubles, and an impossible size is refused without
 * touching the array. */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>

#include "compel/grow.h"

static void grow_makes_room_and_keeps_contents(void **state)
{
    (void)state;
    int *v = NULL, cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_true(GROW(&v, &cap, i + 1));
        assert_true(cap >= i + 1);
        v[i] = i * 3;
    }
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i * 3);
    free(v);
}

static void grow_doubles_so_appends_stay_cheap(void **state)
{
    (void)state;
    long *v = NULL;
    int cap = 0, moves = 0, last = 0;
    for (int i = 0; i < 100000; i++) {
        assert_true(GROW(&v, &cap, i + 1));
        if (cap != last) {
            moves++;
            last = cap;
        }
    }
    assert_int_equal(cap, 131072);   /* 16 doubled until it holds 100,000 */
    assert_int_equal(moves, 14);
    free(v);
}

static void grow_within_capacity_changes_nothing(void **state)
{
    (void)state;
    int *v = NULL, cap = 0;
    assert_true(GROW(&v, &cap, 5));
    int *before = v, cap_before = cap;
    assert_true(GROW(&v, &cap, cap_before));
    assert_ptr_equal(v, before);
    assert_int_equal(cap, cap_before);
    free(v);
}

static void grow_refuses_sizes_that_overflow(void **state)
{
    (void)state;
    char *v = NULL;
    int cap = 0;
    assert_true(GROW(&v, &cap, 10));
    char *before = v;
    assert_false(grow_array((void **)&v, &cap, INT32_MAX, SIZE_MAX / 4));
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 16);
    free(v);
}

static void grow_buffer_holds_what_is_asked(void **state)
{
    (void)state;
    char *b = NULL;
    size_t cap = 0;
    assert_true(grow_buffer(&b, &cap, 1));
    assert_int_equal(cap, 256);
    b[0] = 'x';
    assert_true(grow_buffer(&b, &cap, 5000));
    assert_int_equal(cap, 8192);
    assert_int_equal(b[0], 'x');
    assert_true(grow_buffer(&b, &cap, 10));
    assert_int_equal(cap, 8192);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_makes_room_and_keeps_contents),
        cmocka_unit_test(grow_doubles_so_appends_stay_cheap),
        cmocka_unit_test(grow_within_capacity_changes_nothing),
        cmocka_unit_test(grow_refuses_sizes_that_overflow),
        cmocka_unit_test(grow_buffer_holds_what_is_asked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
