#!/usr/bin/env python3
"""Turns a JMH JSON result file of this module into markdown tables.

    python3 results-table.py results/NAME.json > results/NAME.md

Reads results/NAME.machine.txt beside the JSON, when run.sh wrote one, for the machine
description; otherwise describes the machine it runs on. Uses the standard library only.
"""
import json
import os
import subprocess
import sys

ALGORITHMS = ["RS256", "ES256", "EdDSA", "HS256"]

# Benchmark class and method -> row label, in the order the rows are printed.
ROWS = [
    ("JdkSignatureBenchmark.reused", "JDK Signature, reused (floor)"),
    ("JdkSignatureBenchmark.perOp", "JDK Signature, new per call (floor)"),
    ("PortcullisBenchmark.validate", "Portcullis, cache off"),
    ("PortcullisJdkCryptoBenchmark.validate", "Portcullis, cache off, JDK providers only"),
    ("PortcullisCacheHitBenchmark.validate", "Portcullis, cache hit (same String)"),
    ("PortcullisCacheHitBenchmark.validateNewCopy", "Portcullis, cache hit (new String)"),
    ("PortcullisCacheHitBenchmark.newCopyOnly", "(copying the token into a new String)"),
    ("NimbusBenchmark.validate", "Nimbus DefaultJWTProcessor"),
    ("SpringBenchmark.validate", "Spring Security NimbusJwtDecoder"),
    ("Auth0Benchmark.validate", "auth0 java-jwt"),
    ("JjwtBenchmark.validate", "jjwt"),
    ("Jose4jBenchmark.validate", "jose4j JwtConsumer"),
    ("SmallRyeBenchmark.validate", "SmallRye JWT DefaultJWTParser"),
    ("VertxBenchmark.validate", "Vert.x JWTAuth"),
]
POLICY_CLASSES = ("PolicyBenchmark", "CelConditionBenchmark")
POLICY_REQUESTS = ["FIRST", "MIDDLE", "LAST", "UNMATCHED"]
POLICY_CONDITIONS = {"NONE": "none", "CEL": "CEL"}
FLOOR_PER_OP = "JdkSignatureBenchmark.perOp"
FLOOR_REUSED = "JdkSignatureBenchmark.reused"


def key_of(entry):
    """Returns (row key, threads, algorithm) of one JMH result."""
    parts = entry["benchmark"].split(".")
    row = parts[-2] + "." + parts[-1]
    if row.endswith("TwoThreads"):
        row = row[: -len("TwoThreads")]
    return row, entry["threads"], entry.get("params", {}).get("algorithm")


def number(value):
    """Formats a time in µs with three significant digits."""
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    if value >= 1:
        return "%.2f" % value
    return "%.3f" % value


def size(value):
    if value is None:
        return ""
    return "%.0f" % value if value < 10_000 else "%.1f KB" % (value / 1000)


def error_of(metric):
    error = metric.get("scoreError")
    if error is None or error != error:  # NaN when there is one iteration
        return None
    return error


def machine(json_path, entries):
    lines = []
    side = os.path.splitext(json_path)[0] + ".machine.txt"
    if os.path.exists(side):
        with open(side) as f:
            lines = [line.rstrip("\n") for line in f if line.strip()]
    else:
        cpu = "unknown"
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        lines = ["nproc: " + nproc, "cpu: " + cpu]
    if entries:
        first = entries[0]
        lines.append("JMH %s, JDK %s (%s %s)" % (first.get("jmhVersion", "?"),
                     first.get("jdkVersion", "?"), first.get("vmName", "?"),
                     first.get("vmVersion", "?")))
        lines.append("per fork: %d warm-up x %s, %d measurement x %s, %d fork(s)" % (
            first["warmupIterations"], first["warmupTime"], first["measurementIterations"],
            first["measurementTime"], first["forks"]))
    return lines


def main(json_path):
    with open(json_path) as f:
        entries = json.load(f)
    results = {}
    providers = []
    policy = []
    for entry in entries:
        if entry["benchmark"].endswith("ProviderBenchmark.verify"):
            providers.append(entry)
            continue
        if entry["benchmark"].split(".")[-2] in POLICY_CLASSES:
            policy.append(entry)
            continue
        metric = entry["primaryMetric"]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        results[key_of(entry)] = (metric["score"], error_of(metric),
                                  alloc["score"] if alloc else None)

    out = ["Machine:", ""]
    out += ["- " + line for line in machine(json_path, entries)]
    out.append("")
    out.append("Times in µs per operation (average, ± the 99.9% confidence half-width JMH "
               "reports); × is the ratio to the JDK floor (a reused `Signature` or `Mac`) of "
               "the same algorithm and thread count; B/op is allocation per operation (`-prof gc`).")
    for threads in sorted({k[1] for k in results}):
        out += overview(results, threads)
        if threads == 1:
            out += allocation(results, threads)
        for algorithm in ALGORITHMS:
            out += detail(results, threads, algorithm)
    if providers:
        out += provider_table(providers)
    if policy:
        out += policy_tables(policy)
    print("\n".join(out))


def overview(results, threads):
    algorithms = [a for a in ALGORITHMS if any(k[1] == threads and k[2] == a for k in results)]
    rows = [(k, label) for k, label in ROWS
            if any((k, threads, a) in results for a in algorithms)]
    if not rows:
        return []
    out = ["", "### %d thread%s: µs/op (× floor reused)" % (
        threads, "" if threads == 1 else "s"), ""]
    out.append("| library | " + " | ".join(algorithms) + " |")
    out.append("| --- |" + " ---: |" * len(algorithms))
    for key, label in rows:
        cells = []
        for algorithm in algorithms:
            found = results.get((key, threads, algorithm))
            if found is None:
                cells.append("n/a")
                continue
            floor = results.get((FLOOR_REUSED, threads, algorithm))
            ratio = (" (%.2f×)" % (found[0] / floor[0])
                     if floor and key != FLOOR_REUSED and not label.startswith("(") else "")
            cells.append(number(found[0]) + ratio)
        out.append("| %s | %s |" % (label, " | ".join(cells)))
    return out


def allocation(results, threads):
    """Returns a matrix of bytes allocated per operation, exact however noisy the machine."""
    algorithms = [a for a in ALGORITHMS if any(k[1] == threads and k[2] == a for k in results)]
    rows = [(k, label) for k, label in ROWS
            if any(results.get((k, threads, a), (0, 0, None))[2] is not None
                   for a in algorithms)]
    if not rows:
        return []
    out = ["", "### %d thread%s: bytes allocated per operation" % (
        threads, "" if threads == 1 else "s"), ""]
    out.append("| library | " + " | ".join(algorithms) + " |")
    out.append("| --- |" + " ---: |" * len(algorithms))
    for key, label in rows:
        cells = []
        for algorithm in algorithms:
            found = results.get((key, threads, algorithm))
            cells.append("n/a" if found is None else size(found[2]))
        out.append("| %s | %s |" % (label, " | ".join(cells)))
    return out


def detail(results, threads, algorithm):
    rows = [(k, label) for k, label in ROWS if (k, threads, algorithm) in results]
    if not rows:
        return []
    per_op = results.get((FLOOR_PER_OP, threads, algorithm))
    reused = results.get((FLOOR_REUSED, threads, algorithm))
    out = ["", "#### %s, %d thread%s" % (algorithm, threads, "" if threads == 1 else "s"), ""]
    out.append("| library | µs/op | ± error | × floor new per call | × floor reused | B/op |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for key, label in rows:
        score, error, alloc = results[(key, threads, algorithm)]
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            label, number(score), number(error) if error is not None else "",
            "%.2f" % (score / per_op[0]) if per_op else "",
            "%.2f" % (score / reused[0]) if reused else "", size(alloc)))
    return out


def provider_table(entries):
    by = {}
    for entry in entries:
        params = entry["params"]
        metric = entry["primaryMetric"]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        by[(params["algorithm"], params["provider"])] = (
            metric["score"], error_of(metric), alloc["score"] if alloc else None)
    out = ["", "### Crypto providers: a reused `Signature`, µs/op", ""]
    out.append("| algorithm | provider | µs/op | ± error | × JDK | B/op |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: |")
    for algorithm in ALGORITHMS:
        jdk = by.get((algorithm, "JDK"))
        for provider in ("JDK", "BC"):
            found = by.get((algorithm, provider))
            if found is None:
                continue
            score, error, alloc = found
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                algorithm, provider, number(score),
                number(error) if error is not None else "",
                "%.2f" % (score / jdk[0]) if jdk else "", size(alloc)))
    return out


def policy_tables(entries):
    """Returns the policy decisions (rules x request x condition) and what a condition adds."""
    decisions = {}
    alone = None
    with_context = None
    for entry in entries:
        metric = entry["primaryMetric"]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        found = (metric["score"], error_of(metric), alloc["score"] if alloc else None)
        if entry["benchmark"].endswith("CelConditionBenchmark.evaluate"):
            alone = found
            continue
        if entry["benchmark"].endswith("CelConditionBenchmark.evaluateWithNewContext"):
            with_context = found
            continue
        params = entry["params"]
        decisions[(int(params["rules"]), params["request"], params["condition"])] = found

    def order(key):
        rules, request, condition = key
        return (rules, POLICY_REQUESTS.index(request) if request in POLICY_REQUESTS else 99,
                list(POLICY_CONDITIONS).index(condition) if condition in POLICY_CONDITIONS
                else 99)

    out = ["", "### Policy decisions: µs/op", ""]
    out.append("| rules | request | condition | µs/op | ± error | B/op |")
    out.append("| ---: | --- | --- | ---: | ---: | ---: |")
    for key in sorted(decisions, key=order):
        score, error, alloc = decisions[key]
        out.append("| %d | %s | %s | %s | %s | %s |" % (
            key[0], key[1], POLICY_CONDITIONS.get(key[2], key[2]), number(score),
            number(error) if error is not None else "", size(alloc)))
    for label, found in (("CEL condition evaluated alone", alone),
                         ("the same, its context made per call", with_context)):
        if found:
            score, error, alloc = found
            out.append("| | %s | | %s | %s | %s |" % (
                label, number(score), number(error) if error is not None else "",
                size(alloc)))

    pairs = [k for k in sorted(decisions, key=order)
             if k[2] == "CEL" and k[1] != "UNMATCHED" and (k[0], k[1], "NONE") in decisions]
    if not pairs:
        return out
    out += ["", "#### What the CEL condition adds to a decision", ""]
    out.append("| rules | request | CEL − none, µs | CEL − none, B | condition alone, µs "
               "| condition alone, B |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: |")
    for key in pairs:
        cel = decisions[key]
        none = decisions[(key[0], key[1], "NONE")]
        added_bytes = (size(cel[2] - none[2])
                       if cel[2] is not None and none[2] is not None else "")
        out.append("| %d | %s | %s | %s | %s | %s |" % (
            key[0], key[1], signed(cel[0] - none[0]), added_bytes,
            number(alone[0]) if alone else "", size(alone[2]) if alone else ""))
    return out


def signed(value):
    """Formats a difference of times in µs, which may be negative on a noisy machine."""
    return ("-" if value < 0 else "") + number(abs(value))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: results-table.py RESULTS.json")
    main(sys.argv[1])
