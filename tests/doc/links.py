#!/usr/bin/env python3
"""Checks the links of the docs, so that a moved page or a renamed section cannot leave a dead link.

    links.py --source SRC [--pending docs/x.md ...]

- Every relative link `[text](path#anchor)` in README.md, CONTRIBUTING.md, protocols/README.md and
  docs/**/*.md (outside code) points at a file that exists, and its anchor at a heading of that page (GitHub's
  rule: lower case, punctuation dropped, spaces to `-`).
- Every page under docs/ is linked from README.md and from docs/README.md (the index).
--pending names pages another branch adds: links to them are allowed before they exist.
"""

import argparse
import glob
import os
import re
import sys


def prose(text):
    """The text outside fenced code blocks."""
    out, fence = [], None
    for line in text.split("\n"):
        m = re.match(r"^\s*(```+|~~~+)", line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            out.append(line)
    return "\n".join(out)


def strip_code(text):
    return re.sub(r"`[^`\n]*`", "", prose(text))


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path):
    with open(path, encoding="utf-8") as f:
        text = prose(f.read())
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, flags=re.M)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--pending", nargs="*", default=[])
    args = ap.parse_args()
    os.chdir(args.source)
    docs = sorted(glob.glob("docs/**/*.md", recursive=True))
    pages = ["README.md", "CONTRIBUTING.md", "protocols/README.md"] + docs
    pending = {os.path.normpath(p) for p in args.pending}
    problems = []
    linked_from = {}
    for page in pages:
        with open(page, encoding="utf-8") as f:
            text = strip_code(f.read())
        for m in re.finditer(r"\]\(([^)\s]+)\)", text):
            link = m.group(1)
            if re.match(r"^[a-z]+:", link):
                continue
            path, _, anchor = link.partition("#")
            target = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
            linked_from.setdefault(target, set()).add(page)
            if not os.path.exists(target):
                if target not in pending:
                    problems.append(f"{page}: link to {link}: no file {target}")
                continue
            if anchor and target.endswith(".md") and anchor not in anchors(target):
                problems.append(f"{page}: link to {link}: {target} has no heading '#{anchor}'")
    for page in docs + sorted(pending):
        for index in ("README.md", "docs/README.md"):
            if page != index and index not in linked_from.get(page, set()):
                problems.append(f"{index}: does not link to {page}")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(pages)} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
