#!/usr/bin/env python3
"""Reproduces Epoch AI's H100 equivalents of its GPU clusters with gpucap.

Imports ../shared/data/epoch/gpu_clusters.dev.csv (--org name, so each
cluster is an org), reports it with --metric 8bit against Epoch AI's own
ml_hardware.csv and against the built-in catalog, and compares each
cluster's h100e at its first quarter with the dataset's "H100 equivalents".
Epoch AI's figure is the cluster's peak dense rate at 8 bits or wider over
the H100 SXM's 1.979e15 OP/s, which is what --metric 8bit computes.

Prints the share within 1% for both catalogs and both metrics (8bit, bf16),
and every cluster that differs under Epoch's catalog and 8bit. Fails when
that share is under 95%. Says "skipped" when the data is not there (it is
never committed to this repository). Standard library only.

Usage: reproduce.py GPUCAP [EPOCH_DIR] [--quiet]
"""
import csv
import io
import os
import subprocess
import sys

TOLERANCE = 0.01
REQUIRED_SHARE = 0.95


def usable(row):
    """A cluster with a date, and each chip type with its quantity."""
    def qty(s):
        try:
            return float(s.replace(",", "")) > 0
        except ValueError:
            return False
    if not row["First Operational Date"].strip():
        return False
    if not (row["Chip type (primary)"] and qty(row["Chip quantity (primary)"])):
        return False
    if row["Chip type (secondary)"] and not qty(row["Chip quantity (secondary)"]):
        return False
    return True


def clusters(path):
    """Each usable cluster under the org name gpucap gives it."""
    seen = {}
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["Name"]
            seen[name] = seen.get(name, 0) + 1
            org = name if seen[name] == 1 else "%s #%d" % (name, seen[name])
            if usable(row) and row["H100 equivalents"].strip():
                out[org] = row
    return out


def report(gpucap, data, catalog, metric):
    """gpucap's h100e of each org at its first quarter."""
    imp = subprocess.run([gpucap, "import", "epoch-clusters", "--org", "name",
                          os.path.join(data, "gpu_clusters.dev.csv")],
                         capture_output=True, check=True)
    args = [gpucap, "report", "--metric", metric, "--keep-going", "-f", "csv"]
    if catalog == "epoch":
        args += ["--catalog", os.path.join(data, "ml_hardware.csv")]
    rep = subprocess.run(args, input=imp.stdout, capture_output=True,
                         check=True)
    first = {}
    for row in csv.DictReader(io.StringIO(rep.stdout.decode("utf-8"))):
        first.setdefault(row["org"], row)
    return first


def compare(want, got):
    """(matched orgs, differing [(org, ours, theirs)])."""
    matched, differing = [], []
    for org, row in sorted(want.items()):
        theirs = float(row["H100 equivalents"])
        ours = got.get(org, {}).get("h100e", "")
        ours = float(ours) if ours else None
        if ours is not None and abs(ours / theirs - 1) <= TOLERANCE:
            matched.append(org)
        else:
            differing.append((org, ours, theirs, row))
    return matched, differing


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in sys.argv
    gpucap = os.path.abspath(args[0])
    data = args[1] if len(args) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "shared", "data", "epoch")
    if not os.path.exists(os.path.join(data, "gpu_clusters.dev.csv")):
        print("epoch reproduction: skipped (no %s)" % data)
        return 0
    want = clusters(os.path.join(data, "gpu_clusters.dev.csv"))
    result = 0
    for catalog in ("epoch", "builtin"):
        for metric in ("8bit", "bf16"):
            matched, differing = compare(want, report(gpucap, data, catalog,
                                                      metric))
            share = len(matched) / len(want)
            print("epoch reproduction: %-7s catalog, %-4s: %d of %d clusters "
                  "within 1%% (%.1f%%)" % (catalog, metric, len(matched),
                                           len(want), 100 * share))
            if catalog == "epoch" and metric == "8bit":
                if not quiet:
                    for org, ours, theirs, row in differing:
                        chips = row["Chip type (primary)"]
                        if row["Chip type (secondary)"]:
                            chips += " + " + row["Chip type (secondary)"]
                        print("  differs: %s (%s): gpucap %s, Epoch AI %.0f"
                              % (org, chips, "none" if ours is None
                                 else "%.0f" % ours, theirs))
                if share < REQUIRED_SHARE:
                    result = 1
    return result


if __name__ == "__main__":
    sys.exit(main())
