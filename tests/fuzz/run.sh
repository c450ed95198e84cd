#!/usr/bin/env bash
# Fuzz for SECONDS (default 600) from the committed corpus plus a working
# corpus in tests/fuzz/work/ (not committed). Findings land in tests/fuzz/
# as crash-*, leak-* or timeout-* files.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-600}
mkdir -p tests/fuzz/work
./build/fuzz/fuzz_loader tests/fuzz/work tests/fuzz/corpus \
    -dict=tests/fuzz/json.dict -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$secs" -print_final_stats=1 -artifact_prefix=tests/fuzz/ \
    2>&1 | tail -n 40
