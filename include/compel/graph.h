/* graph.h - the scenario as a graph: the validator's graph rules and the
 * static facts analysis and the DOT export need. */
#ifndef COMPEL_GRAPH_H
#define COMPEL_GRAPH_H

#include <stdbool.h>

#include "compel/diag.h"
#include "compel/scenario.h"

/* Check the graph rules of docs/format.md on a structurally valid
 * scenario: an ending reachable from start, no trap (a reachable node from
 * which no ending can be reached), no loop made only of next/route nodes;
 * unreachable nodes are warnings. Returns false when any error was added. */
bool graph_check(const Scenario *sc, DiagList *diags);

/* Mark in reach (nnodes bools) every node reachable from start over all
 * edges, conditions ignored. */
void graph_reachable(const Scenario *sc, bool *reach);

/* Call fn for each outgoing edge of node n (choice, next or route target). */
void graph_edges(const Scenario *sc, int n, void (*fn)(int to, void *ctx), void *ctx);

#endif
