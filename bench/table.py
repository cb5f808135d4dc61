#!/usr/bin/env python3
"""bench/table.py RESULTS.tsv - the one table of scripts/bench (markdown).

RESULTS.tsv lines: N, operation, tool, status ("ok" or "fails: ..."), and the
hyperfine --export-json file (or the size in KiB for the "size" row). Per
operation and N: the median wall time of whole processes for ozgtui and
sqlite3, and their ratio ozgtui/sqlite3 (below 1: ozgtui is faster; the
target of issue 7 is at most 0.5 at 100,000).
"""
import json
import sys

OPS = [
    ("load", "load everything (import / .read sqlite.sql)"),
    ("list", "filtered listing, phase and field"),
    ("counts", "counts per phase x field"),
    ("move", "change one project's phase"),
    ("export", "full JSON export"),
    ("snapshot-save", "snapshot save"),
    ("snapshot-diff", "snapshot diff"),
    ("size", "database size (MiB)"),
]


def main():
    rows = {}
    sizes = []
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            n, op, tool, status = int(parts[0]), parts[1], parts[2], parts[3]
            extra = parts[4] if len(parts) > 4 else ""
            if n not in sizes:
                sizes.append(n)
            if op == "size":
                rows[(n, op, tool)] = ("size", int(extra) / 1024.0)
            elif status == "ok":
                with open(extra, encoding="utf-8") as jf:
                    r = json.load(jf)["results"][0]
                rows[(n, op, tool)] = ("ms", r["median"] * 1000.0, r["times"])
            else:
                rows[(n, op, tool)] = ("fail", status)

    def cell(v):
        if v is None:
            return "-"
        if v[0] == "fail":
            return "fails"
        if v[0] == "size":
            return "%.1f" % v[1]
        ms = v[1]
        return "%.1f" % ms if ms < 100 else "%.0f" % ms

    head = "| operation |"
    rule = "|---|"
    for n in sizes:
        head += " %s ozgtui | sqlite3 | ratio |" % format(n, ",")
        rule += "---:|---:|---:|"
    print("Median wall time in ms of whole processes (hyperfine); ratio = ozgtui / sqlite3.")
    print()
    print(head)
    print(rule)
    for op, label in OPS:
        line = "| %s |" % label
        for n in sizes:
            a = rows.get((n, op, "ozgtui"))
            b = rows.get((n, op, "sqlite3"))
            ratio = "-"
            if a and b and a[0] == b[0] and a[0] in ("ms", "size") and b[1] > 0:
                ratio = "%.2f" % (a[1] / b[1])
            line += " %s | %s | %s |" % (cell(a), cell(b), ratio)
        print(line)
    fails = [(k, v[1]) for k, v in rows.items() if v[0] == "fail"]
    if fails:
        print()
        for (n, op, tool), why in sorted(fails):
            print("- %s %s at %s: %s" % (tool, op, format(n, ","), why))


if __name__ == "__main__":
    main()
