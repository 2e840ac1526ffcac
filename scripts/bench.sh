#!/usr/bin/env bash
# Benchmarks strophe-jna side by side with plain C on libstrophe (native/bench/) and Smack 4.4.8, in one
# run, against a throwaway Prosody (archive off, rate limits off, Nagle off), and prints a table of
# medians, ratios and goals (also target/bench/results.json and target/bench/benchmarks.png).
#
#   scripts/bench.sh [--quick] [--only NAME]
#
# Workloads: raw (receive throughput from a loopback blaster, no server), crossthread (send latency from
# an application thread, idle CPU), oneshot (a whole process: log in, send one confirmed message, exit),
# flood (messages from one account to another through the server: throughput, and the client process's CPU
# per message), flood-ejabberd (the same through a throwaway ejabberd, installed with apt-get when missing),
# ping (XEP-0199 round trips), connect (connect + TLS + SASL + bind + presence + disconnect), scale (K
# clients at once in one JVM), scale-fixed (500 and 2,000 clients in one JVM on the stock libstrophe and on a
# fixed 0.14.0 build, which scripts/build-libstrophe.sh --with-fixes writes into target/libstrophe-fixed-0.14.0
# when missing, the fixed one on one and on two loop threads; Smack at 500), stanza (JMH: stanza translation
# between libstrophe and Java).
# --quick: fewer rounds and smaller counts.
# Every side gets the same fair settings: TCP_NODELAY, the lazy trust store (SSL_CERT_FILE/SSL_CERT_DIR,
# which this library sets itself), Stream Management off, the server's certificate verified.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

workloads="raw crossthread oneshot flood flood-ejabberd ping connect scale scale-fixed stanza"
quick=0; only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1; shift ;;
        --only) only="${2:-}"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$only" ] && [[ " $workloads " != *" $only "* ]]; then
    echo "bench: unknown workload '$only' (one of: $workloads)" >&2; exit 2
fi
selected() { [ -z "$only" ] || [ "$only" = "$1" ]; }
q() { [ "$quick" = 1 ] && echo "$1" || echo "$2"; }   # q QUICK_VALUE FULL_VALUE
started_at=$(date +%s)

out="$root/target/bench"
mkdir -p "$out"
scripts/prerequisites.sh >&2   # a fresh machine: the same packages the tests need, plus GNU time
selected flood-ejabberd && scripts/bench-ejabberd.sh >&2   # only the bench needs ejabberd: CI's tests never install it
echo "bench: building (mvn -Pbench process-test-classes or package, gcc) ..." >&2
# process-test-classes, not test-compile: the module descriptor is compiled there, and without it target/classes
# would lack module-info.class, which the jar of a build running meanwhile (the suite runs this) then lacks too
build_goal=process-test-classes
selected oneshot && build_goal=package   # oneshot runs the shaded CLI jar
mvn -q -B -Dstyle.color=never -DskipTests -Pbench "$build_goal" >&2
# two class paths: this library's programs never carry Smack's jars, Smack's programs get them
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
mvn -q -B -Dstyle.color=never -Pbench dependency:build-classpath -Dmdep.outputFile="$out/classpath-bench.txt" >&2
cp="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath.txt")"
cp_bench="$root/target/classes:$root/target/test-classes:$(cat "$out/classpath-bench.txt")"
strophe_flags="$(pkg-config --cflags --libs libstrophe 2>/dev/null || echo -lstrophe)"
if selected scale-fixed; then
    # the stock library: the system's, named explicitly (a build in native/ would otherwise come first)
    stock_lib=""
    for f in "$(pkg-config --variable=libdir libstrophe 2>/dev/null)"/libstrophe.so{,.0}; do
        [ -f "$f" ] && { stock_lib="$f"; break; }
    done
    [ -n "$stock_lib" ] || { echo "bench: scale-fixed needs the system's libstrophe (apt-get install -y libstrophe-dev)" >&2; exit 1; }
    # the fixed one: 0.14.0 with every fix of native/patches/, built once into target/
    fixed_lib="$root/target/libstrophe-fixed-0.14.0"
    if ! grep -q '^fixes=.*\bpoll\b' "$fixed_lib/libstrophe.version" 2>/dev/null || [ ! -f "$fixed_lib/libstrophe.so" ]; then
        tarball="${STROPHE_LIBSTROPHE_SOURCES:-$root/../shared/libstrophe}/libstrophe-0.14.0-src.tar.gz"
        [ -f "$tarball" ] || { echo "bench: scale-fixed builds libstrophe 0.14.0 from $tarball, which is missing (STROPHE_LIBSTROPHE_SOURCES=DIR for another place)" >&2; exit 1; }
        echo "bench: building libstrophe 0.14.0 with the project's fixes into $fixed_lib ..." >&2
        scripts/build-libstrophe.sh --with-fixes --tarball "$tarball" --out "$fixed_lib" > "$out/build-libstrophe.log" 2>&1 \
            || { echo "bench: building the fixed libstrophe failed (see $out/build-libstrophe.log)" >&2; exit 1; }
    fi
fi
for program in raw_receive oneshot_send server_workloads; do
    gcc -O2 -o "$out/$program" "native/bench/$program.c" $strophe_flags
done
# every JVM of this library's side: native access for JNA (a restricted method from JDK 24 on), quiet logs
java_quiet=(--enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
# C gets the trust store setting this library applies to itself (see README: trust store)
export SSL_CERT_FILE=/nonexistent-strophe-jna-bench SSL_CERT_DIR=/etc/ssl/certs

: > "$out/samples.tsv"
sample() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$out/samples.tsv"; }
# record WORKLOAD SIDE COMMAND...: runs a program printing "name value" lines and keeps them as samples
# (a workload prefix is dropped: flood_msg_per_s -> msg_per_s)
record() {
    local workload="$1" side="$2"; shift 2
    local rc=0
    "$@" > "$out/run.txt" 2> "$out/run.err" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "bench: $workload ($side) failed with exit status $rc$([ "$rc" -gt 128 ] && echo " (signal $((rc - 128)))"): $*" >&2
        cat "$out/run.err" >&2; exit 1
    fi
    sed -E 's/^(flood|ping|connect|scale|crossthread)_//; s/^stanzas_per_second/msg_per_s/' "$out/run.txt" \
        | awk 'NF == 2 && $2 ~ /^[0-9.]+$/' | while read -r name value; do sample "$workload" "$side" "$name" "$value"; done
    echo "bench: $workload $side: $(tr '\n' ' ' < "$out/run.txt")" >&2
}

if selected raw; then
    count=$(q 50000 300000)
    java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.Blaster "$count" > "$out/blaster.out" &
    blaster=$!
    trap 'kill $blaster 2>/dev/null || true' EXIT
    for _ in $(seq 300); do grep -q PORT "$out/blaster.out" 2>/dev/null && break; sleep 0.1; done  # a loaded machine starts JVMs slowly
    port="$(awk '/PORT/{print $2}' "$out/blaster.out")"
    [ -n "$port" ] || { echo "bench: the blaster did not start" >&2; exit 1; }
    for _ in 1 2 3; do   # alternate, so drift hits both sides alike
        record raw c "$out/raw_receive" "$port" "$count"
        record raw java java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.RawReceive "$port" "$count"
        # the floor for any Java client through JNA: one call into Java per element and its text copied, no more
        record raw-floor java java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.RawReceiveFloor "$port" "$count"
    done
    awk -F'\t' '$1 == "raw" && $2 == "c"' "$out/samples.tsv" | sed 's/^raw/raw-floor/' >> "$out/samples.tsv"   # its C column
    kill $blaster 2>/dev/null || true
fi

if selected crossthread; then
    record crossthread java java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.ClientFigures "$(q 5 30)"
fi

# start_server NAME CLASS ARGS...: a bench server JVM (BenchServer: Prosody, EjabberdBenchServer) that writes
# its info line to $out/NAME.info and stops, deleting everything, when its control fifo closes (stop_server)
declare -A server_fds server_pids
start_server() {
    local name="$1" class="$2"; shift 2
    rm -f "$out/$name.info" "$out/$name.ctl"
    mkfifo "$out/$name.ctl"
    java -cp "$cp" "${java_quiet[@]}" "io.github.strophejna.bench.$class" "$out/$name.info" "$@" \
        < "$out/$name.ctl" > "$out/$name.log" 2>&1 &
    server_pids[$name]=$!
    local fd
    exec {fd}> "$out/$name.ctl"
    server_fds[$name]=$fd
    for _ in $(seq 900); do [ -s "$out/$name.info" ] && break; sleep 0.1; done
    [ -s "$out/$name.info" ] || { echo "bench: the $class server did not start (see $out/$name.log)" >&2; exit 1; }
}
stop_server() {   # and waits until it is gone, so the next workload (or the script's end) finds it stopped
    local fd="${server_fds[$1]}"
    exec {fd}>&-
    wait "${server_pids[$1]}" || echo "bench: the $1 server did not stop cleanly (see $out/$1.log)" >&2
}
# use_server NAME: the server the next workloads log in to
use_server() {
    read -r host port cafile jid password to to_password scale_password < "$out/$1.info"
    export XMPP_PASSWORD="$password" XMPP_PEER_PASSWORD="$to_password"
}

server_needed=0
for w in oneshot flood ping connect scale scale-fixed; do selected "$w" && server_needed=1; done
if [ "$server_needed" = 1 ]; then
    scale_sizes=$(q "50" "100 250 500 1000")
    fixed_sizes=$(q "50 1100" "500 2000")   # scale-fixed: the K compared with Smack, then one past 1,024 sockets
    scale_accounts=0
    selected scale && scale_accounts=$(echo $scale_sizes | awk '{print $NF}')
    selected scale-fixed && scale_accounts=$(echo $scale_accounts $fixed_sizes | tr ' ' '\n' | sort -n | tail -n 1)
    # Open files: both the client JVM and Prosody (started below, it inherits it) hold a socket per client.
    # The soft limit goes up to the hard one; scale-fixed needs K + 1,024 at least, and as root the hard limit
    # is raised to that when it is lower (no one else can).
    need_fds=$(( scale_accounts + 1024 ))
    if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$need_fds" ]; then
        ulimit -Hn "$need_fds" 2>/dev/null || true
    fi
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    if selected scale-fixed && [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
        echo "bench: scale-fixed needs $need_fds open files per process, the limit is $(ulimit -n) (hard $(ulimit -Hn)): raise it as root" >&2
        exit 1
    fi
    start_server server BenchServer "$scale_accounts"
    use_server server
    prosody_limits="$(grep -m1 '^prosody: ' "$out/server.log" || echo 'prosody: (not reported)')"
    echo "bench: $prosody_limits; this shell's open files $(ulimit -n)/$(ulimit -Hn)" >&2
    if selected scale-fixed && ! [[ "$prosody_limits" =~ backend\ (epoll|event) ]]; then
        echo "bench: scale-fixed needs Prosody's epoll (or libevent) backend; its select backend stops near 1,024 sockets" >&2
        exit 1
    fi
fi
rounds=$(q 1 3)

if selected oneshot; then
    # As users run each, with no flags for them to know: this library's tool through its launcher
    # (scripts/strophe, which starts a short-run JVM and keeps a class-data archive in its cache, written by its
    # first run), and a Smack program in a jar next to Smack's own jars, started with plain `java`. The first
    # run of the tool (writing the archive) is timed apart, as "first_wall_ms". C is the floor.
    cli_cache="$out/oneshot-cache"   # the launcher's archive lives here, not in the user's cache
    rm -rf "$cli_cache"
    jar cf "$out/smack-oneshot.jar" -C "$root/target/test-classes" io/github/strophejna/bench/smack
    smack_cp="$out/smack-oneshot.jar:$(tr ':' '\n' < "$out/classpath-bench.txt" | grep -E '/(igniterealtime|jxmpp|minidns)/' | paste -sd: -)"
    java_oneshot=(env XDG_CACHE_HOME="$cli_cache" "$root/scripts/strophe" send --jid "$jid" --to "$to" --host "$host" --port "$port" --cafile "$cafile" "one shot")
    smack_oneshot=(java -cp "$smack_cp" io.github.strophejna.bench.smack.SmackOneShot "$jid" "$to" "$host" "$port" "$cafile")
    timed() {   # timed SIDE FIGURE_PREFIX COMMAND...: wall time and peak RSS of a whole process
        local side="$1" prefix="$2"; shift 2
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null 2> "$out/run.err" \
            || { echo "bench: oneshot ($side) failed" >&2; cat "$out/run.err" >&2; exit 1; }
        sample oneshot "$side" "${prefix}wall_ms" "$(awk '{print $1 * 1000}' "$out/time.txt")"
        sample oneshot "$side" "${prefix}peak_rss_kb" "$(awk '{print $2}' "$out/time.txt")"
        echo "bench: oneshot $side ${prefix}: $(cat "$out/time.txt") (s, KB)" >&2
    }
    timed java first_ "${java_oneshot[@]}"
    for _ in $(seq "$(q 2 5)"); do
        timed c "" "$out/oneshot_send" "$host" "$port" "$jid" "$to" "$cafile"
        timed java "" "${java_oneshot[@]}"
        timed smack "" "${smack_oneshot[@]}"
    done
    echo "strophe-jna: scripts/strophe as shipped (its own JVM flags and class-data archive); Smack: plain java" > "$out/oneshot-flags.txt"
fi

# flood, ping, connect: the same arguments for the three programs, in alternation
server_workload() {   # server_workload NAME ARGS...: NAME's program is the part before any "-" (flood-ejabberd: flood)
    local name="$1"; shift
    local program="${name%%-*}"
    local args=("$@" "$host" "$port" "$cafile" "$jid" "$to")
    for _ in $(seq "$rounds"); do
        record "$name" c "$out/server_workloads" "$program" "${args[@]}"
        record "$name" java java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.ServerWorkloads "$program" "${args[@]}"
        record "$name" smack java -cp "$cp_bench" io.github.strophejna.bench.smack.SmackWorkloads "$program" "${args[@]}"
    done
}
flood_args=("$(q 3000 20000)" 256)
selected flood && server_workload flood "${flood_args[@]}"
if selected flood-ejabberd; then   # Prosody, if running, idles meanwhile
    start_server ejabberd EjabberdBenchServer
    use_server ejabberd
    server_workload flood-ejabberd "${flood_args[@]}"
    stop_server ejabberd
    [ "$server_needed" = 1 ] && use_server server
fi
selected ping && server_workload ping "$(q 300 2000)"
selected connect && server_workload connect "$(q 5 20)"

if selected scale; then
    for k in $scale_sizes; do
        idle=$(q 3 10)
        record "scale-$k" java java -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.ScaleClients "$k" "$host" "$port" "$cafile" "$scale_password" "$idle"
        record "scale-$k" smack java -cp "$cp_bench" io.github.strophejna.bench.smack.SmackScale "$k" "$host" "$port" "$cafile" "$scale_password" "$idle"
    done
fi
if selected scale-fixed; then
    # K clients on the stock library (past 1,024 sockets each further login must be refused, typed, and the
    # process live on), on the fixed build (every one connected), and on the fixed build with two loop threads
    # (logins overlap only across loop threads; the stock library's login lock would serialise them again), in
    # alternation; at the smaller K also Smack, whose samples every row of that K gets
    idle=$(q 3 10)
    small=${fixed_sizes%% *}
    listen_overflows() { awk '/^TcpExt:/ {if (!h) {split($0, n); h = 1} else {for (i = 2; i <= NF; i++) if (n[i] == "ListenOverflows") print $i}}' /proc/net/netstat; }
    prosody_pid="$(pgrep -P "${server_pids[server]}" | head -n 1)"
    [ -n "$prosody_pid" ] || { echo "bench: Prosody's process not found under the bench server ${server_pids[server]}" >&2; exit 1; }
    prosody_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$prosody_pid/stat"; }
    # run_scale WORKLOAD LIBRARY K [CONTEXTS]: ScaleClients on that library, checked to be the one loaded;
    # run_scale WORKLOAD smack K: SmackScale. Also Prosody's CPU time over the run (logins, idle, the clients' exit)
    run_scale() {
        local workload="$1" lib="$2" k="$3" contexts="${4:-1}" overflows server_cpu side=java
        overflows=$(listen_overflows); server_cpu=$(prosody_cpu_ms)
        if [ "$lib" = smack ]; then
            side=smack
            record "$workload" smack java -cp "$cp_bench" io.github.strophejna.bench.smack.SmackScale "$k" "$host" "$port" "$cafile" "$scale_password" "$idle"
        else
            record "$workload" java java -Dstrophe.library.path="$lib" -cp "$cp" "${java_quiet[@]}" io.github.strophejna.bench.ScaleClients \
                "$k" "$host" "$port" "$cafile" "$scale_password" "$idle" "$contexts"
            local loaded; loaded="$(sed -n 's/^scale_library //p' "$out/run.txt")"
            case "$workload" in
                *-fixed*) [[ "$loaded" == *"fixes"*"poll"* ]] || { echo "bench: $workload ran on $loaded, not a build with the poll fix" >&2; exit 1; } ;;
                *) [[ "$loaded" == *stock* ]] || { echo "bench: $workload ran on $loaded, not the stock library" >&2; exit 1; } ;;
            esac
        fi
        server_cpu=$(( $(prosody_cpu_ms) - server_cpu ))
        sample "$workload" "$side" server_cpu_ms "$server_cpu"
        # a full accept queue shows as SYNs dropped and retried a second or more later (BenchServer raises the backlog)
        echo "bench: $workload $side: Prosody's CPU $server_cpu ms; TCP listen overflows (whole machine) $(( $(listen_overflows) - overflows ))" >&2
    }
    for _ in $(seq "$(q 1 2)"); do
        for k in $fixed_sizes; do
            run_scale "scale-$k-stock" "$stock_lib" "$k"
            run_scale "scale-$k-fixed" "$fixed_lib" "$k"
            run_scale "scale-$k-fixed-2loops" "$fixed_lib" "$k" 2
            [ "$k" = "$small" ] && run_scale "scale-$k-stock" smack "$k"
        done
    done
    # Smack does not depend on libstrophe: its samples go to each row of its K
    awk -F'\t' -v w="scale-$small-stock" '$1 == w && $2 == "smack"' "$out/samples.tsv" > "$out/smack-scale.tsv"
    for w in "scale-$small-fixed" "scale-$small-fixed-2loops"; do
        awk -F'\t' -v OFS='\t' -v w="$w" '{$1 = w; print}' "$out/smack-scale.tsv" >> "$out/samples.tsv"
    done
    printf 'stock: %s; fixed: %s\n' "$stock_lib" "$(sed -n 's/^fixes=//p' "$fixed_lib/libstrophe.version") on 0.14.0 in $fixed_lib" > "$out/scale-libraries.txt"
fi
[ "$server_needed" = 1 ] && stop_server server

if selected stanza; then
    sizes=$(q "-p bodyBytes=64,16384" "")
    java --enable-native-access=ALL-UNNAMED -cp "$cp_bench" org.openjdk.jmh.Main StanzaTranslationBench -f 1 -wi "$(q 1 3)" -i "$(q 1 5)" -w 1s -r 1s $sizes \
        -rf csv -rff "$out/stanza.csv" > "$out/stanza.log" 2>&1 || { echo "bench: stanza (JMH) failed, see $out/stanza.log" >&2; exit 1; }
    # "...StanzaTranslationBench.send","avgt",1,5,0.123,...,"us/op",64  ->  send_64B_us
    tail -n +2 "$out/stanza.csv" | tr -d '"\r' | awk -F, '{n = split($1, p, "."); printf "stanza\tjava\t%s_%sB_us\t%s\n", p[n], $NF, $5}' >> "$out/samples.tsv"
    echo "bench: stanza: $(tail -n +2 "$out/stanza.csv" | wc -l) JMH results" >&2
fi

{
    printf 'date\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'command\tscripts/bench.sh%s%s\n' "$([ "$quick" = 1 ] && echo " --quick")" "${only:+ --only $only}"
    printf 'cpu\t%s\n' "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
    printf 'cores\t%s\n' "$(nproc)"
    printf 'kernel\t%s\n' "$(uname -r)"
    printf 'java\t%s\n' "$(java -version 2>&1 | head -n 1 | tr -d '"')"
    printf 'libstrophe\t%s\n' "$(pkg-config --modversion libstrophe 2>/dev/null || echo unknown)"
    printf 'smack\t%s\n' "$(sed -n 's:.*<smack.version>\(.*\)</smack.version>.*:\1:p' pom.xml)"
    selected scale-fixed && printf 'scale_fixed_libraries\t%s\n' "$(cat "$out/scale-libraries.txt")"
    [ "$server_needed" = 1 ] && printf 'prosody\t%s\n' "${prosody_limits#prosody: }"
    [ -f "$out/oneshot-flags.txt" ] && selected oneshot && printf 'oneshot_jvm\t%s\n' "$(cat "$out/oneshot-flags.txt")"
    printf 'seconds\t%s\n' "$(( $(date +%s) - started_at ))"
} > "$out/machine.tsv"
java -cp "$cp_bench" -Djava.awt.headless=true io.github.strophejna.bench.report.BenchReport "$out"
echo "bench: figures in $out/results.json, chart in $out/benchmarks.png ($(( $(date +%s) - started_at )) s)" >&2
