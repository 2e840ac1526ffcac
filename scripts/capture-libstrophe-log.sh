#!/usr/bin/env bash
# Regenerates src/test/resources/libstrophe-log/VERSION.tsv: the lines each supported libstrophe logs in
# real runs against a local Prosody (io.github.strophejna.jna.LogLineCapture), one version after another.
#
#   scripts/capture-libstrophe-log.sh [--only LABEL[,LABEL...]] [--builds DIR] [--sources DIR] [--no-compile]
#
#   --only LABELS   these versions only: 0.11.0, 0.12.2 (the system's), 0.13.0, 0.13.1, 0.14.0, master-b9eead3
#   --builds DIR    the libstrophe builds, one directory per label (default: target/libstrophe-builds);
#                   a missing one is built there from the source tarballs with scripts/build-libstrophe.sh
#   --sources DIR   the source tarballs (default: ../shared/libstrophe beside the project)
#   --no-compile    use target/ as it is (no mvn test-compile)
# Needs prosody and prosodyctl (as the integration tests do). Exits 1 when a scenario failed on a version.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
labels=(0.11.0 0.12.2 0.13.0 0.13.1 0.14.0 master-b9eead3)
only="" builds="$root/target/libstrophe-builds" sources="$root/../shared/libstrophe" compile=1
while [ $# -gt 0 ]; do
    case "$1" in
        --only) only=",${2:?--only needs labels},"; shift 2 ;;
        --builds) builds="${2:?--builds needs a directory}"; shift 2 ;;
        --sources) sources="${2:?--sources needs a directory}"; shift 2 ;;
        --no-compile) compile=0; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "capture-libstrophe-log: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
wanted() { [ -z "$only" ] || [[ "$only" == *",$1,"* ]]; }

cd "$root"
out="$root/target/capture-libstrophe-log"
mkdir -p "$out"
if [ "$compile" = 1 ]; then
    mvn -B -o -q -Dstyle.color=never test-compile
fi
mvn -B -o -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >/dev/null
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"

# the library of a label: the system's for 0.12.2 (Debian 12's package), else a project build
library_of() {
    if [ "$1" = 0.12.2 ]; then
        compgen -G '/usr/lib/*/libstrophe.so.0' | head -n 1 || true
        return
    fi
    local dir="$builds/$1"
    if [ ! -f "$dir/libstrophe.so" ]; then
        "$here/build-libstrophe.sh" --tarball "$sources/libstrophe-$1-src.tar.gz" --out "$dir" --jobs 1 >"$out/build-$1.log" 2>&1 \
            || { echo "capture-libstrophe-log: building $1 failed: see $out/build-$1.log" >&2; return 1; }
    fi
    echo "$dir"
}

failed=0
for label in "${labels[@]}"; do
    wanted "$label" || continue
    lib="$(library_of "$label")"
    [ -n "$lib" ] || { echo "capture-libstrophe-log: no library for $label" >&2; failed=1; continue; }
    echo "capture-libstrophe-log: $label from $lib"
    STROPHE_LIBRARY_PATH="$lib" java --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -Dstrophe.library.path="$lib" -cp "$cp" io.github.strophejna.jna.LogLineCapture \
        "$label" "$root/src/test/resources/libstrophe-log/$label.tsv" || failed=1
done
exit "$failed"
