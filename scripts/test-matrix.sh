#!/usr/bin/env bash
# The compatibility matrix: builds every libstrophe version a distribution ships from
# ../shared/libstrophe/ (git-archive source tarballs) with scripts/build-libstrophe.sh, each into its
# own directory under target/libstrophe-builds/ (never native/), runs the whole test suite (unit and integration,
# `mvn verify`) against each, plus the system's libstrophe on JDK 17 and on JDK 25, and 0.14.0 and master built
# with the project's fixes (scripts/build-libstrophe.sh --with-fixes, from the same archives: rows 0.14.0-fixed and
# master-fixed, where the client's work-arounds for those bugs are off), and prints one table: version, JDK, what
# the library reports (the fixes built in, for a fixed row), the suite's result, what the version lacks.
#
#   scripts/test-matrix.sh [--sources DIR] [--only LABEL[,LABEL...]] [--jobs N] [--jdk25 JAVA_HOME] [--table]
#
#   --sources DIR   the source tarballs (default: ../shared/libstrophe beside the project)
#   --only LABELS   run these rows only: 0.11.0, 0.12.2, 0.13.0, 0.13.1, 0.14.0, master, jdk25, 0.14.0-fixed,
#                   master-fixed
#   --jobs N        suites run at once (default: one per two cores; each starts its own Prosody)
#   --jdk25 DIR     the JDK 25 home (default: the first /usr/lib/jvm/*25*)
#   --table         run nothing: the table of every row's last result (after rows were run separately)
#
# Rows leave out the tests of the scripts and the packaging (scripts/matrix-excludes.txt), which scripts/test.sh runs.
# Each row runs in a copy of the project (target/matrix/runs/ROW), so rows can run side by side; its
# Maven log is target/matrix/runs/ROW.log. The table is also written to target/matrix/matrix.md.
# Exits 1 when a row fails, a JVM crashed (hs_err_pid*.log) or a prerequisite is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sources="$root/../shared/libstrophe"
only=""
jobs=$(( $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2) / 2 ))
[ "$jobs" -ge 1 ] || jobs=1
jdk25=""
table_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sources) sources="${2:?--sources needs a directory}"; shift 2 ;;
        --only) only=",${2:?--only needs labels},"; shift 2 ;;
        --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
        --jdk25) jdk25="${2:?--jdk25 needs a JAVA_HOME}"; shift 2 ;;
        --table) table_only=1; shift ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "test-matrix: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

die() { echo "test-matrix: $*" >&2; exit 1; }
[ ! -d "$sources" ] || sources="$(cd "$sources" && pwd)"
wanted() { [ -z "$only" ] || [[ "$only" == *",$1,"* ]]; }

# Rows: label, tarball (empty: the system's library), JDK. A label ending in -fixed is that version built with
# the project's fixes (--with-fixes).
fixed() { [[ "$1" == *-fixed ]]; }
tarball_of() {
    case "${1%-fixed}" in
        0.12.2|jdk25) echo "" ;;
        master) echo "libstrophe-master-b9eead3-src.tar.gz" ;;
        *) echo "libstrophe-${1%-fixed}-src.tar.gz" ;;
    esac
}
labels=(0.11.0 0.12.2 0.13.0 0.13.1 0.14.0 master jdk25 0.14.0-fixed master-fixed)

work="$root/target/matrix"
# the builds go where the tests build them too (LibStropheBuilds, which names a fixed one NAME-fixed), so each
# version is built once
libs="$root/target/libstrophe-builds"
lib_of() {
    local t; t="$(tarball_of "$1")"
    [ -z "$t" ] || { t="${t#libstrophe-}"; echo "$libs/${t%-src.tar.gz}$(fixed "$1" && echo -fixed)"; }
}
started=$(date +%s)

if [ "$table_only" = 1 ]; then
    only=","
    for l in "${labels[@]}"; do [ ! -f "$work/runs/$l.result" ] || only="$only$l,"; done
else
# Prerequisites, all reported at once.
missing=()
[ -d "$sources" ] || missing+=("the source tarballs: no directory $sources (pass --sources DIR)")
for l in "${labels[@]}"; do
    t="$(tarball_of "$l")"
    if wanted "$l" && [ -n "$t" ] && [ ! -f "$sources/$t" ]; then missing+=("$sources/$t"); fi
done
if wanted 0.12.2 || wanted jdk25; then
    compgen -G '/usr/lib/*/libstrophe.so.0' >/dev/null || missing+=("the system's libstrophe (apt-get install -y libstrophe0 libstrophe-dev)")
fi
if wanted jdk25; then
    [ -n "$jdk25" ] || jdk25="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1 || true)"
    [ -n "$jdk25" ] && [ -x "$jdk25/bin/java" ] || missing+=("a JDK 25 (none under /usr/lib/jvm; pass --jdk25 DIR)")
fi
command -v nm >/dev/null || missing+=("nm (apt-get install -y binutils)")
command -v mvn >/dev/null || missing+=("mvn (apt-get install -y maven)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "test-matrix: missing prerequisites:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
fi

mkdir -p "$libs" "$work/runs"

# 1. Build each version once (in parallel: a build takes seconds); a complete build is reused (the suite's
#    LibStropheBuilds makes the same ones, from the same archives, with the same script). The suite itself uses
#    every release build and fixed 0.14.0 (LibStropheVersionsTest, CrossProcessResumeIT) whatever the row: they
#    are built here too, so that rows running side by side never build the same one at once.
suite_uses() { [ "$1" != master-fixed ] && [ -f "$sources/$(tarball_of "$1")" ]; }
build_pids=()
for l in "${labels[@]}"; do
    out="$(lib_of "$l")"
    [ -n "$out" ] && { wanted "$l" || suite_uses "$l"; } || continue
    if [ -f "$out/libstrophe.so" ] && [ -f "$out/libstrophe.version" ] && [ -f "$out/include/strophe.h" ] \
        && { ! fixed "$l" || grep -q '^fixes=.' "$out/libstrophe.version"; }; then
        continue
    fi
    rm -rf "$out"
    with_fixes=(); ! fixed "$l" || with_fixes=(--with-fixes)
    "$here/build-libstrophe.sh" --tarball "$sources/$(tarball_of "$l")" "${with_fixes[@]}" --out "$out" --jobs 1 >"$out.log" 2>&1 &
    build_pids+=("$!:$l")
done
for p in "${build_pids[@]}"; do
    wait "${p%%:*}" || die "building libstrophe ${p#*:} failed: see $(lib_of "${p#*:}").log"
done
echo "test-matrix: libstrophe builds ready after $(( $(date +%s) - started )) s"

# 2. One copy of the project per row: tracked and new files, not target/ nor libraries built into native/.
copy_project() {
    local dest="$1"
    rm -rf "$dest"
    mkdir -p "$dest"
    (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$dest" 2>/dev/null) \
        || (cd "$root" && tar --exclude=./target --exclude='./native/*-*' -cf - . | tar -xf - -C "$dest")
}

run_row() {
    local l="$1" dir="$work/runs/$1" lib java_home="${JAVA_HOME:-}"
    lib="$(lib_of "$l")"
    [ "$l" != jdk25 ] || java_home="$jdk25"
    copy_project "$dir"
    local t0=$(date +%s) rc=0
    (
        cd "$dir"
        [ -z "$java_home" ] || export JAVA_HOME="$java_home"
        # the copy is not beside ../shared: point the tests that build versions themselves at the archives and builds
        set -- -B -Dstyle.color=never verify -Dstrophe.libstrophe.sources="$sources" -Dstrophe.libstrophe.builds="$libs" \
            -Dsurefire.excludesFile="$here/matrix-excludes.txt" -Dfailsafe.excludesFile="$here/matrix-excludes.txt"
        if [ -n "$lib" ]; then
            export STROPHE_LIBRARY_PATH="$lib" # inherited by the CLI and demo processes the tests start
            exec mvn "$@" -Dstrophe.library.path="$lib"
        fi
        unset STROPHE_LIBRARY_PATH
        exec mvn "$@"
    ) >"$work/runs/$l.log" 2>&1 || rc=$?
    echo "$rc $(( $(date +%s) - t0 ))" >"$work/runs/$l.result"
    # what the strophe tool says it loaded, as a user would see it
    (
        cd "$dir"
        if [ -n "$lib" ]; then export STROPHE_LIBRARY_PATH="$lib"; else unset STROPHE_LIBRARY_PATH; fi
        "${java_home:+$java_home/bin/}java" -jar target/strophe-jna-*-cli.jar --version 2>&1 | sed -n 's/^libstrophe \([^(]*\) (.*/\1/p' | head -n 1
    ) >"$work/runs/$l.reported" 2>/dev/null || true
}

# 3. The rows, at most $jobs at a time.
running=0
for l in "${labels[@]}"; do
    wanted "$l" || continue
    echo "test-matrix: running the suite on $l"
    run_row "$l" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true
fi

# 4. The table.
lacks() { # what the library file lacks, from its exported symbols and its header
    local so="$1" header="$2" out=()
    local syms; syms="$(nm -D --defined-only "$so" | awk '{print $3}')"
    has() { grep -qx "$1" <<<"$syms"; }
    has xmpp_conn_get_sm_state || out+=("Stream Management")
    has xmpp_conn_set_sockopt_callback || out+=("sockopt callback (socket read from the log)")
    has xmpp_conn_set_password_callback || out+=("client key password")
    has xmpp_conn_send_queue_len || out+=("send queue length")
    has xmpp_stanza_get_child_by_path || out+=("xmpp_stanza_get_child_by_path")
    grep -q XMPP_CONN_FLAG_ENABLE_COMPRESSION "$header" 2>/dev/null || out+=("compression flags")
    has xmpp_conn_restore_sm_state || out+=("SM state across processes")
    has xmpp_tlscert_get_userdata || out+=("xmpp_tlscert_get_userdata")
    local IFS=';'; echo "${out[*]:-nothing}" | sed 's/;/, /g'
}
worked_around() {
    case "$1" in
        0.13.0) echo "failed TLS start crash; double CONNECT" ;;
        0.13.1) echo "failed TLS start crash" ;;
        *-fixed) echo "- (fixed in the library: those work-arounds are off)" ;;
        *) echo "-" ;;
    esac
}
totals() { # "tests failures errors skipped" summed over the TEST-*.xml of a reports directory
    cat "$1"/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*' | awk '{
        for (i = 2; i <= NF; i++) { n = index($i, "="); k = substr($i, 1, n - 1); v = substr($i, n + 2); val[k] = v + 0 }
        t += val["tests"]; f += val["failures"]; e += val["errors"]; s += val["skipped"] }
        END { print t + 0, f + 0, e + 0, s + 0 }'
}

failed=0
table='| libstrophe | JDK | `strophe --version` | suite | time | lacks | worked around |
|---|---|---|---|---|---|---|'
for l in "${labels[@]}"; do
    wanted "$l" || continue
    dir="$work/runs/$l"
    read -r rc secs <"$work/runs/$l.result"
    if [ -z "$(tarball_of "$l")" ]; then
        so="$(readlink -f "$(compgen -G '/usr/lib/*/libstrophe.so.0' | head -n 1)")"; header=/usr/include/strophe.h
    else
        so="$(lib_of "$l")/libstrophe.so"; header="$(lib_of "$l")/include/strophe.h"
    fi
    reported="$(sed 's/ *$//' "$work/runs/$l.reported" 2>/dev/null)"
    expected="${l%-fixed}"; [ "$l" != jdk25 ] || expected=0.12.2; [ "${l%-fixed}" != master ] || expected="master b9eead3"
    version_ok=1; [[ "$reported" == "$expected,"* ]] || version_ok=0
    # a fixed row must say it loaded the fixed build (its fixes), any other row must not
    if fixed "$l"; then [[ "$reported" == *"with fixes "* ]] || version_ok=0; else [[ "$reported" != *"with fixes"* ]] || version_ok=0; fi
    read -r ut uf ue us < <(totals "$dir/target/surefire-reports")
    read -r it if_ ie is < <(totals "$dir/target/failsafe-reports")
    crashes="$(find "$dir" -name 'hs_err_pid*.log' 2>/dev/null | wc -l)"
    # JNA's System.load is a restricted method from JDK 24 on: every JVM we start must enable native access
    warnings="$(cat "$work/runs/$l.log" "$dir"/target/*-reports/*-output.txt 2>/dev/null \
        | grep -cE 'WARNING: (A restricted method|Use --enable-native-access|Restricted methods will be blocked)' || true)"
    if [ "$rc" = 0 ] && [ "$crashes" = 0 ] && [ "$version_ok" = 1 ] && [ "$warnings" = 0 ]; then
        result="pass: $ut unit + $it integration"
    else
        failed=1
        result="**FAIL** (exit $rc): unit $ut/$uf failed/$ue errors, integration $it/$if_ failed/$ie errors"
        [ "$crashes" = 0 ] || result="$result, $crashes JVM crash(es)"
        [ "$warnings" = 0 ] || result="$result, $warnings native-access warnings"
        [ "$version_ok" = 1 ] || result="$result, strophe --version said '${reported:-nothing}', expected $expected$(fixed "$l" && echo ' with fixes')"
    fi
    [ "$((us + is))" = 0 ] || result="$result, $((us + is)) skipped"
    jdk="17"; [ "$l" != jdk25 ] || jdk="25"
    name="$l"; [ "$l" != jdk25 ] || name="0.12.2"; ! fixed "$l" || name="${l%-fixed} fixed"
    table="$table
| $name | $jdk | $reported | $result | $(( secs / 60 )) min $(( secs % 60 )) s | $(lacks "$so" "$header") | $(worked_around "$l") |"
done
total=$(( $(date +%s) - started ))
row_total=0
for l in "${labels[@]}"; do
    wanted "$l" || continue
    read -r _ secs <"$work/runs/$l.result"; row_total=$((row_total + secs))
done
{
    echo "$table"
    echo
    echo "Compatibility matrix, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?'): the suites took $(( row_total / 60 )) min $(( row_total % 60 )) s together$([ "$table_only" = 1 ] || echo ", $(( total / 60 )) min $(( total % 60 )) s from start to end with builds ($jobs at a time)")."
} | tee "$work/matrix.md"
[ "$failed" = 0 ] || { echo "test-matrix: a row failed: see target/matrix/runs/ROW.log" >&2; exit 1; }
