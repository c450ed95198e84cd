/* analysis_state.c - the live state of each node and the packed state table.
 *
 * A condition reads meters, flags, visited marks; a `once` choice reads
 * whether it was spent. From a node, only what some condition at a node
 * reachable from it reads can change what follows: the rest is dropped from
 * the explored state. Every node that can come later is reachable, so what
 * is live at a successor is live here too: the explorer can load a state,
 * play one step and pack the successor's state without losing anything.
 * The sets come from one backward pass over the strongly connected parts
 * of the node graph (Tarjan), sinks first. */
#include "analysis_internal.h"

#include <stdlib.h>
#include <string.h>

#include "compel/graph.h"
#include "compel/grow.h"

/* ---- the variables some condition reads ---------------------------------- */

typedef struct Vars {
    int *meter, *flag, *visited, *spent;   /* scenario index -> variable, or -1 */
    LiveField *field; int n;               /* variable -> field */
    bool variants;                         /* variants' conditions are read too */
} Vars;

static void add_var(Vars *v, int *slot, LiveKind kind, int ref)
{
    if (*slot >= 0)
        return;
    *slot = v->n;
    v->field[v->n++] = (LiveField){kind, ref, 0, 1};
}

static void cond_vars(Vars *v, const Condition *c)
{
    if (!c)
        return;
    switch (c->kind) {
    case COND_METER: add_var(v, &v->meter[c->ref], LIVE_METER, c->ref); break;
    case COND_FLAG: add_var(v, &v->flag[c->ref], LIVE_FLAG, c->ref); break;
    case COND_VISITED: add_var(v, &v->visited[c->ref], LIVE_VISITED, c->ref); break;
    default:
        for (int i = 0; i < c->count; i++)
            cond_vars(v, &c->items[i]);
    }
}

static int cond_var(const Vars *v, const Condition *c)
{
    return c->kind == COND_METER ? v->meter[c->ref] : c->kind == COND_FLAG ? v->flag[c->ref]
                                                                          : v->visited[c->ref];
}

typedef uint64_t Word;

static void set_bit(Word *set, int i) { set[i / 64] |= (Word)1 << (i % 64); }
static bool has_bit(const Word *set, int i) { return (set[i / 64] >> (i % 64)) & 1u; }

static void cond_mark(const Vars *v, const Condition *c, Word *set)
{
    if (!c)
        return;
    if (c->kind == COND_METER || c->kind == COND_FLAG || c->kind == COND_VISITED) {
        set_bit(set, cond_var(v, c));
        return;
    }
    for (int i = 0; i < c->count; i++)
        cond_mark(v, &c->items[i], set);
}

/* What node n itself reads. */
static void node_reads(const Vars *v, const Node *n, Word *set)
{
    for (int k = 0; n->kind == NODE_CHOICES && k < n->nchoices; k++) {
        cond_mark(v, n->choices[k].when, set);
        if (n->choices[k].once)
            set_bit(set, v->spent[n->choices[k].serial]);
    }
    for (int k = 0; n->kind == NODE_ROUTE && k < n->nroute; k++)
        cond_mark(v, n->route[k].when, set);
    for (int k = 0; v->variants && k < n->nvariants; k++)
        cond_mark(v, n->variants[k].when, set);
    for (int k = 0; v->variants && k < n->nending_variants; k++)
        cond_mark(v, n->ending_variants[k].when, set);
}

static void effect_marks(const Vars *v, Effects fx, Word *set)
{
    for (int i = 0; i < fx.count; i++)
        if (v->meter[fx.items[i].meter] >= 0)
            set_bit(set, v->meter[fx.items[i].meter]);
}

/* What entering node i and leaving it by a choice may change. */
static void node_writes(const Vars *v, const Scenario *sc, int i, Word *set)
{
    const Node *n = &sc->nodes[i];
    effect_marks(v, n->effects, set);
    if (v->visited[i] >= 0)
        set_bit(set, v->visited[i]);
    for (int k = 0; n->kind == NODE_CHOICES && k < n->nchoices; k++) {
        const Choice *c = &n->choices[k];
        effect_marks(v, c->effects, set);
        for (int f = 0; f < c->nset; f++)
            if (v->flag[c->set[f]] >= 0)
                set_bit(set, v->flag[c->set[f]]);
        for (int f = 0; f < c->nclear; f++)
            if (v->flag[c->clear[f]] >= 0)
                set_bit(set, v->flag[c->clear[f]]);
        if (v->spent[c->serial] >= 0)
            set_bit(set, v->spent[c->serial]);
    }
}

/* The node graph in compressed rows: node n's edges are to[off[n] .. off[n+1]). */
typedef struct Adj { int *off, *to; int n, cap; bool failed; } Adj;

static void add_edge_to(int to, void *ctx)
{
    Adj *a = ctx;
    if (!a->failed && GROW(&a->to, &a->cap, a->off[a->n] + 1))
        a->to[a->off[a->n]++] = to;
    else
        a->failed = true;
}

/* The one pass over the scenario's choices and routes before the live sets:
 * the variables some condition reads, and the edges of each node (read
 * while the node is in the cache: at 50,000 nodes the scenario is far
 * larger than the cache, and every walk over it costs a trip to memory). */
static bool scan_nodes(const Scenario *sc, Vars *v, Adj *a)
{
    size_t total = (size_t)sc->nmeters + (size_t)sc->nflags + (size_t)sc->nnodes + (size_t)sc->nchoices_total;
    v->meter = malloc((total + 1) * sizeof *v->meter);
    v->field = malloc((total + 1) * sizeof *v->field);
    a->off = malloc(((size_t)sc->nnodes + 1) * sizeof *a->off);
    if (!v->meter || !v->field || !a->off)
        return false;
    memset(v->meter, 0xff, (total + 1) * sizeof *v->meter);
    v->flag = v->meter + sc->nmeters;
    v->visited = v->flag + sc->nflags;
    v->spent = v->visited + sc->nnodes;
    a->off[0] = 0;
    for (int i = 0; i < sc->nnodes; i++) {
        const Node *n = &sc->nodes[i];
        for (int k = 0; n->kind == NODE_CHOICES && k < n->nchoices; k++) {
            cond_vars(v, n->choices[k].when);
            if (n->choices[k].once)
                add_var(v, &v->spent[n->choices[k].serial], LIVE_SPENT, n->choices[k].serial);
        }
        for (int k = 0; n->kind == NODE_ROUTE && k < n->nroute; k++)
            cond_vars(v, n->route[k].when);
        for (int k = 0; v->variants && k < n->nvariants; k++)
            cond_vars(v, n->variants[k].when);
        for (int k = 0; v->variants && k < n->nending_variants; k++)
            cond_vars(v, n->ending_variants[k].when);
        a->n = i + 1;   /* the row being filled ends at off[n] */
        a->off[i + 1] = a->off[i];
        graph_edges(sc, i, add_edge_to, a);
    }
    a->n = sc->nnodes;
    if (a->failed || !GROW(&a->to, &a->cap, 1))   /* to is never NULL */
        return false;
    for (int i = 0; i < v->n; i++) {
        LiveField *f = &v->field[i];
        if (f->kind != LIVE_METER)
            continue;
        const Meter *m = &sc->meters[f->ref];
        unsigned long long span = (unsigned long long)((long long)m->max - m->min);
        f->lo = m->min;
        f->width = 0;
        while (f->width < 32 && (span >> f->width) != 0)
            f->width++;
    }
    return true;
}

static void vars_free(Vars *v)
{
    free(v->meter);
    free(v->field);
}

/* ---- strongly connected parts, sinks first ------------------------------- */

/* Tarjan's algorithm without recursion: comp[v] numbers the parts so that
 * every edge goes to a part with the same or a smaller number. */
static int tarjan(const Adj *a, int *comp)
{
    size_t n = (size_t)a->n + 1;
    int *index = malloc(n * sizeof *index), *low = malloc(n * sizeof *low);
    int *pos = malloc(n * sizeof *pos), *stack = malloc(n * sizeof *stack), *call = malloc(n * sizeof *call);
    int ncomp = -1;
    if (index && low && pos && stack && call) {
        ncomp = 0;
        int counter = 0, top = 0;
        for (int v = 0; v < a->n; v++)
            index[v] = -1, comp[v] = -1;
        for (int root = 0; root < a->n; root++) {
            if (index[root] >= 0)
                continue;
            int depth = 0;
            call[depth++] = root;
            index[root] = low[root] = counter++;
            pos[root] = a->off[root];
            stack[top++] = root;
            while (depth > 0) {
                int v = call[depth - 1];
                if (pos[v] < a->off[v + 1]) {
                    int w = a->to[pos[v]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        pos[w] = a->off[w];
                        stack[top++] = w;
                        call[depth++] = w;
                    } else if (comp[w] < 0 && index[w] < low[v]) {
                        low[v] = index[w];   /* w is still on the stack */
                    }
                    continue;
                }
                depth--;
                if (depth > 0 && low[v] < low[call[depth - 1]])
                    low[call[depth - 1]] = low[v];
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--top];
                        comp[w] = ncomp;
                    } while (w != v);
                    ncomp++;
                }
            }
        }
    }
    free(index); free(low); free(pos); free(stack); free(call);
    return ncomp;
}

/* ---- live sets and layouts ------------------------------------------------ */

enum { MAX_SET_WORDS = 1 << 23 };   /* 64 MB of sets at most; beyond, one layout for all */

static bool layouts_from_sets(Live *lv, const Vars *v, const Word *sets, int nsets, int words)
{
    size_t nf = 0;
    for (int c = 0; c < nsets; c++)
        for (int i = 0; i < v->n; i++)
            nf += has_bit(sets + (size_t)c * (size_t)words, i);
    lv->layouts = malloc(((size_t)nsets + 1) * sizeof *lv->layouts);
    lv->fields = malloc((nf + 1) * sizeof *lv->fields);
    if (!lv->layouts || !lv->fields)
        return false;
    lv->nlayouts = nsets;
    lv->nfields = 0;
    lv->max_bytes = 0;
    for (int c = 0; c < nsets; c++) {
        LiveLayout *l = &lv->layouts[c];
        l->first = lv->nfields;
        int bits = 0;
        for (int i = 0; i < v->n; i++)
            if (has_bit(sets + (size_t)c * (size_t)words, i)) {
                lv->fields[lv->nfields++] = v->field[i];
                bits += v->field[i].width;
            }
        l->count = lv->nfields - l->first;
        l->bytes = (bits + 7) / 8;
        if (l->bytes > lv->max_bytes)
            lv->max_bytes = l->bytes;
    }
    return true;
}

/* Nodes grouped by part, parts in number order (sinks first). */
static bool group_nodes(const Scenario *sc, const int *comp, int ncomp, int *order)
{
    int *start = calloc((size_t)ncomp + 2, sizeof *start);
    if (!start)
        return false;
    for (int i = 0; i < sc->nnodes; i++)
        start[comp[i] + 2]++;
    for (int c = 0; c < ncomp; c++)
        start[c + 2] += start[c + 1];
    for (int i = 0; i < sc->nnodes; i++)
        order[start[comp[i] + 1]++] = i;
    free(start);
    return true;
}

static void set_or(Word *to, const Word *from, int words)
{
    if (to != from)
        for (int w = 0; w < words; w++)
            to[w] |= from[w];
}

/* live[c] = what part c reads and what every part it leads to reads (a pass
 * sinks first); written[c] = what part c and every part leading to it may
 * change (a pass sources first). What is live but never written before a
 * node keeps its starting value there, so it need not be stored either.
 * The scenario itself is read once, in node order (its memory in order);
 * the passes over the parts read only the compact graph. */
static void close_sets(const Scenario *sc, const Vars *v, const Adj *a, const int *comp, const int *order,
                       Word *live, Word *written, int words)
{
    for (int n = 0; n < sc->nnodes; n++) {
        node_reads(v, &sc->nodes[n], live + (size_t)comp[n] * (size_t)words);
        node_writes(v, sc, n, written + (size_t)comp[n] * (size_t)words);
    }
    for (int k = 0; k < sc->nnodes; k++) {
        int n = order[k];
        Word *set = live + (size_t)comp[n] * (size_t)words;
        for (int e = a->off[n]; e < a->off[n + 1]; e++)
            set_or(set, live + (size_t)comp[a->to[e]] * (size_t)words, words);
    }
    for (int k = sc->nnodes - 1; k >= 0; k--) {
        int n = order[k];
        for (int e = a->off[n]; e < a->off[n + 1]; e++)
            set_or(written + (size_t)comp[a->to[e]] * (size_t)words, written + (size_t)comp[n] * (size_t)words,
                   words);
    }
}

bool live_build(const Scenario *sc, bool variants, Live *lv)
{
    memset(lv, 0, sizeof *lv);
    Vars v = {0};
    v.variants = variants;
    Adj a = {0};
    lv->group = malloc(((size_t)sc->nnodes + 1) * sizeof *lv->group);
    int *order = malloc(((size_t)sc->nnodes + 1) * sizeof *order);
    bool ok = lv->group && order && scan_nodes(sc, &v, &a);
    int ncomp = ok ? tarjan(&a, lv->group) : -1;
    int words = (v.n + 63) / 64;
    ok = ncomp >= 0;
    Word *sets = NULL;
    size_t nw = (size_t)(ncomp > 0 ? ncomp : 1) * (size_t)words;
    if (ok && nw <= MAX_SET_WORDS) {
        sets = calloc(2 * nw + 1, sizeof *sets);
        ok = sets && group_nodes(sc, lv->group, ncomp, order);
        if (ok) {
            close_sets(sc, &v, &a, lv->group, order, sets, sets + nw, words);
            for (size_t w = 0; w < nw; w++)
                sets[w] &= sets[nw + w];
            ok = layouts_from_sets(lv, &v, sets, ncomp, words);
        }
    } else if (ok) {   /* too many parts and variables: every node keeps everything read */
        sets = malloc(((size_t)words + 1) * sizeof *sets);
        ok = sets != NULL;
        if (ok) {
            memset(sets, 0xff, ((size_t)words + 1) * sizeof *sets);
            for (int i = 0; i < sc->nnodes; i++)
                lv->group[i] = 0;
            ok = layouts_from_sets(lv, &v, sets, 1, words);
        }
    }
    free(sets);
    free(order);
    lv->edge_off = a.off;   /* kept for live_reachable */
    lv->edge_to = a.to;
    vars_free(&v);
    return ok;
}

void live_reachable(const Live *lv, const Scenario *sc, bool *reach)
{
    memset(reach, 0, (size_t)sc->nnodes * sizeof *reach);
    int *stack = malloc(((size_t)sc->nnodes + 1) * sizeof *stack);
    if (!stack || sc->start < 0) {
        free(stack);
        return;
    }
    int top = 0;
    reach[sc->start] = true;
    stack[top++] = sc->start;
    while (top > 0) {
        int n = stack[--top];
        for (int e = lv->edge_off[n]; e < lv->edge_off[n + 1]; e++) {
            int to = lv->edge_to[e];
            if (to >= 0 && !reach[to]) {
                reach[to] = true;
                stack[top++] = to;
            }
        }
    }
    free(stack);
}

void live_free(Live *lv)
{
    free(lv->group);
    free(lv->edge_off);
    free(lv->edge_to);
    free(lv->layouts);
    free(lv->fields);
    memset(lv, 0, sizeof *lv);
}

/* ---- packing -------------------------------------------------------------- */

static uint32_t field_value(const LiveField *f, const Session *s)
{
    switch (f->kind) {
    case LIVE_METER: return (uint32_t)((long long)session_meter(s, f->ref) - f->lo);
    case LIVE_FLAG: return session_flag(s, f->ref);
    case LIVE_SPENT: return session_spent(s, f->ref);
    case LIVE_VISITED: return session_visited(s, f->ref);
    }
    return 0;
}

void live_pack(const Live *lv, const Session *s, unsigned char *key)
{
    const LiveLayout *l = &lv->layouts[lv->group[session_node_index(s)]];
    uint64_t acc = 0;
    int nacc = 0, out = 0;
    for (int i = 0; i < l->count; i++) {
        const LiveField *f = &lv->fields[l->first + i];
        acc |= (uint64_t)field_value(f, s) << nacc;
        nacc += f->width;
        while (nacc >= 8) {
            key[out++] = (unsigned char)acc;
            acc >>= 8;
            nacc -= 8;
        }
    }
    if (nacc > 0)
        key[out] = (unsigned char)acc;
}

bool live_scratch_init(LiveScratch *ls, const Scenario *sc)
{
    ls->meters = malloc(((size_t)sc->nmeters + 1) * sizeof *ls->meters);
    ls->flags = malloc((size_t)sc->nflags + 1);
    ls->visited = malloc(((size_t)sc->nnodes + 1) * sizeof *ls->visited);
    ls->spent = malloc(((size_t)sc->nchoices_total + 1) * sizeof *ls->spent);
    return ls->meters && ls->flags && ls->visited && ls->spent;
}

void live_scratch_free(LiveScratch *ls)
{
    free(ls->meters);
    free(ls->flags);
    free(ls->visited);
    free(ls->spent);
}

void live_unpack(const Live *lv, Session *s, LiveScratch *ls, int node, const unsigned char *key)
{
    const Scenario *sc = session_scenario(s);
    const LiveLayout *l = &lv->layouts[lv->group[node]];
    SessionState st = {node, ls->meters, ls->flags, ls->visited, 0, ls->spent, 0};
    for (int i = 0; i < sc->nmeters; i++)
        ls->meters[i] = sc->meters[i].start;
    memset(ls->flags, 0, (size_t)sc->nflags + 1);
    uint64_t acc = 0;
    int nacc = 0, in = 0;
    for (int i = 0; i < l->count; i++) {
        const LiveField *f = &lv->fields[l->first + i];
        while (nacc < f->width) {
            acc |= (uint64_t)key[in++] << nacc;
            nacc += 8;
        }
        uint32_t val = (uint32_t)(acc & (((uint64_t)1 << f->width) - 1));
        acc >>= f->width;
        nacc -= f->width;
        switch (f->kind) {
        case LIVE_METER: ls->meters[f->ref] = (int)((long long)f->lo + val); break;
        case LIVE_FLAG: ls->flags[f->ref] = val != 0; break;
        case LIVE_SPENT: if (val) ls->spent[st.nspent++] = f->ref; break;
        case LIVE_VISITED: if (val) ls->visited[st.nvisited++] = f->ref; break;
        }
    }
    session_set_state(s, &st);
}

/* ---- the state table ------------------------------------------------------ */

bool state_table_init(StateTable *t, const Live *lv, int nnodes)
{
    memset(t, 0, sizeof *t);
    t->live = lv;
    t->slots = calloc((size_t)nnodes + 1, sizeof *t->slots);
    t->pool_cap = 4096;
    t->pool = malloc(t->pool_cap);   /* never NULL, even when no state stores a byte */
    t->bytes = ((size_t)nnodes + 1) * sizeof *t->slots + t->pool_cap;
    return t->slots && t->pool;
}

void state_table_free(StateTable *t, int nnodes)
{
    for (int i = 0; t->slots && i < nnodes; i++)
        free(t->slots[i].slot);
    free(t->slots);
    free(t->node);
    free(t->off);
    free(t->pool);
    memset(t, 0, sizeof *t);
}

static uint32_t hash_key(const unsigned char *k, int n)
{
    uint64_t h = UINT64_C(0x9E3779B97F4A7C15);
    for (int i = 0; i < n; i++)
        h = (h ^ k[i]) * UINT64_C(0x100000001b3);
    h ^= h >> 29;
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    return (uint32_t)(h ^ (h >> 32));
}

static bool fits(const StateTable *t, size_t more, size_t max_bytes)
{
    return !max_bytes || t->bytes + more <= max_bytes;
}

static bool slots_grow(StateTable *t, NodeSlots *ns, int bytes, size_t max_bytes)
{
    uint32_t cap = ns->cap ? ns->cap * 2 : 4;
    if (!fits(t, (size_t)cap * sizeof *ns->slot, max_bytes))
        return false;
    int32_t *s = calloc(cap, sizeof *s);
    if (!s)
        return false;
    for (uint32_t i = 0; i < ns->cap; i++) {
        if (!ns->slot[i])
            continue;
        uint32_t h = hash_key(state_key(t, ns->slot[i] - 1), bytes) & (cap - 1);
        while (s[h])
            h = (h + 1) & (cap - 1);
        s[h] = ns->slot[i];
    }
    free(ns->slot);
    t->bytes += (size_t)(cap - ns->cap) * sizeof *s;
    ns->slot = s;
    ns->cap = cap;
    return true;
}

static bool states_grow(StateTable *t, int bytes, size_t max_bytes)
{
    if (t->n == t->cap) {
        long cap = t->cap ? t->cap + t->cap / 2 : 1024;
        size_t more = (size_t)(cap - t->cap) * (sizeof *t->node + sizeof *t->off);
        if (cap > INT32_MAX - 1 || !fits(t, more, max_bytes))
            return false;
        int32_t *nd = realloc(t->node, (size_t)cap * sizeof *nd);
        if (nd) t->node = nd;
        size_t *of = realloc(t->off, (size_t)cap * sizeof *of);
        if (of) t->off = of;
        if (!nd || !of)
            return false;
        t->cap = cap;
        t->bytes += more;
    }
    if (t->pool_len + (size_t)bytes > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap + t->pool_cap / 2 : 4096;
        while (cap < t->pool_len + (size_t)bytes)
            cap *= 2;
        if (!fits(t, cap - t->pool_cap, max_bytes))
            return false;
        unsigned char *p = realloc(t->pool, cap);
        if (!p)
            return false;
        t->bytes += cap - t->pool_cap;
        t->pool = p;
        t->pool_cap = cap;
    }
    return true;
}

long state_table_intern(StateTable *t, int node, const unsigned char *key, long max, size_t max_bytes)
{
    int bytes = t->live->layouts[t->live->group[node]].bytes;
    NodeSlots *ns = &t->slots[node];
    if ((ns->used + 1) * 2 > ns->cap && !slots_grow(t, ns, bytes, max_bytes))
        return -2;
    uint32_t h = hash_key(key, bytes) & (ns->cap - 1);
    while (ns->slot[h]) {
        long id = ns->slot[h] - 1;
        if (bytes == 0 || memcmp(state_key(t, id), key, (size_t)bytes) == 0)
            return id;
        h = (h + 1) & (ns->cap - 1);
    }
    if (max > 0 && t->n >= max)
        return -1;
    if (!states_grow(t, bytes, max_bytes))
        return -2;
    long id = t->n++;
    t->node[id] = node;
    t->off[id] = t->pool_len;
    if (bytes > 0) {
        memcpy(t->pool + t->pool_len, key, (size_t)bytes);
        t->pool_len += (size_t)bytes;
    }
    ns->slot[h] = (int32_t)(id + 1);
    ns->used++;
    return id;
}
