/* session.c - the rules engine: one playthrough of a scenario.
 *
 * State changes only through commands (choose, continue); every command is
 * recorded, so undo is "replay all but the last decision" and restores the
 * random source along with everything else. The mode rule lives here too:
 * an assessment cannot be undone and holds its feedback for the debrief. Routes are followed at once when
 * entered; the validator guarantees there is no loop made only of next/route
 * nodes, so entering a node always stops within nnodes steps. */
#include "compel/session.h"
#include "compel/textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/grow.h"
#include "compel/rng.h"

struct Session {
    const Scenario *sc;
    uint64_t seed;
    char *player;
    Rng rng;
    int node;
    SessionStatus status;
    int *meters, *meters_before;
    bool has_before;
    bool *flags;
    /* visited[n] / spent[c] hold the epoch in which they were set: starting
     * again (restart, undo, the explorer's set_state) is one increment, not a
     * pass over every node and choice. */
    uint32_t *visited, *spent, epoch;
    bool pending_setback;       /* a setback was entered, no decision since */
    Step *steps; int nsteps, capsteps;
    int *trail; int ntrail, captrail;
    int *trail_variant; int capvariant;  /* per trail position: the variant shown, or -1 */
    Command *cmds; int ncmds, capcmds;
    SessionMode mode;
    int start;                  /* the node a playthrough starts at */
    int *start_meters;          /* session_start_at's meters, or NULL */
    bool *start_flags;          /* session_start_at's flags, or NULL */
    bool test;                  /* started with session_start_at */
    ChanceOracle oracle;        /* analysis only: decides chance draws */
    void *oracle_ctx;
};

static bool cond_holds(const Session *s, const Condition *c)
{
    switch (c->kind) {
    case COND_METER: {
        int v = s->meters[c->ref];
        return (!c->has_min || v >= c->min) && (!c->has_max || v <= c->max);
    }
    case COND_FLAG:
        return s->flags[c->ref];
    case COND_VISITED:
        return s->visited[c->ref] == s->epoch;
    case COND_NOT:
        return !cond_holds(s, &c->items[0]);
    case COND_ALL:
        for (int i = 0; i < c->count; i++)
            if (!cond_holds(s, &c->items[i]))
                return false;
        return true;
    case COND_ANY:
        for (int i = 0; i < c->count; i++)
            if (cond_holds(s, &c->items[i]))
                return true;
        return false;
    }
    return false;
}

static void apply_effects(Session *s, Effects fx)
{
    for (int i = 0; i < fx.count; i++) {
        const Meter *m = &s->sc->meters[fx.items[i].meter];
        long long v = (long long)s->meters[fx.items[i].meter] + fx.items[i].delta;
        if (v < m->min) v = m->min;
        if (v > m->max) v = m->max;
        s->meters[fx.items[i].meter] = (int)v;
    }
}

/* The first variant of the node (or of its ending) whose `when` holds now,
 * or -1 for the node's own text. It only reads the state. */
static int pick_variant(const Session *s, const Node *node)
{
    if (node->kind == NODE_ENDING) {
        for (int i = 0; i < node->nending_variants; i++)
            if (cond_holds(s, node->ending_variants[i].when))
                return i;
        return -1;
    }
    for (int i = 0; i < node->nvariants; i++)
        if (cond_holds(s, node->variants[i].when))
            return i;
    return -1;
}

/* Enter node n and follow routes until the playthrough waits for the player
 * (a decision or a next node) or ends. */
static void enter(Session *s, int n)
{
    for (;;) {
        const Node *node = &s->sc->nodes[n];
        s->node = n;
        s->visited[n] = s->epoch;
        bool logged = GROW(&s->trail, &s->captrail, s->ntrail + 1) &&
                      GROW(&s->trail_variant, &s->capvariant, s->ntrail + 1);
        if (logged) {
            s->trail[s->ntrail] = n;
            s->trail_variant[s->ntrail++] = -1;
        }
        apply_effects(s, node->effects);
        if (logged)   /* after the node's effects, as the format says */
            s->trail_variant[s->ntrail - 1] = pick_variant(s, node);
        if (node->setback)
            s->pending_setback = true;
        switch (node->kind) {
        case NODE_ENDING:
            s->status = SESSION_ENDED;
            return;
        case NODE_NEXT:
            s->status = SESSION_READING;
            return;
        case NODE_CHOICES:
            s->status = SESSION_DECISION;
            return;
        case NODE_ROUTE:
            for (int i = 0; i < node->nroute; i++) {
                const RouteEntry *r = &node->route[i];
                if (r->when && !cond_holds(s, r->when))
                    continue;          /* no draw for an entry whose condition fails */
                if (r->chance > 0.0 && !(s->oracle ? s->oracle(s->oracle_ctx, r->chance)
                                                   : rng_chance(&s->rng, r->chance)))
                    continue;
                n = r->next;
                break;
            }
            break;
        }
    }
}

/* Forget every visited mark and spent choice at once. */
static void new_epoch(Session *s)
{
    if (++s->epoch == 0) {   /* wrapped after 2^32 restarts: clear for real */
        memset(s->visited, 0, (size_t)s->sc->nnodes * sizeof *s->visited);
        memset(s->spent, 0, (size_t)s->sc->nchoices_total * sizeof *s->spent);
        s->epoch = 1;
    }
}

static void reset(Session *s)
{
    const Scenario *sc = s->sc;
    rng_seed(&s->rng, s->seed);
    for (int i = 0; i < sc->nmeters; i++)
        s->meters[i] = s->start_meters ? s->start_meters[i] : sc->meters[i].start;
    if (s->start_flags)
        memcpy(s->flags, s->start_flags, (size_t)sc->nflags * sizeof *s->flags);
    else
        memset(s->flags, 0, (size_t)sc->nflags * sizeof *s->flags);
    new_epoch(s);
    s->has_before = false;
    s->pending_setback = false;
    s->nsteps = 0;
    s->ntrail = 0;
    enter(s, s->start);
}

Session *session_create(const Scenario *sc, uint64_t seed, const char *player)
{
    Session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->sc = sc;
    s->seed = seed;
    s->start = sc->start;
    /* the name goes into the results file: whole characters only, never
     * more than COMPEL_PLAYER_MAX bytes, never bytes that are not UTF-8 */
    char name[COMPEL_PLAYER_MAX + 1];
    const char *why;
    if (!player || !text_player_name(player, name, sizeof name, &why) || !*name)
        snprintf(name, sizeof name, "Player");
    s->player = strdup(name);
    s->meters = calloc((size_t)sc->nmeters + 1, sizeof *s->meters);
    s->meters_before = calloc((size_t)sc->nmeters + 1, sizeof *s->meters_before);
    s->flags = calloc((size_t)sc->nflags + 1, sizeof *s->flags);
    s->visited = calloc((size_t)sc->nnodes + 1, sizeof *s->visited);
    s->spent = calloc((size_t)sc->nchoices_total + 1, sizeof *s->spent);
    if (!s->player || !s->meters || !s->meters_before || !s->flags || !s->visited || !s->spent) {
        session_destroy(s);
        return NULL;
    }
    reset(s);
    return s;
}

void session_destroy(Session *s)
{
    if (!s)
        return;
    free(s->player);
    free(s->meters);
    free(s->meters_before);
    free(s->flags);
    free(s->visited);
    free(s->spent);
    free(s->steps);
    free(s->trail);
    free(s->trail_variant);
    free(s->cmds);
    free(s->start_meters);
    free(s->start_flags);
    free(s);
}

int session_start_at(Session *s, const SessionStart *st)
{
    const Scenario *sc = s->sc;
    int *meters = NULL;
    bool *flags = NULL;
    if (st->meters && !(meters = malloc(((size_t)sc->nmeters + 1) * sizeof *meters)))
        return -1;
    if (st->flags && !(flags = malloc((size_t)sc->nflags + 1))) {
        free(meters);
        return -1;
    }
    for (int i = 0; meters && i < sc->nmeters; i++) {
        int v = st->meters[i];
        meters[i] = v < sc->meters[i].min ? sc->meters[i].min : v > sc->meters[i].max ? sc->meters[i].max : v;
    }
    if (flags)
        memcpy(flags, st->flags, (size_t)sc->nflags * sizeof *flags);
    free(s->start_meters);
    free(s->start_flags);
    s->start_meters = meters;
    s->start_flags = flags;
    s->start = st->node;
    s->test = true;
    s->ncmds = 0;
    reset(s);
    return 0;
}

bool session_is_test(const Session *s) { return s->test; }
bool session_condition_holds(const Session *s, const Condition *c) { return cond_holds(s, c); }
int session_start_node(const Session *s) { return s->start; }
const int *session_start_meters(const Session *s) { return s->start_meters; }
const bool *session_start_flags(const Session *s) { return s->start_flags; }

int session_visible(const Session *s, int out[COMPEL_MAX_CHOICES])
{
    if (s->status != SESSION_DECISION)
        return 0;
    const Node *node = &s->sc->nodes[s->node];
    int n = 0;
    for (int i = 0; i < node->nchoices; i++) {
        const Choice *c = &node->choices[i];
        if (c->once && s->spent[c->serial] == s->epoch)
            continue;
        if (c->when && !cond_holds(s, c->when))
            continue;
        out[n++] = i;
    }
    return n;
}

static bool record(Session *s, Command cmd)
{
    if (!GROW(&s->cmds, &s->capcmds, s->ncmds + 1))
        return false;
    s->cmds[s->ncmds++] = cmd;
    return true;
}

int session_choose(Session *s, int index)
{
    int vis[COMPEL_MAX_CHOICES];
    int n = session_visible(s, vis);
    if (index < 1 || index > n)
        return -1;
    if (!GROW(&s->steps, &s->capsteps, s->nsteps + 1) ||
        !record(s, (Command){COMMAND_CHOOSE, index}))
        return -1;
    const Node *node = &s->sc->nodes[s->node];
    const Choice *c = &node->choices[vis[index - 1]];
    Step *st = &s->steps[s->nsteps++];
    memset(st, 0, sizeof *st);
    st->node = s->node;
    st->choice = vis[index - 1];
    st->index = index;
    st->skill = node->skill;
    for (int i = 0; i < n; i++)
        st->visible |= (uint16_t)(1u << vis[i]);
    if (node->skill >= 0) {
        st->points = c->points;
        int best = step_best_points(node, st->visible);
        st->possible = best > 0 ? best : 0;
    }
    st->path_pos = s->ntrail - 1;
    st->after_setback = s->pending_setback;
    s->pending_setback = false;

    memcpy(s->meters_before, s->meters, (size_t)s->sc->nmeters * sizeof *s->meters);
    s->has_before = true;
    apply_effects(s, c->effects);
    for (int i = 0; i < c->nset; i++)
        s->flags[c->set[i]] = true;
    for (int i = 0; i < c->nclear; i++)
        s->flags[c->clear[i]] = false;
    s->spent[c->serial] = s->epoch;
    enter(s, c->next);
    return 0;
}

int session_continue(Session *s)
{
    if (s->status != SESSION_READING || !record(s, (Command){COMMAND_CONTINUE, 0}))
        return -1;
    bool before = s->has_before;
    enter(s, s->sc->nodes[s->node].next);
    s->has_before = before;
    return 0;
}

int session_apply(Session *s, Command c)
{
    switch (c.kind) {
    case COMMAND_CHOOSE: return session_choose(s, c.choice);
    case COMMAND_CONTINUE: return session_continue(s);
    }
    return -1;
}

int session_play(Session *s, const Command *cmds, int n)
{
    for (int i = 0; i < n; i++) {
        if (cmds[i].kind == COMMAND_CHOOSE)
            while (s->status == SESSION_READING)
                session_continue(s);
        if (session_apply(s, cmds[i]) != 0)
            return i;
    }
    return n;
}

void session_settle(Session *s)
{
    while (s->status == SESSION_READING)
        session_continue(s);
}

/* Replay the first n recorded commands from a fresh start. */
static void replay(Session *s, int n)
{
    Command *cmds = s->cmds;
    s->cmds = NULL;
    s->ncmds = s->capcmds = 0;
    reset(s);
    session_play(s, cmds, n);
    free(cmds);
}

int session_undo(Session *s)
{
    if (s->mode == SESSION_ASSESSMENT)
        return -1;
    int k = s->ncmds - 1;
    while (k >= 0 && s->cmds[k].kind == COMMAND_CONTINUE)
        k--;
    if (k < 0)
        return -1;
    replay(s, k);
    return 0;
}

void session_restart(Session *s)
{
    replay(s, 0);
}

const Scenario *session_scenario(const Session *s) { return s->sc; }
SessionStatus session_status(const Session *s) { return s->status; }
const Node *session_node(const Session *s) { return &s->sc->nodes[s->node]; }
int session_node_index(const Session *s) { return s->node; }
uint64_t session_seed(const Session *s) { return s->seed; }
const char *session_player(const Session *s) { return s->player; }
int session_meter(const Session *s, int meter) { return s->meters[meter]; }
bool session_flag(const Session *s, int flag) { return s->flags[flag]; }
bool session_visited(const Session *s, int node) { return s->visited[node] == s->epoch; }
SessionMode session_mode(const Session *s) { return s->mode; }
void session_set_mode(Session *s, SessionMode mode) { s->mode = mode; }
bool session_shows_feedback(const Session *s) { return s->mode == SESSION_PRACTICE; }
bool session_can_undo(const Session *s) { return s->mode == SESSION_PRACTICE && s->nsteps > 0; }

const Command *session_commands(const Session *s, int *count)
{
    *count = s->ncmds;
    return s->cmds;
}

const Step *session_steps(const Session *s, int *count)
{
    *count = s->nsteps;
    return s->steps;
}

const int *session_trail(const Session *s, int *count)
{
    *count = s->ntrail;
    return s->trail;
}

int session_trail_variant(const Session *s, int pos)
{
    return pos >= 0 && pos < s->ntrail ? s->trail_variant[pos] : -1;
}

int step_best_points(const Node *n, uint16_t visible)
{
    int best = -100;
    for (int i = 0; i < n->nchoices; i++)
        if ((visible >> i) & 1u && n->choices[i].points > best)
            best = n->choices[i].points;
    return best;
}

void session_skill_scores(const Session *s, SkillScore *out)
{
    memset(out, 0, (size_t)s->sc->nskills * sizeof *out);
    for (int i = 0; i < s->nsteps; i++)
        if (s->steps[i].skill >= 0) {
            out[s->steps[i].skill].earned += s->steps[i].points;
            out[s->steps[i].skill].possible += s->steps[i].possible;
        }
}

int compel_percent(int earned, int possible)
{
    if (possible <= 0 || earned <= 0)
        return 0;
    long long num = 200LL * earned + possible;   /* round half up: floor(x + 1/2) */
    long long pct = num / (2LL * possible);
    return pct > 100 ? 100 : (int)pct;
}

int session_percent(const Session *s)
{
    int earned = 0, possible = 0;
    for (int i = 0; i < s->nsteps; i++) {
        earned += s->steps[i].points;
        possible += s->steps[i].possible;
    }
    return compel_percent(earned, possible);
}

char *compel_format_text(const char *text, const char *player)
{
    static const char key[] = "{player}";
    if (!player || !*player)
        player = "Player";
    size_t klen = sizeof key - 1, plen = strlen(player), n = 0;
    for (const char *p = strstr(text, key); p; p = strstr(p + klen, key))
        n++;
    size_t len = strlen(text) + n * plen + 1;
    char *out = malloc(len), *w = out;
    if (!out)
        return NULL;
    for (const char *p = text;;) {
        const char *q = strstr(p, key);
        size_t seg = q ? (size_t)(q - p) : strlen(p);
        memcpy(w, p, seg);
        w += seg;
        if (!q)
            break;
        memcpy(w, player, plen);
        w += plen;
        p = q + klen;
    }
    *w = '\0';
    return out;
}

char *session_format_text(const Session *s, const char *text)
{
    return compel_format_text(text, s->player);
}

void session_view(const Session *s, SessionView *v)
{
    memset(v, 0, sizeof *v);
    v->status = s->status;
    v->node = &s->sc->nodes[s->node];
    v->speaker = v->node->speaker >= 0 ? &s->sc->characters[v->node->speaker] : NULL;
    v->nvisible = session_visible(s, v->visible);
    if (s->nsteps > 0) {
        v->last_step = &s->steps[s->nsteps - 1];
        v->last_choice = &s->sc->nodes[v->last_step->node].choices[v->last_step->choice];
    }
    v->meters_before = s->has_before ? s->meters_before : NULL;
    v->percent = session_percent(s);
    v->can_undo = session_can_undo(s);
}

bool session_spent(const Session *s, int serial)
{
    return s->spent[serial] == s->epoch;
}

void session_set_state(Session *s, const SessionState *st)
{
    const Scenario *sc = s->sc;
    s->node = st->node;
    switch (sc->nodes[st->node].kind) {
    case NODE_ENDING: s->status = SESSION_ENDED; break;
    case NODE_NEXT: s->status = SESSION_READING; break;
    default: s->status = SESSION_DECISION; break;
    }
    memcpy(s->meters, st->meters, (size_t)sc->nmeters * sizeof *s->meters);
    memcpy(s->flags, st->flags, (size_t)sc->nflags * sizeof *s->flags);
    new_epoch(s);
    for (int i = 0; i < st->nvisited; i++)
        s->visited[st->visited[i]] = s->epoch;
    for (int i = 0; i < st->nspent; i++)
        s->spent[st->spent[i]] = s->epoch;
    s->nsteps = s->ntrail = s->ncmds = 0;
    s->has_before = false;
    s->pending_setback = false;
}

void session_set_oracle(Session *s, ChanceOracle oracle, void *ctx)
{
    s->oracle = oracle;
    s->oracle_ctx = ctx;
}
