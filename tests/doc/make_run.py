#!/usr/bin/env python3
"""Checks that README.md shows the command `make run` runs (the Makefile's EXAMPLE_ARGS), so that the first
output a newcomer sees is the one the README explains.   make_run.py --source SRC
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from doc_test import Command, commands  # noqa: E402  (the same reading of the README as the doc test)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    with open(os.path.join(args.source, "Makefile"), encoding="utf-8") as f:
        makefile = f.read().replace("\\\n", " ")
    m = re.search(r"^EXAMPLE_ARGS\s*\??=\s*(.*)$", makefile, flags=re.M)
    if not m:
        print("Makefile: no EXAMPLE_ARGS", file=sys.stderr)
        return 1
    wanted = "build/planner " + " ".join(m.group(1).split())
    with open(os.path.join(args.source, "README.md"), encoding="utf-8") as f:
        shown = [" ".join(c.text.split()) for c in commands(f.read().split("\n")) if isinstance(c, Command)]
    if wanted not in shown:
        print(f"README.md does not show the command `make run` runs:\n  {wanted}", file=sys.stderr)
        return 1
    print(f"README.md shows `make run`: {wanted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
