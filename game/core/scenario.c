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

/* One table for the mood names, in enum order, as the format lists them. */
static const char *const MOOD_NAMES[MOOD_COUNT] = {
    "neutral", "friendly", "pleased", "curious", "thoughtful",
    "worried", "frustrated", "angry", "skeptical", "relieved",
};

const char *mood_name(Mood m)
{
    return (unsigned)m < MOOD_COUNT ? MOOD_NAMES[m] : MOOD_NAMES[MOOD_NEUTRAL];
}

bool mood_from_name(const char *name, Mood *out)
{
    for (int i = 0; i < MOOD_COUNT; i++)
        if (strcmp(name, MOOD_NAMES[i]) == 0) {
            *out = (Mood)i;
            return true;
        }
    return false;
}

const Portrait *character_portrait(const Character *ch, Mood m)
{
    if ((unsigned)m < MOOD_COUNT && ch->portraits[m].path)
        return &ch->portraits[m];
    return ch->portrait.path ? &ch->portrait : NULL;
}
