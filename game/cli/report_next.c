/* report_next.c - the team roll-up across scenarios and "practise next".
 * A learner's percent on a skill is their earned over possible points on it,
 * summed over their last attempt at each scenario; the team's is the mean of
 * its learners' (rounded half up). What to practise next is the weakest skill
 * (the lowest percent; the first in order on a tie; nothing when every skill
 * is at 100 %), the scenario with the most points on it, and the decisions on
 * it missed most: by the learner (their answers below best), or by the team
 * (the most players below best). docs/reports.md explains it. */
#include "compel/report.h"

#include <stdlib.h>
#include <string.h>

#include "compel/grow.h"

/* The roll-up's skill index of id, added when new; -1 when out of memory. */
static int skill_index(ReportRollup *u, const ReportSkillDef *def)
{
    for (int i = 0; i < u->nskills; i++)
        if (strcmp(u->skills[i].id, def->id) == 0)
            return i;
    if (!GROW(&u->skills, &u->skillcap, u->nskills + 1))
        return -1;
    u->skills[u->nskills] = *def;
    return u->nskills++;
}

static int learner_index(ReportRollup *u, const ReportPlayer *p)
{
    for (int i = 0; i < u->nlearners; i++)
        if (strcmp(u->learners[i].who, p->who) == 0)
            return i;
    if (!GROW(&u->learners, &u->learnercap, u->nlearners + 1))
        return -1;
    ReportLearner *v = &u->learners[u->nlearners];
    memset(v, 0, sizeof *v);
    v->who = p->who;
    v->name = p->name;
    return u->nlearners++;
}

/* The scenario with the most points on skill id (the first by id on a tie). */
static const ReportScenario *trains_most(const Report *r, const char *id)
{
    const ReportScenario *best = NULL;
    int most = 0;
    for (int i = 0; i < r->nscenarios; i++)
        for (int k = 0; k < r->scenarios[i].nskills; k++) {
            const ReportSkillDef *d = &r->scenarios[i].skills[k];
            if (strcmp(d->id, id) == 0 && d->possible_max > most) {
                most = d->possible_max;
                best = &r->scenarios[i];
            }
        }
    return best;
}

/* The weakest skill among pct (-1: nothing to score), or -1 when every one is at 100. */
static int weakest(const int *pct, int n)
{
    int w = -1;
    for (int k = 0; k < n; k++)
        if (pct[k] >= 0 && pct[k] < 100 && (w < 0 || pct[k] < pct[w]))
            w = k;
    return w;
}

/* Insert (node, count) into the focus's top list, most first, node order on a tie. */
static void top_add(ReportFocus *f, const char *node, const ReportScenario *sc, int count)
{
    int n = f->nnodes, i = n;
    while (i > 0 && (f->counts[i - 1] < count || (f->counts[i - 1] == count && strcmp(f->nodes[i - 1], node) > 0)))
        i--;
    if (i >= REPORT_TOP_NODES)
        return;
    if (n == REPORT_TOP_NODES)
        n--;
    memmove(&f->nodes[i + 1], &f->nodes[i], (size_t)(n - i) * sizeof f->nodes[0]);
    memmove(&f->counts[i + 1], &f->counts[i], (size_t)(n - i) * sizeof f->counts[0]);
    memmove(&f->where[i + 1], &f->where[i], (size_t)(n - i) * sizeof f->where[0]);
    f->nodes[i] = node;
    f->counts[i] = count;
    f->where[i] = sc;
    f->nnodes = n + 1;
}

static void focus_on(const Report *r, const ReportRollup *u, int k, const int *pct, ReportFocus *f)
{
    memset(f, 0, sizeof *f);
    f->skill = k;
    if (k < 0)
        return;
    f->percent = pct[k];
    f->scenario = trains_most(r, u->skills[k].id);
}

bool report_rollup(const Report *r, ReportRollup *u)
{
    memset(u, 0, sizeof *u);
    for (int i = 0; i < r->nscenarios; i++)
        for (int k = 0; k < r->scenarios[i].nskills; k++)
            if (skill_index(u, &r->scenarios[i].skills[k]) < 0)
                return false;
    for (int i = 0; i < r->nscenarios; i++)
        for (int p = 0; p < r->scenarios[i].nplayers; p++)
            if (learner_index(u, &r->scenarios[i].players[p]) < 0)
                return false;
    int n = u->nskills ? u->nskills : 1;
    u->team = calloc((size_t)n, sizeof *u->team);
    if (!u->team)
        return false;
    for (int l = 0; l < u->nlearners; l++) {
        ReportLearner *ln = &u->learners[l];
        ln->percent = calloc((size_t)n, sizeof *ln->percent);
        int *earned = calloc((size_t)n, sizeof *earned), *possible = calloc((size_t)n, sizeof *possible);
        if (!ln->percent || !earned || !possible) {
            free(earned);
            free(possible);
            return false;
        }
        for (int i = 0; i < r->nscenarios; i++) {
            const ReportScenario *sc = &r->scenarios[i];
            for (int p = 0; p < sc->nplayers; p++) {
                const ReportPlayer *pl = &sc->players[p];
                if (strcmp(pl->who, ln->who) != 0)
                    continue;
                ln->attempts += pl->attempts;
                for (int s = 0; s < pl->nskills; s++) {
                    int k = skill_index(u, &sc->skills[pl->skills[s].skill]);
                    earned[k] += pl->skills[s].earned;
                    possible[k] += pl->skills[s].possible;
                }
            }
        }
        for (int k = 0; k < u->nskills; k++)
            ln->percent[k] = possible[k] > 0 ? compel_percent(earned[k], possible[k]) : -1;
        free(earned);
        free(possible);
        focus_on(r, u, weakest(ln->percent, u->nskills), ln->percent, &ln->next);
    }
    for (int k = 0; k < u->nskills; k++) {
        long sum = 0;
        int m = 0;
        for (int l = 0; l < u->nlearners; l++)
            if (u->learners[l].percent[k] >= 0) {
                sum += u->learners[l].percent[k];
                m++;
            }
        u->team[k] = m ? (int)((2 * sum + m) / (2 * m)) : -1;
    }
    focus_on(r, u, weakest(u->team, u->nskills), u->team, &u->team_next);
    /* the decisions on each focus skill missed most */
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *sc = &r->scenarios[i];
        for (int d = 0; d < sc->ndecisions; d++) {
            const ReportDecision *dc = &sc->decisions[d];
            if (u->team_next.skill >= 0 && dc->players_below > 0 &&
                strcmp(dc->skill, u->skills[u->team_next.skill].id) == 0)
                top_add(&u->team_next, dc->node, sc, dc->players_below);
        }
        for (int p = 0; p < sc->nplayers; p++) {
            const ReportPlayer *pl = &sc->players[p];
            ReportLearner *ln = &u->learners[learner_index(u, pl)];
            if (ln->next.skill < 0)
                continue;
            for (int m = 0; m < pl->nmisses; m++)
                for (int d = 0; d < sc->ndecisions; d++)
                    if (sc->decisions[d].node == pl->misses[m].node &&
                        strcmp(sc->decisions[d].skill, u->skills[ln->next.skill].id) == 0)
                        top_add(&ln->next, pl->misses[m].node, sc, pl->misses[m].count);
        }
    }
    return true;
}

void report_rollup_free(ReportRollup *u)
{
    for (int l = 0; l < u->nlearners; l++)
        free(u->learners[l].percent);
    free(u->learners);
    free(u->skills);
    free(u->team);
    memset(u, 0, sizeof *u);
}

void report_focus_text(const ReportRollup *u, const ReportFocus *f, bool team, char *out, size_t cap)
{
    if (f->skill < 0) {
        snprintf(out, cap, "every skill at 100%% on the last attempts: next, assessment mode or a harder scenario");
        return;
    }
    const ReportSkillDef *k = &u->skills[f->skill];
    int n = snprintf(out, cap, "%s (%d%%)", k->label, f->percent);
    if (f->scenario && n > 0 && (size_t)n < cap)
        n += snprintf(out + n, cap - (size_t)n, ": play \"%s\"",
                      f->scenario->title && *f->scenario->title ? f->scenario->title : f->scenario->id);
    for (int i = 0; i < f->nnodes && n > 0 && (size_t)n < cap; i++)
        n += snprintf(out + n, cap - (size_t)n, "%s%s%s%s (%d %s)", i == 0 ? "; missed most: " : ", ", f->nodes[i],
                      f->where[i] != f->scenario ? " in " : "", f->where[i] != f->scenario ? f->where[i]->id : "",
                      f->counts[i], team ? (f->counts[i] == 1 ? "player" : "players")
                                         : (f->counts[i] == 1 ? "time" : "times"));
}
