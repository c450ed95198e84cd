#!/usr/bin/env bash
# The authoring commands: `compel new` writes a starter that passes
# `validate --strict` and plays to a won ending at 100 %, never overwrites a
# file, and refuses a bad id. Prints "ok NAME" / "FAIL NAME: details", then
# "N passed, N failed".
#   COMPEL=./build/asan/compel bash tests/authoring/run.sh
set -u
cd "$(dirname "$0")/../.."
compel=$(realpath "${COMPEL:-./compel}")
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok()  { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

(cd "$tmp" && "$compel" new campus-lockers 2>/dev/null)
if [ -f "$tmp/campus-lockers.json" ] && grep -q '"id": "campus-lockers"' "$tmp/campus-lockers.json" &&
   grep -q '"\$schema": "schema.json"' "$tmp/campus-lockers.json"; then
    ok "new writes ID.json"
else
    bad "new writes ID.json" "no file, or without its id and schema reference"
fi
if "$compel" validate --strict "$tmp/campus-lockers.json" 2>"$tmp/err"; then
    ok "starter passes validate --strict"
else
    bad "starter passes validate --strict" "$(head -n 2 "$tmp/err")"
fi
# the hub's two questions, then the proposal, then the figure the buyer gave
out=$("$compel" run "$tmp/campus-lockers.json" --choices 1,1,1,1 --json 2>&1)
if echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["ending"]=="won" and d["percent"]==100, d' 2>/dev/null; then
    ok "starter's best path wins at 100"
else
    bad "starter's best path wins at 100" "$(echo "$out" | head -c 200)"
fi
# proposing at once hides the figure: the discount is all that is left to say
out=$("$compel" run "$tmp/campus-lockers.json" --choices 3,1 --json 2>&1)
if echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["ending"]=="lost" and d["percent"]==0, d' 2>/dev/null; then
    ok "starter's hasty path loses"
else
    bad "starter's hasty path loses" "$(echo "$out" | head -c 200)"
fi
echo "edited" >"$tmp/keep.json"
"$compel" new keep --out "$tmp/keep.json" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && [ "$(cat "$tmp/keep.json")" = edited ] && grep -q "already exists" "$tmp/err"; then
    ok "new never overwrites"
else
    bad "new never overwrites" "exit $rc"
fi
"$compel" new "Not An Id" --out - >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok "new refuses a bad id"; else bad "new refuses a bad id" "exit $rc"; fi
if "$compel" new x --out - >"$tmp/x.json" && [ ! -e x.json ] && "$compel" validate --strict "$tmp/x.json" 2>/dev/null; then
    ok "new --out - writes standard output"
else
    bad "new --out - writes standard output" "not a valid scenario"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
