#!/usr/bin/env bash
# Hostile input: files, names and environments a tester used to break Compel
# (a FIFO where a file should be, escape sequences in scenario text, a huge
# line in a results file, no display, signals, concurrent and failing
# appends). Every check is bounded by `timeout`, so a regression shows as a
# failure, never as a hung suite. Ends with "N passed, N failed".
#   COMPEL=./build/compel bash tests/hostile/run.sh
set -u
cd "$(dirname "$0")/../.."
compel=${COMPEL:-./compel}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/data XDG_CONFIG_HOME=$work/home/config
mkdir -p "$HOME"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
demo=tests/ui/scenarios/demo.json

# expect NAME WANT_RC GREP_STDERR CMD...: run with a 10 s bound; exit code 124
# (timeout) is always a failure.
expect() {
    local name=$1 want=$2 pat=$3 rc
    shift 3
    timeout -k 2 10 "$@" >"$work/out" 2>"$work/err" </dev/null
    rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then bad "$name: hung (killed after 10 s)"
    elif [ "$rc" -ne "$want" ]; then bad "$name: exit $rc, expected $want: $(head -c 300 "$work/err")"
    elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$work/err"; then bad "$name: stderr lacks /$pat/: $(head -c 300 "$work/err")"
    else ok
    fi
}

# ---- a FIFO where a file should be (nobody writes to it: a blocking open hangs)
fifo=$work/fifo.json
mkfifo "$fifo"
for c in validate run analyze graph; do
    expect "fifo as the scenario of $c" 1 "not a regular file \(a FIFO\)" "$compel" "$c" "$fifo"
done
expect "fifo as a results file of report" 1 "not a regular file \(a FIFO\)" "$compel" report "$fifo"
expect "fifo as the window's scenario" 1 "not a regular file \(a FIFO\)" \
    env SDL_VIDEODRIVER=dummy "$compel" "$fifo" --screenshot "$work/x.bmp"
mkdir -p "$XDG_DATA_HOME/compel"
mkfifo "$XDG_DATA_HOME/compel/settings.json"
expect "fifo as the settings file" 0 "" env SDL_VIDEODRIVER=dummy "$compel" "$demo" --screenshot "$work/x.bmp"
rm -f "$XDG_DATA_HOME/compel/settings.json"
mkdir -p "$work/assets/fonts"
for f in assets/fonts/*; do ln -s "$PWD/$f" "$work/assets/fonts/"; done
rm "$work/assets/fonts/DejaVuSans.ttf"
mkfifo "$work/assets/fonts/DejaVuSans.ttf"
expect "fifo as the font" 5 "not a regular file \(a FIFO\)" \
    env SDL_VIDEODRIVER=dummy COMPEL_ASSETS="$work/assets" "$compel" "$demo" --screenshot "$work/x.bmp"

# ---- a file under /proc reports size 0 but has content: read to the end, not "empty"
expect "/proc file is read, not called empty" 1 "status:1:1: error" "$compel" validate /proc/self/status
grep -q "empty" "$work/err" && bad "/proc/self/status is called empty: $(cat "$work/err")"
expect "/dev/zero as a results file" 1 "not a regular file \(a character device\)" "$compel" report /dev/zero

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
