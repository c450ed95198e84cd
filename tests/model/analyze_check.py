"""Property test: `compel analyze --json` reports the exact best, worst and
best-won percent and the exact number of paths, checked against a brute-force
enumeration of every path in the reference model, on random acyclic
scenarios and on generated meetings in chapters (bench/chapters.py: hubs of
`once` questions that set flags and spend a time meter, gated decisions,
setbacks, an early end when time or trust run out; three meters), whose
state the analysis keeps only while a later condition can read it.
Usage: analyze_check.py [COUNT] [SEED]"""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import check      # noqa: E402
import reference  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import chapters   # noqa: E402

COMPEL = os.environ.get("COMPEL", "./compel")


def forward_only(sc):
    """Point every choice forward, so the state graph has no loop."""
    order = {n["id"]: i for i, n in enumerate(sc["nodes"])}
    ids = [n["id"] for n in sc["nodes"]]
    for n in sc["nodes"]:
        for c in n.get("choices", []):
            if order[c["next"]] <= order[n["id"]]:
                c["next"] = ids[min(len(ids) - 1, order[n["id"]] + 1)]
    return sc


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            if i % 5 == 4:   # one in five: a meeting in one or two chapters
                sc = chapters.gen(r.randint(1, 2), r.randint(2, 4), seed=r.randrange(10**6), wild=True)
            else:
                sc = forward_only(check.scenario(r, r.randint(4, 16)))
            paths = reference.all_paths(sc)
            path = os.path.join(tmp, f"a{i}.json")
            json.dump(sc, open(path, "w"))
            p = subprocess.run([COMPEL, "analyze", path, "--json", "--samples", "0"],
                               capture_output=True, text=True)
            got = json.loads(p.stdout)
            pct = [reference.percent(e, pp) for e, pp, _, _ in paths]
            won = [reference.percent(e, pp) for e, pp, o, _ in paths if o == "won"]
            want = {"paths": len(paths), "best": max(pct), "worst": min(pct),
                    "best_won": max(won) if won else None}
            have = {"paths": got["paths"]["count"], "best": got["best"]["percent"],
                    "worst": got["worst"]["percent"],
                    "best_won": got["best_won"]["percent"] if got["best_won"] else None}
            if got["paths"]["kind"] != "exact" or want != have:
                failed += 1
                print(f"FAIL scenario {i}: want {want}, got {have} ({got['paths']['kind']})")
                json.dump(sc, open(f"/tmp/analyze-fail-{i}.json", "w"), indent=1)
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
