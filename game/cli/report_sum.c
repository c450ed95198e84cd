/* report_sum.c - the report's summary, built one playthrough at a time:
 * per scenario the percents and skills seen, per player attempts, best and
 * last, per decision how often (and by how many players) it was answered
 * below the best choice visible then. Only totals are kept, so memory grows
 * with players and decisions, never with playthroughs. */
#include "compel/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compel/grow.h"

void report_init(Report *r)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->arena);
    strmap_init(&r->keys);
}

void report_free(Report *r)
{
    for (int i = 0; i < r->nscenarios; i++) {
        ReportScenario *sc = &r->scenarios[i];
        for (int p = 0; p < sc->nplayers; p++) {
            free(sc->players[p].skills);
            free(sc->players[p].misses);
        }
        for (int d = 0; d < sc->ndecisions; d++)
            free(sc->decisions[d].tallies);
        free(sc->skills);
        free(sc->players);
        free(sc->decisions);
    }
    free(r->scenarios);
    free(r->attempts);
    free(r->strings);
    strmap_free(&r->keys);
    arena_destroy(&r->arena);
    memset(r, 0, sizeof *r);
}

/* Make room for one more item in a growing array, item count zeroed; false
 * when out of memory. */
static bool grow(void **items, int count, int *cap, size_t size)
{
    if (!grow_array(items, cap, count + 1, size))
        return false;
    memset((char *)*items + (size_t)count * size, 0, size);
    return true;
}

/* A copy of s in the report's arena ("" for NULL). */
static const char *keep(Report *r, const char *s)
{
    const char *k = arena_strdup(&r->arena, s ? s : "");
    if (!k)
        r->oom = true;
    return k ? k : "";
}

/* Look up a composite key (a tag letter, a number, then a string, which no
 * other key can equal); when absent, insert it with value next and set *added. */
static int key_index(Report *r, char tag, int num, const char *s, int next, bool *added)
{
    size_t len = strlen(s);
    char small[256];
    char *buf = len + 16 <= sizeof small ? small : malloc(len + 16);
    if (!buf) {
        r->oom = true;
        return -1;
    }
    int head = snprintf(buf, 16, "%c%d:", tag, num);
    memcpy(buf + head, s, len + 1);
    int v = strmap_get(&r->keys, buf);
    if (v < 0) {
        const char *k = arena_strndup(&r->arena, buf, (size_t)head + len);
        bool oom = false;
        if (!k || (!strmap_put(&r->keys, k, next, &oom) && oom))
            r->oom = true;
        else
            v = next;
        if (added)
            *added = v >= 0;
    } else if (added) {
        *added = false;
    }
    if (buf != small)
        free(buf);
    return v;
}

/* The index of the item keyed (tag, num, s) in a growing array, appending a
 * zeroed item when the key is new (*added set: the caller fills it in).
 * -1 when out of memory. */
static int find_or_add(Report *r, char tag, int num, const char *s, void **items, int *count, int *cap,
                       size_t size, bool *added)
{
    int i = key_index(r, tag, num, s, *count, added);
    if (i >= 0 && *added) {
        if (!grow(items, *count, cap, size)) {
            r->oom = true;   /* the key is in the map without its item: the report stops here */
            return -1;
        }
        (*count)++;
    }
    return i;
}

/* s stored once however often it is seen (for the strings every record
 * repeats), so the summary does not grow with playthroughs. */
static const char *intern(Report *r, const char *s)
{
    if (!s)
        return NULL;
    bool added;
    int i = find_or_add(r, 'I', 0, s, (void **)&r->strings, &r->nstrings, &r->stringcap, sizeof *r->strings,
                        &added);
    if (i < 0)
        return "";
    if (added)
        r->strings[i] = keep(r, s);
    return r->strings[i];
}

static ReportScenario *scenario_of(Report *r, const ResultRecord *rec)
{
    bool added;
    int i = find_or_add(r, 'S', 0, rec->scenario, (void **)&r->scenarios, &r->nscenarios, &r->scenariocap,
                        sizeof *r->scenarios, &added);
    if (i < 0)
        return NULL;
    ReportScenario *sc = &r->scenarios[i];
    if (added)
        sc->id = keep(r, rec->scenario);
    if (rec->title)
        sc->title = intern(r, rec->title);   /* the newest title read wins */
    return sc;
}

static int skill_of(Report *r, int si, ReportScenario *sc, const char *id, const char *label)
{
    bool added;
    int k = find_or_add(r, 'K', si, id, (void **)&sc->skills, &sc->nskills, &sc->skillcap, sizeof *sc->skills,
                        &added);
    if (k >= 0 && added) {
        sc->skills[k].id = keep(r, id);
        sc->skills[k].label = keep(r, label ? label : id);
    }
    return k;
}

/* Who played: the learner's e-mail or account when the record names one
 * (so two people with one name stay apart and one person with two spellings
 * stays one), else the display name. Caller frees. */
static char *identity(const ResultRecord *rec)
{
    const char *home = rec->home_page ? rec->home_page : "";
    size_t n = strlen(rec->player) + strlen(home) + (rec->learner ? strlen(rec->learner) : 0) +
               (rec->email ? strlen(rec->email) : 0) + 8;
    char *id = malloc(n);
    if (!id)
        return NULL;
    if (rec->email)
        snprintf(id, n, "e:%s", rec->email);
    else if (rec->learner)
        snprintf(id, n, "l:%s %s", home, rec->learner);
    else
        snprintf(id, n, "n:%s", rec->player);
    return id;
}

static ReportPlayer *player_of(Report *r, int si, ReportScenario *sc, const char *who, const char *name, int *pi)
{
    bool added;
    int p = find_or_add(r, 'P', si, who, (void **)&sc->players, &sc->nplayers, &sc->playercap,
                        sizeof *sc->players, &added);
    if (p < 0)
        return NULL;
    if (added) {
        sc->players[p].name = keep(r, name);
        sc->players[p].who = keep(r, who);
        sc->players[p].best_percent = -1;
    }
    *pi = p;
    return &sc->players[p];
}

/* Record the attempt on the player: best, and last by finishing time (a tie
 * goes to the one read later). */
static void player_add(Report *r, int si, ReportScenario *sc, ReportPlayer *p, const ResultRecord *rec)
{
    p->attempts++;
    if (rec->percent > p->best_percent) {
        p->best_percent = rec->percent;
        p->best_grade = intern(r, rec->grade);
    }
    if (strncmp(rec->finished, p->last_finished, sizeof p->last_finished - 1) < 0)
        return;
    if (strcmp(p->name, rec->player) != 0)
        p->name = intern(r, rec->player);   /* shown: the name of the newest attempt */
    p->last_percent = rec->percent;
    p->last_grade = intern(r, rec->grade);
    p->last_outcome = intern(r, rec->outcome);
    snprintf(p->last_finished, sizeof p->last_finished, "%s", rec->finished);
    p->nskills = 0;
    for (int i = 0; i < rec->nskills; i++) {
        int k = skill_of(r, si, sc, rec->skills[i].id, rec->skills[i].label);
        if (k < 0 || !grow((void **)&p->skills, p->nskills, &p->skillcap, sizeof *p->skills))
            continue;
        p->skills[p->nskills++] = (ReportScore){k, rec->skills[i].earned, rec->skills[i].possible};
    }
}

/* The best points among the choices visible at a step (its possible when the
 * record did not list them). */
static int step_best(const ResultStep *st)
{
    if (st->nvisible == 0)
        return st->possible;
    int best = st->visible[0].points;
    for (int i = 1; i < st->nvisible; i++)
        if (st->visible[i].points > best)
            best = st->visible[i].points;
    return best;
}

static ReportTally *tally_of(Report *r, ReportDecision *d, const ResultStep *st)
{
    for (int i = 0; i < d->ntallies; i++)
        if (strcmp(d->tallies[i].id, st->choice) == 0)
            return &d->tallies[i];
    if (!grow((void **)&d->tallies, d->ntallies, &d->tallycap, sizeof *d->tallies)) {
        r->oom = true;
        return NULL;
    }
    ReportTally *t = &d->tallies[d->ntallies++];
    t->id = keep(r, st->choice);
    t->text = keep(r, st->text);
    t->feedback = st->feedback ? keep(r, st->feedback) : NULL;
    t->points = st->points;
    return t;
}

/* Count a miss at node on the player (for their "practise next"). */
static void player_missed(Report *r, ReportPlayer *p, const char *node)
{
    for (int i = 0; i < p->nmisses; i++)
        if (p->misses[i].node == node) {
            p->misses[i].count++;
            return;
        }
    if (!grow((void **)&p->misses, p->nmisses, &p->misscap, sizeof *p->misses)) {
        r->oom = true;
        return;
    }
    p->misses[p->nmisses++] = (ReportMiss){node, 1};
}

static void decision_add(Report *r, int si, ReportScenario *sc, int pi, const ResultStep *st)
{
    bool added;
    int di = find_or_add(r, 'D', si, st->node, (void **)&sc->decisions, &sc->ndecisions, &sc->decisioncap,
                         sizeof *sc->decisions, &added);
    if (di < 0)
        return;
    ReportDecision *d = &sc->decisions[di];
    if (added) {
        d->node = keep(r, st->node);
        d->skill = keep(r, st->skill);
    }
    int best = step_best(st);
    bool below = st->points < best;
    /* the decision's best choice: the best of every choice seen there on any
     * visit (all of the node's in newer records), so a hub's last visit, where
     * only "move on" is left, cannot make "move on" the best */
    const ResultChoiceRef *all = st->nchoices > 0 ? st->choices : st->visible;
    int n = st->nchoices > 0 ? st->nchoices : st->nvisible;
    for (int i = 0; i < n; i++) {
        const ResultChoiceRef *v = &all[i];
        if (!v->id || !v->text || (d->best_id && v->points <= d->best_points))
            continue;
        d->best_id = intern(r, v->id);
        d->best_text = intern(r, v->text);
        d->best_points = v->points;
    }
    d->answers++;
    d->below += below;
    /* distinct players: one key per (decision, player), one per miss */
    char who[32];
    snprintf(who, sizeof who, "%d:%d", di, pi);
    key_index(r, 'A', si, who, 1, &added);
    d->players += added;
    if (below) {
        key_index(r, 'M', si, who, 1, &added);
        d->players_below += added;
        player_missed(r, &sc->players[pi], d->node);
    }
    /* what was said instead: only answers below the best available then
     * (the same choice can be the best at one arrival and not at another) */
    ReportTally *t = below ? tally_of(r, d, st) : NULL;
    if (t) {
        t->count++;
        if (!t->feedback && st->feedback)
            t->feedback = keep(r, st->feedback);
    }
}

/* The attempt for the learner's page: when, where, the score, the skills. */
static void keep_attempt(Report *r, const ReportScenario *sc, const char *who, const ResultRecord *rec)
{
    if (!grow((void **)&r->attempts, r->nattempts, &r->attemptcap, sizeof *r->attempts)) {
        r->oom = true;
        return;
    }
    ReportAttempt *a = &r->attempts[r->nattempts++];
    a->who = who;
    a->scenario = sc->id;
    a->grade = intern(r, rec->grade);
    snprintf(a->finished, sizeof a->finished, "%s", rec->finished);
    a->percent = rec->percent;
    a->order = r->nattempts - 1;
    a->skills = rec->nskills ? arena_alloc(&r->arena, (size_t)rec->nskills * sizeof *a->skills) : NULL;
    a->nskills = a->skills ? rec->nskills : 0;
    for (int i = 0; i < a->nskills; i++)
        a->skills[i] = (ReportAttemptSkill){intern(r, rec->skills[i].id), rec->skills[i].earned,
                                            rec->skills[i].possible};
}

int report_add(void *ctx, const ResultRecord *rec)
{
    Report *r = ctx;
    ReportScenario *sc = scenario_of(r, rec);
    if (!sc)
        return 1;
    int si = (int)(sc - r->scenarios), pi;
    for (int i = 0; i < rec->nskills; i++) {
        int k = skill_of(r, si, sc, rec->skills[i].id, rec->skills[i].label);
        if (k >= 0 && rec->skills[i].possible > sc->skills[k].possible_max)
            sc->skills[k].possible_max = rec->skills[i].possible;
    }
    char *who = identity(rec);
    ReportPlayer *p = who ? player_of(r, si, sc, who, rec->player, &pi) : NULL;
    if (!p) {
        free(who);
        r->oom = true;
        return 1;
    }
    sc = &r->scenarios[si];
    bool added;
    key_index(r, 'N', 0, who, 1, &added);   /* distinct players over all scenarios */
    keep_attempt(r, sc, p->who, rec);
    free(who);
    r->players += added;
    r->playthroughs++;
    sc->playthroughs++;
    sc->histogram[rec->percent < 0 ? 0 : rec->percent > 100 ? 100 : rec->percent]++;
    player_add(r, si, sc, p, rec);
    for (int i = 0; i < rec->nsteps; i++)
        if (rec->steps[i].skill)
            decision_add(r, si, sc, pi, &rec->steps[i]);
    return r->oom ? 1 : 0;
}

static int by_scenario(const void *a, const void *b)
{
    return strcmp(((const ReportScenario *)a)->id, ((const ReportScenario *)b)->id);
}

static int by_player(const void *a, const void *b)
{
    return strcmp(((const ReportPlayer *)a)->name, ((const ReportPlayer *)b)->name);
}

/* Most missed first: by players below best, then their share, then the
 * answers below best, then node id (so the order never depends on input). */
static int by_misses(const void *a, const void *b)
{
    const ReportDecision *x = a, *y = b;
    if (x->players_below != y->players_below)
        return y->players_below - x->players_below;
    long sx = (long)x->players_below * y->players, sy = (long)y->players_below * x->players;
    if (sx != sy)
        return sx > sy ? -1 : 1;
    if (x->below != y->below)
        return y->below - x->below;
    return strcmp(x->node, y->node);
}

static int by_count(const void *a, const void *b)
{
    const ReportTally *x = a, *y = b;
    if (x->count != y->count)
        return y->count - x->count;
    return strcmp(x->id, y->id);
}

static int by_time(const void *a, const void *b)
{
    const ReportAttempt *x = a, *y = b;
    int c = strcmp(x->finished, y->finished);
    return c ? c : x->order - y->order;
}

void report_finish(Report *r)
{
    if (r->nattempts > 1)
        qsort(r->attempts, (size_t)r->nattempts, sizeof *r->attempts, by_time);
    /* the maps hold indices: sorting is the last step, after every add */
    if (r->nscenarios > 1)
        qsort(r->scenarios, (size_t)r->nscenarios, sizeof *r->scenarios, by_scenario);
    for (int i = 0; i < r->nscenarios; i++) {
        ReportScenario *sc = &r->scenarios[i];
        if (sc->nplayers > 1)
            qsort(sc->players, (size_t)sc->nplayers, sizeof *sc->players, by_player);
        if (sc->ndecisions > 1)
            qsort(sc->decisions, (size_t)sc->ndecisions, sizeof *sc->decisions, by_misses);
        for (int d = 0; d < sc->ndecisions; d++)
            if (sc->decisions[d].ntallies > 1)
                qsort(sc->decisions[d].tallies, (size_t)sc->decisions[d].ntallies,
                      sizeof *sc->decisions[d].tallies, by_count);
    }
}

int report_player_skill(const ReportPlayer *p, int k)
{
    for (int i = 0; i < p->nskills; i++)
        if (p->skills[i].skill == k)
            return p->skills[i].possible > 0 ? compel_percent(p->skills[i].earned, p->skills[i].possible)
                                             : -1;
    return -1;
}

int report_team_skill(const ReportScenario *sc, int k)
{
    long sum = 0;
    int n = 0;
    for (int p = 0; p < sc->nplayers; p++) {
        int v = report_player_skill(&sc->players[p], k);
        if (v >= 0) {
            sum += v;
            n++;
        }
    }
    return n ? (int)((2 * sum + n) / (2 * n)) : -1;
}

int report_share_below(const ReportDecision *d)
{
    return d->players ? (200 * d->players_below + d->players) / (2 * d->players) : 0;
}

const ReportTally *report_top_miss(const ReportDecision *d)
{
    for (int i = 0; i < d->ntallies; i++)   /* sorted by count */
        if (!d->best_id || strcmp(d->tallies[i].id, d->best_id) != 0)
            return &d->tallies[i];
    return NULL;
}

int report_percentile(const ReportScenario *sc, double q)
{
    if (sc->playthroughs == 0)
        return 0;
    long rank = (long)ceil(q * sc->playthroughs);   /* nearest rank, 1-based */
    if (rank < 1)
        rank = 1;
    long seen = 0;
    for (int v = 0; v <= 100; v++) {
        seen += sc->histogram[v];
        if (seen >= rank)
            return v;
    }
    return 100;
}
