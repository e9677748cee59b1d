#!/usr/bin/env python3
"""The archive rules' cost, side by side: the same build with and without
them (`--no-archive`), alternating round after round, on the corpus of
make_corpus.py; and peak RSS on 1, 4 and 19 copies of the articles (memory
against the number of files). Medians of wall time, CPU time and peak RSS,
from the kernel (os.wait4, see run_bench.py).

The share itself is taken round by round: each round's archive run over the
same round's `--no-archive` run, which ran just before it. On a shared or
virtual machine, whole rounds speed up and slow down together, and a ratio
of two medians taken over different rounds moves with them. The median of
the paired shares is printed with its interquartile range and a bootstrap
90% interval of that median.

Usage: bench/archive.py --copydesk target/release/copydesk --out bench/out [--rounds 5] [--no-memory]
"""
import argparse
import os
import random
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
    parser.add_argument(
        "--no-memory", action="store_true", help="only the corpus, without the runs on 1, 4 and 19 copies"
    )
    args = parser.parse_args()
    corpus = os.path.join(args.out, "corpus")
    check = [args.copydesk, "check", "--format", "short", "-q", "--fail-on", "never", "--threads", "2"]
    groups = {
        "corpus, --no-archive": check + ["--no-archive", corpus],
        "corpus, archive rules": check + [corpus],
    }
    for copies in () if args.no_memory else (1, 4, 19):
        paths = [os.path.join(corpus, f"copy{n:02}") for n in range(copies)]
        groups[f"{copies} copies, archive rules"] = check + paths
        groups[f"{copies} copies, --no-archive"] = check + ["--no-archive"] + paths
    results = {name: [] for name in groups}
    # Every file read once before timing: after a build, the first run of
    # each kind would otherwise read the disk on its own threads.
    for root, _, files in os.walk(corpus):
        for name in files:
            with open(os.path.join(root, name), "rb") as file:
                while file.read(1 << 20):
                    pass
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
    print()
    print("| archive rules' share, paired by round | median | quartiles | 90% interval of the median |")
    print("|---|---:|---:|---:|")
    pairs = list(zip(results["corpus, archive rules"], results["corpus, --no-archive"]))
    for label, index in (("CPU time", 1), ("wall time", 0)):
        shares = [a[index] / n[index] - 1 for a, n in pairs if a[1] is not None and n[1] is not None]
        print(f"| {label} | {percent(statistics.median(shares))} | {spread(shares)} | {interval(shares)} |")


def percent(share):
    return f"{share * 100:+.1f}%"


def spread(shares):
    if len(shares) < 4:
        return "(too few rounds)"
    low, _, high = statistics.quantiles(shares, n=4)
    return f"{percent(low)} to {percent(high)}"


def interval(shares, draws=2000):
    """The 5th and 95th percentiles of the median of resampled rounds."""
    if len(shares) < 4:
        return "(too few rounds)"
    dice = random.Random(15)
    medians = sorted(statistics.median(dice.choices(shares, k=len(shares))) for _ in range(draws))
    return f"{percent(medians[draws * 5 // 100])} to {percent(medians[draws * 95 // 100])}"


if __name__ == "__main__":
    main()
