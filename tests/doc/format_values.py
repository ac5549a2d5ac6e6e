#!/usr/bin/env python3
"""Each command's --format values, as documented, are the values it accepts.

    format_values.py --planner BUILD/planner --source SRC

For every command that has --format (from `planner --help`):
- accepted: what `planner CMD --format xml` answers ("expected a, b or c"): the values Args::format checks;
- listed: its --help must list them all on the option line and, together, in the usage forms (a form may name
  fewer: a roster calendar has no json), and name no other;
- documented: docs/commands/CMD.md, outside the --help output it reproduces, must mention every accepted value
  but the default as `--format VALUE` (or in a list `--format a|b`), and every `--format VALUE` that a command
  line of any page
  (README.md, docs/**.md) gives planner CMD must be accepted.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

FORMAT = re.compile(r"--format[ =]`?([a-z]+(?:\\?\|[a-z]+)*)")  # a|b, or a\|b inside a markdown table


def run(planner, *args):
    return subprocess.run([planner, *args], capture_output=True, text=True)


def commands(planner):
    help_text = run(planner, "--help").stdout
    section = help_text.split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in section.splitlines() if line.strip()]


def accepted_values(planner, command):
    err = run(planner, command, "no-such-protocol.toml", "--format", "xml").stderr
    m = re.search(r"--format: expected (.*), got 'xml'", err)
    if not m:
        return None
    return set(re.split(r", | or ", m.group(1)))


def outside_help(page_text, command):
    """The page without the output shown under `$ planner CMD --help`."""
    lines, out, skipping = page_text.split("\n"), [], False
    for line in lines:
        if re.match(rf"^\$ (build/)?planner {command} --help\s*$", line):
            skipping = True
            continue
        if skipping and (line.startswith("$ ") or line.startswith("```")):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


def command_lines(text):
    """(command, line) for every planner command line in markdown text, continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    for line in joined.split("\n"):
        m = re.search(r"(?:^|\$ |\s)(?:build/)?planner ([a-z-]+)\s(.*)", line)
        if m:
            yield m.group(1), m.group(2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--planner", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    failures = []
    accepted_by = {}
    for command in commands(args.planner):
        accepted = accepted_values(args.planner, command)
        if accepted is None:
            continue  # no --format
        accepted_by[command] = accepted
        help_text = run(args.planner, command, "--help").stdout
        option_line = re.search(r"^  --format ([a-z|]+)", help_text, re.M)
        if not option_line or set(option_line.group(1).split("|")) != accepted:
            failures.append(f"{command}: --help lists --format {option_line.group(1) if option_line else '?'}, "
                            f"it accepts {'|'.join(sorted(accepted))}")
        usage = help_text.split("\n\n", 1)[0]
        in_usage = {v for values in FORMAT.findall(usage) for v in values.split("|")}
        if in_usage != accepted:
            failures.append(f"{command}: the usage shows --format {'|'.join(sorted(in_usage))}, "
                            f"it accepts {'|'.join(sorted(accepted))}")
        default = re.search(r"^  --format [a-z|]+ \(=([a-z]+)\)", help_text, re.M)
        page = os.path.join(args.source, "docs", "commands", command + ".md")
        text = outside_help(open(page, encoding="utf-8").read(), command)
        mentioned = {v for values in FORMAT.findall(text) for v in values.replace("\\", "").split("|")}
        for value in sorted(accepted - mentioned - ({default.group(1)} if default else set())):
            failures.append(f"docs/commands/{command}.md: --format {value} is accepted but not documented")
    pages = [os.path.join(args.source, "README.md")] + glob.glob(os.path.join(args.source, "docs", "**", "*.md"),
                                                                   recursive=True)
    for page in sorted(pages):
        for command, rest in command_lines(open(page, encoding="utf-8").read()):
            for values in FORMAT.findall(rest):
                for value in values.replace("\\", "").split("|"):
                    if command in accepted_by and value not in accepted_by[command]:
                        failures.append(f"{os.path.relpath(page, args.source)}: planner {command} --format {value}: "
                                        f"not accepted ({'|'.join(sorted(accepted_by[command]))})")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(accepted_by)} commands with --format, {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
