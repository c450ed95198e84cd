#!/usr/bin/env bash
# Re-record every replay in tests/replays from its scenario, seed and choices
# (after checking by hand that a scenario or engine change is intended), or
# record a new one:  tests/rerecord.sh NAME SCENARIO SEED CHOICES
set -euo pipefail
cd "$(dirname "$0")/.."
record() {  # out scenario seed choices
    ./compel run "$2" --seed "$3" --choices "$4" --json | python3 -c '
import json, sys
out, scenario, seed, choices = sys.argv[1:5]
r = json.load(sys.stdin)
if r["ending"] is None:
    sys.exit(f"{out}: the choices {choices} do not reach an ending")
steps, earned, possible = [], 0, 0
for s in r["steps"]:
    earned += s["points"]; possible += s["possible"]
    pct = 0 if possible <= 0 or earned <= 0 else min(100, (200 * earned + possible) // (2 * possible))
    steps.append({"node": s["node"], "choice": s["choice"], "index": s["index"],
                  "points": s["points"], "possible": s["possible"], "percent": pct})
h = {}
exec(open("tests/replays/hash.py").read(), h)
rec = {"scenario": scenario, "hash": h["scenario_hash"](scenario), "seed": int(seed),
       "choices": choices, "steps": steps, "ending": r["ending"], "outcome": r["outcome"],
       "percent": r["percent"]}
json.dump(rec, open(out, "w"), indent=1)
open(out, "a").write("\n")
print("recorded", out)
' "$1" "$2" "$3" "$4"
}
if [ $# -eq 4 ]; then
    record "tests/replays/$1.replay" "$2" "$3" "$4"
    exit 0
fi
for f in tests/replays/*.replay; do
    read -r scenario seed choices < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["scenario"], r["seed"], r["choices"])' "$f")
    record "$f" "$scenario" "$seed" "$choices"
done
