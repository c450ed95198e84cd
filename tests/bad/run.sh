#!/usr/bin/env bash
# The broken-file corpus: each tests/bad/NAME.json must make `compel validate`
# print the line in NAME.expect. Errors exit 1; warnings exit 0, and 1 with
# --strict. Also: a file over 64 MiB, generated here, is refused unread.
set -u
cd "$(dirname "$0")/../.."
compel=${COMPEL:-./compel}
pass=0
fail=0
for f in tests/bad/*.json; do
    name=$(basename "$f" .json)
    want=$(head -n 1 "tests/bad/$name.expect")
    err=$("$compel" validate "$f" 2>&1 >/dev/null)
    rc=$?
    if ! grep -qxF -- "$want" <<<"$err"; then
        echo "FAIL $name: expected line not printed"
        echo "  want: $want"
        echo "  got:  $(head -n 3 <<<"$err")"
        fail=$((fail + 1))
        continue
    fi
    case $name in
    warn-*)
        "$compel" validate --strict "$f" >/dev/null 2>&1
        strict=$?
        if [ "$rc" -ne 0 ] || [ "$strict" -ne 1 ]; then
            echo "FAIL $name: warning should exit 0 (got $rc) and 1 with --strict (got $strict)"
            fail=$((fail + 1))
            continue
        fi ;;
    *)
        if [ "$rc" -ne 1 ]; then
            echo "FAIL $name: error should exit 1, got $rc"
            fail=$((fail + 1))
            continue
        fi ;;
    esac
    echo "ok $name"
    pass=$((pass + 1))
done
big=$(mktemp)
truncate -s 65M "$big"
line=$("$compel" validate "$big" 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && [ "$line" = "$big: error: the file is 65 MiB; scenarios are limited to 64 MiB" ]; then
    echo "ok error-too-large"
    pass=$((pass + 1))
else
    echo "FAIL error-too-large: exit $rc: $line"
    fail=$((fail + 1))
fi
rm -f "$big"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
