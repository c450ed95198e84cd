/* cliutil.h - helpers shared by the terminal subcommands: loading with
 * messages, the terminal width, run results. */
#ifndef COMPEL_CLIUTIL_H
#define COMPEL_CLIUTIL_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "compel/scenario.h"
#include "compel/session.h"

/* Load a scenario, printing every finding to stderr; NULL on error. */
Scenario *cli_load(const char *path);

/* Terminal width: the terminal's own (TIOCGWINSZ on standard output), else
 * $COLUMNS, else 80; kept within 20..400. */
int cli_width(void);

/* The `run --json` object for a session (its shape: docs/cli.md). Caller deletes. */
cJSON *cli_run_json(const Session *s);

/* One loader finding as `validate --json` shows it (severity "error" for
 * every finding when strict). Caller deletes. */
cJSON *cli_diag_json(const Diag *g, bool strict);

/* Print root as indented JSON and a newline on stdout, then delete it. */
void cli_print_json(cJSON *root);


#endif
