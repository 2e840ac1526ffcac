#!/usr/bin/env bash
# Checks what building and testing strophe-jna needs, says what it finds, and
# installs what is missing with apt-get when it can (root on Debian/Ubuntu).
# Otherwise it prints the command to run and exits 1.
#
#   scripts/prerequisites.sh
set -euo pipefail

packages=()      # Debian packages to install
problems=()      # what cannot be installed from here

check() { # name, test command, debian package
    if eval "$2" >/dev/null 2>&1; then
        echo "prerequisites: $1: ok"
    else
        echo "prerequisites: $1: missing (Debian package $3)"
        packages+=("$3")
    fi
}

if java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
    echo "prerequisites: java 17+: ok"
else
    echo "prerequisites: java 17+: missing"; packages+=(openjdk-17-jdk-headless)
fi
check "maven" "command -v mvn" maven
check "gcc" "command -v gcc" gcc
check "pkg-config" "command -v pkg-config" pkg-config
check "libstrophe (runtime)" "compgen -G '/usr/lib/*/libstrophe.so.0' || compgen -G '/usr/lib/libstrophe.so.0'" libstrophe0
check "libstrophe headers" "test -r /usr/include/strophe.h" libstrophe-dev
check "prosody (test server)" "command -v prosody && command -v prosodyctl" prosody
check "openssl (test certificates)" "command -v openssl" openssl
check "GNU time (benchmarks: peak RSS)" "test -x /usr/bin/time" time
# the tests build each libstrophe version in the field from source (scripts/build-libstrophe.sh)
check "make (libstrophe builds)" "command -v make" make
check "autoconf (libstrophe builds)" "command -v autoreconf" autoconf
check "automake (libstrophe builds)" "command -v automake" automake
check "libtool (libstrophe builds)" "command -v libtoolize" libtool
check "OpenSSL headers (libstrophe builds)" "test -r /usr/include/openssl/ssl.h" libssl-dev
check "expat headers (libstrophe builds)" "test -r /usr/include/expat.h" libexpat1-dev
check "git (libstrophe builds with the project's fixes: git apply)" "command -v git" git

if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "prerequisites: installing ${packages[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${packages[@]}"
    exit 0
fi
echo "prerequisites: install them first, e.g.: sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
exit 1
