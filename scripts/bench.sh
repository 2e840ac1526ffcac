#!/usr/bin/env bash
# Benchmarks strophe-jna side by side with plain C on libstrophe, in one run, and prints a table of
# medians and ratios (and writes target/bench/results.json).
#
#   scripts/bench.sh [--quick] [--only NAME]
#
# Workloads so far: raw (receive throughput from a loopback blaster, no server: C message handler vs
# onMessage with full Message objects) and crossthread (send latency from an application thread to the
# socket, p50/p99, and a connected client's idle CPU; this library only, C has no other thread) and
# oneshot (a whole process that logs in to a throwaway Prosody, sends one confirmed message and exits:
# wall time and peak RSS). The others of issue #6 (flood, ping, connect, scale, stanza) and the Smack
# column are still to come; asking for one says so.
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
    ""|raw|crossthread|oneshot) ;;
    flood|ping|connect|scale|stanza)
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
gcc -O2 -o "$out/oneshot_send" native/bench/oneshot_send.c $strophe_flags

rm -f "$out/raw.json" "$out/crossthread.json" "$out/oneshot.json"
if [ -z "$only" ] || [ "$only" = raw ]; then
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

    printf '"raw": {"messages": %s, "rounds": %s, "c_stanzas_per_second": [%s], "java_stanzas_per_second": [%s], "c_median": %s, "java_median": %s, "ratio": %s, "goal": "java >= 0.8 x C", "goal_met": %s}\n' \
        "$count" "$rounds" "$(IFS=,; echo "${c_runs[*]}")" "$(IFS=,; echo "${j_runs[*]}")" "$c_med" "$j_med" "$ratio" \
        "$([ "$met" = met ] && echo true || echo false)" > "$out/raw.json"
fi
if [ -z "$only" ] || [ "$only" = crossthread ]; then
    idle=$([ "$quick" = 1 ] && echo 5 || echo 30)
    figures="$(java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.github.strophejna.bench.ClientFigures "$idle")"
    p50="$(echo "$figures" | awk '/^crossthread_p50_ms/{print $2}')"
    p99="$(echo "$figures" | awk '/^crossthread_p99_ms/{print $2}')"
    cpu="$(echo "$figures" | awk '/^idle_cpu_percent/{print $2}')"
    met_lat="$(awk -v v="$p99" 'BEGIN {print (v <= 1.0) ? "met" : "not met"}')"
    met_cpu="$(awk -v v="$cpu" 'BEGIN {print (v < 0.1) ? "met" : "not met"}')"
    printf '%-12s p50 %s ms, p99 %s ms (goal p99 <= 1 ms: %s); idle CPU %s %% of a core over %s s (goal ~0: %s)\n' \
        crossthread "$p50" "$p99" "$met_lat" "$cpu" "$idle" "$met_cpu"
    printf '"crossthread": {"p50_ms": %s, "p99_ms": %s, "idle_cpu_percent": %s, "idle_seconds": %s, "p99_goal_met": %s, "idle_goal_met": %s}\n' \
        "$p50" "$p99" "$cpu" "$idle" "$([ "$met_lat" = met ] && echo true || echo false)" \
        "$([ "$met_cpu" = met ] && echo true || echo false)" > "$out/crossthread.json"
fi
if [ -z "$only" ] || [ "$only" = oneshot ]; then
    rm -f "$out/server.info" "$out/server.ctl"
    mkfifo "$out/server.ctl"
    java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.github.strophejna.bench.BenchServer "$out/server.info" \
        < "$out/server.ctl" > "$out/server.log" 2>&1 &
    exec 4> "$out/server.ctl"   # the server stops when this closes
    for _ in $(seq 300); do [ -s "$out/server.info" ] && break; sleep 0.1; done
    [ -s "$out/server.info" ] || { echo "bench: the test Prosody did not start (see $out/server.log)" >&2; exit 1; }
    read -r host port cafile jid password to < "$out/server.info"
    c_wall=(); c_rss=(); j_wall=(); j_rss=()
    for round in $(seq 3); do
        XMPP_PASSWORD="$password" /usr/bin/time -f "%e %M" -o "$out/time.txt" "$out/oneshot_send" "$host" "$port" "$jid" "$to" "$cafile"
        c_wall+=("$(awk '{print $1 * 1000}' "$out/time.txt")"); c_rss+=("$(awk '{print $2}' "$out/time.txt")")
        XMPP_PASSWORD="$password" /usr/bin/time -f "%e %M" -o "$out/time.txt" java -cp "$cp" \
            -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.github.strophejna.bench.OneShotSend \
            "$jid" "$to" "$host" "$port" "$cafile"
        j_wall+=("$(awk '{print $1 * 1000}' "$out/time.txt")"); j_rss+=("$(awk '{print $2}' "$out/time.txt")")
        echo "bench: oneshot round $round: C ${c_wall[-1]} ms ${c_rss[-1]} KB, strophe-jna ${j_wall[-1]} ms ${j_rss[-1]} KB" >&2
    done
    exec 4>&-
    cw="$(printf '%s\n' "${c_wall[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
    cr="$(printf '%s\n' "${c_rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
    jw="$(printf '%s\n' "${j_wall[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
    jr="$(printf '%s\n' "${j_rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
    printf '%-12s C %s ms / %s KB peak RSS; strophe-jna %s ms / %s KB (%.1fx / %.1fx C); goal vs Smack: not measured yet\n' \
        oneshot "$cw" "$cr" "$jw" "$jr" "$(awk -v a="$jw" -v b="$cw" 'BEGIN {print a / b}')" "$(awk -v a="$jr" -v b="$cr" 'BEGIN {print a / b}')"
    printf '"oneshot": {"c_wall_ms": %s, "c_peak_rss_kb": %s, "java_wall_ms": %s, "java_peak_rss_kb": %s, "smack": null}\n' \
        "$cw" "$cr" "$jw" "$jr" > "$out/oneshot.json"
fi
{
    printf '{"date": "%s", "command": "scripts/bench.sh%s%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        "$([ "$quick" = 1 ] && echo " --quick")" "${only:+ --only $only}"
    printf ' "machine": {"cpus": %s, "kernel": "%s", "java": "%s", "libstrophe": "%s"},\n' "$(nproc)" "$(uname -r)" \
        "$(java -version 2>&1 | head -n 1 | tr -d '"')" "$(pkg-config --modversion libstrophe 2>/dev/null || echo unknown)"
    printf ' "workloads": {'
    cat $(ls "$out"/raw.json "$out"/crossthread.json "$out"/oneshot.json 2>/dev/null) | paste -sd, -
    printf '}}\n'
} > "$out/results.json"
echo "bench: figures in $out/results.json" >&2
