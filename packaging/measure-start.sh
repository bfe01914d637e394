#!/usr/bin/env bash
# Start time of the packaged wayfinder beside ./wayfinder: median wall time of N runs (default 5) of `--help` and of
# `scenario validate` on a bundled scenario file, each from a warm page cache (one untimed run first).
#   packaging/measure-start.sh [N]       needs target/package/*.deb (./wayfinder package); installed too if it is
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-5}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wayfinder-start.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DEB=$(ls "$ROOT"/target/package/wayfinder_*.deb)
dpkg-deb -x "$DEB" "$TMP/root"
SCENARIO=$ROOT/scenarios/cluttered-room.yaml

median() { # prints the median of N timed runs of "$@", in seconds
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
  local i t0 times=()
  for ((i = 0; i < N; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    times+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$N" '{ t[NR] = $1 } END { printf "%.2f", t[int((n + 1) / 2)] / 1000 }'
}

row() { # label, wayfinder command
  printf '%-34s %8s s %12s s\n' "$1" "$(median "$2" --help)" "$(median "$2" scenario validate "$SCENARIO")"
}

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg); median of $N"
printf '%-34s %10s %14s\n' "" "--help" "validate"
row "./wayfinder (JDK, source tree)" "$ROOT/wayfinder"
row "package, unpacked (dpkg-deb -x)" "$TMP/root/usr/bin/wayfinder"
if [ -x /usr/bin/wayfinder ] && dpkg -S /usr/bin/wayfinder >/dev/null 2>&1; then
  row "package, installed (dpkg -i)" /usr/bin/wayfinder
fi
