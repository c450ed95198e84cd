#!/usr/bin/env bash
# Benchmark `compel report` (text, CSV, HTML) and `compel xapi` over 10,000
# and 100,000 synthetic playthroughs (gen.py): prints wall and CPU time (best
# of three), peak memory, and the 100k/10k ratio of CPU time, which must stay
# at or below 12 (the work is one pass: 10x the input should cost about 10x).
# CPU time rather than wall time, so that other work on a shared machine
# does not decide the verdict; both are printed.
#   bash bench/report/run.sh            (uses ./build/compel; `make` first)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
compel=${COMPEL:-$root/build/compel}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "wall cpu peak-KB" of a command, best of 3 (the first run also warms the page cache)
measure() {
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
        cat "$tmp/time"
    done | awk 'NR == 1 || $2 + $3 < best { best = $2 + $3; wall = $1; mem = $4 } END { printf "%s %.2f %s\n", wall, best, mem }'
}

for n in 10000 100000; do
    python3 "$here/gen.py" "$n" "$tmp/r$n.jsonl"
    echo "$n playthroughs: $(du -m "$tmp/r$n.jsonl" | cut -f1) MB"
done

fail=0
for mode in text csv html xapi; do
    for n in 10000 100000; do
        case $mode in
        text) set -- "$compel" report "$tmp/r$n.jsonl" ;;
        csv) set -- "$compel" report --csv "$tmp/r$n.jsonl" ;;
        html) set -- "$compel" report --html "$tmp/r$n.html" "$tmp/r$n.jsonl" ;;
        xapi) set -- "$compel" xapi --out "$tmp/x$n.json" "$tmp/r$n.jsonl" ;;
        esac
        read -r wall cpu mem < <(measure "$@")
        eval "wall_$n=$wall cpu_$n=$cpu mem_$n=$mem"
    done
    ratio=$(awk -v a="$cpu_10000" -v b="$cpu_100000" 'BEGIN { printf "%.1f", b / (a > 0.001 ? a : 0.001) }')
    verdict=ok
    if ! awk -v r="$ratio" 'BEGIN { exit !(r <= 12) }'; then verdict="TOO SLOW (> 12x)"; fail=1; fi
    printf '%-5s 10k: %5.2f s cpu %5.2f s wall %6d KB | 100k: %6.2f s cpu %6.2f s wall %7d KB | ratio %4sx %s\n' \
        "$mode" "$cpu_10000" "$wall_10000" "$mem_10000" "$cpu_100000" "$wall_100000" "$mem_100000" "$ratio" "$verdict"
done
exit $fail
