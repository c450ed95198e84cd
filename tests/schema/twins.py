#!/usr/bin/env python3
"""Fact-decided decisions: can a player who knows the course's style, but
does not read the story, still win?

Each scenario's facts sheet (docs/scenarios/ID.md) lists, under
"## Fact-decided decisions", the decisions where two or more options have the
same careful shape and only a fact the story established tells them apart:

    | decision | right | wrong twin | decided by | the wrong twin leads to |
    |---|---|---|---|---|
    | `node` | `choice` | `choice`, `choice` | ... | ... |

The "style oracle" plays the best-scoring visible choice everywhere (it has
learned the style perfectly) except at a listed decision where the right
choice and a wrong twin are both visible: there it cannot tell them apart,
so it guesses uniformly among them. Every guess pattern is played out. The
checks, per scenario:

  - the table exists and names real nodes and choices; every wrong twin
    scores less than its right choice;
  - the path that guesses right every time wins at 100 %;
  - the listed decisions are at least a third of that path's scored ones;
  - the oracle reaches a won ending with probability at most 1/3;
  - one wrong guess, with the oracle's best play after it, still wins at a
    lower score (a slip can be recovered; two should not be);
  - the "echo oracle", which at a pair takes the twin whose telling words
    (rare in the scenario's options, in it and not in the other twin) repeat
    most of what it said earlier, and guesses only at a tie, also wins with
    probability at most 1/3, and so does the "anti-echo" oracle that takes
    the twin repeating least (if the echo always marks the trap, a player
    learns that too): the options must not tell the story by themselves.

Reported, not held: the "pair seeker", who at every scored decision picks
at random among the options that have a look-alike (sharing 60 % of their
content words), and at random where none has: its mean percent and won
share, beside random play's (`compel analyze`), measure how much finding
the look-alike pair tells a player where the answer is.

The guesses are enumerated with the reference model of the rules
(tests/model/reference.py), and every finished pattern is replayed through
`compel run --choices --json` so the outcome and percent reported are the
game's own. Prints one row per scenario and ends "N passed, N failed".
Run from the repository root: COMPEL=./compel python3 tests/schema/twins.py [ID...]"""
import glob
import json
import os
import re
import random
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "model"))
sys.path.insert(0, HERE)
import reference  # noqa: E402
import tally  # noqa: E402

COMPEL = os.environ.get("COMPEL", "./compel")
MAX_WIN = Fraction(1, 3)
LOOKALIKE = 0.6          # options sharing this share of their words look alike
SEEKER_RUNS = 200        # random playthroughs of the pair seeker
RARE = 4                 # a word in at most this many choices names a fact
MAX_STEPS = 400          # a playthrough longer than this is a loop the oracle cannot leave
SEED = 1

def read_table(path):
    """{node id: (right id, [wrong ids])} from the facts sheet, or None when
    it has no such section."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        return None
    m = re.search(r"^## Fact-decided decisions\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        return None
    table = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        ids = [re.findall(r"`([^`]+)`", c) for c in cells[:3]]
        if len(ids[0]) == 1 and len(ids[1]) == 1 and ids[2]:
            table[ids[0][0]] = (ids[1][0], ids[2])
    return table


def choice_text(node, cid):
    """The text of node's choice with id cid."""
    return next(c["text"] for i, c in enumerate(node["choices"]) if choice_id(node, i) == cid)


def choice_id(node, i):
    return node["choices"][i].get("id", str(i + 1))


STOP = set("""a an and are as at be but by for from has have i if in is it its it's of on or our
so than that the their them then there these they this to was we what when where which who will
with you your you're i'll we'll""".split())


def words(text):
    """The content words of a text, crudely stemmed (a plural's s dropped)."""
    out = set()
    for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'")):
        if w in STOP or (len(w) < 3 and not w.isdigit()):
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") else w)
    return out


def rare_words(sc):
    """The words that appear in at most RARE of the scenario's choices: the
    ones that name a fact (a truck, a shift, a figure), not the connective
    tissue every option shares."""
    count = {}
    for n in sc["nodes"]:
        for c in n.get("choices", []):
            for w in words(c["text"]):
                count[w] = count.get(w, 0) + 1
    return {w for w, k in count.items() if k <= RARE}


def echo_choice(node, guesses, said, rare, sign):
    """The guesses the echo oracle cannot tell apart: those whose telling
    words (rare ones, in it and in no other guess) best match what it said
    before (sign 1), or least (sign -1: the player who has learned that the
    echo is the trap)."""
    texts = {g: rare & words(choice_text(node, g))
             for g in guesses}
    score = {}
    for g in guesses:
        others = set().union(*(texts[h] for h in guesses if h != g))
        score[g] = sign * len((texts[g] - others) & said)
    top = max(score.values())
    return [g for g in guesses if score[g] == top]


def explore(sc, table, echo=0):
    """Every guess pattern of the oracle: a list of (probability, choices,
    fact-decided decisions met, wrong guesses, the choice ids the model
    took). With echo 1, at a pair it takes the twin that echoes its own
    earlier words, and guesses only among those that echo them equally;
    with echo -1, the twin that echoes them least."""
    leaves = []
    rare = rare_words(sc)
    stack = [([], Fraction(1), 0, 0)]
    while stack:
        picks, prob, met, wrong = stack.pop()
        p = replay(sc, picks)
        while True:
            st = p.status()
            if st == "ended" or len(picks) > MAX_STEPS:
                leaves.append((prob, picks, met, wrong, [x["choice"] for x in p.steps]))
                break
            if st == "reading":
                p.enter(p.nodes[p.node]["next"])
                continue
            node = p.nodes[p.node]
            vis = p.visible()
            ids = [choice_id(node, i) for i in vis]
            pair = table.get(p.node)
            if pair and pair[0] in ids and any(w in ids for w in pair[1]):
                guesses = [pair[0]] + [w for w in pair[1] if w in ids]
                if echo:
                    guesses = echo_choice(node, guesses, said_so_far(p), rare, echo)
                prob /= len(guesses)
                met += 1
                for w in guesses[1:]:
                    stack.append((picks + [ids.index(w) + 1], prob, met, wrong + (w != pair[0])))
                wrong += guesses[0] != pair[0]
                pick = ids.index(guesses[0]) + 1
            else:
                pts = [node["choices"][i].get("points", 0) for i in vis]
                pick = pts.index(max(pts)) + 1
            p.choose(pick)
            picks = picks + [pick]
    return leaves


def said_so_far(p):
    """The content words of every choice made so far."""
    out = set()
    for st in p.steps:
        node = p.nodes[st["node"]]
        out |= words(choice_text(node, st["choice"]))
    return out


def replay(sc, picks):
    """The model's play of sc through picks, stopped at the next decision."""
    p = reference.Play(sc, SEED)
    for pick in picks:
        while p.status() == "reading":
            p.enter(p.nodes[p.node]["next"])
        p.choose(pick)
    return p


def lookalikes(node, vis):
    """The visible choices that have a look-alike: another visible choice
    sharing at least LOOKALIKE of their content words (Jaccard)."""
    texts = [words(node["choices"][i]["text"]) for i in vis]
    out = []
    for a, ta in enumerate(texts):
        for b, tb in enumerate(texts):
            if a != b and ta and tb and len(ta & tb) / len(ta | tb) >= LOOKALIKE:
                out.append(a)
                break
    return out


def pair_seeker(sc, runs, seed=SEED):
    """The mean percent and won share of a player who, at every scored
    decision, picks at random among the choices that have a look-alike (and
    at random among all where none has one): the player who has learned that
    the answer sits in the look-alike pair."""
    rng = random.Random(seed)
    total = won = 0
    for _ in range(runs):
        p = reference.Play(sc, rng.randrange(2 ** 63))
        steps = 0
        while p.status() != "ended" and steps < MAX_STEPS:
            if p.status() == "reading":
                p.enter(p.nodes[p.node]["next"])
                continue
            node = p.nodes[p.node]
            vis = p.visible()
            pool = lookalikes(node, vis) if node.get("skill") else []
            p.choose(rng.choice(pool or list(range(len(vis)))) + 1)
            steps += 1
        earned = sum(x["points"] for x in p.steps)
        possible = sum(x["possible"] for x in p.steps)
        total += reference.percent(max(0, earned), possible)
        won += p.status() == "ended" and p.nodes[p.node]["ending"]["outcome"] == "won"
    return total / runs, won / runs


def play(path, picks):
    r = subprocess.run([COMPEL, "run", path, "--seed", str(SEED), "--no-results", "--json",
                        "--choices", ",".join(map(str, picks))], capture_output=True, text=True)
    try:
        return json.loads(r.stdout)
    except ValueError:
        return None


def check(path):
    sc = json.load(open(path, encoding="utf-8"))
    sid = sc["id"]
    table = read_table(os.path.join("docs", "scenarios", sid + ".md"))
    if not table:
        tally.result(False, sid, "docs/scenarios/%s.md has no \"## Fact-decided decisions\" table" % sid)
        print("%-22s %5s" % (sid, "-"))
        return
    nodes = {n["id"]: n for n in sc["nodes"]}
    ok = True
    for nid, (right, wrong) in table.items():
        node = nodes.get(nid)
        if node is None or "choices" not in node or not node.get("skill"):
            tally.result(False, sid, "table row `%s`: no scored decision with that id" % nid)
            ok = False
            continue
        pts = {choice_id(node, i): c.get("points", 0) for i, c in enumerate(node["choices"])}
        for cid in [right] + wrong:
            if cid not in pts:
                tally.result(False, sid, "table row `%s`: no choice `%s`" % (nid, cid))
                ok = False
        for w in wrong:
            if w in pts and right in pts and pts[w] >= pts[right]:
                tally.result(False, sid, "`%s`: wrong twin `%s` scores %d, not less than `%s`'s %d"
                       % (nid, w, pts[w], right, pts[right]))
                ok = False
    if not ok:
        return
    leaves = explore(sc, table)
    win = Fraction(0)
    mean = 0.0
    best = None
    single = []   # (won?, choices) for each pattern with one wrong guess
    for prob, picks, met, wrong, took in leaves:
        got = play(path, picks)
        if got is None or got.get("ending") is None:
            tally.result(False, sid, "the oracle's playthrough %s does not reach an ending" % ",".join(map(str, picks)))
            return
        if [x["choice"] for x in got["steps"]] != took:
            tally.result(False, sid, "the model and the game disagree on playthrough %s" % ",".join(map(str, picks)))
            return
        if got["outcome"] == "won":
            win += prob
        mean += float(prob) * got["percent"]
        if wrong == 0:
            best = (picks, met, got)
        elif wrong == 1:
            single.append((got["outcome"] == "won" and got["percent"] < 100, picks))
    picks, met, got = best
    scored = sum(1 for s in got["steps"] if s["skill"])
    tally.result(got["outcome"] == "won" and got["percent"] == 100, sid,
           "right at every pair: %s at %d %% (choices %s)" % (got["outcome"], got["percent"],
                                                              ",".join(map(str, picks))))
    tally.result(3 * met >= scored, sid, "%d fact-decided decisions on the best path of %d scored: under a third"
           % (met, scored))
    tally.result(win <= MAX_WIN, sid, "the style oracle wins %.0f %% of the time (at most %.0f %%)"
           % (100 * float(win), 100 * float(MAX_WIN)))
    for won, picks in single:
        tally.result(won, sid, "one wrong twin, best play otherwise (choices %s): no win at a lower score"
                     % ",".join(map(str, picks)))
    echo = {}
    for sign, who in ((1, "repeats"), (-1, "least repeats")):
        echo[sign] = sum((prob for prob, picks, _, _, _ in explore(sc, table, echo=sign)
                          if (play(path, picks) or {}).get("outcome") == "won"), Fraction(0))
        tally.result(echo[sign] <= MAX_WIN, sid, "the echo oracle (it takes the twin that %s its own earlier "
                     "words) wins %.0f %% of the time (at most %.0f %%)" % (who, 100 * float(echo[sign]),
                                                                          100 * float(MAX_WIN)))
    seek_mean, seek_won = pair_seeker(sc, SEEKER_RUNS)
    print("%-22s %5d %6d %8d %7.0f%% %7.1f %7.0f%% %7.0f%% %7.1f %5.0f%%" % (
        sid, len(table), met, scored, 100 * float(win), mean, 100 * float(echo[1]), 100 * float(echo[-1]),
        seek_mean, 100 * seek_won))


def main():
    ids = set(sys.argv[1:])
    files = sorted(p for p in glob.glob("scenarios/*.json")
                   if not p.endswith("schema.json") and (not ids or os.path.basename(p)[:-5] in ids))
    print("%-22s %5s %6s %8s %8s %7s %8s %8s %7s %6s" % ("scenario", "pairs", "met", "scored", "oracle", "mean",
                                                          "echo", "anti", "seeker", "won"))
    for path in files:
        check(path)
    tally.finish()


if __name__ == "__main__":
    main()
