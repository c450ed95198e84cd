/* xapi.c - placeholder until `compel xapi` lands (issue 6). */
#include <stdio.h>
#include "compel/cli.h"
int cmd_xapi(int argc, char **argv)
{
    (void)argc; (void)argv;
    fputs("compel xapi: not available yet\n", stderr);
    return EXIT_USAGE;
}
