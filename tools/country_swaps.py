#!/usr/bin/env python3
"""Measure country.context on real copy with one country swapped for its partner.

From the articles (default ../shared/articles) this builds, at run time and in
a temporary folder that is removed afterwards, a swap set: for every English
article whose main country (named at least twice, and at least half as often
as the country named most) belongs
to a confusable pair of rules/countries-curated.toml, and that never names the
partner, up to three copies each with one mention of the main country replaced
by the partner's name in the same form ("Iran's" -> "Iraq's", "Republic of
Korea" -> "Republic of Kazakhstan"). It runs copydesk on the swap set and on
the untouched articles and prints:

- recall per pair: the share of swapped mentions that get a country.context
  finding at warning or above on the swapped words;
- false alarms per 1,000 clean articles: country.context findings at warning
  or above in the untouched articles (the founding story, whose three errors
  are real, is left out of the count).

Nothing it makes is kept. Usage:

    tools/country_swaps.py [--copydesk target/debug/copydesk] [--articles DIR] [--wide] [--demonyms] [--show-misses]

--demonyms swaps a people or adjective of the main country instead of its name
("Iranian" -> "Iraqi", "Austrians" -> "Australians"), in articles that name
neither the partner nor its people.

--wide swaps any country of a pair named at least twice, not only the main
country: a harder set, where the swapped country is often a minor one.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOUNDING_STORY = "000_58e6eba2e9345f1a.txt"
NON_ENGLISH = ("press-fr", "press-es", "wikinews-de")
VARIANTS_PER_ARTICLE = 3


def load_countries():
    """Short name and official forms per ISO code, with the curated layer applied."""
    with open(os.path.join(REPO, "rules", "gazetteer.toml"), "rb") as f:
        generated = tomllib.load(f)
    with open(os.path.join(REPO, "rules", "countries-curated.toml"), "rb") as f:
        curated = tomllib.load(f)
    countries = {}
    for c in generated["country"]:
        countries[c["code"]] = {"name": c["name"], "official": list(c.get("official", [])),
                                "demonyms": list(c.get("demonyms", []))}
    for o in curated.get("override", []):
        entry = countries[o["code"]]
        if "name" in o:
            entry["name"] = o["name"]
        entry["official"] += [x for x in o.get("official", []) if x not in entry["official"]]
        entry["demonyms"] += [x for x in o.get("demonyms", []) if x not in entry["demonyms"]]
        entry["demonyms"] = [x for x in entry["demonyms"] if x not in o.get("drop", [])]
    # A demonym two countries share ("Dominican", "Congolese") says nothing.
    holders = collections.Counter(d for c in countries.values() for d in c["demonyms"])
    for c in countries.values():
        c["demonyms"] = [d for d in c["demonyms"] if holders[d] == 1]
    pairs = [
        (p["countries"][0], p["countries"][1], p["forms"])
        for p in curated.get("confusable", [])
        if p["forms"] != "none"
    ]
    return countries, pairs


def name_pattern(names):
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # Not inside a longer name: "Sudan" in "South Sudan", "Guinea" in "Guinea-Bissau".
    return re.compile(r"(?<![\w-])(?<!South )(?<!New )(?<!Equatorial )(?<!the )(%s)(?![\w-])" % alternatives)


def demonym_pattern(demonyms):
    alternatives = "|".join(re.escape(n) for n in sorted(demonyms, key=len, reverse=True))
    # "Iranian-backed" is a swap target; "South Korean" is not "Korean".
    return re.compile(r"(?<![\w-])(?<!South )(?<!North )(?<!Equatorial )(%s)(?!\w)" % alternatives)


def partner_demonym(written, own, candidates):
    """The partner's demonym of the same number and the closest ending, as
    copydesk suggests it ("Slovakian" -> "Slovenian")."""
    def plural(text, of):
        return text.endswith("s") and text[:-1] in of

    def ending(candidate):
        n = 0
        for a, b in zip(reversed(written), reversed(candidate)):
            if a != b:
                break
            n += 1
        return n

    same = [c for c in candidates if plural(c, candidates) == plural(written, own)]
    if not same:
        return candidates[0]
    return max(same, key=lambda c: (ending(c), -same.index(c)))


def mentions(text, pattern):
    return [m for m in pattern.finditer(text)]


def is_english(relative):
    return not relative.startswith(NON_ENGLISH)


def articles(root):
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".txt", ".md")) and name != "README.md":
                path = os.path.join(folder, name)
                yield os.path.relpath(path, root), path


def dateline_region(text, m):
    """A name in `CITY, Country -` is the dateline's, not the body's."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return re.match(r"^\s*[A-Z][A-Z .'-]+,\s*$", text[line_start : m.start()]) is not None


def build_swaps(root, countries, pairs, main_only=True, demonyms=False):
    """(relative path, swapped text, byte span of the swapped words, pair label)."""
    short = {code: c["name"] for code, c in countries.items()}
    every_name = name_pattern([c["name"] for c in countries.values()])
    patterns = {}
    people = {}
    for code, c in countries.items():
        patterns[code] = name_pattern([c["name"]] + c["official"])
        if c["demonyms"]:
            people[code] = demonym_pattern(c["demonyms"])
    swaps = []
    for relative, path in articles(root):
        if not is_english(relative) or os.path.basename(path) == FOUNDING_STORY:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        counts = collections.Counter(m.group(1) for m in every_name.finditer(text))
        if not counts:
            continue
        top = max(counts.values())
        for a, b, forms in pairs:
            for main, partner in ((a, b), (b, a)):
                if counts.get(short[main], 0) < 2 or (main_only and 2 * counts[short[main]] < top):
                    continue
                if mentions(text, patterns[partner]):
                    continue
                if demonyms:
                    # Only pairs whose every name is confused, and articles
                    # that never speak of the partner's people either.
                    if forms != "any" or main not in people or partner not in people:
                        continue
                    if mentions(text, people[partner]):
                        continue
                    found = mentions(text, people[main])
                else:
                    found = [m for m in mentions(text, patterns[main]) if not dateline_region(text, m)]
                if forms == "official":
                    found = [m for m in found if m.group(1) in countries[main]["official"]]
                if not found:
                    continue
                picks = sorted({len(found) // 2, len(found) - 1, 1 if len(found) > 1 else 0})
                for index in picks[:VARIANTS_PER_ARTICLE]:
                    m = found[index]
                    if demonyms:
                        replacement = partner_demonym(
                            m.group(1), countries[main]["demonyms"], countries[partner]["demonyms"])
                    elif m.group(1) in countries[main]["official"] and countries[partner]["official"]:
                        replacement = countries[partner]["official"][0]
                    else:
                        replacement = short[partner]
                    swapped = text[: m.start()] + replacement + text[m.end() :]
                    start = len(swapped[: m.start()].encode("utf-8"))
                    end = start + len(replacement.encode("utf-8"))
                    label = "%s/%s" % tuple(sorted((short[a], short[b])))
                    swaps.append((relative, index, swapped, (start, end), label))
    return swaps


def run_copydesk(copydesk, folder):
    out = subprocess.run(
        [copydesk, "check", "--select", "country.context", "--format", "json",
         "--min-severity", "warning", "--fail-on", "never", "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        sys.exit("copydesk failed: %s" % out.stderr)
    return json.loads(out.stdout)["diagnostics"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copydesk", default=os.path.join(REPO, "target", "debug", "copydesk"))
    parser.add_argument("--articles", default=os.path.join(REPO, "..", "shared", "articles"))
    parser.add_argument("--show-misses", action="store_true", help="list the swaps not caught")
    parser.add_argument(
        "--wide",
        action="store_true",
        help="swap any country of a pair named at least twice, not only the main country",
    )
    parser.add_argument(
        "--demonyms",
        action="store_true",
        help="swap the main country's people or adjective, not its name",
    )
    args = parser.parse_args()
    copydesk = os.path.abspath(args.copydesk)
    root = os.path.abspath(args.articles)
    countries, pairs = load_countries()
    swaps = build_swaps(root, countries, pairs, main_only=not args.wide, demonyms=args.demonyms)

    work = tempfile.mkdtemp(prefix="copydesk-swaps-")
    try:
        by_path = {}
        for number, (relative, index, swapped, span, label) in enumerate(swaps):
            stem, ext = os.path.splitext(relative.replace(os.sep, "__"))
            name = "%05d-%s-%d%s" % (number, stem, index, ext)
            with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                f.write(swapped)
            by_path[name] = (span, label, relative)
        found = collections.defaultdict(list)
        for d in run_copydesk(copydesk, work):
            found[os.path.normpath(d["path"])].append(d)
        caught = collections.Counter()
        total = collections.Counter()
        severities = collections.Counter()
        misses = []
        for name, ((start, end), label, relative) in by_path.items():
            total[label] += 1
            hits = [d for d in found.get(name, []) if d["start"] == start and d["end"] == end]
            if hits:
                caught[label] += 1
                severities[hits[0]["severity"]] += 1
            else:
                misses.append((label, relative))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    clean = [rel for rel, _ in articles(root) if os.path.basename(rel) != FOUNDING_STORY]
    alarms = [d for d in run_copydesk(copydesk, root) if os.path.basename(d["path"]) != FOUNDING_STORY]

    print("swap set (%s%s): %d swapped mentions in %d articles (%s)" % (
        "any country of a pair named twice" if args.wide else "main country",
        ", its people or adjective" if args.demonyms else "",
        len(swaps), len({s[0] for s in swaps}), root))
    print("%-40s %8s %8s %8s" % ("pair", "swaps", "caught", "recall"))
    for label in sorted(total):
        print("%-40s %8d %8d %7.0f%%" % (label, total[label], caught[label], 100 * caught[label] / total[label]))
    all_total = sum(total.values())
    all_caught = sum(caught.values())
    if all_total:
        print("%-40s %8d %8d %7.0f%%" % ("overall", all_total, all_caught, 100 * all_caught / all_total))
    print("caught as: %s" % ", ".join("%s %d" % kv for kv in sorted(severities.items())))
    print("false alarms: %d in %d clean articles = %.2f per 1,000" % (
        len(alarms), len(clean), 1000 * len(alarms) / max(len(clean), 1)))
    for d in alarms:
        print("  %s:%d %s: %s" % (d["path"], d["line"], d["severity"], d["message"]))
    if args.show_misses:
        for label, relative in sorted(misses):
            print("  missed %s in %s" % (label, relative))


if __name__ == "__main__":
    main()
