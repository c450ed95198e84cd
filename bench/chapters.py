#!/usr/bin/env python3
"""Generate a scenario shaped like a long discovery meeting, for the analysis
benchmarks and the brute-force comparison (tests/model/analyze_check.py).

Each chapter is a hub of `once` questions: every question spends some of the
buyer's time, moves trust and sets a flag, and its answer leads back to the
hub. Moving on passes a check that ends the meeting when time or trust have
run out, then a decision gated on what was learned; its weak answer leads to
a setback. Three meters: time, trust and urgency (the last one decides at the
end whether the deal is won or stalls). With the defaults, 10 chapters make
84 nodes.

    chapters.py CHAPTERS OUT [SEED]          the benchmark shape
gen(chapters, questions, seed, wild) is also used by the tests: wild=True
draws the deltas, points and gates at random and adds visited and chance
conditions, to stress the analysis on varied shapes."""
import json
import random
import sys


def gate(r, ch, asked, wild):
    """A condition on what the chapter's questions taught."""
    flags = [{"flag": f"learned_{ch}_{k}"} for k in range(asked)]
    if not wild:
        return {"all": flags[:2]} if asked >= 2 else flags[0]
    kind = r.random()
    if kind < 0.3:
        return {"all": r.sample(flags, min(len(flags), 2))}
    if kind < 0.5:
        return {"any": r.sample(flags, min(len(flags), 2))}
    if kind < 0.65:
        return {"not": r.choice(flags)}
    if kind < 0.8:
        return {"visited": f"answer_{ch}_{r.randrange(asked)}"}
    return {"meter": "trust", "min": r.choice([40, 50, 60])}


def chapter(r, ch, questions, wild, last):
    hub, check, decide, setback = f"hub_{ch}", f"check_{ch}", f"decide_{ch}", f"setback_{ch}"
    after = "close" if last else f"hub_{ch + 1}"
    good = [3, 2, 1, -1, 2, 0, 1, 3, -2][:questions]
    cost = [10, 5, 10, 5, 5, 10, 5, 10, 5][:questions]
    sway = [5, 0, -5, 5, 0, 5, -5, 0, 5][:questions]
    if wild:
        good = [r.randint(-3, 4) for _ in range(questions)]
        cost = [r.choice([5, 10, 15]) for _ in range(questions)]
        sway = [r.choice([-10, -5, 0, 5, 10]) for _ in range(questions)]
    asks = [{"id": f"ask_{k}", "text": f"Question {k} of chapter {ch}.", "points": good[k],
             "feedback": "What this question uncovers.", "once": True,
             "effects": {"time": -cost[k], "trust": sway[k]},
             "set": [f"learned_{ch}_{k}"], "next": f"answer_{ch}_{k}"} for k in range(questions)]
    asks.append({"id": "move_on", "text": "Move on to the proposal.", "points": 0,
                 "feedback": "Moving on before the picture is clear costs the proposal.",
                 "next": check})
    nodes = [{"id": hub, "speaker": "buyer", "skill": "diagnose",
              "text": f"Chapter {ch}: what would you like to know, {{player}}?", "choices": asks}]
    for k in range(questions):
        nodes.append({"id": f"answer_{ch}_{k}", "speaker": "buyer",
                      "text": f"The buyer answers question {k}.", "next": hub})
    out = {"any": [{"meter": "time", "max": 0}, {"meter": "trust", "max": 10}]}
    route = [{"when": out, "next": "ended_early"}]
    if wild and r.random() < 0.4:
        route.append({"chance": r.choice([0.25, 0.5]), "next": setback})
    route.append({"next": decide})
    nodes.append({"id": check, "route": route})
    pts = [3, 1, -2] if not wild else [r.randint(1, 5), r.randint(-1, 2), r.randint(-3, 0)]
    nodes.append({"id": decide, "speaker": "buyer", "skill": "root_cause",
                  "text": "So what do you propose?", "choices": [
                      {"id": "tailored", "text": "Tie the proposal to what they said.", "points": pts[0],
                       "feedback": "It answers their problem.", "when": gate(r, ch, questions, wild),
                       "effects": {"urgency": 20, "trust": 5}, "next": after},
                      {"id": "generic", "text": "Present the standard offer.", "points": pts[1],
                       "feedback": "Safe, but it ignores what was learned.",
                       "effects": {"urgency": 5}, "next": after},
                      {"id": "push", "text": "Press for a signature now.", "points": pts[2],
                       "feedback": "Pressure before value loses trust.",
                       "effects": {"trust": -15}, "next": setback}]})
    nodes.append({"id": setback, "speaker": "buyer", "setback": True,
                  "text": "The buyer pulls back.", "effects": {"time": -5}, "next": after})
    return nodes


def gen(chapters, questions=4, seed=1, wild=False):
    r = random.Random(seed)
    nodes = []
    for ch in range(chapters):
        nodes += chapter(r, ch, questions, wild, ch == chapters - 1)
    win = 40 if not wild else r.choice([20, 40, 60])
    nodes += [
        {"id": "close", "route": [{"when": {"meter": "urgency", "min": win}, "next": "won"},
                                  {"next": "stalled"}]},
        {"id": "won", "ending": {"outcome": "won", "title": "Signed", "text": "They sign."}},
        {"id": "stalled", "ending": {"outcome": "stalled", "title": "No decision",
                                     "text": "They will think about it."}},
        {"id": "ended_early", "ending": {"outcome": "lost", "title": "Meeting over",
                                         "text": "Time or patience ran out."}},
    ]
    start_time = 100 if not wild else r.choice([30, 60, 100])
    return {"format": 1, "id": f"chapters-{chapters}", "title": f"Meeting in {chapters} chapters",
            "summary": "Generated for the analysis benchmarks.",
            "characters": [{"id": "buyer", "name": "Dana Ortiz", "role": "Operations director"}],
            "meters": [{"id": "time", "label": "Time", "start": start_time, "min": 0, "max": 100},
                       {"id": "trust", "label": "Trust", "start": 50, "min": 0, "max": 100},
                       {"id": "urgency", "label": "Urgency", "start": 0, "min": 0, "max": 100}],
            "start": "hub_0", "nodes": nodes}


if __name__ == "__main__":
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(sys.argv[2], "w") as f:
        json.dump(gen(int(sys.argv[1]), seed=seed), f, indent=1)
