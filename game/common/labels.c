/* labels.c - the words a player reads for the scenario's enums (the
 * machine names for files and JSON are in scenario.h). */
#include "compel/common.h"

const char *outcome_label(Outcome o)
{
    return o == OUTCOME_WON ? "Won" : o == OUTCOME_LOST ? "Lost" : "Stalled";
}

const char *stance_label(Stance s)
{
    switch (s) {
    case STANCE_CHAMPION: return "Champion";
    case STANCE_ALLY: return "Ally";
    case STANCE_SKEPTIC: return "Skeptic";
    case STANCE_BLOCKER: return "Blocker";
    default: return "Neutral";
    }
}

const char *difficulty_label(Difficulty d)
{
    return d == DIFFICULTY_INTRO ? "Intro" : d == DIFFICULTY_ADVANCED ? "Advanced" : "Standard";
}
