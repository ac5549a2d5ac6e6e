#!/usr/bin/env bash
# The bash completion script, driven as bash drives it (COMP_WORDS/COMP_CWORD, then COMPREPLY), against the
# built planner:  completion.sh <planner.bash> <dir holding planner>
set -euo pipefail
source "$1"
PATH="$2:$PATH"
cd "$(dirname "$0")/../.."   # the source tree, so that bundled names come from ./protocols too
failures=0
expect() {  # expect "WORDS..." "expected replies, sorted, space-separated" (the last word is completed)
  read -r -a COMP_WORDS <<<"$1"
  [[ $1 == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _planner
  local got
  got=$(printf '%s\n' "${COMPREPLY[@]}" | { grep -v '^$' || true; } | sort | tr '\n' ' ' | sed 's/ $//')
  if [[ $got != "$2" ]]; then
    echo "FAIL: '$1' completed to '$got', expected '$2'"
    failures=$((failures + 1))
  else
    echo "ok: '$1' -> $got"
  fi
}
expect "planner ca" "calendar"
expect "planner im" "import-usdm"
expect "planner --v" "--version"
expect "planner calendar --fo" "--format"
expect "planner calendar --format " "csv ics json table xlsx"
expect "planner calendar --prefer l" "later"
expect "planner protocols --format " "csv markdown table"
expect "planner calendar nahm20" "nahm2015-autologous-igg-ad nahm2020-autologous-igg-ad nahm2023-autologous-serum-ad"
expect "planner show cdisc" "cdiscpilot01-xanomeline-ad"
expect "planner calendar nahm2023-autologous-serum-ad --holidays examples/holidays-kr" "examples/holidays-kr-2026.txt"
expect "planner lint --th" ""  # lint has no --threads
[ "$failures" -eq 0 ] || { echo "$failures completion(s) wrong"; exit 1; }
