#!/usr/bin/env bash
# Builds the C tests of native/patches/ against one libstrophe build and runs them, one line per case:
#
#   native/tests/run.sh LIBDIR [WORKDIR]
#
# LIBDIR is what scripts/build-libstrophe.sh --out wrote (libstrophe.so, include/strophe.h); the tests are
# built into WORKDIR (default target/native-tests/<name of LIBDIR>), linked so that they load exactly that
# library (each one prints the file it loaded and a case fails if it is another). Each case runs in its own
# process, with a 60 s limit; its output is in WORKDIR/<case>.log. Printed, tab-separated:
#
#   <case> <fix> PASS|FAIL|SKIP|N/A <detail>
#
# A crash is a FAIL naming the signal (that is how the stock library fails some of them). N/A: the library
# lacks what the case tests (SM state restore before 0.14). Exit status 0 when no case failed, 1 otherwise,
# 2 when the tests cannot be built. Needs a C compiler, libssl-dev (the poll case's TLS server) and pthreads.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
lib="$(cd "$1" 2>/dev/null && pwd)" || { echo "run.sh: no such directory: $1" >&2; exit 2; }
[ -f "$lib/libstrophe.so" ] && [ -f "$lib/include/strophe.h" ] \
    || { echo "run.sh: $lib has no libstrophe.so and include/strophe.h (scripts/build-libstrophe.sh --out)" >&2; exit 2; }
work="${2:-$root/target/native-tests/$(basename "$lib")}"
mkdir -p "$work/lib"
work="$(cd "$work" && pwd)"

cc="${CC:-$(command -v cc || command -v gcc || true)}"
[ -n "$cc" ] || { echo "run.sh: no C compiler" >&2; exit 2; }

# The library under its SONAME, which is what the tests will ask the dynamic linker for.
soname=""
if command -v readelf >/dev/null; then
    soname="$(readelf -d "$lib/libstrophe.so" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')"
fi
soname="${soname:-libstrophe.so.0}"
real="$(readlink -f "$lib/libstrophe.so")"
ln -sf "$real" "$work/lib/$soname"

# case, fix it tests, program, argument
cases=(
    "sha1-reentrant sha1-reentrant test_sha1_reentrant -"
    "parser-reset parser-reset test_parser_reset -"
    "component-sm component-sm test_component_sm -"
    "sm-restore sm-restore test_sm_restore -"
    "sm-resume-count sm-resume-count test_sm_resume_count -"
    "poll poll test_poll -"
    "poll-tls poll test_poll tls"
)

build() {
    local prog="$1"
    [ -x "$work/$prog" ] && [ "$work/$prog" -nt "$here/$prog.c" ] && [ "$work/$prog" -nt "$here/fake.c" ] \
        && [ "$work/$prog" -nt "$real" ] && return 0
    "$cc" -std=gnu99 -O1 -g -Wall -DFAKE_WITH_TLS -I"$lib/include" -I"$here" -o "$work/$prog" \
        "$here/$prog.c" "$here/fake.c" "$work/lib/$soname" -Wl,-rpath,"$work/lib" -lssl -lcrypto -lpthread -ldl \
        >"$work/$prog.build.log" 2>&1
}

failed=0
for c in "${cases[@]}"; do
    read -r name fix prog arg <<<"$c"
    [ "$arg" != - ] || arg=""
    if [ "$prog" = test_sm_restore ] && ! grep -q xmpp_conn_restore_sm_state "$lib/include/strophe.h"; then
        printf '%s\t%s\t%s\t%s\n' "$name" "$fix" "N/A" "no xmpp_conn_restore_sm_state before 0.14"
        continue
    fi
    if ! build "$prog"; then
        sed 's/^/  /' "$work/$prog.build.log" >&2
        echo "run.sh: cannot build $prog against $lib" >&2
        exit 2
    fi
    set +e
    { (cd "$work" && exec timeout 60 "./$prog" $arg) >"$work/$name.log" 2>&1; } 2>/dev/null
    rc=$?
    set -e
    loaded="$(sed -n 's/^library: //p' "$work/$name.log" | head -n 1)"
    detail="$(grep -v -e '^library: ' -e '^libstrophe ' "$work/$name.log" | tail -n 1 | cut -c1-200 || true)"
    if [ -n "$loaded" ] && [ "$(readlink -f "$loaded")" != "$real" ]; then
        result=FAIL; detail="loaded $loaded instead of $real"
    elif [ $rc -eq 0 ]; then
        result=PASS
    elif [ $rc -eq 77 ]; then
        result=SKIP
    elif [ $rc -eq 124 ]; then
        result=FAIL; detail="timed out after 60 s; $detail"
    elif [ $rc -gt 128 ]; then
        result=FAIL; detail="killed by SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))${detail:+; $detail}"
    else
        result=FAIL
    fi
    [ "$result" != FAIL ] || failed=1
    printf '%s\t%s\t%s\t%s\n' "$name" "$fix" "$result" "$detail"
done
exit $failed
