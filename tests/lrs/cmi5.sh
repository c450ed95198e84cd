#!/usr/bin/env bash
# `compel cmi5` against a stub LMS on 127.0.0.1 (lms.js): the launch URL's
# parameters, the auth token fetched once, LMS.LaunchData read, and the
# statements checked against cmi5's rules: initialized first, one completed
# (no score) and one passed or failed per registration (against the mastery
# score, with it in the context), terminated last, every one with the
# registration, the template's session id and the cmi5 category.
# Ends with "N passed, N failed". Skips only when node is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
if ! command -v node >/dev/null; then
    echo "SKIP: node not found; the cmi5 tests did not run"
    echo "0 passed, 0 failed"
    exit 0
fi
tmp=$(mktemp -d)
node "$here/lms.js" "$tmp/port" >"$tmp/lms.log" 2>&1 &
lms=$!
trap 'kill $lms 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do [ -f "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
launch() {   # REGISTRATION: a launch URL as an LMS builds it
    local actor='{"objectType":"Agent","name":"Sam Ortiz","account":{"homePage":"https://lms.example.com","name":"sortiz"}}'
    echo "compel://launch?endpoint=$(enc "http://127.0.0.1:$port/xapi/")&fetch=$(enc "http://127.0.0.1:$port/fetch?launch=$1")&actor=$(enc "$actor")&registration=$1&activityId=$(enc https://lms.example.com/au/renewal)&scenario=renewal"
}
fixtures=$root/tests/report/fixtures
reg1=5b1f8a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b
reg2=6c2f9b3e-4d5e-4f60-9bac-1d2e3f4a5b6c
"$compel" cmi5 "$(launch $reg1)" --scenarios "$fixtures" --choices 1,1 >"$tmp/out1" 2>"$tmp/err1"
check "a launch that passes exits 0" test $? -eq 0
check "it says what it sent" grep -q "completed, passed" "$tmp/out1"
"$compel" cmi5 "$(launch $reg2)" --scenario "$fixtures/renewal.json" --choices 2,2 >"$tmp/out2" 2>"$tmp/err2"
check "a launch that fails the mastery score exits 0" test $? -eq 0
"$compel" cmi5 "$(launch $reg1)" --scenarios "$fixtures" --choices 1,1 >/dev/null 2>"$tmp/err3"
check "the fetch URL works once: a second launch with it exits 1" test $? -eq 1
check "and says the LMS gave no token" grep -q "no auth token" "$tmp/err3"
"$compel" cmi5 "compel://launch?endpoint=x" --scenarios "$fixtures" >/dev/null 2>"$tmp/err4"
check "a launch URL without its parameters exits 2, naming one" bash -c "grep -q 'no fetch parameter' '$tmp/err4'"
# the window, as the compel:// link opens it: plays to the ending, sends, exits
reg3=7d3fac4f-5e6f-4071-8cbd-2e3f4a5b6c7d
reg4=8e4fbd5f-6f70-4182-9dce-3f4a5b6c7d8e
SDL_VIDEODRIVER=dummy COMPEL_BENCH_FIRST_FRAME=exit XDG_DATA_HOME="$tmp/wdata" "$compel" --cmi5 "$(launch $reg3)" \
    --scenarios "$fixtures" --choices 1,1 >"$tmp/out5" 2>"$tmp/err5"
check "the window launched by an LMS exits 0 after the ending" test $? -eq 0
check "the window's result is in its results file too" test "$(wc -l <"$tmp/wdata/compel/results.jsonl")" -eq 1
SDL_VIDEODRIVER=dummy COMPEL_BENCH_FIRST_FRAME=exit XDG_DATA_HOME="$tmp/wdata" "$compel" --cmi5 "$(launch $reg4)" \
    --scenarios "$fixtures" --choices 1 >"$tmp/out6" 2>"$tmp/err6"
check "the window closed before an ending exits 0" test $? -eq 0
SDL_VIDEODRIVER=dummy "$compel" --cmi5 "compel://launch?endpoint=x" --scenarios "$fixtures" >/dev/null 2>"$tmp/err7"
check "the window with a bad launch URL exits 2" test $? -eq 2
check "and names what is missing" grep -q 'no fetch parameter' "$tmp/err7"
curl -s "http://127.0.0.1:$port/dump" >"$tmp/dump.json"
check "the statements follow cmi5's rules" python3 - "$tmp/dump.json" "$reg1" "$reg2" "$reg3" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
CAT = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MS = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
verdicts = {}
for reg in sys.argv[2:]:
    mine = [s for s in st if s["context"]["registration"] == reg]
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in mine]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", verbs
    assert verbs.count("completed") == 1 and verbs.count("passed") + verbs.count("failed") == 1, verbs
    assert verbs.count("initialized") == 1 and verbs.count("terminated") == 1, verbs
    for s in mine:
        c = s["context"]
        assert c["extensions"][SID] == "session-" + reg, c
        cats = [a["id"] for a in c["contextActivities"]["category"]]
        assert CAT in cats, cats
        assert c["contextActivities"]["grouping"][0]["id"].endswith("sales-101"), "the template is kept"
        assert s["object"]["id"] == "https://lms.example.com/au/renewal"
        assert s["actor"]["account"]["name"] == "sortiz"
        v = s["verb"]["id"].rsplit("/", 1)[1]
        if v == "completed":
            assert "score" not in s["result"] and s["result"]["completion"] is True and MOVEON in cats
        if v in ("passed", "failed"):
            sc = s["result"]["score"]["scaled"]
            assert (sc >= 0.8) == (v == "passed") == s["result"]["success"], s["result"]
            assert c["extensions"][MS] == 0.8 and MOVEON in cats
            verdicts[reg] = v
        if v in ("completed", "passed", "failed", "terminated"):
            assert s["result"]["duration"].startswith("PT")
    assert len({s["id"] for s in mine}) == len(mine)
assert verdicts == {sys.argv[2]: "passed", sys.argv[3]: "failed", sys.argv[4]: "passed"}, verdicts
PY
check "left before an ending: initialized, then terminated alone" python3 - "$tmp/dump.json" "$reg4" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in st if s["context"]["registration"] == sys.argv[2]]
assert verbs == ["initialized", "terminated"], verbs
PY
if [ -d "$root/tests/report/node_modules/@learninglocker/xapi-validation" ]; then
    check "every cmi5 statement is valid xAPI" node -e '
const validate = require(process.argv[2]).default;
const st = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
let bad = 0;
for (const s of st) for (const w of validate(s)) { bad++; console.error(JSON.stringify(w).slice(0, 300)); }
process.exit(bad || st.length !== 14 ? 1 : 0);   // terminal: 4 + 4; window: 4 + 2' "$tmp/dump.json" "$root/tests/report/node_modules/@learninglocker/xapi-validation"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
