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
  report_html.py check-numbers PLANNER PROTOCOL (--roster CSV --actuals LOG | --roster-sdtm DM --actuals-sdtm SV)
                                          [--sites TOML] [--as-of DATE]
                                          the check section of `planner report ARGS` has the same totals,
                                          per-visit and per-subject tables as `planner check ... --format summary`,
                                          and each subject's record columns add up to its RECORDS, whose sum is
                                          the number of records in the visit log.
  report_html.py screenshots PLANNER OUTDIR ARGS...
                                          each view (timeline, months, agenda, workload, soa, check, card) of `planner report ARGS`
                                          alone on a page, shot by headless chromium (--screenshot) into
                                          OUTDIR/report-<view>.png, and checked: a PNG of the window's size,
                                          of a sane file size, not blank (many colours, enough non-white pixels).
                                          OUTDIR "-": a temporary directory (the test).
  report_html.py console-selftest         the console check finds the errors of a page whose script and image
                                          the report's Content-Security-Policy blocks
  report_html.py blank-selftest           the screenshot check refuses a blank (white) PNG and accepts docs/images
  report_html.py card-pages PLANNER ARGS...
                                          prints the first participant card of `planner report ARGS` alone
                                          to PDF in headless chromium: it must fit one page, of the paper size
                                          asked for (A4, or Letter with --paper letter).

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
import struct
import tempfile
import zlib

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


def without(args, flags=(), options=()):
    """`args` less the given flags and the given options with their values (the report's arguments made fit for
    the command a test compares it with)."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in options:
            skip = True
        elif a not in flags:
            out.append(a)
    return out


def chromium_or_skip():
    """The browser's name, or None after saying the test is skipped (the caller returns SKIP)."""
    name = chromium()
    if not name:
        print("SKIP: chromium is not installed (apt-get install chromium, or .ci/deps)")
    return name


def browser(planner, args, hostile):
    browser_name = chromium_or_skip()
    if not browser_name:
        return SKIP
    dom = report_dom(browser_name, planner, args)
    # calendar --actuals refuses a log with duplicates: the same rows without it
    calendar_args = without(args, flags=("--blind",), options=("--as-of", "--actuals"))
    rows = subprocess.run([planner, "calendar", *calendar_args, "--format", "csv"], check=True,
                          capture_output=True, text=True).stdout
    expected = len(list(csv.DictReader(io.StringIO(rows))))
    if dom.returncode != 0 or "<html" not in dom.stdout:
        print(f"chromium failed ({dom.returncode}):\n{dom.stderr}")
        return 1
    parsed = Dom()
    parsed.feed(dom.stdout)
    sections = SECTIONS + (("check",) if "--actuals" in args else ())
    failed = [f"section #{s} missing" for s in sections if s not in parsed.ids]
    if parsed.marks != expected:
        failed.append(f"{parsed.marks} visit marks in the DOM, {expected} rows in the calendar CSV")
    failed += parsed.problems
    failed += [f"console: {line}" for line in console_errors(dom.stderr)]
    text = "".join(parsed.text)
    if hostile:
        for shown in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'):
            if shown not in text:
                failed.append(f"{shown!r} is not shown as text")
    for f in failed:
        print("FAIL:", f)
    print(f"{len(sections)} sections checked, {parsed.marks} visit marks, {expected} calendar rows")
    return 1 if failed else 0


def dump_dom(browser_name, page, tmp):
    """Chromium's DOM of the page; its console (logged to stderr) is kept for console_errors()."""
    return subprocess.run([browser_name, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                           "--v=0", f"--user-data-dir={tmp}/profile", "--dump-dom", "file://" + page],
                          capture_output=True, text=True, timeout=120)


def report_dom(browser_name, planner, args):
    """`planner report ARGS` written to a temporary file and loaded by chromium: dump_dom's result."""
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        subprocess.run([planner, "report", *args, "--output", page], check=True)
        return dump_dom(browser_name, page, tmp)


def console_errors(stderr):
    """The page's console messages in chromium's log: any is an error here (a blocked script or resource, a
    Content-Security-Policy violation), since the report has no script that could log on purpose."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def workload(planner, args):
    """The report's weekly bars against `planner load`: the same (site, week, visits, doses), empty weeks aside."""
    browser_name = chromium_or_skip()
    if not browser_name:
        return SKIP
    dom = report_dom(browser_name, planner, args)
    load_args = without(args, flags=("--blind",), options=("--as-of",))
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
    browser_name = chromium_or_skip()
    if not browser_name:
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
    problems += [f"console: {line}" for line in console_errors(dom.stderr)]
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


class Tables(html.parser.HTMLParser):
    """The rows (lists of cell texts) of each table with an id, and the text of <p class="totals">."""

    def __init__(self):
        super().__init__()
        self.tables, self.table, self.row, self.cell, self.totals, self.in_totals = {}, None, None, None, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self.table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "p" and attrs.get("class") == "totals":
            self.in_totals = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None
        elif tag == "p":
            self.in_totals = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.in_totals:
            self.totals += data


def visit_log_records(args):
    """The records of the visit log the arguments name (--actuals or --actuals-sdtm): its rows after the header."""
    log = args[args.index("--actuals-sdtm" if "--actuals-sdtm" in args else "--actuals") + 1]
    with open(log, newline="", encoding="utf-8") as f:
        return sum(1 for row in csv.reader(f) if row) - 1


def subject_sums(rows, records):
    """Each subject's record columns (those between RECORDS and MISSED: in window, early, late, other,
    unscheduled, not planned and, for a protocol with events, conditional) add up to its RECORDS, and the RECORDS
    of all subjects to the records of the visit log."""
    if len(rows) < 2 or rows[0][1] != "RECORDS" or rows[0][-1] != "MISSED":
        return [f"check-per-subject: unexpected header {rows[:1]}"]
    failed = [f"check-per-subject {row[0]}: RECORDS {row[1]} != {' + '.join(row[2:-1])} ({', '.join(rows[0][2:-1])})"
              for row in rows[1:] if int(row[1]) != sum(int(c) for c in row[2:-1])]
    total = sum(int(row[1]) for row in rows[1:])
    if total != records:
        failed.append(f"check-per-subject: {total} records in all, the visit log has {records}")
    return failed


def check_numbers(planner, args):
    page = subprocess.run([planner, "report", *args], check=True, capture_output=True, text=True).stdout
    # check plans without site closures: the sites file changes nothing it counts
    check_args = without(args, options=("--sites",))
    summary = subprocess.run([planner, "check", *check_args, "--format", "summary"], capture_output=True,
                             text=True).stdout
    # check's summary: "per visit", a table, "per subject", a table, then "N rows: ..."
    blocks = summary.split("\n\n")
    visits = [line.split() for line in blocks[1].splitlines()[1:]]
    subjects = [line.split() for line in blocks[2].splitlines()[1:]]
    totals = blocks[3].strip()
    parsed = Tables()
    parsed.feed(page)
    failed = []
    for name, expected in (("check-per-visit", visits), ("check-per-subject", subjects)):
        got = [[c.replace(" ", "") for c in row] for row in parsed.tables.get(name, [])]
        want = [[c.replace(" ", "") for c in row] for row in expected]
        if got[1:] != want[1:] or len(got) < 2:
            failed.append(f"{name}: report {got[1:]} != check {want[1:]}")
    if parsed.totals.strip() != totals:
        failed.append(f"totals: report {parsed.totals.strip()!r} != check {totals!r}")
    failed += subject_sums(parsed.tables.get("check-per-subject", []), visit_log_records(args))
    for f in failed:
        print("FAIL:", f)
    print(f"{len(visits) - 1} visits, {len(subjects) - 1} subjects compared; check says: {totals}")
    return 1 if failed else 0


VIEWS = ("timeline", "months", "agenda", "workload", "soa", "check", "card")
WINDOW = (1000, 700)  # the screenshot's size in CSS pixels (device scale 1)


def png_pixels(data):
    """(width, height, rows of RGB tuples) of an 8-bit RGB, RGBA or palette PNG, decoded with zlib alone (no PIL)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, depth, kind, palette = 8, b"", 0, 0, 0, 0, []
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if tag == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
        elif tag == b"IDAT":
            idat += body
        elif tag == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        pos += 12 + length
    if depth != 8 or kind not in (2, 3, 6):
        raise ValueError(f"PNG of bit depth {depth}, colour type {kind}: only 8-bit RGB(A) or palette is read")
    bpp = {2: 3, 3: 1, 6: 4}[kind]
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind_of_filter, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):  # the five PNG filters
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind_of_filter == 1:
                line[i] = (line[i] + a) & 255
            elif kind_of_filter == 2:
                line[i] = (line[i] + b) & 255
            elif kind_of_filter == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind_of_filter == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([palette[i] for i in line] if kind == 3 else [tuple(line[i:i + 3]) for i in range(0, stride, bpp)])
        previous = line
    return width, height, rows


def write_palette_png(path, width, height, rows):
    """Writes the pixels as an 8-bit palette PNG (the 256 commonest colours; any other becomes the nearest of
    them): anti-aliased text on white compresses to a fraction of chromium's RGB PNG (for docs/images)."""
    counts = {}
    for row in rows:
        for pixel in row:
            counts[pixel] = counts.get(pixel, 0) + 1
    palette = sorted(counts, key=lambda c: -counts[c])[:256]
    index = {c: i for i, c in enumerate(palette)}
    for c in counts:
        if c not in index:
            index[c] = min(range(len(palette)), key=lambda i: sum((a - b) ** 2 for a, b in zip(c, palette[i])))
    raw = b"".join(b"\x00" + bytes(index[p] for p in row) for row in rows)

    def chunk(tag, body):
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)) +
                chunk(b"PLTE", b"".join(bytes(c) for c in palette)) + chunk(b"IDAT", zlib.compress(raw, 9)) +
                chunk(b"IEND", b""))


def view_page(page, view):
    """The report's head (style) and one section alone: what a screenshot of that view shows."""
    start = page.index(f'<section id="{view}">')
    end = page.index("</section>", start) + len("</section>")
    return page[:page.index("<body>") + len("<body>")] + "\n<main>\n" + page[start:end] + "\n</main>\n</body>\n</html>\n"


def screenshots(planner, outdir, args):
    browser_name = chromium_or_skip()
    if not browser_name:
        return SKIP
    page = subprocess.run([planner, "report", *args], check=True, capture_output=True, text=True).stdout
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        target = tmp if outdir == "-" else outdir
        os.makedirs(target, exist_ok=True)
        for view in VIEWS:
            if f'<section id="{view}">' not in page:
                failed.append(f"no #{view} section to shoot")
                continue
            html_file, png = os.path.join(tmp, f"{view}.html"), os.path.join(target, f"report-{view}.png")
            with open(html_file, "w", encoding="utf-8") as f:
                f.write(view_page(page, view))
            subprocess.run([browser_name, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--user-data-dir={tmp}/profile", "--force-device-scale-factor=1",
                            f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--screenshot={png}", "file://" + html_file],
                           capture_output=True, timeout=120)
            failed += check_screenshot(png, view)
            if outdir != "-" and os.path.exists(png):  # for docs/images: small palette PNGs
                with open(png, "rb") as f:
                    write_palette_png(png, *png_pixels(f.read()))
                print(f"wrote {png} ({os.path.getsize(png)} bytes)")
    for f in failed:
        print("FAIL:", f)
    return 1 if failed else 0


def check_screenshot(png, view):
    if not os.path.exists(png):
        return [f"{view}: chromium wrote no screenshot"]
    with open(png, "rb") as f:
        data = f.read()
    width, height, rows = png_pixels(data)
    colours, inked = set(), 0
    for row in rows:
        for pixel in row:
            colours.add(pixel)
            inked += pixel != (255, 255, 255)
    share = inked / (width * height)
    print(f"{view}: {len(data)} bytes, {width} x {height}, {len(colours)} colours, {share:.1%} not white")
    failed = []
    if (width, height) != WINDOW:
        failed.append(f"{view}: {width} x {height}, not {WINDOW[0]} x {WINDOW[1]}")
    if not 5_000 <= len(data) <= 400_000:
        failed.append(f"{view}: {len(data)} bytes, outside 5 kB..400 kB")
    if len(colours) < 16 or share < 0.02:  # a blank or near-blank page: a few colours, almost all white
        failed.append(f"{view}: blank ({len(colours)} colours, {share:.1%} not white)")
    return failed


def console_selftest():
    """The console check must be able to fail: a page whose inline script and remote image the report's
    Content-Security-Policy blocks logs console errors, and they are found."""
    browser_name = chromium_or_skip()
    if not browser_name:
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "blocked.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>t</title></head><body>"
                    "<script>console.error('x')</script><img src=\"http://example.invalid/x.png\" alt=\"\"></body>"
                    "</html>\n")
        errors = console_errors(dump_dom(browser_name, page, tmp).stderr)
    print(f"{len(errors)} console messages found on a page with a blocked script and image")
    return 0 if len(errors) >= 2 else 1


def blank_selftest():
    """The screenshot check must be able to fail: a white page is refused, the docs' screenshots pass."""
    with tempfile.TemporaryDirectory() as tmp:
        white = os.path.join(tmp, "white.png")
        write_palette_png(white, *WINDOW, [[(255, 255, 255)] * WINDOW[0] for _ in range(WINDOW[1])])
        refused = check_screenshot(white, "white")
    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "images")
    accepted = [f for view in VIEWS for f in check_screenshot(os.path.join(docs, f"report-{view}.png"), view)]
    for f in accepted:
        print("FAIL:", f)
    if not refused:
        print("FAIL: a white screenshot passed the check")
    return 0 if refused and not accepted else 1


def card_pages(planner, args):
    browser_name = chromium_or_skip()
    if not browser_name:
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
            data = f.read()
    counts = re.findall(rb"/Count (\d+)", data)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    if not counts or not boxes:
        print("FAIL: chromium wrote no PDF page count or page size")
        return 1
    pages = max(int(c) for c in counts)
    letter = "--paper" in args and args[args.index("--paper") + 1] == "letter"
    want = (612, 792) if letter else (595, 842)  # points: US Letter 8.5 x 11 in, A4 210 x 297 mm
    size = tuple(round(float(x)) for x in boxes[0])
    print(f"the card prints on {pages} page(s) of {size[0]} x {size[1]} pt ({'Letter' if letter else 'A4'})")
    if size != want:
        print(f"FAIL: the page is {size}, not {want}")
    return 0 if pages == 1 and size == want else 1


def main():
    if len(sys.argv) < 3 and sys.argv[1:] not in (["blank-selftest"], ["console-selftest"]):
        print(__doc__)
        return 2
    if sys.argv[1] == "parse":
        return parse(sys.argv[2:])
    if sys.argv[1] == "workload":
        return workload(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "aggregated" and len(sys.argv) == 5:
        return aggregated(*sys.argv[2:5])
    if sys.argv[1] == "check-numbers":
        return check_numbers(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "console-selftest":
        return console_selftest()
    if sys.argv[1] == "blank-selftest":
        return blank_selftest()
    if sys.argv[1] == "screenshots":
        return screenshots(sys.argv[2], sys.argv[3], sys.argv[4:])
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
