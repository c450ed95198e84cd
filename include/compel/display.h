/* display.h - what a front end shows, finished: the display model.
 *
 * As ink's Story.currentChoices hands out choices with their final text,
 * the core hands the window and the terminal player everything they show,
 * already decided: who speaks and in what mood, the node's text with the
 * variant that was chosen and {player} filled in, the visible choices with
 * their keys, the choice just made with its points, feedback and reply, the
 * meters before and after; the transcript so far (the history screen); the
 * debrief; and, before a playthrough starts, the briefing. Front ends lay
 * these out and decide nothing.
 *
 * Each builder returns a new value the caller frees with its _free
 * function; it holds its own copies of every string it made, and points
 * into the scenario (which must outlive it) for the ones it did not. */
#ifndef COMPEL_DISPLAY_H
#define COMPEL_DISPLAY_H

#include <stdbool.h>

#include "compel/scenario.h"
#include "compel/session.h"

/* Someone saying something: a node's text, a reply, an ending. */
typedef struct DisplayLine {
    int speaker;                  /* character index, -1 for the narrator */
    const Character *character;   /* NULL for the narrator */
    const char *name;             /* the character's name, or "Narrator" */
    Mood mood;                    /* the mood to draw (MOOD_NEUTRAL by default) */
    char *text;                   /* finished text; "" when the node has none */
} DisplayLine;

/* One visible choice. */
typedef struct DisplayChoice {
    int number;                   /* its key: 1-based among the visible choices */
    int index;                    /* into node->choices */
    char *text;                   /* finished text */
} DisplayChoice;

/* One meter: its value before the last decision and now. */
typedef struct DisplayMeter {
    const char *id, *label;
    int before, after;            /* equal when no decision changed it yet */
    int min, max;
    bool show;                    /* the scenario shows it to the player */
} DisplayMeter;

/* The choice just made. */
typedef struct DisplayMade {
    int number;                   /* the key it had */
    char *text;                   /* what the player said */
    const char *skill;            /* the skill's label, NULL when unscored */
    int points, possible;
    char *feedback;               /* the coach's word; NULL when none, or held
                                     for the debrief (assessment) */
    bool has_reply;               /* the other side answered */
    DisplayLine reply;            /* that answer (when has_reply) */
} DisplayMade;

/* What to show now. */
typedef struct DisplayNow {
    SessionStatus status;
    int node;                     /* node index */
    const char *node_id;
    DisplayLine line;             /* who speaks, their mood, the node's text
                                     (an ending's text at an ending) */
    bool setback;                 /* the node is a setback */
    const char *ending_title;     /* at an ending, else NULL */
    Outcome outcome;              /* at an ending */
    int nchoices;                 /* visible choices (0 unless deciding) */
    DisplayChoice choices[COMPEL_MAX_CHOICES];
    bool has_made;                /* a decision has been made */
    DisplayMade made;             /* the last one (when has_made) */
    int nmeters;
    DisplayMeter *meters;         /* every meter of the scenario, in order */
    int percent;                  /* score so far */
    bool can_undo;                /* session_can_undo */
    SessionMode mode;             /* practice offers undo; assessment does not */
    bool shows_feedback;          /* practice: the coach speaks after each choice */
} DisplayNow;

/* What to show at this moment. NULL only when out of memory. */
DisplayNow *display_now(const Session *s);

/* Free a DisplayNow. NULL is allowed. */
void display_now_free(DisplayNow *d);

/* ---- The transcript: what the player has seen, in order ---- */

typedef enum EntryKind {
    ENTRY_NODE,                   /* a node's text */
    ENTRY_CHOICE,                 /* what the player chose */
    ENTRY_REPLY,                  /* the other side's answer to it */
    ENTRY_ENDING                  /* the ending reached */
} EntryKind;

typedef struct TranscriptEntry {
    EntryKind kind;
    int node;                     /* the node it belongs to */
    const char *node_id;
    DisplayLine line;             /* speaker, mood and text; for a choice the
                                     speaker is -1 and the name "You" */
    bool setback;                 /* ENTRY_NODE at a setback node */
    const char *title;            /* ENTRY_ENDING: the ending's title */
} TranscriptEntry;

typedef struct Transcript {
    TranscriptEntry *items;
    int count, cap;
} Transcript;

/* The transcript so far. NULL only when out of memory. */
Transcript *display_transcript(const Session *s);

/* Free a Transcript. NULL is allowed. */
void display_transcript_free(Transcript *t);

/* ---- The debrief ---- */

typedef struct DebriefSkill {
    const char *id, *label;
    int earned, possible;
    int percent;                  /* compel_percent(earned, possible) */
    bool scored;                  /* some decision in this playthrough scored it */
} DebriefSkill;

typedef struct DebriefDecision {
    int number;                   /* 1-based, in the order made */
    int node;
    const char *skill;            /* the skill's label, NULL when unscored */
    int points, possible;
    bool after_setback;           /* the first decision after a setback */
    DisplayLine context;          /* what was said at that decision */
    char *said;                   /* the choice made */
    bool has_reply;               /* the other side answered it */
    DisplayLine reply;            /* that answer (when has_reply) */
    char *best;                   /* a visible choice worth more, NULL when the
                                     one made was the best (or unscored) */
    int best_points;              /* its points (when best) */
    bool was_best;                /* scored, and nothing visible was worth more */
    char *feedback;               /* the coach's word, NULL when none */
} DebriefDecision;

typedef struct Debrief {
    bool ended;                   /* an ending was reached */
    Outcome outcome;              /* when ended */
    const char *ending_title;     /* when ended */
    char *ending_text;            /* when ended, finished; else NULL */
    int percent;
    const Grade *grade;           /* the grade band of percent (never NULL) */
    int nskills;
    DebriefSkill *skills;         /* every skill of the scenario, in order */
    int setbacks;                 /* decisions made right after a setback */
    int setback_earned, setback_possible, setback_percent;
    int ndecisions;
    DebriefDecision *decisions;
} Debrief;

/* The debrief of the session (ended or not). NULL only when out of memory. */
Debrief *display_debrief(const Session *s);

/* Free a Debrief. NULL is allowed. */
void display_debrief_free(Debrief *d);

/* ---- The briefing: what the player reads before the first node ---- */

typedef struct Briefing {
    const char *title, *summary;
    char *text;                   /* the scenario's briefing with {player} filled
                                     in; NULL when it has none */
    int nmeters;
    DisplayMeter *meters;         /* every meter of the scenario at its start */
} Briefing;

/* The briefing of sc for player (NULL or "": "Player"). It needs no session:
 * the window shows it before one starts. NULL only when out of memory. */
Briefing *display_briefing(const Scenario *sc, const char *player);

/* Free a Briefing. NULL is allowed. */
void display_briefing_free(Briefing *b);

#endif
