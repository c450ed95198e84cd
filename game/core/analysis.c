/* analysis.c - explore a scenario's real state space with the engine itself.
 *
 * A state is the node and what can still change the future from there: the
 * meters, flags, spent `once` choices and visited marks that some condition
 * reachable from the node reads (the live state, analysis_state.c). Paths
 * that differ only in the rest merge, which keeps the count of states about
 * linear in the length of a scenario. The explorer puts a session into each
 * state, tries every visible choice, and enumerates chance draws with an
 * oracle, so the rules are never written twice.
 *
 * Scores are path sums, so best and worst are found by dynamic programming
 * over tables "possible -> (max earned, min earned)": for a fixed possible
 * total, percent grows with earned. On an acyclic state graph this is exact;
 * on a cyclic one (a loop that changes nothing) paths are unbounded, and
 * paths of at most depth_bound decisions are scored instead. */
#include "compel/analysis.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis_internal.h"
#include "compel/graph.h"
#include "compel/grow.h"
#include "compel/rng.h"
#include "compel/session.h"

enum { MAX_DRAWS = 24, MAX_LEAVES = 256, NONE = INT_MIN / 4 };

/* A transition: points and possible fit a signed byte (the format keeps
 * points within -10..10), the visible index within 1..9. */
typedef struct Edge { int32_t to; int8_t points, possible; uint8_t index; } Edge;

/* Bytes per state the scoring passes need on top of the exploration
 * (about: the renumbering, the ending marks, value and sums, two picks,
 * path count; order and in-degree when the numbering is not an order). */
enum { SCORE_BYTES_PER_STATE = 40 };

/* Bytes per state the explorer keeps besides the table: edge_first, link. */
#define PER_STATE_BYTES (sizeof(long) + sizeof(int32_t))

typedef struct Explorer {
    const Scenario *sc;
    Session *s;
    Live live;
    StateTable t;
    unsigned char *end_kind;    /* per node: 0 not an ending, 1 an ending, 2 a won ending */
    unsigned char *state_end;   /* per state, once renumbered: its node's end_kind */
    /* per state: where its edges start in edges (they end where the next
     * state's start); link chains the states of one group waiting to be
     * expanded */
    long *edge_first; int32_t *link;
    long cap_first;
    int32_t *wait_head, *wait_tail;   /* per group: states waiting, in order */
    Edge *edges; long nedges, cap_edges;
    Edge *root; int nroot;
    unsigned char *key;         /* scratch */
    LiveScratch scratch;
    bool draws[MAX_DRAWS], prefix[MAX_DRAWS];
    int used, nprefix;
    /* budget */
    long max_states;
    size_t max_bytes;
    double max_seconds, t0, last_report;
    const AnalysisOptions *opt;
    AnalysisStop stop;
    bool oom;
    bool *shown; const int *shown_at;   /* Analysis.variant_shown and variant_at, or NULL */
} Explorer;

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t held_bytes(const Explorer *x)
{
    return x->t.bytes + (size_t)x->cap_edges * sizeof *x->edges + (size_t)x->cap_first * PER_STATE_BYTES +
           (size_t)x->t.n * SCORE_BYTES_PER_STATE;
}

static bool room_for(const Explorer *x, size_t more)
{
    return !x->max_bytes || held_bytes(x) + more <= x->max_bytes;
}

/* The scoring passes run on the renumbered states (renumber): state v's
 * edges are edges[edge_first[v] .. edge_first[v + 1]), and whether it is
 * an ending comes from state_end, a byte per state read in order. */
static int ecount(const Explorer *x, long v)
{
    return (int)(x->edge_first[v + 1] - x->edge_first[v]);
}

static bool is_ending(const Explorer *x, long id)
{
    return x->state_end[id] != 0;
}

static bool ending_won(const Explorer *x, long id)
{
    return x->state_end[id] == 2;
}

static void load_state(Explorer *x, long id)
{
    live_unpack(&x->live, x->s, &x->scratch, x->t.node[id], state_key(&x->t, id));
}

static bool grow_states(Explorer *x, long need)
{
    if (need <= x->cap_first)
        return true;
    long cap = x->cap_first ? x->cap_first + x->cap_first / 2 : 1024;
    if (!room_for(x, (size_t)(cap - x->cap_first) * PER_STATE_BYTES)) {
        x->stop = ANALYSIS_STOP_MEMORY;
        return false;
    }
    long *f = realloc(x->edge_first, (size_t)cap * sizeof *f);
    if (f) x->edge_first = f;
    int32_t *l = realloc(x->link, (size_t)cap * sizeof *l);
    if (l) x->link = l;
    if (!f || !l) {
        x->oom = true;
        return false;
    }
    x->cap_first = cap;
    return true;
}

/* The id of the session's current state, adding it when new; -1 when the
 * budget refuses a new state (x->stop says which part). */
static long intern_current(Explorer *x)
{
    live_pack(&x->live, x->s, x->key);
    size_t room = 0;   /* what the table may hold: the budget less everything else */
    if (x->max_bytes) {
        size_t other = held_bytes(x) - x->t.bytes + SCORE_BYTES_PER_STATE;
        room = other < x->max_bytes ? x->max_bytes - other : 1;
    }
    int node = session_node_index(x->s);
    long before = x->t.n;
    long id = state_table_intern(&x->t, node, x->key, x->max_states, room);
    if (id == -1)
        x->stop = ANALYSIS_STOP_STATES;
    else if (id == -2)
        x->stop = ANALYSIS_STOP_MEMORY;
    if (id < 0 || x->t.n == before)
        return id < 0 ? -1 : id;
    if (!grow_states(x, x->t.n))   /* a new state: it waits in its group's list */
        return -1;
    int g = x->live.group[node];
    x->link[id] = -1;
    if (x->wait_tail[g] >= 0)
        x->link[x->wait_tail[g]] = (int32_t)id;
    else
        x->wait_head[g] = (int32_t)id;
    x->wait_tail[g] = (int32_t)id;
    return id;
}

/* ---- enumerating chance ------------------------------------------------- */

static bool oracle(void *ctx, double chance)
{
    Explorer *x = ctx;
    (void)chance;
    bool r = x->used < x->nprefix ? x->prefix[x->used] : false;
    if (x->used < MAX_DRAWS)
        x->draws[x->used] = r;
    x->used++;
    return r;
}

/* Next prefix in the depth-first enumeration of draw outcomes; false when
 * every combination has been tried. */
static bool next_prefix(Explorer *x)
{
    int n = x->used < MAX_DRAWS ? x->used : MAX_DRAWS;
    int j = n - 1;
    while (j >= 0 && x->draws[j])
        j--;
    if (j < 0)
        return false;
    memcpy(x->prefix, x->draws, (size_t)j * sizeof *x->prefix);
    x->prefix[j] = true;
    x->nprefix = j + 1;
    return true;
}

static bool add_edge(Explorer *x, Edge e)
{
    if (x->nedges == x->cap_edges) {
        long cap = x->cap_edges ? x->cap_edges + x->cap_edges / 2 : 4096;
        if (!room_for(x, (size_t)(cap - x->cap_edges) * sizeof *x->edges)) {
            x->stop = ANALYSIS_STOP_MEMORY;
            return false;
        }
        Edge *v = realloc(x->edges, (size_t)cap * sizeof *v);
        if (!v) {
            x->oom = true;
            return false;
        }
        x->edges = v;
        x->cap_edges = cap;
    }
    x->edges[x->nedges++] = e;
    return true;
}

static bool add_root(Explorer *x, Edge e)
{
    Edge *r = realloc(x->root, ((size_t)x->nroot + 1) * sizeof *r);
    if (!r) {
        x->oom = true;
        return false;
    }
    x->root = r;
    x->root[x->nroot++] = e;
    return true;
}

/* The wordings chosen on the nodes this step entered (the trail starts
 * afresh at each loaded state). */
static void mark_variants(Explorer *x)
{
    int n;
    const int *trail = session_trail(x->s, &n);
    for (int p = 0; p < n; p++) {
        int v = session_trail_variant(x->s, p);
        if (v < 0)
            continue;
        const Node *node = &x->sc->nodes[trail[p]];
        x->shown[x->shown_at[trail[p]] + (node->kind == NODE_ENDING ? node->nvariants : 0) + v] = true;
    }
}

/* Run one action (choose index from state `from`, or start when from < 0)
 * for every chance outcome, adding an edge per resulting state. False when
 * out of memory or the budget stops the exploration. */
static bool expand(Explorer *x, long from, int index)
{
    x->nprefix = 0;
    int leaves = 0;
    do {
        x->used = 0;
        Edge e = {0, 0, 0, (uint8_t)index};
        if (from < 0) {
            session_restart(x->s);
        } else {
            load_state(x, from);
            session_choose(x->s, index);
            int n;
            const Step *st = session_steps(x->s, &n);
            e.points = (int8_t)st[0].points;
            e.possible = (int8_t)st[0].possible;
        }
        while (session_status(x->s) == SESSION_READING)
            session_continue(x->s);
        if (x->shown)
            mark_variants(x);
        long to = intern_current(x);
        if (to < 0)
            return false;
        e.to = (int32_t)to;
        if (!(from < 0 ? add_root(x, e) : add_edge(x, e)))
            return false;
    } while (++leaves < MAX_LEAVES && next_prefix(x));
    return true;
}

/* Check the clock every so often; report progress about every 0.25 s. */
static bool on_budget(Explorer *x, long done)
{
    if (done % 1024 != 0)
        return true;
    double t = seconds_now() - x->t0;
    if (x->opt->progress && t - x->last_report >= 0.25) {
        x->last_report = t;
        x->opt->progress(x->opt->progress_ctx, x->t.n, done, t);
    }
    if (x->max_seconds > 0 && t > x->max_seconds) {
        x->stop = ANALYSIS_STOP_TIME;
        return false;
    }
    return true;
}

/* Every state from the start: true when all were explored. States wait in
 * the list of their node's group and groups are taken in the order of the
 * node graph (sources first; the groups a state leads to come later or are
 * its own), so the explorer sweeps the scenario once, chapter by chapter,
 * and what it touches stays in the cache. */
static bool explore(Explorer *x)
{
    if (!expand(x, -1, 0))
        return false;
    long done = 0;
    for (int g = x->live.nlayouts - 1; g >= 0; g--) {
        for (long id = x->wait_head[g]; id >= 0; id = x->link[id]) {
            if (!on_budget(x, ++done))
                return false;
            x->edge_first[id] = x->nedges;
            if (x->end_kind[x->t.node[id]])
                continue;
            load_state(x, id);
            int vis[COMPEL_MAX_CHOICES];
            int k = session_visible(x->s, vis);
            for (int v = 1; v <= k; v++)
                if (!expand(x, id, v))
                    return false;
        }
    }
    return true;
}

/* ---- score tables -------------------------------------------------------- */

typedef struct Entry { int p, emax, emin, wmax; } Entry;
typedef struct Tab { Entry *e; int n; } Tab;

typedef struct Scratch { Entry *dense; int cap; int *touched; int nt; } Scratch;

static bool scratch_fit(Scratch *sc, int p)
{
    if (p < sc->cap)
        return true;
    int cap = sc->cap ? sc->cap : 256;
    while (cap <= p)
        cap *= 2;
    Entry *d = realloc(sc->dense, (size_t)cap * sizeof *d);
    int *t = realloc(sc->touched, (size_t)cap * sizeof *t);
    if (d) sc->dense = d;
    if (t) sc->touched = t;
    if (!d || !t)
        return false;
    for (int i = sc->cap; i < cap; i++)
        sc->dense[i].p = -1;
    sc->cap = cap;
    return true;
}

static bool scratch_add(Scratch *sc, int p, int emax, int emin, int wmax)
{
    if (!scratch_fit(sc, p))
        return false;
    Entry *d = &sc->dense[p];
    if (d->p < 0) {
        *d = (Entry){p, emax, emin, wmax};
        sc->touched[sc->nt++] = p;
        return true;
    }
    if (emax > d->emax) d->emax = emax;
    if (emin < d->emin) d->emin = emin;
    if (wmax > d->wmax) d->wmax = wmax;
    return true;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Move the scratch entries into a fresh table, sorted by p. */
static bool scratch_take(Scratch *sc, Tab *out)
{
    if (sc->nt > 1)
        qsort(sc->touched, (size_t)sc->nt, sizeof *sc->touched, cmp_int);
    out->n = sc->nt;
    out->e = malloc(((size_t)sc->nt + 1) * sizeof *out->e);
    for (int i = 0; i < sc->nt; i++) {
        if (out->e)
            out->e[i] = sc->dense[sc->touched[i]];
        sc->dense[sc->touched[i]].p = -1;
    }
    sc->nt = 0;
    return out->e != NULL;
}

/* Table of state id from its successors' tables (next[] gives them). */
static bool build_tab(const Explorer *x, long id, const Tab *next, Scratch *sc, Tab *out)
{
    if (is_ending(x, id)) {
        out->e = malloc(sizeof *out->e);
        out->n = out->e ? 1 : 0;
        if (out->e)
            out->e[0] = (Entry){0, 0, 0, ending_won(x, id) ? 0 : NONE};
        return out->e != NULL;
    }
    for (int k = 0; k < ecount(x, id); k++) {
        const Edge *e = &x->edges[x->edge_first[id] + k];
        const Tab *t = &next[e->to];
        for (int i = 0; i < t->n; i++) {
            const Entry *en = &t->e[i];
            if (!scratch_add(sc, en->p + e->possible, en->emax + e->points, en->emin + e->points,
                             en->wmax == NONE ? NONE : en->wmax + e->points))
                return false;
        }
    }
    return scratch_take(sc, out);
}

static const Entry *tab_find(const Tab *t, int p)
{
    int lo = 0, hi = t->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (t->e[mid].p == p) return &t->e[mid];
        if (t->e[mid].p < p) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

enum { WANT_MAX, WANT_MIN, WANT_WON };

static int entry_value(const Entry *e, int want)
{
    return want == WANT_MAX ? e->emax : want == WANT_MIN ? e->emin : e->wmax;
}

/* Walk from the root to an ending along edges that keep (p, e) reachable,
 * writing the choice indices. layer(k) gives the table to use after k
 * decisions (the same table every time on an acyclic graph). */
typedef const Tab *(*LayerFn)(void *ctx, int k);

static void witness(const Explorer *x, LayerFn layer, void *ctx, int want, int p, int e,
                    PathResult *out, int max_len)
{
    out->choices = malloc(((size_t)max_len + 1) * sizeof *out->choices);
    out->nchoices = 0;
    out->needs_chance = x->nroot > 1;
    long cur = -1;
    const Tab *t0 = layer(ctx, 0);
    for (int i = 0; i < x->nroot; i++) {
        const Entry *en = tab_find(&t0[x->root[i].to], p);
        if (en && entry_value(en, want) == e) {
            cur = x->root[i].to;
            break;
        }
    }
    int k = 1;
    while (cur >= 0 && !is_ending(x, cur) && out->choices && out->nchoices < max_len) {
        const Tab *tk = layer(ctx, k);
        long nxt = -1;
        for (int j = 0; j < ecount(x, cur) && nxt < 0; j++) {
            const Edge *ed = &x->edges[x->edge_first[cur] + j];
            const Entry *en = tab_find(&tk[ed->to], p - ed->possible);
            if (en && entry_value(en, want) == e - ed->points && entry_value(en, want) != NONE) {
                nxt = ed->to;
                p -= ed->possible;
                e -= ed->points;
                out->choices[out->nchoices++] = ed->index;
                int same = 0;
                for (int q = 0; q < ecount(x, cur); q++)
                    same += x->edges[x->edge_first[cur] + q].index == ed->index;
                out->needs_chance |= same > 1;
            }
        }
        cur = nxt;
        k++;
    }
    if (cur >= 0 && is_ending(x, cur))
        out->ending = x->t.node[cur];
}

/* Pick the best (or worst) entry of the root table and fill out. */
static void pick(const Explorer *x, LayerFn layer, void *ctx, int want, PathResult *out, int max_len)
{
    const Tab *t0 = layer(ctx, 0);
    int bestp = -1, beste = 0, bestpct = want == WANT_MIN ? 101 : -1;
    for (int i = 0; i < x->nroot; i++) {
        const Tab *t = &t0[x->root[i].to];
        for (int j = 0; j < t->n; j++) {
            int e = entry_value(&t->e[j], want);
            if (e == NONE)
                continue;
            int pct = compel_percent(e, t->e[j].p);
            bool better = want == WANT_MIN ? pct < bestpct : pct > bestpct;
            if (better) {
                bestpct = pct;
                bestp = t->e[j].p;
                beste = e;
            }
        }
    }
    memset(out, 0, sizeof *out);
    out->ending = -1;
    if (bestp < 0)
        return;
    out->found = true;
    out->percent = bestpct;
    out->earned = beste;
    out->possible = bestp;
    witness(x, layer, ctx, want, bestp, beste, out, max_len);
}

typedef struct Layers { Tab **layer; int count; } Layers;

static const Tab *nth_layer(void *ctx, int k)
{
    Layers *l = ctx;
    int i = l->count - 1 - k;   /* layer[i] scores paths of at most i decisions */
    return l->layer[i < 0 ? 0 : i];
}

static void free_tabs(Tab *t, long n)
{
    for (long i = 0; t && i < n; i++)
        free(t[i].e);
    free(t);
}

/* Number the states in the order they were expanded (the wait lists still
 * hold it): the sweep goes through the scenario once, so the scoring passes
 * then read every per-state array and the edges in memory order, and a
 * state's successors lie just after it. When every edge leads to a higher
 * number (the usual case: the node graph has no loop, or the loops' states
 * came in order), that numbering is itself a topological order; *ordered
 * says so. The results do not depend on the numbering: every pass reads
 * values of the successors only and breaks ties by edge order. */
static bool renumber(Explorer *x, bool *ordered)
{
    long n = x->t.n;
    int32_t *rank = malloc(((size_t)n + 1) * sizeof *rank);
    int32_t *node = malloc(((size_t)n + 1) * sizeof *node);
    long *first = malloc(((size_t)n + 1) * sizeof *first);
    x->state_end = malloc((size_t)n + 1);
    if (!rank || !node || !first || !x->state_end) {
        free(rank); free(node); free(first);
        return false;
    }
    long r = 0;
    for (int g = x->live.nlayouts - 1; g >= 0; g--)
        for (long id = x->wait_head[g]; id >= 0; id = x->link[id]) {
            rank[id] = (int32_t)r;
            node[r] = x->t.node[id];
            first[r] = x->edge_first[id];
            x->state_end[r] = x->end_kind[node[r]];
            r++;
        }
    first[n] = x->nedges;
    *ordered = true;
    for (long v = 0; v < n; v++)
        for (long e = first[v]; e < first[v + 1]; e++) {
            x->edges[e].to = rank[x->edges[e].to];
            *ordered &= x->edges[e].to > v;
        }
    for (int i = 0; i < x->nroot; i++)
        x->root[i].to = rank[x->root[i].to];
    free(rank);
    free(x->t.node);
    x->t.node = node;
    free(x->edge_first);
    x->edge_first = first;
    return true;
}

/* Kahn's algorithm: a topological order of the states, or false when the
 * state graph has a cycle. The states ready next are kept per group and
 * the groups taken in the explorer's order, so the order (and every pass
 * over it) moves through the scenario once; the explorer's wait lists are
 * reused as the ready lists. */
static bool topo_order(Explorer *x, long *order)
{
    long n = x->t.n, tail = 0;
    int *indeg = calloc((size_t)n + 1, sizeof *indeg);
    if (!indeg)
        return false;
    for (long e = 0; e < x->nedges; e++)
        indeg[x->edges[e].to]++;
    for (int g = 0; g < x->live.nlayouts; g++)
        x->wait_head[g] = -1;
    for (long i = n - 1; i >= 0; i--)
        if (!indeg[i]) {
            int g = x->live.group[x->t.node[i]];
            x->link[i] = x->wait_head[g];
            x->wait_head[g] = (int32_t)i;
        }
    for (int g = x->live.nlayouts - 1; g >= 0; g--) {
        while (x->wait_head[g] >= 0) {
            long v = x->wait_head[g];
            x->wait_head[g] = x->link[v];
            order[tail++] = v;
            for (int k = 0; k < ecount(x, v); k++) {
                long to = x->edges[x->edge_first[v] + k].to;
                if (--indeg[to] == 0) {
                    int h = x->live.group[x->t.node[to]];
                    x->link[to] = x->wait_head[h];
                    x->wait_head[h] = (int32_t)to;
                }
            }
        }
    }
    free(indeg);
    return tail == n;
}

/* ---- acyclic graphs: Dinkelbach's method ----------------------------------
 * The percent is a ratio E / P of path sums. For a ratio a/b, one pass in
 * reverse topological order finds the path maximising E*b - a*P; when that
 * maximum is above 0 the path found has a better ratio, and repeating from
 * its ratio converges (superlinearly) to the best one. Each pass is
 * O(states + transitions), so the whole analysis stays linear in practice. */

#define DP_NONE (LLONG_MIN / 4)

/* order[i], or i when order is NULL (the numbering is topological). */
static long nth(const long *order, long i)
{
    return order ? order[i] : i;
}

/* Per state, the best value of a pass and the sums of the path it picked
 * (side by side: a pass reads all three of each successor at once). */
typedef struct DpVal { long long val; int earned, possible; } DpVal;

/* Per state, the successor a pass picked (-1: none) and the edge taking it
 * (its place among the state's edges): following next[] alone, the walk
 * down a path waits for one load per step, not three. */
typedef struct Pick { int32_t *next; uint16_t *edge; } Pick;

/* pick[cur] is the pass being run, pick[1 - cur] the pass last kept:
 * only the kept pass's path is walked, once, at the end. */
typedef struct Dp { DpVal *v; Pick pick[2]; int root[2]; int cur; } Dp;

/* Maximise sign * (E*b - a*P) over paths from the start to an ending (won
 * endings only, when won_only). False when no path qualifies. */
static bool dp_pass(const Explorer *x, const long *order, int sign, long long a, long long b,
                    bool won_only, Dp *dp)
{
    Pick *pick = &dp->pick[dp->cur];
    for (long i = x->t.n - 1; i >= 0; i--) {
        long v = nth(order, i);
        pick->next[v] = -1;
        if (is_ending(x, v)) {
            dp->v[v] = (DpVal){won_only && !ending_won(x, v) ? DP_NONE : 0, 0, 0};
            continue;
        }
        long long best = DP_NONE;
        int k = 0, n = ecount(x, v);
        const Edge *e = &x->edges[x->edge_first[v]];
        for (int j = 0; j < n; j++) {
            const DpVal *to = &dp->v[e[j].to];
            if (to->val == DP_NONE)
                continue;
            long long w = sign * ((long long)e[j].points * b - a * (long long)e[j].possible) + to->val;
            if (w > best) {
                best = w;
                k = j;
            }
        }
        if (best == DP_NONE) {
            dp->v[v].val = DP_NONE;
            continue;
        }
        pick->next[v] = e[k].to;
        pick->edge[v] = (uint16_t)k;
        const DpVal *to = &dp->v[e[k].to];
        dp->v[v] = (DpVal){best, to->earned + e[k].points, to->possible + e[k].possible};
    }
    int root = -1;
    long long best = DP_NONE;
    for (int r = 0; r < x->nroot; r++)
        if (dp->v[x->root[r].to].val > best) {
            best = dp->v[x->root[r].to].val;
            root = r;
        }
    dp->root[dp->cur] = root;
    return root >= 0;
}

static const DpVal *dp_root(const Explorer *x, const Dp *dp)
{
    return &dp->v[x->root[dp->root[dp->cur]].to];
}

/* The path the kept pass picked (pick[kept]), with its sums and the
 * choices that take it, walked once. */
static void dp_path(const Explorer *x, const Dp *dp, int kept, PathResult *out)
{
    const Pick *pick = &dp->pick[kept];
    free(out->choices);
    memset(out, 0, sizeof *out);
    out->ending = -1;
    int cap = 0;
    out->needs_chance = x->nroot > 1;
    long v = x->root[dp->root[kept]].to;
    for (; !is_ending(x, v) && pick->next[v] >= 0; v = pick->next[v]) {
        if (!GROW(&out->choices, &cap, out->nchoices + 1)) {
            free(out->choices);
            out->choices = NULL;
            out->nchoices = 0;
            return;
        }
        const Edge *first = &x->edges[x->edge_first[v]], *e = &first[pick->edge[v]];
        out->choices[out->nchoices++] = e->index;
        out->earned += e->points;
        out->possible += e->possible;
        int same = 0;
        for (int k = 0; k < ecount(x, v); k++)
            same += first[k].index == e->index;
        out->needs_chance |= same > 1;
    }
    if (!out->choices && !GROW(&out->choices, &cap, 1))   /* never NULL once found */
        return;
    out->ending = x->t.node[v];
    out->found = true;
    out->percent = compel_percent(out->earned, out->possible);
}

/* Best (sign +1) or worst (sign -1) percent over the paths, by Dinkelbach
 * iterations starting from the path with the most (or least) earned. Each
 * pass gives its path's sums at the root, so no path is walked until the
 * last one is known. */
static void dp_optimise(const Explorer *x, const long *order, int sign, bool won_only, Dp *dp,
                        PathResult *out)
{
    dp->cur = 0;
    if (!dp_pass(x, order, sign, 0, 1, won_only, dp))
        return;
    int kept = dp->cur;
    DpVal r = *dp_root(x, dp);
    for (int iter = 0; r.earned > 0 && iter < 200; iter++) {
        /* best: every path scores 0; worst: this one already does */
        dp->cur = 1 - kept;
        if (!dp_pass(x, order, sign, r.earned, r.possible, won_only, dp) || dp_root(x, dp)->val <= 0)
            break;   /* no path has a better ratio: the kept one is optimal */
        kept = dp->cur;
        r = *dp_root(x, dp);
    }
    dp_path(x, dp, kept, out);
}

static bool score_acyclic(Explorer *x, const long *order, Analysis *a)
{
    long n = x->t.n;
    Dp dp = {malloc(((size_t)n + 1) * sizeof *dp.v), {{0}}, {-1, -1}, 0};
    for (int i = 0; i < 2; i++) {
        dp.pick[i].next = malloc(((size_t)n + 1) * sizeof *dp.pick[i].next);
        dp.pick[i].edge = malloc(((size_t)n + 1) * sizeof *dp.pick[i].edge);
    }
    uint64_t *paths = calloc((size_t)n + 1, sizeof *paths);
    bool ok = dp.v && dp.pick[0].next && dp.pick[0].edge && dp.pick[1].next && dp.pick[1].edge && paths;
    for (long i = n - 1; ok && i >= 0; i--) {
        long v = nth(order, i);
        if (is_ending(x, v)) {
            paths[v] = 1;
            continue;
        }
        for (int k = 0; k < ecount(x, v); k++) {
            uint64_t add = paths[x->edges[x->edge_first[v] + k].to];
            if (paths[v] > UINT64_MAX - add) {
                paths[v] = UINT64_MAX;
                a->paths_saturated = true;
            } else {
                paths[v] += add;
            }
        }
    }
    if (ok) {
        for (int r = 0; r < x->nroot; r++) {
            uint64_t add = paths[x->root[r].to];
            if (a->paths > UINT64_MAX - add) {
                a->paths = UINT64_MAX;
                a->paths_saturated = true;
            } else {
                a->paths += add;
            }
        }
        dp_optimise(x, order, +1, false, &dp, &a->best);
        dp_optimise(x, order, -1, false, &dp, &a->worst);
        dp_optimise(x, order, +1, true, &dp, &a->best_won);
    }
    free(dp.v);
    for (int i = 0; i < 2; i++) {
        free(dp.pick[i].next);
        free(dp.pick[i].edge);
    }
    free(paths);
    return ok;
}

/* Cyclic graphs: layer i scores paths of at most i decisions. Layers are
 * added until 80 decisions or until the tables hold WORK_BUDGET entries in
 * all (the cost grows with states x depth x distinct scores), whichever
 * comes first; depth_bound says how far it got. */
enum { MAX_DEPTH = 80, WORK_BUDGET = 2000000 };

static bool score_bounded(Explorer *x, Analysis *a)
{
    long n = x->t.n;
    Layers l = {calloc(MAX_DEPTH + 1, sizeof(Tab *)), 0};
    Scratch sc = {0};
    bool ok = l.layer != NULL;
    long work = 0;
    int depth = 0;
    for (int d = 0; ok && d <= MAX_DEPTH; d++) {
        l.layer[d] = calloc((size_t)n + 1, sizeof(Tab));
        ok = l.layer[d] != NULL;
        for (long v = 0; ok && v < n; v++) {
            if (d == 0 && !is_ending(x, v))
                continue;   /* with no decisions left, only endings score */
            ok = build_tab(x, v, d ? l.layer[d - 1] : l.layer[0], &sc, &l.layer[d][v]);
            work += l.layer[d][v].n + ecount(x, v);
        }
        l.count = d + 1;
        depth = d;
        if (work > WORK_BUDGET && d >= 2)
            break;
    }
    if (ok) {
        a->depth_bound = depth;
        pick(x, nth_layer, &l, WANT_MAX, &a->best, depth);
        pick(x, nth_layer, &l, WANT_MIN, &a->worst, depth);
        pick(x, nth_layer, &l, WANT_WON, &a->best_won, depth);
    }
    for (int d = 0; l.layer && d < l.count; d++)
        free_tabs(l.layer[d], n);
    free(l.layer);
    free(sc.dense);
    free(sc.touched);
    return ok;
}

/* ---- search, when the state space is too large ---------------------------- */

enum { POLICY_RANDOM, POLICY_GREEDY_MAX, POLICY_GREEDY_MIN };

/* Play one playthrough by a policy and return its session (the caller
 * destroys it), recording the visible indices chosen when choices is not
 * NULL. Stops after 10000 moves if no ending comes. NULL when out of memory. */
static Session *play_policy(const Scenario *sc, uint64_t seed, int policy, Rng *pick, int **choices,
                            int *n, int *cap)
{
    Session *s = session_create(sc, seed, "Player");
    if (!s)
        return NULL;
    if (n)
        *n = 0;
    for (int steps = 0; steps < 10000 && session_status(s) != SESSION_ENDED; steps++) {
        if (session_status(s) == SESSION_READING) {
            session_continue(s);
            continue;
        }
        int vis[COMPEL_MAX_CHOICES];
        int k = session_visible(s, vis), best = 0;
        const Node *node = session_node(s);
        if (policy == POLICY_RANDOM) {
            best = (int)rng_below(pick, (uint32_t)k);
        } else {
            for (int i = 1; i < k; i++) {
                int p = node->choices[vis[i]].points, b = node->choices[vis[best]].points;
                if (policy == POLICY_GREEDY_MAX ? p > b : p < b)
                    best = i;
            }
        }
        if (choices) {
            if (*n == *cap) {
                int nc = *cap ? *cap * 2 : 64;
                int *v = realloc(*choices, (size_t)nc * sizeof *v);
                if (!v) {
                    session_destroy(s);
                    return NULL;
                }
                *choices = v;
                *cap = nc;
            }
            (*choices)[(*n)++] = best + 1;
        }
        session_choose(s, best + 1);
    }
    return s;
}

static void keep(PathResult *r, const int *choices, int n, int percent, int earned, int possible,
                 int ending, uint64_t seed, bool better)
{
    if (r->found && !better)
        return;
    int *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return;
    memcpy(c, choices, (size_t)n * sizeof *c);
    free(r->choices);
    r->choices = c;
    r->nchoices = n;
    r->percent = percent;
    r->earned = earned;
    r->possible = possible;
    r->ending = ending;
    r->found = true;
    r->needs_chance = false;
    r->has_seed = true;       /* found with this seed; chance may go otherwise with another */
    r->seed = seed;
}

/* Best and worst found by greedy and seeded random playthroughs. */
static bool search(const Scenario *sc, uint64_t seed, Analysis *a)
{
    Rng pick;
    rng_seed(&pick, seed ^ UINT64_C(0x5EA2C4));
    int *choices = NULL, n = 0, cap = 0;
    for (int i = 0; i < 2002; i++) {
        int policy = i == 0 ? POLICY_GREEDY_MAX : i == 1 ? POLICY_GREEDY_MIN : POLICY_RANDOM;
        uint64_t s = i < 2 ? seed : rng_next(&pick);
        Session *t = play_policy(sc, s, policy, &pick, &choices, &n, &cap);
        if (!t)
            break;
        if (session_status(t) != SESSION_ENDED) {
            session_destroy(t);
            continue;
        }
        int pct = session_percent(t), end = session_node_index(t);
        bool won = session_node(t)->outcome == OUTCOME_WON;
        int e = 0, p = 0, ns;
        const Step *st = session_steps(t, &ns);
        for (int k = 0; k < ns; k++) {
            e += st[k].points;
            p += st[k].possible;
        }
        session_destroy(t);
        keep(&a->best, choices, n, pct, e, p, end, s, pct > a->best.percent);
        keep(&a->worst, choices, n, pct, e, p, end, s, pct < a->worst.percent);
        if (won)
            keep(&a->best_won, choices, n, pct, e, p, end, s, pct > a->best_won.percent);
    }
    free(choices);
    a->estimated = true;
    return true;
}

/* ---- random play ---------------------------------------------------------- */

static int cmp_ints(const void *a, const void *b)
{
    return cmp_int(a, b);
}

static bool sample(const Scenario *sc, const AnalysisOptions *opt, Analysis *a)
{
    int n = opt->samples;
    int *pct = malloc(((size_t)n + 1) * sizeof *pct);
    if (!pct)
        return false;
    Rng picker;
    rng_seed(&picker, opt->seed);
    int done = 0;
    long sum = 0;
    for (int i = 0; i < n; i++) {
        uint64_t seed = rng_next(&picker);
        Session *s = play_policy(sc, seed, POLICY_RANDOM, &picker, NULL, NULL, NULL);
        if (!s) {
            free(pct);
            return false;
        }
        if (session_status(s) == SESSION_ENDED) {
            pct[done] = session_percent(s);
            sum += pct[done++];
            a->sample_outcomes[session_node(s)->outcome]++;
        } else {
            a->sample_unfinished++;
        }
        session_destroy(s);
    }
    a->samples = n;
    if (done > 1)
        qsort(pct, (size_t)done, sizeof *pct, cmp_ints);
    if (done) {
        a->sample_mean = (double)sum / done;
        a->sample_min = pct[0];
        a->sample_max = pct[done - 1];
        a->sample_median = pct[done / 2];
    }
    free(pct);
    return true;
}

/* ---- entry point ------------------------------------------------------------ */

/* The static shape, in one pass over the nodes, which also fills the
 * explorer's table of endings. */
static void shape(const Scenario *sc, Analysis *a, const bool *reach, unsigned char *end_kind)
{
    a->nodes = sc->nnodes;
    for (int i = 0; i < sc->nnodes; i++) {
        const Node *n = &sc->nodes[i];
        end_kind[i] = n->kind != NODE_ENDING ? 0 : n->outcome == OUTCOME_WON ? 2 : 1;
        if (!reach[i]) {
            a->unreachable[a->nunreachable++] = i;
            continue;
        }
        a->reachable++;
        a->setbacks += n->setback;
        if (n->kind == NODE_CHOICES) {
            a->decisions++;
            if (n->skill >= 0)
                a->decisions_per_skill[n->skill]++;
        } else if (n->kind == NODE_ENDING) {
            a->endings_per_outcome[n->outcome]++;
        }
    }
}

static bool explorer_init(Explorer *x, const Scenario *sc, const AnalysisOptions *opt)
{
    memset(x, 0, sizeof *x);
    x->sc = sc;
    x->opt = opt;
    x->max_states = opt->max_states;
    x->max_bytes = opt->max_memory;
    x->max_seconds = opt->max_seconds;
    x->t0 = seconds_now();
    x->s = session_create(sc, 0, "Player");
    if (!x->s || !live_scratch_init(&x->scratch, sc) || !live_build(sc, opt->variants, &x->live) ||
        !state_table_init(&x->t, &x->live, sc->nnodes))
        return false;
    x->key = malloc((size_t)x->live.max_bytes + 1);
    x->end_kind = malloc((size_t)sc->nnodes + 1);   /* filled by shape */
    if (!x->end_kind)
        return false;
    x->wait_head = malloc(((size_t)x->live.nlayouts + 1) * sizeof *x->wait_head);
    x->wait_tail = malloc(((size_t)x->live.nlayouts + 1) * sizeof *x->wait_tail);
    if (!x->key || !x->wait_head || !x->wait_tail)
        return false;
    for (int g = 0; g < x->live.nlayouts; g++)
        x->wait_head[g] = x->wait_tail[g] = -1;
    session_set_oracle(x->s, oracle, x);
    return true;
}

static void explorer_free(Explorer *x)
{
    session_destroy(x->s);
    state_table_free(&x->t, x->sc->nnodes);
    live_free(&x->live);
    live_scratch_free(&x->scratch);
    free(x->edge_first);
    free(x->link);
    free(x->wait_head);
    free(x->wait_tail);
    free(x->edges);
    free(x->root);
    free(x->key);
    free(x->end_kind);
    free(x->state_end);
}

static bool score(Explorer *x, Analysis *a)
{
    bool ordered;
    if (!renumber(x, &ordered))
        return false;
    long *order = NULL;   /* NULL: the numbering is the order */
    if (!ordered) {
        order = malloc(((size_t)x->t.n + 1) * sizeof *order);
        if (!order)
            return false;
        a->cyclic = !topo_order(x, order);
    }
    bool ok = a->cyclic ? score_bounded(x, a) : score_acyclic(x, order, a);
    free(order);
    return ok;
}

/* Room for a mark per node variant (AnalysisOptions.variants). */
static bool variants_init(const Scenario *sc, Analysis *a)
{
    a->variant_at = malloc(((size_t)sc->nnodes + 1) * sizeof *a->variant_at);
    int total = 0;
    for (int i = 0; a->variant_at && i < sc->nnodes; i++) {
        a->variant_at[i] = total;
        total += sc->nodes[i].nvariants + sc->nodes[i].nending_variants;
    }
    a->variant_shown = calloc((size_t)total + 1, sizeof *a->variant_shown);
    return a->variant_at && a->variant_shown;
}

int analysis_run(const Scenario *sc, const AnalysisOptions *opt, Analysis *a)
{
    memset(a, 0, sizeof *a);
    a->best.ending = a->worst.ending = a->best_won.ending = -1;
    a->decisions_per_skill = calloc((size_t)sc->nskills + 1, sizeof *a->decisions_per_skill);
    a->unreachable = malloc(((size_t)sc->nnodes + 1) * sizeof *a->unreachable);
    if (!a->decisions_per_skill || !a->unreachable || (opt->variants && !variants_init(sc, a)))
        return -1;
    Explorer x;
    bool ok = explorer_init(&x, sc, opt);
    bool *reach = ok ? malloc((size_t)sc->nnodes + 1) : NULL;
    ok = reach != NULL;
    if (ok) {
        live_reachable(&x.live, sc, reach);
        shape(sc, a, reach, x.end_kind);
    }
    free(reach);
    x.shown = a->variant_shown;
    x.shown_at = a->variant_at;
    a->complete = ok && explore(&x);
    ok = ok && !x.oom;
    a->states = x.t.n;
    a->edges = x.nedges;
    a->stopped = a->complete ? ANALYSIS_STOP_NONE : x.stop;
    a->state_bytes = held_bytes(&x) - (size_t)x.t.n * SCORE_BYTES_PER_STATE;
    a->key_bytes = x.live.max_bytes;
    a->explore_seconds = seconds_now() - x.t0;
    if (ok && !a->complete)
        ok = search(sc, opt->seed, a);
    else if (ok)
        ok = score(&x, a);
    explorer_free(&x);
    if (ok) {
        a->won_at_100 = a->best_won.found && a->best_won.percent == 100;
        if (opt->samples > 0)
            ok = sample(sc, opt, a);
    }
    return ok ? 0 : -1;
}

void analysis_free(Analysis *a)
{
    free(a->decisions_per_skill);
    free(a->unreachable);
    free(a->best.choices);
    free(a->worst.choices);
    free(a->best_won.choices);
    free(a->variant_shown);
    free(a->variant_at);
    memset(a, 0, sizeof *a);
}
