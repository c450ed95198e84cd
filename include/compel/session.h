/* session.h - one playthrough: the rules engine.
 *
 * A playthrough is a value: scenario + seed + player + mode + the list of
 * commands (choose a visible choice, continue past a `next` node); the
 * session keeps that list, and playthrough.h saves and reads it. The front ends never edit the
 * state; they send commands and read the state back through the accessors and
 * SessionView below. Undo replays the command list minus the last decision,
 * so it restores everything, the random source included. */
#ifndef COMPEL_SESSION_H
#define COMPEL_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "compel/scenario.h"

typedef struct Session Session;

typedef enum SessionStatus {
    SESSION_DECISION,   /* at a node with choices: session_choose */
    SESSION_READING,    /* at a node with next: session_continue */
    SESSION_ENDED       /* at an ending node */
} SessionStatus;

/* One decision the player made, as the format's Scoring section defines it. */
typedef struct Step {
    int node;            /* node index of the decision */
    int choice;          /* index into node->choices */
    int index;           /* 1-based position among the visible choices */
    int skill;           /* skill index, or -1 (unscored) */
    int points;          /* earned; 0 when unscored */
    int possible;        /* max(0, best visible points); 0 when unscored */
    uint16_t visible;    /* bit i set: node->choices[i] was visible */
    int path_pos;        /* position of this node in the entered-node trail */
    bool after_setback;  /* the first decision at or after entering a setback node */
} Step;

typedef struct SkillScore { int earned, possible; } SkillScore;

/* What the player did, as a value the session applies, records and replays
 * (room for more kinds; undo is not one: it removes commands). */
typedef enum CommandKind {
    COMMAND_CHOOSE,     /* choose the visible choice at 1-based position `choice` */
    COMMAND_CONTINUE    /* go on past a `next` node */
} CommandKind;

typedef struct Command {
    CommandKind kind;
    int choice;         /* COMMAND_CHOOSE: 1-based visible index; else 0 */
} Command;

/* How the playthrough treats the player: practice shows the coach's feedback
 * after each choice and allows undo; an assessment allows no undo and holds
 * the feedback for the debrief. */
typedef enum SessionMode { SESSION_PRACTICE, SESSION_ASSESSMENT } SessionMode;

/* Start a playthrough at the scenario's start node (its effects and routes
 * are applied at once). player may be NULL ("Player"); the string is copied.
 * Returns NULL only when out of memory. The scenario must outlive the session. */
Session *session_create(const Scenario *sc, uint64_t seed, const char *player);

/* Where and in which state a playthrough starts, for an author testing a
 * late scene (`--from`, `--set`, `--meter`). */
typedef struct SessionStart {
    int node;              /* node index to enter first */
    const int *meters;     /* scenario->nmeters values there, or NULL: the scenario's start values */
    const bool *flags;     /* scenario->nflags values there, or NULL: none set */
} SessionStart;

/* Start over at st instead of the scenario's start: the node is entered as
 * usual (visited, effects, routes) with that state; the command list is
 * cleared and restart and undo come back to st. Meter values are kept within
 * the meters' bounds. The playthrough counts as a test from now on (its
 * result is marked so). Returns 0, or -1 when out of memory (nothing changes). */
int session_start_at(Session *s, const SessionStart *st);

/* Whether the playthrough was started with session_start_at. */
bool session_is_test(const Session *s);

/* The node the playthrough started at (the scenario's start unless
 * session_start_at moved it), and the meters and flags it started with
 * (NULL when they are the scenario's own). */
int session_start_node(const Session *s);
const int *session_start_meters(const Session *s);
const bool *session_start_flags(const Session *s);

/* Whether c holds in the session's present state: the rule the engine
 * applies to `when` and routes (for the state inspector). */
bool session_condition_holds(const Session *s, const Condition *c);

/* Free the session. NULL is allowed. */
void session_destroy(Session *s);

/* Choose the visible choice at 1-based position index. Returns 0, or -1 when
 * the session is not at a decision or index is out of range (nothing changes). */
int session_choose(Session *s, int index);

/* Continue past a `next` node. Returns 0, or -1 when not reading. */
int session_continue(Session *s);

/* Apply one command (choose or continue). Returns 0, or -1 when it does not
 * apply in the current state (nothing changes). */
int session_apply(Session *s, Command c);

/* Apply n commands in order; a choose met at a `next` node first continues
 * past it, so a bare list of choices replays too. Returns how many were
 * applied: n, or the index of the first that did not apply (the session
 * stays where that command failed). */
int session_play(Session *s, const Command *cmds, int n);

/* Continue past `next` nodes until a decision or an ending. */
void session_settle(Session *s);

/* The commands applied so far, oldest first (what a saved playthrough
 * holds); valid until the next command. */
const Command *session_commands(const Session *s, int *count);

/* The mode (practice unless set). Set it before the first command. */
SessionMode session_mode(const Session *s);
void session_set_mode(Session *s, SessionMode mode);

/* Whether undo is possible now: practice mode and a decision made. */
bool session_can_undo(const Session *s);

/* Whether the coach's feedback is shown after each choice (practice), or
 * held for the debrief (assessment). */
bool session_shows_feedback(const Session *s);

/* Go back to the moment before the last decision, as if it had never been
 * made. Returns 0, or -1 in assessment mode or when no decision has been
 * made yet. */
int session_undo(Session *s);

/* Start again from the start node with the same seed and player. */
void session_restart(Session *s);

/* Accessors. */
const Scenario *session_scenario(const Session *s);
SessionStatus session_status(const Session *s);
const Node *session_node(const Session *s);
int session_node_index(const Session *s);
uint64_t session_seed(const Session *s);
const char *session_player(const Session *s);
int session_meter(const Session *s, int meter);
bool session_flag(const Session *s, int flag);
bool session_visited(const Session *s, int node);

/* The visible choices of the current decision: writes their indices into
 * node->choices to out (room for COMPEL_MAX_CHOICES) and returns how many;
 * 0 when not at a decision. */
int session_visible(const Session *s, int out[COMPEL_MAX_CHOICES]);

/* The decisions made so far, oldest first; valid until the next command. */
const Step *session_steps(const Session *s, int *count);

/* The nodes entered so far in order (routes and next nodes included). */
const int *session_trail(const Session *s, int *count);

/* The variant of the node (Node.variants, or Node.ending_variants at an
 * ending) chosen on entering trail position pos, or -1 for the node's own
 * text: the first whose `when` held once the node was marked visited and its
 * effects applied. Choosing it changes no state. */
int session_trail_variant(const Session *s, int pos);

/* Per-skill totals (out has room for scenario->nskills) and the overall
 * percent: round(100 * max(0, earned) / possible), half up, capped at 100. */
void session_skill_scores(const Session *s, SkillScore *out);
int session_percent(const Session *s);

/* Percent from totals, exactly as session_percent computes it. */
int compel_percent(int earned, int possible);

/* Best points among the choices in the visible mask (for debriefs). */
int step_best_points(const Node *n, uint16_t visible);

/* Text with every {player} replaced by player (NULL: "Player"); the caller
 * frees it. Returns NULL only when out of memory. Needs no session, so a
 * briefing can be shown before a playthrough starts. */
char *compel_format_text(const char *text, const char *player);

/* compel_format_text with the session's player. */
char *session_format_text(const Session *s, const char *text);

/* What a front end shows at this moment: a view of the session's state,
 * pointing into the scenario and session (valid until the next command). */
typedef struct SessionView {
    SessionStatus status;
    const Node *node;
    const Character *speaker;          /* NULL for the narrator */
    int nvisible;
    int visible[COMPEL_MAX_CHOICES];   /* indices into node->choices */
    const Step *last_step;             /* the decision just made, or NULL */
    const Choice *last_choice;         /* its choice, or NULL */
    const int *meters_before;          /* meter values before the last decision
                                          (scenario->nmeters), or NULL */
    int percent;
    bool can_undo;                     /* session_can_undo */
} SessionView;

/* Fill view from the session's current state. */
void session_view(const Session *s, SessionView *view);

/* ---- Analysis support (for game/core/analysis.c; front ends never use it) ----
 * The state-space explorer drives the real engine: it puts a session into a
 * given state, and decides chance draws itself to enumerate both outcomes. */

/* Whether the choice with this serial has been chosen (spent, if `once`). */
bool session_spent(const Session *s, int serial);

/* The mutable state of a playthrough, as the explorer sets it. */
typedef struct SessionState {
    int node;               /* a node with choices, next, or an ending */
    const int *meters;      /* scenario->nmeters values */
    const bool *flags;      /* scenario->nflags */
    const int *visited;     /* the visited nodes (indices); every other node is unvisited */
    int nvisited;
    const int *spent;       /* the spent choices (serials); every other choice is fresh */
    int nspent;
} SessionState;

/* Put the session in st without entering the node (no effects applied);
 * steps, trail and commands are cleared. Costs O(meters + flags + the
 * lists), not O(nodes). */
void session_set_state(Session *s, const SessionState *st);

/* Route chance draws through oracle (true: the draw succeeds) instead of the
 * seeded source; NULL restores the seeded source. */
typedef bool (*ChanceOracle)(void *ctx, double chance);
void session_set_oracle(Session *s, ChanceOracle oracle, void *ctx);

#endif
