/* lint.c - the teaching-quality checks (lint.h, docs/lint.md).
 *
 * The static checks read the scenario's choices; the two players drive the
 * real engine (session.h), so conditions, `once`, routes and chance work
 * exactly as in play: nothing here re-implements a rule. */
#include "compel/lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/analysis.h"
#include "compel/cues.h"
#include "compel/graph.h"
#include "compel/grow.h"
#include "compel/rng.h"
#include "compel/session.h"

enum { MAX_MOVES = 10000 };

/* States the variant check explores at most (a few seconds, tens of MB). */
#define VARIANT_MAX_STATES 400000L

#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
static char *vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
    vsnprintf(buf, cap, fmt, ap);
    return strdup(buf);
}

/* Add a finding; path, then the message and the fix as two printf formats
 * separated by a single "\n" in fmt. Returns false when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static bool add(Lint *l, const char *rule, const char *path, const char *fmt, ...)
{
    if (!GROW(&l->findings, &l->capfindings, l->nfindings + 1))
        return false;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    char *all = vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *nl = all ? strchr(all, '\n') : NULL;
    char *p = strdup(path);
    char *fix = nl ? strdup(nl + 1) : NULL;
    if (nl)
        *nl = '\0';
    if (!all || !p || !fix) {
        free(all); free(p); free(fix);
        return false;
    }
    l->findings[l->nfindings++] = (LintFinding){rule, p, all, fix};
    return true;
}

/* Length in characters (UTF-8 code points), as a reader sees it. */
static int text_length(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ---- static checks, one decision at a time -------------------------------- */

static void judge_decision(const Scenario *sc, int n, LintDecision *d)
{
    const Node *node = &sc->nodes[n];
    memset(d, 0, sizeof *d);
    d->node = n;
    d->nchoices = node->nchoices;
    d->top = node->choices[0].points;
    int low = d->top, nbest = 0, longest = 0;
    for (int i = 0; i < node->nchoices; i++) {
        int p = node->choices[i].points, len = text_length(node->choices[i].text);
        d->top = p > d->top ? p : d->top;
        low = p < low ? p : low;
        longest = len > longest ? len : longest;
    }
    for (int i = 0; i < node->nchoices; i++)
        if (node->choices[i].points == d->top) {
            nbest++;
            d->best = i;
        }
    if (nbest != 1)
        d->best = -1;
    d->flat = low == d->top;
    d->best_longest = d->best >= 0 && text_length(node->choices[d->best].text) == longest;

    const char *seen[2] = {sc->briefing, node->text};
    CueContext ctx = {seen, 2};
    int top = 0, ntop = 0;
    for (int i = 0; i < node->nchoices; i++) {
        bool hits[CUE_COUNT];
        d->cue[i] = cue_score(node->choices[i].text, &ctx, hits);
        for (int k = 0; k < CUE_COUNT; k++)
            d->cue_hits[i] |= (unsigned)hits[k] << k;
        if (i == 0 || d->cue[i] > top) {
            top = d->cue[i];
            ntop = 0;
        }
        if (d->cue[i] == top) {
            ntop++;
            d->cue_pick = i;
        }
    }
    if (ntop != 1)
        d->cue_pick = -1;
}

static bool check_decisions(const Scenario *sc, Lint *l)
{
    l->decisions = calloc((size_t)sc->nnodes + 1, sizeof *l->decisions);
    if (!l->decisions)
        return false;
    for (int n = 0; n < sc->nnodes; n++) {
        const Node *node = &sc->nodes[n];
        if (node->kind != NODE_CHOICES || node->skill < 0 || node->nchoices < 2)
            continue;
        LintDecision *d = &l->decisions[l->ndecisions++];
        judge_decision(sc, n, d);
        if (d->best >= 0) {
            l->unique_best++;
            l->best_longest += d->best_longest;
            l->positions[d->best]++;
            if (d->cue_pick == d->best)
                l->cue_finds_best++;
        }
        l->flat += d->flat;
        char path[64], missing[160] = "";
        size_t len = 0;
        int nmissing = 0;
        for (int i = 0; i < node->nchoices; i++) {
            if (node->choices[i].reply) {
                l->replied++;
                continue;
            }
            if (len < sizeof missing)
                len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%d", nmissing ? ", " : "", i);
            nmissing++;
        }
        l->scored_choices += node->nchoices;
        snprintf(path, sizeof path, "nodes[%d].choices", n);
        if (nmissing &&
            !add(l, "no-reply", path,
                 "%d of %d choices at \"%s\" get no reply from the buyer (choices %s)\n"
                 "give each a \"reply\": what the other side says back to exactly that answer",
                 nmissing, node->nchoices, node->id, missing))
            return false;
        snprintf(path, sizeof path, "nodes[%d]", n);
        if (d->flat &&
            !add(l, "flat-decision", path,
                 "every choice at \"%s\" earns %d points, so the decision scores nothing\n"
                 "give the choices different points, or remove \"skill\" so it is not scored",
                 node->id, d->top))
            return false;
        if (d->best >= 0 && d->cue_pick == d->best) {
            snprintf(path, sizeof path, "nodes[%d].choices[%d].text", n, d->best);
            if (!add(l, "wording-gives-away", path,
                     "at \"%s\" the best choice is also the one whose wording looks best "
                     "(cue score %d); a player can find it without reading the situation\n"
                     "make a wrong choice wear the same cues (a question, a number, \"I'll\"), "
                     "or let the best one be a plain statement",
                     node->id, d->cue[d->best]))
                return false;
        }
    }
    return true;
}

static bool check_best_placement(const Scenario *sc, Lint *l)
{
    if (l->unique_best >= 3 && l->best_longest * 10 >= l->unique_best * 3) {
        if (!add(l, "best-is-longest", "nodes",
                 "the best choice is the longest in %d of %d decisions (%d%%; aim for under 30%%)\n"
                 "give wrong choices the same length and detail as the right one; the decisions are listed below",
                 l->best_longest, l->unique_best, 100 * l->best_longest / l->unique_best))
            return false;
        for (int i = 0; i < l->ndecisions; i++) {
            const LintDecision *d = &l->decisions[i];
            if (!d->best_longest)
                continue;
            char path[64];
            snprintf(path, sizeof path, "nodes[%d].choices[%d].text", d->node, d->best);
            if (!add(l, "best-is-longest", path,
                     "at \"%s\" the best choice is the longest of %d\n"
                     "shorten it, or make a wrong choice as long and as specific",
                     sc->nodes[d->node].id, d->nchoices))
                return false;
        }
    }
    for (int p = 0; p < COMPEL_MAX_CHOICES; p++) {
        int room = 0;   /* decisions with one best and at least p + 1 choices */
        for (int i = 0; i < l->ndecisions; i++)
            room += l->decisions[i].best >= 0 && l->decisions[i].nchoices > p;
        if (room >= 3 && l->positions[p] == 0 &&
            !add(l, "best-position-never", "nodes",
                 "the best choice is never choice %d (%d decisions have that many choices)\n"
                 "move the best choice of some of them to position %d, so position tells nothing",
                 p + 1, room, p + 1))
            return false;
        if (l->unique_best >= 4 && l->positions[p] * 5 > l->unique_best * 3 &&
            !add(l, "best-position-favoured", "nodes",
                 "the best choice is choice %d in %d of %d decisions\n"
                 "spread the best choices over every position",
                 p + 1, l->positions[p], l->unique_best))
            return false;
    }
    return true;
}

/* The first choice before (n, i) in file order with this feedback. */
static bool earlier_feedback(const Scenario *sc, int n, int i, const char *f, int *m, int *j)
{
    for (*m = 0; *m <= n; (*m)++)
        for (*j = 0; *j < (*m == n ? i : sc->nodes[*m].nchoices); (*j)++) {
            const char *g = sc->nodes[*m].choices[*j].feedback;
            if (g && strcmp(g, f) == 0)
                return true;
        }
    return false;
}

static bool check_feedback(const Scenario *sc, Lint *l)
{
    for (int n = 0; n < sc->nnodes; n++)
        for (int i = 0; i < sc->nodes[n].nchoices; i++) {
            const char *f = sc->nodes[n].choices[i].feedback;
            int m, j;
            if (!f || !*f || !earlier_feedback(sc, n, i, f, &m, &j))
                continue;
            char path[64];
            snprintf(path, sizeof path, "nodes[%d].choices[%d].feedback", n, i);
            if (!add(l, "same-feedback", path,
                     "the same feedback as nodes[%d].choices[%d] (at \"%s\")\n"
                     "say what this choice did and why it earns its points",
                     m, j, sc->nodes[m].id))
                return false;
        }
    return true;
}

/* ---- variants that never show --------------------------------------------- */

static bool variant_finding(Lint *l, const Analysis *an, const char *path, const Node *n, long states)
{
    return add(l, "variant-never-shows", path,
               "this wording of \"%s\" is never the one shown: in none of the %ld states the analyzer "
               "explored%s does its `when` hold on entering the node before an earlier variant's does\n"
               "loosen its `when`, move it above the variant that always wins first, or delete it",
               n->id, states, an->complete ? "" : " (it stopped at its budget, so not every state)");
}

/* Explore every state the way `compel analyze` does, the variants'
 * conditions kept as state, and name each variant of a reachable node that
 * no transition into that node chose. */
static bool check_variants(const Scenario *sc, Lint *l)
{
    int total = 0;
    for (int i = 0; i < sc->nnodes; i++)
        total += sc->nodes[i].nvariants + sc->nodes[i].nending_variants;
    if (total == 0)
        return true;
    AnalysisOptions ao;
    memset(&ao, 0, sizeof ao);
    ao.max_states = VARIANT_MAX_STATES;
    ao.seed = 1;
    ao.variants = true;
    Analysis an;
    memset(&an, 0, sizeof an);
    bool *reach = malloc((size_t)sc->nnodes + 1);
    bool ok = reach && analysis_run(sc, &ao, &an) == 0;
    if (reach)
        graph_reachable(sc, reach);
    for (int i = 0; ok && i < sc->nnodes; i++) {
        const Node *n = &sc->nodes[i];
        char path[96];
        for (int v = 0; ok && reach[i] && v < n->nvariants; v++) {
            if (an.variant_shown[an.variant_at[i] + v])
                continue;
            snprintf(path, sizeof path, "nodes[%d].variants[%d]", i, v);
            ok = variant_finding(l, &an, path, n, an.states);
        }
        for (int v = 0; ok && reach[i] && v < n->nending_variants; v++) {
            if (an.variant_shown[an.variant_at[i] + n->nvariants + v])
                continue;
            snprintf(path, sizeof path, "nodes[%d].ending.variants[%d]", i, v);
            ok = variant_finding(l, &an, path, n, an.states);
        }
    }
    analysis_free(&an);
    free(reach);
    return ok;
}

/* ---- the two players ------------------------------------------------------ */

/* Which visible choice to take: returns a 0-based index into vis. */
typedef int (*Policy)(void *ctx, const Session *s, const int *vis, int k);

typedef struct Player {
    Rng pick;
    const char **seen;   /* scratch for the cue player: texts seen so far */
    int capseen;
} Player;

static int pick_random(void *ctx, const Session *s, const int *vis, int k)
{
    (void)s; (void)vis;
    return (int)rng_below(&((Player *)ctx)->pick, (uint32_t)k);
}

/* The highest cue score among the visible choices, ties broken at random;
 * the client's numbers are those in the briefing, in every node entered and
 * in every reply heard. */
static int pick_by_cues(void *ctx, const Session *s, const int *vis, int k)
{
    Player *pl = ctx;
    const Scenario *sc = session_scenario(s);
    int ntrail, nsteps;
    const int *trail = session_trail(s, &ntrail);
    const Step *steps = session_steps(s, &nsteps);
    int want = ntrail + nsteps + 1;
    if (!GROW(&pl->seen, &pl->capseen, want))
        return 0;
    int nseen = 0;
    pl->seen[nseen++] = sc->briefing;
    for (int i = 0; i < ntrail; i++)
        pl->seen[nseen++] = sc->nodes[trail[i]].text;
    for (int i = 0; i < nsteps; i++) {
        const Reply *r = sc->nodes[steps[i].node].choices[steps[i].choice].reply;
        if (r)
            pl->seen[nseen++] = r->text;
    }
    CueContext cc = {pl->seen, nseen};
    const Node *node = session_node(s);
    int score[COMPEL_MAX_CHOICES], top = 0, ntop = 0;
    for (int i = 0; i < k; i++) {
        score[i] = cue_score(node->choices[vis[i]].text, &cc, NULL);
        if (i == 0 || score[i] > top) {
            top = score[i];
            ntop = 0;
        }
        ntop += score[i] == top;
    }
    int nth = (int)rng_below(&pl->pick, (uint32_t)ntop);
    for (int i = 0; i < k; i++)
        if (score[i] == top && nth-- == 0)
            return i;
    return 0;
}

/* Play `samples` playthroughs; the sessions' seeds and the player's own draws
 * come from one stream seeded with seed, as analysis.c samples. */
static bool play_many(const Scenario *sc, int samples, uint64_t seed, Policy policy, LintPlayer *out)
{
    Player pl = {0};
    rng_seed(&pl.pick, seed);
    long sum = 0;
    memset(out, 0, sizeof *out);
    out->samples = samples;
    for (int i = 0; i < samples; i++) {
        Session *s = session_create(sc, rng_next(&pl.pick), "Player");
        if (!s) {
            free(pl.seen);
            return false;
        }
        for (int moves = 0; moves < MAX_MOVES && session_status(s) != SESSION_ENDED; moves++) {
            if (session_status(s) == SESSION_READING) {
                session_continue(s);
                continue;
            }
            int vis[COMPEL_MAX_CHOICES];
            int k = session_visible(s, vis);
            session_choose(s, policy(&pl, s, vis, k) + 1);
        }
        if (session_status(s) == SESSION_ENDED) {
            out->finished++;
            sum += session_percent(s);
            out->won += session_node(s)->outcome == OUTCOME_WON;
        }
        session_destroy(s);
    }
    free(pl.seen);
    out->mean = out->finished ? (double)sum / out->finished : 0;
    return true;
}

static bool check_players(const Scenario *sc, const LintOptions *opt, Lint *l)
{
    int samples = opt->samples > 0 ? opt->samples : 1000;
    if (!play_many(sc, samples, opt->seed, pick_random, &l->random) ||
        !play_many(sc, samples, opt->seed ^ UINT64_C(0xC0E5), pick_by_cues, &l->cue))
        return false;
    if (l->cue.finished && l->random.finished && l->cue.mean > l->random.mean + 10)
        return add(l, "cue-player", "",
                   "a player who reads only the wording of the choices averages %.1f%%, "
                   "random play %.1f%% (%+.1f points; aim for within 10)\n"
                   "vary which kinds of answer are right: wrong answers that ask the wrong question "
                   "or quote the wrong figure, right answers that are plain statements (docs/lint.md)",
                   l->cue.mean, l->random.mean, l->cue.mean - l->random.mean);
    return true;
}

int lint_run(const Scenario *sc, const LintOptions *opt, Lint *l)
{
    memset(l, 0, sizeof *l);
    bool ok = check_decisions(sc, l) && check_best_placement(sc, l) && check_feedback(sc, l) &&
              check_variants(sc, l) && check_players(sc, opt, l);
    return ok ? 0 : -1;
}

void lint_free(Lint *l)
{
    for (int i = 0; i < l->nfindings; i++) {
        free(l->findings[i].path);
        free(l->findings[i].message);
        free(l->findings[i].fix);
    }
    free(l->findings);
    free(l->decisions);
    memset(l, 0, sizeof *l);
}
