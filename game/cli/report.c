/* report.c - placeholder until `compel report` lands (issue 6). */
#include <stdio.h>
#include "compel/cli.h"
int cmd_report(int argc, char **argv)
{
    (void)argc; (void)argv;
    fputs("compel report: not available yet\n", stderr);
    return EXIT_USAGE;
}
