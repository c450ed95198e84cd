#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: unit tests (cmocka), CLI
# golden files, replays, the broken-file corpus, the schema check, the fuzz
# corpus replay, the front ends' own suites, the layering and header checks;
# the unit and golden tests again in a clang build; then the core suites in
# an ASan + UBSan build. Ends with one line: "N passed, N failed".
#   tests/run-all.sh              plain build, then sanitizers
#   tests/run-all.sh --asan-only  sanitizer build only (make asan)
#   tests/run-all.sh --no-asan    plain and clang builds only (quick)
#   tests/run-all.sh --scenarios  what a scenario-only change can break: the
#                                 plain build's unit tests, goldens, replays,
#                                 schema, library bar, debriefs and terminal
set -u
cd "$(dirname "$0")/.."
mode=${1:-all}
pass=0
fail=0
failed=()

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); failed+=("$1"); echo "FAIL: $1"; }

# Add the counts from a sub-suite whose last line is "N passed, N failed".
tally() {  # name, output file, exit code
    local line p f
    line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
    if [ -z "$line" ]; then
        bad "$1 (no summary line; exit $3)"
        tail -n 20 "$2"
        return
    fi
    p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$f" -gt 0 ] || [ "$3" -ne 0 ]; then
        failed+=("$1")
        grep -E '^(FAIL|not ok)' "$2" | head -n 20
        [ "$f" -gt 0 ] || { fail=$((fail + 1)); echo "FAIL: $1 exited $3"; }
    fi
}

run_unit() {  # build dir
    local t out rc
    for t in "$1"/tests/test_*; do
        [ -x "$t" ] || continue
        out=$(mktemp)
        CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$out" 2>&1
        rc=$?
        local p f
        p=$(grep -cE '^ok ' "$out")
        f=$(grep -cE '^not ok ' "$out")
        pass=$((pass + p))
        fail=$((fail + f))
        if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
            failed+=("$(basename "$t")")
            grep -E -A3 '^not ok' "$out" | head -n 40
            [ "$f" -gt 0 ] || { fail=$((fail + 1)); echo "FAIL: $(basename "$t") exited $rc"; tail -n 20 "$out"; }
        fi
        rm -f "$out"
    done
}

# Golden files: NAME.cmd holds the arguments after `compel`, NAME.out the exact
# standard output, NAME.code the exit code when it is not 0, NAME.err a line
# that must appear on standard error.
run_golden() {  # compel binary
    local cmd name args out err rc want
    for cmd in tests/golden/*.cmd; do
        [ -f "$cmd" ] || continue
        name=${cmd%.cmd}
        read -ra args <"$cmd"
        out=$(mktemp)
        err=$(mktemp)
        "$1" "${args[@]}" >"$out" 2>"$err" </dev/null
        rc=$?
        want=0
        [ -f "$name.code" ] && want=$(cat "$name.code")
        if [ "$rc" -ne "$want" ]; then
            bad "golden $(basename "$name"): exit $rc, expected $want"
            head -n 3 "$err"
        elif [ -f "$name.out" ] && ! diff -u "$name.out" "$out" >/dev/null; then
            bad "golden $(basename "$name"): output differs"
            diff -u "$name.out" "$out" | head -n 20
        elif [ -f "$name.err" ] && ! grep -qxF "$(head -n 1 "$name.err")" "$err"; then
            bad "golden $(basename "$name"): stderr lacks: $(head -n 1 "$name.err")"
            head -n 3 "$err"
        else
            ok
        fi
        rm -f "$out" "$err"
    done
}

run_script() {  # name, command...
    local name=$1 out rc
    shift
    out=$(mktemp)
    "$@" >"$out" 2>&1
    rc=$?
    tally "$name" "$out" "$rc"
    rm -f "$out"
}

core_suites() {  # build dir, compel binary, random scenarios for the model check
    run_unit "$1"
    run_golden "$2"
    [ -f tests/bad/run.sh ] && run_script "bad-corpus" env COMPEL="$2" bash tests/bad/run.sh
    [ -f tests/lint/run.sh ] && run_script "lint-corpus" env COMPEL="$2" bash tests/lint/run.sh
    [ -f tests/authoring/run.sh ] && run_script "authoring" env COMPEL="$2" bash tests/authoring/run.sh
    run_script "model-run" env COMPEL="$2" python3 tests/model/check.py "$3"
    run_script "model-analyze" env COMPEL="$2" python3 tests/model/analyze_check.py "$3"
}

export XDG_DATA_HOME XDG_CONFIG_HOME HOME
tmp_home=$(mktemp -d)
HOME=$tmp_home
XDG_DATA_HOME=$tmp_home/data
XDG_CONFIG_HOME=$tmp_home/config
jobs=$(nproc 2>/dev/null || echo 2)

if [ "$mode" = --scenarios ]; then
    echo "== plain build, the suites a scenario can break"
    if ! make -s -j"$jobs" unit compel >/dev/null; then
        bad "build"
    else
        run_unit build
        run_golden ./build/compel
        run_script "schema" env COMPEL=./build/compel python3 tests/schema/check.py
        run_script "library-bar" env COMPEL=./build/compel python3 tests/schema/bar.py
        run_script "fact-decided" env COMPEL=./build/compel python3 tests/schema/twins.py
        run_script "debriefs" env COMPEL=./build/compel python3 tests/ui/debriefs.py
        run_script "term-width" env COMPEL=./build/compel python3 tests/term/check.py
    fi
    mode=--none
fi

if [ "$mode" != --asan-only ] && [ "$mode" != --none ]; then
    echo "== plain build"
    if ! make -s -j"$jobs" unit compel >/dev/null; then
        bad "build"
    else
        core_suites build ./build/compel 200
        [ -f tests/schema/check.py ] && run_script "schema" env COMPEL=./build/compel python3 tests/schema/check.py
        [ -f tests/schema/bar.py ] && run_script "library-bar" env COMPEL=./build/compel python3 tests/schema/bar.py
        [ -f tests/schema/twins.py ] && run_script "fact-decided" env COMPEL=./build/compel python3 tests/schema/twins.py
        [ -f tests/ui/run.sh ] && run_script "ui" env COMPEL=./build/compel bash tests/ui/run.sh
        [ -f tests/ui/debriefs.py ] && run_script "debriefs" env COMPEL=./build/compel python3 tests/ui/debriefs.py
        [ -f tests/report/run.sh ] && run_script "report" env COMPEL=./build/compel bash tests/report/run.sh
        [ -f tests/lrs/run.sh ] && run_script "lrs" env COMPEL=./build/compel bash tests/lrs/run.sh
        [ -f tests/lrs/cmi5.sh ] && run_script "cmi5" env COMPEL=./build/compel bash tests/lrs/cmi5.sh
        [ -f tests/hostile/run.sh ] && run_script "hostile" env COMPEL=./build/compel bash tests/hostile/run.sh
        [ -f tests/term/check.py ] && run_script "term-width" env COMPEL=./build/compel python3 tests/term/check.py
        if ! make -s core-check >/dev/null; then bad "core-check (each layer links with the layers below it alone)"; else ok; fi
        if ! make -s headers-check >/dev/null; then bad "headers-check (every header compiles on its own)"; else ok; fi
        # make install puts a working program and its data where it finds them
        inst=$(mktemp -d)
        if make -s install PREFIX="$inst" >/dev/null 2>&1 && "$inst/bin/compel" --version >/dev/null &&
           installed=$(ls "$inst/share/compel/scenarios/"*.json 2>/dev/null | grep -v '/schema\.json$') &&
           [ -n "$installed" ] && "$inst/bin/compel" validate $installed 2>/dev/null &&
           [ -f "$inst/share/compel/scenarios/schema.json" ]; then
            ok
        else
            bad "make install PREFIX=... gives a working program with its scenarios"
        fi
        rm -rf "$inst"
    fi
fi

# The same sources with clang, warnings as errors (gcc's build above has them
# too): the unit tests, the golden files and the headers.
if [ "$mode" != --asan-only ] && [ "$mode" != --none ]; then
    echo "== clang build"
    if ! command -v clang >/dev/null; then
        bad "clang build (clang is not installed: bash .ci/deps.sh)"
    elif ! make -s -j"$jobs" B=build/clang CC=clang unit >/dev/null; then
        bad "clang build"
    else
        run_unit build/clang
        run_golden ./build/clang/compel
        if ! make -s headers-check CC=clang >/dev/null; then bad "headers-check with clang"; else ok; fi
    fi
fi

if [ "$mode" != --no-asan ] && [ "$mode" != --none ]; then
    echo "== ASan + UBSan build"
    san="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
    if ! make -s -j"$jobs" B=build/asan OPT="$san" LDFLAGS="-fsanitize=address,undefined" unit >/dev/null; then
        bad "asan build"
    else
        core_suites build/asan ./build/asan/compel 40
        [ -f tests/fuzz/replay.sh ] && run_script "fuzz-corpus" bash tests/fuzz/replay.sh
        [ -f tests/lrs/run.sh ] && run_script "lrs-asan" env COMPEL=./build/asan/compel bash tests/lrs/run.sh
    fi
fi

rm -rf "$tmp_home"
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed suites: ${failed[*]}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
