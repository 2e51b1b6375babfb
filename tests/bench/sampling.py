#!/usr/bin/env python3
"""make bench, sampling: gpucap --samples against the same sums in NumPy.

The ledger is Epoch AI's Nvidia owners quarterly file when it sits beside
the checkout (../shared/data/epoch/chip-owners-2026-04/), else one of the
same shape written here (8 owners x 17 quarters of purchases, each a
median with its 5th and 95th percentiles, Epoch's canonical columns).
gpucap reports it with --samples N --correlation 0.5 --metric 8bit; the
NumPy program (numpy_stocks below, run by the Python that has NumPy, by
default /usr/bin/python3, Debian's python3-numpy) draws the same
two-piece lognormals with one common factor, sums each draw's purchases
into stocks per owner and quarter (units, H100e, power), works out qoq and
yoy growth per draw, and takes the 5th, 50th and 95th percentiles. Both
print every owner-quarter's median H100e; they must agree within 2% (their
random numbers differ). Prints wall times (median of --runs) of gpucap
on one thread (the target: under 0.3 s) and on two, of NumPy (one
thread), peak RSS and the ratios to gpucap on one thread.

Usage: sampling.py GPUCAP [--samples 10000] [--runs 3] [--python PY]
                          [--epoch DIR] [--dir DIR]
Standard library only; NumPy only in the program it runs.
"""
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import time

TIME = "/usr/bin/time"

NUMPY_PROGRAM = r'''
import csv, sys
import numpy as np

path, samples, r, factors = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
factor, tdp = {}, {}
for row in csv.DictReader(open(factors)):
    factor[row["chip"]] = float(row["factor"])
    tdp[row["chip"]] = float(row["tdp_w"]) if row["tdp_w"] else 0.0

def cell(row, *names):
    for n in names:
        if n in row and row[n] != "":
            return float(row[n].replace(",", ""))
    return None

def quarter(date):
    if "/" in date:
        m, _, y = date.split("/")
    else:
        y, m, _ = date.split("-")
    return int(y) * 4 + (int(m) - 1) // 3

rows = []
for row in csv.DictReader(open(path, newline="")):
    owner = row.get("Owner") or row.get("owner")
    chip = row.get("Chip type") or row.get("chip_type")
    q = quarter(row.get("End date") or row.get("end_date"))
    mid = cell(row, "Number of Units", "units_med")
    lo = cell(row, "Number of Units (5th percentile)", "units_p5")
    hi = cell(row, "Number of Units (95th percentile)", "units_p95")
    rows.append((owner, q, chip, lo, mid, hi))

owners = sorted({o for o, *_ in rows}, key=str.lower)
first = {o: min(q for oo, q, *_ in rows if oo == o) for o in owners}
last = max(q for _, q, *_ in rows)
index, n = {}, 0
for o in owners:
    for q in range(first[o], last + 1):
        index[(o, q)] = n
        n += 1

rng = np.random.default_rng(1)
z = (np.sqrt(r) * rng.standard_normal((samples, 1))
     + np.sqrt(1 - r) * rng.standard_normal((samples, len(rows))))
lo = np.array([x[3] for x in rows]); mid = np.array([x[4] for x in rows])
hi = np.array([x[5] for x in rows])
uncertain = lo < hi
llo, lmid, lhi = np.log(np.where(uncertain, lo, 1)), np.log(np.where(uncertain, mid, 1)), np.log(np.where(uncertain, hi, 1))
s = np.where(z < 0, lmid - llo, lhi - lmid) / 1.6448536269514722
units = np.where(uncertain, np.exp(lmid + s * z), mid)

bought = np.zeros((samples, n)); h100e = np.zeros((samples, n)); watts = np.zeros((samples, n))
for j, (o, q, chip, *_) in enumerate(rows):
    k = index[(o, q)]
    bought[:, k] += units[:, j]
    h100e[:, k] += units[:, j] * factor[chip]
    watts[:, k] += units[:, j] * tdp[chip]
stock_units = np.empty_like(bought); stock_h = np.empty_like(h100e); stock_w = np.empty_like(watts)
qoq = np.full((samples, n), np.nan); yoy = np.full((samples, n), np.nan)
for o in owners:
    a, b = index[(o, first[o])], index[(o, last)] + 1
    stock_units[:, a:b] = np.cumsum(bought[:, a:b], axis=1)
    stock_h[:, a:b] = np.cumsum(h100e[:, a:b], axis=1)
    stock_w[:, a:b] = np.cumsum(watts[:, a:b], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        qoq[:, a + 1:b] = (stock_h[:, a + 1:b] / stock_h[:, a:b - 1] - 1) * 100
        yoy[:, a + 4:b] = (stock_h[:, a + 4:b] / stock_h[:, a:b - 4] - 1) * 100
out = {}
for name, v in (("units", stock_units), ("h100e", stock_h),
                ("power_mw", stock_w / 1e6), ("qoq_pct", qoq), ("yoy_pct", yoy)):
    out[name] = np.nanpercentile(v, [5, 50, 95], axis=0)
for (o, q), k in sorted(index.items(), key=lambda x: x[1]):
    print("%s,%dQ%d,%.10g" % (o, q // 4, q % 4 + 1, out["h100e"][1][k]))
'''


def opt(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def write_ledger(path):
    """8 owners x 17 quarters of purchases, medians with their ends."""
    chips = ["H100/H200", "A100", "B200", "H20"]
    rnd = random.Random(7)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "owner", "chip_type", "start_date", "end_date",
                    "units_p5", "units_med", "units_p95", "incomplete"])
        for o in range(8):
            for q in range(17):
                y, m = 2022 + q // 4, (q % 4) * 3 + 1
                for c in chips[: 1 + (o + q) % 2]:
                    mid = rnd.randint(1000, 50000)
                    w.writerow(["Owner%d %s" % (o, c), "Owner%d" % o, c,
                                "%d-%02d-01" % (y, m),
                                "%d-%02d-28" % (y, m + 2),
                                int(mid * 0.6), mid, int(mid * 1.5),
                                "False"])


def factors(gpucap, ledger, path):
    chips = set()
    for row in csv.DictReader(open(ledger, newline="")):
        chips.add(row.get("Chip type") or row.get("chip_type"))
    out = subprocess.run([gpucap, "catalog", "--metric", "8bit", "-f", "csv"]
                         + sorted(chips), capture_output=True, text=True,
                         check=True).stdout
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["chip", "factor", "tdp_w"])
        for chip, row in zip(sorted(chips), csv.DictReader(io.StringIO(out))):
            w.writerow([chip, row["factor"], row["tdp_w"]])


def timed(cmd, runs, threads=None):
    """(median wall seconds, peak RSS MB, stdout of the last run); with
    threads, gpucap is held to that many (GPUCAP_THREADS)."""
    walls, rss, out = [], 0.0, ""
    env = dict(os.environ)
    if threads is not None:
        env["GPUCAP_THREADS"] = str(threads)
    for _ in range(runs):
        wrapped = [TIME, "-f", "%M"] + cmd if os.path.exists(TIME) else cmd
        start = time.perf_counter()
        p = subprocess.run(wrapped, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - start)
        if p.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr))
        if os.path.exists(TIME):
            rss = max(rss, int(p.stderr.strip().split("\n")[-1]) / 1024)
        out = p.stdout
    return statistics.median(walls), rss, out


def main():
    gpucap = sys.argv[1]
    samples = int(opt("--samples", "10000"))
    runs = int(opt("--runs", "3"))
    python = opt("--python", "/usr/bin/python3")
    folder = opt("--dir", "/tmp/gpucap-bench")
    epoch = opt("--epoch", os.path.join("..", "shared", "data", "epoch"))
    os.makedirs(folder, exist_ok=True)
    ledger = os.path.join(epoch, "chip-owners-2026-04",
                          "nvidia_owners_quarters_by_chip.csv")
    if not os.path.exists(ledger):
        ledger = os.path.join(folder, "owners-quarterly.csv")
        write_ledger(ledger)
    table = os.path.join(folder, "factors.csv")
    factors(gpucap, ledger, table)
    program = os.path.join(folder, "numpy_stocks.py")
    with open(program, "w") as f:
        f.write(NUMPY_PROGRAM)
    command = [gpucap, "report", "-q", "--samples", str(samples),
               "--correlation", "0.5", "--metric", "8bit", "-f", "csv",
               ledger]
    ours = timed(command, runs, threads=1)
    both = timed(command, runs, threads=2)
    theirs = None
    if subprocess.run([python, "-c", "import numpy"],
                      capture_output=True).returncode == 0:
        theirs = timed([python, program, ledger, str(samples), "0.5",
                        table], runs)
    print("sampling: %s, %d draws, correlation 0.5" %
          (os.path.basename(ledger), samples))
    print("| tool | time s | RSS MB | x gpucap (1 thread) |")
    print("|---|---|---|---|")
    print("| gpucap, 1 thread | %.3f | %.1f | 1.00 |" % (ours[0], ours[1]))
    print("| gpucap, 2 threads | %.3f | %.1f | %.2f |" %
          (both[0], both[1], both[0] / ours[0]))
    if theirs is None:
        print("| NumPy (%s) | not installed | | |" % python)
        return 0
    print("| NumPy (%s) | %.3f | %.1f | %.2f |" %
          (python, theirs[0], theirs[1], theirs[0] / ours[0]))
    medians = {}
    for row in csv.DictReader(io.StringIO(ours[2])):
        medians[(row["org"], row["quarter"])] = float(row["h100e"])
    worst = 0.0
    for line in theirs[2].split():
        org, q, v = line.rsplit(",", 2)
        worst = max(worst, abs(float(v) / medians[(org, q)] - 1))
    print("median H100e, gpucap against NumPy: at most %.2f%% apart%s" %
          (100 * worst, "" if worst <= 0.02 else " (OVER 2%)"))
    print("target: under 0.3 s on one core -> %s (%.3f s)" %
          ("met" if ours[0] < 0.3 else "NOT met", ours[0]))
    return 0 if worst <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
