#!/usr/bin/env bash
# make bench, LRS part: the time `compel xapi FILE --lrs URL` takes to send
# N and 10 N playthroughs' statements over HTTP on 127.0.0.1, and whether it
# grows linearly (target: 10 N at most 12 times N), twice:
#   - against a sink that answers at once (bench/lrs/sink.js): compel's own
#     cost (building the statements, batching, HTTP); N = LRS_BENCH_N,
#     default 10000;
#   - against the real test LRS (tests/lrs/lrs.js: Learning Locker's
#     statement service, in memory), a fresh one for each size so neither
#     pays for the other's storage; N = LRS_BENCH_REAL_N, default 1000
#     (LRS_BENCH_REAL_N=10000 times 10,000 and 100,000 playthroughs: the
#     in-memory store slows as it fills, so that run takes long and
#     measures the store more than compel); LRS_BENCH_REAL_N=0 skips it.
set -uo pipefail
cd "$(dirname "$0")/../.."
compel=./compel
n=${LRS_BENCH_N:-10000}
if ! command -v node >/dev/null; then
    echo "lrs: SKIP (node not found)"
    exit 0
fi
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT
python3 tests/report/make_results.py "$compel" "$tmp/team.jsonl" || exit 1
grow() {   # the played team again and again under fresh ids: COUNT into FILE
    python3 -c 'import json, sys, uuid
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for i in range(int(sys.argv[2])):
        r = rows[i % len(rows)]
        r["id"] = str(uuid.uuid4())
        f.write(json.dumps(r, ensure_ascii=False) + "\n")' "$tmp/team.jsonl" "$1" "$2"
}
now() { date +%s.%N; }
send() {   # FILE URL: seconds
    local t0 t1
    t0=$(now)
    COMPEL_LRS_KEY=compel-test-key COMPEL_LRS_SECRET=compel-test-secret \
        "$compel" xapi "$1" --lrs "$2" --outbox "$tmp/box" 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
    t1=$(now)
    echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}
start() {   # SCRIPT: starts it, prints its first port
    rm -f "$tmp/port"
    node "$1" "$tmp/port" >/dev/null 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do [ -f "$tmp/port" ] && break; sleep 0.1; done
    cut -d' ' -f1 <"$tmp/port"
}
status=0
grow "$n" "$tmp/small.jsonl"
grow $((10 * n)) "$tmp/big.jsonl"
port=$(start bench/lrs/sink.js)
url=http://127.0.0.1:$port/xAPI
small=$(send "$tmp/small.jsonl" "$url") || exit 1
before=$(curl -s "http://127.0.0.1:$port/count")
big=$(send "$tmp/big.jsonl" "$url") || exit 1
after=$(curl -s "http://127.0.0.1:$port/count")
ratio=$(echo "$small $big" | awk '{printf "%.1f", $2 / $1}')
verdict=$(echo "$ratio" | awk '{print ($1 <= 12) ? "PASS" : "FAIL"}')
[ "$verdict" = PASS ] || status=1
echo "lrs send (sink): $n playthroughs ($before statements) in ${small} s, $((10 * n)) ($((after - before)) statements) in ${big} s: ${ratio}x (target <= 12x) $verdict"
real=${LRS_BENCH_REAL_N:-1000}
if [ "$real" -gt 0 ]; then
    m=$real
    grow "$m" "$tmp/rs.jsonl"
    grow $((10 * m)) "$tmp/rb.jsonl"
    (cd tests/lrs && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null 2>&1)
    for f in rs rb; do   # a fresh LRS for each, so neither pays for the other's storage
        rm -f "$tmp/port"
        (cd tests/lrs && NODE_OPTIONS=--max-old-space-size=12288 exec node lrs.js "$tmp/port" >/dev/null 2>&1) &
        pids+=($!)
        for _ in $(seq 1 300); do [ -f "$tmp/port" ] && break; sleep 0.1; done
        lport=$(cut -d' ' -f2 <"$tmp/port")
        eval "t_$f=\$(send \"$tmp/$f.jsonl\" http://127.0.0.1:$lport/xAPI)" || exit 1
        kill "${pids[-1]}" 2>/dev/null
    done
    rratio=$(echo "$t_rs $t_rb" | awk '{printf "%.1f", $2 / $1}')
    rverdict=$(echo "$rratio" | awk '{print ($1 <= 12) ? "PASS" : "FAIL"}')
    [ "$rverdict" = PASS ] || status=1
    echo "lrs send (real LRS, in memory): $m playthroughs in ${t_rs} s, $((10 * m)) in ${t_rb} s: ${rratio}x (target <= 12x) $rverdict"
fi
exit $status
