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

/* Terminal width: $COLUMNS when sane, else 80 (always 40..160). */
int cli_width(void);

/* The `run --json` object for a session (CLI.md shape). Caller deletes. */
cJSON *cli_run_json(const Session *s);

/* A fresh seed from the system's random source (for interactive play). */
uint64_t cli_random_seed(void);

#endif
