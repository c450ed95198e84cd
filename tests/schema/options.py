#!/usr/bin/env python3
"""The options-only view, for a wording-only playtest: a player who sees only
what they may say at each decision, never the story, the replies or the
coach. Such a player should not be able to win; if one does, the options
give the answer away.

usage: COMPEL=./compel python3 tests/schema/options.py SCENARIO.json [CHOICES]
Plays CHOICES (comma-separated, as `compel run --choices`) in assessment mode
and prints the options of the decision that comes next, or the score and
outcome once the playthrough has ended. Exit 0, or 1 when CHOICES does not
fit the scenario (the game's own message is printed)."""
import json
import os
import subprocess
import sys

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
picks = sys.argv[2] if len(sys.argv) == 3 else ""
r = subprocess.run([os.environ.get("COMPEL", "./compel"), "run", sys.argv[1], "--seed", "1", "--no-results",
                    "--mode", "assessment", "--json", "--choices", picks], capture_output=True, text=True)
try:
    out = json.loads(r.stdout)
except ValueError:
    print("error: " + (r.stderr.strip().splitlines() or ["no output"])[-1])
    sys.exit(1)
if out["ending"]:
    print("Ended: %s at %d %%." % (out["outcome"], out["percent"]))
    sys.exit(0)
print("Decision %d. Choose one:" % (len(out["steps"]) + 1))
for c in out["decision"]["choices"]:
    print("%d. %s" % (c["index"], c["text"]))
