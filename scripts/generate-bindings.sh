#!/usr/bin/env bash
# Regenerates the JNA binding (src/main/java/io/github/strophejna/jna, the
# files listed in its GENERATED_FILES) from strophe.h with JNAerator, and
# scripts/bindings/since.txt (which libstrophe version added what).
#
#   scripts/generate-bindings.sh [HEADER] [--out DIR]
#
# HEADER defaults to /usr/include/strophe.h (apt-get install libstrophe-dev).
# --out writes somewhere else (the regeneration test uses it to compare).
# Needs: java 17+, mvn (fetches JNAerator 0.12 from Maven Central once).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
header=/usr/include/strophe.h
out="$root/src/main/java/io/github/strophejna/jna"

while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
        *) header="$1"; shift ;;
    esac
done

if [ ! -r "$header" ]; then
    echo "error: cannot read $header; install it with: apt-get install -y libstrophe-dev" >&2
    exit 1
fi
for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed and not on PATH" >&2; exit 1; }
done

jnaerator_version=0.12
cache="${XDG_CACHE_HOME:-$HOME/.cache}/strophe-jna"
jar="$cache/jnaerator-$jnaerator_version-shaded.jar"
if [ ! -s "$jar" ]; then
    echo "fetching JNAerator $jnaerator_version from Maven Central ..." >&2
    mkdir -p "$cache"
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="com.nativelibs4java:jnaerator:$jnaerator_version:jar:shaded" \
        -DoutputDirectory="$cache" >&2
fi

# The gcc include dir gives JNAerator stddef.h/stdint.h for size_t and friends.
gcc_include="$(gcc -print-file-name=include 2>/dev/null || true)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -jar "$jar" -runtime JNA -library strophe -package raw -mode Directory \
    ${gcc_include:+-I "$gcc_include"} -skipDeprecated -o "$work/raw" \
    -f "$header" "$here/bindings/strophe-newer.h" > "$work/jnaerator.log" 2>&1 \
    || { cat "$work/jnaerator.log" >&2; echo "error: JNAerator failed" >&2; exit 1; }

mkdir -p "$out"
# Remove what an earlier generation wrote, so a declaration that disappeared from the header disappears here too.
if [ -f "$out/GENERATED_FILES" ]; then
    while read -r f; do rm -f "$out/$f"; done < "$out/GENERATED_FILES"
fi
java "$here/bindings/PostProcess.java" "$work/raw/raw" "$header" "$here/bindings/strophe-newer.h" \
    "$here/bindings/since.txt" "$out"
