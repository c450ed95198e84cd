/* window.h - the game window's entry point (game/ui), for game/main.c. */
#ifndef COMPEL_WINDOW_H
#define COMPEL_WINDOW_H

/* The SDL2 game: `compel [OPTIONS] [SCENARIO.json]`, argv as given to main.
 * Returns the process exit code (common.h). */
int ui_main(int argc, char **argv);

#endif
