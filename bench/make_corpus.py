#!/usr/bin/env python3
"""Build the benchmark inputs under OUT from the real articles in ARTICLES.

Nothing here is committed: OUT is bench/out/ (git-ignored). The article text is
only replicated, never changed, so that timings are taken on real copy.

  corpus/copyNN/<set>/<file>  whole articles, replicated until >= --corpus-mb
  subset/<set>/<file>         about 1 MB, drawn evenly from every set
  single/archive.txt          one file of >= --single-mb, articles back to back
  adversarial/*.txt           inputs built to expose super-linear costs, each
                              at two sizes (n and 2n) so that scaling shows
"""
import argparse
import os
import shutil
import sys

ARTICLE_SUFFIXES = (".txt", ".md")


def articles(root):
    found = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(ARTICLE_SUFFIXES) and name != "README.md":
                path = os.path.join(folder, name)
                found.append(os.path.relpath(path, root))
    found.sort()
    return found


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def build_corpus(root, files, out, target):
    total, copy = 0, 0
    while total < target:
        for rel in files:
            data = open(os.path.join(root, rel), "rb").read()
            write(os.path.join(out, "corpus", f"copy{copy:02}", rel), data)
            total += len(data)
        copy += 1
    return total, copy * len(files)


def build_subset(root, files, out, target):
    # Round-robin over the sets so the subset has the corpus's mix of forms.
    by_set = {}
    for rel in files:
        by_set.setdefault(rel.split(os.sep)[0], []).append(rel)
    queues = [list(v) for _, v in sorted(by_set.items())]
    total, count = 0, 0
    while total < target and any(queues):
        for queue in queues:
            if queue and total < target:
                rel = queue.pop(0)
                data = open(os.path.join(root, rel), "rb").read()
                write(os.path.join(out, "subset", rel), data)
                total += len(data)
                count += 1
    return total, count


def build_single(root, files, out, target):
    # Plain-text and Markdown bodies alike, read as one long plain-text file.
    chunks, total = [], 0
    while total < target:
        for rel in files:
            data = open(os.path.join(root, rel), "rb").read().strip() + b"\n\n"
            chunks.append(data)
            total += len(data)
    write(os.path.join(out, "single", "archive.txt"), b"".join(chunks))
    return total


def build_adversarial(root, out, size):
    sample = open(os.path.join(root, "000_58e6eba2e9345f1a.txt"), "rb").read()
    body = b" ".join(sample.split(b"\n")[1:]).replace(b"  ", b" ")
    sentence = b'He said the talks with the Republic of Korea on 10 February 2023 went well. '
    shapes = {
        # One paragraph of a whole article repeated, with no blank line anywhere.
        "long-paragraph": lambda n: (body.strip() + b" ") * (n // len(body) + 1),
        # Quotations opened and never closed, nested ever deeper.
        "deep-nesting": lambda n: ("\u201c\u2018A \u00ab".encode() + b"said ") * (n // 14),
        # A line of thousands of dates in mixed styles, and weekdays.
        "dates-line": lambda n: (b"Monday, Feb 10, 2023; 10 February 2023; 2023-02-10; 10/02/2023, ")
        * (n // 64),
        # Straight quotes only, alternating open and close in one paragraph.
        "straight-quotes": lambda n: (b'"' + sentence + b'" ') * (n // (len(sentence) + 3)),
    }
    made = []
    for name, shape in shapes.items():
        for scale in (1, 2):
            data = b"date 2023-02-10\n" + shape(size * scale)[: size * scale] + b"\n"
            # Cut on a character boundary so the file stays valid UTF-8.
            data = data.decode("utf-8", "ignore").encode()
            path = os.path.join(out, "adversarial", f"{name}-{scale}x.txt")
            write(path, data)
            made.append((path, len(data)))
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--corpus-mb", type=float, default=52)
    parser.add_argument("--subset-mb", type=float, default=1)
    parser.add_argument("--single-mb", type=float, default=50)
    parser.add_argument("--adversarial-mb", type=float, default=2)
    args = parser.parse_args()
    mb = 1_000_000
    files = articles(args.articles)
    if not files:
        sys.exit(f"no articles under {args.articles}")
    for part in ("corpus", "subset", "single", "adversarial"):
        shutil.rmtree(os.path.join(args.out, part), ignore_errors=True)
    corpus_bytes, corpus_files = build_corpus(args.articles, files, args.out, args.corpus_mb * mb)
    subset_bytes, subset_files = build_subset(args.articles, files, args.out, args.subset_mb * mb)
    single_bytes = build_single(args.articles, files, args.out, args.single_mb * mb)
    build_adversarial(args.articles, args.out, int(args.adversarial_mb * mb))
    print(f"corpus {corpus_bytes} {corpus_files}")
    print(f"subset {subset_bytes} {subset_files}")
    print(f"single {single_bytes} 1")


if __name__ == "__main__":
    main()
