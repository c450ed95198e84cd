#!/usr/bin/env bash
# End-to-end checks of `compel report` and `compel xapi` on results made by
# really playing the fixture scenarios (make_results.py): exit codes, torn
# lines and duplicate playthroughs, the CSV parsed back (RFC 4180), the HTML
# page self-contained and rendered by headless Chromium, and every xAPI
# statement through Learning Locker's validator (validate_xapi.js).
# Ends with "N passed, N failed"; exits non-zero on any failure.
#   COMPEL=./build/compel bash tests/report/run.sh [--screenshot FILE.png]
# Skips (exit 0) the xAPI validation only when node is missing, and the
# rendering only when chromium is missing, each with a message saying so.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
compel=${COMPEL:-$root/build/compel}
case $compel in /*) ;; *) compel=$root/$compel ;; esac
shot_out=
[ "${1:-}" = --screenshot ] && shot_out=$2
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {  # description, command...
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- results: a team's playthroughs, a copy sharing some, a torn line -----
if ! python3 "$here/make_results.py" "$compel" "$tmp/team.jsonl"; then
    bad "make_results.py could not play the fixtures"
    echo "$pass passed, $fail failed"
    exit 1
fi
n=$(wc -l <"$tmp/team.jsonl")
head -n 5 "$tmp/team.jsonl" >"$tmp/copy.jsonl"                        # the same 5 playthroughs again
printf '{"format":1,"id":"cut-short","scen' >>"$tmp/copy.jsonl"        # a crash mid-write

# ---- report: text, exit codes ---------------------------------------------
"$compel" report "$tmp/team.jsonl" >"$tmp/one.txt" 2>"$tmp/one.err"
check "report exits 0" test $? -eq 0
"$compel" report "$tmp/team.jsonl" "$tmp/copy.jsonl" >"$tmp/two.txt" 2>"$tmp/two.err"
check "report with a torn line exits 0" test $? -eq 0
check "duplicate playthroughs count once (same report)" cmp -s "$tmp/one.txt" "$tmp/two.txt"
check "the torn line is named by file and line" grep -qF "$tmp/copy.jsonl:6:1: warning: line 6 is an incomplete record" "$tmp/two.err"
check "the duplicates are counted" grep -qF "5 playthroughs found twice" "$tmp/two.err"
check "report counts every playthrough" grep -q "^Compel report: $n playthroughs, 2 scenarios, 8 players" "$tmp/one.txt"
"$compel" report "$tmp/missing.jsonl" >/dev/null 2>&1
check "a missing file exits 1" test $? -eq 1
"$compel" report >/dev/null 2>&1
check "no file exits 2" test $? -eq 2
"$compel" report --since 23/11/2026 "$tmp/team.jsonl" >/dev/null 2>&1
check "a bad --since exits 2" test $? -eq 2
"$compel" report --help >"$tmp/help.txt"
check "--help exits 0 and names the options" grep -q -- "--since DATE" "$tmp/help.txt"
"$compel" report --scenario renewal "$tmp/team.jsonl" >"$tmp/renewal.txt"
check "--scenario keeps one scenario" grep -q "^Compel report: [0-9]* playthroughs, 1 scenario," "$tmp/renewal.txt"
"$compel" report --scenario nope "$tmp/team.jsonl" >/dev/null 2>"$tmp/nope.err"
check "an unknown --scenario exits 1" test $? -eq 1
check "an unknown --scenario is named" grep -qF 'no playthrough of scenario "nope"' "$tmp/nope.err"
"$compel" xapi --scenario nope "$tmp/team.jsonl" >/dev/null 2>"$tmp/nope.err"
check "xapi: an unknown --scenario exits 1" test $? -eq 1
"$compel" report --since 2999-01-01 "$tmp/team.jsonl" >"$tmp/future.txt" 2>&1
check "--since in the future leaves nothing" grep -q "^Compel report: 0 playthroughs" "$tmp/future.txt"

# ---- CSV: parsed back by Python's csv module -------------------------------
"$compel" report --csv "$tmp/team.jsonl" "$tmp/copy.jsonl" >"$tmp/report.csv" 2>/dev/null
check "report --csv exits 0" test $? -eq 0
check "the CSV is RFC 4180 with awkward names intact" python3 - "$tmp/report.csv" <<'EOF'
import csv, sys
raw = open(sys.argv[1], newline="", encoding="utf-8").read()
assert "\r\n" in raw and "\n" not in raw.replace("\r\n", ""), "lines must end in CRLF"
rows = list(csv.reader(raw.splitlines(keepends=True)))
head, body = rows[0], rows[1:]
assert head[0] == "kind" and head.count("kind") == 1, "one header row"
assert all(len(r) == len(head) for r in body), "every row has the header's columns"
players = {r[head.index("player")] for r in body if r[0] == "player"}
for name in ('Rob "Bobby" Tables', "Lee, Jr.", "Zoë Kowalczyk", "Kenji 佐藤"):
    assert name in players, name
kinds = {r[0] for r in body}
assert kinds == {"player", "team", "decision"}, kinds
for r in body:
    if r[0] == "decision":
        share = int(r[head.index("share_below_best")])
        pl, below = int(r[head.index("players")]), int(r[head.index("players_below_best")])
        assert share == (200 * below + pl) // (2 * pl), r
EOF

# ---- --excel, --until, --player, one learner identity ------------------------
python3 - "$tmp/team.jsonl" "$tmp/people.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
out = open(sys.argv[2], "w", encoding="utf-8")
a, b, c, d = rows[0], rows[1], rows[2], rows[3]
for r, name, learner in ((a, "Alex Kim", "akim"), (b, "Alex Kim", "akim2"),   # one name, two people
                         (c, "Jo Smith", "jsmith"), (d, "Joanne Smith", "jsmith")):   # one person, two spellings
    r = dict(r, player=name, learner=learner, home_page="https://sso.example.com", scenario="people")
    out.write(json.dumps(r, ensure_ascii=False) + "\n")
r = dict(rows[4], player="=HYPERLINK(\"http://x.invalid\")", scenario="people", finished="2026-01-05T10:00:00.000Z")
out.write(json.dumps(r, ensure_ascii=False) + "\n")
EOF
"$compel" report "$tmp/people.jsonl" >"$tmp/people.txt"
check "one name, two learners: two players; two spellings, one learner: one player" \
    grep -q "^Compel report: 5 playthroughs, 1 scenario, 4 players" "$tmp/people.txt"
check "the newest spelling is shown" grep -q "Joanne Smith" "$tmp/people.txt"
"$compel" report --excel "$tmp/people.jsonl" >"$tmp/people.csv"
check "--excel: a byte-order mark, CRLF lines, formulas kept as text" python3 - "$tmp/people.csv" <<'EOF'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "BOM"
text = raw[3:].decode("utf-8")
assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF"
rows = list(csv.reader(text.splitlines(keepends=True)))
cells = [c for r in rows for c in r]
assert not any(c[:1] in ("=", "+", "-", "@") for c in cells), [c for c in cells if c[:1] in "=+-@"]
assert "'=HYPERLINK(\"http://x.invalid\")" in cells
EOF
"$compel" report --player akim "$tmp/people.jsonl" >"$tmp/one.txt"
check "--player by learner id keeps that learner only" grep -q "^Compel report: 1 playthrough, 1 scenario, 1 player" "$tmp/one.txt"
"$compel" report --player "Jo Smith" "$tmp/people.jsonl" >"$tmp/one.txt"
check "--player by display name" grep -q "^Compel report: 1 playthrough," "$tmp/one.txt"
"$compel" report --until 2026-01-05 "$tmp/people.jsonl" >"$tmp/one.txt"
check "--until a date keeps that whole day and before" grep -q "^Compel report: 1 playthrough," "$tmp/one.txt"
"$compel" report --until 2026-01-04 "$tmp/people.jsonl" >/dev/null 2>&1
check "--until before everything: 0 playthroughs, exit 0" test $? -eq 0
"$compel" report --until 5.1.2026 "$tmp/people.jsonl" >/dev/null 2>&1
check "a bad --until exits 2" test $? -eq 2
check "the text report says what to practise next" grep -q "^Practise next" "$tmp/people.txt"

# ---- HTML: self-contained, and rendered ------------------------------------
"$compel" report --html "$tmp/report.html" "$tmp/team.jsonl" 2>/dev/null
check "report --html exits 0" test $? -eq 0
check "the page loads nothing from elsewhere" python3 - "$tmp/report.html" <<'EOF'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
assert page.startswith("<!DOCTYPE html>")
assert not re.search(r'\b(src|href)\s*=|url\(|@import|<script|<link', page), "an external reference"
assert page.count("<svg") >= 5, "charts"
assert "@media print" in page and 'name="viewport"' in page
assert "Rob &quot;Bobby&quot; Tables" in page and "Zoë Kowalczyk" in page
assert "<title>Compel report</title>" in page
# names in the charts are whole, fitted by CSS (an ellipsis at a letter), never cut by count
for name in ("Rob &quot;Bobby&quot; Tables", "Ana María Núñez"):
    assert 'title="%s">%s</div>' % (name, name) in page, name
assert "text-overflow:ellipsis" in page
assert '<section id="next"><h2>Practise next</h2>' in page and '<section id="rollup">' in page
assert page.count('<section class="learner" id="learner-') == 8, "a page per learner"
assert page.count("<polyline") >= 8 and "attempts, oldest first" in page, "a trend chart per learner"
EOF
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "SKIP: chromium not found; the HTML page was not rendered (apt-get install chromium)"
else
    chrome() {
        local profile
        profile=$(mktemp -d)
        timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
            --no-first-run --user-data-dir="$profile" "$@" 2>/dev/null
        rm -rf "$profile"
    }
    chrome --window-size=1200,1600 --screenshot="$tmp/report.png" "file://$tmp/report.html" >/dev/null
    check "chromium renders the page" test "$(stat -c %s "$tmp/report.png" 2>/dev/null || echo 0)" -gt 20000
    chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
    check "chromium parses every chart" test "$(grep -o '<svg' "$tmp/dom.html" | wc -l)" -eq \
        "$(grep -o '<svg' "$tmp/report.html" | wc -l)"
    chrome --window-size=390,900 --screenshot="$tmp/phone.png" "file://$tmp/report.html" >/dev/null
    check "chromium renders the page at phone width" test -s "$tmp/phone.png"
    chrome --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" >/dev/null
    check "chromium prints the page" test "$(head -c 4 "$tmp/report.pdf" 2>/dev/null)" = "%PDF"
    if [ -n "$shot_out" ]; then
        cp "$tmp/report.png" "$shot_out" && cp "$tmp/phone.png" "${shot_out%.png}-phone.png" &&
            echo "screenshots: $shot_out ${shot_out%.png}-phone.png"
    fi
fi

# ---- xAPI: Learning Locker's validator ------------------------------------
"$compel" xapi "$tmp/team.jsonl" "$tmp/copy.jsonl" --out "$tmp/xapi.json" 2>/dev/null
check "xapi exits 0" test $? -eq 0
"$compel" xapi "$tmp/team.jsonl" --out "$tmp/xapi2.json" 2>/dev/null
check "xapi is deterministic (same ids, same statements)" cmp -s "$tmp/xapi.json" "$tmp/xapi2.json"
"$compel" xapi "$tmp/team.jsonl" --base https://lrs.example.com/compel --pass-percent 90 \
    --home-page https://example.com --lang en-GB >"$tmp/xapi90.json" 2>/dev/null
check "xapi with options exits 0" test $? -eq 0
"$compel" xapi "$tmp/team.jsonl" --base "not an iri" >/dev/null 2>&1
check "xapi refuses a base that is not an IRI (exit 2)" test $? -eq 2
"$compel" xapi "$tmp/team.jsonl" --pass-percent 101 >/dev/null 2>&1
check "xapi refuses --pass-percent 101 (exit 2)" test $? -eq 2
if ! command -v node >/dev/null; then
    echo "SKIP: node not found; the xAPI statements were not validated (install nodejs, then npm ci in tests/report)"
else
    if [ ! -d "$here/node_modules/@learninglocker/xapi-validation" ]; then
        (cd "$here" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
            bad "npm ci in tests/report failed (is the npm registry reachable?)"
    fi
    if [ -d "$here/node_modules/@learninglocker/xapi-validation" ]; then
        node "$here/validate_xapi.js" "$tmp/xapi.json"
        check "every statement is valid xAPI (default options)" test $? -eq 0
        node "$here/validate_xapi.js" "$tmp/xapi90.json" --pass-percent 90
        check "every statement is valid xAPI (--pass-percent 90, other base)" test $? -eq 0
        check "the statements name the playthroughs once each" python3 - "$tmp/xapi.json" "$n" <<'EOF'
import json, sys
st = json.load(open(sys.argv[1], encoding="utf-8"))
regs = {s["context"]["registration"] for s in st}
assert len(regs) == int(sys.argv[2]), (len(regs), sys.argv[2])
assert sum(s["verb"]["id"].endswith("/attempted") for s in st) == len(regs)
EOF
        check "one definition per activity over every playthrough" python3 - "$tmp/xapi.json" <<'EOF'
import json, sys
defs = {}
for s in json.load(open(sys.argv[1], encoding="utf-8")):
    o = s["object"]
    if "definition" in o:
        d = json.dumps(o["definition"], sort_keys=True)
        assert defs.setdefault(o["id"], d) == d, o["id"]
assert len(defs) > 2
EOF
        check "other options give other ids" python3 - "$tmp/xapi.json" "$tmp/xapi90.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
assert not {s["id"] for s in a} & {s["id"] for s in b}, "another base and home page change every statement"
EOF
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
