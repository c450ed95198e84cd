/* graph.c - graph rules of the format: reachability, traps, and loops made
 * only of next/route nodes. Conditions are ignored here (a static view):
 * an edge exists when some state could take it. */
#include "compel/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void graph_edges(const Scenario *sc, int n, void (*fn)(int to, void *ctx), void *ctx)
{
    const Node *node = &sc->nodes[n];
    switch (node->kind) {
    case NODE_CHOICES:
        for (int i = 0; i < node->nchoices; i++)
            fn(node->choices[i].next, ctx);
        break;
    case NODE_NEXT:
        fn(node->next, ctx);
        break;
    case NODE_ROUTE:
        for (int i = 0; i < node->nroute; i++)
            fn(node->route[i].next, ctx);
        break;
    case NODE_ENDING:
        break;
    }
}

typedef struct Walk { int *stack; int top; bool *mark; } Walk;

static void push_unmarked(int to, void *ctx)
{
    Walk *w = ctx;
    if (to >= 0 && !w->mark[to]) {
        w->mark[to] = true;
        w->stack[w->top++] = to;
    }
}

void graph_reachable(const Scenario *sc, bool *reach)
{
    memset(reach, 0, (size_t)sc->nnodes * sizeof *reach);
    if (sc->start < 0)
        return;
    int *stack = malloc((size_t)sc->nnodes * sizeof *stack);
    if (!stack)
        return;
    Walk w = {stack, 0, reach};
    push_unmarked(sc->start, &w);
    while (w.top > 0)
        graph_edges(sc, w.stack[--w.top], push_unmarked, &w);
    free(stack);
}

/* Reverse adjacency in compressed rows: rev[off[n] .. off[n+1]) lists the
 * nodes with an edge into n. */
typedef struct Rev { int *off, *src, *pos; int from; } Rev;

static void count_in(int to, void *ctx)
{
    Rev *r = ctx;
    if (to >= 0)
        r->off[to + 1]++;
}

static void place_in(int to, void *ctx)
{
    Rev *r = ctx;
    if (to >= 0)
        r->src[r->pos[to]++] = r->from;
}

/* Nodes from which an ending can be reached. */
static bool coreachable(const Scenario *sc, bool *co)
{
    int n = sc->nnodes;
    if (n <= 0)
        return true;
    Rev r = {calloc((size_t)n + 2, sizeof(int)), NULL, NULL, 0};
    int *stack = malloc((size_t)n * sizeof *stack);
    if (!r.off || !stack) {
        free(r.off);
        free(stack);
        return false;
    }
    for (int i = 0; i < n; i++)
        graph_edges(sc, i, count_in, &r);
    for (int i = 0; i < n; i++)
        r.off[i + 1] += r.off[i];
    r.src = malloc((size_t)(r.off[n] ? r.off[n] : 1) * sizeof(int));
    r.pos = malloc(((size_t)n + 1) * sizeof(int));
    if (!r.src || !r.pos) {
        free(r.off);
        free(r.src);
        free(r.pos);
        free(stack);
        return false;
    }
    memcpy(r.pos, r.off, ((size_t)n + 1) * sizeof(int));
    for (int i = 0; i < n; i++) {
        r.from = i;
        graph_edges(sc, i, place_in, &r);
    }
    memset(co, 0, (size_t)n * sizeof *co);
    int top = 0;
    for (int i = 0; i < n; i++)
        if (sc->nodes[i].kind == NODE_ENDING) {
            co[i] = true;
            stack[top++] = i;
        }
    while (top > 0) {
        int v = stack[--top];
        for (int k = r.off[v]; k < r.off[v + 1]; k++)
            if (!co[r.src[k]]) {
                co[r.src[k]] = true;
                stack[top++] = r.src[k];
            }
    }
    free(r.off);
    free(r.src);
    free(r.pos);
    free(stack);
    return true;
}

static bool passive(const Node *n)
{
    return n->kind == NODE_NEXT || n->kind == NODE_ROUTE;
}

/* Loops made only of next/route nodes, found by an iterative DFS over the
 * passive subgraph; each loop is reported once, with its nodes in order. */
static int check_passive_loops(const Scenario *sc, DiagList *diags)
{
    int n = sc->nnodes, found = 0;
    unsigned char *color = calloc((size_t)n, 1);   /* 0 new, 1 on stack, 2 done */
    int *stack = malloc((size_t)n * sizeof *stack), *edge = malloc((size_t)n * sizeof *edge);
    if (!color || !stack || !edge)
        goto out;
    for (int s = 0; s < n; s++) {
        if (color[s] || !passive(&sc->nodes[s]))
            continue;
        int top = 0;
        stack[top] = s;
        edge[top] = 0;
        color[s] = 1;
        top++;
        while (top > 0) {
            int v = stack[top - 1];
            const Node *node = &sc->nodes[v];
            int deg = node->kind == NODE_NEXT ? 1 : node->nroute;
            if (edge[top - 1] >= deg) {
                color[v] = 2;
                top--;
                continue;
            }
            int e = edge[top - 1]++;
            int to = node->kind == NODE_NEXT ? node->next : node->route[e].next;
            if (to < 0 || !passive(&sc->nodes[to]) || color[to] == 2)
                continue;
            if (color[to] == 1) {
                char msg[600];
                size_t len = 0;
                int first = top - 1;
                while (stack[first] != to)
                    first--;
                for (int k = first; k < top && len < sizeof msg - 80; k++)
                    len += (size_t)snprintf(msg + len, sizeof msg - len, "%s -> ",
                                            sc->nodes[stack[k]].id);
                snprintf(msg + len, sizeof msg - len, "%s", sc->nodes[to].id);
                char path[32];
                snprintf(path, sizeof path, "nodes[%d]", to);
                diag_add(diags, DIAG_ERROR, sc->file, path, 0, 0, "passive-loop",
                         "a loop with no decision in it would never stop: %s", msg);
                found++;
                continue;
            }
            color[to] = 1;
            stack[top] = to;
            edge[top] = 0;
            top++;
        }
    }
out:
    free(color);
    free(stack);
    free(edge);
    return found;
}

bool graph_check(const Scenario *sc, DiagList *diags)
{
    int n = sc->nnodes, errors = 0;
    bool *reach = malloc((size_t)n * sizeof *reach), *co = malloc((size_t)n * sizeof *co);
    if (!reach || !co || !coreachable(sc, co)) {
        free(reach);
        free(co);
        diag_add(diags, DIAG_ERROR, sc->file, "", 0, 0, "out-of-memory", "out of memory");
        return false;
    }
    graph_reachable(sc, reach);
    bool any_ending = false;
    for (int i = 0; i < n; i++)
        any_ending |= reach[i] && sc->nodes[i].kind == NODE_ENDING;
    if (!any_ending) {
        diag_add(diags, DIAG_ERROR, sc->file, "start", 0, 0, "no-ending",
                 "no ending can be reached from the start node \"%s\"", sc->nodes[sc->start].id);
        errors++;
    } else {
        int traps = 0;
        for (int i = 0; i < n; i++)
            if (reach[i] && !co[i]) {
                if (++traps <= 20) {
                    char path[32];
                    snprintf(path, sizeof path, "nodes[%d]", i);
                    diag_add(diags, DIAG_ERROR, sc->file, path, 0, 0, "trap",
                             "node \"%s\" is a trap: once there, no ending can ever be reached",
                             sc->nodes[i].id);
                }
                errors++;
            }
        if (traps > 20)
            diag_add(diags, DIAG_ERROR, sc->file, "nodes", 0, 0, "trap",
                     "%d more trap nodes not listed", traps - 20);
    }
    errors += check_passive_loops(sc, diags);
    for (int i = 0; i < n; i++)
        if (!reach[i]) {
            char path[32];
            snprintf(path, sizeof path, "nodes[%d]", i);
            diag_add(diags, DIAG_WARNING, sc->file, path, 0, 0, "unreachable",
                     "node \"%s\" can never be reached from the start", sc->nodes[i].id);
        }
    free(reach);
    free(co);
    return errors == 0;
}
