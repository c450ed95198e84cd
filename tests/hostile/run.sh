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
mkdir -p "$work/config/compel"
mkfifo "$work/config/compel/lrs.conf"
expect "fifo as the LRS settings (run)" 3 "" env XDG_CONFIG_HOME="$work/config" "$compel" run "$demo" --choices 1 --json --no-results
expect "fifo as the LRS settings (window)" 0 "" env XDG_CONFIG_HOME="$work/config" SDL_VIDEODRIVER=dummy \
    "$compel" "$demo" --screenshot "$work/x.bmp"
rm -f "$work/config/compel/lrs.conf"
mkdir -p "$work/assets/fonts"
for f in assets/fonts/*; do ln -s "$PWD/$f" "$work/assets/fonts/"; done
rm "$work/assets/fonts/DejaVuSans.ttf"
mkfifo "$work/assets/fonts/DejaVuSans.ttf"
expect "fifo as the font" 5 "not a regular file \(a FIFO\)" \
    env SDL_VIDEODRIVER=dummy COMPEL_ASSETS="$work/assets" "$compel" "$demo" --screenshot "$work/x.bmp"

# ---- output into a pipe or a device (--out /dev/null, /dev/stdout): written
# into it, never replaced by a renamed file (as root, a rename over /dev/null
# once turned the machine's /dev/null into a plain file)
"$compel" run "$demo" --choices 1,1,1,1,1,1,1,1,1,1,1,1 --results "$work/out.jsonl" >/dev/null 2>&1
for out in "xapi $work/out.jsonl --out" "report $work/out.jsonl --html" "run $demo --choices 1,1 --record"; do
    rm -f "$work/pipe" "$work/got"
    mkfifo "$work/pipe"
    timeout 10 cat "$work/pipe" >"$work/got" &
    reader=$!
    # shellcheck disable=SC2086
    timeout 10 "$compel" $out "$work/pipe" >/dev/null 2>"$work/err"
    wait "$reader"
    what=${out%% *}
    if [ ! -p "$work/pipe" ]; then bad "$what into a FIFO replaced the FIFO with a file"
    elif [ ! -s "$work/got" ]; then bad "$what into a FIFO: nothing came through ($(head -c 200 "$work/err"))"
    else ok
    fi
done
rm -f "$work/pipe"
mkfifo "$work/pipe"
expect "output into a FIFO nobody reads fails at once" 1 "cannot write" "$compel" xapi "$work/out.jsonl" --out "$work/pipe"

# ---- a file under /proc reports size 0 but has content: read to the end, not "empty"
expect "/proc file is read, not called empty" 1 "status:1:1: error" "$compel" validate /proc/self/status
grep -q "empty" "$work/err" && bad "/proc/self/status is called empty: $(cat "$work/err")"
expect "/dev/zero as a results file" 1 "not a regular file \(a character device\)" "$compel" report /dev/zero

# ---- escape sequences in scenario text never reach the terminal raw
esc=tests/hostile/files/escapes.json
raw_controls() { LC_ALL=C grep -c $'\x1b\\|\x07\\|\r\\|\xc2\x9b' "$1"; }
for c in "run $esc --choices 1" "analyze $esc" "graph $esc" "validate $esc"; do
    read -ra args <<<"$c"
    timeout 10 "$compel" "${args[@]}" >"$work/out" 2>&1 </dev/null
    n=$(raw_controls "$work/out")
    if [ "$n" -eq 0 ] && LC_ALL=C grep -q $'\xef\xbf\xbd' "$work/out"; then ok
    else bad "compel $c: $n line(s) with a raw control character, or none replaced"; fi
done
expect "validate warns about control characters in text" 0 'nodes\[0\]\.text: holds the control character U\+001B' \
    "$compel" validate "$esc"
expect "validate --strict refuses them" 1 "control character" "$compel" validate --strict "$esc"
# a player's name with an escape in it is refused like any bad value
expect "--player with ESC is exit 2" 2 "--player" "$compel" run tests/golden/tiny.json --choices 1 --player $'a\x1b[2Jb'

# ---- player names: never cut inside a character, never saved when not UTF-8
res=$work/names.jsonl
expect "--player not UTF-8 is exit 2 (run)" 2 "--player is not valid UTF-8" \
    "$compel" run tests/golden/tiny.json --choices 1 --results "$res" --player $'caf\xe9'
expect "--player not UTF-8 is exit 2 (window)" 2 "--player is not valid UTF-8" \
    env SDL_VIDEODRIVER=dummy "$compel" "$demo" --player $'caf\xe9' --screenshot "$work/x.bmp"
[ -e "$res" ] && bad "a refused name still saved a result"
long=$(printf 'a%.0s' $(seq 62))é
longer=$(printf 'é%.0s' $(seq 100))
for name in "$long" "$longer"; do
    expect "long --player saved whole (${#name} chars)" 0 "" \
        "$compel" run tests/golden/tiny.json --choices 1 --results "$res" --player "$name"
done
expect "report reads both long names" 0 "" "$compel" report "$res"
grep -q "not UTF-8\|skipped" "$work/err" && bad "report skipped a record: $(cat "$work/err")"
python3 - "$res" <<'PY' && ok || bad "saved names are not whole UTF-8 of at most 63 bytes"
import json, sys
lines = open(sys.argv[1], 'rb').read().splitlines()
assert len(lines) == 2, lines
for l in lines:
    p = json.loads(l.decode('utf-8'))['player'].encode('utf-8')
    assert 0 < len(p) <= 63, p
PY

# ---- exit codes as docs/cli.md and docs/gui.md say
expect "run --choices 0 is out of range: exit 1" 1 'choice 0 .*out of range at decision "open"' \
    "$compel" run tests/golden/tiny.json --choices 0
expect "run --choices 99999999999 is out of range: exit 1" 1 'out of range at decision "open"' \
    "$compel" run tests/golden/tiny.json --choices 99999999999
expect "window --choices 0 is out of range: exit 1" 1 'out of range at decision' \
    env SDL_VIDEODRIVER=dummy "$compel" "$demo" --choices 0 --screenshot "$work/x.bmp"
expect "run --results \"\" is usage: exit 2" 2 "--results needs a file name" \
    "$compel" run tests/golden/tiny.json --choices 1 --results ""
expect "window --results \"\" is usage: exit 2" 2 "--results needs a file name" \
    env SDL_VIDEODRIVER=dummy "$compel" "$demo" --results "" --screenshot "$work/x.bmp"
for v in nan NaN -nan inf; do
    expect "--text-scale $v is usage: exit 2" 2 "--text-scale" \
        env SDL_VIDEODRIVER=dummy "$compel" "$demo" --text-scale "$v" --screenshot "$work/x.bmp"
done

# ---- no display: exit 4 and one line pointing to `compel run`, never an invisible window
mkdir -p "$work/rt" && chmod 700 "$work/rt"
nodisplay() {  # name, env settings...
    local name=$1 rc lines
    shift
    timeout -k 2 10 env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER XDG_RUNTIME_DIR="$work/rt" "$@" \
        "$compel" "$demo" >/dev/null 2>"$work/err" </dev/null
    rc=$?
    lines=$(wc -l <"$work/err")
    if [ $rc -eq 4 ] && [ "$lines" -eq 1 ] && grep -q "compel run" "$work/err"; then ok
    else bad "$name: exit $rc, $lines line(s): $(head -c 300 "$work/err")"; fi
}
nodisplay "no DISPLAY, no SDL_VIDEODRIVER"
nodisplay "SDL_VIDEODRIVER=offscreen" SDL_VIDEODRIVER=offscreen
nodisplay "SDL_VIDEODRIVER=dummy without --screenshot" SDL_VIDEODRIVER=dummy
expect "--screenshot with no display still works" 0 "" \
    env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER XDG_RUNTIME_DIR="$work/rt" "$compel" "$demo" --screenshot "$work/x.bmp"

# ---- a huge line in a results file: skipped with a warning, memory stays bounded
"$compel" run tests/golden/tiny.json --choices 1 --results "$work/one.jsonl" >/dev/null
truncate -s 40M "$work/huge.jsonl"                 # 40 MB of zeros, no newline: one line
printf '\n' >>"$work/huge.jsonl"
cat "$work/one.jsonl" >>"$work/huge.jsonl"
rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >"$work/out" 2>"$work/err" </dev/null; cat "$work/rss"; }
small=$(rss timeout 60 "$compel" report "$work/one.jsonl")
big=$(rss timeout 60 "$compel" report "$work/huge.jsonl")
if grep -q "line 1 is longer than 8 MiB.*skipped" "$work/err" && grep -q "1 playthrough" "$work/out"; then ok
else bad "report over a 40 MB line: $(head -c 300 "$work/err")"; fi
# peak memory as a ratio against a one-record file in the same run (it held the whole line: 5x and more)
if [ "$big" -lt $((small * 4)) ]; then ok; else bad "report over a 40 MB line peaked at $big KB, $small KB for one record"; fi

# ---- a full disk: the failed append takes its partial record back
big_run=$(sed 's/ --json//' tests/golden/scen-harbor-fresh-best.cmd)   # a playthrough of ~10 KB
mnt=$work/mnt
mkdir -p "$mnt"
if mount -t tmpfs -o size=256k tmpfs "$mnt" 2>/dev/null; then
    "$compel" run tests/golden/tiny.json --choices 1 --results "$mnt/r.jsonl" >/dev/null
    dd if=/dev/zero of="$mnt/fill" bs=4k 2>/dev/null
    truncate -s -4k "$mnt/fill"                      # one page free: the record gets half written
    before=$(stat -c %s "$mnt/r.jsonl")
    read -ra a <<<"$big_run"
    expect "append on a full disk is exit 6" 6 "could not save the result" "$compel" "${a[@]}" --results "$mnt/r.jsonl"
    after=$(stat -c %s "$mnt/r.jsonl")
    [ "$before" = "$after" ] && ok || bad "a failed append left $((after - before)) bytes of a partial record"
    rm -f "$mnt/fill"
    expect "report after the failed append: no torn line" 0 "" "$compel" report "$mnt/r.jsonl"
    grep -q "torn\|incomplete\|skipped" "$work/err" && bad "report found a torn record: $(cat "$work/err")"
    umount "$mnt"
else
    echo "skip: full-disk case (cannot mount a small tmpfs here; needs root in a namespace that allows mounts)"
fi

# ---- long text in the window: memory follows the screen, not the text
python3 - "$work" <<'PY'
import json, sys
base = json.load(open("tests/golden/tiny.json"))
for n, tag in ((2000, "short"), (1000000, "long")):
    s = json.loads(json.dumps(base))
    s["characters"][0]["name"] = "N" * n          # one unbroken word
    s["nodes"][0]["text"] = " ".join(["word"] * (n // 5))
    json.dump(s, open(f"{sys.argv[1]}/{tag}.json", "w"))
PY
for scr in briefing play; do
    small=$(rss env SDL_VIDEODRIVER=dummy timeout 60 "$compel" "$work/short.json" --screen $scr --window 1920x1080 --screenshot "$work/s.bmp")
    big=$(rss env SDL_VIDEODRIVER=dummy timeout 60 "$compel" "$work/long.json" --screen $scr --window 1920x1080 --screenshot "$work/l.bmp")
    # (the whole text used to be one image: 8 GB for 10 MB of words)
    if [ -s "$work/l.bmp" ] && [ "$big" -lt $((small * 3 / 2)) ]; then ok
    else bad "$scr with a 1 MB name and text: peak $big KB, $small KB for 2 KB (or no screenshot)"; fi
done
expect "a 100-line node draws" 0 "" env SDL_VIDEODRIVER=dummy "$compel" tests/hostile/files/hundred-lines.json --screen play --screenshot "$work/h.bmp"

# ---- SIGTERM ends the window (SDL turns it into a quit event; a frame
# busy for seconds could not see it), also with a 1 MB name on screen
if command -v xvfb-run >/dev/null 2>&1; then
    for f in "$demo" "$work/long.json"; do
        r=$(timeout 30 xvfb-run -a -s "-screen 0 1280x720x24" bash tests/hostile/sigterm.sh "$compel" "$f" --screen play 2>&1 | tail -1)
        case $r in "ended in"*) ok ;; *) bad "SIGTERM did not end the window within a second ($f): $r" ;; esac
    done
else
    echo "skip: SIGTERM case (no xvfb-run)"
fi

# ---- a damaged font (2,000 flipped bytes) loads but draws boxes: say so, use a system font
mkdir -p "$work/dmg/fonts"
cp assets/fonts/* "$work/dmg/fonts/"
python3 - "$work/dmg/fonts/DejaVuSans.ttf" <<'PY'
import random, sys
b = bytearray(open(sys.argv[1], "rb").read())
r = random.Random(15)
for _ in range(2000):
    b[r.randrange(len(b))] ^= 0xFF
open(sys.argv[1], "wb").write(b)
PY
expect "a damaged font is named and replaced" 0 "DejaVuSans.ttf loads but cannot draw letters \(damaged\?\); using" \
    env SDL_VIDEODRIVER=dummy COMPEL_ASSETS="$work/dmg" "$compel" "$demo" --screenshot "$work/dmg.bmp"
if grep -q "using /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" "$work/err"; then
    # the system's copy of the same font: the screen must be exactly the healthy one
    env SDL_VIDEODRIVER=dummy "$compel" "$demo" --screenshot "$work/healthy.bmp" 2>/dev/null
    cmp -s "$work/dmg.bmp" "$work/healthy.bmp" && ok || bad "the damaged-font screen differs from the healthy one"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
