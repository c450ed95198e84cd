/* loader_internal.h - private to the loader's files (loader*.c): the
 * conversion context and the typed getters every section uses. Each getter
 * reports a problem at the current JSON path and returns a safe default, so
 * one pass finds every error in a file. */
#ifndef COMPEL_LOADER_INTERNAL_H
#define COMPEL_LOADER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "compel/scenario.h"
#include "compel/strmap.h"

typedef struct Loader {
    Arena *arena;              /* the scenario's structures */
    Arena *text;               /* its strings */
    DiagList *diags;
    const char *file;
    char path[512];
    size_t plen;
    int errors;
    bool oom;
    bool controls;             /* some string may hold a control character (JsonSpans) */
    Scenario *sc;
    StrMap node_ids, skill_ids, meter_ids, char_ids, flag_ids;
    const char **flag_names; int nflags, flag_cap;
    bool *flag_set;            /* per flag: some choice sets it */
    char **flag_test_path;     /* per flag: first path that tests it */
    Node *nodes_rw;            /* the scenario's nodes, while they are filled in */
    /* The nodes come one at a time (loader.c), so a node may point at one not
     * read yet: such references wait here and are resolved at the end. */
    struct PendingRef { int *slot; const char *id, *path, *key; } *pending;
    int npending, pending_cap;
    Arena scratch;             /* the waiting ids and their paths */
} Loader;


/* Extend the current path with .key / [i]; returns the old length for load_pop. */
size_t load_push_key(Loader *L, const char *key);
size_t load_push_index(Loader *L, int i);

/* Restore the path to an earlier length. */
void load_pop(Loader *L, size_t old);

/* An error / warning at the current path. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void load_err(Loader *L, const char *rule, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void load_warn(Loader *L, const char *rule, const char *fmt, ...);

/* Arena allocation and copies; out of memory is remembered in L->oom. */
void *load_alloc(Loader *L, size_t n);
const char *load_save(Loader *L, const char *s);

/* " (did you mean \"x\"?)" for the closest of names, or "". */
void load_suggest(const void *base, size_t stride, int n, const char *wrong, char *out, size_t cap);

/* Typed getters: each reports a missing field, a wrong type or a value out of range at its path. */
const char *load_json_type_name(const cJSON *v);
void load_wrong_type(Loader *L, const char *key, const cJSON *v, const char *want);
void load_missing(Loader *L, const char *key, const char *what);
const char *load_get_str(Loader *L, const cJSON *obj, const char *key, bool required, const char *what);
const char *load_get_text(Loader *L, const cJSON *obj, const char *key, bool required, const char *what);
bool load_is_integer(const cJSON *v);
bool load_get_int(Loader *L, const cJSON *obj, const char *key, bool required, int lo, int hi, int *out, const char *what);
void load_get_bool(Loader *L, const cJSON *obj, const char *key, bool *out);
bool load_is_slug(const char *s);
const char *load_get_slug(Loader *L, const cJSON *obj, const char *key, bool required, const char *what);
const cJSON *load_get_array(Loader *L, const cJSON *obj, const char *key, bool required, const char *what);

/* The same getters for a value already found (NULL when absent); key names it in messages. */
const char *load_str(Loader *L, const cJSON *v, const char *key, bool required, const char *what);
const char *load_text(Loader *L, const cJSON *v, const char *key, bool required, const char *what);
bool load_int(Loader *L, const cJSON *v, const char *key, bool required, int lo, int hi, int *out, const char *what);
void load_bool(Loader *L, const cJSON *v, const char *key, bool *out);
const char *load_slug(Loader *L, const cJSON *v, const char *key, bool required, const char *what);
Effects load_effects(Loader *L, const cJSON *v, const char *key);
const int *load_flag_list(Loader *L, const cJSON *v, const char *key, int *count);
const Condition *load_cond(Loader *L, const cJSON *v, const char *key);
/* A mood name into *out; false (with a warning naming the list) when v is
 * absent, of the wrong type or not one of the ten. */
bool load_mood(Loader *L, const cJSON *v, const char *key, Mood *out);
/* The same for a name already in hand (a key of "portraits"), reported at key. */
bool load_mood_name(Loader *L, const char *name, const char *key, Mood *out);

/* One pass over obj: fields[k] = the member named keys[k] (NULL when absent);
 * unknown members are warned about. fields may be NULL: warnings only. */
void load_fields(Loader *L, const cJSON *obj, const char *const *keys, int n, const cJSON **fields);

/* Warn about every key of obj not in allowed (usually a typo). */
void load_check_keys(Loader *L, const cJSON *obj, const char *const *allowed, int n);

/* Resolve ids to indices, reporting unknown ones with a suggestion. */
int load_resolve(Loader *L, const StrMap *map, const void *items, size_t stride, int n, const char *id,
                 const char *key, const char *kind);
/* Resolve a node id into *slot; an id not seen yet waits in L->pending
 * (false only when out of memory). */
bool load_ref_node(Loader *L, const char *id, const char *key, int *slot);
/* Resolve every waiting reference, each unknown id an error at its own path. */
void load_resolve_pending(Loader *L);
int load_ref_meter(Loader *L, const char *id, const char *key);

/* The index of a flag name, registered on first use. */
int load_flag_index(Loader *L, const char *name);


/* Sections of the file, in the order load_top calls them. */
void load_top(Loader *L, const cJSON *root);          /* metadata and sections, not nodes */
void load_node(Loader *L, const cJSON *nj, int i);    /* one node's id and content, at path nodes[i] */
void load_skills(Loader *L, const cJSON *root);
void load_meters(Loader *L, const cJSON *root);
void load_characters(Loader *L, const cJSON *root);
void load_grades(Loader *L, const cJSON *root);

#endif
