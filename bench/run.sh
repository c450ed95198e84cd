#!/usr/bin/env bash
# make bench: every figure is a ratio against a baseline measured in the same
# run, with the absolute numbers printed too, and PASS/FAIL against its
# target. Never part of make test. Generated scenarios are cached in
# build/bench/ (delete them after changing bench/gen.py).
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
make -s all >/dev/null || exit 1
cc -std=c11 -D_GNU_SOURCE -O2 -g -Iinclude $(pkg-config --cflags libcjson libxxhash) bench/bench_load.c \
   build/game/core/*.o -o "$out/bench_load" \
   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup \
   $(pkg-config --libs libcjson libxxhash) -lm || exit 1
for n in 60 5000 20000 50000; do
    if [ ! -f "$out/gen-$n.json" ]; then
        python3 bench/gen.py "$n" "$out/gen-$n.json" || exit 1
        ./compel validate "$out/gen-$n.json" >/dev/null 2>&1 || { echo "bench/gen.py $n: not a valid scenario"; exit 1; }
    fi
done
for c in 10 20; do
    if [ ! -f "$out/chapters-$c.json" ]; then
        python3 bench/chapters.py "$c" "$out/chapters-$c.json" || exit 1
        ./compel validate "$out/chapters-$c.json" >/dev/null 2>&1 || { echo "bench/chapters.py $c: not a valid scenario"; exit 1; }
    fi
done
status=0
echo "== core (generated scenarios; see bench/gen.py)"
"$out/bench_load" load "$out/gen-20000.json" || status=1
"$out/bench_load" mem "$out/gen-20000.json" || status=1      # a fresh process for memory
"$out/bench_load" scale "$out/gen-5000.json" "$out/gen-50000.json" || status=1
"$out/bench_load" chapters "$out/chapters-10.json" "$out/chapters-20.json" || status=1
largest=$(ls -S scenarios/*.json 2>/dev/null | grep -v 'schema' | head -n 1)
if [ -n "$largest" ]; then
    "$out/bench_load" play "$largest" || status=1
else
    echo "play: scenarios/ has no scenario; a generated 60-node one stands in"
    "$out/bench_load" play "$out/gen-60.json" || status=1
fi
"$out/bench_load" play tests/golden/hub.json || status=1
for extra in bench/ui/run.sh bench/report/run.sh bench/lrs/run.sh; do
    if [ -f "$extra" ]; then
        echo "== ${extra%/run.sh}"
        bash "$extra" || status=1
    fi
done
echo "bench: $([ $status -eq 0 ] && echo 'all targets met' || echo 'some targets missed (FAIL above)')"
exit $status
