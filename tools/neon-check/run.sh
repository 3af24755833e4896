#!/usr/bin/env bash
# Runs check.c (the CLogicKernels differential check) natively and, when the cross compiler
# and QEMU are installed, built for aarch64 and run under qemu-aarch64, where the portable
# path's vector code is NEON: once compiled by aarch64-linux-gnu-gcc and once by clang (the
# compiler SwiftPM uses), linked by the cross gcc. Usage: run.sh [trials [seed]]; exits
# non-zero on a mismatch, or when the aarch64 tools are missing and NEON_CHECK_REQUIRE=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kernels="$here/../../Sources/CLogicKernels"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
sources=("$here/check.c" "$kernels"/*.c)
flags=(-std=c11 -O2 -Wall -Werror -I "$kernels/include" -I "$kernels")

"${CC:-cc}" "${flags[@]}" "${sources[@]}" -o "$out/native"
result="$("$out/native" "$@")"
echo "native $(uname -m): $result"

if ! command -v aarch64-linux-gnu-gcc >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
  echo "aarch64: skipped (aarch64-linux-gnu-gcc or qemu-aarch64 missing)"
  [ "${NEON_CHECK_REQUIRE:-0}" = 1 ] && exit 1
  exit 0
fi

# Runs the aarch64 binary $1 (compiled by $2) after checking that it holds NEON code.
run_arm64() {
  local neon
  local pattern='(eor|and|orr|bic)[[:space:]]+v[0-9]+\.16b'
  neon="$(aarch64-linux-gnu-objdump -d "$1" | grep -cE "$pattern" || true)"
  if [ "$neon" -lt 16 ]; then
    echo "aarch64 ($2): the kernels did not compile to NEON instructions" >&2
    exit 1
  fi
  result="$(qemu-aarch64 -L /usr/aarch64-linux-gnu "$1" "${@:3}")"
  echo "aarch64 NEON ($2): $result"
}

aarch64-linux-gnu-gcc "${flags[@]}" "${sources[@]}" -o "$out/arm64-gcc"
run_arm64 "$out/arm64-gcc" gcc "$@"

clang="${CLANG:-$(command -v clang || true)}"
if [ -n "$clang" ]; then
  objects=()
  for source in "${sources[@]}"; do
    object="$out/$(basename "$source" .c).o"
    "$clang" --target=aarch64-linux-gnu -isystem /usr/aarch64-linux-gnu/include "${flags[@]}" \
      -c "$source" -o "$object"
    objects+=("$object")
  done
  aarch64-linux-gnu-gcc "${objects[@]}" -o "$out/arm64-clang"
  run_arm64 "$out/arm64-clang" clang "$@"
fi
