#!/usr/bin/env python3
"""Adds the live histograms a recording app took as confirmations to its trace, as exact points of their own.

Recordings made before SampleAppTraceMain merged them itself (2026-12-02) carry the confirmations only in the verdict
log beside the trace (NAME.tsv, lines '# confirmation at tick N (TIME): pause P ms, live L MiB'). Each goes on the row
of tick N, or the next row when that one already holds the collector's own measurement, with exact_source
live-histogram, as SampleAppTraceMain.withConfirmations does. Idempotent: rows that already hold a live-histogram point
are left alone. Usage: merge-confirmations.py benchmarks/traces/sample-app-v2/*.csv
"""
import re
import sys

CONFIRMATION = re.compile(r"^# confirmation at tick (\d+) \([^)]*\): pause \d+ ms, live ([0-9.]+) MiB")

for csv in sys.argv[1:]:
    tsv = csv[:-4] + ".tsv"
    try:
        confirmations = [(int(m.group(1)), round(float(m.group(2)) * 1048576))
                         for m in map(CONFIRMATION.match, open(tsv, encoding="utf-8")) if m]
    except FileNotFoundError:
        continue
    lines = open(csv, encoding="utf-8").read().split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("epoch_ms"))
    rows = [line.split(",") for line in lines[header + 1:] if line]
    if any(line.startswith("# confirmations=merged") for line in lines[:header]):
        continue
    added = 0
    for tick, live in confirmations:
        for i in range(tick, min(len(rows), tick + 2)):
            while len(rows[i]) < 10:
                rows[i].append("")
            if rows[i][8] == "":
                rows[i][8], rows[i][9] = str(live), "live-histogram"
                added += 1
                break
    comment = "# confirmations=merged %d live histogram(s) from %s by benchmarks/traces/merge-confirmations.py" % (
        added, tsv.split("/")[-1])
    out = lines[:header] + [comment] + lines[header:header + 1] + [",".join(r) for r in rows] + [""]
    open(csv, "w", encoding="utf-8").write("\n".join(out))
    print(csv, "added", added)
