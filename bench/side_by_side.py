#!/usr/bin/env python3
"""Two builds of copydesk side by side, alternating round after round, on the
corpus of make_corpus.py: the default rules with the archive rules and with
`--no-archive` (issue 15's budget: the archive rules add at most 20%), and
the built-in rules alone and with an imported Vale style (issue 18's budget:
a Microsoft-sized style adds at most 30%). Medians of wall time, CPU time
(user + system) and peak RSS, from the kernel (os.wait4, see run_bench.py).

The imported-rules case is named `microsoft`: the Microsoft style of
../shared/data/vale-styles imported with the build's own `copydesk import
vale`, added to the built-in rules.

Usage:
  bench/side_by_side.py --before OLD/copydesk --after NEW/copydesk \\
      --out /tmp/speed-bench [--rounds 3] [--vale ../shared/data/vale-styles]
"""
import argparse
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from run_bench import run_once  # noqa: E402


def vale_config(copydesk, vale, folder):
    """A configuration of the built-in rules plus the imported Microsoft style."""
    os.makedirs(folder, exist_ok=True)
    style = os.path.join(vale, "Microsoft", "Microsoft")
    subprocess.run(
        [copydesk, "import", "vale", style, "-o", os.path.join(folder, "microsoft.toml")],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    config = os.path.join(folder, "copydesk.toml")
    with open(config, "w") as out:
        out.write('rule-sets = ["microsoft.toml"]\n')
    builtin = os.path.join(folder, "builtin.toml")
    with open(builtin, "w") as out:
        out.write("# every built-in rule set\n")
    return builtin, config


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    here = os.path.dirname(os.path.abspath(__file__))
    default_vale = os.path.join(here, "..", "..", "shared", "data", "vale-styles")
    parser.add_argument("--vale", default=default_vale)
    parser.add_argument("--work", default="/tmp/copydesk-side-by-side")
    args = parser.parse_args()
    corpus = os.path.join(args.out, "corpus")
    check = ["check", "--format", "short", "-q", "--fail-on", "never", "--threads", "2"]
    groups = {}
    for label, copydesk in (("before", args.before), ("after", args.after)):
        builtin, microsoft = vale_config(copydesk, args.vale, os.path.join(args.work, label))
        run = [copydesk] + check
        groups[f"{label}: archive rules"] = run + [corpus]
        groups[f"{label}: --no-archive"] = run + ["--no-archive", corpus]
        groups[f"{label}: built-in rules"] = run + ["--no-archive", "--config", builtin, corpus]
        groups[f"{label}: + microsoft"] = run + ["--no-archive", "--config", microsoft, corpus]
    results = {name: [] for name in groups}
    for _ in range(args.rounds):
        for name, argv in groups.items():
            results[name].append(run_once(argv))
    print("| run | wall (median) | CPU | peak RSS | CPU of each round |")
    print("|---|---:|---:|---:|---|")
    for name, runs in results.items():
        ok = [r for r in runs if r[1] is not None]
        if not ok:
            print(f"| {name} | timeout | | | |")
            continue
        wall = statistics.median(r[0] for r in ok)
        cpu = statistics.median(r[1] for r in ok)
        peak = statistics.median(r[2] for r in ok)
        each = ", ".join(f"{r[1]:.2f}" for r in ok)
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {peak:.1f} MB | {each} |")


if __name__ == "__main__":
    main()
