#!/usr/bin/env bash
# Runs the JMH suite and writes results/<name>.json, results/<name>.machine.txt and a markdown
# table results/<name>.md.
#
#   ./run.sh                  the whole suite, then request-path.sh if wrk is installed (about
#                             50 minutes on 2 cores)
#   ./run.sh --quick          one thread, RS256 and HS256, every library, and policy decisions
#                             over 100 rules with and without a condition (under 5 minutes)
#   ./run.sh --name NAME      results file name (default: full-<date> or quick-<date>)
#   JAVA=/path/to/bin/java ./run.sh ...   run on another JDK (the forks use the same one)
#   ./run.sh [--quick] -- ARGS            extra JMH arguments, e.g. -- -p algorithm=RS256
set -euo pipefail
cd "$(dirname "$0")"

quick=false
name=""
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=true; shift ;;
        --name) name="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "Unknown argument: $1 (see the top of run.sh)" >&2; exit 2 ;;
    esac
done

java_bin="${JAVA:-java}"
if [[ -z "$name" ]]; then
    name="$($quick && echo quick || echo full)-$(date -u +%Y%m%d-%H%M)"
fi

if [[ ! -f target/benchmarks.jar ]]; then
    (cd .. && mvn -B -q -ntp -pl benchmarks -am package -DskipTests)
fi

mkdir -p results
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "jdk: $("$java_bin" -version 2>&1 | head -n 2 | tail -n 1)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mode: $($quick && echo quick || echo full)"
} > "results/$name.machine.txt"

if $quick; then
    # One thread, RS256 (the common case) and HS256 (where everything but the MAC is
    # overhead), no provider study, no copy-only baseline. Warm-up is 6 s: shorter leaves
    # the JSON code of most libraries unoptimized on 2 cores, and the figures then measure
    # the JIT. Policy decisions: 100 rules, the request whose rule is near the end, with and
    # without a CEL condition, and the condition alone (three trials, about 35 s).
    selection=(-e TwoThreads -e ProviderBenchmark -e newCopyOnly -e PortcullisJdkCrypto
        -p algorithm=RS256,HS256 -e evaluateWithNewContext -p rules=100 -p request=LAST
        -wi 3 -w 2s -i 3 -r 1s)
else
    selection=()
fi

"$java_bin" -jar target/benchmarks.jar "${selection[@]}" -prof gc \
    -rf json -rff "results/$name.json" "${extra[@]}"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "results/$name.machine.txt"
python3 results-table.py "results/$name.json" > "results/$name.md"
echo "Wrote results/$name.json and results/$name.md"

# The whole suite ends with whole requests over loopback, which need wrk; the quick subset
# leaves them out (request-path.sh --quick takes about 1.5 minutes more).
if ! $quick && [[ ${#extra[@]} -eq 0 ]]; then
    if command -v wrk > /dev/null; then
        JAVA="$java_bin" ./request-path.sh --name "$name-request-path"
    else
        echo "wrk is not installed (Debian: apt-get install wrk): request path not measured" >&2
    fi
fi
