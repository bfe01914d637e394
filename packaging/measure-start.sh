#!/usr/bin/env bash
# Start time of the packaged wayfinder beside ./wayfinder: the median wall time of N runs (default 5) of `--help`
# and of `scenario validate` on a bundled scenario file. The variants take turns in every round, so a machine whose
# load changes affects them alike; one untimed run of each first warms the page cache.
#   packaging/measure-start.sh [N]     needs target/package/*.deb (./wayfinder package); the installed package too,
#                                      when /usr/bin/wayfinder belongs to it
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-5}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wayfinder-start.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DEB=$(ls "$ROOT"/target/package/wayfinder_*.deb)
dpkg-deb -x "$DEB" "$TMP/root"
SCENARIO=$ROOT/scenarios/cluttered-room.yaml

labels=("./wayfinder (JDK, source tree)" "package, unpacked (dpkg-deb -x)")
commands=("$ROOT/wayfinder" "$TMP/root/usr/bin/wayfinder")
if [ -x /usr/bin/wayfinder ] && dpkg -S /usr/bin/wayfinder >/dev/null 2>&1; then
  labels+=("package, installed (dpkg -i)"); commands+=(/usr/bin/wayfinder)
fi
cases=("--help" "scenario validate $SCENARIO")

ms() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
declare -A times
for c in "${!commands[@]}"; do for k in "${!cases[@]}"; do
  # shellcheck disable=SC2086
  ms "${commands[$c]}" ${cases[$k]} >/dev/null
done; done
for ((i = 0; i < N; i++)); do
  for c in "${!commands[@]}"; do for k in "${!cases[@]}"; do
    # shellcheck disable=SC2086
    times[$c,$k]+="$(ms "${commands[$c]}" ${cases[$k]}) "
  done; done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ t[NR] = $1 } END { printf "%.2f", t[int((NR + 1) / 2)] / 1000 }'; }

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); median of $N"
printf '%-34s %10s %14s\n' "" "--help" "validate"
for c in "${!commands[@]}"; do
  printf '%-34s %8s s %12s s\n' "${labels[$c]}" "$(median "${times[$c,0]}")" "$(median "${times[$c,1]}")"
done
