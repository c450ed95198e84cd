#!/usr/bin/env bash
# Replay the committed fuzz corpus (and the broken-file corpus) through the
# fuzz entry point under ASan + UBSan, without libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p build/fuzz
cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCOMPEL_VERSION='"replay"' \
   -DCOMPEL_DATADIR='"."' -g -O1 -Iinclude -Itests $(pkg-config --cflags libcjson libxxhash) \
   -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
   game/core/*.c game/cli/cliutil.c tests/fuzz/fuzz_loader.c tests/fuzz/replay.c \
   -o build/fuzz/replay $(pkg-config --libs libcjson libxxhash) -lm
inputs=(tests/fuzz/corpus)
[ -d tests/bad ] && inputs+=(tests/bad)
./build/fuzz/replay "${inputs[@]}"
