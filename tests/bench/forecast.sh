#!/usr/bin/env bash
# Benchmark of `planner forecast` (release build): 10,000 runs of a 500-subject Nahm 2023 trial (11 visits a
# subject: 55 M visit placements) at 20 sites (tests/bench/sites-forecast-bench.toml), on 1 and 2 threads.
# Prints wall and CPU (user) seconds, runs/s, placements/s and peak resident memory, and checks that both
# thread counts write byte-identical files. Run by `make bench`; RUNS=1000 tests/bench/forecast.sh for a quick look.
set -euo pipefail
cd "$(dirname "$0")/../.."
planner=build-release/planner
runs=${RUNS:-10000}
subjects=500
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-6s %-8s %8s %8s %10s %14s %10s\n' runs threads seconds cpu_s runs/s placements/s peak_MiB
for threads in 1 2; do
  /usr/bin/time -f '%e %M %U' -o "$work/time" $planner forecast protocols/nahm2023-autologous-serum-ad.toml \
    --sites tests/bench/sites-forecast-bench.toml --target $subjects --runs "$runs" --threads $threads \
    --format csv --output "$work/forecast-$threads.csv" -q
  read -r seconds kib cpu < "$work/time"
  awk -v n="$runs" -v t=$threads -v s="$seconds" -v c="$cpu" -v k="$kib" -v p=$((subjects * 11)) \
    'BEGIN { printf "%-6d %-8d %8.2f %8.2f %10.0f %14.0f %10.1f\n", n, t, s, c, (s > 0 ? n / s : 0), (s > 0 ? n * p / s : 0), k / 1024 }'
done
cmp -s "$work/forecast-1.csv" "$work/forecast-2.csv" || { echo "threads 1 and 2 differ" >&2; exit 1; }
