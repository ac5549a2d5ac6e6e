"""Reads an .xlsx that planner wrote back with openpyxl and compares it with the CSV of the same run.

usage: xlsx_readback.py PLANNER WORKDIR OUTDIR NAME ARGS...

Runs `planner ARGS --format xlsx --output OUTDIR/NAME.xlsx` and `planner ARGS --format csv --raw-csv`
in WORKDIR, then checks: the header row equals the CSV header and is frozen (pane at A2), the autofilter
covers the header and every data row, every column has a width, date columns hold dates shown as yyyy-mm-dd,
number columns hold numbers, and every cell equals its CSV field (a date as YYYY-MM-DD, a number as the CSV
writes it, an empty field as a blank cell).
"""
import csv
import datetime
import io
import os
import subprocess
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def run(planner, workdir, args):
    done = subprocess.run([planner] + args, cwd=workdir, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # check exits 1 when it finds deviations
        fail("planner " + " ".join(args) + " exited " + str(done.returncode) + ": " + done.stderr)
    return done


def as_csv_text(value, field):
    """The CSV text of a cell's value, written as planner writes that kind of value."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(field.lstrip("+")) if field else None
        return field if number == value else repr(value)
    return value


def main():
    planner, workdir, outdir, name = sys.argv[1:5]
    args = sys.argv[5:]
    path = os.path.join(outdir, name + ".xlsx")
    if os.path.exists(path):
        os.remove(path)
    run(planner, workdir, args + ["--format", "xlsx", "--output", path])
    rows = list(csv.reader(io.StringIO(run(planner, workdir, args + ["--format", "csv", "--raw-csv"]).stdout)))
    if len(rows) < 2:
        fail("the CSV has no data rows")

    sheet = openpyxl.load_workbook(path).active
    cells = list(sheet.iter_rows())
    header = [c.value for c in cells[0]]
    if header != rows[0]:
        fail("header " + repr(header) + " != CSV header " + repr(rows[0]))
    if sheet.freeze_panes != "A2":
        fail("frozen pane " + repr(sheet.freeze_panes) + ", expected A2 (the header row)")
    expected_filter = "A1:" + get_column_letter(len(rows[0])) + str(len(rows))
    if sheet.auto_filter.ref != expected_filter:
        fail("autofilter " + repr(sheet.auto_filter.ref) + ", expected " + expected_filter)
    for column in range(1, len(rows[0]) + 1):
        if not sheet.column_dimensions[get_column_letter(column)].width:
            fail("column " + get_column_letter(column) + " has no width")
    if len(cells) != len(rows):
        fail(str(len(cells) - 1) + " data rows in the sheet, " + str(len(rows) - 1) + " in the CSV")

    kinds = {"date": 0, "number": 0, "text": 0}
    for r, (row, fields) in enumerate(zip(cells[1:], rows[1:]), start=2):
        if len(fields) != len(row):
            fail("row " + str(r) + ": " + str(len(row)) + " cells, " + str(len(fields)) + " CSV fields")
        for cell, field in zip(row, fields):
            where = cell.coordinate + " (" + header[cell.column - 1] + ")"
            if cell.is_date:
                kinds["date"] += 1
                if cell.number_format != "yyyy-mm-dd":
                    fail(where + ": date shown as " + repr(cell.number_format))
            elif cell.data_type == "n" and cell.value is not None:
                kinds["number"] += 1
            elif cell.value is not None:
                kinds["text"] += 1
            if as_csv_text(cell.value, field) != field:
                fail(where + ": " + repr(cell.value) + " != CSV " + repr(field))
    if not kinds["date"] and "week" not in args:  # load --by week: periods are ISO weeks (text)
        fail("no date cells")
    if not kinds["number"]:
        fail("no number cells")
    print(name + ": " + str(len(rows) - 1) + " rows equal the CSV; " + str(kinds))


main()
