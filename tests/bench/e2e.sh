#!/usr/bin/env bash
# End-to-end benchmark of `planner calendar --roster` (release build): for N = 10^4, 10^5, 10^6 subjects of
# Nahm 2023 (two arms, 11 visits a subject) at 20 sites with weekends and the Korean 2026 holidays closed,
# CSV to a file. Prints rows, seconds, rows/s and peak resident memory, for 1 and 2 threads, and checks
# that both thread counts write byte-identical files. Run by `make bench`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build-release
planner=$bin/planner
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-9s %-8s %10s %8s %12s %10s\n' subjects threads rows seconds rows/s peak_MiB
for n in 10000 100000 1000000; do
  $bin/tests/bench/planner_gen_roster $n 20 > "$work/roster.csv"
  for threads in 1 2; do
    /usr/bin/time -f '%e %M' -o "$work/time" $planner calendar protocols/nahm2023-autologous-serum-ad.toml \
      --roster "$work/roster.csv" --sites tests/bench/sites-bench.toml --threads $threads \
      --output "$work/calendar-$threads.csv" -q
    read -r seconds kib < "$work/time"
    rows=$(($(wc -l < "$work/calendar-$threads.csv") - 1))
    awk -v n=$n -v t=$threads -v r=$rows -v s=$seconds -v k=$kib \
      'BEGIN { printf "%-9d %-8d %10d %8.2f %12.0f %10.1f\n", n, t, r, s, (s > 0 ? r / s : 0), k / 1024 }'
  done
  cmp -s "$work/calendar-1.csv" "$work/calendar-2.csv" || { echo "threads 1 and 2 differ for N=$n" >&2; exit 1; }
done
# A single subject, start to finish (includes loading the protocol).
/usr/bin/time -f '%e %M' -o "$work/time" $planner calendar protocols/nahm2023-autologous-serum-ad.toml \
  --day1 2026-01-05 --arm SERUM --closed sat,sun --holidays examples/holidays-kr-2026.txt > /dev/null
read -r seconds kib < "$work/time"
echo "single subject: ${seconds}s wall, peak ${kib} KiB"
