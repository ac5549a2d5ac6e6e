#!/usr/bin/env python3
"""A calendar update (calendar --format ics --previous) read back by python-icalendar, as an app would.

A roster's calendar is issued (weekends closed), then re-planned with the Korean holidays closed and the last
subject withdrawn, once plainly and once as an update of the first. For every UID, what the update must say
follows from comparing the first calendar with the plain re-plan:
  changed (date or text)  -> SEQUENCE + 1, DTSTAMP = the update's stamp, the new DTSTART
  unchanged               -> SEQUENCE and DTSTAMP of the first calendar
  no longer planned       -> STATUS:CANCELLED, SEQUENCE + 1, the update's stamp, the old DTSTART
Usage: ics_update.py --planner PATH --source DIR --scratch DIR
"""
import argparse
import datetime
import os
import subprocess
import sys

import icalendar

FIRST = "2026-11-25T09:00:00Z"
UPDATE = "2026-12-01T08:00:00Z"
SHOWN = ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS")


def events(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = {}
    for e in cal.walk("VEVENT"):
        uid = str(e["UID"])
        assert uid not in out, f"{path}: UID {uid} twice"
        out[uid] = e
    return out


def shown(e):
    return tuple(e.decoded(k) if k in e else None for k in SHOWN)


def stamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--scratch", required=True)
    a = ap.parse_args()
    os.makedirs(a.scratch, exist_ok=True)
    with open(os.path.join(a.source, "examples/roster-3sites.csv"), encoding="utf-8") as f:
        rows = f.read().splitlines()
    roster = os.path.join(a.scratch, "roster-less-one.csv")
    with open(roster, "w", encoding="utf-8") as f:
        f.write("\n".join(rows[:-1]) + "\n")  # the last subject withdrawn

    def planner(out, *args):
        cmd = [a.planner, "calendar", "nahm2023-autologous-serum-ad", "--format", "ics", "--remind", "P1D",
               "--closed", "sat,sun", "--output", os.path.join(a.scratch, out), *args]
        subprocess.run(cmd, cwd=a.source, check=True, stderr=subprocess.DEVNULL)
        return events(os.path.join(a.scratch, out))

    first = planner("first.ics", "--roster", "examples/roster-3sites.csv", "--stamp", FIRST)
    holidays = ["--roster", roster, "--holidays", "examples/holidays-kr-2026.txt", "--stamp", UPDATE]
    plain = planner("plain.ics", *holidays)
    update = planner("update.ics", *holidays, "--previous", os.path.join(a.scratch, "first.ics"))

    assert set(update) == set(first) | set(plain), "the update has every event of both calendars"
    counts = {"changed": 0, "unchanged": 0, "cancelled": 0}
    for uid, old in first.items():
        new = update[uid]
        seq = int(old.get("SEQUENCE", 0))
        if uid not in plain:
            counts["cancelled"] += 1
            assert str(new["STATUS"]) == "CANCELLED", uid
            assert int(new["SEQUENCE"]) == seq + 1, uid
            assert new.decoded("DTSTART") == old.decoded("DTSTART"), uid
            assert new.decoded("DTSTAMP") == stamp(UPDATE), uid
            continue
        changed = shown(old) != shown(plain[uid])
        counts["changed" if changed else "unchanged"] += 1
        assert shown(new) == shown(plain[uid]), f"{uid}: the update shows what the plain re-plan shows"
        assert int(new["SEQUENCE"]) == seq + changed, f"{uid}: SEQUENCE {new['SEQUENCE']}, was {seq}"
        assert new.decoded("DTSTAMP") == (stamp(UPDATE) if changed else old.decoded("DTSTAMP")), uid
    for uid in set(plain) - set(first):  # none here (no subject was added), but a new one would be SEQUENCE 0
        assert int(update[uid]["SEQUENCE"]) == 0, uid
    assert all(counts.values()), counts  # each case occurs, so each is checked
    print(counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
