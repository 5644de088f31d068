#!/usr/bin/env bash
# Rebuilds augment.wasm from augment.c. Needs clang and wasm-ld (Debian: apt-get install clang lld).
# The .wasm is committed, so nobody else needs a C toolchain; kernel.test.ts checks it against the
# JavaScript reference, and the test 'augment.wasm is built from augment.c' checks the recorded hash.
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32 -O3 -msimd128 -nostdlib -ffreestanding -fno-builtin \
  -Wl,--no-entry -Wl,--initial-memory=1048576 -Wl,--max-memory=268435456 -Wl,--strip-all -Wl,--export=__heap_base \
  -Wall -Wextra -Werror -o augment.wasm augment.c
sha256sum augment.c | cut -d' ' -f1 > augment.c.sha256
ls -l augment.wasm
