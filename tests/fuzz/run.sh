#!/usr/bin/env bash
# Fuzz for SECONDS (default 600) from the committed corpus plus a working
# corpus in tests/fuzz/work/ (gitignored), then keep what is worth keeping:
# the inputs that add coverage over the committed corpus (libFuzzer -merge=1),
# at most 4 KiB each, as long as the committed corpus stays under 300 files
# and 2 MiB. Findings land in tests/fuzz/ as crash-*, leak-*, timeout-* or
# oom-* files; a reproducer worth keeping goes into the corpus by hand, with
# a note in tests/fuzz/FINDINGS.md.
#   tests/fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
set -uo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-600}
shift || true
[ -x build/fuzz/fuzz_loader ] || bash tests/fuzz/build.sh
work=tests/fuzz/work
corpus=tests/fuzz/corpus
mkdir -p "$work/queue"
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
echo "fuzzing for ${secs}s on $jobs worker(s), started $(date -u +%FT%TZ)"
# FUZZ_JOBS=N (default: one per core) runs N workers; extra flags such as
# -fork=1 -ignore_crashes=1 keep going past a known finding.
par=()
[ "$jobs" -gt 1 ] && par=(-jobs="$jobs" -workers="$jobs")
./build/fuzz/fuzz_loader "$work/queue" "$corpus" \
    -dict=tests/fuzz/json.dict -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$secs" -print_final_stats=1 -artifact_prefix=tests/fuzz/ \
    "${par[@]}" "$@" >"$work/fuzz.log" 2>&1
rc=$?
# with -jobs the workers log to fuzz-N.log in the current folder
for f in fuzz-*.log; do [ -f "$f" ] && mv "$f" "$work/"; done
grep -hE '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$work"/fuzz*.log | tail -n 3
grep -hE '^stat::' "$work"/fuzz*.log | sort | uniq | head -n 20
grep -hE 'ERROR: |SUMMARY: |Test unit written' "$work"/fuzz*.log | sort | uniq | head -n 20
echo "fuzzer exit: $rc"

# keep new coverage, small inputs only
keep=$(mktemp -d)
cp "$corpus"/* "$keep"/
fresh=$(mktemp -d)
find "$work/queue" -type f -size -4097c -exec cp {} "$fresh"/ \;
before=$(ls "$keep" | wc -l)
./build/fuzz/fuzz_loader -merge=1 -max_len=65536 -timeout=10 "$keep" "$fresh" >"$work/merge.log" 2>&1
added=0
for f in $(ls -tr "$keep"); do
    [ -f "$corpus/$f" ] && continue
    n=$(ls "$corpus" | wc -l)
    bytes=$(du -sb "$corpus" | cut -f1)
    if [ "$n" -ge 300 ] || [ "$bytes" -ge $((2 * 1024 * 1024)) ]; then
        break
    fi
    cp "$keep/$f" "$corpus/fuzz-$f"
    added=$((added + 1))
done
echo "corpus: $before files before, $added added from the run ($(ls "$corpus" | wc -l) files, $(du -sh "$corpus" | cut -f1))"
rm -rf "$keep" "$fresh"
ls tests/fuzz/crash-* tests/fuzz/leak-* tests/fuzz/timeout-* tests/fuzz/oom-* 2>/dev/null && exit 1
exit 0
