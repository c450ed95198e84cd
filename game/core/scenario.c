/* scenario.c - lookups and names over a loaded Scenario. */
#include "compel/scenario.h"

#include <string.h>

int scenario_find_node(const Scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nnodes; i++)
        if (strcmp(sc->nodes[i].id, id) == 0)
            return i;
    return -1;
}

int scenario_find_skill(const Scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nskills; i++)
        if (strcmp(sc->skills[i].id, id) == 0)
            return i;
    return -1;
}

int scenario_find_meter(const Scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nmeters; i++)
        if (strcmp(sc->meters[i].id, id) == 0)
            return i;
    return -1;
}

const Grade *scenario_grade(const Scenario *sc, int percent)
{
    for (int i = 0; i < sc->ngrades; i++)
        if (sc->grades[i].min_percent <= percent)
            return &sc->grades[i];
    return &sc->grades[sc->ngrades - 1];
}

const char *outcome_name(Outcome o)
{
    static const char *const names[] = {"won", "lost", "stalled"};
    return names[o];
}

const char *stance_name(Stance s)
{
    static const char *const names[] = {"champion", "ally", "neutral", "skeptic", "blocker"};
    return names[s];
}

const char *difficulty_name(Difficulty d)
{
    static const char *const names[] = {"intro", "standard", "advanced"};
    return names[d];
}
