#!/usr/bin/env bash
# Measures whole requests: hello-world on embedded Jetty 12 and on Vert.x 5, each without and
# with Portcullis (a cached token), driven by wrk over loopback. Writes
# results/<name>.json, results/<name>.md and results/<name>.machine.txt.
#
#   ./request-path.sh               10 s warm-up, then 3 rounds of 10 s runs per configuration
#   ./request-path.sh --quick       8 s warm-up, 2 rounds of 5 s (about 1.5 minutes)
#   ./request-path.sh --name NAME   results file name (default: request-path-<date>)
#   ./request-path.sh --pin         server on CPU 0, wrk on CPU 1 (default: no pinning)
#   ./request-path.sh --jfr FILE    record each server with JFR (profile settings) into
#                                   FILE-<configuration>.jfr (FILE without .jfr)
#   ./request-path.sh --only servlet-plain,servlet-portcullis    measure some configurations
#
# Environment: WARMUP, DURATION (seconds), ROUNDS, CONNECTIONS, THREADS (wrk -c and -t),
# JAVA=/path/to/bin/java. Needs wrk (Debian: apt-get install wrk) and python3.
set -euo pipefail
cd "$(dirname "$0")"

quick=false
pin=false
name=""
jfr=""
only="servlet-plain,servlet-portcullis,vertx-plain,vertx-portcullis"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=true; shift ;;
        --pin) pin=true; shift ;;
        --name) name="$2"; shift 2 ;;
        --jfr) jfr="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        *) echo "Unknown argument: $1 (see the top of request-path.sh)" >&2; exit 2 ;;
    esac
done

if $quick; then
    warmup="${WARMUP:-8}"; duration="${DURATION:-5}"; rounds="${ROUNDS:-2}"
else
    warmup="${WARMUP:-10}"; duration="${DURATION:-10}"; rounds="${ROUNDS:-3}"
fi
# One wrk thread keeps the load generator to about one core of the two; 16 connections keep
# every server thread busy (Vert.x runs 4 event loops on 2 cores, Jetty 1 selector and a pool).
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
java_bin="${JAVA:-java}"
name="${name:-request-path-$(date -u +%Y%m%d-%H%M)}"
IFS=, read -r -a configurations <<< "$only"

command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
if [[ ! -f target/benchmarks.jar ]]; then
    (cd .. && mvn -B -q -ntp -pl benchmarks -am package -DskipTests)
fi

server_pin=()
wrk_pin=()
if $pin; then
    server_pin=(taskset -c 0)
    wrk_pin=(taskset -c 1)
fi
java_options=(-Xms1g -Xmx1g)

work="$(mktemp -d)"
# One server process per configuration, each with its own PID, started and stopped here only.
declare -A server_pids=()
stop_servers() {
    local pid
    for pid in "${server_pids[@]}"; do
        if kill -0 "$pid" 2> /dev/null; then
            kill "$pid"
            wait "$pid" 2> /dev/null || true
        fi
    done
    server_pids=()
}
trap 'stop_servers; rm -rf "$work"' EXIT

mkdir -p results
machine="results/$name.machine.txt"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "jdk: $("$java_bin" -version 2>&1 | head -n 2 | tail -n 1)"
    echo "wrk: $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mode: $($quick && echo quick || echo full)"
    echo "wrk settings: -t$threads -c$connections, warm-up ${warmup}s, $rounds rounds of ${duration}s"
    echo "pinning: $($pin && echo 'server on CPU 0, wrk on CPU 1' || echo none)"
    echo "server jvm options: ${java_options[*]}"
} > "$machine"

# Each configuration runs in a JVM of its own, as JMH forks do: no configuration's garbage,
# JIT profile or deoptimization reaches another. Idle servers wait on their sockets.
for configuration in "${configurations[@]}"; do
    options=("${java_options[@]}")
    if [[ -n "$jfr" ]]; then
        options+=("-XX:StartFlightRecording=filename=${jfr%.jfr}-$configuration.jfr,settings=profile"
            -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)
    fi
    "${server_pin[@]}" "$java_bin" "${options[@]}" \
        -cp target/benchmarks.jar io.portcullis.benchmarks.http.RequestPathServer \
        --info "$work/$configuration.info" "$configuration" > "$work/$configuration.log" 2>&1 &
    server_pids[$configuration]=$!
done
for configuration in "${configurations[@]}"; do
    pid="${server_pids[$configuration]}"
    for _ in $(seq 1 240); do
        [[ -f "$work/$configuration.info" ]] && break
        if ! kill -0 "$pid" 2> /dev/null; then
            cat "$work/$configuration.log" >&2
            echo "The $configuration server did not start, or answered wrongly (above)" >&2
            exit 1
        fi
        sleep 0.5
    done
    [[ -f "$work/$configuration.info" ]] || {
        echo "The $configuration server did not get ready within 120 s" >&2; exit 1; }
done

# Runs wrk once against a configuration; prints "requests/s latency-avg" or fails on any
# error or non-2xx answer, since such a run measures something else than the request path.
drive() {
    local configuration="$1" seconds="$2" url token output
    url="$(sed -n "s/^$configuration\.url=//p" "$work/$configuration.info")"
    token="$(sed -n 's/^token=//p' "$work/$configuration.info")"
    output="$("${wrk_pin[@]}" wrk "-t$threads" "-c$connections" "-d${seconds}s" \
        -H "Authorization: Bearer $token" "$url")"
    if grep -qE 'Non-2xx|Socket errors' <<< "$output"; then
        echo "$output" >&2
        echo "wrk saw errors or refusals from $configuration" >&2
        return 1
    fi
    awk '/Requests\/sec:/ {rps = $2} /^ +Latency/ {lat = $2} END {print rps, lat}' \
        <<< "$output"
}

runs="$work/runs.tsv"
: > "$runs"
for configuration in "${configurations[@]}"; do
    echo "warm-up: $configuration ${warmup}s" >&2
    drive "$configuration" "$warmup" > /dev/null
done
# Rounds interleave the configurations, so that a noisy spell falls on all of them alike, and
# every other round runs them in reverse order, so that no configuration always goes first.
reversed=()
for ((i = ${#configurations[@]} - 1; i >= 0; i--)); do
    reversed+=("${configurations[i]}")
done
for round in $(seq 1 "$rounds"); do
    order=("${configurations[@]}")
    if ((round % 2 == 0)); then
        order=("${reversed[@]}")
    fi
    for configuration in "${order[@]}"; do
        result="$(drive "$configuration" "$duration")"
        read -r rps latency <<< "$result"
        echo "round $round: $configuration $rps req/s (latency $latency)" >&2
        printf '%s\t%s\t%s\t%s\n' "$configuration" "$round" "$rps" "$latency" >> "$runs"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$machine"
stop_servers

python3 request-path-report.py "$runs" "$machine" "results/$name.json" > "results/$name.md"
cat "results/$name.md"
echo "Wrote results/$name.json and results/$name.md"
