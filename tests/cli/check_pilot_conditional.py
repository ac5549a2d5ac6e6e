#!/usr/bin/env python3
"""Issue 16 part 6: `planner check` on the CDISC pilot recognises AE FOLLOW-UP (VISITNUM 101) and RETRIEVAL
(VISITNUM 201) as the protocol's conditional visits: none of their records is `not-in-protocol`, and every one
of them (of a subject with a plan) is `conditional`.

    check_pilot_conditional.py --planner BUILD/planner --source SRC

The expected counts are read from examples/cdiscpilot01/sv.csv and dm.csv, not written here.
"""

import argparse
import csv
import io
import os
import subprocess
import sys

ARMS = {"Pbo", "Xan_Lo", "Xan_Hi"}
CONDITIONAL = {"101": "AEFU", "201": "RET"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    data = os.path.join(args.source, "examples", "cdiscpilot01")
    dm = list(csv.DictReader(open(os.path.join(data, "dm.csv"), encoding="utf-8")))
    planned = {r["USUBJID"] for r in dm if r["RFSTDTC"] and r["ARMCD"] in ARMS}
    sv = list(csv.DictReader(open(os.path.join(data, "sv.csv"), encoding="utf-8")))
    expected = {visit: sum(1 for r in sv if r["VISITNUM"] == num and r["USUBJID"] in planned)
                for num, visit in CONDITIONAL.items()}
    names = {r["VISIT"].upper() for r in sv if r["VISITNUM"] in CONDITIONAL}
    r = subprocess.run([args.planner, "check", "cdiscpilot01-xanomeline-ad", "--roster-sdtm",
                        os.path.join(data, "dm.csv"), "--actuals-sdtm", os.path.join(data, "sv.csv"), "--format",
                        "csv"], capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"planner check failed ({r.returncode}): {r.stderr.decode()}")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))
    problems = []
    for row in rows:
        if row["verdict"] == "not-in-protocol" and (row["visit"].upper() in names or row["visit"] in expected):
            problems.append(f"line {row['line']}: {row['subject']} {row['visit']} is not-in-protocol")
    for visit, count in expected.items():
        got = sum(1 for row in rows if row["visit"] == visit and row["verdict"] == "conditional")
        if count == 0 or got != count:
            problems.append(f"{visit}: {got} conditional records, sv.csv has {count}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(", ".join(f"{v}: {n} records, all conditional" for v, n in expected.items()) + "; 0 not-in-protocol")


if __name__ == "__main__":
    main()
