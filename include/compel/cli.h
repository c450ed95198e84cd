/* cli.h - the subcommands of the one `compel` program (docs/cli.md).
 * Each takes the arguments after its name (argv[0] is the subcommand name)
 * and returns the process exit code (common.h). None of them calls exit(). */
#ifndef COMPEL_CLI_H
#define COMPEL_CLI_H

#include "compel/common.h"

/* `compel run`: play a scenario in the terminal, scripted or interactive. */
int cmd_run(int argc, char **argv);
/* `compel validate`: check scenario files and print every finding. */
int cmd_validate(int argc, char **argv);
/* `compel analyze`: best and worst reachable scores, endings, samples. */
int cmd_analyze(int argc, char **argv);
/* `compel graph`: the scenario as a Graphviz DOT graph. */
int cmd_graph(int argc, char **argv);
/* `compel report`: summaries of results files (text, CSV or HTML). */
int cmd_report(int argc, char **argv);
/* `compel xapi`: results files as xAPI statements. */
int cmd_xapi(int argc, char **argv);
/* `compel cmi5`: play a scenario as a cmi5 assignable unit an LMS launched. */
int cmd_cmi5(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_new(int argc, char **argv);

/* Run the subcommand named by argv[1] (argv as given to main) and return
 * its exit code, or CLI_NOT_A_COMMAND when argv[1] names none (the caller
 * then opens the window). Handles --help, --version and help itself. */
enum { CLI_NOT_A_COMMAND = -1 };
int cli_main(int argc, char **argv);

#endif
