#!/usr/bin/env python3
"""Where one or more builds of copydesk stand against the two speed budgets
that issues 15 and 18 set, on the corpus of make_corpus.py:

  archive  the archive rules' share: a check of the whole corpus (19 copies)
           with them over one with --no-archive (budget: at most +20%);
           also the share without name discovery ([archive.names]
           discover = false), which says what discovery costs.
  vale     the Microsoft style of ../shared/data/vale-styles, imported with
           the build's own `copydesk import vale` and added to the built-in
           rules, over the built-in rules alone, on 5 copies, --no-archive
           (budget: at most 1.3x).
  styles   the same for each of the four styles there (Microsoft, Google,
           write-good, proselint): what a style costs against its size
           (rules, terms, patterns) and against how often its patterns
           match news copy. Not a budget; run only when asked for.

CPU time (user + system, from the kernel) is the budgets' measure, and on a
shared machine it moves by several per cent from one run to the next and by
more from one minute to the next. So every run of a comparison is paired
with its reference in the same round, rounds alternate the order, and the
figure quoted is the median of the per-round ratios with a bootstrap 90%
interval of that median. Rounds of two builds are interleaved too, so that
their figures compare.

--instructions counts instructions instead (valgrind's callgrind,
--threads 1): the cost of one further copy, copy00 and copy01 less copy00
alone, which leaves out start-up and is the same on any machine.

Usage:
  bench/budgets.py --copydesk target/release/copydesk [--copydesk OTHER ...]
      [--out bench/out] [--rounds 20] [--only archive|vale|styles] [--instructions]
"""
import argparse
import functools
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from run_bench import run_once  # noqa: E402
from side_by_side import vale_config  # noqa: E402

CHECK = ["check", "--format", "short", "-q", "--fail-on", "never"]
ARCHIVE_COPIES = 19
VALE_COPIES = 5


STYLES = ["Microsoft", "Google", "write-good", "proselint"]


def configurations(copydesk, vale, folder, only):
    """The configuration files each case runs with, made in `folder`: those
    of side_by_side.py, one without name discovery, and with `--only
    styles` one for each of the four imported styles."""
    builtin, microsoft = vale_config(copydesk, vale, folder)
    no_discovery = os.path.join(folder, "no-discovery.toml")
    with open(no_discovery, "w") as out:
        out.write("[archive.names]\ndiscover = false\n")
    found = {"builtin": builtin, "no-discovery": no_discovery, "microsoft": microsoft}
    for style in STYLES if only == "styles" else []:
        into = os.path.join(folder, style)
        os.makedirs(into, exist_ok=True)
        subprocess.run(
            [copydesk, "import", "vale", os.path.join(vale, style, style), "-o",
             os.path.join(into, "style.toml")],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        found[style] = os.path.join(into, "copydesk.toml")
        with open(found[style], "w") as out:
            out.write('rule-sets = ["style.toml"]\n')
    return found


def copies(corpus, n):
    found = sorted(name for name in os.listdir(corpus) if re.fullmatch(r"copy\d+", name))
    if len(found) < n:
        sys.exit(f"{corpus} holds {len(found)} copies, {n} needed: run bench/make_corpus.py")
    return [os.path.join(corpus, name) for name in found[:n]]


def cases(copydesk, configs, corpus, only):
    """(budget, name, reference argv, compared argv) for one build."""
    every = copies(corpus, ARCHIVE_COPIES)
    few = copies(corpus, VALE_COPIES)
    out = []
    if only in (None, "archive"):
        plain = [copydesk] + CHECK + ["--threads", "2"]
        reference = plain + ["--no-archive"] + every
        out.append(("archive", "archive rules", reference, plain + every))
        out.append(("archive", "archive rules, no discovery", reference,
                    plain + ["--config", configs["no-discovery"]] + every))
    if only in (None, "vale"):
        plain = [copydesk] + CHECK + ["--threads", "2", "--no-archive"]
        out.append(("vale", "built-in + Microsoft style",
                    plain + ["--config", configs["builtin"]] + few,
                    plain + ["--config", configs["microsoft"]] + few))
    if only == "styles":
        plain = [copydesk] + CHECK + ["--threads", "2", "--no-archive"]
        for style in STYLES:
            out.append(("styles", f"built-in + {style}",
                        plain + ["--config", configs["builtin"]] + few,
                        plain + ["--config", configs[style]] + few))
    return out


def median_interval(ratios, draws=2000):
    """The median of `ratios` and a bootstrap 90% interval of it."""
    rng = random.Random(15_18)
    medians = sorted(
        statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(draws)
    )
    return statistics.median(ratios), medians[draws // 20], medians[draws - draws // 20 - 1]


def cpu_rounds(builds, rounds):
    """Paired CPU ratios: {(build, case): [ratio of each round]}."""
    ratios = {}
    for round_number in range(rounds):
        order = list(builds.items())
        if round_number % 2:
            order.reverse()
        for label, build_cases in order:
            for _, name, reference, compared in build_cases:
                pair = {"reference": reference, "compared": compared}
                times = {}
                for role in sorted(pair, reverse=bool(round_number % 2)):
                    _, cpu, _, code = run_once(pair[role])
                    if cpu is None or code not in (0, 1):
                        sys.exit(f"{' '.join(pair[role])} failed: {code}")
                    times[role] = cpu
                ratios.setdefault((label, name), []).append(times["compared"] / times["reference"])
        print(f"round {round_number + 1} of {rounds}", file=sys.stderr)
    return ratios


def instructions(argv):
    """Instructions callgrind counts for one run of `argv`."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        argv = list(argv)
        argv[argv.index("--threads") + 1] = "1"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        found = re.search(r"Collected : ([\d,]+)", done.stderr)
        if not found:
            sys.exit(f"callgrind gave no count for {' '.join(argv)}")
        return int(found.group(1).replace(",", ""))


@functools.lru_cache(maxsize=None)
def per_further_copy(argv):
    """Instructions of copy01 once copy00 is checked (`argv`, a tuple, names
    the copies)."""
    paths = [a for a in argv if re.fullmatch(r"copy\d+", os.path.basename(a))]
    options = [a for a in argv if a not in paths]
    first, second = sorted(paths)[:2]
    return instructions(options + [first, second]) - instructions(options + [first])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copydesk", action="append", required=True, help="a build; repeat to compare")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "out"))
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", choices=["archive", "vale", "styles"])
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--vale", default=os.path.join(here, "..", "..", "shared", "data", "vale-styles"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "copydesk-budgets"))
    args = parser.parse_args()
    corpus = os.path.join(args.out, "corpus")
    builds = {}
    for number, copydesk in enumerate(args.copydesk):
        label = f"{number + 1}: {copydesk}"
        configs = configurations(copydesk, args.vale, os.path.join(args.work, str(number)), args.only)
        builds[label] = cases(copydesk, configs, corpus, args.only)
    budgets = {"archive": "+20%", "vale": "1.3x", "styles": "(none)"}
    if args.instructions:
        print("| build | case | reference | compared | ratio | budget (of time) |")
        print("|---|---|---:|---:|---:|---:|")
        for label, build_cases in builds.items():
            for budget, name, reference, compared in build_cases:
                before, after = per_further_copy(tuple(reference)), per_further_copy(tuple(compared))
                print(f"| {label} | {name} | {before / 1e6:.1f} M | {after / 1e6:.1f} M "
                      f"| {after / before:.3f} | {budgets[budget]} |")
        return
    ratios = cpu_rounds(builds, args.rounds)
    print(f"CPU time, {args.rounds} paired rounds: median of the per-round ratios [bootstrap 90% interval]\n")
    print("| build | case | ratio | budget |")
    print("|---|---|---:|---:|")
    for (label, name), found in ratios.items():
        budget = next(b for b, n, _, _ in builds[label] if n == name)
        middle, low, high = median_interval(found)
        print(f"| {label} | {name} | {middle:.3f} [{low:.3f}, {high:.3f}] | {budgets[budget]} |")


if __name__ == "__main__":
    main()
