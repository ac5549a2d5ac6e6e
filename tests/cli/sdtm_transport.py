#!/usr/bin/env python3
"""SDTM in the formats SAS and R read, read back by independent readers and compared cell by cell.

    sdtm_transport.py --planner BUILD/planner --source SRC --scratch DIR

For every bundled protocol and each trial design domain (TA, TE, TV, TS), and for a roster's DM and SV:
- `--format xpt` is read by pandas.read_sas (its own SAS transport reader, not ReadStat): the member name, the
  dataset label, every variable's name and label, and every value equal the CSV's (numbers as numbers, an
  empty numeric cell missing);
- `--format json` validates against the CDISC Dataset-JSON 1.1 schema (tests/testdata/dataset-json) and its
  rows equal the CSV's;
- `--define` is well-formed XML (xml.etree) and describes each dataset as written: one ItemGroupDef per
  domain whose ItemRefs name the CSV's columns in order, each with an ItemDef of the same name, the label the
  XPT carries, the Dataset-JSON type, and a length that holds the longest value.
Exits 77 (skipped) when pandas or jsonschema is missing, with the packages to install.
"""

import argparse
import csv
import io
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    import jsonschema
    import pandas
except ImportError as e:
    print(f"skipped: {e.name} is missing (apt-get install python3-pandas python3-jsonschema)")
    sys.exit(77)

STAMP = "2026-01-01T00:00:00Z"
ODM = "{http://www.cdisc.org/ns/odm/v1.3}"
DEF = "{http://www.cdisc.org/ns/def/v2.1}"
problems = []


def run(planner, args, cwd):
    r = subprocess.run([planner, *args], cwd=cwd, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"planner {' '.join(args)} failed ({r.returncode}): {r.stderr.decode()}")
    return r.stdout


def check(condition, what):
    if not condition:
        problems.append(what)


def compare_xpt(name, path, header, rows, labels):
    reader = pandas.read_sas(path, format="xport", iterator=True, encoding="utf-8")
    fields = reader.fields
    member = reader.member_info
    frame = reader.read()
    reader.close()
    domain = name.split(":")[1]
    check(member["set_name"] == domain, f"{name}: XPT member {member['set_name']!r}, expected {domain!r}")
    check([f["name"].decode() for f in fields] == header, f"{name}: XPT variables differ from the CSV header")
    for f in fields:
        labels.setdefault(f["name"].decode(), f["label"].decode())
    check(len(frame) == len(rows), f"{name}: XPT has {len(frame)} rows, the CSV {len(rows)}")
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            got = frame.iat[i, j]
            if fields[j]["ntype"] == "numeric":
                ok = (cell == "" and (got is None or math.isnan(got))) or (cell != "" and float(cell) == got)
            else:
                ok = (got or "") == cell
            check(ok, f"{name}: XPT row {i + 1} {header[j]} is {got!r}, the CSV has {cell!r}")
    return fields


def compare_json(name, text, header, rows, schema, types):
    doc = json.loads(text)
    try:
        jsonschema.validate(doc, schema)
    except jsonschema.ValidationError as e:
        problems.append(f"{name}: Dataset-JSON does not validate: {e.message}")
        return
    check([c["name"] for c in doc["columns"]] == header, f"{name}: Dataset-JSON columns differ from the CSV header")
    check(doc["records"] == len(rows) == len(doc["rows"]), f"{name}: Dataset-JSON record count")
    for c in doc["columns"]:
        types.setdefault(c["name"], c["dataType"])
    for i, (want, got) in enumerate(zip(rows, doc["rows"])):
        for j, (cell, value) in enumerate(zip(want, got)):
            numeric = doc["columns"][j]["dataType"] != "string"
            ok = (value is None and cell == "") if numeric and cell == "" else (
                float(cell) == value if numeric else value == cell)
            check(ok, f"{name}: Dataset-JSON row {i + 1} {header[j]} is {value!r}, the CSV has {cell!r}")


def compare_define(name, text, tables, labels, types):
    root = ET.fromstring(text)
    mdv = root.find(f"{ODM}Study/{ODM}MetaDataVersion")
    defs = {d.get("OID"): d for d in mdv.findall(f"{ODM}ItemDef")}
    groups = mdv.findall(f"{ODM}ItemGroupDef")
    check([g.get("Name") for g in groups] == list(tables), f"{name}: define.xml datasets {[g.get('Name') for g in groups]}")
    define_type = {"string": "text", "integer": "integer", "double": "float"}
    for g in groups:
        header, rows = tables[g.get("Name")]
        refs = g.findall(f"{ODM}ItemRef")
        check(len(refs) == len(header), f"{name}: {g.get('Name')} has {len(refs)} ItemRefs for {len(header)} columns")
        check(g.find(f"{DEF}leaf").get("{http://www.w3.org/1999/xlink}href") == g.get("Name").lower() + ".xpt",
              f"{name}: {g.get('Name')} leaf")
        for j, ref in enumerate(refs):
            item = defs.get(ref.get("ItemOID"))
            if item is None:
                problems.append(f"{name}: ItemRef {ref.get('ItemOID')} has no ItemDef")
                continue
            variable = item.get("Name")
            check(variable == header[j] and ref.get("OrderNumber") == str(j + 1), f"{name}: ItemRef {j + 1} is {variable}")
            label = item.find(f"{ODM}Description/{ODM}TranslatedText").text
            check(label == labels[variable], f"{name}: {variable} label {label!r}, the XPT says {labels[variable]!r}")
            check(item.get("DataType") == define_type[types[variable]], f"{name}: {variable} DataType")
            longest = max([len(r[j].encode()) for r in rows] + [1])
            check(int(item.get("Length")) >= longest, f"{name}: {variable} Length {item.get('Length')} < {longest}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--selftest", action="store_true",
                    help="change one cell of the CSV before comparing: the comparison must find it")
    a = ap.parse_args()
    os.makedirs(a.scratch, exist_ok=True)
    with open(os.path.join(a.source, "tests/testdata/dataset-json/dataset.schema.json")) as f:
        schema = json.load(f)
    protocols = sorted(p[:-5] for p in os.listdir(os.path.join(a.source, "protocols")) if p.endswith(".toml"))
    roster = ["--roster", "examples/roster-3sites.csv"]
    runs = [(p, d, []) for p in protocols for d in ("TA", "TE", "TV", "TS")]
    runs += [("nahm2023-autologous-serum-ad", d, roster) for d in ("DM", "SV")]
    checked = 0
    per_protocol = {}
    for protocol, domain, extra in runs:
        name = f"{protocol}:{domain}"
        args = ["sdtm", protocol, "--domain", domain, *extra]
        table = list(csv.reader(io.StringIO(run(a.planner, args, a.source).decode())))
        header, rows = table[0], table[1:]
        if a.selftest and domain == "TV":
            rows[0][header.index("VISITDY")] = "9999"
            rows[-1][header.index("VISIT")] += "!"
        xpt = os.path.join(a.scratch, f"{protocol}-{domain}.xpt")
        run(a.planner, [*args, "--format", "xpt", "--stamp", STAMP, "--output", xpt], a.source)
        labels, types = per_protocol.setdefault(protocol, ({}, {}))
        compare_xpt(name, xpt, header, rows, labels)
        text = run(a.planner, [*args, "--format", "json", "--stamp", STAMP], a.source).decode()
        compare_json(name, text, header, rows, schema, types)
        if domain in ("TA", "TE", "TV", "TS"):
            per_protocol.setdefault(protocol + "/tables", {})[domain] = (header, rows)
        checked += len(rows) * len(header)
    for protocol in protocols:
        labels, types = per_protocol[protocol]
        text = run(a.planner, ["sdtm", protocol, "--define", "--stamp", STAMP], a.source).decode()
        compare_define(f"{protocol}:define.xml", text, per_protocol[protocol + "/tables"], labels, types)
    if a.selftest:  # two changed cells per TV, each to be found in the XPT and in the Dataset-JSON
        missed = [f"{p}:TV: {fmt} row {row} {var}" for p in protocols for fmt in ("XPT", "Dataset-JSON")
                  for row, var in (("1", "VISITDY"), ("", "VISIT"))
                  if not any(m.startswith(f"{p}:TV: {fmt} row {row}") and f" {var} is " in m for m in problems)]
        print(f"selftest: {len(problems)} problems found; changes not found: {missed or 'none'}")
        sys.exit(1 if missed else 0)
    for p in problems[:40]:
        print(p, file=sys.stderr)
    print(f"{len(runs)} datasets, {checked} cells read back from XPT and Dataset-JSON, {len(protocols)} define.xml; "
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
