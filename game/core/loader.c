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

#include "compel/jsoncheck.h"
#include "compel/graph.h"
#include "compel/strmap.h"

typedef struct Loader {
    Arena *arena;
    DiagList *diags;
    const char *file;
    char path[512];
    size_t plen;
    int errors;
    bool oom;
    Scenario *sc;
    StrMap node_ids, skill_ids, meter_ids, char_ids, flag_ids;
    const char **flag_names; int nflags, flag_cap;
    bool *flag_set;            /* per flag: some choice sets it */
    char **flag_test_path;     /* per flag: first path that tests it */
    const char **node_names;   /* node ids by index, for suggestions */
    Node *nodes_rw;            /* the scenario's nodes, while they are filled in */
} Loader;

/* ---- paths and messages ------------------------------------------------ */

static size_t push_key(Loader *L, const char *key)
{
    size_t old = L->plen;
    int w = snprintf(L->path + L->plen, sizeof L->path - L->plen, "%s%s", L->plen ? "." : "", key);
    if (w > 0 && (size_t)w < sizeof L->path - L->plen)
        L->plen += (size_t)w;
    return old;
}

static size_t push_index(Loader *L, int i)
{
    size_t old = L->plen;
    int w = snprintf(L->path + L->plen, sizeof L->path - L->plen, "[%d]", i);
    if (w > 0 && (size_t)w < sizeof L->path - L->plen)
        L->plen += (size_t)w;
    return old;
}

static void pop(Loader *L, size_t old)
{
    L->plen = old;
    L->path[old] = '\0';
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void err(Loader *L, const char *rule, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(L->diags, DIAG_ERROR, L->file, L->path, 0, 0, rule, "%s", msg);
    L->errors++;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void warn(Loader *L, const char *rule, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(L->diags, DIAG_WARNING, L->file, L->path, 0, 0, rule, "%s", msg);
}

static void *alloc(Loader *L, size_t n)
{
    void *p = arena_alloc(L->arena, n ? n : 1);
    if (!p)
        L->oom = true;
    return p;
}

static const char *save(Loader *L, const char *s)
{
    char *p = arena_strdup(L->arena, s);
    if (!p)
        L->oom = true;
    return p ? p : "";
}

/* " (did you mean \"x\"?)" for the closest of names, or "" when none is close. */
static void suggest(const char *const *names, int n, const char *wrong, char *out, size_t cap)
{
    int best = -1, bestd = 1 << 30;
    int limit = (int)strlen(wrong) / 3;
    if (limit < 2)
        limit = 2;
    for (int i = 0; i < n; i++) {
        if (strcasecmp(wrong, names[i]) == 0) {   /* a case slip beats any other guess */
            snprintf(out, cap, " (did you mean \"%s\"?)", names[i]);
            return;
        }
        int d = jsoncheck_distance(wrong, names[i], limit);
        if (d < bestd) {
            bestd = d;
            best = i;
        }
    }
    if (best >= 0 && bestd <= limit)
        snprintf(out, cap, " (did you mean \"%s\"?)", names[best]);
    else
        out[0] = '\0';
}

/* ---- typed getters ----------------------------------------------------- */

static const char *json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true/false";
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsArray(v)) return "a list";
    if (cJSON_IsObject(v)) return "an object";
    return "something else";
}

static void wrong_type(Loader *L, const char *key, const cJSON *v, const char *want)
{
    size_t o = push_key(L, key);
    err(L, "wrong-type", "must be %s, not %s", want, json_type_name(v));
    pop(L, o);
}

static void missing(Loader *L, const char *key, const char *what)
{
    err(L, "missing-field", "missing required field \"%s\" (%s)", key, what);
}

/* A string field; NULL when absent (error when required) or of the wrong type. */
static const char *get_str(Loader *L, const cJSON *obj, const char *key, bool required,
                           const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            missing(L, key, what);
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        wrong_type(L, key, v, "a string");
        return NULL;
    }
    return v->valuestring;
}

/* A non-empty text field copied into the arena; "" when missing or bad. */
static const char *get_text(Loader *L, const cJSON *obj, const char *key, bool required,
                            const char *what)
{
    const char *s = get_str(L, obj, key, required, what);
    if (!s)
        return NULL;
    if (required && !*s) {
        size_t o = push_key(L, key);
        err(L, "out-of-range", "must not be empty (%s)", what);
        pop(L, o);
    }
    return save(L, s);
}

static bool is_integer(const cJSON *v)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble) &&
           fabs(v->valuedouble) <= 1e9;
}

/* An integer field in [lo, hi]; *out keeps its default when absent. */
static bool get_int(Loader *L, const cJSON *obj, const char *key, bool required, int lo, int hi,
                    int *out, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            missing(L, key, what);
        return false;
    }
    if (!is_integer(v)) {
        if (cJSON_IsNumber(v)) {
            size_t o = push_key(L, key);
            err(L, "wrong-type", "must be a whole number, not %g", v->valuedouble);
            pop(L, o);
        } else {
            wrong_type(L, key, v, "a whole number");
        }
        return false;
    }
    int x = (int)v->valuedouble;
    if (x < lo || x > hi) {
        size_t o = push_key(L, key);
        if (hi == 1000000000)
            err(L, "out-of-range", "must be at least %d, not %d", lo, x);
        else
            err(L, "out-of-range", "must be between %d and %d, not %d", lo, hi, x);
        pop(L, o);
        return false;
    }
    *out = x;
    return true;
}

static void get_bool(Loader *L, const cJSON *obj, const char *key, bool *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return;
    if (!cJSON_IsBool(v)) {
        wrong_type(L, key, v, "true or false");
        return;
    }
    *out = cJSON_IsTrue(v);
}

static bool is_slug(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* A slug field (lower-case letters, digits, '_' and '-'). */
static const char *get_slug(Loader *L, const cJSON *obj, const char *key, bool required,
                            const char *what)
{
    const char *s = get_str(L, obj, key, required, what);
    if (!s)
        return NULL;
    if (!is_slug(s)) {
        size_t o = push_key(L, key);
        err(L, "bad-id", "\"%s\" is not a valid id: use 1 to 64 lower-case letters, digits, "
                         "'_' or '-', starting with a letter or digit", s);
        pop(L, o);
        return NULL;
    }
    return save(L, s);
}

/* The array field key (NULL when absent; error when required or not a list). */
static const cJSON *get_array(Loader *L, const cJSON *obj, const char *key, bool required,
                              const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required)
            missing(L, key, what);
        return NULL;
    }
    if (!cJSON_IsArray(v)) {
        wrong_type(L, key, v, "a list");
        return NULL;
    }
    return v;
}

/* Warn about every key of obj not in allowed (usually a typo). */
static void check_keys(Loader *L, const cJSON *obj, const char *const *allowed, int n)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool ok = false;
        for (int i = 0; i < n && !ok; i++)
            ok = strcmp(c->string, allowed[i]) == 0;
        if (ok)
            continue;
        char hint[128];
        suggest(allowed, n, c->string, hint, sizeof hint);
        size_t o = push_key(L, c->string);
        warn(L, "unknown-field", "unknown field \"%s\" is ignored%s", c->string, hint);
        pop(L, o);
    }
}

/* ---- references ------------------------------------------------------- */

/* Resolve id in map; on failure an unknown-ref error at path.key. */
static int resolve(Loader *L, const StrMap *map, const char *const *names, int n,
                   const char *id, const char *key, const char *kind)
{
    int i = strmap_get(map, id);
    if (i >= 0)
        return i;
    char hint[128];
    suggest(names, n, id, hint, sizeof hint);
    size_t o = key ? push_key(L, key) : L->plen;
    err(L, "unknown-ref", "no %s \"%s\"%s", kind, id, hint);
    if (key)
        pop(L, o);
    return -1;
}

static int ref_node(Loader *L, const char *id, const char *key)
{
    return resolve(L, &L->node_ids, L->node_names, L->node_names ? L->sc->nnodes : 0, id, key, "node");
}

static int ref_meter(Loader *L, const char *id, const char *key)
{
    const char *names[256];
    int n = L->sc->nmeters < 256 ? L->sc->nmeters : 256;
    for (int i = 0; i < n; i++)
        names[i] = L->sc->meters[i].id;
    return resolve(L, &L->meter_ids, names, n, id, key, "meter");
}

/* The index of flag name, registering it on first use. */
static int flag_index(Loader *L, const char *name)
{
    int i = strmap_get(&L->flag_ids, name);
    if (i >= 0)
        return i;
    if (L->nflags == L->flag_cap) {
        int cap = L->flag_cap ? L->flag_cap * 2 : 16;
        const char **names = realloc(L->flag_names, (size_t)cap * sizeof *names);
        bool *set = realloc(L->flag_set, (size_t)cap * sizeof *set);
        char **tp = realloc(L->flag_test_path, (size_t)cap * sizeof *tp);
        if (names) L->flag_names = names;
        if (set) L->flag_set = set;
        if (tp) L->flag_test_path = tp;
        if (!names || !set || !tp) {
            L->oom = true;
            return -1;
        }
        L->flag_cap = cap;
    }
    const char *saved = save(L, name);
    i = L->nflags;
    bool oom = false;
    if (!strmap_put(&L->flag_ids, saved, i, &oom) && oom) {
        L->oom = true;
        return -1;
    }
    L->flag_names[i] = saved;
    L->flag_set[i] = false;
    L->flag_test_path[i] = NULL;
    L->nflags++;
    return i;
}

/* ---- effects, flags, conditions ---------------------------------------- */

static Effects parse_effects(Loader *L, const cJSON *obj, const char *key)
{
    Effects fx = {NULL, 0};
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return fx;
    if (!cJSON_IsObject(v)) {
        wrong_type(L, key, v, "an object of meter id -> number");
        return fx;
    }
    int n = cJSON_GetArraySize(v);
    Effect *items = alloc(L, (size_t)n * sizeof *items);
    if (!items)
        return fx;
    size_t o = push_key(L, key);
    for (const cJSON *c = v->child; c; c = c->next) {
        int m = ref_meter(L, c->string, c->string);
        int delta = 0;
        if (!get_int(L, v, c->string, false, -1000000, 1000000, &delta, "a change to the meter"))
            continue;
        if (m >= 0) {
            items[fx.count].meter = m;
            items[fx.count].delta = delta;
            fx.count++;
        }
    }
    pop(L, o);
    fx.items = items;
    return fx;
}

static const int *parse_flag_list(Loader *L, const cJSON *obj, const char *key, int *count)
{
    *count = 0;
    const cJSON *arr = get_array(L, obj, key, false, "a list of flag names");
    if (!arr)
        return NULL;
    int n = cJSON_GetArraySize(arr);
    int *items = alloc(L, (size_t)n * sizeof *items);
    if (!items)
        return NULL;
    size_t o = push_key(L, key);
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        if (!cJSON_IsString(c)) {
            err(L, "wrong-type", "a flag name must be a string, not %s", json_type_name(c));
        } else if (!is_slug(c->valuestring)) {
            err(L, "bad-id", "\"%s\" is not a valid flag name: use lower-case letters, digits, "
                             "'_' or '-'", c->valuestring);
        } else {
            int f = flag_index(L, c->valuestring);
            if (f >= 0) {
                items[(*count)++] = f;
                if (strcmp(key, "set") == 0)
                    L->flag_set[f] = true;
            }
        }
        pop(L, o2);
    }
    pop(L, o);
    return items;
}

static const char *const COND_FORMS[] = {"meter", "flag", "visited", "not", "all", "any"};

static bool parse_cond_into(Loader *L, const cJSON *v, Condition *c);

static const Condition *parse_cond(Loader *L, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return NULL;
    Condition *c = alloc(L, sizeof *c);
    if (!c)
        return NULL;
    size_t o = push_key(L, key);
    bool ok = parse_cond_into(L, v, c);
    pop(L, o);
    return ok ? c : NULL;
}

static bool parse_cond_list(Loader *L, const cJSON *v, const char *key, Condition *c)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(v, key);
    size_t o = push_key(L, key);
    bool ok = true;
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        err(L, cJSON_IsArray(arr) ? "out-of-range" : "wrong-type",
            "\"%s\" needs a non-empty list of conditions", key);
        ok = false;
    } else {
        int n = cJSON_GetArraySize(arr);
        Condition *items = alloc(L, (size_t)n * sizeof *items);
        if (!items) {
            pop(L, o);
            return false;
        }
        int i = 0;
        for (const cJSON *e = arr->child; e; e = e->next, i++) {
            size_t o2 = push_index(L, i);
            ok &= parse_cond_into(L, e, &items[i]);
            pop(L, o2);
        }
        c->items = items;
        c->count = n;
    }
    pop(L, o);
    return ok;
}

static bool parse_cond_into(Loader *L, const cJSON *v, Condition *c)
{
    if (!cJSON_IsObject(v)) {
        err(L, "wrong-type", "a condition must be an object such as {\"flag\": \"asked\"}, not %s",
            json_type_name(v));
        return false;
    }
    int forms = 0;
    const char *form = NULL;
    for (int i = 0; i < 6; i++)
        if (cJSON_GetObjectItemCaseSensitive(v, COND_FORMS[i])) {
            forms++;
            form = COND_FORMS[i];
        }
    if (forms != 1) {
        err(L, "bad-condition", forms == 0
            ? "a condition needs one of \"meter\", \"flag\", \"visited\", \"not\", \"all\" or \"any\""
            : "a condition must have exactly one of \"meter\", \"flag\", \"visited\", \"not\", "
              "\"all\" or \"any\"; split it with \"all\" or \"any\"");
        return false;
    }
    if (strcmp(form, "meter") == 0) {
        static const char *const keys[] = {"meter", "min", "max"};
        check_keys(L, v, keys, 3);
        c->kind = COND_METER;
        const char *id = get_str(L, v, "meter", true, "a meter id");
        c->ref = id ? ref_meter(L, id, "meter") : -1;
        c->has_min = get_int(L, v, "min", false, -1000000000, 1000000000, &c->min, "");
        c->has_max = get_int(L, v, "max", false, -1000000000, 1000000000, &c->max, "");
        if (!cJSON_GetObjectItemCaseSensitive(v, "min") && !cJSON_GetObjectItemCaseSensitive(v, "max")) {
            err(L, "bad-condition", "a meter condition needs \"min\", \"max\" or both");
            return false;
        }
        if (c->has_min && c->has_max && c->min > c->max) {
            err(L, "out-of-range", "\"min\" (%d) is above \"max\" (%d): the condition can never hold",
                c->min, c->max);
            return false;
        }
        return c->ref >= 0;
    }
    const char *const keys1[] = {form};
    check_keys(L, v, keys1, 1);
    if (strcmp(form, "flag") == 0) {
        c->kind = COND_FLAG;
        const char *name = get_str(L, v, "flag", true, "a flag name");
        if (!name)
            return false;
        if (!is_slug(name)) {
            size_t o = push_key(L, "flag");
            err(L, "bad-id", "\"%s\" is not a valid flag name: use lower-case letters, digits, "
                             "'_' or '-'", name);
            pop(L, o);
            return false;
        }
        c->ref = flag_index(L, name);
        if (c->ref >= 0 && !L->flag_test_path[c->ref]) {
            size_t o = push_key(L, "flag");
            L->flag_test_path[c->ref] = strdup(L->path);
            pop(L, o);
        }
        return c->ref >= 0;
    }
    if (strcmp(form, "visited") == 0) {
        c->kind = COND_VISITED;
        const char *id = get_str(L, v, "visited", true, "a node id");
        c->ref = id ? ref_node(L, id, "visited") : -1;
        return c->ref >= 0;
    }
    if (strcmp(form, "not") == 0) {
        c->kind = COND_NOT;
        Condition *sub = alloc(L, sizeof *sub);
        if (!sub)
            return false;
        size_t o = push_key(L, "not");
        bool ok = parse_cond_into(L, cJSON_GetObjectItemCaseSensitive(v, "not"), sub);
        pop(L, o);
        c->items = sub;
        c->count = 1;
        return ok;
    }
    c->kind = strcmp(form, "all") == 0 ? COND_ALL : COND_ANY;
    return parse_cond_list(L, v, form, c);
}

/* ---- top-level sections ------------------------------------------------ */

static void parse_skills(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = get_array(L, root, "skills", false, "");
    if (!arr) {
        static const char *const def[4][3] = {
            {"diagnose", "Diagnose before prescribing",
             "Asked about the client's ground truth and constraints before pitching"},
            {"root_cause", "Explain root causes",
             "Brought insight the client lacked: the forces and trends behind the problem"},
            {"cost_of_inaction", "Surface the cost of inaction",
             "Helped the client see and price what doing nothing costs, and kept it in view"},
            {"stand_by", "Stand by the client",
             "Owned setbacks, stayed present, fixed small problems early, defended the change"},
        };
        Skill *s = alloc(L, 4 * sizeof *s);
        if (!s)
            return;
        for (int i = 0; i < 4; i++) {
            s[i].id = def[i][0];
            s[i].label = def[i][1];
            s[i].description = def[i][2];
            strmap_put(&L->skill_ids, s[i].id, i, NULL);
        }
        sc->skills = s;
        sc->nskills = 4;
        return;
    }
    int n = cJSON_GetArraySize(arr);
    size_t o = push_key(L, "skills");
    if (n == 0)
        err(L, "out-of-range", "list at least one skill, or leave \"skills\" out for the default four");
    Skill *s = alloc(L, (size_t)n * sizeof *s);
    int i = 0;
    for (const cJSON *c = arr->child; c && s; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a skill must be an object, not %s", json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "label", "description"};
            check_keys(L, c, keys, 3);
            s[i].id = get_slug(L, c, "id", true, "the skill's id");
            s[i].label = get_text(L, c, "label", true, "the skill's name as players see it");
            s[i].description = get_text(L, c, "description", false, "");
            if (s[i].id && !strmap_put(&L->skill_ids, s[i].id, i, NULL)) {
                size_t o3 = push_key(L, "id");
                err(L, "duplicate-id", "skill id \"%s\" is used twice", s[i].id);
                pop(L, o3);
            }
        }
        if (!s[i].id) s[i].id = "";
        if (!s[i].label) s[i].label = s[i].id;
        pop(L, o2);
    }
    pop(L, o);
    sc->skills = s;
    sc->nskills = s ? n : 0;
}

static void parse_meters(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = get_array(L, root, "meters", false, "");
    if (!arr)
        return;
    int n = cJSON_GetArraySize(arr);
    Meter *m = alloc(L, (size_t)n * sizeof *m);
    if (!m)
        return;
    size_t o = push_key(L, "meters");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        m[i].min = 0;
        m[i].max = 100;
        m[i].show = true;
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a meter must be an object, not %s", json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "label", "start", "min", "max", "show"};
            check_keys(L, c, keys, 6);
            m[i].id = get_slug(L, c, "id", true, "the meter's id");
            m[i].label = get_text(L, c, "label", true, "the meter's name as players see it");
            get_int(L, c, "min", false, -1000000000, 1000000000, &m[i].min, "");
            get_int(L, c, "max", false, -1000000000, 1000000000, &m[i].max, "");
            if (get_int(L, c, "start", true, -1000000000, 1000000000, &m[i].start,
                        "the meter's value at the start") &&
                (m[i].start < m[i].min || m[i].start > m[i].max)) {
                size_t o3 = push_key(L, "start");
                err(L, "out-of-range", "start %d must lie between min %d and max %d",
                    m[i].start, m[i].min, m[i].max);
                pop(L, o3);
            } else if (m[i].min > m[i].max) {
                err(L, "out-of-range", "min %d is above max %d", m[i].min, m[i].max);
            }
            get_bool(L, c, "show", &m[i].show);
            if (m[i].id && !strmap_put(&L->meter_ids, m[i].id, i, NULL)) {
                size_t o3 = push_key(L, "id");
                err(L, "duplicate-id", "meter id \"%s\" is used twice", m[i].id);
                pop(L, o3);
            }
        }
        if (!m[i].id) m[i].id = "";
        if (!m[i].label) m[i].label = m[i].id;
        pop(L, o2);
    }
    pop(L, o);
    sc->meters = m;
    sc->nmeters = n;
}

static const char *STANCES[] = {"champion", "ally", "neutral", "skeptic", "blocker"};

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Portrait paths stay inside the scenario's folder: relative, and no ".."
 * that climbs above it. */
static bool portrait_inside(const char *p)
{
    if (p[0] == '/' || p[0] == '\\' || (p[0] && p[1] == ':'))
        return false;
    int depth = 0;
    const char *s = p;
    while (*s) {
        const char *e = s;
        while (*e && *e != '/' && *e != '\\')
            e++;
        size_t n = (size_t)(e - s);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (--depth < 0)
                return false;
        } else if (n > 0 && !(n == 1 && s[0] == '.')) {
            depth++;
        }
        s = *e ? e + 1 : e;
    }
    return depth > 0;
}

static void parse_characters(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = get_array(L, root, "characters", true, "the people the player talks to");
    if (!arr)
        return;
    int n = cJSON_GetArraySize(arr);
    size_t o = push_key(L, "characters");
    if (n == 0)
        err(L, "out-of-range", "list at least one character");
    Character *ch = alloc(L, (size_t)n * sizeof *ch);
    int i = 0;
    for (const cJSON *c = arr->child; c && ch; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        ch[i].stance = STANCE_NEUTRAL;
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a character must be an object, not %s", json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "name", "role", "stance", "color", "portrait"};
            check_keys(L, c, keys, 6);
            ch[i].id = get_slug(L, c, "id", true, "the character's id");
            ch[i].name = get_text(L, c, "name", true, "the character's name");
            ch[i].role = get_text(L, c, "role", true, "the character's job title");
            const char *st = get_str(L, c, "stance", false, "");
            if (st) {
                int k = -1;
                for (int j = 0; j < 5; j++)
                    if (strcmp(st, STANCES[j]) == 0)
                        k = j;
                if (k < 0) {
                    size_t o3 = push_key(L, "stance");
                    err(L, "out-of-range", "stance \"%s\" must be one of champion, ally, neutral, "
                                           "skeptic, blocker", st);
                    pop(L, o3);
                } else {
                    ch[i].stance = (Stance)k;
                }
            }
            const char *col = get_str(L, c, "color", false, "");
            if (col) {
                bool ok = strlen(col) == 7 && col[0] == '#';
                for (int j = 1; ok && j < 7; j++)
                    ok = hexval(col[j]) >= 0;
                if (!ok) {
                    size_t o3 = push_key(L, "color");
                    err(L, "out-of-range", "colour \"%s\" must look like \"#1f6feb\"", col);
                    pop(L, o3);
                } else {
                    ch[i].has_color = true;
                    ch[i].r = (uint8_t)(hexval(col[1]) * 16 + hexval(col[2]));
                    ch[i].g = (uint8_t)(hexval(col[3]) * 16 + hexval(col[4]));
                    ch[i].b = (uint8_t)(hexval(col[5]) * 16 + hexval(col[6]));
                }
            }
            const char *pt = get_str(L, c, "portrait", false, "");
            if (pt) {
                if (!portrait_inside(pt)) {
                    size_t o3 = push_key(L, "portrait");
                    err(L, "portrait-path", "portrait \"%s\" must be a path inside the scenario's "
                                            "folder (relative, not climbing out with \"..\")", pt);
                    pop(L, o3);
                } else {
                    size_t dl = strlen(sc->dir), pl = strlen(pt);
                    char *full = alloc(L, dl + pl + 2);
                    if (full)
                        snprintf(full, dl + pl + 2, "%s%s%s", sc->dir, dl ? "/" : "", pt);
                    ch[i].portrait = full;
                }
            }
            if (ch[i].id && strcmp(ch[i].id, "narrator") == 0) {
                size_t o3 = push_key(L, "id");
                err(L, "reserved-id", "\"narrator\" is reserved for the narrator; pick another id");
                pop(L, o3);
            } else if (ch[i].id && !strmap_put(&L->char_ids, ch[i].id, i, NULL)) {
                size_t o3 = push_key(L, "id");
                err(L, "duplicate-id", "character id \"%s\" is used twice", ch[i].id);
                pop(L, o3);
            }
        }
        if (!ch[i].id) ch[i].id = "";
        if (!ch[i].name) ch[i].name = ch[i].id;
        if (!ch[i].role) ch[i].role = "";
        pop(L, o2);
    }
    pop(L, o);
    sc->characters = ch;
    sc->ncharacters = ch ? n : 0;
}

static int cmp_grades(const void *a, const void *b)
{
    const Grade *x = a, *y = b;
    return y->min_percent - x->min_percent;
}

static void parse_grades(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = get_array(L, root, "grades", false, "");
    if (!arr) {
        static const Grade def[] = {
            {85, "Trusted advisor", "You led with insight and kept the client's interests first."},
            {70, "Professional", "Solid work, with a few moments where a stronger move was open."},
            {50, "Developing", "Some good instincts; review the debrief for the patterns to change."},
            {0, "Pitchman", "You sold at the buyer rather than helping them decide. Try again."},
        };
        sc->grades = def;
        sc->ngrades = 4;
        return;
    }
    int n = cJSON_GetArraySize(arr);
    Grade *g = alloc(L, (size_t)n * sizeof *g);
    if (!g)
        return;
    size_t o = push_key(L, "grades");
    bool has_zero = false;
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        g[i].min_percent = -1;
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a grade must be an object, not %s", json_type_name(c));
        } else {
            static const char *const keys[] = {"min_percent", "label", "text"};
            check_keys(L, c, keys, 3);
            get_int(L, c, "min_percent", true, 0, 100, &g[i].min_percent, "the lowest percent of this band");
            g[i].label = get_text(L, c, "label", true, "the grade's name");
            g[i].text = get_text(L, c, "text", false, "");
            has_zero |= g[i].min_percent == 0;
        }
        if (!g[i].label) g[i].label = "";
        pop(L, o2);
    }
    if (!has_zero)
        err(L, "no-zero-grade", "the grades need a band with \"min_percent\": 0, so every score gets a grade");
    pop(L, o);
    qsort(g, (size_t)n, sizeof *g, cmp_grades);
    sc->grades = g;
    sc->ngrades = n;
}

/* ---- nodes ------------------------------------------------------------- */

static const char *const NODE_KEYS[] = {"id", "speaker", "text", "mood", "setback", "effects",
                                        "skill", "choices", "next", "route", "ending"};
static const char *const CHOICE_KEYS[] = {"id", "text", "next", "points", "feedback", "effects",
                                          "set", "clear", "when", "once"};

static void parse_choices(Loader *L, const cJSON *nj, Node *node, const cJSON *arr)
{
    int n = cJSON_GetArraySize(arr);
    size_t o = push_key(L, "choices");
    if (n < 1 || n > COMPEL_MAX_CHOICES) {
        err(L, "out-of-range", "a decision needs 1 to %d choices, not %d", COMPEL_MAX_CHOICES, n);
        pop(L, o);
        return;
    }
    Choice *ch = alloc(L, (size_t)n * sizeof *ch);
    if (!ch) {
        pop(L, o);
        return;
    }
    bool scored = node->skill >= 0;
    bool skill_given = cJSON_GetObjectItemCaseSensitive(nj, "skill") != NULL;
    int plain = 0, i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        ch[i].next = -1;
        ch[i].serial = L->sc->nchoices_total++;
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a choice must be an object, not %s", json_type_name(c));
            pop(L, o2);
            continue;
        }
        check_keys(L, c, CHOICE_KEYS, 10);
        if (cJSON_GetObjectItemCaseSensitive(c, "id")) {
            ch[i].id = get_slug(L, c, "id", false, "");
        } else {
            char num[16];
            snprintf(num, sizeof num, "%d", i + 1);
            ch[i].id = save(L, num);
        }
        if (ch[i].id)
            for (int j = 0; j < i; j++)
                if (ch[j].id && strcmp(ch[j].id, ch[i].id) == 0) {
                    err(L, "duplicate-id", "choice id \"%s\" is used twice in this node "
                                           "(choices without an id are numbered by position)", ch[i].id);
                    break;
                }
        if (!ch[i].id) ch[i].id = "";
        ch[i].text = get_text(L, c, "text", true, "what the player says or does");
        if (!ch[i].text) ch[i].text = "";
        const char *next = get_str(L, c, "next", true, "the node this choice leads to");
        if (next)
            ch[i].next = ref_node(L, next, "next");
        if (cJSON_GetObjectItemCaseSensitive(c, "points")) {
            get_int(L, c, "points", false, -10, 10, &ch[i].points, "");
            if (!scored && !skill_given) {
                size_t o3 = push_key(L, "points");
                warn(L, "points-unscored", "points here count for nothing: the node has no \"skill\"");
                pop(L, o3);
            }
        }
        ch[i].feedback = get_text(L, c, "feedback", false, "");
        if (scored && !ch[i].feedback)
            warn(L, "no-feedback", "a scored choice without \"feedback\": the coach has nothing to say about it");
        ch[i].effects = parse_effects(L, c, "effects");
        ch[i].set = parse_flag_list(L, c, "set", &ch[i].nset);
        ch[i].clear = parse_flag_list(L, c, "clear", &ch[i].nclear);
        ch[i].when = parse_cond(L, c, "when");
        get_bool(L, c, "once", &ch[i].once);
        if (!cJSON_GetObjectItemCaseSensitive(c, "when") && !ch[i].once)
            plain++;
        pop(L, o2);
    }
    if (plain == 0)
        err(L, "all-conditional", "every choice here has \"when\" or \"once\", so the player could be left "
                                  "with nothing to choose; keep one plain way forward");
    pop(L, o);
    node->choices = ch;
    node->nchoices = n;
}

static void parse_route(Loader *L, Node *node, const cJSON *arr)
{
    int n = cJSON_GetArraySize(arr);
    size_t o = push_key(L, "route");
    if (n < 1) {
        err(L, "out-of-range", "a route needs at least one entry");
        pop(L, o);
        return;
    }
    RouteEntry *r = alloc(L, (size_t)n * sizeof *r);
    if (!r) {
        pop(L, o);
        return;
    }
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        r[i].next = -1;
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a route entry must be an object, not %s", json_type_name(c));
            pop(L, o2);
            continue;
        }
        static const char *const keys[] = {"when", "chance", "next"};
        check_keys(L, c, keys, 3);
        r[i].when = parse_cond(L, c, "when");
        const cJSON *ch = cJSON_GetObjectItemCaseSensitive(c, "chance");
        if (ch) {
            if (!cJSON_IsNumber(ch)) {
                wrong_type(L, "chance", ch, "a number between 0 and 1");
            } else if (!(ch->valuedouble > 0.0 && ch->valuedouble <= 1.0)) {
                size_t o3 = push_key(L, "chance");
                err(L, "out-of-range", "chance must be above 0 and at most 1, not %g", ch->valuedouble);
                pop(L, o3);
            } else {
                r[i].chance = ch->valuedouble;
            }
        }
        const char *next = get_str(L, c, "next", true, "the node this entry leads to");
        if (next)
            r[i].next = ref_node(L, next, "next");
        if (i == n - 1 && (cJSON_GetObjectItemCaseSensitive(c, "when") || ch))
            err(L, "route-last-conditional", "the last route entry must have no \"when\" and no "
                                             "\"chance\", so the route always has somewhere to go");
        pop(L, o2);
    }
    pop(L, o);
    node->route = r;
    node->nroute = n;
}

static void parse_ending(Loader *L, Node *node, const cJSON *v)
{
    size_t o = push_key(L, "ending");
    if (!cJSON_IsObject(v)) {
        err(L, "wrong-type", "an ending must be an object with outcome, title and text, not %s",
            json_type_name(v));
        pop(L, o);
        return;
    }
    static const char *const keys[] = {"outcome", "title", "text"};
    check_keys(L, v, keys, 3);
    const char *out = get_str(L, v, "outcome", true, "\"won\", \"lost\" or \"stalled\"");
    if (out) {
        if (strcmp(out, "won") == 0) node->outcome = OUTCOME_WON;
        else if (strcmp(out, "lost") == 0) node->outcome = OUTCOME_LOST;
        else if (strcmp(out, "stalled") == 0) node->outcome = OUTCOME_STALLED;
        else {
            size_t o2 = push_key(L, "outcome");
            err(L, "out-of-range", "outcome \"%s\" must be \"won\", \"lost\" or \"stalled\"", out);
            pop(L, o2);
        }
    }
    node->ending_title = get_text(L, v, "title", true, "the ending's headline");
    node->ending_text = get_text(L, v, "text", true, "what happened in the end");
    if (!node->ending_title) node->ending_title = "";
    if (!node->ending_text) node->ending_text = "";
    pop(L, o);
}

static void parse_node(Loader *L, const cJSON *nj, Node *node)
{
    Scenario *sc = L->sc;
    node->speaker = -1;
    node->skill = -1;
    node->next = -1;
    check_keys(L, nj, NODE_KEYS, 11);
    const char *sp = get_str(L, nj, "speaker", false, "");
    if (sp && strcmp(sp, "narrator") != 0) {
        const char *names[256];
        int n = sc->ncharacters < 256 ? sc->ncharacters : 256;
        for (int i = 0; i < n; i++)
            names[i] = sc->characters[i].id;
        node->speaker = resolve(L, &L->char_ids, names, n, sp, "speaker", "character");
    }
    node->text = get_text(L, nj, "text", false, "");
    if (!node->text) node->text = "";
    node->mood = get_text(L, nj, "mood", false, "");
    get_bool(L, nj, "setback", &node->setback);
    node->effects = parse_effects(L, nj, "effects");
    const char *sk = get_str(L, nj, "skill", false, "");
    if (sk) {
        const char *names[64];
        int n = sc->nskills < 64 ? sc->nskills : 64;
        for (int i = 0; i < n; i++)
            names[i] = sc->skills[i].id;
        node->skill = resolve(L, &L->skill_ids, names, n, sk, "skill", "skill");
    }

    const cJSON *choices = cJSON_GetObjectItemCaseSensitive(nj, "choices");
    const cJSON *next = cJSON_GetObjectItemCaseSensitive(nj, "next");
    const cJSON *route = cJSON_GetObjectItemCaseSensitive(nj, "route");
    const cJSON *ending = cJSON_GetObjectItemCaseSensitive(nj, "ending");
    int kinds = !!choices + !!next + !!route + !!ending;
    if (kinds != 1) {
        err(L, "node-kind", kinds == 0
            ? "a node needs one of \"choices\", \"next\", \"route\" or \"ending\" to say what happens after it"
            : "a node must have only one of \"choices\", \"next\", \"route\" or \"ending\"");
        node->kind = NODE_ENDING;   /* harmless placeholder; the file is refused anyway */
        return;
    }
    if (sk && !choices) {
        size_t o = push_key(L, "skill");
        warn(L, "skill-unused", "\"skill\" only scores nodes with choices; it does nothing here");
        pop(L, o);
    }
    if (choices) {
        node->kind = NODE_CHOICES;
        if (!cJSON_IsArray(choices))
            wrong_type(L, "choices", choices, "a list of choices");
        else
            parse_choices(L, nj, node, choices);
    } else if (next) {
        node->kind = NODE_NEXT;
        if (!cJSON_IsString(next))
            wrong_type(L, "next", next, "a node id");
        else
            node->next = ref_node(L, next->valuestring, "next");
    } else if (route) {
        node->kind = NODE_ROUTE;
        if (!cJSON_IsArray(route))
            wrong_type(L, "route", route, "a list of route entries");
        else
            parse_route(L, node, route);
    } else {
        node->kind = NODE_ENDING;
        parse_ending(L, node, ending);
    }
}

/* First pass over nodes: ids only, so later references resolve in one go. */
static void collect_node_ids(Loader *L, const cJSON *arr)
{
    Scenario *sc = L->sc;
    int n = cJSON_GetArraySize(arr);
    Node *nodes = alloc(L, (size_t)n * sizeof *nodes);
    if (!nodes)
        return;
    size_t o = push_key(L, "nodes");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = push_index(L, i);
        if (!cJSON_IsObject(c)) {
            err(L, "wrong-type", "a node must be an object, not %s", json_type_name(c));
        } else {
            nodes[i].id = get_slug(L, c, "id", true, "the node's id, used by \"next\" to point here");
            bool oom = false;
            if (nodes[i].id && !strmap_put(&L->node_ids, nodes[i].id, i, &oom) && !oom) {
                size_t o3 = push_key(L, "id");
                err(L, "duplicate-id", "node id \"%s\" is used twice (first at nodes[%d])",
                    nodes[i].id, strmap_get(&L->node_ids, nodes[i].id));
                pop(L, o3);
            }
            if (oom)
                L->oom = true;
        }
        if (!nodes[i].id) nodes[i].id = "";
        pop(L, o2);
    }
    pop(L, o);
    sc->nodes = nodes;
    sc->nnodes = n;
    L->nodes_rw = nodes;
    L->node_names = malloc((size_t)(n ? n : 1) * sizeof *L->node_names);
    if (!L->node_names)
        L->oom = true;
    for (i = 0; i < n && L->node_names; i++)
        L->node_names[i] = nodes[i].id;
}

static void parse_nodes(Loader *L, const cJSON *arr)
{
    Node *nodes = L->nodes_rw;
    size_t o = push_key(L, "nodes");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        if (!cJSON_IsObject(c))
            continue;
        size_t o2 = push_index(L, i);
        parse_node(L, c, &nodes[i]);
        pop(L, o2);
    }
    pop(L, o);
}

static const char *const TOP_KEYS[] = {"$schema", "format", "id", "title", "summary", "briefing",
                                       "difficulty", "minutes", "tags", "language", "skills",
                                       "characters", "meters", "grades", "start", "nodes"};

static void parse_top(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    check_keys(L, root, TOP_KEYS, 16);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt) {
        missing(L, "format", "it must be 1");
    } else if (!is_integer(fmt) || fmt->valuedouble != 1) {
        size_t o = push_key(L, "format");
        err(L, "bad-format", "this program reads format 1 scenarios; \"format\" must be 1");
        pop(L, o);
    }
    sc->id = get_slug(L, root, "id", true, "the scenario's stable id");
    if (!sc->id) sc->id = "";
    sc->title = get_text(L, root, "title", true, "shown in the scenario picker");
    sc->summary = get_text(L, root, "summary", true, "one or two sentences for the picker");
    sc->briefing = get_text(L, root, "briefing", false, "");
    if (!sc->title) sc->title = "";
    if (!sc->summary) sc->summary = "";
    sc->difficulty = DIFFICULTY_STANDARD;
    const char *diff = get_str(L, root, "difficulty", false, "");
    if (diff) {
        if (strcmp(diff, "intro") == 0) sc->difficulty = DIFFICULTY_INTRO;
        else if (strcmp(diff, "standard") == 0) sc->difficulty = DIFFICULTY_STANDARD;
        else if (strcmp(diff, "advanced") == 0) sc->difficulty = DIFFICULTY_ADVANCED;
        else {
            size_t o = push_key(L, "difficulty");
            err(L, "out-of-range", "difficulty \"%s\" must be \"intro\", \"standard\" or \"advanced\"", diff);
            pop(L, o);
        }
    }
    get_int(L, root, "minutes", false, 1, 1000000000, &sc->minutes, "");
    const cJSON *tags = get_array(L, root, "tags", false, "");
    if (tags) {
        int n = cJSON_GetArraySize(tags), i = 0;
        const char **t = alloc(L, (size_t)n * sizeof *t);
        size_t o = push_key(L, "tags");
        for (const cJSON *c = tags->child; c && t; c = c->next, i++) {
            if (cJSON_IsString(c)) {
                t[sc->ntags++] = save(L, c->valuestring);
            } else {
                size_t o2 = push_index(L, i);
                err(L, "wrong-type", "a tag must be a string, not %s", json_type_name(c));
                pop(L, o2);
            }
        }
        pop(L, o);
        sc->tags = t;
    }
    sc->language = get_text(L, root, "language", false, "");
    if (!sc->language) sc->language = "en";

    parse_skills(L, root);
    parse_meters(L, root);
    parse_characters(L, root);
    parse_grades(L, root);
    const cJSON *nodes = get_array(L, root, "nodes", true, "the scenario's steps");
    if (nodes && cJSON_GetArraySize(nodes) == 0) {
        size_t o = push_key(L, "nodes");
        err(L, "out-of-range", "list at least one node");
        pop(L, o);
    }
    if (nodes)
        collect_node_ids(L, nodes);
    sc->start = -1;
    const char *start = get_str(L, root, "start", true, "the id of the first node");
    if (start && sc->nodes)
        sc->start = ref_node(L, start, "start");
    if (nodes && sc->nodes)
        parse_nodes(L, nodes);
}

/* ---- public entry points ----------------------------------------------- */

void scenario_hash_bytes(const char *bytes, size_t len, char out[25])
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)bytes[i]) * UINT64_C(0x100000001b3);
    snprintf(out, 25, "fnv1a64:%016llx", (unsigned long long)h);
}

static void finish_flags(Loader *L)
{
    Scenario *sc = L->sc;
    const char **names = alloc(L, (size_t)L->nflags * sizeof *names);
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
    free(L->node_names);
}

Scenario *scenario_load_buffer(const char *name, const char *dir, const char *bytes, size_t len,
                               DiagList *diags)
{
    if (len > COMPEL_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "too-large",
                 "the file is %zu MiB; scenarios are limited to %u MiB", len >> 20,
                 COMPEL_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    size_t skip = (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0; /* UTF-8 BOM */
    if (!jsoncheck_scan(name, bytes + skip, len - skip, COMPEL_MAX_DEPTH, diags))
        return NULL;
    cJSON *root = jsoncheck_parse(name, bytes + skip, len - skip, diags);
    if (!root)
        return NULL;
    if (!cJSON_IsObject(root)) {
        diag_add(diags, DIAG_ERROR, name, "", 0, 0, "not-object",
                 "a scenario must be one JSON object {...}, not %s", json_type_name(root));
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
    sc->file = save(&L, name);
    sc->dir = save(&L, dir ? dir : "");
    sc->file_size = len;
    scenario_hash_bytes(bytes, len, sc->hash);
    parse_top(&L, root);
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
        diag_add(diags, DIAG_ERROR, path, "", 0, 0, "too-large",
                 "the file is %llu MiB; scenarios are limited to %u MiB",
                 (unsigned long long)st.st_size >> 20, COMPEL_MAX_FILE_BYTES >> 20);
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
