/* graph_svg.c - `compel graph --svg FILE`: the DOT export laid out by
 * Graphviz's own library (libgvc, the `dot` engine) and written as SVG, so
 * the picture is the DOT drawing and an author needs no `dot` command.
 * Only game/cli links Graphviz; the core never sees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "compel/graphout.h"

int graph_write_svg(FILE *out, const Scenario *sc, char *err, size_t errcap)
{
    char *dot = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&dot, &len);
    if (!mem) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    graph_write_dot(mem, sc);
    if (fclose(mem) != 0 || !dot) {
        free(dot);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    GVC_t *gvc = gvContext();
    Agraph_t *g = gvc ? agmemread(dot) : NULL;
    free(dot);
    int rc = -1;
    char *svg = NULL;
    unsigned int n = 0;
    if (!gvc || !g)
        snprintf(err, errcap, "Graphviz could not read the graph");
    else if (gvLayout(gvc, g, "dot") != 0)
        snprintf(err, errcap, "Graphviz could not lay out the graph (is its dot plugin installed?)");
    else if (gvRenderData(gvc, g, "svg", &svg, &n) != 0 || !svg)
        snprintf(err, errcap, "Graphviz could not draw the graph as SVG");
    else if (fwrite(svg, 1, n, out) != n || fflush(out) != 0)
        snprintf(err, errcap, "cannot write the SVG");
    else
        rc = 0;
    if (svg)
        gvFreeRenderData(svg);
    if (g) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    if (gvc)
        gvFreeContext(gvc);
    return rc;
}
