#!/usr/bin/env bash
# Builds libstrophe (with OpenSSL and expat) and installs the shared library
# where strophe-jna looks first: native/<os-arch>/libstrophe.so.
#
#   scripts/build-libstrophe.sh --src DIR          build a libstrophe source tree (release or git checkout)
#   scripts/build-libstrophe.sh --tarball FILE     build a release tarball (.tar.gz, .tar.bz2, .tar.xz)
#   scripts/build-libstrophe.sh --version X.Y.Z    download that upstream release, check its SHA-256, build it
#         [--sha256 HEX]                           the expected SHA-256 when the script does not know it
#   scripts/build-libstrophe.sh --system           install the distribution's package instead
#                                                  (apt-get, dnf, apk or brew, whichever exists)
# Options: --out DIR (default native/<os-arch>), --jobs N, -h|--help.
#   --with-fixes    apply the project's fixes to upstream bugs (native/patches/, listed in its series file)
#                   that are meant for the sources' version, and fail if one of them does not apply;
#                   native/README.md says what each one fixes
# The build also copies strophe.h to <out>/include/, so scripts/generate-bindings.sh <out>/include/strophe.h
# can check the binding against it, and writes <out>/libstrophe.version: the exact version (release X.Y.Z,
# or a snapshot such as "master b9eead3"), sources, commit, the library's SHA-256 and the fixes applied
# (none without --with-fixes). Built files are git-ignored.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

# SHA-256 of upstream release tarballs (https://github.com/strophe/libstrophe/releases), as published
# by package recipes that pin them (Homebrew's libstrophe formula for 0.14.0). Add others with care.
known_sha256() {
    case "$1" in
        libstrophe-0.14.0.tar.gz) echo d079668474d5c3aa4555347c33e77014a1071629603557cc506a6bc6f82e01f5 ;;
        *) echo "" ;;
    esac
}

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "build-libstrophe: $*" >&2; exit 1; }
usage_error() { echo "build-libstrophe: $*" >&2; echo "run scripts/build-libstrophe.sh --help for usage" >&2; exit 2; }

# JNA's name for this platform (com.sun.jna.Platform.RESOURCE_PREFIX).
os_arch() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux ;;
        Darwin) os=darwin ;;
        FreeBSD) os=freebsd ;;
        *) die "unsupported OS $(uname -s)" ;;
    esac
    case "$(uname -m)" in
        x86_64|amd64) arch=x86-64 ;;
        aarch64|arm64) arch=aarch64 ;;
        armv7*|armv6*|arm) arch=arm ;;
        i386|i686) arch=x86 ;;
        riscv64) arch=riscv64 ;;
        ppc64le) arch=ppc64le ;;
        s390x) arch=s390x ;;
        *) die "unsupported CPU $(uname -m)" ;;
    esac
    echo "$os-$arch"
}

mode=""; src=""; tarball=""; version=""; sha256=""; out=""; with_fixes=""; jobs="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
set_mode() { [ -z "$mode" ] || usage_error "choose one of --src, --tarball, --version, --system"; mode="$1"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --src) set_mode src; src="${2:-}"; [ -n "$src" ] || usage_error "--src needs a directory"; shift 2 ;;
        --tarball) set_mode tarball; tarball="${2:-}"; [ -n "$tarball" ] || usage_error "--tarball needs a file"; shift 2 ;;
        --version) set_mode version; version="${2:-}"; shift 2
                   [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage_error "--version needs X.Y.Z, got '$version'" ;;
        --sha256) sha256="${2:-}"; shift 2; [[ "$sha256" =~ ^[0-9a-f]{64}$ ]] || usage_error "--sha256 needs 64 hex digits" ;;
        --system) set_mode system; shift ;;
        --out) out="${2:-}"; [ -n "$out" ] || usage_error "--out needs a directory"; shift 2 ;;
        --jobs) jobs="${2:-}"; [[ "$jobs" =~ ^[0-9]+$ ]] || usage_error "--jobs needs a number"; shift 2 ;;
        --with-fixes) with_fixes=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
done
[ -n "$mode" ] || usage_error "say what to build: --src DIR, --tarball FILE, --version X.Y.Z or --system"
[ -z "$sha256" ] || [ "$mode" = version ] || usage_error "--sha256 goes with --version"
[ -z "$with_fixes" ] || [ "$mode" != system ] || usage_error "--with-fixes builds from sources: it does not go with --system"

sha256_of() { (sha256sum "$1" 2>/dev/null || shasum -a 256 "$1") | cut -d' ' -f1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "run as root: $*"; fi; }

if [ "$mode" = system ]; then
    if command -v apt-get >/dev/null; then
        as_root apt-get install -y libstrophe0 libstrophe-dev || { as_root apt-get update && as_root apt-get install -y libstrophe0 libstrophe-dev; }
    elif command -v dnf >/dev/null; then
        as_root dnf install -y libstrophe libstrophe-devel
    elif command -v apk >/dev/null; then
        as_root apk add libstrophe libstrophe-dev
    elif command -v brew >/dev/null; then
        brew install libstrophe
    else
        die "no known package manager (apt-get, dnf, apk, brew); build from source with --tarball or --src"
    fi
    echo "installed the system's libstrophe; strophe-jna finds it when nothing is in native/$(os_arch)/"
    exit 0
fi

out="${out:-$root/native/$(os_arch)}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac # the build runs in another directory
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$mode" = version ]; then
    name="libstrophe-$version.tar.gz"
    expected="${sha256:-$(known_sha256 "$name")}"
    [ -n "$expected" ] || die "no known SHA-256 for $name: pass the one you trust with --sha256 HEX, or download it yourself and use --tarball"
    url="https://github.com/strophe/libstrophe/releases/download/$version/$name"
    echo "downloading $url"
    if command -v curl >/dev/null; then
        curl -fL --retry 2 --connect-timeout 15 --max-time 300 -o "$work/$name" "$url" || die "cannot download $url (no network? use --tarball FILE)"
    elif command -v wget >/dev/null; then
        wget -q -T 15 -O "$work/$name" "$url" || die "cannot download $url (no network? use --tarball FILE)"
    else
        die "curl or wget is needed to download; or download it yourself and use --tarball"
    fi
    actual="$(sha256_of "$work/$name")"
    [ "$actual" = "$expected" ] || die "SHA-256 mismatch for $name: expected $expected, got $actual"
    tarball="$work/$name"
fi

# Where the sources come from, for the version file: the upstream commit when the sources say it (a git
# archive records it in the tarball, a checkout in .git), and the name of the tree's top directory, which
# for an archive names the ref it was made from (libstrophe-0.14.0, libstrophe-master-b9eead3).
commit=""; tree_name=""; git_tag=""; git_branch=""; git_dirty=""
if [ -n "$tarball" ]; then
    [ -f "$tarball" ] || die "no such tarball: $tarball"
    mkdir -p "$work/src"
    tar -xf "$tarball" -C "$work/src" || die "cannot extract $tarball"
    src="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
    source_name="$(basename "$tarball")"
    if command -v git >/dev/null; then
        case "$tarball" in
            *.gz|*.tgz) unpack=(gzip -dc) ;;
            *.xz) unpack=(xz -dc) ;;
            *.bz2) unpack=(bzip2 -dc) ;;
            *) unpack=(cat) ;;
        esac
        commit="$("${unpack[@]}" "$tarball" 2>/dev/null | git get-tar-commit-id 2>/dev/null)" || true
    fi
    [ -n "$src" ] && tree_name="$(basename "$src")"
fi

[ -d "$src" ] || die "no such directory: $src"
src="$(cd "$src" && pwd)"
if [ -z "$tarball" ]; then
    source_name="$src"
    tree_name="$(basename "$src")"
    if command -v git >/dev/null && [ "$(git -C "$src" rev-parse --show-toplevel 2>/dev/null)" = "$src" ]; then
        commit="$(git -C "$src" rev-parse HEAD 2>/dev/null || true)"
        git_tag="$(git -C "$src" describe --tags --exact-match 2>/dev/null || true)"
        git_branch="$(git -C "$src" rev-parse --abbrev-ref HEAD 2>/dev/null || true)"
        [ -z "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ] || git_dirty=yes
    fi
fi
[[ "$commit" =~ ^[0-9a-f]{40}$ ]] || commit=""
[ -f "$src/strophe.h" ] && [ -d "$src/src" ] || die "$src is not a libstrophe source tree (no strophe.h and src/)"

# Prerequisites, all reported at once.
missing=()
cc="${CC:-$(command -v cc || command -v gcc || command -v clang || true)}"
[ -n "$cc" ] || missing+=("a C compiler (apt: build-essential)")
command -v make >/dev/null || missing+=("make (apt: build-essential)")
if [ -n "$with_fixes" ]; then
    command -v git >/dev/null || missing+=("git, to apply the fixes (apt: git)")
fi
if [ ! -x "$src/configure" ]; then
    for t in autoreconf libtoolize pkg-config; do
        command -v "$t" >/dev/null || missing+=("$t, to bootstrap a tree without ./configure (apt: autoconf automake libtool pkg-config)")
    done
fi
if [ -n "$cc" ]; then
    echo '#include <openssl/ssl.h>' | "$cc" -E - >/dev/null 2>&1 || missing+=("OpenSSL headers (apt: libssl-dev; dnf: openssl-devel)")
    echo '#include <expat.h>' | "$cc" -E - >/dev/null 2>&1 || missing+=("expat headers (apt: libexpat1-dev; dnf: expat-devel)")
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "build-libstrophe: missing prerequisites:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
fi

build="$work/build"
cp -R "$src" "$build"
cd "$build"
if [ ! -x ./configure ]; then
    echo "bootstrapping (no ./configure in the tree)"
    if [ -x ./bootstrap.sh ]; then ./bootstrap.sh; else autoreconf -fi; fi
fi
./configure --prefix="$work/install" --disable-static --disable-examples >"$work/configure.log" 2>&1 \
    || ./configure --prefix="$work/install" --disable-static >"$work/configure.log" 2>&1 \
    || { tail -n 30 "$work/configure.log" >&2; die "configure failed (log above)"; }

# The exact version. configure knows the release the sources call themselves; the library will only know
# major.minor (0.11 and older not even that). The sources are that release when the tree is named after it
# (libstrophe-X.Y.Z, as release tarballs and git archives of a tag are) or a checkout sits exactly on its
# tag; otherwise they are a snapshot, named by branch (or tree name) and commit: "master b9eead3".
version="$(sed -n "s/^PACKAGE_VERSION='\([^']*\)'$/\1/p" configure | head -n 1)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "cannot tell the version of $src (configure says '$version')"

# The fixes: every patch of the series meant for this version (as the sources call themselves, so a master
# snapshot gets those of its last release and later). One that does not apply is an error: the build would
# silently lack a fix it should have. git apply works on the copy, whether or not it is a checkout.
fixes=()
if [ -n "$with_fixes" ]; then
    patches="$root/native/patches"
    [ -f "$patches/series" ] || die "no $patches/series"
    version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]; }
    while read -r file fix range rest; do
        case "$file" in ''|'#'*) continue ;; esac
        [ -n "$range" ] && [ -z "$rest" ] || die "$patches/series: bad line '$file $fix $range $rest'"
        from="${range%%-*}"; to=""; [ "$range" = "$from" ] || to="${range#*-}"
        version_le "$from" "$version" || continue
        [ -z "$to" ] || version_le "$version" "$to" || continue
        [ -f "$patches/$file" ] || die "$patches/series names $file, which is not there"
        GIT_CEILING_DIRECTORIES="$work" git apply --whitespace=nowarn "$patches/$file" >"$work/patch.log" 2>&1 \
            || { cat "$work/patch.log" >&2; die "fix $fix ($file) is meant for $version ($range) but does not apply to $source_name"; }
        fixes+=("$fix")
    done < "$patches/series"
    [ ${#fixes[@]} -gt 0 ] || die "no fix in $patches/series is meant for libstrophe $version"
    echo "applied fixes: ${fixes[*]}"
fi

make -j "$jobs" >"$work/make.log" 2>&1 || { tail -n 30 "$work/make.log" >&2; die "make failed (log above)"; }
short="${commit:0:7}"
snapshot=""
if [ -n "$git_branch" ]; then
    if [ "${git_tag#v}" != "$version" ] || [ -n "$git_dirty" ]; then
        name="$git_branch"; [ "$name" != HEAD ] || name="${git_tag:-git}"
        snapshot="$name $short${git_dirty:+ with local changes}"
    fi
else
    ref="${tree_name#libstrophe-}"
    if [ "$ref" != "$version" ]; then
        [ -z "$short" ] || ref="${ref%-"$short"}"
        snapshot="$ref${short:+ $short}"
    fi
fi
make install >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log" >&2; die "make install failed"; }

lib="$(find "$work/install" \( -name 'libstrophe.so.*.*' -o -name 'libstrophe.*.dylib' \) -type f | head -n 1)"
[ -n "$lib" ] || lib="$(find "$work/install" -name 'libstrophe.so*' -type f | head -n 1)"
[ -n "$lib" ] || die "the build produced no shared library"
mkdir -p "$out/include"
case "$(uname -s)" in Darwin) target=libstrophe.dylib ;; *) target=libstrophe.so ;; esac
rm -f "$out/libstrophe.version"
cp "$lib" "$out/$target"
cp "$work/install/include/strophe.h" "$out/include/strophe.h"
{
    echo "# Which libstrophe $target beside this file is, written by scripts/build-libstrophe.sh. strophe-jna"
    echo "# reads it to name the exact version (the library itself tells only major.minor); it counts only for"
    echo "# the file whose SHA-256 it gives. version: what the sources call themselves; snapshot: empty for a"
    echo "# release, else what names the sources (branch or tree, and commit)."
    echo "# fixes: the project's fixes built in (native/patches/, --with-fixes), empty for upstream's code as is."
    echo "version=$version"
    echo "snapshot=$snapshot"
    echo "source=$(basename "$source_name")"
    echo "commit=$commit"
    echo "sha256=$(sha256_of "$out/$target")"
    echo "fixes=${fixes[*]}"
} > "$out/libstrophe.version"
echo "installed libstrophe ${snapshot:-$version}${snapshot:+ (its sources say $version)}${fixes:+ with fixes ${fixes[*]}} as $out/$target,"
echo "with its strophe.h in $out/include/ and its version in $out/libstrophe.version"
if [ "$out" = "$root/native/$(os_arch)" ]; then
    echo "strophe-jna now loads it first when run from $root; 'mvn package' also puts it in the jar"
fi
