#!/bin/sh
# What a run maps (the dynamic loader's LD_DEBUG=files): a one-subject calendar as a table, CSV or JSON maps
# none of libxlsxwriter, ReadStat, libical and what they pull in (OpenSSL, minizip, ICU), nor planner's
# modules for them (planner/io/module.h); --format ics maps planner-ical and libical, so the check does see a
# module when one is loaded. Then a copy of the program without its modules: --format xlsx stops with exit 3,
# names the missing module and leaves no file.
#   startup_libraries.sh PLANNER SOURCE_DIR
set -u
planner=$1
src=$2
failed=0
heavy='file=[^ ]*(libxlsxwriter|libreadstat|libical|libcrypto|libminizip|libicu|planner-xlsx|planner-xpt|planner-ical)'
calendar() {
  LD_DEBUG=files "$planner" calendar "$src/protocols/nahm2023-autologous-serum-ad.toml" --day1 2026-01-05 \
    --arm SERUM --closed sat,sun --holidays "$src/examples/holidays-kr-2026.txt" "$@" 2>&1 >/dev/null
}
for format in table csv json; do
  mapped=$(calendar --format $format | grep -oE "$heavy" | sort -u)
  if [ -n "$mapped" ]; then
    echo "FAIL: calendar --format $format maps what it does not need:"; echo "$mapped"; failed=1
  fi
done
for lib in planner-ical libical; do
  if ! calendar --format ics | grep -qE "file=[^ ]*$lib"; then
    echo "FAIL: calendar --format ics does not map $lib (LD_DEBUG=files shows no modules?)"; failed=1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
cp "$planner" "$tmp/bin/planner"
"$tmp/bin/planner" calendar "$src/protocols/nahm2023-autologous-serum-ad.toml" --day1 2026-01-05 --arm SERUM \
  --format xlsx --output "$tmp/out.xlsx" 2>"$tmp/stderr"
code=$?
expected_start="planner: error: cannot load planner's xlsx module (needed for --format xlsx): planner-xlsx.so: not found (looked in "
expected_end="$tmp/bin/modules); reinstall planner"
message=$(cat "$tmp/stderr")
case "$message" in
  "$expected_start"*"$expected_end") ;;
  *) echo "FAIL: without its modules, --format xlsx says:"; echo "$message"; echo "expected:";
     echo "$expected_start…$expected_end"; failed=1 ;;
esac
[ "$code" -eq 3 ] || { echo "FAIL: without its modules, --format xlsx exits $code, expected 3"; failed=1; }
left=$(ls -A "$tmp" | grep -v -e '^bin$' -e '^stderr$')
[ -z "$left" ] || { echo "FAIL: without its modules, --format xlsx left: $left"; failed=1; }
[ $failed -eq 0 ] && echo "startup_libraries: table, csv and json map no module; ics maps planner-ical; a missing module is exit 3"
exit $failed
