#!/usr/bin/env bash
# Benchmarks strophe-jna side by side with plain C on libstrophe, in one run, and prints a table of
# medians and ratios (and writes target/bench/results.json).
#
#   scripts/bench.sh [--quick] [--only NAME]
#
# Workloads so far: raw (receive throughput from a loopback blaster, no server: C message handler vs
# onMessage with full Message objects). The others of issue #6 (flood, ping, connect, oneshot,
# crossthread, scale, stanza) and the Smack column are still to come; asking for one says so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=0; only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1; shift ;;
        --only) only="${2:-}"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$only" in
    ""|raw) ;;
    flood|ping|connect|oneshot|crossthread|scale|stanza)
        echo "bench: workload '$only' is not implemented yet (issue #6)" >&2; exit 3 ;;
    *) echo "bench: unknown workload '$only'" >&2; exit 2 ;;
esac

out="$root/target/bench"
mkdir -p "$out"
echo "bench: building (mvn test-compile, gcc) ..." >&2
mvn -q -B -Dstyle.color=never -DskipTests test-compile >&2
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
strophe_flags="$(pkg-config --cflags --libs libstrophe 2>/dev/null || echo -lstrophe)"
gcc -O2 -o "$out/raw_receive" native/bench/raw_receive.c $strophe_flags

count=$([ "$quick" = 1 ] && echo 50000 || echo 300000)
rounds=3

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.github.strophejna.bench.Blaster "$count" > "$out/blaster.out" &
blaster=$!
trap 'kill $blaster 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q PORT "$out/blaster.out" 2>/dev/null && break; sleep 0.1; done
port="$(awk '/PORT/{print $2}' "$out/blaster.out")"
[ -n "$port" ] || { echo "bench: the blaster did not start" >&2; exit 1; }

c_runs=(); j_runs=()
for round in $(seq "$rounds"); do   # alternate, so drift hits both sides alike
    c_runs+=("$("$out/raw_receive" "$port" "$count" | awk '/stanzas_per_second/{print $2}')")
    j_runs+=("$(java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.github.strophejna.bench.RawReceive "$port" "$count" \
        | awk '/stanzas_per_second/{print $2}')")
    echo "bench: raw round $round: C ${c_runs[-1]}/s, strophe-jna ${j_runs[-1]}/s" >&2
done
c_med="$(printf '%s\n' "${c_runs[@]}" | median)"
j_med="$(printf '%s\n' "${j_runs[@]}" | median)"
ratio="$(awk -v j="$j_med" -v c="$c_med" 'BEGIN {printf "%.2f", j / c}')"
met="$(awk -v r="$ratio" 'BEGIN {print (r >= 0.8) ? "met" : "not met"}')"

printf '%-10s %18s %18s %8s  %s\n' workload "C libstrophe" "strophe-jna" ratio "goal"
printf '%-10s %16s/s %16s/s %7sx  %s\n' raw "$c_med" "$j_med" "$ratio" ">= 0.8x C: $met"

cat > "$out/results.json" <<JSON
{"date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "machine": {"cpus": $(nproc), "kernel": "$(uname -r)", "java": "$(java -version 2>&1 | head -n 1 | tr -d '"')", "libstrophe": "$(pkg-config --modversion libstrophe 2>/dev/null || echo unknown)"},
 "workloads": {"raw": {"messages": $count, "rounds": $rounds, "c_stanzas_per_second": [$(IFS=,; echo "${c_runs[*]}")], "java_stanzas_per_second": [$(IFS=,; echo "${j_runs[*]}")], "c_median": $c_med, "java_median": $j_med, "ratio": $ratio, "goal": "java >= 0.8 x C", "goal_met": $([ "$met" = met ] && echo true || echo false)}}}
JSON
echo "bench: figures in $out/results.json" >&2
