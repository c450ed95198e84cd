#!/usr/bin/env bash
# Build the libFuzzer target (clang, ASan + UBSan) into build/fuzz/fuzz_loader.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p build/fuzz
src=(game/core/*.c game/cli/cliutil.c tests/fuzz/fuzz_loader.c)
clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCOMPEL_VERSION='"fuzz"' \
      -DCOMPEL_DATADIR='"."' -g -O1 -Iinclude -Itests $(pkg-config --cflags libcjson libxxhash) \
      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
      "${src[@]}" -o build/fuzz/fuzz_loader $(pkg-config --libs libcjson libxxhash) -lm
echo "built build/fuzz/fuzz_loader"
