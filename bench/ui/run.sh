#!/usr/bin/env bash
# GUI benchmark: the game against bench/ui/baseline.c (open a window, draw
# one paragraph) under Xvfb 1920x1080x24. Measures, in one run:
#   - time to first frame, whole process, median of 5 (target <= 1.5x baseline)
#   - peak RSS (target <= 1.5x baseline + the scenario's size)
#   - idle CPU on the conversation screen over 10 s (target < 1% of a core)
#   - mean frame time at 1920x1080 with a warm text cache, a drawn face and
#     a reply on screen, best of 3 runs (target <= 2x baseline)
#   - the conversation map of a generated 500-node scenario at 1920x1080:
#     mean frame time fitted to the window, and while panning at one pixel
#     per point (the layout is made once, before the frames are timed),
#     best of 3 runs each (target <= 2x baseline)
# The baseline runs twice: with SDL's default renderer (what a minimal program
# gets: GL on llvmpipe here) and with the software renderer the game picks
# when there is no GPU. Ratios are printed against both.
#   bash bench/ui/run.sh            (starts Xvfb itself through xvfb-run)
set -u
cd "$(dirname "$0")/../.."
if [ -z "${COMPEL_BENCH_INNER:-}" ]; then
    exec env COMPEL_BENCH_INNER=1 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
make -s compel >/dev/null || exit 1
base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
cc -O2 -o "$base/baseline" bench/ui/baseline.c $(pkg-config --cflags --libs sdl2 SDL2_ttf) || exit 1
export HOME=$base XDG_DATA_HOME=$base/data
# The conversation right after a choice: the speaker's drawn face, the reply
# in their voice and the coach's card beneath it.
scenario=tests/ui/faces/moods.json
game=(./compel "$scenario" --choices 1 --screen coach --no-save --window 1280x720)

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ttff() {  # command... -> median seconds of 5 runs
    for _ in 1 2 3 4 5; do
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        echo "$t1 - $t0" | bc -l
    done | median
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

t_game=$(COMPEL_BENCH_FIRST_FRAME=exit ttff "${game[@]}")
t_base=$(ttff "$base/baseline")
t_soft=$(ttff "$base/baseline" --software)
m_game=$(COMPEL_BENCH_FIRST_FRAME=exit rss "${game[@]}")
m_base=$(rss "$base/baseline")
m_soft=$(rss "$base/baseline" --software)
scen_kb=$(( $(stat -c %s "$scenario") / 1024 + 1 ))

# Idle: the conversation screen with a face and a reply, after the face has
# eased into the reply's mood.
"${game[@]}" >/dev/null 2>&1 &
pid=$!
sleep 4
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
c0=$(ticks $pid); sleep 10; c1=$(ticks $pid)
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
hz=$(getconf CLK_TCK)
idle=$(echo "100 * ($c1 - $c0) / ($hz * 10)" | bc -l)

# Frame time: the best of 3 runs of 300 warm frames each (the least disturbed by other load).
best3() { for _ in 1 2 3; do "$@" | awk '{print $2}'; done | sort -n | head -n 1; }
f_game=$(best3 ./compel "$scenario" --choices 1 --screen coach --no-save --window 1920x1080 --bench-frames 300)
f_base=$(best3 "$base/baseline" --window 1920x1080 --frames 300)
f_soft=$(best3 "$base/baseline" --software --window 1920x1080 --frames 300)
python3 bench/gen.py 500 "$base/map500.json" || exit 1
map=(./compel "$base/map500.json" --choices 1,1,1,1,1,1,1,1 --screen map --no-save --window 1920x1080 --bench-frames 300)
f_map=$(best3 "${map[@]}")
f_pan=$(COMPEL_BENCH_MAP_PAN=1 best3 "${map[@]}")

r() { echo "scale=2; $1 / $2" | bc -l; }
printf "time to first frame   game %.3f s   baseline %.3f s (ratio %s)   baseline-software %.3f s (ratio %s)   target <= 1.5\n" \
    "$t_game" "$t_base" "$(r "$t_game" "$t_base")" "$t_soft" "$(r "$t_game" "$t_soft")"
printf "peak RSS              game %d KB   baseline %d KB (ratio %s)   baseline-software %d KB (ratio %s)   target <= 1.5 x baseline + %d KB scenario\n" \
    "$m_game" "$m_base" "$(r "$m_game" "$((m_base + scen_kb))")" "$m_soft" "$(r "$m_game" "$((m_soft + scen_kb))")" "$scen_kb"
printf "idle CPU              game %.2f %% of a core over 10 s (conversation screen)   target < 1\n" "$idle"
printf "frame at 1920x1080    game %.2f ms   baseline %.2f ms (ratio %s)   baseline-software %.2f ms (ratio %s)   target <= 2\n" \
    "$f_game" "$f_base" "$(r "$f_game" "$f_base")" "$f_soft" "$(r "$f_game" "$f_soft")"
printf "map 500 nodes, fitted game %.2f ms   baseline %.2f ms (ratio %s)   baseline-software %.2f ms (ratio %s)   target <= 2\n" \
    "$f_map" "$f_base" "$(r "$f_map" "$f_base")" "$f_soft" "$(r "$f_map" "$f_soft")"
printf "map 500 nodes, panning game %.2f ms   baseline %.2f ms (ratio %s)   baseline-software %.2f ms (ratio %s)   target <= 2\n" \
    "$f_pan" "$f_base" "$(r "$f_pan" "$f_base")" "$f_soft" "$(r "$f_pan" "$f_soft")"
