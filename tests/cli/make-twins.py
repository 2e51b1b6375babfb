#!/usr/bin/env python3
"""Writes the TSV, JSON and NDJSON twins of every ledgers/*.csv.

The twins say the same as the CSV in the other input formats; the case
cases/formats_agree.cmd checks that gpucap reports each twin with the same
bytes. Run this after adding or changing a CSV ledger (standard library
only): python3 tests/cli/make-twins.py
"""
import csv
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
# Cells that JSON can hold as numbers; the rest stay text ("1,000", "$5M").
NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")


def value(cell):
    if NUMBER.match(cell):
        number = float(cell)
        return int(number) if number.is_integer() and "." not in cell \
            and "e" not in cell.lower() else number
    return cell


def main():
    for path in sorted(glob.glob(os.path.join(HERE, "ledgers", "*.csv"))):
        base = path[:-len(".csv")]
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        objects = [{k: value(c) for k, c in zip(header, row) if c != ""}
                   for row in body]
        with open(base + ".tsv", "w", encoding="utf-8") as f:
            for row in rows:
                f.write("\t".join(row) + "\n")
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(objects, f, indent=1, ensure_ascii=False)
            f.write("\n")
        with open(base + ".ndjson", "w", encoding="utf-8") as f:
            for obj in objects:
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
