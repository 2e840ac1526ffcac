#!/usr/bin/env bash
# Runs every test: unit tests (Surefire) and integration tests (*IT, Failsafe)
# against a throwaway Prosody and the real libstrophe. Installs or checks what
# it needs first (scripts/prerequisites.sh).
#
#   scripts/test.sh [extra mvn arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
exec mvn -B -Dstyle.color=never verify "$@"
