#!/usr/bin/env python3
"""Reads PIT's mutations.xml and prints the score per package, then checks the goals of
docs/mutation.md:

  * at least 90% of the mutants killed in every core package;
  * every mutant of plan/PlanValidator and of each parser bounds check listed in docs/mutation.md
    ("Bounds checks") killed, or listed there as equivalent with its reason.

A mutant counts as killed when PIT detected it (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR).
Equivalent mutants are matched by class, method, line and mutator; they still count as survivors
in the per-package score, which is PIT's own figure.

Usage: mutation_report.py MUTATIONS_XML MUTATION_MD [SUMMARY_OUT]
Exit status 0 when every goal is met, 1 otherwise, 2 on bad input.
"""
import re
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict

PACKAGE_GOAL = 90.0
FULL_CLASSES = ["dev.jkboot.plan.PlanValidator"]
DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def short_mutator(name):
    return name.rsplit(".", 1)[-1]


def read_mutants(path):
    root = ET.parse(path).getroot()  # PIT 1.30 marks even a finished report partial="true"
    out = []
    for m in root.iter("mutation"):
        out.append({
            "status": m.get("status"),
            "cls": m.findtext("mutatedClass"),
            "method": m.findtext("mutatedMethod"),
            "line": int(m.findtext("lineNumber")),
            "mutator": short_mutator(m.findtext("mutator")),
            "description": m.findtext("description"),
            "file": m.findtext("sourceFile"),
        })
    return out


def table_rows(md, heading):
    """Rows of the first Markdown table under '## heading', as lists of cell strings."""
    rows, inside = [], False
    for line in md.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip().lower().startswith(heading.lower())
            continue
        if inside and line.startswith("|"):
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            rows.append(cells)
    return rows[1:] if rows else []  # drop the header row


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mutants = read_mutants(argv[1])
    md = open(argv[2], encoding="utf-8").read()
    summary = open(argv[3], "w", encoding="utf-8") if len(argv) > 3 else None

    def say(text=""):
        print(text)
        if summary:
            summary.write(text + "\n")

    # Equivalent mutants: | class | method | line | mutator | reason |
    equivalent = {}
    for cells in table_rows(md, "Equivalent mutants"):
        if len(cells) < 5:
            continue
        cls = cells[0] if cells[0].startswith("dev.jkboot.") else "dev.jkboot." + cells[0].replace("/", ".")
        equivalent[(cls, cells[1], int(cells[2]), cells[3])] = cells[4]
    # Bounds checks: | class | methods (comma separated) | what they guard |
    bounds = []
    for cells in table_rows(md, "Bounds checks"):
        if len(cells) < 2:
            continue
        cls = cells[0] if cells[0].startswith("dev.jkboot.") else "dev.jkboot." + cells[0].replace("/", ".")
        for method in cells[1].split(","):
            bounds.append((cls, method.strip()))

    packages = OrderedDict()
    for m in sorted(mutants, key=lambda m: m["cls"]):
        pkg = m["cls"].rsplit(".", 1)[0].replace("dev.jkboot.", "")
        p = packages.setdefault(pkg, {"mutants": 0, "killed": 0, "nocov": 0, "survived": 0, "equivalent": 0})
        p["mutants"] += 1
        if m["status"] in DETECTED:
            p["killed"] += 1
        else:
            if m["status"] == "NO_COVERAGE":
                p["nocov"] += 1
            else:
                p["survived"] += 1
            if key(m) in equivalent:
                p["equivalent"] += 1

    failures = []
    say("%-12s %8s %8s %9s %12s %11s %7s" % ("package", "mutants", "killed", "survived", "no coverage",
                                             "equivalent", "score"))
    total = {"mutants": 0, "killed": 0, "nocov": 0, "survived": 0, "equivalent": 0}
    for pkg, p in packages.items():
        score = 100.0 * p["killed"] / p["mutants"] if p["mutants"] else 100.0
        say("%-12s %8d %8d %9d %12d %11d %6.1f%%" % (pkg, p["mutants"], p["killed"], p["survived"], p["nocov"],
                                                     p["equivalent"], score))
        for k in total:
            total[k] += p[k]
        if score < PACKAGE_GOAL:
            failures.append("package %s: %.1f%% of its mutants killed, the goal is %.0f%%" % (pkg, score, PACKAGE_GOAL))
    if total["mutants"]:
        say("%-12s %8d %8d %9d %12d %11d %6.1f%%" % ("all", total["mutants"], total["killed"], total["survived"],
                                                     total["nocov"], total["equivalent"],
                                                     100.0 * total["killed"] / total["mutants"]))

    def must_all_die(label, selected):
        alive = [m for m in selected if m["status"] not in DETECTED and key(m) not in equivalent]
        killed = sum(1 for m in selected if m["status"] in DETECTED)
        eq = sum(1 for m in selected if m["status"] not in DETECTED and key(m) in equivalent)
        say("%-58s %4d mutants, %4d killed, %2d equivalent%s" % (label, len(selected), killed, eq,
                                                                  "" if not alive else ", %d ALIVE" % len(alive)))
        if not selected:
            failures.append("%s: no mutant found (renamed? update docs/mutation.md)" % label)
        for m in alive:
            failures.append("%s: survivor %s.%s line %d %s: %s (%s)" % (label, m["cls"].rsplit(".", 1)[-1], m["method"],
                                                                     m["line"], m["mutator"], m["description"],
                                                                     m["status"]))

    say("")
    say("100% goals (killed, or equivalent with its reason in docs/mutation.md):")
    for cls in FULL_CLASSES:
        must_all_die(cls.replace("dev.jkboot.", ""), [m for m in mutants if m["cls"] == cls])
    for cls, method in bounds:
        must_all_die("%s.%s" % (cls.replace("dev.jkboot.", ""), method),
                     [m for m in mutants if m["cls"] == cls and m["method"] == method])

    found = {key(m): m for m in mutants}
    for k, reason in equivalent.items():
        m = found.get(k)
        if m is None:
            say("mutation: note: equivalent mutant %s.%s line %d %s is gone (code changed? update docs/mutation.md)"
                % (k[0], k[1], k[2], k[3]))
        elif m["status"] in DETECTED:
            say("mutation: note: mutant listed as equivalent is killed now: %s.%s line %d %s" % k)

    say("")
    if failures:
        for f in failures:
            say("mutation: FAILED: " + f)
    else:
        say("mutation: every goal met")
    if summary:
        summary.close()
    return 1 if failures else 0


def key(m):
    return (m["cls"], m["method"], m["line"], m["mutator"])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
