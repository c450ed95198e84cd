/* startat.h - where an author starts a playthrough: --from NODE, --set FLAG
 * and --meter ID=N as both front ends take them, checked against a scenario
 * and turned into the session's SessionStart. */
#ifndef COMPEL_STARTAT_H
#define COMPEL_STARTAT_H

#include <stdbool.h>
#include <stddef.h>

#include "compel/session.h"

/* --from NODE, --set FLAG (repeatable) and --meter ID=N (repeatable) as
 * given on a command line, before they are checked against a scenario. */
typedef struct StartArgs {
    const char *from;                 /* NULL: the scenario's start */
    const char *sets[64]; int nsets;
    const char *meters[64]; int nmeters;
} StartArgs;

/* The checked start point: node index, and the meters and flags to start
 * with (NULL: the scenario's own). given: some option asked for it. */
typedef struct StartSpec {
    int node;
    int *meters;
    bool *flags;
    bool given;
} StartSpec;

/* Check a against sc into out. Returns 0, or -1 with one line naming what is
 * wrong in err (an unknown node, flag or meter, with the names there are, or a
 * meter value out of its bounds). Free with start_spec_free. */
int start_spec_parse(const Scenario *sc, const StartArgs *a, StartSpec *out, char *err, size_t errcap);

/* Start s at spec (session_start_at) when an option asked for it; 0, or -1
 * when out of memory. */
int start_spec_apply(Session *s, const StartSpec *spec);

/* Free what start_spec_parse allocated. */
void start_spec_free(StartSpec *spec);

#endif
