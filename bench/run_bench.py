#!/usr/bin/env python3
"""Time copydesk, its peers and `cat` on the inputs make_corpus.py built.

Each group of commands runs alternately, round after round, so that a noisy
neighbour slows every row alike; the table gives medians. Wall time and peak
RSS come from the kernel (os.wait4), not from the shell, so a run of a few
milliseconds is still timed to the microsecond.

Prints a Markdown report and writes it to --report.
"""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

MB = 1_000_000


TIME_LIMIT = 120


def run_once(argv, env=None, cwd=None):
    """(wall seconds, cpu seconds, peak RSS in MB, exit code) of one run.

    A run longer than TIME_LIMIT is stopped and reported as a timeout (an input
    that makes some check super-linear must not stall the whole benchmark)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
    )
    timer = threading.Timer(TIME_LIMIT, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    timer.cancel()
    if wall >= TIME_LIMIT:
        return wall, None, None, f"timed out after {TIME_LIMIT} s"
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, child.returncode


class Row:
    def __init__(self, name, argv, size, files, env_factory=None, ok_codes=(0, 1), note=""):
        self.name = name
        self.argv = argv
        self.size = size
        self.files = files
        self.env_factory = env_factory
        self.ok_codes = ok_codes
        self.note = note
        self.walls, self.cpus, self.rss = [], [], []
        self.failed = None

    def run(self):
        if self.argv is None or self.failed:
            return
        env = self.env_factory() if self.env_factory else None
        wall, cpu, rss, code = run_once(self.argv, env=env)
        if isinstance(code, str):
            self.failed = code
            return
        if code not in self.ok_codes:
            self.failed = f"exit {code}"
            return
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.rss.append(rss)

    @property
    def ok(self):
        return self.argv is not None and not self.failed and self.walls

    def wall(self):
        return statistics.median(self.walls) if self.ok else None

    def cpu(self):
        return statistics.median(self.cpus) if self.ok else None

    def peak(self):
        return max(self.rss) if self.ok else None

    def mbps(self):
        return self.size / MB / self.wall() if self.ok else None


def alternate(rows, rounds):
    for _ in range(rounds):
        for row in rows:
            row.run()


def fmt(value, digits=2, unit=""):
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:.0f}{unit}"
    return f"{value:.{digits}f}{unit}"


def table(rows, baseline=None, reference=None):
    """Markdown table; ratios against `baseline` (cat) and `reference` (copydesk)."""
    head = "| run | input | MB | files | median wall s | MB/s | CPU s | peak RSS MB |"
    rule = "|---|---|---:|---:|---:|---:|---:|---:|"
    if baseline:
        head += f" vs {baseline.name} |"
        rule += "---:|"
    if reference:
        head += f" {reference.name} is × faster |"
        rule += "---:|"
    lines = [head, rule]
    for row in rows:
        cells = [
            row.name + (f" ({row.failed})" if row.failed else ""),
            row.note,
            fmt(row.size / MB),
            str(row.files),
            fmt(row.wall(), 3),
            fmt(row.mbps(), 1),
            fmt(row.cpu(), 3),
            fmt(row.peak(), 1),
        ]
        if baseline:
            ratio = row.wall() / baseline.wall() if row.ok and baseline.ok else None
            cells.append(fmt(ratio, 2, "×"))
        if reference:
            ratio = row.wall() / reference.wall() if row.ok and reference.ok else None
            cells.append(fmt(ratio, 1, "×") if row is not reference else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tree_size(paths):
    size, files = 0, 0
    for top in paths:
        if os.path.isfile(top):
            size += os.path.getsize(top)
            files += 1
            continue
        for folder, _, names in os.walk(top):
            for name in names:
                if name.endswith((".txt", ".md")):
                    size += os.path.getsize(os.path.join(folder, name))
                    files += 1
    return size, files


def cat_argv(paths):
    quoted = " ".join(f"'{p}'" for p in paths)
    return [
        "sh",
        "-c",
        f"find {quoted} -type f \\( -name '*.txt' -o -name '*.md' \\) -print0 | xargs -0 cat > /dev/null",
    ]


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return model, memory


def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def version(argv):
    if argv is None:
        return "n/a"
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "n/a"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copydesk", required=True)
    parser.add_argument("--out", required=True, help="bench/out, with the built inputs")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--peer-rounds", type=int, default=3)
    parser.add_argument("--proselint", help="the proselint executable, if installed")
    parser.add_argument("--textlint", help="the textlint executable, if installed")
    parser.add_argument("--textlintrc", help="textlint's configuration file")
    parser.add_argument("--small-article", required=True)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()

    out = args.out
    corpus = os.path.join(out, "corpus")
    subset = os.path.join(out, "subset")
    single = os.path.join(out, "single", "archive.txt")
    cache_dir = os.path.join(out, "cache")
    cd = args.copydesk
    check = [cd, "check", "--format", "short", "-q"]

    load_before = os.getloadavg()
    model, memory = machine()
    sections = []

    # 1. Throughput on the whole corpus, against cat; threads; the warm cache.
    size, files = tree_size([corpus])
    shutil.rmtree(cache_dir, ignore_errors=True)
    subprocess.run(check + [f"--cache={cache_dir}", corpus], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cat = Row("cat", cat_argv([corpus]), size, files, note="corpus")
    two = Row("copydesk --threads 2", check + ["--threads", "2", corpus], size, files, note="corpus")
    one = Row("copydesk --threads 1", check + ["--threads", "1", corpus], size, files, note="corpus")
    warm = Row(
        "copydesk --cache (warm)",
        check + ["--threads", "2", f"--cache={cache_dir}", corpus],
        size,
        files,
        note="corpus",
    )
    single_size, _ = tree_size([single])
    big = Row("copydesk, one file", check + ["--threads", "2", single], single_size, 1, note="single 50 MB file")
    corpus_rows = [cat, two, one, warm, big]
    alternate(corpus_rows, args.rounds)
    sections.append(("Corpus", table(corpus_rows, baseline=cat)))

    # 2. Peers on the 1 MB subset.
    sub_size, sub_files = tree_size([subset])
    sub_paths = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(subset)
        for name in names
        if name.endswith((".txt", ".md"))
    )
    fresh_home = lambda: dict(os.environ, HOME=tempfile.mkdtemp(prefix="bench-home-"), XDG_CACHE_HOME=tempfile.mkdtemp(prefix="bench-cache-"))
    sub_cat = Row("cat", cat_argv([subset]), sub_size, sub_files, note="1 MB subset")
    sub_cd = Row("copydesk", check + ["--threads", "2", subset], sub_size, sub_files, note="1 MB subset")
    prose = Row(
        "proselint",
        [args.proselint, "check", *sub_paths] if args.proselint else None,
        sub_size,
        sub_files,
        env_factory=fresh_home,
        ok_codes=(0, 1, 2),
        note="1 MB subset",
    )
    textlint = Row(
        "textlint (2 rules)",
        [args.textlint, "--config", args.textlintrc, *sub_paths] if args.textlint else None,
        sub_size,
        sub_files,
        ok_codes=(0, 1),
        note="1 MB subset",
    )
    peer_rows = [sub_cat, sub_cd, prose, textlint]
    alternate(peer_rows, args.peer_rounds)
    sections.append(("Peers", table(peer_rows, baseline=sub_cat, reference=sub_cd)))

    # 3. Memory against the number of files.
    copies = sorted(os.listdir(corpus))
    scales = [copies[:1], copies[: max(1, len(copies) // 4)], copies]
    memory_rows = []
    for chosen in scales:
        paths = [os.path.join(corpus, c) for c in chosen]
        s, f = tree_size(paths)
        memory_rows.append(Row(f"copydesk, {len(chosen)} copies", check + ["--threads", "2", *paths], s, f, note="corpus part"))
    alternate(memory_rows, max(1, args.rounds // 2))
    sections.append(("Memory against file count", table(memory_rows)))

    # 4. Start-up on one small article.
    small_size, _ = tree_size([args.small_article])
    startup = Row("copydesk, one article", check + [args.small_article], small_size, 1, note="start-up")
    alternate([startup], 20)
    sections.append(("Start-up", table([startup])))

    # 5. Adversarial inputs at n and 2n: a ratio near 2 means linear.
    adversarial = os.path.join(out, "adversarial")
    shapes = sorted({name.rsplit("-", 1)[0] for name in os.listdir(adversarial)})
    adv_lines = ["| input | n MB | time n s | time 2n s | 2n / n | peak RSS 2n MB |", "|---|---:|---:|---:|---:|---:|"]
    for shape in shapes:
        rows = []
        for scale in ("1x", "2x"):
            path = os.path.join(adversarial, f"{shape}-{scale}.txt")
            s, _ = tree_size([path])
            rows.append(Row(shape, check + [path], s, 1))
        alternate(rows, 3)
        ratio = rows[1].wall() / rows[0].wall() if rows[0].ok and rows[1].ok else None
        adv_lines.append(
            f"| {shape} | {fmt(rows[0].size / MB)} | {fmt(rows[0].wall(), 3)} | {fmt(rows[1].wall(), 3)} | {fmt(ratio)} | {fmt(rows[1].peak(), 1)} |"
        )
    sections.append(("Adversarial inputs (linear cost)", "\n".join(adv_lines)))

    load_after = os.getloadavg()

    # Targets, computed from the rows above.
    def check_mark(ok):
        return "met" if ok else "NOT met"

    per_byte_corpus = two.wall() / two.size if two.ok else None
    per_byte_single = big.wall() / big.size if big.ok else None
    single_ratio = per_byte_single / per_byte_corpus if per_byte_corpus and per_byte_single else None
    thread_ratio = one.wall() / two.wall() if one.ok and two.ok else None
    cat_ratio = two.wall() / cat.wall() if two.ok and cat.ok else None
    targets = [
        f"- throughput, 2 threads: {fmt(two.mbps(), 1)} MB/s (target ≥ 40, aim 80): {check_mark(two.ok and two.mbps() >= 40)}",
        f"- against cat: {fmt(cat_ratio)}× cat's time (target ≤ 5×): {check_mark(cat_ratio is not None and cat_ratio <= 5)}",
        f"- peak RSS on the corpus: {fmt(two.peak(), 1)} MB (target < 100): {check_mark(two.ok and two.peak() < 100)}",
        f"- one 50 MB file: {fmt(single_ratio)}× the corpus's per-byte time (target ≤ 2×): {check_mark(single_ratio is not None and single_ratio <= 2)}",
        f"- start-up on one article: {fmt(startup.wall() * 1000 if startup.ok else None, 1)} ms (target < 30): {check_mark(startup.ok and startup.wall() < 0.030)}",
        f"- 2 threads against 1: {fmt(thread_ratio)}× (target ≥ 1.6×): {check_mark(thread_ratio is not None and thread_ratio >= 1.6)}",
    ]
    for peer in (prose, textlint):
        ratio = peer.wall() / sub_cd.wall() if peer.ok and sub_cd.ok else None
        targets.append(f"- against {peer.name}: {fmt(ratio, 1)}× faster (target ≥ 100×): {check_mark(ratio is not None and ratio >= 100)}")

    commit = git("rev-parse", "--short", "HEAD")
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    header = [
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- commit: {commit}{dirty}",
        f"- machine: {os.cpu_count()} cores ({model}), {memory} memory, {platform.system()} {platform.release()}",
        f"- load average (1 min) before / after: {load_before[0]:.2f} / {load_after[0]:.2f}",
        f"- copydesk: {version([cd, '--version'])}; proselint: {version([args.proselint, 'version'] if args.proselint else None)}; textlint: {version([args.textlint, '--version'] if args.textlint else None)}",
        f"- rounds: {args.rounds} (peers: {args.peer_rounds}); medians of wall time; MB = 10^6 bytes",
    ]
    report = ["\n".join(header), "### Targets\n\n" + "\n".join(targets)]
    for title, body in sections:
        report.append(f"### {title}\n\n{body}")
    text = "\n\n".join(report) + "\n"
    with open(args.report, "w") as handle:
        handle.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
