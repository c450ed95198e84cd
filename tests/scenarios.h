/* scenarios.h - small scenarios shared by the unit tests, written so that
 * every expected number can be worked out by hand. */
#ifndef COMPEL_TEST_SCENARIOS_H
#define COMPEL_TEST_SCENARIOS_H

/* A hub with once questions, a flag-gated close, a meter-gated route.
 * Paths (choices as visible indices; earned/possible; ending):
 *   3          0/3  lost      1,1,1  4/6  won     1,1,2  5/6  lost
 *   1,2        1/6  lost      1,3    2/6  lost
 *   2,1,1      4/5  won       2,1,2  5/5  lost    2,2    3/5  lost  */
static const char *const HUB =
    "{\"format\":1,\"id\":\"hub\",\"title\":\"Hub\",\"summary\":\"s\","
    "\"characters\":[{\"id\":\"b\",\"name\":\"Bea\",\"role\":\"CFO\"}],"
    "\"meters\":[{\"id\":\"trust\",\"label\":\"Trust\",\"start\":50,\"min\":0,\"max\":60}],"
    "\"start\":\"hub\",\"nodes\":["
    "{\"id\":\"hub\",\"speaker\":\"b\",\"skill\":\"diagnose\",\"text\":\"Ask, {player}.\",\"choices\":["
    "  {\"id\":\"q1\",\"text\":\"Ask about budget\",\"points\":2,\"once\":true,\"feedback\":\"f\",\"effects\":{\"trust\":5},\"set\":[\"budget\"],\"next\":\"hub\"},"
    "  {\"id\":\"q2\",\"text\":\"Ask about timing\",\"points\":3,\"once\":true,\"feedback\":\"f\",\"effects\":{\"trust\":20},\"set\":[\"timing\",\"tmp\"],\"clear\":[\"tmp\"],\"next\":\"hub\"},"
    "  {\"id\":\"close\",\"text\":\"Propose\",\"points\":-1,\"feedback\":\"f\",\"when\":{\"flag\":\"budget\"},\"next\":\"gate\"},"
    "  {\"id\":\"pitch\",\"text\":\"Pitch now\",\"points\":0,\"feedback\":\"f\",\"effects\":{\"trust\":-100},\"next\":\"gate\"}]},"
    "{\"id\":\"gate\",\"route\":[{\"when\":{\"meter\":\"trust\",\"min\":60},\"next\":\"won\"},{\"next\":\"lost\"}]},"
    "{\"id\":\"won\",\"ending\":{\"outcome\":\"won\",\"title\":\"W\",\"text\":\"w\"}},"
    "{\"id\":\"lost\",\"ending\":{\"outcome\":\"lost\",\"title\":\"L\",\"text\":\"l\"}}]}";

/* A chance route that can loop back to a decision:
 * d: a (1 of 2, m+10) or b (2 of 2) -> r (m+1) -> 50%: d2, else e1 (won)
 * d2: a (1 of 2) -> r again, or b (2 of 2) -> e2 (lost). */
static const char *const CHANCE =
    "{\"format\":1,\"id\":\"c\",\"title\":\"t\",\"summary\":\"s\","
    "\"characters\":[{\"id\":\"a\",\"name\":\"A\",\"role\":\"r\"}],"
    "\"meters\":[{\"id\":\"m\",\"label\":\"M\",\"start\":0}],\"start\":\"d\",\"nodes\":["
    "{\"id\":\"d\",\"skill\":\"diagnose\",\"choices\":["
    "{\"text\":\"a\",\"points\":1,\"feedback\":\"f\",\"effects\":{\"m\":10},\"next\":\"r\"},"
    "{\"text\":\"b\",\"points\":2,\"feedback\":\"f\",\"next\":\"r\"}]},"
    "{\"id\":\"r\",\"effects\":{\"m\":1},\"route\":[{\"chance\":0.5,\"next\":\"d2\"},{\"next\":\"e1\"}]},"
    "{\"id\":\"d2\",\"skill\":\"diagnose\",\"choices\":["
    "{\"text\":\"a\",\"points\":1,\"feedback\":\"f\",\"next\":\"r\"},"
    "{\"text\":\"b\",\"points\":2,\"feedback\":\"f\",\"next\":\"e2\"}]},"
    "{\"id\":\"e1\",\"ending\":{\"outcome\":\"won\",\"title\":\"t\",\"text\":\"t\"}},"
    "{\"id\":\"e2\",\"ending\":{\"outcome\":\"lost\",\"title\":\"t\",\"text\":\"t\"}}]}";

#endif
