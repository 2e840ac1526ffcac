#!/usr/bin/env bash
# The main job end to end on the embedded default: starts a throwaway local
# Prosody, logs two accounts in over STARTTLS, sends a message from one to the
# other, receives it, prints the stanza log, and stops the server.
# Installs or checks what it needs first (scripts/prerequisites.sh).
#
#   scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
mvn -B -q -Dstyle.color=never -DskipTests test-compile
# exec:java runs the demo inside Maven's JVM: grant it native access for JNA (restricted from JDK 24 on)
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED"
exec mvn -B -q -Dstyle.color=never exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.strophejna.demo.EndToEndDemo
