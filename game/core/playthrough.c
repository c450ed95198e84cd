/* playthrough.c - reading and writing the saved form of a playthrough
 * (playthrough.h). One JSON object:
 *   {"format": "compel-playthrough", "version": 1, "scenario": ID,
 *    "file": PATH, "hash": "xxh3:...", "seed": "DIGITS", "player": NAME,
 *    "mode": "practice"|"assessment", "commands": ["choose 2", "continue"]}
 * The seed is a string so every 64-bit value survives any JSON reader.
 * Other keys are ignored (the test replays keep their expectations there). */
#include "compel/playthrough.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "compel/fileio.h"

enum { MAX_SAVED_BYTES = 64 << 20 };

static const char *str_item(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *dup_or(const char *s, const char *fallback)
{
    return strdup(s ? s : fallback);
}

/* A seed written as a string of digits, or (older replays) as a number. */
static bool read_seed(const cJSON *v, uint64_t *out)
{
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 9007199254740992.0) {
        *out = (uint64_t)v->valuedouble;
        return true;
    }
    if (!cJSON_IsString(v) || v->valuestring[0] < '0' || v->valuestring[0] > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(v->valuestring, &end, 10);
    *out = x;
    return errno == 0 && *end == '\0';
}

/* "choose N" / "continue", or a number (older autosaves: 0 continue, N choose N). */
static bool read_command(const cJSON *v, Command *out)
{
    if (cJSON_IsNumber(v)) {
        int n = v->valueint;
        *out = n == 0 ? (Command){COMMAND_CONTINUE, 0} : (Command){COMMAND_CHOOSE, n};
        return n >= 0 && n <= COMPEL_MAX_CHOICES;
    }
    if (!cJSON_IsString(v))
        return false;
    if (strcmp(v->valuestring, "continue") == 0) {
        *out = (Command){COMMAND_CONTINUE, 0};
        return true;
    }
    int n = 0, used = 0;
    if (sscanf(v->valuestring, "choose %d%n", &n, &used) != 1 || v->valuestring[used] != '\0')
        return false;
    *out = (Command){COMMAND_CHOOSE, n};
    return n >= 1 && n <= COMPEL_MAX_CHOICES;
}

static int read_commands(const cJSON *list, Playthrough *p, char *err, size_t errcap)
{
    int n = cJSON_GetArraySize(list);
    p->commands = calloc((size_t)n + 1, sizeof *p->commands);
    if (!p->commands) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, list) {
        if (!read_command(it, &p->commands[p->ncommands])) {
            snprintf(err, errcap, "command %d is not \"choose N\" (N from 1 to %d) or \"continue\"",
                     p->ncommands + 1, COMPEL_MAX_CHOICES);
            return -1;
        }
        p->ncommands++;
    }
    return 0;
}

static int from_json(const cJSON *j, Playthrough *p, char *err, size_t errcap)
{
    const char *hash = str_item(j, "hash") ? str_item(j, "hash") : str_item(j, "scenario_hash");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(j, "commands");
    if (!cJSON_IsArray(list) && cJSON_GetObjectItemCaseSensitive(j, "choices")) {
        snprintf(err, errcap, "a replay in the old form (\"choices\"): convert it once with `make rerecord`");
        return -1;
    }
    if (!hash || !cJSON_IsArray(list)) {
        snprintf(err, errcap, "not a saved playthrough: it needs \"hash\" and a \"commands\" list");
        return -1;
    }
    if (!read_seed(cJSON_GetObjectItemCaseSensitive(j, "seed"), &p->seed)) {
        snprintf(err, errcap, "\"seed\" must be a whole number from 0 to 18446744073709551615");
        return -1;
    }
    const char *mode = str_item(j, "mode");
    p->mode = mode && strcmp(mode, "assessment") == 0 ? SESSION_ASSESSMENT : SESSION_PRACTICE;
    p->scenario = dup_or(str_item(j, "scenario"), "");
    p->file = str_item(j, "file") && *str_item(j, "file") ? strdup(str_item(j, "file")) : NULL;
    p->hash = strdup(hash);
    p->player = dup_or(str_item(j, "player"), "Player");
    if (!p->scenario || !p->hash || !p->player) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    return read_commands(list, p, err, errcap);
}

int playthrough_read(const char *path, Playthrough *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char why[256];
    char *text = file_read_all(path, MAX_SAVED_BYTES, &len, NULL, why, sizeof why);
    if (!text) {
        snprintf(err, errcap, "%s", why);
        return -1;
    }
    cJSON *j = cJSON_Parse(text);
    free(text);
    int rc = -1;
    if (!cJSON_IsObject(j))
        snprintf(err, errcap, "not a saved playthrough: not a JSON object");
    else
        rc = from_json(j, out, err, errcap);
    cJSON_Delete(j);
    if (rc != 0)
        playthrough_free(out);
    return rc;
}

static cJSON *to_json(const Session *s, const char *file)
{
    const Scenario *sc = session_scenario(s);
    cJSON *j = cJSON_CreateObject();
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)session_seed(s));
    cJSON_AddStringToObject(j, "format", "compel-playthrough");
    cJSON_AddNumberToObject(j, "version", 1);
    cJSON_AddStringToObject(j, "scenario", sc->id);
    if (file)
        cJSON_AddStringToObject(j, "file", file);
    cJSON_AddStringToObject(j, "hash", sc->hash);
    cJSON_AddStringToObject(j, "seed", seed);
    cJSON_AddStringToObject(j, "player", session_player(s));
    cJSON_AddStringToObject(j, "mode", session_mode(s) == SESSION_ASSESSMENT ? "assessment" : "practice");
    cJSON *list = cJSON_AddArrayToObject(j, "commands");
    int n;
    const Command *c = session_commands(s, &n);
    for (int i = 0; list && i < n; i++) {
        char word[32];
        if (c[i].kind == COMMAND_CHOOSE)
            snprintf(word, sizeof word, "choose %d", c[i].choice);
        else
            snprintf(word, sizeof word, "continue");
        cJSON_AddItemToArray(list, cJSON_CreateString(word));
    }
    return j;
}

int playthrough_write(const char *path, const Session *s, const char *file, char *err, size_t errcap)
{
    cJSON *j = to_json(s, file);
    char *text = j ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    bool ok = text && file_write_atomic(path, text);
    if (!ok)
        snprintf(err, errcap, "cannot write %s: %s", path, text ? strerror(errno) : "out of memory");
    free(text);
    return ok ? 0 : -1;
}

void playthrough_free(Playthrough *p)
{
    free(p->scenario);
    free(p->file);
    free(p->hash);
    free(p->player);
    free(p->commands);
    memset(p, 0, sizeof *p);
}

PlaythroughMatch playthrough_match(const Playthrough *p, const Scenario *sc)
{
    if (p->scenario[0] && strcmp(p->scenario, sc->id) != 0)
        return PLAYTHROUGH_OTHER;
    return strcmp(p->hash, sc->hash) == 0 ? PLAYTHROUGH_SAME : PLAYTHROUGH_CHANGED;
}

Session *playthrough_start(const Playthrough *p, const Scenario *sc, int *applied)
{
    Session *s = session_create(sc, p->seed, p->player);
    if (!s)
        return NULL;
    session_set_mode(s, p->mode);
    int n = session_play(s, p->commands, p->ncommands);
    if (applied)
        *applied = n;
    return s;
}
