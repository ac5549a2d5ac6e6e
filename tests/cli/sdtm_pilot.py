#!/usr/bin/env python3
"""The CDISC pilot's trial design, regenerated from its protocol and compared with the pilot's own, cell by cell.

    sdtm_pilot.py --planner BUILD/planner --source SRC [--selftest]

`planner sdtm cdiscpilot01-xanomeline-ad --domain TA|TE|TV|TS --studyid CDISCPILOT01` is compared with
examples/cdiscpilot01/{ta,te,tv,ts}.csv. Rows are matched by their SDTM keys (TA: ARMCD and TAETORD, TE: ETCD,
TV: VISITNUM and ARMCD, TS: TSPARMCD and TSSEQ); then every cell of every column of either side is compared.
Every difference must be in the table "Differences from the pilot" of docs/commands/sdtm.md, and every entry of
that table must still be a difference: an undocumented difference fails, and so does a documented one that is
gone. With --selftest, one cell of each dataset is changed and each change must be found.
"""

import argparse
import csv
import io
import os
import re
import subprocess
import sys

KEYS = {"TA": ("ARMCD", "TAETORD"), "TE": ("ETCD",), "TV": ("VISITNUM", "ARMCD"), "TS": ("TSPARMCD", "TSSEQ")}
DOCS = "docs/commands/sdtm.md"
HEADING = "### Differences from the pilot"


def read_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def key_of(domain, row):
    return "/".join(row.get(k, "") for k in KEYS[domain]).rstrip("/")


def differences(domain, pilot, ours):
    """(domain, key, column) of every cell that differs; key '*' for a column only one side has, column
    '(row)' for a row only one side has."""
    (pilot_cols, pilot_rows), (our_cols, our_rows) = pilot, ours
    found = set()
    for col in set(pilot_cols) ^ set(our_cols):
        found.add((domain, "*", col))
    mine = {key_of(domain, r): r for r in our_rows}
    theirs = {key_of(domain, r): r for r in pilot_rows}
    if len(mine) != len(our_rows) or len(theirs) != len(pilot_rows):
        sys.exit(f"{domain}: rows are not unique by {KEYS[domain]}")
    for key in set(mine) ^ set(theirs):
        found.add((domain, key, "(row)"))
    compared = 0
    for key in set(mine) & set(theirs):
        for col in set(pilot_cols) & set(our_cols):
            compared += 1
            if mine[key][col] != theirs[key][col]:
                found.add((domain, key, col))
    return found, compared


def documented(source):
    """The differences table of the docs: | dataset | rows | column | reason |; rows is a comma-separated list of
    keys, or 'all' (every row of the pilot's dataset)."""
    text = open(os.path.join(source, DOCS), encoding="utf-8").read()
    if HEADING not in text:
        sys.exit(f"{DOCS} has no section {HEADING!r}")
    section = text.split(HEADING, 1)[1].split("\n#", 1)[0]
    entries = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or cells[0] in ("dataset", "---"):
            continue
        dataset, rows, column, reason = cells
        if not reason:
            sys.exit(f"{DOCS}: the difference {dataset} {rows} {column} gives no reason")
        keys = [k.strip().strip("`") for k in rows.split(",")]
        entries.append((dataset, keys, column.strip("`")))
    if not entries:
        sys.exit(f"{DOCS}: the section {HEADING!r} lists no difference")
    return entries


def expand(entries, pilot):
    out = set()
    for dataset, keys, column in entries:
        if keys == ["all"]:
            keys = [key_of(dataset, r) for r in pilot[dataset][1]]
        for key in keys:
            out.add((dataset, key, column))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--selftest", action="store_true")
    args = ap.parse_args()
    pilot, ours = {}, {}
    for domain in KEYS:
        path = os.path.join(args.source, "examples", "cdiscpilot01", domain.lower() + ".csv")
        pilot[domain] = read_csv(open(path, encoding="utf-8").read())
        r = subprocess.run([args.planner, "sdtm", "cdiscpilot01-xanomeline-ad", "--domain", domain, "--studyid",
                            "CDISCPILOT01"], cwd=args.source, capture_output=True)
        if r.returncode != 0:
            sys.exit(f"planner sdtm --domain {domain} failed ({r.returncode}): {r.stderr.decode()}")
        ours[domain] = read_csv(r.stdout.decode("utf-8"))
    expected = expand(documented(args.source), pilot)
    found, compared = set(), 0
    for domain in KEYS:
        d, n = differences(domain, pilot[domain], ours[domain])
        found |= d
        compared += n
    if args.selftest:
        missed = []
        for domain in KEYS:
            cols, rows = ours[domain]
            changed = [dict(r) for r in rows]
            col = [c for c in cols if c not in KEYS[domain] and c not in ("STUDYID", "DOMAIN")][1]
            changed[0][col] = changed[0][col] + "x"
            d, _ = differences(domain, pilot[domain], (cols, changed))
            if (domain, key_of(domain, changed[0]), col) not in d:
                missed.append(f"{domain} {col}")
        if missed:
            sys.exit("selftest: changes not found: " + ", ".join(missed))
        print("selftest: every change found")
        return
    problems = []
    for domain, key, col in sorted(found - expected):
        theirs = {key_of(domain, r): r for r in pilot[domain][1]}.get(key, {})
        mine = {key_of(domain, r): r for r in ours[domain][1]}.get(key, {})
        values = f": pilot {theirs.get(col)!r}, planner {mine.get(col)!r}" if col in theirs and col in mine else ""
        problems.append(f"undocumented difference: {domain} {key} {col}{values}")
    for d in sorted(expected - found):
        problems.append(f"documented in {DOCS} but not a difference: {' '.join(d)}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    rows = sum(len(ours[d][1]) for d in KEYS)
    print(f"{compared} cells of {rows} rows compared; {len(found)} documented differences")


if __name__ == "__main__":
    main()
