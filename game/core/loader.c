/* loader.c - scenario file -> immutable Scenario model.
 *
 * Reads the bytes, runs the byte-level checks (jsoncheck.c), parses with
 * cJSON, then converts the tree into arena-owned structs while checking every
 * structural rule of SCENARIO-FORMAT.md: types, ranges, required fields, ids,
 * references (with "did you mean"). The cJSON tree is freed before returning.
 * Graph rules (reachability, traps, loops) live in graph.c. */
#include "compel/scenario.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <xxhash.h>

#include "compel/jsoncheck.h"
#include "compel/graph.h"
#include "compel/strmap.h"
#include "loader_internal.h"


/* ---- public entry points ----------------------------------------------- */

/* The size in whole MiB when it is one, else in bytes, so the figure is
 * always visibly over the limit. */
static void too_large(const char *name, unsigned long long size, DiagList *diags)
{
    if (size % (1u << 20) == 0)
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "too-large",
                 "the file is %llu MiB; scenarios are limited to %u MiB", size >> 20,
                 COMPEL_MAX_FILE_BYTES >> 20);
    else
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "too-large",
                 "the file is %llu bytes; scenarios are limited to %u MiB (%u bytes)", size,
                 COMPEL_MAX_FILE_BYTES >> 20, COMPEL_MAX_FILE_BYTES);
}

void scenario_hash_bytes(const char *bytes, size_t len, char out[25])
{
    snprintf(out, 25, "xxh3:%016llx", (unsigned long long)XXH3_64bits(bytes, len));
}

static void finish_flags(Loader *L)
{
    Scenario *sc = L->sc;
    const char **names = load_alloc(L, (size_t)L->nflags * sizeof *names);
    if (names && L->nflags)
        memcpy(names, L->flag_names, (size_t)L->nflags * sizeof *names);
    sc->flags = names;
    sc->nflags = names ? L->nflags : 0;
    for (int i = 0; i < L->nflags; i++)
        if (!L->flag_set[i] && L->flag_test_path[i])
            diag_add(L->diags, DIAG_WARNING, L->file, L->flag_test_path[i], 0, 0, "flag-never-set",
                     "flag \"%s\" is tested but no choice ever sets it, so this test never holds",
                     L->flag_names[i]);
}

static void loader_free(Loader *L)
{
    strmap_free(&L->node_ids);
    strmap_free(&L->skill_ids);
    strmap_free(&L->meter_ids);
    strmap_free(&L->char_ids);
    strmap_free(&L->flag_ids);
    for (int i = 0; i < L->nflags; i++)
        free(L->flag_test_path[i]);
    free(L->flag_names);
    free(L->flag_set);
    free(L->flag_test_path);
}

Scenario *scenario_load_buffer(const char *name, const char *dir, const char *bytes, size_t len,
                               DiagList *diags)
{
    if (len > COMPEL_MAX_FILE_BYTES) {
        too_large(name, (unsigned long long)len, diags);
        return NULL;
    }
    size_t skip = (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* UTF-8 BOM */
    size_t first = skip;
    while (first < len && strchr(" \t\r\n", bytes[first]))
        first++;
    if (first == len) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "empty-file",
                 "the file is empty: a scenario is one JSON object {...}");
        return NULL;
    }
    if (!jsoncheck_scan(name, bytes + skip, len - skip, COMPEL_MAX_DEPTH, diags))
        return NULL;
    cJSON *root = jsoncheck_parse(name, bytes + skip, len - skip, diags);
    if (!root)
        return NULL;
    if (!cJSON_IsObject(root)) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-object",
                 "a scenario must be one JSON object {...}, not %s", load_json_type_name(root));
        cJSON_Delete(root);
        return NULL;
    }
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "$schema");
    if (cJSON_IsString(meta) && strstr(meta->valuestring, "json-schema.org")) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-scenario",
                 "this is a JSON Schema (it helps editors check scenarios), not a scenario");
        cJSON_Delete(root);
        return NULL;
    }
    int dups = jsoncheck_duplicates(name, root, diags);

    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        cJSON_Delete(root);
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "out-of-memory", "out of memory");
        return NULL;
    }
    arena_init(&sc->arena);
    Loader L = {0};
    L.arena = &sc->arena;
    L.diags = diags;
    L.file = name;
    L.sc = sc;
    L.errors = dups;
    sc->file = load_save(&L, name);
    sc->dir = load_save(&L, dir ? dir : "");
    sc->file_size = len;
    scenario_hash_bytes(bytes, len, sc->hash);
    load_top(&L, root);
    cJSON_Delete(root);
    finish_flags(&L);
    if (L.oom)
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "out-of-memory", "out of memory while loading");
    bool ok = !L.oom && L.errors == 0;
    loader_free(&L);
    if (ok)
        ok = graph_check(sc, diags);
    if (!ok) {
        scenario_destroy(sc);
        return NULL;
    }
    return sc;
}

Scenario *scenario_load(const char *path, DiagList *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, DIAG_ERROR, path, "", 0, 0, "unreadable", "cannot open the file: %s",
                 strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(diags, DIAG_ERROR, path, "", 0, 0, "unreadable", "not a regular file");
        fclose(f);
        return NULL;
    }
    if ((unsigned long long)st.st_size > COMPEL_MAX_FILE_BYTES) {
        too_large(path, (unsigned long long)st.st_size, diags);
        fclose(f);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    char *buf = malloc(len + 1);
    if (!buf || fread(buf, 1, len, f) != len) {
        diag_add(diags, DIAG_ERROR, path, "", 0, 0, "unreadable", "cannot read the file");
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = '\0';
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (slash) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir)
            n = sizeof dir - 1;
        memcpy(dir, path, n);
        dir[n] = '\0';
        if (n == 0)
            strcpy(dir, "/");
    } else {
        dir[0] = '\0';
    }
    Scenario *sc = scenario_load_buffer(path, dir, buf, len, diags);
    free(buf);
    return sc;
}

void scenario_destroy(Scenario *sc)
{
    if (!sc)
        return;
    arena_destroy(&sc->arena);
    free(sc);
}

