#!/usr/bin/env bash
# End-to-end benchmark of the cohort commands (release build), the targets of docs/performance.md: N subjects
# (default 10^6; BENCH_N=100000 for a quick run) of Nahm 2023 (two arms, 11 visits a subject) at 20 sites with
# weekends and the Korean 2026 holidays closed. For each run it prints the rows (events) written, wall seconds,
# rows/s, CPU seconds (user + system) and peak resident memory:
#   calendar CSV to a file with 1 and 2 threads, pinned to one core (taskset -c 0), to /dev/null on one and two
#   cores (the planning + formatting work without the disk: the speed-up of 2 threads over one core),
#   iCalendar and JSON (to a file and to /dev/null), CSV and iCalendar of the same roster in enrolment order, SDTM
#   SV, load; `cp` of the CSV, iCalendar and JSON files (and sync) as the disk's ceiling; a single subject.
# Checks that 1 and 2 threads write byte-identical files. Run by `make bench`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build-release
planner=${PLANNER:-$bin/planner}  # PLANNER=path/to/planner: measure another build
n=${BENCH_N:-1000000}
work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/planner-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
protocol=protocols/nahm2023-autologous-serum-ad.toml
$bin/tests/bench/planner_gen_roster "$n" 20 > "$work/roster.csv"
cohort=(--roster "$work/roster.csv" --sites tests/bench/sites-bench.toml -q)

# run NAME ROWS-COMMAND -- COMMAND...: times COMMAND, then counts its rows with ROWS-COMMAND (a shell snippet).
run() {
  local name=$1 count=$2
  shift 3
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@"
  read -r seconds user sys kib < "$work/time"
  last_seconds=$seconds
  local rows
  rows=$(eval "$count")
  awk -v name="$name" -v r="$rows" -v s="$seconds" -v u="$user" -v y="$sys" -v k="$kib" \
    'BEGIN { printf "%-26s %10d %8.2f %12.0f %8.2f %9.1f\n", name, r, s, (s > 0 ? r / s : 0), u + y, k / 1024 }'
}
csv_rows='echo $(($(wc -l < "$work/out.csv") - 1))'
rows=0  # the CSV's rows: the events that the runs writing elsewhere (/dev/null, load) handle

echo "N = $n subjects, $(nproc) cores"
printf '%-26s %10s %8s %12s %8s %9s\n' run rows seconds rows/s cpu_s peak_MiB
for threads in 1 2; do
  run "csv file, $threads thread(s)" "$csv_rows" -- $planner calendar $protocol "${cohort[@]}" --threads $threads \
    --output "$work/out.csv"
  mv "$work/out.csv" "$work/calendar-$threads.csv"
done
cmp -s "$work/calendar-1.csv" "$work/calendar-2.csv" || { echo "threads 1 and 2 differ" >&2; exit 1; }
rows=$(($(wc -l < "$work/calendar-1.csv") - 1))
run "csv file, pinned 1 core" "$csv_rows" -- taskset -c 0 $planner calendar $protocol "${cohort[@]}" --threads 1 \
  --output "$work/out.csv"
run "cp csv file (+ sync)" "echo $rows" -- sh -c "cp '$work/calendar-1.csv' '$work/out.csv' && sync '$work/out.csv'"
rm -f "$work/calendar-2.csv" "$work/out.csv"
run "csv /dev/null, pinned 1" "echo $rows" -- taskset -c 0 $planner calendar $protocol "${cohort[@]}" --threads 1 \
  --output /dev/null
pinned_seconds=$last_seconds
run "csv /dev/null, 1 thread" "echo $rows" -- $planner calendar $protocol "${cohort[@]}" --threads 1 --output /dev/null
run "csv /dev/null, 2 threads" "echo $rows" -- $planner calendar $protocol "${cohort[@]}" --threads 2 --output /dev/null
# The --threads target: 2 threads on two cores against 1 thread pinned to one core (the same work, no disk).
awk -v a="$pinned_seconds" -v b="$last_seconds" \
  'BEGIN { printf "speed-up, 2 threads on 2 cores over 1 thread pinned to 1 core: %.2fx\n", (b > 0 ? a / b : 0) }'
# The other formats: to a file, `cp` of that file (+ sync) beside it (the disk's ceiling for that many bytes), and
# to /dev/null (the work without the disk).
run "ics file, 2 threads" 'grep -c "^BEGIN:VEVENT" "$work/out.ics"' -- $planner calendar $protocol "${cohort[@]}" \
  --threads 2 --format ics --stamp 2026-11-25T09:00:00Z --output "$work/out.ics"
run "cp ics file (+ sync)" "echo $rows" -- sh -c "cp '$work/out.ics' '$work/copy' && sync '$work/copy'"
rm -f "$work/out.ics" "$work/copy"
run "ics /dev/null, 2 threads" "echo $rows" -- $planner calendar $protocol "${cohort[@]}" --threads 2 --format ics \
  --stamp 2026-11-25T09:00:00Z --output /dev/null
run "json file, 2 threads" "echo $rows" -- $planner calendar $protocol "${cohort[@]}" --threads 2 --format json \
  --output "$work/out.json"
run "cp json file (+ sync)" "echo $rows" -- sh -c "cp '$work/out.json' '$work/copy' && sync '$work/copy'"
rm -f "$work/out.json" "$work/copy"
run "json /dev/null, 2 threads" "echo $rows" -- $planner calendar $protocol "${cohort[@]}" --threads 2 --format json \
  --output /dev/null
# The same subjects in the order they enrolled (by Day 1, as a real roster grows): subjects alike come close
# together, so that a thread's memo of iCalendar text (2 MiB) keeps them; in the spread above they are months apart.
$bin/tests/bench/planner_gen_roster "$n" 20 enrolment > "$work/enrolment.csv"
enrolled=(--roster "$work/enrolment.csv" --sites tests/bench/sites-bench.toml -q)
run "csv /dev/null, enrol order" "echo $rows" -- $planner calendar $protocol "${enrolled[@]}" --threads 2 \
  --output /dev/null
run "ics /dev/null, enrol order" "echo $rows" -- $planner calendar $protocol "${enrolled[@]}" --threads 2 \
  --format ics --stamp 2026-11-25T09:00:00Z --output /dev/null
rm -f "$work/enrolment.csv"
run "sdtm SV file, 2 threads" "$csv_rows" -- $planner sdtm $protocol --domain SV "${cohort[@]}" --threads 2 \
  --output "$work/out.csv"
run "load (by week), 2 threads" "echo $rows" -- $planner load $protocol "${cohort[@]}" --threads 2 --by week \
  --format csv --output "$work/load.csv"
rm -f "$work/out.csv"
# A single subject, start to finish (includes loading the protocol), in ms: the mean of 20 runs timed together,
# the best of 5 such means. (Timing each run alone would count the start of the second `date` too, 1-3 ms here.)
best=
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  for _ in $(seq 20); do
    $planner calendar $protocol --day1 2026-01-05 --arm SERUM --closed sat,sun \
      --holidays examples/holidays-kr-2026.txt > /dev/null
  done
  us=$((($(date +%s%N) - start) / 20000))
  if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
done
/usr/bin/time -f '%M' -o "$work/time" $planner calendar $protocol --day1 2026-01-05 --arm SERUM --closed sat,sun \
  --holidays examples/holidays-kr-2026.txt > /dev/null
echo "single subject: $((best / 1000)).$(printf %03d $((best % 1000))) ms wall (mean of 20, best of 5), peak $(cat "$work/time") KiB"
