#!/usr/bin/env python3
"""What the GitHub Action shows of one copydesk run, read from its JSON.

    report.py FINDINGS.json [--annotations] [--summary FILE] [--outputs FILE]
                            [--exit-code N] [--limit BYTES]

--annotations prints workflow commands (then log lines) on standard output;
--summary appends Markdown to FILE (GITHUB_STEP_SUMMARY); --outputs appends
key=value lines to FILE (GITHUB_OUTPUT).

copydesk lints once (`--format json`, schema in docs/ci.md); this renders
that document three ways, so nothing is linted twice. Standard library only:
it runs on any runner with Python 3.8 or later.

Annotations. GitHub shows at most 10 error, 10 warning and 10 notice
annotations a step and silently drops the rest. So the first findings of each
kind become annotations (written as `copydesk check --format github` writes
them: tests/action.rs holds the two to the same text), a notice says how many
did not fit, and those are printed as plain `path:line:column` lines, so the
log still holds every finding.

Summary. Markdown for GITHUB_STEP_SUMMARY: the counts, the verdict, and every
finding grouped by file, up to GitHub's 1 MiB a step; what does not fit is
counted, not cut mid-table.
"""

import argparse
import json
import os
import sys

# GitHub's limits: annotations of one kind shown per step, and the bytes a
# step's summary may hold (1 MiB), less room for the closing note.
ANNOTATIONS_PER_KIND = 10
SUMMARY_LIMIT = 1024 * 1024 - 4096

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def load(path):
    """The run's JSON document, or None when copydesk wrote none (it stopped
    before linting: a bad configuration, a bad flag)."""
    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("version") != 1:
        return None
    return document


def repository_path(path):
    """The path from the repository's root, as GitHub matches annotations to
    a pull request's files: `./a.md` is not `a.md` to it."""
    if os.name == "nt":
        path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:].lstrip("/")
    return path


def escape_data(text):
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding):
    message = escape_data(finding["message"])
    if finding.get("help"):
        message += "%0Ahelp: " + escape_data(finding["help"])
    return "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}".format(
        COMMANDS.get(finding["severity"], "notice"),
        escape_property(repository_path(finding["path"])),
        finding["line"],
        finding["column"],
        finding["end_line"],
        finding["end_column"],
        escape_property("copydesk ({})".format(finding["rule"])),
        message,
    )


def log_line(finding):
    return "{}:{}:{}: {}[{}] {}".format(
        repository_path(finding["path"]),
        finding["line"],
        finding["column"],
        finding["severity"],
        finding["rule"],
        finding["message"].replace("\n", " "),
    )


def annotations(document, out):
    findings = document["diagnostics"]
    shown, rest = [], []
    counts = {}
    for finding in findings:
        kind = COMMANDS.get(finding["severity"], "notice")
        counts[kind] = counts.get(kind, 0) + 1
    # The notice about the rest takes one of the notice places itself, so it
    # is written first, where it cannot be the one dropped.
    overflow = any(count > ANNOTATIONS_PER_KIND for count in counts.values())
    room = dict.fromkeys(COMMANDS.values(), ANNOTATIONS_PER_KIND)
    if overflow:
        room["notice"] -= 1
    for finding in findings:
        kind = COMMANDS.get(finding["severity"], "notice")
        if room[kind] > 0:
            room[kind] -= 1
            shown.append(finding)
        else:
            rest.append(finding)
    if rest:
        out.write(
            "::notice title=copydesk::{} of {} findings are annotated here: GitHub shows at most {} "
            "annotations of each kind a step. Every finding is in the job summary and in this log.\n".format(
                len(shown), len(findings), ANNOTATIONS_PER_KIND
            )
        )
    for finding in shown:
        out.write(annotation(finding) + "\n")
    if rest:
        out.write("copydesk: {} more findings, beyond GitHub's annotations:\n".format(len(rest)))
        for finding in rest:
            out.write(log_line(finding) + "\n")


def markdown(text):
    """Text safe in a Markdown table cell: no HTML, no emphasis, no links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = "".join("\\" + c if c in "\\`*_[]|~#!" else c for c in text)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def plural(count, word):
    return "{} {}{}".format(count, word, "" if count == 1 else "s")


def counts_of(findings):
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    infos = len(findings) - errors - warnings
    return "{}, {} and {}".format(
        plural(errors, "error"), plural(warnings, "warning"), plural(infos, "info")
    )


VERDICTS = {
    0: "The check passed: no finding reaches `fail-on`.",
    1: "The check failed: findings reach `fail-on`.",
}


def summary(document, exit_code, limit, out):
    head = ["## copydesk", ""]
    if document is None:
        head.append(
            "copydesk stopped before linting (exit code {}): its messages are in the step's log.".format(
                exit_code
            )
        )
        out.write("\n".join(head) + "\n\n")
        return
    findings = document["diagnostics"]
    files = document.get("summary", {}).get("files", 0)
    head.append("{} in {}.".format(counts_of(findings), plural(files, "file")))
    head.append("")
    head.append(
        VERDICTS.get(
            exit_code,
            "copydesk could not do all of its job (exit code {}): see the step's log.".format(exit_code),
        )
    )
    head.append("")
    text = "\n".join(head) + "\n"

    by_file = {}
    for finding in findings:
        by_file.setdefault(repository_path(finding["path"]), []).append(finding)
    left_out = 0
    files_left_out = 0
    for path, group in by_file.items():
        section = [
            "### {} ({})".format(markdown(path), counts_of(group)),
            "",
            "| line | severity | rule | message |",
            "| ---: | --- | --- | --- |",
        ]
        header = "\n".join(section) + "\n"
        rows = []
        for finding in group:
            message = finding["message"]
            if finding.get("help"):
                message += "\nhelp: " + finding["help"]
            rows.append(
                "| {}:{} | {} | `{}` | {} |\n".format(
                    finding["line"],
                    finding["column"],
                    finding["severity"],
                    finding["rule"].replace("`", ""),
                    markdown(message),
                )
            )
        fitting = []
        size = len((text + header).encode("utf-8"))
        for row in rows:
            size += len(row.encode("utf-8"))
            if size > limit:
                break
            fitting.append(row)
        if fitting:
            text += header + "".join(fitting) + "\n"
        left_out += len(rows) - len(fitting)
        if len(fitting) < len(rows):
            files_left_out += 1
    if left_out:
        text += (
            "{} in {} not listed: a job summary holds at most 1 MiB. "
            "Every finding is in the step's log.\n".format(
                plural(left_out, "more finding"), plural(files_left_out, "file")
            )
        )
    out.write(text + "\n")


def outputs(document, out):
    if document is None:
        return
    totals = document.get("summary", {})
    for key in ("files", "errors", "warnings", "infos"):
        out.write("{}={}\n".format(key, int(totals.get(key, 0))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("findings", help="copydesk's --format json output")
    parser.add_argument("--annotations", action="store_true")
    parser.add_argument("--summary", metavar="FILE")
    parser.add_argument("--outputs", metavar="FILE")
    parser.add_argument("--exit-code", type=int, default=0)
    parser.add_argument("--limit", type=int, default=SUMMARY_LIMIT)
    args = parser.parse_args()
    document = load(args.findings)
    if args.annotations and document is not None:
        # Article text is UTF-8 whatever the runner's locale says.
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False)
        annotations(document, out)
        out.flush()
    if args.summary:
        with open(args.summary, "a", encoding="utf-8", newline="\n") as out:
            summary(document, args.exit_code, args.limit, out)
    if args.outputs:
        with open(args.outputs, "a", encoding="utf-8", newline="\n") as out:
            outputs(document, out)


if __name__ == "__main__":
    main()
