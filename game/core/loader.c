/* loader.c - scenario file -> immutable Scenario model.
 *
 * Reads the bytes, runs the byte-level checks (jsoncheck.c), then converts
 * into arena-owned structs while checking every structural rule of the
 * format (docs/format.md): types, ranges, required fields, ids, references
 * (with "did you mean"). There is one way through: cJSON parses the top
 * level's members except "nodes", the sections are converted, and then the
 * nodes one at a time, each parsed, checked and freed while it is still in
 * the cache. No cJSON tree outlives the call. Graph rules (reachability,
 * traps, loops) live in graph.c. */
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
    arena_init(&sc->text);
    *L = (Loader){0};
    arena_init(&L->scratch);
    L->arena = &sc->arena;
    L->text = &sc->text;
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

/* ---- reading the file -------------------------------------------------
 *
 * A large scenario is almost all "nodes". Parsing the whole file into one
 * cJSON tree and then walking it touches several times the file's size of
 * memory, cold. Here cJSON parses the top level's other members as usual,
 * but the nodes one at a time (cJSON_ParseWithLengthOpts stops at the end
 * of each value), each converted and freed while it is still in the cache;
 * the byte scan told where the nodes list ends and how many it holds. A node
 * may point at one not read yet, so such references wait until the end.
 * Findings come out in file order: the top level's duplicate keys, the
 * sections, then node by node, then references to nodes that are not there.
 *
 * A syntax error is the one finding reported alone: whatever was found
 * before it is dropped, and cJSON is given the whole text once more only to
 * say where the first error in the file is (it stops there and builds no
 * model), so the line:col and the words are cJSON's view of the file as a
 * whole, in file order, however the pieces were taken. */

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

/* Where the nodes list lies in the text: its brackets, and how many values
 * it holds (its commas + 1; none when empty). */
typedef struct NodeList {
    size_t open, close, count;
    bool found;
} NodeList;

/* The list opening at text[open], from the scan's spans; a list the scan did
 * not record (past JSONCHECK_MAX_SPANS containers) is measured by parsing it
 * once. false at a syntax error. */
static bool find_node_list(const char *text, const char *end, size_t open, const JsonSpans *spans, NodeList *nl)
{
    nl->open = open;
    for (int i = 0; i < spans->count; i++) {
        const JsonSpan *sp = &spans->items[i];
        if (sp->open == open && sp->close) {
            nl->close = sp->close;
            nl->count = skip_blank(text + open + 1, end) == text + sp->close ? 0 : sp->commas + 1;
            return true;
        }
    }
    const char *p = text + open;
    cJSON *list = parse_piece(&p, end);
    if (!list)
        return false;
    nl->close = (size_t)(p - 1 - text);
    nl->count = (size_t)cJSON_GetArraySize(list);
    cJSON_Delete(list);
    return true;
}

/* The top-level object with an empty placeholder for the first "nodes"
 * list, whose place *nl gives. NULL when the text is not one JSON object
 * (a syntax error, or a value of another kind). */
static cJSON *parse_top(const char *text, const char *end, const JsonSpans *spans, NodeList *nl)
{
    const char *p = skip_blank(text, end);
    *nl = (NodeList){0};
    if (p == end || *p != '{')
        return NULL;
    p++;
    cJSON *root = cJSON_CreateObject();
    bool seen_nodes = false;
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
            bool nodes = !seen_nodes && strcmp(key->valuestring, "nodes") == 0;
            seen_nodes |= nodes;
            if (nodes && p < end && *p == '[') {
                if (find_node_list(text, end, (size_t)(p - text), spans, nl)) {
                    nl->found = true;
                    p = text + nl->close + 1;
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
    if (!root || jsoncheck_blanks(text, (size_t)(p - text), (size_t)(end - text)) != (size_t)(end - text))
        goto fail;
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

/* Convert the nodes one by one from the list nl; false at a syntax error. */
static bool read_nodes(Loader *L, const char *text, const char *end, const NodeList *nl)
{
    size_t o = load_push_key(L, "nodes");
    size_t n = nl->count;
    if (n == 0) {
        load_err(L, "out-of-range", "list at least one node");
        load_pop(L, o);
        return true;
    }
    Node *nodes = n <= INT32_MAX / 2 ? load_alloc(L, n * sizeof *nodes) : NULL;
    if (!nodes || !strmap_reserve(&L->node_ids, n)) {
        L->oom = true;
        load_pop(L, o);
        return true;
    }
    L->sc->nodes = nodes;
    L->sc->nnodes = (int)n;
    L->nodes_rw = nodes;
    const char *p = text + nl->open + 1;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        cJSON *nj = parse_piece(&p, end);
        if (!nj) {
            ok = false;
            break;
        }
        size_t o2 = load_push_index(L, (int)i);
        L->errors += jsoncheck_duplicates(L->file, L->path, nj, L->diags);
        load_pop(L, o2);
        load_node(L, nj, (int)i);
        cJSON_Delete(nj);
        p = skip_blank(p, end);
        ok = p < end && *p == (i + 1 < n ? ',' : ']');
        p++;
    }
    load_pop(L, o);
    return ok && p - 1 == text + nl->close;
}

/* The text is not one JSON object the reader could take: cJSON, given all
 * of it, says where the first syntax error is, or the value is of another
 * kind. */
static void report_unreadable(const char *name, const char *text, size_t len, DiagList *diags)
{
    cJSON *v = jsoncheck_parse(name, text, len, diags);
    if (v && !cJSON_IsObject(v))
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-object",
                 "a scenario must be one JSON object {...}, not %s", load_json_type_name(v));
    else if (v)   /* never seen: the fuzz target checks for it */
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "json-syntax",
                 "this JSON could not be read one node at a time, though cJSON reads it whole; "
                 "please report the file");
    cJSON_Delete(v);
}

/* The scenario in bytes[skip..len) (what follows any BOM), or NULL with the
 * reasons in diags. */
static Scenario *read_scenario(const char *name, const char *dir, const char *bytes, size_t len, size_t skip,
                               const JsonSpans *spans, DiagList *diags)
{
    const char *text = bytes + skip, *end = bytes + len;
    NodeList nl;
    cJSON *root = parse_top(text, end, spans, &nl);
    if (!root) {
        report_unreadable(name, text, len - skip, diags);
        return NULL;
    }
    if (is_json_schema(root)) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-scenario",
                 "this is a JSON Schema (it helps editors check scenarios), not a scenario");
        cJSON_Delete(root);
        return NULL;
    }
    DiagList found;   /* dropped if a syntax error turns up among the nodes */
    diag_list_init(&found);
    Loader L;
    Scenario *sc = loader_begin(&L, name, dir, bytes, len, &found);
    if (!sc) {
        cJSON_Delete(root);
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "out-of-memory", "out of memory");
        return NULL;
    }
    L.controls = spans->controls;
    L.errors = jsoncheck_duplicates(name, "", root, &found);
    load_top(&L, root);
    bool readable = true;
    if (nl.found)
        readable = read_nodes(&L, text, end, &nl);
    else
        load_get_array(&L, root, "nodes", true, "the scenario's steps");   /* missing, or not a list */
    if (!readable) {
        cJSON_Delete(root);
        loader_free(&L);
        scenario_destroy(sc);
        diag_list_free(&found);
        report_unreadable(name, text, len - skip, diags);
        return NULL;
    }
    sc->start = -1;
    const char *start = load_get_str(&L, root, "start", true, "the id of the first node");
    if (start && sc->nodes)
        load_ref_node(&L, start, "start", &sc->start);
    cJSON_Delete(root);
    load_resolve_pending(&L);
    sc = loader_end(&L);
    diag_list_append(diags, &found);
    diag_list_free(&found);
    return sc;
}

/* ---- public entry points ----------------------------------------------- */

Scenario *scenario_load_buffer(const char *name, const char *dir, const char *bytes, size_t len,
                               DiagList *diags)
{
    if (len > COMPEL_MAX_FILE_BYTES) {
        too_large(name, (unsigned long long)len, diags);
        return NULL;
    }
    size_t skip = (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* UTF-8 BOM */
    if (jsoncheck_blanks(bytes, skip, len) == len) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "empty-file",
                 "the file is empty: a scenario is one JSON object {...}");
        return NULL;
    }
    JsonSpans spans;
    if (!jsoncheck_scan_spans(name, bytes + skip, len - skip, COMPEL_MAX_DEPTH, diags, &spans))
        return NULL;
    return read_scenario(name, dir, bytes, len, skip, &spans, diags);
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
    arena_destroy(&sc->text);
    free(sc);
}

