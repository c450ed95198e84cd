#!/usr/bin/env bash
# compel lint's corpus: one small scenario per finding. For every
# tests/lint/NAME.json, NAME.expect lists the findings `lint --json` must
# report, one "RULE PATH" line each, in order (an empty file: none). Each
# finding must also show in the text output with its path, rule and a fix
# line; --strict must exit 1 exactly when there is a finding. Then: a broken
# file exits 1, a usage error 2, and every shipped scenario lints (exit 0).
# Prints "ok NAME" / "FAIL NAME: details", then "N passed, N failed".
#   COMPEL=./build/asan/compel bash tests/lint/run.sh
set -u
cd "$(dirname "$0")/../.."
compel=${COMPEL:-./compel}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok()  { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

for f in tests/lint/*.json; do
    name=$(basename "$f" .json)
    if ! "$compel" lint --json "$f" >"$tmp/out.json" 2>"$tmp/err"; then
        bad "$name" "lint --json exited $? ($(head -n 1 "$tmp/err"))"
        continue
    fi
    python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["files"]:
    for x in f["findings"]:
        assert x["fix"] and x["message"], x
        print(x["rule"], x["path"])' "$tmp/out.json" >"$tmp/got" 2>"$tmp/err"
    if ! diff -u "tests/lint/$name.expect" "$tmp/got" >"$tmp/diff"; then
        bad "$name" "findings differ: $(tr '\n' ' ' <"$tmp/diff" | cut -c1-300)"
        continue
    fi
    "$compel" lint "$f" >"$tmp/text"
    missing=""
    while read -r rule path; do
        grep -qF "$f: warning: ${path:+$path: }" "$tmp/text" && grep -qF "[$rule]" "$tmp/text" || missing="$missing $rule"
    done <"tests/lint/$name.expect"
    n=$(grep -c '^    fix: ' "$tmp/text")
    want=$(wc -l <"tests/lint/$name.expect")
    "$compel" lint --strict --summary "$f" >/dev/null
    rc=$?
    if [ -n "$missing" ]; then
        bad "$name" "text output lacks:$missing"
    elif [ "$n" -ne "$want" ]; then
        bad "$name" "$n fix lines for $want findings"
    elif [ "$rc" -ne $((want > 0 ? 1 : 0)) ]; then
        bad "$name" "--strict exited $rc with $want findings"
    else
        ok "$name"
    fi
done

"$compel" lint tests/lint/clean.json no-such-file.json >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -qF "no-such-file.json: error:" "$tmp/err"; then ok "missing-file"; else bad "missing-file" "exit $rc"; fi
"$compel" lint --samples x tests/lint/clean.json >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 2 ]; then ok "usage"; else bad "usage" "exit $rc"; fi

for f in scenarios/*.json; do
    [ "$(basename "$f")" = schema.json ] && continue
    if "$compel" lint --summary --samples 100 "$f" >"$tmp/text" 2>&1 && grep -q 'wording-cue player: ' "$tmp/text"; then
        ok "library $(basename "$f")"
    else
        bad "library $(basename "$f")" "$(head -n 2 "$tmp/text")"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
