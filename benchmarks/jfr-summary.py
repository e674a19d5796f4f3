#!/usr/bin/env python3
"""Summarizes a JFR recording of a benchmark: where the JMH worker threads spent their samples
and what they allocated, by method (inclusive and self) and by allocated type.

    java -jar target/benchmarks.jar 'PortcullisBenchmark.validate$' -p algorithm=RS256 \\
        -prof "jfr:dir=/tmp/jfr;configName=profile" \\
        -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
    python3 jfr-summary.py /tmp/jfr/*/profile.jfr

For a recording of the request-path servers (request-path.sh --jfr FILE), name the threads
that serve requests instead of JMH's workers:

    python3 jfr-summary.py --threads vert.x-eventloop-thread FILE     # Vert.x
    python3 jfr-summary.py --threads qtp FILE                         # Jetty's pool

Needs the JDK's `jfr` tool on the PATH and nothing beyond the standard library. Allocation
shares come from JFR's sampled allocations weighted by bytes, so they are estimates; use
-prof gc for exact bytes per operation.
"""
import collections
import json
import subprocess
import sys

WORKER = ["jmh-worker"]
TOP = 40
# Frames of JMH and the thread pool under every sample: left out of the tables.
HARNESS = ("org.openjdk.jmh.", "jmh_generated.", "java.lang.reflect.", "jdk.internal.reflect.",
           "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.FutureTask",
           "java.util.concurrent.Executors$", "java.lang.Thread.run")


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", name,
                          path], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    trace = event["values"].get("stackTrace")
    if not trace:
        return []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
             for f in trace["frames"]]
    return [name for name in names if not any(part in name for part in HARNESS)]


def on_worker(event, field):
    thread = event["values"].get(field) or {}
    return WORKER[0] in (thread.get("javaName") or "")


def table(title, counter, total):
    print("\n" + title)
    for method, amount in counter.most_common(TOP):
        print("%6.1f%%  %s" % (100.0 * amount / total, method))


def main(path):
    samples = [e for e in events(path, "jdk.ExecutionSample") if on_worker(e, "sampledThread")]
    inclusive, own = collections.Counter(), collections.Counter()
    for sample in samples:
        stack = frames(sample)
        if stack:
            own[stack[0]] += 1
            inclusive.update(set(stack))
    print("execution samples on %s threads: %d" % (WORKER[0], len(samples)))
    if samples:
        table("time, inclusive", inclusive, len(samples))
        table("time, self", own, len(samples))

    allocations = [e for e in events(path, "jdk.ObjectAllocationSample")
                   if on_worker(e, "eventThread")]
    total = sum(e["values"]["weight"] for e in allocations)
    inclusive, site, kind = (collections.Counter() for _ in range(3))
    for allocation in allocations:
        weight = allocation["values"]["weight"]
        stack = frames(allocation)
        inclusive.update({method: weight for method in set(stack)})
        if stack:
            site[stack[0]] += weight
        kind[allocation["values"]["objectClass"]["name"]] += weight
    print("\nallocation samples on %s threads: %d" % (WORKER[0], len(allocations)))
    if total:
        table("allocation, inclusive", inclusive, total)
        table("allocation, by allocating method", site, total)
        table("allocation, by type", kind, total)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--threads":
        WORKER[0] = args[1]
        args = args[2:]
    if len(args) != 1:
        sys.exit("usage: jfr-summary.py [--threads NAME-PART] RECORDING.jfr")
    main(args[0])
