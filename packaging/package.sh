#!/usr/bin/env bash
# Builds the installable Wayfinder Studio from the built CLI (cli/target/wayfinder-cli.jar and cli/target/lib/):
#   target/package/image/wayfinder/        the jpackage app image: bin/wayfinder, lib/app (the jars), lib/runtime (a Java
#                                          runtime linked with jlink), lib/scenarios, lib/models
#   target/package/wayfinder_VERSION_amd64.deb   the Debian package: /opt/wayfinder and /usr/bin/wayfinder
# Run it through `./wayfinder package`, which builds the CLI first when sources changed.
# Needs a JDK >= 21 with jlink, jdeps and jpackage (the launcher finds one), and for the .deb: fakeroot, dpkg-deb
# (dpkg), and zip. WAYFINDER_PACKAGE_DIR moves the output; WAYFINDER_DEB_COMPRESSION=xz makes a smaller .deb
# (minutes more on two cores; the default gzip takes seconds).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/java-env.sh
. "$ROOT/bin/java-env.sh"
wayfinder_find_java || exit 1

OUT=${WAYFINDER_PACKAGE_DIR:-$ROOT/target/package}
COMPRESSION=${WAYFINDER_DEB_COMPRESSION:-gzip}
CLI=$ROOT/cli/target
NAME=wayfinder

START=$SECONDS
say() { echo "package: [$((SECONDS - START)) s] $*" >&2; }
die() { echo "package: $*" >&2; exit 1; }

for tool in jlink jdeps jpackage; do
  [ -x "$JAVA_HOME/bin/$tool" ] || die "$JAVA_HOME has no bin/$tool; a full JDK ${WAYFINDER_JAVA_MAJOR} is needed (not a JRE)"
done
missing=()
for tool in fakeroot dpkg-deb zip; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing ${missing[*]}: install them (Debian/Ubuntu: apt-get install fakeroot dpkg zip) and run again"
fi
[ -f "$CLI/wayfinder-cli.jar" ] && [ -d "$CLI/lib" ] ||
  die "the CLI is not built ($CLI/wayfinder-cli.jar); run it as './wayfinder package', which builds it"

# Debian versions must start with a digit; a Maven snapshot sorts before its release (0.1.0~snapshot < 0.1.0).
POM_VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n 1)
[ -n "$POM_VERSION" ] || die "no <version> found in $ROOT/pom.xml"
APP_VERSION=${POM_VERSION%-SNAPSHOT}
DEB_VERSION=$APP_VERSION
[ "$APP_VERSION" = "$POM_VERSION" ] || DEB_VERSION="$APP_VERSION~snapshot"

rm -rf "$OUT"
mkdir -p "$OUT"
STAGE=$OUT/staging
mkdir -p "$STAGE/input/lib" "$STAGE/content/scenarios"

# The class path: the CLI jar (its manifest names lib/*.jar) and its libraries. ONNX Runtime's jar carries native
# libraries and debug symbols for every platform (139 MB, a 357 MB Windows .pdb among them); the package is for
# linux x86-64 only, so its copy keeps the classes and the linux-x64 libraries (8 MB).
cp "$CLI/wayfinder-cli.jar" "$STAGE/input/"
cp "$CLI"/lib/*.jar "$STAGE/input/lib/"
for jar in "$STAGE"/input/lib/onnxruntime-*.jar; do
  [ -e "$jar" ] || continue
  zip -q -d "$jar" 'ai/onnxruntime/native/win-*' 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/linux-aarch64/*' \
    >/dev/null || die "could not remove other platforms' libraries from $jar"
done

# Files beside the app (installed as /opt/wayfinder/lib/...): the bundled scenarios as files to read and copy (the
# CLI loads them by name from its class path), the shipped models, and the launcher functions /usr/bin/wayfinder uses.
cp "$ROOT"/scenarios/*.yaml "$ROOT/scenarios/README.md" "$STAGE/content/scenarios/"
cp -r "$ROOT/models" "$STAGE/content/models"
cp "$ROOT/bin/java-env.sh" "$STAGE/content/java-env.sh"

# The runtime: the modules the class path needs (jdeps), plus the Vector API (added by flag, invisible to jdeps
# where only reflection reaches it) and jdk.unsupported (sun.misc.Unsafe for LWJGL, JNA, JBullet). The CLI runs
# headless, so AWT's X11 and sound libraries stay out (they would make the package depend on X11 and ALSA). The
# runtime keeps bin/java: 'wayfinder bench ros' starts child JVMs with it.
say "finding the modules (jdeps) ..."
MODULES=$("$JAVA_HOME/bin/jdeps" -q --ignore-missing-deps --print-module-deps --multi-release "$WAYFINDER_JAVA_MAJOR" \
  --class-path "$STAGE/input/lib/*" --recursive "$STAGE/input/wayfinder-cli.jar" 2>/dev/null | tail -n 1)
case "$MODULES" in java.base*) ;; *) die "jdeps found no modules (it printed: '$MODULES')";; esac
MODULES=$(tr , '\n' <<<"$MODULES,jdk.incubator.vector,jdk.unsupported" | sort -u | paste -sd, -)
say "linking a runtime with $MODULES ..."
# (jlink says it is linking an incubator module: that is known and wanted, and not repeated here.)
if ! log=$("$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libjsound.so,**/libsplashscreen.so' \
  --output "$OUT/runtime" 2>&1); then
  die "jlink failed: $log"
fi
grep -v '^WARNING: Using incubator modules' <<<"$log" >&2 || true

# The JVM options of ./wayfinder (bin/java-env.sh), and where the shipped files are: $APPDIR is the app's lib/app
# (/opt/wayfinder/lib/app once installed). Not $ROOTDIR: an installed launcher asks dpkg which package owns it and
# takes the root of all the package's files, which /usr/bin/wayfinder makes "/". jpackage's launcher cannot filter stderr: it prints the JVM's incubator notice,
# which /usr/bin/wayfinder drops as ./wayfinder does.
JAVA_OPTIONS=()
while IFS= read -r flag; do JAVA_OPTIONS+=(--java-options "$flag"); done < <(wayfinder_jvm_flags)
JAVA_OPTIONS+=(--java-options '-Dwayfinder.home=$APPDIR/..' --java-options '-Djava.awt.headless=true')

say "building the app image ..."
"$JAVA_HOME/bin/jpackage" --type app-image --name "$NAME" --app-version "$APP_VERSION" \
  --description "Wayfinder Studio: robotics simulation, domain randomization and camera navigation policies" \
  --vendor "Wayfinder Studio" --input "$STAGE/input" --main-jar wayfinder-cli.jar --main-class dev.wayfinder.cli.Main \
  --runtime-image "$OUT/runtime" "${JAVA_OPTIONS[@]}" \
  --app-content "$STAGE/content/scenarios" --app-content "$STAGE/content/models" \
  --app-content "$STAGE/content/java-env.sh" --dest "$OUT/image"
rm -rf "$OUT/runtime" # copied into the image as lib/runtime

# jpackage's .deb holds /opt/wayfinder only. It is built uncompressed (dpkg-deb reads DPKG_DEB_COMPRESSOR_TYPE),
# then unpacked, given /usr/bin/wayfinder (a file the package owns, so it works after 'dpkg-deb -x' too and goes away
# on removal) and packed once, compressed.
say "building the .deb ..."
DPKG_DEB_COMPRESSOR_TYPE=none "$JAVA_HOME/bin/jpackage" --type deb --app-image "$OUT/image/$NAME" --name "$NAME" \
  --app-version "$DEB_VERSION" \
  --description "Wayfinder Studio: robotics simulation, domain randomization and camera navigation policies" \
  --vendor "Wayfinder Studio" --linux-app-category science \
  --linux-package-deps "libegl1, libegl-mesa0, libgl1-mesa-dri, fontconfig, fonts-dejavu-core" \
  --dest "$STAGE/deb"
JPACKAGE_DEB=$(ls "$STAGE"/deb/*.deb)
TREE=$STAGE/deb-tree
dpkg-deb -R "$JPACKAGE_DEB" "$TREE"
rm -f "$JPACKAGE_DEB"
install -D -m 0755 "$ROOT/packaging/usr-bin-wayfinder" "$TREE/usr/bin/wayfinder"
KB=$(du -sk --exclude=DEBIAN "$TREE" | cut -f1)
sed -i "s/^Installed-Size: .*/Installed-Size: $KB/" "$TREE/DEBIAN/control"
ARCH=$(sed -n 's/^Architecture: //p' "$TREE/DEBIAN/control")
DEB=$OUT/${NAME}_${DEB_VERSION}_${ARCH}.deb
fakeroot dpkg-deb --root-owner-group -Z"$COMPRESSION" -b "$TREE" "$DEB" >/dev/null
rm -rf "$STAGE"

size() { du -sh --apparent-size "$1" | cut -f1; }
say "app image $OUT/image/$NAME ($(size "$OUT/image/$NAME"), its runtime $(size "$OUT/image/$NAME/lib/runtime"))"
say "package   $DEB ($(size "$DEB"), $COMPRESSION)"
echo "$DEB"
