/* inspect.c - the state inspector's content (inspect.h): what an author
 * wants to see while testing a scene, as plain lines both front ends show. */
#include "compel/inspect.h"
#include "compel/grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Buf { char *s; size_t len, cap; bool oom; } Buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || b->oom)
        return;
    if (!grow_buffer(&b->s, &b->cap, b->len + (size_t)n + 1)) {
        b->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Why c does not hold now, or (holds) what it asks for. */
static void explain(Buf *b, const Session *s, const Condition *c)
{
    const Scenario *sc = session_scenario(s);
    bool holds = session_condition_holds(s, c);
    switch (c->kind) {
    case COND_METER: {
        const char *id = sc->meters[c->ref].id;
        if (c->has_min && c->has_max)
            put(b, "%s from %d to %d", id, c->min, c->max);
        else if (c->has_min)
            put(b, "%s at least %d", id, c->min);
        else
            put(b, "%s at most %d", id, c->max);
        put(b, " (now %d)", session_meter(s, c->ref));
        break;
    }
    case COND_FLAG:
        put(b, "flag %s (%s)", sc->flags[c->ref], holds ? "set" : "not set");
        break;
    case COND_VISITED:
        put(b, "a visit to %s (%s)", sc->nodes[c->ref].id, holds ? "visited" : "not visited yet");
        break;
    case COND_NOT:
        put(b, "not: ");
        explain(b, s, &c->items[0]);
        break;
    case COND_ALL:
    case COND_ANY: {
        /* for a failing "all", only the parts that fail say why */
        bool first = true;
        put(b, c->kind == COND_ALL ? "all of [" : "one of [");
        for (int i = 0; i < c->count; i++) {
            if (c->kind == COND_ALL && !holds && session_condition_holds(s, &c->items[i]))
                continue;
            put(b, first ? "" : c->kind == COND_ALL ? "; " : " | ");
            explain(b, s, &c->items[i]);
            first = false;
        }
        put(b, "]");
        break;
    }
    }
}

static const char *const kinds[] = {"decision", "narration", "route", "ending"};

bool inspect_open(const Session *s)
{
    return session_mode(s) != SESSION_ASSESSMENT;
}

char *inspect_text(const Session *s)
{
    const Scenario *sc = session_scenario(s);
    const Node *n = session_node(s);
    Buf b = {0};
    /* An assessment holds every score for the debrief: the inspector would
     * show the points so far and which choices are hidden, so it stays shut
     * (the rule lives here, so both front ends keep it). */
    if (!inspect_open(s)) {
        put(&b, "The state inspector is closed in assessment mode: scores and hidden choices wait for the debrief.\n");
        return b.oom ? (free(b.s), NULL) : b.s;
    }
    put(&b, "Node: %s (%s", n->id, kinds[n->kind]);
    if (n->kind == NODE_CHOICES && n->skill >= 0)
        put(&b, ", skill %s", sc->skills[n->skill].id);
    put(&b, ")%s\n", session_is_test(s) ? "  [started with --from: a test]" : "");
    int visited = 0;
    for (int i = 0; i < sc->nnodes; i++)
        visited += session_visited(s, i);
    int ntrail;
    session_trail(s, &ntrail);
    put(&b, "Visited: %d of %d nodes (%d entered in all)\n", visited, sc->nnodes, ntrail);
    put(&b, "Meters:");
    for (int i = 0; i < sc->nmeters; i++)
        put(&b, "%s %s %d (%d..%d)%s", i ? "," : "", sc->meters[i].id, session_meter(s, i),
            sc->meters[i].min, sc->meters[i].max, sc->meters[i].show ? "" : " hidden");
    put(&b, "%s\nFlags set:", sc->nmeters ? "" : " none");
    int nset = 0;
    for (int i = 0; i < sc->nflags; i++)
        if (session_flag(s, i))
            put(&b, "%s %s", nset++ ? "," : "", sc->flags[i]);
    put(&b, "%s\nPoints so far:", nset ? "" : " none");
    SkillScore *sk = calloc((size_t)sc->nskills + 1, sizeof *sk);
    if (sk) {
        session_skill_scores(s, sk);
        for (int i = 0; i < sc->nskills; i++)
            put(&b, "%s %s %d of %d", i ? "," : "", sc->skills[i].id, sk[i].earned, sk[i].possible);
        free(sk);
    }
    put(&b, "\n");
    if (n->kind == NODE_CHOICES) {
        int vis[COMPEL_MAX_CHOICES], k = session_visible(s, vis), nhidden = 0;
        for (int i = 0; i < n->nchoices; i++) {
            bool shown = false;
            for (int v = 0; v < k; v++)
                shown = shown || vis[v] == i;
            if (shown)
                continue;
            const Choice *c = &n->choices[i];
            int cut = (int)strlen(c->text);
            bool more = cut > 60;
            if (more)   /* at most 60 bytes, never inside a UTF-8 character */
                for (cut = 60; cut > 0 && ((unsigned char)c->text[cut] & 0xC0) == 0x80; cut--)
                    ;
            put(&b, "%s  choices[%d] \"%.*s%s\": ", nhidden++ ? "" : "Hidden choices:\n", i, cut, c->text,
                more ? "..." : "");
            if (c->once && session_spent(s, c->serial))
                put(&b, "once, and already chosen");
            else if (c->when) {
                put(&b, "needs ");
                explain(&b, s, c->when);
            }
            put(&b, "\n");
        }
        if (!nhidden)
            put(&b, "Hidden choices: none\n");
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
