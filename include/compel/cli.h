/* cli.h - the subcommands of the one `compel` program (CLI.md).
 * Each takes the arguments after its name (argv[0] is the subcommand name)
 * and returns the process exit code. None of them calls exit(). */
#ifndef COMPEL_CLI_H
#define COMPEL_CLI_H

/* Exit codes shared by every subcommand (CLI.md; docs/cli.md). */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1,      /* invalid scenario, index out of range, unreadable input */
    EXIT_USAGE = 2,        /* bad option or missing argument */
    EXIT_INCOMPLETE = 3,   /* run: the choice list ran out before an ending */
    EXIT_NO_DISPLAY = 4,   /* game: no display could be opened */
    EXIT_PLATFORM = 5,     /* game: SDL, font or other platform failure */
    EXIT_RESULTS = 6,      /* the playthrough finished but its result could not be saved */
    EXIT_LRS_WAITING = 7   /* statements wait in the outbox: the LRS could not be reached */
};

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_xapi(int argc, char **argv);

/* The SDL2 game (game/ui): argv as given to main. */
int ui_main(int argc, char **argv);

/* Parse a choice list "1,2,3" (may be empty) into a new array; returns the
 * count, or -1 with a reason in err when it is malformed. Caller frees *out. */
int cli_parse_choices(const char *list, int **out, char *err, size_t errcap);

/* Parse a non-negative 64-bit seed; false when s is not one. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
bool cli_parse_seed(const char *s, uint64_t *out);

#endif
