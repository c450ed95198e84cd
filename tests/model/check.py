"""Property test: on random valid scenarios and random choice lists, `compel
run --choices --json` agrees with the reference model (reference.py) on the
exit code and on every field of the output. Usage: check.py [COUNT] [SEED]"""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import reference  # noqa: E402

COMPEL = os.environ.get("COMPEL", "./compel")


def cond(r, meters, flags, nodes, depth=0):
    k = r.randrange(6 if depth < 2 else 3)
    if k == 0 and meters:
        m = r.choice(meters)
        c = {"meter": m}
        lo = r.randint(-20, 80)
        if r.random() < 0.7:
            c["min"] = lo
        if r.random() < 0.5 or "min" not in c:
            c["max"] = lo + r.randint(0, 60)
        return c
    if k == 1 or (k == 0 and not meters):
        return {"flag": r.choice(flags)}
    if k == 2:
        return {"visited": r.choice(nodes)}
    if k == 3:
        return {"not": cond(r, meters, flags, nodes, depth + 1)}
    key = "all" if k == 4 else "any"
    return {key: [cond(r, meters, flags, nodes, depth + 1) for _ in range(r.randint(1, 3))]}


def effects(r, meters):
    return {m: r.randint(-30, 30) for m in r.sample(meters, r.randint(1, len(meters)))}


def scenario(r, n):
    """A random valid scenario: every node has a forward way on, so no trap;
    next and route nodes only point forward, so no passive loop."""
    ids = [f"n{i}" for i in range(n)]
    endings = r.randint(1, 3)
    meters = [f"m{i}" for i in range(r.randint(0, 3))]
    flags = [f"f{i}" for i in range(r.randint(1, 4))]
    custom_skills = r.random() < 0.3
    skills = ["alpha", "beta"] if custom_skills else reference.DEFAULT_SKILLS
    nodes = []
    for i, nid in enumerate(ids):
        node = {"id": nid, "text": f"Text of {nid}, {{player}}."}
        if r.random() < 0.2 and meters:
            node["effects"] = effects(r, meters)
        fwd = ids[i + 1:] or [ids[-1]]
        if i >= n - endings:
            node["ending"] = {"outcome": r.choice(["won", "lost", "stalled"]), "title": "T", "text": "E"}
        else:
            kind = r.random()
            if kind < 0.6:
                choices = []
                for k in range(r.randint(1, 5)):
                    c = {"text": f"Choice {k}", "next": r.choice(fwd) if k == 0 or r.random() < 0.7 else r.choice(ids)}
                    if r.random() < 0.8:
                        c["points"] = r.randint(-10, 10)
                    if k > 0 and r.random() < 0.35:
                        c["when"] = cond(r, meters, flags, ids)
                    if k > 0 and r.random() < 0.3:
                        c["once"] = True
                    if meters and r.random() < 0.4:
                        c["effects"] = effects(r, meters)
                    if r.random() < 0.3:
                        c["set"] = r.sample(flags, r.randint(1, len(flags)))
                    if r.random() < 0.2:
                        c["clear"] = r.sample(flags, 1)
                    if r.random() < 0.3:
                        c["id"] = f"c{k}x"
                    c["feedback"] = "Because."
                    choices.append(c)
                node["choices"] = choices
                if r.random() < 0.8:
                    node["skill"] = r.choice(skills)
                else:
                    for c in choices:
                        c.pop("points", None)
            elif kind < 0.8:
                node["next"] = r.choice(fwd)
            else:
                route = []
                for _ in range(r.randint(0, 3)):
                    e = {"next": r.choice(fwd)}
                    if r.random() < 0.6:
                        e["when"] = cond(r, meters, flags, ids)
                    if r.random() < 0.6 or "when" not in e:
                        e["chance"] = r.choice([0.1, 0.25, 0.5, 0.75, 1.0, r.random() or 0.5])
                    route.append(e)
                route.append({"next": r.choice(fwd)})
                node["route"] = route
        nodes.append(node)
    sc = {"format": 1, "id": f"rand{r.randrange(10**6)}", "title": "Random", "summary": "Generated.",
          "characters": [{"id": "a", "name": "A", "role": "R"}],
          "meters": [{"id": m, "label": m.upper(), "start": r.randint(0, 50),
                      "min": 0, "max": r.choice([50, 100])} for m in meters],
          "start": ids[0], "nodes": nodes}
    for m in sc["meters"]:
        m["start"] = min(m["start"], m["max"])
    if custom_skills:
        sc["skills"] = [{"id": s, "label": s.title()} for s in skills]
    if r.random() < 0.3:
        sc["grades"] = [{"min_percent": 0, "label": "Low"}, {"min_percent": 60, "label": "High"}]
    return sc


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261123)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            sc = scenario(r, r.randint(3, 30))
            path = os.path.join(tmp, f"s{i}.json")
            with open(path, "w") as f:
                json.dump(sc, f)
            v = subprocess.run([COMPEL, "validate", path], capture_output=True, text=True)
            if v.returncode != 0:
                print(f"FAIL scenario {i}: generated file invalid: {v.stderr.strip()[:300]}")
                failed += 1
                continue
            for _ in range(5):
                seed = r.randrange(2 ** 64) if r.random() < 0.5 else r.randrange(100)
                choices = [r.randint(1, 3) for _ in range(r.randint(0, 25))]
                want_rc, want = reference.run(sc, seed, choices)
                p = subprocess.run([COMPEL, "run", path, "--seed", str(seed), "--choices",
                                    ",".join(map(str, choices)), "--json"], capture_output=True, text=True)
                got = json.loads(p.stdout) if p.stdout.strip() else None
                if got is not None:
                    # the model plays the rules, not the wording: the transcript
                    # has its own golden tests (tests/golden/run-talk-*)
                    got.pop("transcript", None)
                if p.returncode != want_rc or (want is not None and got != want):
                    failed += 1
                    print(f"FAIL scenario {i} seed {seed} choices {choices}: exit {p.returncode} want {want_rc}")
                    print("  got ", json.dumps(got)[:400])
                    print("  want", json.dumps(want)[:400])
                    with open(f"/tmp/model-fail-{i}.json", "w") as f:
                        json.dump(sc, f, indent=1)
                else:
                    passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
