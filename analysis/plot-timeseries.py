#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Plot a run's received throughput per flow over time, with the scenario's
timed events marked, from timeseries.csv and results.json in its output folder.

usage: plot-timeseries.py OUTPUT_FOLDER [--out FILE.png]
"""
import argparse
import csv
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="output folder of an ipvpn-sim run")
    parser.add_argument("--out", help="PNG to write (default: FOLDER/timeseries.png)")
    args = parser.parse_args()

    series_file = os.path.join(args.folder, "timeseries.csv")
    results_file = os.path.join(args.folder, "results.json")
    for f in (series_file, results_file):
        if not os.path.isfile(f):
            sys.exit(f"plot-timeseries: {f} not found (run ipvpn-sim with --out {args.folder})")

    with open(results_file) as f:
        results = json.load(f)
    bucket_s = None
    flows = {}
    with open(series_file) as f:
        for row in csv.DictReader(f):
            t = float(row["time_s"])
            flows.setdefault(row["flow"], []).append((t, int(row["received_bytes"])))
    for points in flows.values():
        if len(points) > 1:
            bucket_s = points[1][0] - points[0][0]
            break
    if not flows or not bucket_s:
        sys.exit("plot-timeseries: the time series is empty")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4))
    for name, points in flows.items():
        ax.step([t for t, _ in points], [b * 8 / bucket_s / 1e6 for _, b in points],
                where="post", label=name)
    for event in results.get("events", []):
        ax.axvline(event["at_s"], color="grey", linestyle="--", linewidth=0.8)
        ax.annotate(f'{event["action"]} {event["target"]}', (event["at_s"], 0),
                    rotation=90, fontsize=7, va="bottom", ha="right")
    ax.set_xlabel("simulated time (s)")
    ax.set_ylabel("received (Mb/s)")
    ax.set_title(results["scenario"]["name"])
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = args.out or os.path.join(args.folder, "timeseries.png")
    fig.savefig(out, dpi=120)
    print(out)


if __name__ == "__main__":
    main()
