#!/usr/bin/env python3
"""Checks planner report pages with tools independent of planner.

  report_html.py parse FILE...            every file parses with html5lib in strict mode (zero parse errors)
  report_html.py browser [--hostile] PLANNER ARGS...
                                          runs `planner report ARGS` and `planner calendar ARGS --format csv`,
                                          loads the page in headless chromium (--dump-dom) and checks the DOM:
                                          every section present, as many visit marks as calendar CSV rows, no
                                          <script>, <img> or on* attribute, no javascript: link; with --hostile
                                          the labels of tests/testdata/report/hostile.toml are shown as text.
  report_html.py workload PLANNER ARGS...
                                          loads `planner report ARGS` in headless chromium and checks that the
                                          weeks of its workload charts (each bar group's <title>) give the
                                          visits and doses of `planner load ARGS --format csv`, site by site.
  report_html.py aggregated PLANNER PROTOCOL SITES
                                          writes a roster of 1,001 subjects (one more than the scale rule names)
                                          at the sites of SITES, reports it and checks the aggregated page: zero
                                          html5lib errors, every section in chromium's DOM, no subject named in the
                                          month calendars or the agenda.
  report_html.py card-pages PLANNER ARGS...
                                          prints the first participant card of `planner report ARGS` alone
                                          to PDF in headless chromium: it must fit one page (A4).

Exit 77 (ctest SKIP_RETURN_CODE) when html5lib or chromium is not installed: `.ci/deps` installs both.
"""
import csv
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
SECTIONS = ("timeline", "months", "agenda", "workload", "soa", "card")


def parse(files):
    try:
        import html5lib
    except ImportError:
        print("SKIP: python3-html5lib is not installed (apt-get install python3-html5lib, or .ci/deps)")
        return SKIP
    failed = 0
    for name in files:
        parser = html5lib.HTMLParser(strict=False)
        with open(name, "rb") as f:
            parser.parse(f, transport_encoding="utf-8")
        for position, code, data in parser.errors:
            print(f"{name}:{position[0]}:{position[1]}: {code} {data}")
            failed += 1
        strict = html5lib.HTMLParser(strict=True)  # raises on the first error, as the issue asks
        with open(name, "rb") as f:
            try:
                strict.parse(f, transport_encoding="utf-8")
            except html5lib.html5parser.ParseError as e:
                print(f"{name}: strict parse error: {e}")
                failed += 1
    print(f"{len(files)} files, {failed} parse errors")
    return 1 if failed else 0


class Dom(html.parser.HTMLParser):
    """What the test looks for in chromium's serialised DOM."""

    def __init__(self):
        super().__init__()
        self.ids, self.marks, self.problems, self.text = set(), 0, [], []
        self.week_titles, self.in_week, self.in_title, self.site = [], False, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "visit-mark" in (attrs.get("class") or "").split():
            self.marks += 1
        if tag == "section":
            self.site = None
        if tag == "h3":
            self.site = ""
        self.in_week = self.in_week or (tag == "g" and attrs.get("class") == "week")
        self.in_title = tag == "title" and self.in_week
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}> attribute")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        if tag == "g":
            self.in_week = False
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self.site == "" and data.startswith("Site "):  # the <h3> of a site in the workload section
            self.site = data[5:].split(":")[0]
        if self.in_title:
            self.week_titles.append((self.site or "", data))


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    return None


def browser(planner, args, hostile):
    browser_name = chromium()
    if not browser_name:
        print("SKIP: chromium is not installed (apt-get install chromium, or .ci/deps)")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        subprocess.run([planner, "report", *args, "--output", page], check=True)
        calendar_args = [a for a in args if a not in ("--blind",)]
        for option in ("--as-of",):
            if option in calendar_args:
                i = calendar_args.index(option)
                del calendar_args[i:i + 2]
        rows = subprocess.run([planner, "calendar", *calendar_args, "--format", "csv"], check=True,
                              capture_output=True, text=True).stdout
        expected = len(list(csv.DictReader(io.StringIO(rows))))
        dom = dump_dom(browser_name, page, tmp)
    if dom.returncode != 0 or "<html" not in dom.stdout:
        print(f"chromium failed ({dom.returncode}):\n{dom.stderr}")
        return 1
    parsed = Dom()
    parsed.feed(dom.stdout)
    failed = [f"section #{s} missing" for s in SECTIONS if s not in parsed.ids]
    if parsed.marks != expected:
        failed.append(f"{parsed.marks} visit marks in the DOM, {expected} rows in the calendar CSV")
    failed += parsed.problems
    text = "".join(parsed.text)
    if hostile:
        for shown in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'):
            if shown not in text:
                failed.append(f"{shown!r} is not shown as text")
    for f in failed:
        print("FAIL:", f)
    print(f"{len(SECTIONS)} sections checked, {parsed.marks} visit marks, {expected} calendar rows")
    return 1 if failed else 0


def dump_dom(browser_name, page, tmp):
    return subprocess.run([browser_name, "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={tmp}/profile", "--dump-dom", "file://" + page],
                          capture_output=True, text=True, timeout=120)


def workload(planner, args):
    """The report's weekly bars against `planner load`: the same (site, week, visits, doses), empty weeks aside."""
    browser_name = chromium()
    if not browser_name:
        print("SKIP: chromium is not installed (apt-get install chromium, or .ci/deps)")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        subprocess.run([planner, "report", *args, "--output", page], check=True)
        dom = dump_dom(browser_name, page, tmp)
    load_args = [a for a in args if a not in ("--blind",)]
    if "--as-of" in load_args:
        i = load_args.index("--as-of")
        del load_args[i:i + 2]
    rows = subprocess.run([planner, "load", *load_args, "--format", "csv"], check=True, capture_output=True,
                          text=True).stdout
    expected = [(r["site"], r["period"], int(r["visits"]), int(r["doses"])) for r in csv.DictReader(io.StringIO(rows))]
    parsed = Dom()
    parsed.feed(dom.stdout)
    drawn = []
    for site, title in parsed.week_titles:
        m = re.match(r"(\d{4}-W\d\d): (\d+) visits?, (\d+) doses?", title)
        if m and int(m.group(2)) > 0:
            drawn.append((site, m.group(1), int(m.group(2)), int(m.group(3))))
    for want, got in zip(expected, drawn):
        if want != got:
            print(f"FAIL: planner load says {want}, the report draws {got}")
            return 1
    if len(expected) != len(drawn) or not expected:
        print(f"FAIL: {len(expected)} site-weeks in planner load, {len(drawn)} drawn")
        return 1
    print(f"{len(drawn)} site-weeks drawn, each as planner load counts it")
    return 0


NAMED_SUBJECTS = 1000  # kReportNamedSubjects (planner/io/write/report.h)


def aggregated(planner, protocol, sites_file):
    browser_name = chromium()
    if not browser_name:
        print("SKIP: chromium is not installed (apt-get install chromium, or .ci/deps)")
        return SKIP
    sites = re.findall(r'^id = "([^"]+)"', open(sites_file, encoding="utf-8").read(), re.M)
    with tempfile.TemporaryDirectory() as tmp:
        roster, page = os.path.join(tmp, "roster.csv"), os.path.join(tmp, "report.html")
        with open(roster, "w", encoding="utf-8") as f:
            f.write("subject,arm,site,day1\n")
            for i in range(NAMED_SUBJECTS + 1):  # Day 1 on the weekdays of January to March 2026
                day = 5 + (i * 7) % 60
                f.write(f"S{i:04d},{'SALINE' if i % 2 else 'SERUM'},{sites[i % len(sites)]},"
                        f"2026-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}\n")
        subprocess.run([planner, "report", protocol, "--roster", roster, "--sites", sites_file, "--output", page, "-q"],
                       check=True)
        failed = parse([page])
        if failed == SKIP:
            return SKIP
        dom = dump_dom(browser_name, page, tmp)
        text = open(page, encoding="utf-8").read()
    parsed = Dom()
    parsed.feed(dom.stdout)
    problems = [f"section #{s} missing" for s in SECTIONS if s not in parsed.ids]
    for section in ("months", "agenda"):
        start = text.index(f'<section id="{section}">')
        body = text[start:text.index("</section>", start)]
        if re.search(r"S\d{4}", body):
            problems.append(f"#{section} names a subject")
        if f"more than {NAMED_SUBJECTS}" not in body:
            problems.append(f"#{section} does not say it is aggregated")
    for p in problems:
        print("FAIL:", p)
    print(f"{NAMED_SUBJECTS + 1} subjects: {len(text)} bytes, {len(SECTIONS)} sections checked")
    return 1 if failed or problems else 0


def card_pages(planner, args):
    browser_name = chromium()
    if not browser_name:
        print("SKIP: chromium is not installed (apt-get install chromium, or .ci/deps)")
        return SKIP
    page = subprocess.run([planner, "report", *args], check=True, capture_output=True, text=True).stdout
    start, end = page.index('<article class="card">'), page.index("</article>") + len("</article>")
    card = page[:page.index("<body>") + len("<body>")] + page[start:end] + "\n</body>\n</html>\n"
    with tempfile.TemporaryDirectory() as tmp:
        html_file, pdf = os.path.join(tmp, "card.html"), os.path.join(tmp, "card.pdf")
        with open(html_file, "w", encoding="utf-8") as f:
            f.write(card)
        subprocess.run([browser_name, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + html_file],
                       capture_output=True, timeout=120)
        with open(pdf, "rb") as f:
            counts = re.findall(rb"/Count (\d+)", f.read())
    if not counts:
        print("FAIL: chromium wrote no PDF page count")
        return 1
    pages = max(int(c) for c in counts)
    print(f"the card prints on {pages} page(s)")
    return 0 if pages == 1 else 1


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if sys.argv[1] == "parse":
        return parse(sys.argv[2:])
    if sys.argv[1] == "workload":
        return workload(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "aggregated" and len(sys.argv) == 5:
        return aggregated(*sys.argv[2:5])
    if sys.argv[1] == "card-pages":
        return card_pages(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "browser":
        hostile = sys.argv[2] == "--hostile"
        rest = sys.argv[3:] if hostile else sys.argv[2:]
        return browser(rest[0], rest[1:], hostile)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
