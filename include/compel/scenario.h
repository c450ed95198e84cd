/* scenario.h - the loaded scenario: an owned, immutable model of one
 * scenario file (docs/format.md, version 1).
 *
 * Every id is resolved to an index once at load time; every string lives in
 * the scenario's arena. Nothing here changes after scenario_load returns, so
 * any number of sessions may share one Scenario. */
#ifndef COMPEL_SCENARIO_H
#define COMPEL_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compel/arena.h"
#include "compel/diag.h"

#define COMPEL_MAX_CHOICES 9             /* per node, from the format */
#define COMPEL_MAX_FILE_BYTES (64u << 20) /* larger files are refused */
#define COMPEL_MAX_DEPTH 64              /* deeper JSON nesting is refused */

typedef enum Difficulty { DIFFICULTY_INTRO, DIFFICULTY_STANDARD, DIFFICULTY_ADVANCED } Difficulty;
typedef enum Stance { STANCE_CHAMPION, STANCE_ALLY, STANCE_NEUTRAL, STANCE_SKEPTIC, STANCE_BLOCKER } Stance;
typedef enum Outcome { OUTCOME_WON, OUTCOME_LOST, OUTCOME_STALLED } Outcome;
typedef enum NodeKind { NODE_CHOICES, NODE_NEXT, NODE_ROUTE, NODE_ENDING } NodeKind;
typedef enum CondKind { COND_METER, COND_FLAG, COND_VISITED, COND_NOT, COND_ALL, COND_ANY } CondKind;

/* The expressions the game knows how to draw, in the format's order. */
typedef enum Mood {
    MOOD_NEUTRAL, MOOD_FRIENDLY, MOOD_PLEASED, MOOD_CURIOUS, MOOD_THOUGHTFUL,
    MOOD_WORRIED, MOOD_FRUSTRATED, MOOD_ANGRY, MOOD_SKEPTICAL, MOOD_RELIEVED,
    MOOD_COUNT
} Mood;

typedef struct Condition Condition;
struct Condition {
    CondKind kind;
    int ref;                 /* meter, flag or node index (METER/FLAG/VISITED) */
    bool has_min, has_max;   /* METER bounds, inclusive */
    int min, max;
    int count;               /* NOT: 1; ALL/ANY: number of items */
    const Condition *items;  /* NOT/ALL/ANY operands */
};

typedef struct Effect { int meter; int delta; } Effect;

typedef struct Effects { const Effect *items; int count; } Effects;

typedef struct Skill { const char *id, *label, *description; } Skill;

/* An image of a character. Both strings are NULL when there is none. */
typedef struct Portrait {
    const char *written;     /* the path as the file gives it */
    const char *path;        /* the same, resolved against the scenario's folder */
} Portrait;

typedef struct Character {
    const char *id, *name, *role;
    Stance stance;
    bool has_color;
    uint8_t r, g, b;
    Portrait portrait;                  /* "portrait": any mood */
    Portrait portraits[MOOD_COUNT];     /* "portraits": one mood's own image */
} Character;

typedef struct Meter {
    const char *id, *label;
    int start, min, max;
    bool show;
} Meter;

typedef struct Grade { int min_percent; const char *label, *text; } Grade;

/* What the other side says straight back to a choice. It changes no state. */
typedef struct Reply {
    int speaker;             /* character index, -1 for the narrator; default the node's */
    const char *text;        /* may contain {player} */
    Mood mood;               /* as given, else the node's own mood */
    bool mood_given;         /* false: the reply takes the mood the node shows
                                (a variant's mood, when one was chosen) */
} Reply;

/* Another wording of a node, used when `when` holds on entry. */
typedef struct Variant {
    const Condition *when;   /* never NULL */
    const char *text;        /* may contain {player} */
    Mood mood;               /* meaningful when mood_given */
    bool mood_given;         /* false: the node's mood stands */
} Variant;

/* Another wording of an ending, used when `when` holds on arrival. */
typedef struct EndingVariant {
    const Condition *when;   /* never NULL */
    const char *title;       /* NULL: the ending's own title stands */
    const char *text;
} EndingVariant;

typedef struct Choice {
    const char *id, *text, *feedback;  /* feedback may be NULL */
    const Reply *reply;                /* NULL: the other side says nothing back */
    int next;                          /* node index */
    int points;
    Effects effects;
    const int *set, *clear;            /* flag indices */
    int nset, nclear;
    const Condition *when;             /* NULL: always visible */
    bool once;
    int serial;                        /* index among all choices of the scenario */
} Choice;

typedef struct RouteEntry {
    const Condition *when;   /* NULL: no condition */
    double chance;           /* 0 when absent, else 0 < chance <= 1 */
    int next;
} RouteEntry;

typedef struct Node {
    const char *id;
    int speaker;             /* character index, or -1 for the narrator */
    const char *text;        /* may contain {player} */
    Mood mood;               /* MOOD_NEUTRAL when absent */
    const Variant *variants; int nvariants;      /* tried in order on entry */
    bool setback;
    Effects effects;
    int skill;               /* skill index, or -1: decisions here score nothing */
    NodeKind kind;
    const Choice *choices; int nchoices;         /* NODE_CHOICES */
    int next;                                    /* NODE_NEXT */
    const RouteEntry *route; int nroute;         /* NODE_ROUTE */
    Outcome outcome;                             /* NODE_ENDING */
    const char *ending_title, *ending_text;       /* NODE_ENDING */
    const EndingVariant *ending_variants; int nending_variants; /* NODE_ENDING */
} Node;

typedef struct Scenario {
    Arena arena;             /* owns everything below but the strings */
    Arena text;              /* owns the strings: kept apart, so the structures the
                              * engine and the analysis walk (nodes, choices, routes,
                              * conditions) lie close together, in file order */
    const char *file;        /* path as given to scenario_load */
    const char *dir;         /* folder of the file, "" for the current one */
    char hash[25];           /* "xxh3:" + 16 hex digits of the file's bytes */
    size_t file_size;

    const char *id, *title, *summary, *briefing, *language;
    Difficulty difficulty;
    int minutes;             /* 0 when not given */
    const char *const *tags; int ntags;

    const Skill *skills; int nskills;
    const Character *characters; int ncharacters;
    const Meter *meters; int nmeters;
    const Grade *grades; int ngrades;   /* sorted by decreasing min_percent */
    const char *const *flags; int nflags; /* every flag name used, in order of first use */
    const Node *nodes; int nnodes;
    int start;
    int nchoices_total;      /* Choice.serial ranges over [0, nchoices_total) */
} Scenario;

/* Read, parse and validate the file at path. On success returns a scenario
 * the caller frees with scenario_destroy; warnings are appended to diags.
 * Returns NULL when the file has any error; diags says why. */
Scenario *scenario_load(const char *path, DiagList *diags);

/* As scenario_load, from bytes in memory; name is used in messages and dir
 * to resolve portraits (NULL: the current folder). The bytes are not kept. */
Scenario *scenario_load_buffer(const char *name, const char *dir,
                               const char *bytes, size_t len, DiagList *diags);

/* Free the scenario and everything it owns. NULL is allowed. */
void scenario_destroy(Scenario *sc);

/* Index of the node / meter with this id, or -1. */
int scenario_find_node(const Scenario *sc, const char *id);
int scenario_find_meter(const Scenario *sc, const char *id);

/* The grade band for a percent (never NULL: a 0 band always exists). */
const Grade *scenario_grade(const Scenario *sc, int percent);

/* Names for enums, as they appear in scenario files ("won", "champion", ...). */
const char *outcome_name(Outcome o);
const char *stance_name(Stance s);
const char *mood_name(Mood m);

/* The mood with this name (exact, as in the format) into *out; false, and
 * *out untouched, when the name is not one of the ten. */
bool mood_from_name(const char *name, Mood *out);

/* The image for a character showing mood m: that mood's own portrait, else
 * the plain portrait; NULL when the character has neither (draw the face). */
const Portrait *character_portrait(const Character *ch, Mood m);

/* XXH3 64-bit hash of bytes (libxxhash), written as "xxh3:" + 16 lower-case
 * hex digits into out (at least 25 bytes). Used to notice a changed
 * scenario and to tell versions apart in results; not a security measure. */
void scenario_hash_bytes(const char *bytes, size_t len, char out[25]);

#endif
