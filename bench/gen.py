#!/usr/bin/env python3
"""Generate a valid scenario of N nodes (about 1 KB a node) for benchmarks:
decisions with three scored choices, narration, routes on flags and chance,
meters, setbacks and endings. Like a real scenario, the state that conditions
read stays small: each flag lives within a window of ten nodes (set early in
the window, tested in the middle, cleared at its end), so the state space
grows linearly with the nodes. Usage: gen.py N OUT"""
import json
import random
import sys

WORDS = ("budget forecast renewal churn margin pipeline audit rollout vendor contract "
         "pilot adoption dispatch backlog warehouse freight quota onboarding risk").split()


def sentence(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n)).capitalize() + "."


def gen(n, seed=1):
    r = random.Random(seed)
    ids = [f"n{i}" for i in range(n)]
    skills = ["diagnose", "root_cause", "cost_of_inaction", "stand_by"]
    nodes = []
    for i, nid in enumerate(ids):
        fwd = ids[i + 1:i + 3] or [ids[-1]]
        if i >= n - 4:
            nodes.append({"id": nid, "ending": {"outcome": ["won", "lost", "stalled", "won"][i % 4],
                          "title": sentence(r, 4), "text": sentence(r, 40)}})
            continue
        k = i % 10
        node = {"id": nid, "speaker": r.choice(["ana", "ben", "narrator"]), "text": sentence(r, 45),
                "mood": r.choice(["neutral", "worried", "curious"])}
        if k < 6:
            node["skill"] = skills[i % 4]
            node["choices"] = [{"id": f"c{j}", "text": sentence(r, 14), "points": r.randint(-2, 5),
                                "feedback": sentence(r, 12), "reply": sentence(r, 7),
                                "effects": {"trust": r.randint(-8, 8)},
                                "next": r.choice(fwd)} for j in range(3)]
            flag = f"flag{(i // 10) % 3}"
            if k == 1:
                node["choices"][1]["set"] = [flag]
            if k == 3:
                node["choices"][2]["when"] = {"flag": flag}
            if k == 5:
                node["setback"] = True
                for c in node["choices"]:
                    c["clear"] = [flag]
        elif k < 8:
            node["next"] = fwd[0]
        else:
            node["route"] = [{"when": {"flag": f"flag{(i // 10 + 1) % 3}"}, "next": fwd[0]},
                             {"chance": 0.5, "next": fwd[-1]}, {"next": fwd[1 % len(fwd)]}]
            node["effects"] = {"trust": r.randint(-3, 3)}
        nodes.append(node)
    return {"$schema": "schema.json", "format": 1, "id": f"bench-{n}", "title": f"Benchmark {n}",
            "summary": "Generated for benchmarks.", "difficulty": "advanced", "minutes": 60,
            "characters": [{"id": "ana", "name": "Ana Reyes", "role": "COO", "stance": "champion"},
                           {"id": "ben", "name": "Ben Okafor", "role": "CFO", "stance": "skeptic"}],
            "meters": [{"id": "trust", "label": "Trust", "start": 50}],
            "start": ids[0], "nodes": nodes}


if __name__ == "__main__":
    with open(sys.argv[2], "w") as f:
        json.dump(gen(int(sys.argv[1])), f, indent=1)
