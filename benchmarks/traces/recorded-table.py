#!/usr/bin/env python3
"""Prints the markdown table of the sample app's own verdicts under wrk from a recording directory's summary.tsv.

Usage: recorded-table.py benchmarks/traces/sample-app-v3/summary.tsv
One row per recording (the last line of each name wins): collector, scenario, the first confirmed LEAK_SUSPECTED tick
and its delay after the leak start, false positive, live histograms taken (before the leak), our pause total and
maximum, verdict flips after the first, ticks reading top-level GROWING, the verdict at the end, throughput and the
machine's load average at start and end.
"""
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 6:
        continue
    name, recorded, commit, summary, load, machine = parts[:6]
    fields = dict(kv.split("=", 1) for kv in summary.split() if "=" in kv)
    rows[name] = (recorded, commit, fields, load, machine)

print("| recording | first LEAK_SUSPECTED (delay) | false positive | live histograms (before leak) | our pauses, total / max | flips after first | GROWING ticks | verdict at end | load |")
print("|---|---|---|---|---|---|---|---|---|")
for name, (recorded, commit, f, load, machine) in rows.items():
    first = f.get("first_confirmed_leak_tick", "-")
    delay = f.get("delay", "-")
    confirmed = "never" if first == "-" else f"tick {first}" + ("" if delay == "-" else f" ({delay})")
    print(f"| `{name}` | {confirmed} | {'yes' if f.get('false_positive') == 'true' else 'no'} | "
          f"{f.get('confirmations', '?')} ({f.get('before_leak_start', '?')}) | "
          f"{f.get('total_pause_ms', '?')} / {f.get('max_pause_ms', '?')} ms | {f.get('leak_flips_after_first', '?')} | "
          f"{f.get('growing_ticks', '?')} | {f.get('verdict_at_end', '?')} | {load}; {machine} |")
