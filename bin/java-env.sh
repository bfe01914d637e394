# Sourced by ./wayfinder and .ci/run: finds a JDK >= 21 and exports JAVA_HOME and WAYFINDER_JAVA.
# Order: $JAVA_HOME, `java` on PATH, then the system's JVM directories. Prints what to install if none fits.

wayfinder_java_major() { # $1 = path to a java binary; prints its feature version (8 for 1.8), or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { v=$2; sub(/^1\./, "", v); split(v, p, "."); print p[1]; exit }'
}

wayfinder_find_java() {
  local min=21 candidates=() c major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  c=$(command -v java 2>/dev/null || true); [ -n "$c" ] && candidates+=("$(readlink -f "$c")")
  for c in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java \
           /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major=$(wayfinder_java_major "$c")
    [ -n "$major" ] || continue
    # JAVA_HOME or PATH wins when it is new enough; otherwise take the newest JDK found.
    if [ "$major" -ge "$min" ] && [ -x "$(dirname "$c")/javac" ]; then
      if [ -z "$best" ] && { [ "$c" = "${JAVA_HOME:-/nonexistent}/bin/java" ] || [ "$c" = "$(readlink -f "$(command -v java 2>/dev/null)" 2>/dev/null)" ]; }; then
        best=$c; best_major=$major; break
      fi
      if [ "$major" -gt "$best_major" ]; then best=$c; best_major=$major; fi
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "wayfinder: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm)."
      echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' (Debian/Ubuntu) or Temurin 21/25 from adoptium.net,"
      echo "  then run again or point JAVA_HOME at it."
    } >&2
    return 1
  fi
  WAYFINDER_JAVA=$best
  JAVA_HOME=$(cd "$(dirname "$best")/.." && pwd)
  WAYFINDER_JAVA_MAJOR=$best_major
  export JAVA_HOME WAYFINDER_JAVA WAYFINDER_JAVA_MAJOR
}

# JVM flags every Wayfinder process needs: the Vector API, native access for LWJGL, and on JDK 24+
# permission for libraries that still use sun.misc.Unsafe memory access.
wayfinder_jvm_flags() {
  local flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
  [ "${WAYFINDER_JAVA_MAJOR:-21}" -ge 24 ] && flags+=(--sun-misc-unsafe-memory-access=allow)
  printf '%s\n' "${flags[@]}"
}

# Copies stdin to stdout, leaving out the JVM's incubator notice when it is the first line. Ctrl-C is ignored
# here so that the JVM's last words (shutdown messages) still get through after an interrupt; the copy ends when
# the JVM closes its stderr. `read` takes one byte at a time from a pipe, so nothing after the first line is held.
wayfinder_drop_incubator_notice() {
  trap '' INT
  local first
  if IFS= read -r first; then
    [ "$first" = "WARNING: Using incubator modules: jdk.incubator.vector" ] || printf '%s\n' "$first"
  elif [ -n "$first" ]; then
    printf '%s' "$first"
  fi
  exec cat
}

# Runs "$@" (a JVM, or the installed package's native launcher) with its stderr through
# wayfinder_drop_incubator_notice and returns its exit status once the filter has passed on the last lines (so they
# come before the shell's next prompt). stdin and stdout stay the caller's (the terminal), so progress bars still
# work; only stderr goes through a pipe. Ctrl-C reaches the command as before (same process group); where
# util-linux's setpriv is there, it also gets SIGTERM if the calling script is killed (kill, timeout), as it would if
# exec'd. (A process substitution, 2> >(filter), cannot be waited for reliably: bash starts it in the forked child
# of an external command, so $! does not name it.)
wayfinder_run_filtered() {
  local - pdeath=() rc=0
  set -o pipefail
  if command -v setpriv >/dev/null 2>&1 && setpriv --help 2>&1 | grep -q -- --pdeathsig; then
    pdeath=(setpriv --pdeathsig TERM --)
  fi
  { "${pdeath[@]}" "$@" 2>&1 1>&3 3>&- | wayfinder_drop_incubator_notice >&2; } 3>&1 || rc=$?
  return "$rc"
}
