#!/usr/bin/env python3
"""Library-wide checks on how the best choice is placed, per the scenario brief:
the best choice (highest points; a tie counts as no single best) should be the
longest text in under 40% of scored decisions, and sit at every position
1, 2, 3, ... somewhere. Prints a table per scenario and the totals.
Run from the repository root: python3 tests/schema/library_stats.py [FILES]"""
import glob, json, sys, collections

files = sys.argv[1:] or sorted(p for p in glob.glob("scenarios/*.json") if not p.endswith("schema.json"))
total = longest = 0
positions = collections.Counter()
for path in files:
    doc = json.load(open(path, encoding="utf-8"))
    n = lg = 0
    pos = collections.Counter()
    for node in doc["nodes"]:
        if "choices" not in node or "skill" not in node:
            continue
        ch = node["choices"]
        pts = [c.get("points", 0) for c in ch]
        top = max(pts)
        if pts.count(top) != 1 or len(ch) < 2:
            continue
        i = pts.index(top)
        n += 1
        pos[i + 1] += 1
        lens = [len(c["text"]) for c in ch]
        if lens[i] == max(lens):
            lg += 1
    total += n; longest += lg; positions.update(pos)
    print("%-40s decisions %2d  best-is-longest %2d  positions %s" % (path, n, lg, dict(sorted(pos.items()))))
share = 100.0 * longest / total if total else 0
print("library: %d decisions, best is the longest in %d (%.1f%%), best positions %s" % (total, longest, share, dict(sorted(positions.items()))))
sys.exit(0 if share < 40 else 1)
