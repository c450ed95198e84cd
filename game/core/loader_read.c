/* loader_read.c - the loader's vocabulary: JSON paths, messages, typed
 * getters, id resolution, effects, flag lists and conditions. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compel/grow.h"
#include "compel/jsoncheck.h"
#include "compel/textsafe.h"
#include "loader_internal.h"

/* ---- paths and messages ------------------------------------------------ */

/* Append len bytes to the path if they fit (a path that would not fit stays
 * cut short: messages still name the place closely enough). */
static void path_append(Loader *L, const char *s, size_t len)
{
    if (L->plen + len < sizeof L->path) {
        memcpy(L->path + L->plen, s, len);
        L->plen += len;
        L->path[L->plen] = '\0';
    }
}

size_t load_push_key(Loader *L, const char *key)
{
    size_t old = L->plen;
    if (L->plen)
        path_append(L, ".", 1);
    path_append(L, key, strlen(key));
    return old;
}

size_t load_push_index(Loader *L, int i)
{
    size_t old = L->plen;
    char num[16], *p = num + sizeof num;
    unsigned u = (unsigned)i;
    *--p = ']';
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    *--p = '[';
    path_append(L, p, (size_t)(num + sizeof num - p));
    return old;
}

void load_pop(Loader *L, size_t old)
{
    L->plen = old;
    L->path[old] = '\0';
}

__attribute__((format(printf, 4, 0)))
static void report(Loader *L, DiagSeverity sev, const char *rule, const char *fmt, va_list ap)
{
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(L->diags, sev, L->file, L->path, 0, 0, rule, "%s", msg);
}

void load_err(Loader *L, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_ERROR, rule, fmt, ap);
    va_end(ap);
    L->errors++;
}

void load_warn(Loader *L, const char *rule, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_WARNING, rule, fmt, ap);
    va_end(ap);
}

void *load_alloc(Loader *L, size_t n)
{
    void *p = arena_alloc(L->arena, n ? n : 1);
    if (!p)
        L->oom = true;
    return p;
}

const char *load_save(Loader *L, const char *s)
{
    char *p = arena_strdup(L->text, s);
    if (!p)
        L->oom = true;
    return p ? p : "";
}

/* " (did you mean \"x\"?)" for the closest of names, or "" when none is close. */
void load_suggest(const void *base, size_t stride, int n, const char *wrong, char *out, size_t cap)
{
    /* names[i] is the string pointer at base + i * stride: a plain array of
     * strings, or the `id` that starts each Node, Meter, Skill and Character */
#define NAME_AT(i) (*(const char *const *)(const void *)((const char *)base + (size_t)(i) * stride))
    int best = -1, bestd = 1 << 30;
    int limit = (int)strlen(wrong) / 3;
    if (limit < 2)
        limit = 2;
    for (int i = 0; i < n; i++) {
        if (strcasecmp(wrong, NAME_AT(i)) == 0) {   /* a case slip beats any other guess */
            snprintf(out, cap, " (did you mean \"%s\"?)", NAME_AT(i));
            return;
        }
        int d = jsoncheck_distance(wrong, NAME_AT(i), limit);
        if (d < bestd) {
            bestd = d;
            best = i;
        }
    }
    if (best >= 0 && bestd <= limit)
        snprintf(out, cap, " (did you mean \"%s\"?)", NAME_AT(best));
    else
        out[0] = '\0';
#undef NAME_AT
}

/* ---- typed getters ----------------------------------------------------- */

const char *load_json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "true/false";
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsArray(v)) return "a list";
    if (cJSON_IsObject(v)) return "an object";
    return "something else";
}

void load_wrong_type(Loader *L, const char *key, const cJSON *v, const char *want)
{
    size_t o = load_push_key(L, key);
    load_err(L, "wrong-type", "must be %s, not %s", want, load_json_type_name(v));
    load_pop(L, o);
}

void load_missing(Loader *L, const char *key, const char *what)
{
    load_err(L, "missing-field", "missing required field \"%s\" (%s)", key, what);
}

/* The field's value v (NULL when absent: an error when required) when it
 * is of the type is() accepts; NULL when of another type (an error naming want). */
static const cJSON *typed_field(Loader *L, const cJSON *v, const char *key, bool required,
                                const char *what, cJSON_bool (*is)(const cJSON *), const char *want)
{
    if (!v) {
        if (required)
            load_missing(L, key, what);
        return NULL;
    }
    if (!is(v)) {
        load_wrong_type(L, key, v, want);
        return NULL;
    }
    return v;
}

/* A string field; NULL when absent (error when required) or of the wrong type. */
const char *load_str(Loader *L, const cJSON *v, const char *key, bool required, const char *what)
{
    v = typed_field(L, v, key, required, what, cJSON_IsString, "a string");
    return v ? v->valuestring : NULL;
}

const char *load_get_str(Loader *L, const cJSON *obj, const char *key, bool required, const char *what)
{
    return load_str(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, required, what);
}

/* A non-empty text field copied into the arena; "" when missing or bad. */
const char *load_text(Loader *L, const cJSON *v, const char *key, bool required, const char *what)
{
    const char *s = load_str(L, v, key, required, what);
    if (!s)
        return NULL;
    if (required && !*s) {
        size_t o = load_push_key(L, key);
        load_err(L, "out-of-range", "must not be empty (%s)", what);
        load_pop(L, o);
    }
    long c = L->controls ? text_find_control(s) : -1;
    if (c >= 0) {
        unsigned char b = (unsigned char)s[c];
        unsigned cp = b == 0xC2 ? (unsigned char)s[c + 1] : b;   /* C1 controls are C2 80..C2 9F */
        size_t o = load_push_key(L, key);
        load_warn(L, "control-character",
                  "holds the control character U+%04X (byte %ld), which a terminal would act on "
                  "(an escape sequence can retitle or clear it); it is shown as \xEF\xBF\xBD",
                  cp, c + 1);
        load_pop(L, o);
    }
    return load_save(L, s);
}

bool load_is_integer(const cJSON *v)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble) &&
           fabs(v->valuedouble) <= 1e9;
}

const char *load_get_text(Loader *L, const cJSON *obj, const char *key, bool required, const char *what)
{
    return load_text(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, required, what);
}

/* An integer field in [lo, hi]; *out keeps its default when absent. */
bool load_int(Loader *L, const cJSON *v, const char *key, bool required, int lo, int hi, int *out,
              const char *what)
{
    if (!v) {
        if (required)
            load_missing(L, key, what);
        return false;
    }
    if (!load_is_integer(v)) {
        if (cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble)) {
            /* whole, just far too large: say so rather than "not whole" */
            size_t o = load_push_key(L, key);
            load_err(L, "out-of-range", "must be between %d and %d; this number (about %.3g) is far outside that",
                     lo, hi, v->valuedouble);
            load_pop(L, o);
        } else if (cJSON_IsNumber(v)) {
            size_t o = load_push_key(L, key);
            load_err(L, "wrong-type", "must be a whole number, not %g", v->valuedouble);
            load_pop(L, o);
        } else {
            load_wrong_type(L, key, v, "a whole number");
        }
        return false;
    }
    int x = (int)v->valuedouble;
    if (x < lo || x > hi) {
        size_t o = load_push_key(L, key);
        if (hi == 1000000000)
            load_err(L, "out-of-range", "must be at least %d, not %d", lo, x);
        else
            load_err(L, "out-of-range", "must be between %d and %d, not %d", lo, hi, x);
        load_pop(L, o);
        return false;
    }
    *out = x;
    return true;
}

bool load_get_int(Loader *L, const cJSON *obj, const char *key, bool required, int lo, int hi, int *out,
                  const char *what)
{
    return load_int(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, required, lo, hi, out, what);
}

void load_bool(Loader *L, const cJSON *v, const char *key, bool *out)
{
    v = typed_field(L, v, key, false, "", cJSON_IsBool, "true or false");
    if (v)
        *out = cJSON_IsTrue(v);
}

void load_get_bool(Loader *L, const cJSON *obj, const char *key, bool *out)
{
    load_bool(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, out);
}

bool load_is_slug(const char *s)
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
const char *load_slug(Loader *L, const cJSON *v, const char *key, bool required, const char *what)
{
    const char *s = load_str(L, v, key, required, what);
    if (!s)
        return NULL;
    if (!load_is_slug(s)) {
        size_t o = load_push_key(L, key);
        load_err(L, "bad-id", "\"%s\" is not a valid id: use 1 to 64 lower-case letters, digits, "
                         "'_' or '-', starting with a letter or digit", s);
        load_pop(L, o);
        return NULL;
    }
    return load_save(L, s);
}

const char *load_get_slug(Loader *L, const cJSON *obj, const char *key, bool required, const char *what)
{
    return load_slug(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, required, what);
}

/* The array field key (NULL when absent; error when required or not a list). */
const cJSON *load_get_array(Loader *L, const cJSON *obj, const char *key, bool required,
                              const char *what)
{
    return typed_field(L, cJSON_GetObjectItemCaseSensitive(obj, key), key, required, what, cJSON_IsArray,
                       "a list");
}

/* One pass over obj's members: fields[k] is the first member named keys[k]
 * (as cJSON_GetObjectItemCaseSensitive finds it), or NULL; a member no key
 * names gets the unknown-field warning, in member order. fields may be NULL
 * when only the warnings are wanted (load_check_keys). */
void load_fields(Loader *L, const cJSON *obj, const char *const *keys, int n, const cJSON **fields)
{
    for (int k = 0; fields && k < n; k++)
        fields[k] = NULL;
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *name = c->string;
        int k = 0;
        while (k < n && (keys[k][0] != name[0] || strcmp(keys[k], name) != 0))
            k++;
        if (k < n) {
            if (fields && !fields[k])
                fields[k] = c;
            continue;
        }
        char hint[128];
        load_suggest(keys, sizeof *keys, n, name, hint, sizeof hint);
        size_t o = load_push_key(L, name);
        load_warn(L, "unknown-field", "unknown field \"%s\" is ignored%s", name, hint);
        load_pop(L, o);
    }
}

/* Warn about every key of obj not in allowed (usually a typo). */
void load_check_keys(Loader *L, const cJSON *obj, const char *const *allowed, int n)
{
    load_fields(L, obj, allowed, n, NULL);
}

/* ---- references ------------------------------------------------------- */

/* Resolve id in map; on failure an unknown-ref error at path.key. */
int load_resolve(Loader *L, const StrMap *map, const void *items, size_t stride, int n,
                 const char *id, const char *key, const char *kind)
{
    int i = strmap_get(map, id);
    if (i >= 0)
        return i;
    char hint[128];
    load_suggest(items, stride, n, id, hint, sizeof hint);
    size_t o = key ? load_push_key(L, key) : L->plen;
    load_err(L, "unknown-ref", "no %s \"%s\"%s", kind, id, hint);
    if (key)
        load_pop(L, o);
    return -1;
}

/* A node is read one at a time, so a reference may name one further down:
 * it resolves at once when it can, else it waits in L->pending with its
 * place in the file (path and key) for the message, until every id is known. */
bool load_ref_node(Loader *L, const char *id, const char *key, int *slot)
{
    *slot = strmap_get(&L->node_ids, id);
    if (*slot >= 0)
        return true;
    if (!GROW(&L->pending, &L->pending_cap, L->npending + 1)) {
        L->oom = true;
        return false;
    }
    size_t idlen = strlen(id);
    char *copy = arena_alloc(&L->scratch, idlen + L->plen + 2);
    if (!copy) {
        L->oom = true;
        return false;
    }
    memcpy(copy, id, idlen + 1);
    memcpy(copy + idlen + 1, L->path, L->plen + 1);
    L->pending[L->npending++] = (struct PendingRef){slot, copy, copy + idlen + 1, key};
    return true;
}

void load_resolve_pending(Loader *L)
{
    char here[sizeof L->path];
    size_t hlen = L->plen;
    memcpy(here, L->path, hlen + 1);
    for (int i = 0; i < L->npending; i++) {
        const struct PendingRef *r = &L->pending[i];
        *r->slot = strmap_get(&L->node_ids, r->id);
        if (*r->slot >= 0)
            continue;
        L->plen = strlen(r->path);
        memcpy(L->path, r->path, L->plen + 1);
        load_resolve(L, &L->node_ids, L->sc->nodes, sizeof(Node), L->sc->nnodes, r->id, r->key, "node");
    }
    L->plen = hlen;
    memcpy(L->path, here, hlen + 1);
    L->npending = 0;
}

int load_ref_meter(Loader *L, const char *id, const char *key)
{
    return load_resolve(L, &L->meter_ids, L->sc->meters, sizeof(Meter), L->sc->nmeters, id, key, "meter");
}

/* The index of flag name, registering it on first use. */
int load_flag_index(Loader *L, const char *name)
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
    const char *saved = load_save(L, name);
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

Effects load_effects(Loader *L, const cJSON *v, const char *key)
{
    Effects fx = {NULL, 0};
    if (!v)
        return fx;
    if (!cJSON_IsObject(v)) {
        load_wrong_type(L, key, v, "an object of meter id -> number");
        return fx;
    }
    int n = cJSON_GetArraySize(v);
    Effect *items = load_alloc(L, (size_t)n * sizeof *items);
    if (!items)
        return fx;
    size_t o = load_push_key(L, key);
    for (const cJSON *c = v->child; c; c = c->next) {
        int m = load_ref_meter(L, c->string, c->string);
        int delta = 0;
        if (!load_get_int(L, v, c->string, false, -1000000, 1000000, &delta, "a change to the meter"))
            continue;
        if (m >= 0) {
            items[fx.count].meter = m;
            items[fx.count].delta = delta;
            fx.count++;
        }
    }
    load_pop(L, o);
    fx.items = items;
    return fx;
}

const int *load_flag_list(Loader *L, const cJSON *v, const char *key, int *count)
{
    *count = 0;
    const cJSON *arr = typed_field(L, v, key, false, "a list of flag names", cJSON_IsArray, "a list");
    if (!arr)
        return NULL;
    int n = cJSON_GetArraySize(arr);
    int *items = load_alloc(L, (size_t)n * sizeof *items);
    if (!items)
        return NULL;
    size_t o = load_push_key(L, key);
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        if (!cJSON_IsString(c)) {
            load_err(L, "wrong-type", "a flag name must be a string, not %s", load_json_type_name(c));
        } else if (!load_is_slug(c->valuestring)) {
            load_err(L, "bad-id", "\"%s\" is not a valid flag name: use lower-case letters, digits, "
                             "'_' or '-'", c->valuestring);
        } else {
            int f = load_flag_index(L, c->valuestring);
            if (f >= 0) {
                items[(*count)++] = f;
                if (strcmp(key, "set") == 0)
                    L->flag_set[f] = true;
            }
        }
        load_pop(L, o2);
    }
    load_pop(L, o);
    return items;
}

static const char *const COND_FORMS[] = {"meter", "flag", "visited", "not", "all", "any"};

static bool parse_cond_into(Loader *L, const cJSON *v, Condition *c);

const Condition *load_cond(Loader *L, const cJSON *v, const char *key)
{
    if (!v)
        return NULL;
    Condition *c = load_alloc(L, sizeof *c);
    if (!c)
        return NULL;
    size_t o = load_push_key(L, key);
    bool ok = parse_cond_into(L, v, c);
    load_pop(L, o);
    return ok ? c : NULL;
}

static bool parse_cond_list(Loader *L, const cJSON *v, const char *key, Condition *c)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(v, key);
    size_t o = load_push_key(L, key);
    bool ok = true;
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        load_err(L, cJSON_IsArray(arr) ? "out-of-range" : "wrong-type",
            "\"%s\" needs a non-empty list of conditions", key);
        ok = false;
    } else {
        int n = cJSON_GetArraySize(arr);
        Condition *items = load_alloc(L, (size_t)n * sizeof *items);
        if (!items) {
            load_pop(L, o);
            return false;
        }
        int i = 0;
        for (const cJSON *e = arr->child; e; e = e->next, i++) {
            size_t o2 = load_push_index(L, i);
            ok &= parse_cond_into(L, e, &items[i]);
            load_pop(L, o2);
        }
        c->items = items;
        c->count = n;
    }
    load_pop(L, o);
    return ok;
}

static bool parse_cond_into(Loader *L, const cJSON *v, Condition *c)
{
    if (!cJSON_IsObject(v)) {
        load_err(L, "wrong-type", "a condition must be an object such as {\"flag\": \"asked\"}, not %s",
            load_json_type_name(v));
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
        load_err(L, "bad-condition", forms == 0
            ? "a condition needs one of \"meter\", \"flag\", \"visited\", \"not\", \"all\" or \"any\""
            : "a condition must have exactly one of \"meter\", \"flag\", \"visited\", \"not\", "
              "\"all\" or \"any\"; split it with \"all\" or \"any\"");
        return false;
    }
    if (strcmp(form, "meter") == 0) {
        static const char *const keys[] = {"meter", "min", "max"};
        load_check_keys(L, v, keys, 3);
        c->kind = COND_METER;
        const char *id = load_get_str(L, v, "meter", true, "a meter id");
        c->ref = id ? load_ref_meter(L, id, "meter") : -1;
        c->has_min = load_get_int(L, v, "min", false, -1000000000, 1000000000, &c->min, "");
        c->has_max = load_get_int(L, v, "max", false, -1000000000, 1000000000, &c->max, "");
        if (!cJSON_GetObjectItemCaseSensitive(v, "min") && !cJSON_GetObjectItemCaseSensitive(v, "max")) {
            load_err(L, "bad-condition", "a meter condition needs \"min\", \"max\" or both");
            return false;
        }
        if (c->has_min && c->has_max && c->min > c->max) {
            load_err(L, "out-of-range", "\"min\" (%d) is above \"max\" (%d): the condition can never hold",
                c->min, c->max);
            return false;
        }
        return c->ref >= 0;
    }
    const char *const keys1[] = {form};
    load_check_keys(L, v, keys1, 1);
    if (strcmp(form, "flag") == 0) {
        c->kind = COND_FLAG;
        const char *name = load_get_str(L, v, "flag", true, "a flag name");
        if (!name)
            return false;
        if (!load_is_slug(name)) {
            size_t o = load_push_key(L, "flag");
            load_err(L, "bad-id", "\"%s\" is not a valid flag name: use lower-case letters, digits, "
                             "'_' or '-'", name);
            load_pop(L, o);
            return false;
        }
        c->ref = load_flag_index(L, name);
        if (c->ref >= 0 && !L->flag_test_path[c->ref]) {
            size_t o = load_push_key(L, "flag");
            L->flag_test_path[c->ref] = strdup(L->path);
            load_pop(L, o);
        }
        return c->ref >= 0;
    }
    if (strcmp(form, "visited") == 0) {
        c->kind = COND_VISITED;
        const char *id = load_get_str(L, v, "visited", true, "a node id");
        c->ref = -1;
        return id && load_ref_node(L, id, "visited", &c->ref);
    }
    if (strcmp(form, "not") == 0) {
        c->kind = COND_NOT;
        Condition *sub = load_alloc(L, sizeof *sub);
        if (!sub)
            return false;
        size_t o = load_push_key(L, "not");
        bool ok = parse_cond_into(L, cJSON_GetObjectItemCaseSensitive(v, "not"), sub);
        load_pop(L, o);
        c->items = sub;
        c->count = 1;
        return ok;
    }
    c->kind = strcmp(form, "all") == 0 ? COND_ALL : COND_ANY;
    return parse_cond_list(L, v, form, c);
}


/* ---- moods ------------------------------------------------------------- */

bool load_mood(Loader *L, const cJSON *v, const char *key, Mood *out)
{
    const char *name = load_str(L, v, key, false, "");
    return name && load_mood_name(L, name, key, out);
}

bool load_mood_name(Loader *L, const char *name, const char *key, Mood *out)
{
    if (mood_from_name(name, out))
        return true;
    const char *names[MOOD_COUNT];
    char list[200] = "", hint[96];
    size_t used = 0;
    for (int i = 0; i < MOOD_COUNT; i++) {
        names[i] = mood_name((Mood)i);
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    }
    load_suggest(names, sizeof names[0], MOOD_COUNT, name, hint, sizeof hint);
    size_t o = load_push_key(L, key);
    load_warn(L, "unknown-mood", "mood \"%s\" is not one the game can draw%s; the moods are %s",
              name, hint, list);
    load_pop(L, o);
    return false;
}
