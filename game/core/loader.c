/* loader.c - scenario file -> immutable Scenario model.
 *
 * Reads the bytes, runs the byte-level checks (jsoncheck.c), parses with
 * cJSON, then converts into arena-owned structs while checking every
 * structural rule of SCENARIO-FORMAT.md: types, ranges, required fields, ids,
 * references (with "did you mean"). A good file is parsed and converted one
 * node at a time (load_piecewise); anything unusual is read again as one
 * whole tree (load_whole), which reports every finding. No cJSON tree
 * outlives the call. Graph rules (reachability, traps, loops) live in graph.c. */
#include "compel/scenario.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <xxhash.h>

#include "compel/fileio.h"
#include "compel/jsoncheck.h"
#include "compel/graph.h"
#include "compel/strmap.h"
#include "loader_internal.h"


/* ---- helpers ----------------------------------------------------------- */

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
    free(L->pending);
    arena_destroy(&L->scratch);
}

/* A Scenario and the Loader that fills it; NULL when out of memory. */
static Scenario *loader_begin(Loader *L, const char *name, const char *dir, const char *bytes, size_t len,
                              DiagList *diags)
{
    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    arena_init(&sc->arena);
    *L = (Loader){0};
    arena_init(&L->scratch);
    L->arena = &sc->arena;
    L->diags = diags;
    L->file = name;
    L->sc = sc;
    sc->file = load_save(L, name);
    sc->dir = load_save(L, dir ? dir : "");
    sc->file_size = len;
    scenario_hash_bytes(bytes, len, sc->hash);
    return sc;
}

/* Flags, then the graph rules; the scenario, or NULL after freeing it. */
static Scenario *loader_end(Loader *L)
{
    Scenario *sc = L->sc;
    finish_flags(L);
    if (L->oom)
        diag_add(L->diags, DIAG_ERROR, L->file, "", 0, 0, "out-of-memory", "out of memory while loading");
    bool ok = !L->oom && L->errors == 0;
    loader_free(L);
    if (ok)
        ok = graph_check(sc, L->diags);
    if (!ok) {
        scenario_destroy(sc);
        return NULL;
    }
    return sc;
}

/* A JSON Schema passed where a scenario belongs (its "$schema" names json-schema.org). */
static bool is_json_schema(const cJSON *root)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "$schema");
    return cJSON_IsString(meta) && strstr(meta->valuestring, "json-schema.org");
}

/* ---- the whole tree at once: every finding, in a fixed order ----------- */

static Scenario *load_whole(const char *name, const char *dir, const char *bytes, size_t len, size_t skip,
                            DiagList *diags)
{
    cJSON *root = jsoncheck_parse(name, bytes + skip, len - skip, diags);
    if (!root)
        return NULL;
    if (!cJSON_IsObject(root)) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-object",
                 "a scenario must be one JSON object {...}, not %s", load_json_type_name(root));
        cJSON_Delete(root);
        return NULL;
    }
    if (is_json_schema(root)) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-scenario",
                 "this is a JSON Schema (it helps editors check scenarios), not a scenario");
        cJSON_Delete(root);
        return NULL;
    }
    int dups = jsoncheck_duplicates(name, root, diags);
    Loader L;
    Scenario *sc = loader_begin(&L, name, dir, bytes, len, diags);
    if (!sc) {
        cJSON_Delete(root);
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "out-of-memory", "out of memory");
        return NULL;
    }
    L.errors = dups;
    load_top(&L, root);
    load_top_nodes(&L, root);
    cJSON_Delete(root);
    return loader_end(&L);
}

/* ---- one node at a time: the fast way for a file with no errors --------
 *
 * A large scenario is almost all "nodes". Parsing the whole file into one
 * cJSON tree and then walking it touches several times the file's size of
 * memory, cold. Here cJSON parses the top level's other members as usual,
 * but the nodes one at a time (cJSON_ParseWithLengthOpts stops at the end
 * of each value), each converted and freed while it is still in the cache;
 * the scan told where the nodes list ends. A node may point at one not read
 * yet, so such references wait until the end.
 *
 * This path gives up at anything unusual: a syntax error, duplicate keys,
 * any error at all. load_whole then reads the file again and reports
 * everything in its fixed order, so a broken file reads exactly as before
 * and only a good one is fast. Warnings come out in the same order either
 * way (tests/test_loadways.c checks both paths give the same model and
 * findings). */

static const char *skip_blank(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= 32)   /* what cJSON skips between tokens */
        p++;
    return p;
}

/* The start of a JSON value, as cJSON would accept it here. */
static bool value_starts(const char *p, const char *end)
{
    return p < end && *p && strchr("{[\"-0123456789tfn", *p);
}

/* The next value at p, parsed; NULL at a syntax error. */
static cJSON *parse_piece(const char **p, const char *end)
{
    *p = skip_blank(*p, end);
    if (!value_starts(*p, end))
        return NULL;
    const char *stop = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(*p, (size_t)(end - *p), &stop, 0);
    if (v)
        *p = stop;
    return v;
}

/* The top-level object with an empty placeholder for "nodes"; *nodes_span
 * is where the nodes list lies. NULL when anything is unusual. */
static cJSON *parse_top(const char *text, const char *end, const JsonSpans *spans, const JsonSpan **nodes_span)
{
    const char *p = skip_blank(text, end);
    if (p == end || *p != '{')
        return NULL;
    p++;
    cJSON *root = cJSON_CreateObject();
    *nodes_span = NULL;
    for (bool first = true; root; first = false) {
        p = skip_blank(p, end);
        if (first && p < end && *p == '}') {
            p++;
            break;
        }
        if (p == end || *p != '"')
            goto fail;
        cJSON *key = parse_piece(&p, end);
        if (!key || !cJSON_IsString(key)) {
            cJSON_Delete(key);
            goto fail;
        }
        p = skip_blank(p, end);
        cJSON *value = NULL;
        if (p < end && *p == ':') {
            p = skip_blank(p + 1, end);
            if (!*nodes_span && p < end && *p == '[' && strcmp(key->valuestring, "nodes") == 0) {
                for (int i = 0; i < spans->count; i++)
                    if (spans->items[i].open == (size_t)(p - text) && spans->items[i].close)
                        *nodes_span = &spans->items[i];
                if (*nodes_span) {
                    p = text + (*nodes_span)->close + 1;
                    value = cJSON_CreateArray();
                }
            } else {
                value = parse_piece(&p, end);
            }
        }
        bool added = value && cJSON_AddItemToObject(root, key->valuestring, value);
        cJSON_Delete(key);
        if (!added) {
            cJSON_Delete(value);
            goto fail;
        }
        p = skip_blank(p, end);
        if (p < end && *p == ',')
            p++;
        else if (p < end && *p == '}') {
            p++;
            break;
        } else
            goto fail;
    }
    /* after the value only JSON's own blanks may follow, as jsoncheck_parse
     * requires (cJSON itself would skip any control character) */
    while (p < end && *p && strchr(" \t\r\n", *p))
        p++;
    if (!root || p != end)
        goto fail;
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

/* Convert the nodes one by one from the list at span; false when anything
 * is unusual (the caller then falls back to load_whole). */
static bool load_nodes_piecewise(Loader *L, const char *text, const char *end, const JsonSpan *span)
{
    const char *p = skip_blank(text + span->open + 1, end);
    const char *close = text + span->close;
    if (p == close)
        return false;   /* an empty list: load_whole says so */
    size_t n = span->commas + 1;
    if (n > INT32_MAX / 2)
        return false;
    Node *nodes = load_alloc(L, n * sizeof *nodes);
    if (!nodes || !strmap_reserve(&L->node_ids, n))
        return false;
    L->sc->nodes = nodes;
    L->sc->nnodes = (int)n;
    L->nodes_rw = nodes;
    DiagList dups;
    diag_list_init(&dups);
    size_t o = load_push_key(L, "nodes");
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        cJSON *nj = parse_piece(&p, end);
        ok = nj && jsoncheck_duplicates(L->file, nj, &dups) == 0;
        if (ok) {
            load_node(L, nj, (int)i);
            ok = L->errors == 0 && !L->oom;
        }
        cJSON_Delete(nj);
        p = skip_blank(p, end);
        ok = ok && p < end && *p == (i + 1 < n ? ',' : ']');
        p++;
    }
    load_pop(L, o);
    diag_list_free(&dups);
    return ok && p - 1 == close;
}

static Scenario *load_piecewise(const char *name, const char *dir, const char *bytes, size_t len, size_t skip,
                                const JsonSpans *spans, DiagList *diags)
{
    const char *text = bytes + skip, *end = bytes + len;
    const JsonSpan *nodes_span;
    cJSON *root = parse_top(text, end, spans, &nodes_span);
    if (!root)
        return NULL;
    DiagList found;   /* kept only when the whole file goes through */
    diag_list_init(&found);
    bool usual = nodes_span && !is_json_schema(root) && jsoncheck_duplicates(name, root, &found) == 0;
    Loader L;
    Scenario *sc = usual ? loader_begin(&L, name, dir, bytes, len, &found) : NULL;
    if (!sc) {
        cJSON_Delete(root);
        diag_list_free(&found);
        return NULL;
    }
    L.defer_node_refs = true;
    load_top(&L, root);
    usual = L.errors == 0 && !L.oom && load_nodes_piecewise(&L, text, end, nodes_span);
    L.sc->start = -1;
    const char *start = usual ? load_get_str(&L, root, "start", true, "the id of the first node") : NULL;
    usual = usual && start && load_ref_node(&L, start, "start", &L.sc->start);
    cJSON_Delete(root);
    for (int i = 0; usual && i < L.npending; i++) {
        *L.pending[i].slot = strmap_get(&L.node_ids, L.pending[i].id);
        usual = *L.pending[i].slot >= 0;
    }
    usual = usual && L.errors == 0 && !L.oom;
    if (!usual) {
        loader_free(&L);
        scenario_destroy(sc);
        diag_list_free(&found);
        return NULL;
    }
    sc = loader_end(&L);
    if (sc && found.errors == 0)
        diag_list_append(diags, &found);
    else if (sc) {
        scenario_destroy(sc);
        sc = NULL;
    }
    diag_list_free(&found);
    return sc;
}

/* ---- public entry points ----------------------------------------------- */

Scenario *scenario_load_buffer(const char *name, const char *dir, const char *bytes, size_t len,
                               DiagList *diags)
{
    return scenario_load_buffer_way(name, dir, bytes, len, diags, LOAD_ANY_WAY);
}

Scenario *scenario_load_buffer_way(const char *name, const char *dir, const char *bytes, size_t len,
                                   DiagList *diags, LoadWay way)
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
    JsonSpans spans;
    if (!jsoncheck_scan_spans(name, bytes + skip, len - skip, COMPEL_MAX_DEPTH, diags, &spans))
        return NULL;
    if (way != LOAD_WHOLE) {
        Scenario *sc = load_piecewise(name, dir, bytes, len, skip, &spans, diags);
        if (sc || way == LOAD_PIECEWISE)
            return sc;
    }
    return load_whole(name, dir, bytes, len, skip, diags);
}

Scenario *scenario_load(const char *path, DiagList *diags)
{
    size_t len = 0;
    FileStatus st;
    char why[200];
    char *buf = file_read_all(path, COMPEL_MAX_FILE_BYTES, &len, &st, why, sizeof why);
    if (!buf) {
        if (st == FILE_TOO_LARGE)
            too_large(path, (unsigned long long)len, diags);
        else
            diag_add(diags, DIAG_ERROR, path, "", 0, 0, "unreadable", "%s", why);
        return NULL;
    }
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

