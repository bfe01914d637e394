#!/usr/bin/env bash
# Checks a built .deb the way a user meets it, without installing it: unpacks it with `dpkg-deb -x` into a temporary
# root and runs ROOT/usr/bin/wayfinder from there, with no JDK in the environment (JAVA_HOME unset, PATH without
# java): the bundled scenario files validate, a render writes its PNGs, the shipped model is found by name, stderr
# carries no JVM notice, and PyTorch's unpacking failure is a clear message. Exits non-zero on the first failure.
#   packaging/check-deb.sh [PACKAGE.deb]     (default: the .deb in target/package, as ./wayfinder package writes it)
# Rendering needs Mesa's EGL (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri; the package depends on them).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
say() { echo "check-deb: $*" >&2; }

DEB=${1:-}
if [ -z "$DEB" ]; then
  shopt -s nullglob
  debs=("$ROOT"/target/package/wayfinder_*.deb)
  [ ${#debs[@]} -eq 1 ] || fail "expected one wayfinder_*.deb in $ROOT/target/package, found ${#debs[@]}; run ./wayfinder package"
  DEB=${debs[0]}
fi
[ -f "$DEB" ] || fail "no such package: $DEB"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/wayfinder-check-deb.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
dpkg-deb -x "$DEB" "$TMP/root"
W=$TMP/root/usr/bin/wayfinder
LIB=$TMP/root/opt/wayfinder/lib
[ -x "$W" ] || fail "$DEB has no executable usr/bin/wayfinder"
[ -x "$LIB/runtime/bin/java" ] || fail "$DEB has no Java runtime in opt/wayfinder/lib/runtime"

# Runs the unpacked wayfinder as a user without a JDK would; stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
  rc=0
  env -u JAVA_HOME -u JAVA_TOOL_OPTIONS -u WAYFINDER_RAW_STDERR PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    "$W" "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
}
show() { echo "--- stdout ---"; cat "$TMP/out"; echo "--- stderr ---"; cat "$TMP/err"; }
expect_ok() {
  run "$@"
  [ "$rc" -eq 0 ] || { show >&2; fail "wayfinder $* exited with $rc"; }
  [ ! -s "$TMP/err" ] || { show >&2; fail "wayfinder $* printed on stderr (the incubator notice must be dropped)"; }
}

expect_ok --version
grep -q '^wayfinder ' "$TMP/out" || { show >&2; fail "--version printed no version"; }
say "$(head -n 1 "$TMP/out"), $(sed -n 2p "$TMP/out") (the packaged runtime)"

# The bundled scenarios ship as files (to read and copy) and validate from there.
expect_ok scenario list --json
grep -q "\"file\" : \"$LIB/scenarios/cluttered-room.yaml\"" "$TMP/out" ||
  { show >&2; fail "scenario list does not point at the installed files in $LIB/scenarios"; }
scenario_files=("$LIB"/scenarios/*.yaml)
expect_ok scenario validate "${scenario_files[@]}"
grep -q "^${#scenario_files[@]} valid, 0 invalid" "$TMP/out" || { show >&2; fail "the bundled scenarios do not all validate"; }
say "scenario validate: ${#scenario_files[@]} bundled scenario files valid"

# Rendering through Mesa's EGL, from the packaged runtime (LWJGL's natives come from the packaged jars).
expect_ok render --scenario cluttered-room --seed 1 -o "$TMP/render"
shopt -s nullglob
pngs=("$TMP"/render/*.png)
[ ${#pngs[@]} -ge 5 ] || { show >&2; fail "render wrote ${#pngs[@]} PNG files into $TMP/render, expected 5 (rgb, depth, segmentation, overview, top-down)"; }
for f in "${pngs[@]}"; do
  [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$f is not a PNG file"
  [ "$(stat -c %s "$f")" -gt 100 ] || fail "$f is nearly empty"
done
say "render: ${#pngs[@]} PNG files ($(cd "$TMP/render" && ls | tr '\n' ' '))"

# The shipped model is installed and found by name: an unknown name lists it with its folder.
run eval --weights no-such-model --scenario empty-arena
[ "$rc" -eq 1 ] && grep -q "cluttered-room-rgbd-map" "$TMP/err" && grep -q "$LIB/models" "$TMP/err" ||
  { show >&2; fail "eval --weights does not find the shipped model in $LIB/models"; }
[ -f "$LIB/models/cluttered-room-rgbd-map/policy.weights" ] || fail "the shipped model's weights are missing"
say "shipped model: $(grep -o 'the shipped models.*' "$TMP/err")"

# PyTorch's native library ships inside (the pytorch-native-cpu jar) and is unpacked into DJL's cache on first use;
# when that folder cannot be written, training says so and what to do, with no stack trace.
printf 'scenarios: [empty-arena]\niterations: 1\nfirst_collect_steps: 50\ncollect_steps: 50\ngradient_steps: 1\nvalidation_episodes: 0\nenvs: 1\n' \
  >"$TMP/tiny.yaml"
rc=0
env -u JAVA_HOME DJL_CACHE_DIR=/dev/null/djl "$W" train --config "$TMP/tiny.yaml" -o "$TMP/run" >"$TMP/out" 2>"$TMP/err" || rc=$?
[ "$rc" -eq 1 ] && grep -q "DJL_CACHE_DIR" "$TMP/err" && ! grep -q "internal error\|	at " "$TMP/err" ||
  { show >&2; fail "train with an unwritable DJL cache should exit 1 with a message naming DJL_CACHE_DIR (exit $rc)"; }
say "train with an unwritable DJL cache: $(head -c 160 "$TMP/err")..."

# A cluster from the package: a worker (Hazelcast is inside) that cluster status lists and eval --cluster uses.
PORT=
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { PORT=$p; break; }   # nothing listens there
done
[ -n "$PORT" ] || fail "found no free port for the cluster check"
env -u JAVA_HOME -u JAVA_TOOL_OPTIONS PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  timeout 600 "$W" worker --port "$PORT" --host 127.0.0.1 --slots 1 --label site=deb >"$TMP/worker.out" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 1 180); do
  grep -q ' ready: ' "$TMP/worker.out" && break
  kill -0 $WORKER 2>/dev/null || { cat "$TMP/worker.out" >&2; fail "the packaged worker exited before it was ready"; }
  sleep 0.5
done
grep -q 'ready: 1 member in cluster .wayfinder., EGL yes' "$TMP/worker.out" ||
  { cat "$TMP/worker.out" >&2; fail "the packaged worker did not say it was ready with EGL within 90 s"; }
expect_ok cluster status "127.0.0.1:$PORT"
grep -q "labels: site=deb" "$TMP/out" || { show >&2; fail "cluster status does not list the packaged worker's label"; }
expect_ok eval --weights cluttered-room-rgbd-map --scenario empty-arena --episodes 2 --no-gifs \
  --cluster "127.0.0.1:$PORT" --select site=deb -o "$TMP/cluster-eval"
[ -f "$TMP/cluster-eval/results.csv" ] || { show >&2; fail "eval --cluster wrote no results.csv"; }
say "cluster: the packaged worker ran eval --cluster ($(grep -c . "$TMP/cluster-eval/results.csv") lines in results.csv)"
kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null || true

say "ok: $DEB ($(du -h --apparent-size "$DEB" | cut -f1))"
