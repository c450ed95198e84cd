/* options.c - option values both front ends check the same way: a player's
 * name (kept whole in the results file, so refused when it is not UTF-8
 * text) and a results file path. */
#include "compel/common.h"

#include <string.h>

#include "compel/textsafe.h"

bool option_player(const char *cmd, const char *value)
{
    char name[COMPEL_PLAYER_MAX + 1];
    const char *why = NULL;
    if (text_player_name(value, name, sizeof name, &why) && text_find_control(value) < 0 &&
        !strchr(value, '\n') && !strchr(value, '\t'))
        return true;
    if (!why)
        why = "holds a control character (a newline, TAB or escape)";
    fprintf(stderr, "%s: --player %s; type the name as plain text\n", cmd, why);
    return false;
}

bool option_results(const char *cmd, const char *value)
{
    if (value && *value)
        return true;
    fprintf(stderr, "%s: --results needs a file name, not an empty string (or use --no-results)\n", cmd);
    return false;
}
