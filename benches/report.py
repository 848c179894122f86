#!/usr/bin/env python3
"""Prints the benchmark table of the README from criterion's last run.

    cargo bench --bench codecs && python3 benches/report.py

Reads target/criterion/<group>/<id>/new/{estimates,benchmark}.json, prints
the median time and MB/s of every id, then the time ratios issue 6 sets
goals for (a ratio needs both of its ids; missing ones are marked).
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"

IDS = [
    "encode/json", "encode/jsv", "encode/xml", "encode/csv",
    "decode/json", "decode/jsv", "decode/xml", "decode/csv",
    "peer/quick_xml_events", "peer/csv_byte_records",
]

RATIOS = [
    ("decode/jsv", "decode/json", 1.0),
    ("encode/jsv", "encode/json", 1.0),
    ("decode/xml", "peer/quick_xml_events", 2.0),
    ("encode/xml", "encode/json", 2.0),
    ("decode/csv", "decode/jsv", 1.5),
    ("encode/csv", "encode/jsv", 1.5),
]


def load(bench_id):
    d = ROOT / bench_id / "new"
    try:
        est = json.loads((d / "estimates.json").read_text())
        meta = json.loads((d / "benchmark.json").read_text())
    except FileNotFoundError:
        return None
    seconds = est["median"]["point_estimate"] / 1e9
    size = (meta.get("throughput") or {}).get("Bytes")
    return seconds, size


def main():
    results = {i: load(i) for i in IDS}
    if not any(results.values()):
        sys.exit(f"no criterion results under {ROOT}: run `cargo bench --bench codecs` first")
    print("| id | bytes | median time | MB/s |")
    print("|---|---:|---:|---:|")
    for i in IDS:
        r = results[i]
        if r is None:
            print(f"| `{i}` | | not run | |")
            continue
        seconds, size = r
        mbs = f"{size / seconds / 1e6:.0f}" if size else ""
        print(f"| `{i}` | {size or ''} | {seconds * 1e3:.2f} ms | {mbs} |")
    print()
    print("| ratio (time) | measured | goal | met |")
    print("|---|---:|---:|---|")
    for a, b, goal in RATIOS:
        ra, rb = results[a], results[b]
        if ra is None or rb is None:
            print(f"| `{a}` : `{b}` | n/a | ≤ {goal} | |")
            continue
        ratio = ra[0] / rb[0]
        print(f"| `{a}` : `{b}` | {ratio:.2f} | ≤ {goal} | {'yes' if ratio <= goal else '**no**'} |")


if __name__ == "__main__":
    main()
