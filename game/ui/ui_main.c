/* ui_main.c - placeholder until the SDL2 front end lands (issue 4). */
#include <stdio.h>
#include "compel/cli.h"
int ui_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    fputs("compel: the game window is not built yet; play in the terminal with `compel run SCENARIO.json`\n", stderr);
    return EXIT_NO_DISPLAY;
}
