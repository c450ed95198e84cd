#!/usr/bin/env bash
# The broken-file corpus: one file per validator rule, each with exactly one
# defect. For every tests/bad/NAME.json, NAME.expect holds
#   line 1: the exact line `compel validate tests/bad/NAME.json` must print
#           on standard error
#   line 2: "rule: CODE", the rule code `validate --json` must report
# error-* files must exit 1; warn-* files must exit 0, and 1 with --strict
# (where the same line reads "error:" instead of "warning:"). Two cases are made at test time instead of being
# committed: a file over 64 MiB and a file that does not exist.
# Prints one "ok NAME" / "FAIL NAME: details" line per case, then
# "N passed, N failed"; exits 1 when any case fails.
#   COMPEL=./build/asan/compel bash tests/bad/run.sh
set -u
cd "$(dirname "$0")/../.."
compel=${COMPEL:-./compel}
if [ ! -x "$compel" ]; then
    echo "FAIL setup: no compel program at $compel (run make)"
    echo "0 passed, 1 failed"
    exit 1
fi
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok()  { pass=$((pass + 1)); echo "ok $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }

# The rule codes `validate --json` reports, space-separated.
json_rules() {  # file
    "$compel" validate --json "$1" 2>/dev/null | python3 -c '
import json, sys
try:
    doc = json.load(sys.stdin)
    print(" ".join(g["rule"] for f in doc["files"] for g in f["findings"]))
except Exception:
    print("unparsable")'
}

# check NAME FILE EXPECTED-LINE RULE-OR-EMPTY
check() {
    local name=$1 file=$2 want=$3 rule=$4 kind rc err why=""
    case $name in
        warn-*) kind=warning ;;
        *) kind=error ;;
    esac
    err=$tmp/stderr
    "$compel" validate "$file" >/dev/null 2>"$err" </dev/null
    rc=$?
    if [ "$kind" = error ] && [ "$rc" -ne 1 ]; then
        why="exit $rc, expected 1"
    elif [ "$kind" = warning ] && [ "$rc" -ne 0 ]; then
        why="exit $rc without --strict, expected 0"
    elif ! grep -qxF -- "$want" "$err"; then
        why="stderr lacks: $want | got: $(head -n 3 "$err" | tr '\n' '|')"
    fi
    if [ -z "$why" ] && [ "$kind" = warning ]; then
        "$compel" validate --strict "$file" >/dev/null 2>"$err" </dev/null
        rc=$?
        local strict_line=${want/: warning: /: error: }
        if [ "$rc" -ne 1 ]; then
            why="exit $rc with --strict, expected 1"
        elif ! grep -qxF -- "$strict_line" "$err"; then
            why="--strict stderr lacks: $strict_line"
        fi
    fi
    if [ -z "$why" ] && [ -n "$rule" ]; then
        local got
        got=$(json_rules "$file")
        case " $got " in
            *" $rule "*) ;;
            *) why="--json rules are \"$got\", expected $rule among them" ;;
        esac
    fi
    if [ -z "$why" ]; then ok "$name"; else bad "$name" "$why"; fi
}

for json in tests/bad/*.json; do
    [ -f "$json" ] || continue
    name=$(basename "$json" .json)
    expect=tests/bad/$name.expect
    if [ ! -f "$expect" ]; then
        bad "$name" "no $expect"
        continue
    fi
    want=$(sed -n 1p "$expect")
    rule=$(sed -n 2p "$expect" | sed -n 's/^rule: //p')
    check "$name" "$json" "$want" "$rule"
done

# Over the 64 MiB limit: a sparse file, so it costs no disk and no time.
big=$tmp/error-too-large.json
truncate -s $((65 * 1024 * 1024)) "$big"
check error-too-large "$big" "$big: error: the file is 65 MiB; scenarios are limited to 64 MiB" too-large
# One byte over: the size must read as over the limit, not as "64 MiB".
big1=$tmp/error-too-large-by-one.json
truncate -s $((64 * 1024 * 1024 + 1)) "$big1"
check error-too-large-by-one "$big1" "$big1: error: the file is 67108865 bytes; scenarios are limited to 64 MiB (67108864 bytes)" too-large

# A file that is not there.
gone=$tmp/error-unreadable.json
check error-unreadable "$gone" "$gone: error: cannot open the file: No such file or directory" unreadable

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
