/* graph.c - `compel graph [--svg] FILE`: the DOT text or the same graph laid
 * out as SVG (both written by game/common's graph module). */
#include <stdio.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/graphout.h"

int cmd_graph(int argc, char **argv)
{
    const char *file = NULL;
    bool svg = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--svg") == 0) {
            svg = true;
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: compel graph [--svg] FILE\n"
                 "Print the scenario as a Graphviz DOT graph, or with --svg the same graph laid\n"
                 "out by Graphviz's library as an SVG picture:\n"
                 "  compel graph --svg FILE > graph.svg\n"
                 "Boxes are decisions (with their skill), ellipses next nodes, dashed diamonds\n"
                 "routes, double octagons endings; setbacks are bold red and labelled SETBACK;\n"
                 "edges show the choice number, its text (shortened) and its points; a choice's\n"
                 "reply is the edge's tooltip, and \"+N variants\" marks a node with other\n"
                 "wordings (listed in its tooltip).");
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "compel graph: unknown option \"%s\" (see `compel graph --help`)\n", argv[i]);
            return EXIT_USAGE;
        }
        if (file) {
            fputs("compel graph: one scenario file at a time\n", stderr);
            return EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        fputs("compel graph: which scenario? usage: compel graph FILE\n", stderr);
        return EXIT_USAGE;
    }
    Scenario *sc = cli_load(file);
    if (!sc)
        return EXIT_INVALID;
    int rc = EXIT_OK;
    char err[256];
    if (!svg)
        graph_write_dot(stdout, sc);
    else if (graph_write_svg(stdout, sc, err, sizeof err) != 0) {
        fprintf(stderr, "compel graph: %s: %s\n", file, err);
        rc = EXIT_INVALID;
    }
    scenario_destroy(sc);
    return rc;
}
