#!/usr/bin/env python3
"""A roster's calendar as one JSON document, read back by Python's json module and compared with the CSV.

For each cohort below, `calendar --format json` must be one JSON document (json.load), {"protocol", "subjects"},
whose subjects' visits, in order, are the rows of `calendar --format csv` for the same arguments, cell by cell
(activities joined with ';'; time and duration where the CSV has those columns; time_zone the site's). The
cohorts cover capacity at three sites, strata, re-planning from actual visits, the SDTM DM and SV, dosing periods and
timed visits at a site with a time zone.
Usage: cohort_json.py --planner PATH --source DIR --scratch DIR
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys

NAHM = ["nahm2023-autologous-serum-ad", "--roster", "examples/roster-3sites.csv", "--sites", "examples/sites.toml"]
PILOT = ["cdiscpilot01-xanomeline-ad"]


def compare(planner, source, args):
    run = lambda fmt: subprocess.run([planner, "calendar", *args, "--format", fmt, "-q"], cwd=source, check=True,
                                     capture_output=True, text=True).stdout
    document = json.loads(run("json"))
    rows = list(csv.DictReader(io.StringIO(run("csv"))))
    problems = []
    if set(document) != {"protocol", "subjects"}:
        problems.append(f"document keys {sorted(document)}")
    visits = [(s, v) for s in document["subjects"] for v in s["visits"]]
    if len(visits) != len(rows) or not rows:
        problems.append(f"{len(visits)} JSON visits for {len(rows)} CSV rows")
    for (s, v), row in zip(visits, rows):
        if s["protocol"] != document["protocol"]:
            problems.append(f"subject {s['subject']['id']}: protocol {s['protocol']}")
        got = {"subject": s["subject"]["id"], "arm": s["subject"]["arm"], "site": s["subject"]["site"],
               **({"stratum": s["subject"].get("stratum", "")} if "stratum" in row else {}),
               **{k: str(v[k]) for k in ["visit", "label", "epoch", "study_day", "target", "earliest", "latest",
                                         "scheduled", "shift", "status"]},
               "activities": ";".join(v["activities"])}
        if "time" in row:
            got["time"] = v.get("time", "")
            got["duration"] = v.get("duration", "")
        if got != row:
            problems.append(f"JSON {got} != CSV {row}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--scratch", required=True)
    a = ap.parse_args()
    os.makedirs(a.scratch, exist_ok=True)
    timed_roster = os.path.join(a.scratch, "timed-roster.csv")
    with open(timed_roster, "w") as f:
        f.write("subject,arm,site,day1\nT1,SERUM,BER,2026-03-25\nT2,SERUM,BER,2026-10-21\n")
    cohorts = [
        NAHM,
        NAHM + ["--actuals", "tests/testdata/cohort/visits.csv", "--threads", "2"],
        PILOT + ["--roster-sdtm", "tests/testdata/cohort/dm.csv", "--actuals-sdtm", "tests/testdata/cohort/sv.csv"],
        PILOT + ["--roster", "tests/testdata/cohort/cdiscpilot-3arms.csv", "--closed", "sat,sun"],
        ["bajaj2008-autologous-serum-cu", "--roster", "tests/testdata/cohort/bajaj-strata.csv"],
        ["tests/testdata/time/timed.toml", "--roster", timed_roster, "--sites", "tests/testdata/time/berlin.toml"],
    ]
    failures = 0
    for args in cohorts:
        problems = compare(a.planner, a.source, args)
        for p in problems[:5]:
            print(f"{' '.join(args)}: {p}", file=sys.stderr)
        failures += bool(problems)
    timed = json.loads(subprocess.run([a.planner, "calendar", *cohorts[-1], "--format", "json"], cwd=a.source,
                                      check=True, capture_output=True, text=True).stdout)
    zones = {v.get("time_zone") for s in timed["subjects"] for v in s["visits"]}
    if zones != {"Europe/Berlin"}:
        print(f"timed visits at BER: time zones {zones}", file=sys.stderr)
        failures += 1
    print(f"{len(cohorts)} cohorts, {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
