#!/usr/bin/env bash
# Re-record every replay in tests/replays (after checking by hand that a
# scenario or engine change is intended), or record a new one:
#   tests/rerecord.sh NAME SCENARIO SEED CHOICES
# A replay is the saved form of a playthrough (written by `compel run
# --record`, the same shape as the window's autosave) plus "expect": the
# node, choice, points, possible and running percent after every decision,
# then the ending. Replays in the older form ("choices": "2,1,1") are
# converted to the saved form here, once.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect() {  # out: add the expectations from run --json on stdin to $tmp/saved.json
    python3 -c '
import json, sys
out = sys.argv[1]
r = json.load(sys.stdin)
if r["ending"] is None:
    sys.exit(f"{out}: the playthrough does not reach an ending")
steps, earned, possible = [], 0, 0
for s in r["steps"]:
    earned += s["points"]; possible += s["possible"]
    pct = 0 if possible <= 0 or earned <= 0 else min(100, (200 * earned + possible) // (2 * possible))
    steps.append({"node": s["node"], "choice": s["choice"], "index": s["index"],
                  "points": s["points"], "possible": s["possible"], "percent": pct})
rec = json.load(open(sys.argv[2]))
rec["expect"] = {"steps": steps, "ending": r["ending"], "outcome": r["outcome"], "percent": r["percent"]}
json.dump(rec, open(out, "w"), indent=1)
open(out, "a").write("\n")
print("recorded", out)
' "$1" "$tmp/saved.json"
}
record() {  # out scenario seed choices
    ./compel run "$2" --seed "$3" --choices "$4" --player Replay --no-results \
        --record "$tmp/saved.json" --json | expect "$1"
}
if [ $# -eq 4 ]; then
    record "tests/replays/$1.replay" "$2" "$3" "$4"
    exit 0
fi
for f in tests/replays/*.replay; do
    read -r form scenario seed choices < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("old" if "choices" in r else "new", r.get("file") or r["scenario"], r["seed"], r.get("choices", "-"))' "$f")
    if [ "$form" = old ]; then
        record "$f" "$scenario" "$seed" "$choices"
    else
        ./compel run "$scenario" --replay "$f" --no-results --record "$tmp/saved.json" --json | expect "$f"
    fi
done
