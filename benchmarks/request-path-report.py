#!/usr/bin/env python3
"""Turns the wrk runs of request-path.sh into a JSON document and a markdown table.

    python3 request-path-report.py RUNS.tsv MACHINE.txt OUT.json > OUT.md

RUNS.tsv has one line a measured run: configuration, round, requests/s, mean latency as wrk
prints it. The ratio of a framework is its Portcullis configuration's mean over its plain one's;
each round's own ratio (the two runs of a round are close in time) shows the spread.
"""
import json
import statistics
import sys

PAIRS = (("servlet", "servlet-plain", "servlet-portcullis"),
         ("vertx", "vertx-plain", "vertx-portcullis"))
LABELS = {
    "servlet-plain": "Jetty 12, hello-world servlet",
    "servlet-portcullis": "Jetty 12, PortcullisFilter in front",
    "vertx-plain": "Vert.x 5, hello-world route",
    "vertx-portcullis": "Vert.x 5, PortcullisHandler in front",
}
GOAL = 0.90  # Portcullis with a cached token keeps at least 90% of hello-world throughput


def read_runs(path):
    runs = {}
    with open(path) as lines:
        for line in lines:
            configuration, round_, rps, latency = line.rstrip("\n").split("\t")
            runs.setdefault(configuration, []).append(
                {"round": int(round_), "requests_per_second": float(rps), "latency": latency})
    return runs


def read_machine(path):
    machine = {}
    with open(path) as lines:
        for line in lines:
            key, _, value = line.rstrip("\n").partition(": ")
            machine[key] = value
    return machine


def summary(runs):
    values = [run["requests_per_second"] for run in runs]
    return {"mean": statistics.mean(values),
            "stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
            "min": min(values), "max": max(values), "runs": runs}


def ratios(configurations):
    out = {}
    for framework, plain, guarded in PAIRS:
        if plain not in configurations or guarded not in configurations:
            continue
        by_round = {run["round"]: run["requests_per_second"]
                    for run in configurations[plain]["runs"]}
        per_round = [run["requests_per_second"] / by_round[run["round"]]
                     for run in configurations[guarded]["runs"] if run["round"] in by_round]
        ratio = configurations[guarded]["mean"] / configurations[plain]["mean"]
        out[framework] = {"ratio": ratio, "overhead_percent": (1 - ratio) * 100,
                          "per_round": per_round, "goal_met": ratio >= GOAL}
    return out


def main():
    runs_path, machine_path, json_path = sys.argv[1:4]
    configurations = {name: summary(runs) for name, runs in read_runs(runs_path).items()}
    document = {"machine": read_machine(machine_path), "configurations": configurations,
                "ratios": ratios(configurations), "goal_ratio": GOAL}
    with open(json_path, "w") as out:
        json.dump(document, out, indent=2)

    machine = document["machine"]
    print(f"Request path, {machine.get('date')}: {machine.get('jdk')}, "
          f"{machine.get('nproc')} cores, load {machine.get('load before')} before and "
          f"{machine.get('load after')} after; wrk {machine.get('wrk settings')}; "
          f"pinning: {machine.get('pinning')}.")
    print()
    print("| configuration | req/s mean | ± stdev | min | max | runs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, stats in configurations.items():
        print(f"| {LABELS.get(name, name)} | {stats['mean']:,.0f} | {stats['stdev']:,.0f} "
              f"| {stats['min']:,.0f} | {stats['max']:,.0f} | {len(stats['runs'])} |")
    print()
    print("| framework | with / without Portcullis | overhead | per round | goal ≥ 0.90 |")
    print("| --- | ---: | ---: | --- | --- |")
    for framework, ratio in document["ratios"].items():
        rounds = ", ".join(f"{r:.2f}" for r in ratio["per_round"])
        print(f"| {framework} | {ratio['ratio']:.2f} | {ratio['overhead_percent']:.0f}% "
              f"| {rounds} | {'met' if ratio['goal_met'] else 'missed'} |")


if __name__ == "__main__":
    main()
