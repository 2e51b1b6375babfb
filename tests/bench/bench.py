#!/usr/bin/env python3
"""make bench: gpucap against the tools a user would reach for.

Generates purchases ledgers of 1e5, 1e6, 3e6 and 1e7 rows (tests/bench/gen.c:
~50 orgs, 20 models, 2015-2026, quoted org names with commas in 1% of rows,
spend written with $ and suffixes) in CSV, TSV, NDJSON and JSON; times
`gpucap report` on each, and whichever peers are installed doing the same
aggregation (the sum of units x H100e factor by org and quarter): sqlite3,
mawk, and DuckDB through Node (`npm install @duckdb/node-api` in a scratch
folder, never a dependency of gpucap). Every tool's total and group count
must agree with gpucap's. With --floor (tests/bench/csvfloor.c), libcsv's
parser alone with callbacks that only count, on 1 and 2 threads: the floor
for reading CSV, aggregating nothing. Prints wall time (median of --runs),
MB/s, rows/s, peak RSS and each tool's time over gpucap's, then whether
each goal against DuckDB on two threads holds (CSV and TSV 1.25x, NDJSON
and JSON 1x) and how close gpucap comes to the floor.

Usage: bench.py GPUCAP GEN [--sizes 1e5,1e6,3e6,1e7] [--formats csv,tsv,ndjson,json]
                [--runs 3] [--dir DIR] [--duckdb DIR_WITH_NODE_MODULES]
                [--floor CSVFLOOR]
Standard library only.
"""
import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

MODELS = ["H100-SXM", "H100", "B200", "GB200", "A100-SXM-80GB", "A100",
          "V100", "H200", "GH200", "MI300X", "MI250X", "MI325X", "TPU-v4",
          "TPU-v5p", "Gaudi3", "L40S", "H100-PCIe", "B100", "Trainium2",
          "TPU-v6e"]
TIME = "/usr/bin/time"


def opt(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def factors(gpucap):
    """Each model spelling's bf16 H100e factor, as gpucap's catalog has it."""
    out = subprocess.run([gpucap, "catalog", "-f", "csv"] + MODELS,
                         capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    return {m: float(r["factor"]) for m, r in zip(MODELS, rows)}


def run(cmd):
    """(wall seconds, peak RSS in MB, stdout) of one run.  A command whose
    last item is a dict {"input": text} gets that text on standard input."""
    feed = None
    if isinstance(cmd[-1], dict):
        feed, cmd = cmd[-1]["input"], cmd[:-1]
    wrapped = [TIME, "-f", "%e %M"] + cmd if os.path.exists(TIME) else cmd
    start = time.perf_counter()
    p = subprocess.run(wrapped, capture_output=True, text=True,
                       input=feed)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], p.stderr[-500:]))
    rss = float("nan")
    if os.path.exists(TIME):
        rss = int(p.stderr.strip().splitlines()[-1].split()[1]) / 1024
    return wall, rss, p.stdout


def gpucap_totals(out):
    h, groups = 0.0, 0
    for row in csv.DictReader(io.StringIO(out)):
        added = float(row["added_h100e"] or 0)
        h += added
        groups += added > 0
    return groups, h


def gpucap_tool(gpucap):
    def cmd(path, fmt):
        return [gpucap, "report", "-f", "csv", path]
    return cmd, gpucap_totals


def sqlite_tool(f):
    def cmd(path, fmt):
        if fmt not in ("csv", "tsv"):
            return None
        values = ",".join("('%s',%r)" % (m, f[m]) for m in MODELS)
        script = (".mode %s\n.import %s t\n"
                  "SELECT count(*), sum(h) FROM (SELECT org, quarter, "
                  "sum(units * k) AS h FROM t JOIN (SELECT column1 AS m, "
                  "column2 AS k FROM (VALUES %s)) ON model = m "
                  "GROUP BY org, quarter);\n"
                  % ("tabs" if fmt == "tsv" else "csv", path, values))
        return ["sqlite3", ":memory:", {"input": script}]

    def totals(out):  # tabs mode prints its result with a tab
        groups, h = out.strip().replace("\t", ",").split(",")
        return int(groups), float(h)
    return cmd, totals


def mawk_tool(f):
    # A quoted org ("Widgets, Inc.") splits in two at its comma; spend, the
    # last field, is never read.
    # A TSV file has no quotes.
    table = ";".join('k["%s"]=%r' % (m, f[m]) for m in MODELS)
    prog = ("BEGIN{FS=\",\";%s} NR>1{ if (substr($2,1,1)==\"\\\"\") "
            "{o=$2 $3; m=$4; u=$5} else {o=$2; m=$3; u=$4}; "
            "g[o SUBSEP $1]+=u*k[m]} END{for (x in g) {n++; s+=g[x]}; "
            "printf \"%%d,%%.17g\\n\", n, s}" % table)
    tabs = ("BEGIN{FS=\"\\t\";%s} NR>1{g[$2 SUBSEP $1]+=$4*k[$3]} "
            "END{for (x in g) {n++; s+=g[x]}; "
            "printf \"%%d,%%.17g\\n\", n, s}" % table)

    def cmd(path, fmt):
        return (["mawk", prog, path] if fmt == "csv"
                else ["mawk", tabs, path] if fmt == "tsv" else None)

    def totals(out):
        groups, h = out.strip().split(",")
        return int(groups), float(h)
    return cmd, totals


DUCK = """
import { DuckDBInstance } from '@duckdb/node-api';
const [file, fmt, threads, values] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads });
const c = await db.connect();
const src = fmt === 'csv' || fmt === 'tsv'
  ? `read_csv('${file}', header=true, delim='${fmt === 'tsv' ? '\\t' : ','}',
     columns={'quarter':'VARCHAR',
     'org':'VARCHAR','model':'VARCHAR','units':'DOUBLE',
     'spend_usd':'VARCHAR'})`
  : `read_json('${file}', format='${fmt === 'json' ? 'array' :
     'newline_delimited'}')`;
const r = await c.runAndReadAll(`SELECT count(*) AS g, sum(h) AS h FROM
  (SELECT org, quarter, sum(units * k) AS h FROM ${src}
   JOIN (VALUES ${values}) AS t(m, k) ON model = m GROUP BY org, quarter)`);
const o = r.getRowObjects()[0];
console.log(`${Number(o.g)},${o.h}`);
"""


def duckdb_tool(f, folder, threads):
    script = os.path.join(folder, "gpucap-bench.mjs")
    with open(script, "w") as out:
        out.write(DUCK)
    values = ",".join("('%s',%r)" % (m, f[m]) for m in MODELS)

    def cmd(path, fmt):
        return ["node", script, path, fmt, str(threads), values]

    def totals(out):
        groups, h = out.strip().split(",")
        return int(groups), float(h)
    return cmd, totals


def floor_tool(floor, threads):
    """libcsv's csv_parse alone, counting: the floor for reading CSV."""
    def cmd(path, fmt):
        return [floor, path, str(threads)] if fmt == "csv" else None
    return cmd, None


def tools(gpucap):
    f = factors(gpucap)
    found = [("gpucap", gpucap_tool(gpucap))]
    floor = opt("--floor", None)
    if floor and os.path.exists(floor):
        found.append(("libcsv alone 1t", floor_tool(os.path.abspath(floor), 1)))
        found.append(("libcsv alone 2t", floor_tool(os.path.abspath(floor), 2)))
    if shutil.which("sqlite3"):
        found.append(("sqlite3", sqlite_tool(f)))
    if shutil.which("mawk"):
        found.append(("mawk", mawk_tool(f)))
    duck = opt("--duckdb", None)
    if duck and shutil.which("node") and os.path.isdir(
            os.path.join(duck, "node_modules", "@duckdb", "node-api")):
        found.append(("duckdb 2 threads", duckdb_tool(f, duck, 2)))
        found.append(("duckdb 1 thread", duckdb_tool(f, duck, 1)))
    return found


def ledgers(gen, folder, sizes, formats):
    os.makedirs(folder, exist_ok=True)
    out = []
    for n in sizes:
        for fmt in formats:
            path = os.path.join(folder, "%s.%s" % (n, fmt))
            if not os.path.exists(path):
                with open(path, "w") as f:
                    subprocess.run([gen, str(int(float(n))), fmt],
                                   stdout=f, check=True)
            out.append((n, fmt, path))
    return out


def measure(cmd, runs):
    """Median wall time, peak RSS and the last output of runs runs."""
    times, rss = [], []
    for _ in range(runs):
        wall, peak, out = run(cmd)
        times.append(wall)
        rss.append(peak)
    return statistics.median(times), max(rss), out


def targets(results):
    """The goals, each as a line saying whether it holds."""
    lines = []

    def t(tool, fmt, n):
        return results.get((tool, fmt, n), (None, None))[0]

    # issue 20: every format against DuckDB on two threads, at each size
    goal = {"csv": 1.25, "tsv": 1.25, "ndjson": 1.0, "json": 1.0}
    for (tool, fmt, n), (wall, _) in sorted(results.items()):
        duck = t("duckdb 2 threads", fmt, n)
        if tool != "gpucap" or not duck:
            continue
        ratio = duck / wall
        lines.append("%s %s vs DuckDB 2 threads: %.2fx as fast (goal %gx): "
                     "%s" % (n, fmt, ratio, goal[fmt],
                             "holds" if ratio >= goal[fmt] else "NOT met"))
    for n in sorted({k[2] for k in results}):
        ours, floor = t("gpucap", "csv", n), t("libcsv alone 2t", "csv", n)
        if ours and floor:
            lines.append("%s csv: gpucap takes %.2fx the time of libcsv's "
                         "parser alone on 2 threads" % (n, ours / floor))

    csv7, duck = t("gpucap", "csv", "1e7"), t("duckdb 2 threads", "csv", "1e7")
    if csv7 and duck:
        lines.append("1e7 CSV vs DuckDB 2 threads: %.2fx as fast "
                     "(target 1x, stretch 1.25x)" % (duck / csv7))
    awk = t("mawk", "csv", "1e7")
    if csv7 and awk:
        lines.append("1e7 CSV vs mawk: %.2fx as fast (target 5x)"
                     % (awk / csv7))
    json6, duckj = t("gpucap", "json", "1e6"), t("duckdb 2 threads",
                                                  "json", "1e6")
    if json6 and duckj:
        lines.append("1e6 JSON vs DuckDB 2 threads: %.2fx as fast "
                     "(target 1x)" % (duckj / json6))
    for fmt in ("csv", "ndjson", "json"):
        big, small = t("gpucap", fmt, "1e7"), t("gpucap", fmt, "1e6")
        if big and small:
            lines.append("%s: 1e7 rows take %.1fx the 1e6 time (target "
                         "at most 11x)" % (fmt, big / small))
    rss = [v[1] for k, v in results.items() if k[0] == "gpucap"]
    if rss:
        lines.append("gpucap peak RSS, largest: %.1f MB (target under "
                     "20 MB)" % max(rss))
    return lines


def main():
    gpucap, gen = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sizes = opt("--sizes", "1e5,1e6,3e6,1e7").split(",")
    formats = opt("--formats", "csv,tsv,ndjson,json").split(",")
    runs = int(opt("--runs", "3"))
    folder = opt("--dir", "/tmp/gpucap-bench")
    found = tools(gpucap)
    print("machine: %s, %d cores; %d runs each, median"
          % (cpu_name(), os.cpu_count(), runs))
    print("%-17s %-6s %5s %8s %8s %11s %8s %7s  %s" % (
        "tool", "format", "rows", "time s", "MB/s", "rows/s", "RSS MB",
        "ratio", "totals"))
    bad = 0
    results = {}
    for n, fmt, path in ledgers(gen, folder, sizes, formats):
        size_mb = os.path.getsize(path) / 1e6
        base = None
        for name, (cmd_of, totals_of) in found:
            cmd = cmd_of(path, fmt)
            if cmd is None:
                continue
            wall, rss, out = measure(cmd, runs)
            results[(name, fmt, n)] = (wall, rss)
            if totals_of is None:  # parses only: nothing to compare
                print("%-17s %-6s %5s %8.3f %8.0f %11.0f %8.1f %6.2fx  %s" % (
                    name, fmt, n, wall, size_mb / wall, float(n) / wall,
                    rss, wall / base[0], "(parse only)"), flush=True)
                continue
            got = totals_of(out)
            if base is None:
                base = (wall, got)
            same = got[0] == base[1][0] and \
                abs(got[1] - base[1][1]) <= 1e-9 * abs(base[1][1])
            bad += not same
            print("%-17s %-6s %5s %8.3f %8.0f %11.0f %8.1f %6.2fx  %s" % (
                name, fmt, n, wall, size_mb / wall, float(n) / wall, rss,
                wall / base[0],
                "same" if same else "DIFFERENT %r" % (got,)), flush=True)
    for line in targets(results):
        print(line)
    return 1 if bad else 0


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
