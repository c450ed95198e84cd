/* startat.c - `--from NODE`, `--set FLAG` and `--meter ID=N`, as both front
 * ends take them: turned into a SessionStart, with one line naming what is
 * wrong when a name or a value does not fit the scenario. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compel/startat.h"

static int find_flag(const Scenario *sc, const char *name)
{
    for (int i = 0; i < sc->nflags; i++)
        if (strcmp(sc->flags[i], name) == 0)
            return i;
    return -1;
}

/* "a, b, c" (at most cap bytes, "..." when cut) for a message. */
static void list_names(char *out, size_t cap, const char *const *names, int n, size_t stride)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len + 4 < cap; i++) {
        const char *name = *(const char *const *)((const char *)names + (size_t)i * stride);
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? ", " : "", name);
    }
    if (len >= cap - 1 && cap > 4)
        strcpy(out + cap - 4, "...");
}

int start_spec_parse(const Scenario *sc, const StartArgs *a, StartSpec *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    out->node = sc->start;
    char names[200];
    if (a->from) {
        out->node = scenario_find_node(sc, a->from);
        if (out->node < 0) {
            snprintf(err, errcap, "--from: no node \"%s\" in %s", a->from, sc->id);
            return -1;
        }
    }
    if (a->nsets) {
        out->flags = calloc((size_t)sc->nflags + 1, sizeof *out->flags);
        if (!out->flags) {
            snprintf(err, errcap, "out of memory");
            return -1;
        }
    }
    for (int i = 0; i < a->nsets; i++) {
        int f = find_flag(sc, a->sets[i]);
        if (f < 0) {
            list_names(names, sizeof names, sc->flags, sc->nflags, sizeof *sc->flags);
            snprintf(err, errcap, "--set: no flag \"%s\" in %s (its flags: %s)", a->sets[i], sc->id,
                     sc->nflags ? names : "none");
            start_spec_free(out);
            return -1;
        }
        out->flags[f] = true;
    }
    if (a->nmeters) {
        out->meters = malloc(((size_t)sc->nmeters + 1) * sizeof *out->meters);
        if (!out->meters) {
            snprintf(err, errcap, "out of memory");
            start_spec_free(out);
            return -1;
        }
        for (int i = 0; i < sc->nmeters; i++)
            out->meters[i] = sc->meters[i].start;
    }
    for (int i = 0; i < a->nmeters; i++) {
        const char *eq = strchr(a->meters[i], '=');
        char id[128];
        size_t n = eq ? (size_t)(eq - a->meters[i]) : 0;
        int m = -1;
        if (eq && n < sizeof id) {
            memcpy(id, a->meters[i], n);
            id[n] = '\0';
            m = scenario_find_meter(sc, id);
        }
        if (m < 0) {
            list_names(names, sizeof names, &sc->meters[0].id, sc->nmeters, sizeof *sc->meters);
            snprintf(err, errcap, "--meter \"%s\": give ID=N with a meter of %s (its meters: %s)", a->meters[i],
                     sc->id, sc->nmeters ? names : "none");
            start_spec_free(out);
            return -1;
        }
        char *end;
        errno = 0;
        long v = strtol(eq + 1, &end, 10);
        if (errno || end == eq + 1 || *end || v < sc->meters[m].min || v > sc->meters[m].max) {
            snprintf(err, errcap, "--meter \"%s\": %s takes a whole number from %d to %d", a->meters[i], id,
                     sc->meters[m].min, sc->meters[m].max);
            start_spec_free(out);
            return -1;
        }
        out->meters[m] = (int)v;
    }
    out->given = a->from || a->nsets || a->nmeters;
    return 0;
}

int start_spec_apply(Session *s, const StartSpec *spec)
{
    if (!spec->given)
        return 0;
    SessionStart st = {spec->node, spec->meters, spec->flags};
    return session_start_at(s, &st);
}

void start_spec_free(StartSpec *spec)
{
    free(spec->meters);
    free(spec->flags);
    spec->meters = NULL;
    spec->flags = NULL;
}
