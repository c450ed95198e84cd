/* validate.c - `compel validate FILE...`: every finding of the format's
 * validator, as lines on stderr or as JSON on stdout. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/scenario.h"

static void usage(FILE *out)
{
    fputs("usage: compel validate FILE... [--strict] [--json]\n"
          "Check scenario files against the Compel scenario format.\n"
          "  --strict   treat warnings as errors\n"
          "  --json     print the findings as JSON on standard output\n"
          "Messages: FILE: error: PATH: message (FILE:LINE:COL for JSON syntax).\n"
          "Exit: 0 no file has an error, 1 some file has one, 2 usage.\n",
          out);
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"strict", no_argument, 0, 's'}, {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},   {0, 0, 0, 0},
    };
    bool strict = false, json = false;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 's': strict = true; break;
        case 'j': json = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        default:
            fprintf(stderr, "compel validate: unknown option \"%s\" (see `compel validate --help`)\n",
                    argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("compel validate: name at least one scenario file (see `compel validate --help`)\n", stderr);
        return EXIT_USAGE;
    }
    cJSON *root = json ? cJSON_CreateObject() : NULL;
    cJSON *files = root ? cJSON_AddArrayToObject(root, "files") : NULL;
    int total_err = 0, total_warn = 0, bad_files = 0;
    for (int i = optind; i < argc; i++) {
        DiagList d;
        diag_list_init(&d);
        Scenario *sc = scenario_load(argv[i], &d);
        scenario_destroy(sc);
        if (strict)
            diag_list_make_strict(&d);
        total_err += d.errors;
        total_warn += d.warnings;
        bad_files += d.errors > 0;
        if (json) {
            cJSON *f = cJSON_CreateObject();
            cJSON_AddStringToObject(f, "file", argv[i]);
            cJSON_AddBoolToObject(f, "valid", d.errors == 0);
            cJSON_AddNumberToObject(f, "errors", d.errors);
            cJSON_AddNumberToObject(f, "warnings", d.warnings);
            cJSON *list = cJSON_AddArrayToObject(f, "findings");
            for (int k = 0; k < d.count; k++)
                cJSON_AddItemToArray(list, cli_diag_json(&d.items[k], strict));
            cJSON_AddItemToArray(files, f);
        } else {
            for (int k = 0; k < d.count; k++)
                diag_print(stderr, &d.items[k], strict);
        }
        diag_list_free(&d);
    }
    if (json) {
        cJSON_AddNumberToObject(root, "errors", total_err);
        cJSON_AddNumberToObject(root, "warnings", total_warn);
        cJSON_AddBoolToObject(root, "valid", bad_files == 0);
        cli_print_json(root);
    }
    return bad_files ? EXIT_INVALID : EXIT_OK;
}
