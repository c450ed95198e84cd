/* graphout.h - the scenario drawn as a graph for authors: Graphviz DOT text
 * (graph_dot.c) and the same graph laid out by Graphviz's library as SVG
 * (graph_svg.c). Only the terminal tools use it; the core stays free of
 * Graphviz. */
#ifndef COMPEL_GRAPHOUT_H
#define COMPEL_GRAPHOUT_H

#include <stddef.h>
#include <stdio.h>

#include "compel/scenario.h"

/* Write sc as a DOT digraph: decisions boxes, next nodes ellipses, routes
 * diamonds, endings double octagons; setbacks bold and labelled. */
void graph_write_dot(FILE *out, const Scenario *sc);

/* Lay out graph_write_dot's graph with the dot engine and write it as SVG.
 * Returns 0, or -1 with a one-line reason in err. */
int graph_write_svg(FILE *out, const Scenario *sc, char *err, size_t errcap);

#endif
