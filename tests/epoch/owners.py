#!/usr/bin/env python3
"""Reproduces Epoch AI's chip-owner stocks from its quarterly purchases.

For each pair of files in ../shared/data/epoch/chip-owners-*/ (a quarterly
file of purchases by chip, and the cumulative totals of the same export),
gpucap reports the quarterly file as it is (--metric 8bit, Epoch's basis;
--overhead 1 --pue 1, as Epoch counts chip TDP only), and each owner's
stock at each quarter (h100e, units, power_mw) is compared with Epoch's
cumulative median. Prints, per file and in all, the share of (owner,
quarter) figures within 1% and within 2%, and with --misses each one that
is not within 2%. With --catalog FILE, gpucap reads that catalog too (an
Epoch-basis override). Says "skipped" when the data is not there (it is
never committed to this repository). Standard library only.

With --samples N, gpucap samples each export N times at correlations 0,
0.25, 0.5, 0.75 and 1 instead, and compares Epoch's cumulative 5th and 95th
percentiles with gpucap's interval: the share of (owner, quarter) stocks
whose p5 and p95 lie between gpucap's at correlation 1 and at 0 (Epoch
correlates its inputs, not its outputs, so its interval should lie
inside those two), and for each correlation the mean error of p5 and p95.

Usage: owners.py GPUCAP [EPOCH_DIR] [--catalog FILE] [--misses]
                 [--samples N]
"""
import csv
import glob
import io
import os
import subprocess
import sys

FIGURES = [
    # (gpucap column, Epoch's columns: display schema, canonical schema)
    ("h100e", ["Compute estimate in H100e (median)", "h100e_med"]),
    ("units", ["Number of Units", "Number of units (median)",
               "Number of Units (median)", "units_med"]),
    ("power_mw", ["Power in MW (median)", "power_mw_med"]),
]
QUARTERLY = ("_quarters_by_chip.csv", "_quarterly_by_chip.csv")
CUMULATIVE = ("_cumulative_totals.csv", "_cumulative_by_designer.csv")


def pairs(data):
    """(name, quarterly file, cumulative file) of each export."""
    out = []
    for d in sorted(glob.glob(os.path.join(data, "chip-owners-*"))):
        for q in sorted(os.listdir(d)):
            for qs in QUARTERLY:
                if not q.endswith(qs):
                    continue
                stem = q[: -len(qs)]
                for cs in CUMULATIVE:
                    c = os.path.join(d, stem + cs)
                    if os.path.exists(c):
                        out.append(("%s/%s" % (os.path.basename(d), stem),
                                    os.path.join(d, q), c))
    return out


def quarter(date):
    """M/D/YYYY or YYYY-MM-DD: its quarter, 2024Q1."""
    if "/" in date:
        m, _, y = date.split("/")
    else:
        y, m, _ = date.split("-")
    return "%sQ%d" % (y, (int(m) - 1) // 3 + 1)


def number(s):
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def epoch_sums(path, figures):
    """{(owner, quarter): {ours: the sum of Epoch's columns named for it}}
    for figures, a list of (ours, [Epoch's names in either schema])."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            owner = row.get("Owner") or row.get("owner")
            end = row.get("End date") or row.get("end_date")
            figs = out.setdefault((owner, quarter(end)), {})
            for ours, names in figures:
                for name in names:
                    if name in row and number(row[name]) is not None:
                        figs[ours] = figs.get(ours, 0) + number(row[name])
            tdp = row.get("Total TDP (W)")
            if (figures is FIGURES and "power_mw" not in figs and tdp
                    and number(tdp) is not None):
                figs["power_mw"] = number(tdp) / 1e6
    return out


def epoch_stock(path):
    """{(owner, quarter): {figure: Epoch's cumulative median}}."""
    return epoch_sums(path, FIGURES)


def gpucap_stock(gpucap, path, catalog):
    """{(org, quarter): {figure: gpucap's central figure}}."""
    args = [gpucap, "report", "-q", "--metric", "8bit", "--overhead", "1",
            "--pue", "1", "-f", "csv"]
    if catalog:
        args += ["--catalog", catalog]
    rep = subprocess.run(args + [path], capture_output=True, check=True)
    out = {}
    for row in csv.DictReader(io.StringIO(rep.stdout.decode("utf-8"))):
        out[(row["org"], row["quarter"])] = {
            f: number(row[f]) for f, _ in FIGURES if row.get(f)}
    return out


PERCENTILES = [
    ("h100e_low", ["H100e (5th percentile)", "h100e_p5"]),
    ("h100e_high", ["H100e (95th percentile)", "h100e_p95"]),
]
CORRELATIONS = [0, 0.25, 0.5, 0.75, 1]
SLACK = 0.01  # sampling noise of an interval's end, as a share


def epoch_ends(path):
    """{(owner, quarter): {"h100e_low": p5, "h100e_high": p95}}."""
    return epoch_sums(path, PERCENTILES)


def sampled(gpucap, path, catalog, samples, r):
    """{(org, quarter): {"h100e_low": ..., "h100e_high": ...}}."""
    args = [gpucap, "report", "-q", "--metric", "8bit", "--overhead", "1",
            "--pue", "1", "-f", "csv", "--samples", str(samples),
            "--correlation", str(r)]
    if catalog:
        args += ["--catalog", catalog]
    rep = subprocess.run(args + [path], capture_output=True, check=True)
    out = {}
    for row in csv.DictReader(io.StringIO(rep.stdout.decode("utf-8"))):
        out[(row["org"], row["quarter"])] = {
            k: number(row[k]) for k in ("h100e", "h100e_low", "h100e_high")
            if row.get(k)}
    return out


def bracketed(theirs, at0, at1, key):
    """Whether Epoch's ends lie between gpucap's at correlation 1 and 0."""
    p5, p95 = theirs.get("h100e_low"), theirs.get("h100e_high")
    a, b = at0.get(key, {}), at1.get(key, {})
    if None in (p5, p95) or not a or not b:
        return None
    lo_ok = b["h100e_low"] * (1 - SLACK) <= p5 <= a["h100e_low"] * (1 + SLACK)
    hi_ok = a["h100e_high"] * (1 - SLACK) <= p95 <= b["h100e_high"] * (1 + SLACK)
    return lo_ok and hi_ok


def sampling_table(gpucap, found, catalog, samples):
    rows = []
    total = {"bracketed": 0, "n": 0}
    errors = {r: [] for r in CORRELATIONS}
    medians = []
    for name, q, c in found:
        theirs = epoch_ends(c)
        runs = {r: sampled(gpucap, q, catalog, samples, r)
                for r in CORRELATIONS}
        # medians of sampled sums, as Epoch's stocks are
        medians += compare(runs[0.5], epoch_stock(c))["h100e"]
        n = inside = 0
        for key, ends in theirs.items():
            got = bracketed(ends, runs[0], runs[1], key)
            if got is None:
                continue
            n += 1
            inside += got
            for r in CORRELATIONS:
                ours = runs[r].get(key, {})
                for k, _ in PERCENTILES:
                    if ours.get(k) and ends.get(k):
                        errors[r].append(abs(ours[k] / ends[k] - 1))
        total["n"] += n
        total["bracketed"] += inside
        rows.append((name, inside, n))
    print("| export | Epoch's p5 and p95 between gpucap's at R = 1 and R = 0 |")
    print("|---|---|")
    for name, inside, n in rows + [("all", total["bracketed"], total["n"])]:
        print("| %s | %d/%d (%.0f%%) |" % (name, inside, n,
                                         100.0 * inside / n if n else 0))
    print()
    print("| correlation | mean error of p5 and p95 |")
    print("|---|---|")
    for r in CORRELATIONS:
        e = errors[r]
        print("| %g | %.1f%% |" % (r, 100 * sum(e) / len(e) if e else 0))
    print()
    print("sampled medians (R = 0.5) of every stock against Epoch's: "
          "%s within 1%%, %s within 2%%" % (cell(medians, 0.01),
                                           cell(medians, 0.02)))


def compare(ours, theirs):
    """{figure: [(owner, quarter, ours, theirs, relative difference)]}."""
    out = {f: [] for f, _ in FIGURES}
    for key, figs in sorted(theirs.items()):
        for f, want in figs.items():
            got = ours.get(key, {}).get(f)
            if not want:
                continue
            diff = (got - want) / want if got is not None else None
            out[f].append((key[0], key[1], got, want, diff))
    return out


def shares(rows, tol):
    within = sum(1 for r in rows if r[4] is not None and abs(r[4]) <= tol)
    return within, len(rows)


def cell(rows, tol):
    n, total = shares(rows, tol)
    return "%d/%d (%.0f%%)" % (n, total, 100.0 * n / total) if total else "–"


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    gpucap = argv[1]
    rest = argv[2:]
    catalog = None
    if "--catalog" in rest:
        catalog = rest[rest.index("--catalog") + 1]
        rest.remove(catalog)
        rest.remove("--catalog")
    samples = None
    if "--samples" in rest:
        samples = int(rest[rest.index("--samples") + 1])
        rest.remove(str(samples))
        rest.remove("--samples")
    flags = {a for a in rest if a.startswith("--")}
    dirs = [a for a in rest if not a.startswith("--")]
    data = dirs[0] if dirs else os.path.join("..", "shared", "data", "epoch")
    found = pairs(data) if os.path.isdir(data) else []
    if not found:
        print("chip-owner reproduction: skipped (no Epoch AI chip-owner "
              "data in %s)" % data)
        return 0
    if samples:
        sampling_table(gpucap, found, catalog, samples)
        return 0
    header = "| export | h100e ±1% | h100e ±2% | units ±2% | power ±2% |"
    print(header)
    print("|---|---|---|---|---|")
    every = {f: [] for f, _ in FIGURES}
    misses = []
    for name, q, c in found:
        got = compare(gpucap_stock(gpucap, q, catalog), epoch_stock(c))
        for f in every:
            every[f] += got[f]
            misses += [(name, f) + r for r in got[f]
                       if r[4] is None or abs(r[4]) > 0.02]
        print("| %s | %s | %s | %s | %s |" % (
            name, cell(got["h100e"], 0.01), cell(got["h100e"], 0.02),
            cell(got["units"], 0.02), cell(got["power_mw"], 0.02)))
    print("| all | %s | %s | %s | %s |" % (
        cell(every["h100e"], 0.01), cell(every["h100e"], 0.02),
        cell(every["units"], 0.02), cell(every["power_mw"], 0.02)))
    if "--misses" in flags:
        for m in misses:
            print("miss: %s %s %s %s: gpucap %s, Epoch %s (%s)" % (
                m[0], m[1], m[2], m[3],
                "%.6g" % m[4] if m[4] is not None else "none",
                "%.6g" % m[5],
                "%+.2f%%" % (100 * m[6]) if m[6] is not None else "–"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
