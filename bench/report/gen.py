#!/usr/bin/env python3
"""Write N synthetic playthroughs as a results file (docs/results.md format):
3 scenarios of 8 decisions with 3 visible choices each, about 300 players,
realistic text lengths. Deterministic for a given N.

usage: gen.py N OUT.jsonl"""
import json
import random
import sys
import uuid

SKILLS = [("diagnose", "Diagnose before prescribing"), ("root_cause", "Explain root causes"),
          ("cost_of_inaction", "Surface the cost of inaction"), ("stand_by", "Stand by the client")]
GRADES = [(85, "Trusted advisor"), (70, "Professional"), (50, "Developing"), (0, "Pitchman")]
SENTENCE = ("Before I show anything, tell me what you have tried so far and what happened when "
            "the volume doubled last spring")


def grade(p):
    return next(label for m, label in GRADES if p >= m)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    players = [f"Player {i:03d}, Team {i % 12}" for i in range(300)]
    with open(out, "w", encoding="utf-8") as f:
        for k in range(n):
            sc = k % 3
            skill_e = {s: 0 for s, _ in SKILLS}
            skill_p = {s: 0 for s, _ in SKILLS}
            steps = []
            for d in range(8):
                skill = SKILLS[d % 4][0]
                pts = [3, 1, 0]
                rng.shuffle(pts)
                idx = rng.randrange(3)
                visible = [{"id": f"c{c}", "text": SENTENCE[: 40 + 20 * c], "points": pts[c]} for c in range(3)]
                skill_e[skill] += pts[idx]
                skill_p[skill] += 3
                steps.append({"node": f"n{d}", "choice": f"c{idx}", "index": idx + 1,
                              "text": visible[idx]["text"], "skill": skill, "points": pts[idx],
                              "possible": 3, "feedback": SENTENCE[:90], "setback": d == 5,
                              "visible": visible})
            earned, possible = sum(skill_e.values()), sum(skill_p.values())
            percent = min(100, (200 * max(0, earned) + possible) // (2 * possible))
            t = 1795392000 + k * 37
            rec = {"format": 1, "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                   "scenario": f"scenario-{sc}", "title": f"Scenario {sc}",
                   "scenario_hash": "xxh3:0123456789abcdef", "player": players[rng.randrange(300)],
                   "mode": "assessment", "seed": k,
                   "started": f"2026-11-{1 + (t // 86400) % 28:02d}T{(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d}.000Z",
                   "finished": f"2026-11-{1 + (t // 86400) % 28:02d}T{(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d}.500Z",
                   "duration": 300.5, "outcome": "won" if percent >= 70 else "lost", "ending": "end",
                   "percent": percent, "grade": grade(percent),
                   "skills": [{"id": s, "label": l, "earned": skill_e[s], "possible": skill_p[s]} for s, l in SKILLS],
                   "steps": steps}
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
