#!/usr/bin/env bash
# make bench: every figure is a ratio against a baseline measured in the same
# run, with the absolute numbers printed too. Never part of make test.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
make -s all >/dev/null
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude $(pkg-config --cflags libcjson) bench/bench_core.c \
   build/game/core/*.o -o "$out/bench_core" $(pkg-config --libs libcjson) -lm
for n in 5000 20000 50000; do
    [ -f "$out/gen-$n.json" ] || python3 bench/gen.py "$n" "$out/gen-$n.json"
done
status=0
echo "== core (generated scenarios; see bench/gen.py)"
"$out/bench_core" load "$out/gen-20000.json" || status=1
"$out/bench_core" mem "$out/gen-20000.json" || status=1
"$out/bench_core" scale "$out/gen-5000.json" "$out/gen-50000.json" || status=1
largest=$(ls -S scenarios/*.json 2>/dev/null | grep -v schema.json | head -n 1)
"$out/bench_core" play "${largest:-tests/golden/hub.json}" || status=1
for extra in bench/ui/run.sh bench/report/run.sh; do
    if [ -f "$extra" ]; then
        echo "== ${extra%/run.sh}"
        bash "$extra" || status=1
    fi
done
exit $status
