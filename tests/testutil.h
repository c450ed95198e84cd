/* testutil.h - shared helpers for the cmocka unit tests. */
#ifndef COMPEL_TESTUTIL_H
#define COMPEL_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compel/scenario.h"
#include "compel/session.h"

/* The whole file, NUL-terminated, or NULL when it cannot be read; *len
 * (when not NULL) gets its size. The caller frees it. */
static inline char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

/* Load a scenario from a string; fails the test when it does not load. */
static inline Scenario *load_ok(const char *json)
{
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load_buffer("test.json", NULL, json, strlen(json), &d);
    if (!sc)
        for (int i = 0; i < d.count; i++)
            diag_print(stderr, &d.items[i], 0);
    diag_list_free(&d);
    assert_non_null(sc);
    return sc;
}

/* Load a string expected to be refused or warned about; the caller frees d. */
static inline Scenario *load_diags(const char *json, DiagList *d)
{
    diag_list_init(d);
    return scenario_load_buffer("test.json", NULL, json, strlen(json), d);
}

/* The first finding with this rule, or NULL. */
static inline const Diag *find_rule(const DiagList *d, const char *rule)
{
    for (int i = 0; i < d->count; i++)
        if (strcmp(d->items[i].rule, rule) == 0)
            return &d->items[i];
    return NULL;
}

/* Apply 1-based choices, continuing through next nodes like `run --choices`. */
static inline void play(Session *s, const int *choices, int n)
{
    for (int i = 0; i < n; i++) {
        Command c = {COMMAND_CHOOSE, choices[i]};
        assert_int_equal(session_play(s, &c, 1), 1);
    }
    session_settle(s);
}

#endif
