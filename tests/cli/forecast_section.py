#!/usr/bin/env python3
"""The report's forecast section is the forecast page's, byte for byte.

forecast_section.py PLANNER PROTOCOL --sites S --roster R --cutoff D --target N --runs R [--seed S]
runs `planner forecast ... --format html` and `planner report ... --forecast-target N` (same options) and
compares their <section id="forecast"> elements. Exit 0 when equal, 1 when not.
"""
import re
import subprocess
import sys


def section(page):
    start = page.find('<section id="forecast">')
    if start < 0:
        return None
    depth = 0
    for tag in re.finditer(r"<(/?)section\b", page[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[start:start + tag.end() + 1]  # the ">" of </section>
    return None


def main():
    planner, protocol, options = sys.argv[1], sys.argv[2], sys.argv[3:]
    forecast = subprocess.run([planner, "forecast", protocol, *options, "--format", "html"],
                              check=True, capture_output=True, text=True).stdout
    report_options = ["--forecast-target" if o == "--target" else o for o in options]
    report = subprocess.run([planner, "report", protocol, *report_options],
                            check=True, capture_output=True, text=True).stdout
    a, b = section(forecast), section(report)
    if a is None or b is None:
        print("no <section id=\"forecast\"> in the", "forecast page" if a is None else "report")
        return 1
    if a != b:
        print("the sections differ:\n--- forecast\n" + a + "\n--- report\n" + b)
        return 1
    if b.count("<svg") == 0:
        print("the section has no fan chart")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
