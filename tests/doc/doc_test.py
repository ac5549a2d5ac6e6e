#!/usr/bin/env python3
"""Runs every planner command shown in a markdown page, so the docs cannot rot.

    doc_test.py --planner BUILD/planner --source SRC --scratch DIR PAGE.md

What is a command. Fenced code blocks whose info string is empty, `sh`, `shell`, `bash`, `console` or
`*-session` are read (`text`, `toml`, `json`, `csv`... are not, and a `$ planner` prompt in one of those is
an error). In a block with `$ ` prompts, each `$ ` line is a command and the lines below it, up to the next
prompt or the end of the block, are the output it shows. In a block without
prompts, every line is a command and no output is shown. A line ending in `\` continues on the next line.
Only commands starting with `planner ` or `build/planner ` are run (`make install`, `man planner-calendar`,
`dpkg -i ...` need an installed system and are skipped); `echo $?` checks the exit code of the command before.
A block of any kind right after a line `<!-- file: NAME -->` is a file: it is written as NAME into the scratch
directory, so that the commands after it can use it (a protocol example that must load, say).

How it runs. All commands of a page run in order, with bash, in one scratch directory (so a file one command
writes can be read by the next) where `protocols/`, `examples/` and `tests/testdata/` of the source tree are
reachable as in the source tree, `build/planner` is the binary under test and `planner` is on PATH. A pipe
runs with `pipefail`, so a failing planner is not hidden by `| tail -1`; pipe into `tail` or `grep`, not into
`head` (which closes the pipe early, and planner then fails writing to it).

What is checked.
- The exit code: 0, unless the command line ends with a comment `# exit N` or is followed by `$ echo $?`
  showing N.
- The output shown below a command (standard output, then standard error) line by line, trailing blanks
  ignored. A line `...` stands for any number of lines; a line ending in ` ...` for any line starting with
  the text before it. Without `...` the shown output is the whole output.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

COMMAND = re.compile(r"^(?:build/)?planner(?:\s|$)")
EXIT_COMMENT = re.compile(r"#\s*exit\s+(\d+)\s*$")
RUN_FENCES = {"", "sh", "shell", "bash", "console", "shell-session", "sh-session", "bash-session"}


class Command:
    def __init__(self, text, line, shown):
        self.text = text      # the command as bash runs it (continuations joined)
        self.line = line      # 1-based line of the page where it starts
        self.shown = shown    # the output lines the page shows, or None
        self.exit = 0
        m = EXIT_COMMENT.search(text)
        if m:
            self.exit = int(m.group(1))


class FileBlock:
    """A code block the page marks as a file: written into the scratch directory for the commands after it."""

    def __init__(self, name, text, line):
        if os.path.isabs(name) or ".." in name.split("/"):
            raise SystemExit(f"line {line}: <!-- file: {name} --> must name a file inside the scratch directory")
        self.name, self.text, self.line = name, text, line


def join_continuations(lines, i):
    """The logical line starting at lines[i] (a trailing backslash continues it), and the next index."""
    text = lines[i]
    while text.endswith("\\") and i + 1 < len(lines):
        i += 1
        text = text[:-1] + " " + lines[i].strip()
    return text, i + 1


def blocks(page_lines):
    """(first line number, info string, lines, the file it is) of each fenced code block; a block is a file
    when the line before its fence (blank lines aside) is `<!-- file: NAME -->`."""
    i = 0
    while i < len(page_lines):
        m = re.match(r"^(\s*)(```+|~~~+)\s*([^\s`]*)", page_lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group(1), m.group(2), m.group(3).lower()
        k = i - 1
        while k >= 0 and not page_lines[k].strip():
            k -= 1
        f = re.match(r"^\s*<!--\s*file:\s*(\S+)\s*-->\s*$", page_lines[k]) if k >= 0 else None
        start = i + 1
        i += 1
        body = []
        while i < len(page_lines) and not page_lines[i].strip().startswith(fence):
            line = page_lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1
        yield start + 1, info, body, (f.group(1) if f else None)


def commands(page_lines, skipped=None):
    """The commands of a page, in order, each with its shown output; `echo $?` is folded into the one before.
    Lines that are not planner commands go to `skipped` as (line, text), so a run can list them."""
    out = []
    for first, info, body, file_name in blocks(page_lines):
        if file_name:
            out.append(FileBlock(file_name, "\n".join(body) + "\n", first))
            continue
        if info not in RUN_FENCES:
            for k, l in enumerate(body):  # a prompt in a block that is not run would be a command never tested
                if l.startswith("$ ") and COMMAND.match(l[2:]):
                    raise SystemExit(f"line {first + k}: a planner command in a ```{info} block is not run; "
                                     "mark the block ```console")
            continue
        prompted = any(l.startswith("$ ") or l == "$" for l in body)
        i = 0
        while i < len(body):
            k0 = i
            if prompted:
                if not body[i].startswith("$ "):
                    i += 1
                    continue
                text, i = join_continuations([l[2:] if k == i else l for k, l in enumerate(body)], i)
                shown = []
                while i < len(body) and not body[i].startswith("$ "):
                    shown.append(body[i])
                    i += 1
            else:
                text, i = join_continuations(body, i)
                shown = None
            line = first + k0
            text = text.strip()
            if text == "echo $?" and out and isinstance(out[-1], Command) and out[-1].shown is not None:
                if not shown or not shown[0].strip().isdigit():
                    raise SystemExit(f"line {line}: `echo $?` must show a number")
                out[-1].exit = int(shown[0].strip())
                continue
            if COMMAND.match(text):
                out.append(Command(text, line, shown if prompted else None))
            elif skipped is not None and text and not text.startswith("#"):
                skipped.append((line, text))
    return out


def matches(shown, actual):
    """Whether `actual` (lines) fits `shown` (lines with `...` gaps); returns (ok, first mismatch)."""
    shown = [l.rstrip() for l in shown]
    while shown and shown[-1] == "":
        shown.pop()
    actual = [l.rstrip() for l in actual]

    def line_ok(s, a):
        if s.endswith(" ..."):
            return a.startswith(s[:-4])
        return s == a

    # Backtracking match; pages show a handful of lines, so this stays small.
    def match(si, ai):
        if si == len(shown):
            return ai == len(actual), si
        if shown[si] == "...":
            best = si
            for k in range(ai, len(actual) + 1):
                ok, at = match(si + 1, k)
                if ok:
                    return True, at
                best = max(best, at)
            return False, best
        if ai < len(actual) and line_ok(shown[si], actual[ai]):
            return match(si + 1, ai + 1)
        return False, si

    ok, at = match(0, 0)
    return ok, (shown[at] if at < len(shown) else "(end of the shown output)")


def scratch_dir(path, source, planner):
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(os.path.join(path, "build"))
    os.makedirs(os.path.join(path, "bin"))
    os.makedirs(os.path.join(path, "tests"))
    for d in ("protocols", "examples"):
        os.symlink(os.path.join(source, d), os.path.join(path, d))
    os.symlink(os.path.join(source, "tests", "testdata"), os.path.join(path, "tests", "testdata"))
    os.symlink(planner, os.path.join(path, "build", "planner"))
    os.symlink(planner, os.path.join(path, "bin", "planner"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("page")
    args = ap.parse_args()

    with open(args.page, encoding="utf-8") as f:
        page_lines = f.read().split("\n")
    skipped = []
    name = os.path.relpath(args.page, args.source)
    try:
        cmds = commands(page_lines, skipped)
    except SystemExit as e:
        print(f"{name}:{str(e).removeprefix('line ')}", file=sys.stderr)
        return 1
    scratch_dir(args.scratch, os.path.abspath(args.source), os.path.abspath(args.planner))
    env = dict(os.environ)
    env["PATH"] = os.path.join(os.path.abspath(args.scratch), "bin") + os.pathsep + env.get("PATH", "")
    env.pop("PLANNER_PROTOCOLS", None)
    env["CI"] = "1"

    failures = 0
    for c in cmds:
        if isinstance(c, FileBlock):
            path = os.path.join(args.scratch, c.name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(c.text)
            print(f"{name}:{c.line}: wrote {c.name}")
            continue
        r = subprocess.run(["bash", "-o", "pipefail", "-c", c.text], cwd=args.scratch, env=env,
                           capture_output=True, timeout=300)
        stdout = r.stdout.decode("utf-8", "replace")
        stderr = r.stderr.decode("utf-8", "replace")
        problems = []
        if r.returncode != c.exit:
            problems.append(f"exit code {r.returncode}, the page expects {c.exit}")
        if c.shown is not None and any(l.strip() for l in c.shown):
            actual = (stdout + stderr).split("\n")
            if actual and actual[-1] == "":
                actual.pop()
            ok, where = matches(c.shown, actual)
            if not ok:
                problems.append(f"the output differs from the page at the shown line: {where}")
        if problems:
            failures += 1
            print(f"{name}:{c.line}: FAILED: {c.text}", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            print("  --- stdout\n" + stdout[:4000] + "  --- stderr\n" + stderr[:4000], file=sys.stderr)
        else:
            print(f"{name}:{c.line}: ok: {c.text}")
    for line, text in skipped:
        print(f"{name}:{line}: skipped, not a planner command: {text}")
    n = sum(isinstance(c, Command) for c in cmds)
    print(f"{name}: {n} commands, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
