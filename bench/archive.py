#!/usr/bin/env python3
"""The archive rules' cost, side by side: the same build with and without
them (`--no-archive`), alternating round after round, on the corpus of
make_corpus.py; and peak RSS on 1, 4 and 19 copies of the articles (memory
against the number of files). Medians of wall time, CPU time and peak RSS,
from the kernel (os.wait4, see run_bench.py).

Usage: bench/archive.py --copydesk target/release/copydesk --out bench/out [--rounds 5]
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from run_bench import run_once  # noqa: E402


def measure(argv, rounds):
    return [run_once(argv) for _ in range(rounds)]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copydesk", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = os.path.join(args.out, "corpus")
    check = [args.copydesk, "check", "--format", "short", "-q", "--fail-on", "never", "--threads", "2"]
    groups = {
        "corpus, archive rules": check + [corpus],
        "corpus, --no-archive": check + ["--no-archive", corpus],
    }
    for copies in (1, 4, 19):
        paths = [os.path.join(corpus, f"copy{n:02}") for n in range(copies)]
        groups[f"{copies} copies, archive rules"] = check + paths
        groups[f"{copies} copies, --no-archive"] = check + ["--no-archive"] + paths
    results = {name: [] for name in groups}
    for _ in range(args.rounds):
        for name, argv in groups.items():
            results[name].append(run_once(argv))
    print("| run | wall (median) | CPU | peak RSS |")
    print("|---|---:|---:|---:|")
    for name, runs in results.items():
        ok = [r for r in runs if r[1] is not None]
        wall = statistics.median(r[0] for r in ok)
        cpu = statistics.median(r[1] for r in ok)
        peak = statistics.median(r[2] for r in ok)
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {peak:.1f} MB |")


if __name__ == "__main__":
    main()
