#!/usr/bin/env python3
"""Timed visits across daylight-saving changes, read back by python-icalendar as an app would.

For Europe/Berlin, America/New_York and Asia/Seoul, a site in that zone with visits at 09:00 local a week apart,
the first before and the second after a change of the zone's UTC offset (Seoul has none: its offset stays). Each
DTSTART must carry the site's TZID and read 09:00; the calendar's own VTIMEZONE (not the reader's tz database)
must turn it into the UTC instant Python's zoneinfo gives for 09:00 local on that day, which is the one stated
below.
Usage: ics_timezones.py --planner PATH --source DIR --scratch DIR
"""
import argparse
import datetime
import os
import subprocess
import sys
import zoneinfo

import icalendar

UTC = datetime.timezone.utc
CASES = [  # zone, Day 1, the UTC start of the two visits
    ("Europe/Berlin", "2026-03-25", ["2026-03-25 08:00", "2026-04-01 07:00"]),
    ("Europe/Berlin", "2026-10-21", ["2026-10-21 07:00", "2026-10-28 08:00"]),
    ("America/New_York", "2026-03-04", ["2026-03-04 14:00", "2026-03-11 13:00"]),
    ("America/New_York", "2026-10-28", ["2026-10-28 13:00", "2026-11-04 14:00"]),
    ("Asia/Seoul", "2026-03-25", ["2026-03-25 00:00", "2026-04-01 00:00"]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--scratch", required=True)
    a = ap.parse_args()
    os.makedirs(a.scratch, exist_ok=True)
    protocol = os.path.join(a.source, "tests/testdata/time/timed.toml")
    failures = 0
    for zone, day1, expected in CASES:
        sites = os.path.join(a.scratch, "sites.toml")
        with open(sites, "w") as f:
            f.write(f'format = 1\n[[site]]\nid = "X"\ntime_zone = "{zone}"\n')
        ics = subprocess.run([a.planner, "calendar", protocol, "--day1", day1, "--site", "X", "--sites", sites,
                              "--format", "ics"], check=True, capture_output=True).stdout
        cal = icalendar.Calendar.from_ical(ics)
        vtimezones = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
        starts = []
        for e in cal.walk("VEVENT"):
            prop = e["DTSTART"]
            tzid = prop.params.get("TZID")
            local = prop.dt.replace(tzinfo=None)
            if tzid != zone or local.time() != datetime.time(9, 0) or tzid not in vtimezones:
                print(f"{zone} {day1}: DTSTART {prop.to_ical()!r} TZID {tzid}: expected 09:00 in {zone} with its "
                      "VTIMEZONE")
                failures += 1
                continue
            by_vtimezone = vtimezones[tzid].localize(local).astimezone(UTC)
            by_zoneinfo = local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(UTC)
            if by_vtimezone != by_zoneinfo:
                print(f"{zone} {local}: the VTIMEZONE gives {by_vtimezone}, the tz database {by_zoneinfo}")
                failures += 1
            starts.append(by_vtimezone.strftime("%Y-%m-%d %H:%M"))
        if starts != expected:
            print(f"{zone} {day1}: UTC starts {starts}, expected {expected}")
            failures += 1
    if failures:
        sys.exit(1)
    print(f"{len(CASES)} zones and days: 09:00 local at the UTC instants of the tz database")


if __name__ == "__main__":
    main()
