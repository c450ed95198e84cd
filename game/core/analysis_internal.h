/* analysis_internal.h - private to analysis*.c: which part of a playthrough's
 * state can still matter at each node (the live state), how it is packed
 * into a few bytes, and the table that gives each packed state an id. */
#ifndef COMPEL_ANALYSIS_INTERNAL_H
#define COMPEL_ANALYSIS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compel/scenario.h"
#include "compel/session.h"

typedef enum LiveKind { LIVE_METER, LIVE_FLAG, LIVE_SPENT, LIVE_VISITED } LiveKind;

/* One piece of live state: a meter (width bits, stored as value - lo), a
 * flag, a spent `once` choice (ref is its serial) or a visited mark. */
typedef struct LiveField { LiveKind kind; int ref; int lo; int width; } LiveField;

/* The live state of every node of one group (a strongly connected part of
 * the node graph: its nodes reach each other, so the same things stay live). */
typedef struct LiveLayout { int first, count; int bytes; } LiveLayout;

typedef struct Live {
    int *group;              /* node -> layouts index */
    LiveLayout *layouts; int nlayouts;
    LiveField *fields; int nfields;
    int max_bytes;           /* the largest layout */
    int *edge_off, *edge_to; /* the node graph: node n's edges are edge_to[edge_off[n] .. edge_off[n + 1]) */
} Live;

/* For each node, what a condition reachable from it can still read: the
 * backward pass over the node graph. variants: the conditions of the nodes'
 * variants count too (to learn which wordings show, every state they read
 * must be kept). False when out of memory. */
bool live_build(const Scenario *sc, bool variants, Live *lv);
void live_free(Live *lv);

/* graph_reachable from the compact graph live_build keeps (the scenario's
 * own memory is not read again): reach gets sc->nnodes marks. */
void live_reachable(const Live *lv, const Scenario *sc, bool *reach);

/* Pack the live state of the session (at its node) into key
 * (layouts[group[node]].bytes bytes). */
void live_pack(const Live *lv, const Session *s, unsigned char *key);

/* Scratch for live_unpack: room for every meter, flag, node and choice. */
typedef struct LiveScratch { int *meters; bool *flags; int *visited, *spent; } LiveScratch;
bool live_scratch_init(LiveScratch *ls, const Scenario *sc);
void live_scratch_free(LiveScratch *ls);

/* Put the session at node in the state key describes; what is not live
 * takes neutral values (nothing that follows can read it). */
void live_unpack(const Live *lv, Session *s, LiveScratch *ls, int node, const unsigned char *key);

/* Packed states by id, with one small hash table per node, so finding a
 * state touches only the memory of its node (it stays in the cache as the
 * explorer sweeps the graph). */
typedef struct NodeSlots { int32_t *slot; uint32_t cap, used; } NodeSlots;

typedef struct StateTable {
    const Live *live;
    int32_t *node; size_t *off; long n, cap;   /* per state: its node and key offset */
    unsigned char *pool; size_t pool_len, pool_cap;
    NodeSlots *slots;
    size_t bytes;            /* memory held (capacities) */
} StateTable;

bool state_table_init(StateTable *t, const Live *lv, int nnodes);
void state_table_free(StateTable *t, int nnodes);

/* The id of the state (node, key), adding it when new. -1 when it is new
 * and the table already holds max states (max <= 0: no limit); -2 when
 * growing would hold more than max_bytes (0: no limit) or out of memory. */
long state_table_intern(StateTable *t, int node, const unsigned char *key, long max, size_t max_bytes);

static inline const unsigned char *state_key(const StateTable *t, long id)
{
    return t->pool + t->off[id];
}

#endif
