/* dispatch.c - `compel SUBCOMMAND ...`: finds the terminal tool argv[1]
 * names; anything else is left to the window (game/main.c). */
#include <stdio.h>
#include <string.h>

#include "compel/cli.h"

static const struct { const char *name; int (*fn)(int, char **); } commands[] = {
    {"run", cmd_run},         {"validate", cmd_validate}, {"analyze", cmd_analyze},
    {"graph", cmd_graph},     {"report", cmd_report},     {"xapi", cmd_xapi},
    {"lint", cmd_lint},         {"new", cmd_new},         {"cmi5", cmd_cmi5},
};

static void usage(FILE *out)
{
    fputs("usage: compel [OPTIONS] [SCENARIO.json]      play in a window\n"
          "       compel run SCENARIO.json [OPTIONS]     play in the terminal\n"
          "       compel validate FILE... [--strict] [--json]\n"
          "       compel analyze FILE [--json] [--samples N]\n"
          "       compel graph FILE\n"
          "       compel lint FILE... [--json] [--strict]\n"
          "       compel new ID [--out FILE]\n"
          "       compel report FILE... [--csv | --html FILE]\n"
          "       compel xapi FILE... [--base IRI] [--out FILE] [--lrs URL] | compel xapi --flush\n"
          "       compel cmi5 LAUNCH-URL [--scenario FILE]   as a cmi5 assignable unit\n"
          "Run `compel COMMAND --help` for a command's options, `compel --help-game` for the window's.\n",
          out);
}

int cli_main(int argc, char **argv)
{
    if (argc >= 2) {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                return commands[i].fn(argc - 1, argv + 1);
        if (strcmp(argv[1], "--version") == 0) {
            printf("compel %s\n", COMPEL_VERSION);
            return EXIT_OK;
        }
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[1], "help") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
    }
    return CLI_NOT_A_COMMAND;
}
