#!/usr/bin/env bash
# Run inside a display (xvfb-run): open the window on FILE, wait until it is
# up, send SIGTERM, and print "ended in N ms" once it is gone (or "still
# running" after 1 s, when it is then killed).
#   bash tests/hostile/sigterm.sh COMPEL FILE [OPTIONS...]
compel=$1
shift
"$compel" "$@" --no-save >/dev/null 2>&1 &
pid=$!
sleep 2
t0=$(date +%s%N)
kill -TERM $pid
for _ in $(seq 1 20); do
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
done
t1=$(date +%s%N)
if kill -0 $pid 2>/dev/null; then
    echo "still running"
    kill -KILL $pid
    exit 1
fi
wait $pid
echo "ended in $(( (t1 - t0) / 1000000 )) ms, exit $?"
