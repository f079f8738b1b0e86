#!/usr/bin/env python3
"""Groups the classes a JVM loaded by the jkboot code that caused each load.

Usage: class_load_sites.py JFR_PRINT_OUTPUT [TOP]

JFR_PRINT_OUTPUT is `jfr print --events jdk.ClassLoad --stack-depth 40` of a recording made
with stack traces on class loads (scripts/profile-start makes one). For every load the first
dev.jkboot frame of its stack names the site; a site that loads dozens of JDK classes is one
that starts a costly JDK subsystem (streams, String.format's locale data, a record's
ObjectMethods bootstrap, reflection) on the start-up path.
"""
import collections
import re
import sys


def sites(text):
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    for event in text.split("jdk.ClassLoad {")[1:]:
        loaded = re.search(r"loadedClass = (\S+)", event)
        name = loaded.group(1) if loaded else "?"
        site = "(before jkboot's code)"
        for method, line in re.findall(r"^\s+([\w.$<>]+)\(.*?\) line: (\d+)", event, re.M):
            if method.startswith("dev.jkboot."):
                site = f"{method}:{line}"
                break
        counts[site] += 1
        examples[site].append(name.rsplit(".", 1)[-1])
    return counts, examples


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    top = int(sys.argv[2]) if len(sys.argv) == 3 else 30
    with open(sys.argv[1]) as f:
        counts, examples = sites(f.read())
    print(f"{sum(counts.values())} classes loaded; the sites that loaded the most:")
    for site, n in counts.most_common(top):
        print(f"{n:5d}  {site}  ({' '.join(examples[site][:5])} ...)")


if __name__ == "__main__":
    main()
