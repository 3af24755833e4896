#!/usr/bin/env bash
# Builds and runs the self-checking testbench of one rtl/ primitive (testbenches/tb_<name>.cpp)
# under Verilator at the given parameters, or every parameter set listed in
# testbenches/parameter-sets.txt.
#
#   scripts/testbench.sh PRIMITIVE [NAME=VALUE ...] [-- --vectors N --seed S --dump FILE]
#   scripts/testbench.sh --all
#
# Each NAME=VALUE goes to Verilator as -GNAME=VALUE and to the C++ as -DTB_NAME=VALUE. Builds
# live in $BITTRUE_TB_DIR (default .build/testbenches), one folder per primitive, parameters
# and source hash, reused while nothing changed; each holds src/, build.sh (the exact
# commands) and obj/sim. $VERILATOR overrides the verilator on PATH; $BITTRUE_RTL_DIR reads
# the primitives from another folder (the tests use it to check that a broken primitive fails).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
verilator=${VERILATOR:-verilator}
build_root=${BITTRUE_TB_DIR:-$root/.build/testbenches}
rtl_dir=${BITTRUE_RTL_DIR:-$root/rtl}

usage() {
  echo "usage: scripts/testbench.sh PRIMITIVE [NAME=VALUE ...] [-- --vectors N --seed S --dump FILE]" >&2
  echo "       scripts/testbench.sh --all" >&2
  echo "primitives: $(cd "$root/testbenches" && ls tb_*.cpp | sed -e 's/^tb_//' -e 's/\.cpp$//' | tr '\n' ' ')" >&2
  exit 2
}

if [ $# -eq 0 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then usage; fi

if [ "$1" = "--all" ]; then
  failed=0
  total=0
  while read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    total=$((total + 1))
    # shellcheck disable=SC2086  # one word per parameter
    if ! "$0" $line; then failed=$((failed + 1)); fi
  done < "$root/testbenches/parameter-sets.txt"
  echo "testbenches: $((total - failed)) of $total passed"
  [ "$failed" -eq 0 ]
  exit
fi

primitive=$1
shift
tb="$root/testbenches/tb_$primitive.cpp"
if [ ! -f "$tb" ]; then
  echo "testbench.sh: no testbench for '$primitive' (testbenches/tb_$primitive.cpp)" >&2
  usage
fi
generics=()
defines=()
label=$primitive
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  if [[ ! "$1" =~ ^[A-Z_][A-Z0-9_]*=-?[0-9]+$ ]]; then
    echo "testbench.sh: parameter '$1' is not NAME=INTEGER" >&2
    exit 2
  fi
  generics+=("-G$1")
  defines+=("-DTB_$1")
  label="$label-$1"
  shift
done
[ "${1:-}" = "--" ] && shift

if ! command -v "$verilator" > /dev/null; then
  echo "testbench.sh: verilator not found (install the Debian package 'verilator' or set VERILATOR)" >&2
  exit 2
fi
sources=("$rtl_dir"/*.v "$tb" "$root/testbenches/primitive_bench.h" "$root/testbenches/common"/*.h)
hash=$( { echo "$verilator $("$verilator" --version)"; echo "$label"; cat "${sources[@]}"; } \
  | sha256sum | cut -c1-16)
folder="$build_root/$label-$hash"

if [ ! -x "$folder/obj/sim" ]; then
  temporary="$build_root/tmp-$label-$hash-$$"
  rm -rf "$temporary"
  mkdir -p "$temporary/src/common"
  cp "$rtl_dir"/*.v "$tb" "$root/testbenches/primitive_bench.h" "$temporary/src/"
  cp "$root/testbenches/common"/*.h "$temporary/src/common/"
  rtl_files=()
  for f in "$rtl_dir"/*.v; do rtl_files+=("src/$(basename "$f")"); done
  arguments=(--cc --exe --build -j 2 --Mdir obj -o sim --top-module "$primitive" -Wall
    -fno-const-bit-op-tree --x-assign 0 --x-initial 0 "${generics[@]}"
    -CFLAGS "${defines[*]}" -MAKEFLAGS "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0"
    "${rtl_files[@]}" "src/tb_$primitive.cpp")
  {
    echo "#!/usr/bin/env bash"
    echo "# Rebuilds obj/sim from src/ (written by scripts/testbench.sh)."
    echo "cd \"\$(dirname \"\$0\")\""
    printf '%q ' "$verilator" "${arguments[@]}"
    echo
  } > "$temporary/build.sh"
  chmod +x "$temporary/build.sh"
  if ! (cd "$temporary" && "$verilator" "${arguments[@]}") > "$temporary/build.log" 2>&1; then
    echo "testbench.sh: building tb_$primitive failed; the log is $temporary/build.log" >&2
    tail -n 20 "$temporary/build.log" >&2
    exit 1
  fi
  rm -rf "$folder"
  mv "$temporary" "$folder"
fi
"$folder/obj/sim" "$@"
