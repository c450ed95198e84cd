/* main.c - the one `compel` program: a subcommand goes to the terminal
 * tools (game/cli), everything else opens the window (game/ui). The two
 * front ends meet only here. */
#include "compel/cli.h"
#include "compel/common.h"
#include "compel/window.h"

int main(int argc, char **argv)
{
    term_safe_streams();
    int rc = cli_main(argc, argv);
    return rc != CLI_NOT_A_COMMAND ? rc : ui_main(argc, argv);
}
