#!/usr/bin/env bash
# Benchmark `compel report` (text, CSV, HTML) and `compel xapi` over 10,000
# and 100,000 synthetic playthroughs (gen.py): prints each time, the peak
# memory, and the 100k/10k ratio, which must stay at or below 12 (the work is
# one pass; 10x the input should cost about 10x the time).
#   bash bench/report/run.sh            (uses ./build/compel; `make` first)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
compel=${COMPEL:-$root/build/compel}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seconds (wall) and peak KB of one run, best of 3 (the first run also warms the page cache)
measure() {  # out-var-prefix, command...
    local best=999999 mem=0 t m
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
        read -r t m <"$tmp/time"
        best=$(python3 -c "print(min($best, $t))")
        mem=$m
    done
    echo "$best $mem"
}

for n in 10000 100000; do
    python3 "$here/gen.py" "$n" "$tmp/r$n.jsonl"
    size=$(du -m "$tmp/r$n.jsonl" | cut -f1)
    echo "$n playthroughs: ${size} MB"
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
        read -r t m < <(measure "$@")
        eval "t_$n=$t m_$n=$m"
    done
    ratio=$(python3 -c "print(f'{$t_100000 / max($t_10000, 0.001):.1f}')")
    verdict=ok
    python3 -c "import sys; sys.exit(0 if $t_100000 / max($t_10000, 0.001) <= 12 else 1)" || { verdict="TOO SLOW (> 12x)"; fail=1; }
    printf '%-5s 10k: %6.2f s %7d KB   100k: %6.2f s %7d KB   ratio %5sx  %s\n' \
        "$mode" "$t_10000" "$m_10000" "$t_100000" "$m_100000" "$ratio" "$verdict"
done
exit $fail
