#!/bin/sh
# The rules of --output (docs/output-files.md) that need a setup the bad-input catalogue cannot give:
# modes, the umask, symbolic and hard links, read-only files, signals, a file-size limit, standard output
# that cannot be written. One case per run, in a fresh directory of its own:
#   sh output_rules.sh PLANNER SOURCE_DIR WORK_DIR CASE
# Exit 0: the rule holds; 1: it does not (the reason on stderr); 77: the case cannot run here (skipped).
set -u
planner=$1
src=$2
case=$4
work=$3/$case
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

protocol=$src/protocols/choi2024-autologous-serum-ad.toml
cohort_protocol=$src/protocols/nahm2023-autologous-serum-ad.toml

fail() {
  echo "output rule '$case' broken: $*" >&2
  exit 1
}
# One subject's calendar as CSV: small, fast, deterministic.
calendar() { "$planner" calendar "$protocol" --day1 2026-01-05 --format csv "$@"; }
expected=$work/expected.csv
calendar > "$expected" || fail "planner does not run"
# No temporary file of planner's in the given directories.
no_temps() {
  for dir in "$@"; do
    for f in "$dir"/.planner-*; do
      [ -e "$f" ] && fail "temporary file left behind: $f"
    done
  done
  return 0
}
mode() { stat -c %a "$1"; }
same() { cmp -s "$1" "$2"; }
# rc EXPECTED COMMAND...: runs it with stderr in ./err, fails unless the exit code is EXPECTED.
rc() {
  want=$1
  shift
  "$@" 2> err
  got=$?
  [ "$got" = "$want" ] || fail "exit $got, expected $want: $*: $(cat err)"
}
# err_is TEXT: the exact stderr of the last rc.
err_is() {
  printf '%s\n' "$1" > want-err
  cmp -s err want-err || fail "stderr: $(cat err) -- expected: $1"
}
# As user nobody, when root; exit 77 (skipped) when nobody cannot run planner on the work directory (a
# checkout under /root).
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
need_nobody() {
  command -v setpriv > /dev/null || exit 77
  chmod 777 .
  $nobody sh -c '[ -x "$1" ] && [ -r "$2" ] && [ -w . ]' sh "$planner" "$protocol" || exit 77
}
roster() {  # roster N FILE: N subjects of Nahm 2023 at one site
  awk -v n="$1" 'BEGIN { print "subject,arm,site,day1"
    for (i = 0; i < n; i++) printf "S%07d,%s,KR01,2026-01-05\n", i, (i % 2 ? "SALINE" : "SERUM") }' > "$2"
}

case $case in
mode-kept)  # a file being replaced keeps its permission bits, whatever the umask
  for m in 600 640 751 664; do
    echo old > out.csv
    chmod $m out.csv
    (umask 077 && calendar --output out.csv) || fail "planner failed on a $m file"
    same out.csv "$expected" || fail "out.csv not replaced"
    [ "$(mode out.csv)" = $m ] || fail "mode $m became $(mode out.csv)"
  done
  no_temps . ;;
umask-new)  # a new file gets 0666 & ~umask, as a shell redirection would
  for u in 022 077 002 027 000; do
    (umask $u && calendar --output new-$u.csv) || fail "planner failed with umask $u"
    (umask $u && : > shell-$u.csv)
    [ "$(mode new-$u.csv)" = "$(mode shell-$u.csv)" ] ||
      fail "umask $u: new file has mode $(mode new-$u.csv), a shell gives $(mode shell-$u.csv)"
    same new-$u.csv "$expected" || fail "new-$u.csv has the wrong content"
  done
  [ "$(mode new-027.csv)" = 640 ] || fail "umask 027 gave $(mode new-027.csv)"
  no_temps . ;;
read-only-refused)  # a file without write permission is not replaced, even by root
  for m in 444 400 0 555; do
    echo old > out.csv
    chmod $m out.csv
    rc 3 calendar --output out.csv
    err_is "out.csv: error: cannot replace a read-only file (mode $(printf %04d $m)); make it writable or choose another --output"
    [ "$(cat out.csv)" = old ] || fail "the read-only file ($m) was changed"
    [ "$(mode out.csv)" = $m ] || fail "its mode changed"
    chmod 600 out.csv
  done
  echo old > out.csv
  chmod 444 out.csv  # said before any work: the roster (missing here) is not even opened
  rc 3 "$planner" load "$cohort_protocol" --roster no-such-roster.csv --output out.csv
  err_is "out.csv: error: cannot replace a read-only file (mode 0444); make it writable or choose another --output"
  no_temps . ;;
read-only-for-caller)  # writable by its owner, not by the caller: not replaced either
  [ "$(id -u)" = 0 ] || exit 77
  need_nobody
  echo old > out.csv
  chmod 644 out.csv  # root's, in a directory anyone may write
  rc 3 $nobody "$planner" calendar "$protocol" --day1 2026-01-05 \
    --output out.csv
  err_is "out.csv: error: cannot replace a read-only file (mode 0644); make it writable or choose another --output"
  [ "$(cat out.csv)" = old ] || fail "another user's file was replaced"
  no_temps . ;;
directory-not-writable)  # the temporary file needs the directory: said before any work, nothing changed
  [ "$(id -u)" = 0 ] || exit 77
  need_nobody
  mkdir locked
  echo old > locked/out.csv
  chmod 666 locked/out.csv  # the file is writable, its directory is not
  chmod 755 locked
  rc 3 $nobody "$planner" load "$cohort_protocol" --roster no-such-roster.csv --output locked/out.csv
  err_is "locked/out.csv: error: cannot create a temporary file in locked: Permission denied"
  [ "$(cat locked/out.csv)" = old ] || fail "the file was changed"
  no_temps locked ;;
owner-kept)  # root replacing another user's file keeps its owner and group
  [ "$(id -u)" = 0 ] || exit 77
  echo old > out.csv
  chown 65534:65534 out.csv
  chmod 640 out.csv
  calendar --output out.csv || fail "planner failed"
  same out.csv "$expected" || fail "not replaced"
  [ "$(stat -c %u:%g:%a out.csv)" = 65534:65534:640 ] || fail "owner/mode became $(stat -c %u:%g:%a out.csv)"
  no_temps . ;;
symlink-followed)  # a link given as --output stays a link; the file it names is replaced, in its directory
  mkdir data
  echo old > data/target.csv
  chmod 600 data/target.csv
  ln -s data/target.csv link.csv
  calendar --output link.csv || fail "planner failed"
  [ -L link.csv ] || fail "the symbolic link was replaced by a file"
  [ "$(readlink link.csv)" = data/target.csv ] || fail "the link changed"
  same data/target.csv "$expected" || fail "the target was not written"
  [ "$(mode data/target.csv)" = 600 ] || fail "the target's mode became $(mode data/target.csv)"
  no_temps . data ;;
symlink-chain)  # links to links, relative and absolute, are followed to the end
  mkdir -p a/b c
  echo old > c/final.csv
  ln -s "$work/c/final.csv" a/b/abs.csv
  ln -s b/abs.csv a/rel.csv
  ln -s a/rel.csv start.csv
  calendar --output start.csv || fail "planner failed"
  [ -L start.csv ] && [ -L a/rel.csv ] && [ -L a/b/abs.csv ] || fail "a link of the chain was replaced"
  same c/final.csv "$expected" || fail "the end of the chain was not written"
  no_temps . a a/b c ;;
symlink-dangling)  # a link to a file that does not exist yet: the file is created where the link points
  mkdir data
  ln -s data/new.csv link.csv
  (umask 022 && calendar --output link.csv) || fail "planner failed"
  [ -L link.csv ] || fail "the link was replaced"
  same data/new.csv "$expected" || fail "the link's target was not created"
  [ "$(mode data/new.csv)" = 644 ] || fail "new target has mode $(mode data/new.csv)"
  no_temps . data ;;
symlink-loop)  # a loop of links is an error naming the path, nothing is created
  ln -s b.csv a.csv
  ln -s a.csv b.csv
  rc 3 calendar --output a.csv
  err_is "a.csv: error: cannot follow the symbolic link: Too many levels of symbolic links"
  [ -L a.csv ] && [ -L b.csv ] || fail "a link was replaced"
  no_temps . ;;
symlink-to-directory)
  mkdir dir
  ln -s dir link
  rc 3 calendar --output link
  err_is "link: error: cannot write to a directory: Is a directory"
  [ -L link ] || fail "the link was replaced"
  no_temps . dir ;;
symlink-to-input)  # --output a link to the roster: refused before anything is read or written
  roster 3 roster.csv
  cp roster.csv before.csv
  ln -s roster.csv out.csv
  rc 2 "$planner" calendar "$cohort_protocol" --roster roster.csv --output out.csv
  err_is "planner: error: --output 'out.csv' is the same file as --roster 'roster.csv'; planner does not overwrite its inputs"
  same roster.csv before.csv || fail "the roster was changed"
  no_temps . ;;
hard-link-to-input)  # a hard link of the protocol is the protocol
  cp "$protocol" p.toml
  cp p.toml before.toml
  ln p.toml out.toml
  rc 2 "$planner" show p.toml --output out.toml
  err_is "planner: error: --output 'out.toml' is the same file as the protocol 'p.toml'; planner does not overwrite its inputs"
  same p.toml before.toml || fail "the protocol was changed"
  no_temps . ;;
protocol-by-name)  # a protocol named (not pathed) resolves through the lookup: its file is guarded too
  mkdir protocols
  cp "$protocol" protocols/mine.toml
  cp "$protocol" before.toml
  rc 2 "$planner" soa mine --output protocols/mine.toml
  err_is "planner: error: --output 'protocols/mine.toml' is the same file as the protocol 'protocols/mine.toml'; planner does not overwrite its inputs"
  same protocols/mine.toml before.toml || fail "the protocol was changed"
  no_temps . protocols ;;
empty-name)  # --output "" is a mistake (an unset variable), not a request for standard output
  rc 2 calendar --output ""
  err_is "planner: error: --output: expected a file name (or - for standard output), got ''"
  [ -z "$(ls -A | grep -v -e '^expected.csv$' -e '^err$' -e '^want-err$')" ] || fail "files were created: $(ls -A)"
  rc 0 calendar --output -  # "-" is standard output, as documented
  ;;
long-name)  # the temporary file's name is short, whatever the output's: up to NAME_MAX (255) works
  name252=$(printf '%0252d' 0)
  name255=$(printf '%0255d' 0)
  for name in "$name252" "$name255"; do
    echo old > "$name"
    calendar --output "$name" || fail "a ${#name}-character name fails"
    same "$name" "$expected" || fail "the ${#name}-character file was not written"
  done
  rc 3 calendar --output "${name255}0"
  err_is "${name255}0: error: cannot write: File name too long"
  no_temps . ;;
stdout-full)  # output that cannot reach standard output is an error (exit 3), for --help and --version too
  for args in "--help" "--version" "calendar --help" "protocols" "show $protocol"; do
    # shellcheck disable=SC2086
    "$planner" $args > /dev/full 2> err
    got=$?
    [ $got = 3 ] || fail "planner $args > /dev/full: exit $got"
    err_is "planner: error: cannot write standard output: No space left on device"
  done
  calendar > /dev/full 2> err
  [ $? = 3 ] || fail "calendar > /dev/full did not fail"
  err_is "planner: error: cannot write standard output: No space left on device" ;;
stdout-names)  # /dev/stdout and /dev/fd/N write to the descriptor as the shell set it up
  # Not as root: a planner that renames over the path (as before this rule) would replace /dev/stdout itself.
  unprivileged=""
  if [ "$(id -u)" = 0 ]; then
    need_nobody
    unprivileged=$nobody
  fi
  echo first > log.csv
  $unprivileged "$planner" calendar "$protocol" --day1 2026-01-05 --format csv --output /dev/stdout >> log.csv ||
    fail "--output /dev/stdout >> log.csv failed"
  { echo first; cat "$expected"; } > want.csv
  same log.csv want.csv || fail "--output /dev/stdout did not append to a file opened with >>"
  [ -L /dev/stdout ] || fail "/dev/stdout is no longer a link"
  $unprivileged "$planner" calendar "$protocol" --day1 2026-01-05 --format csv --output /dev/stdout | cat > piped.csv
  same piped.csv "$expected" || fail "--output /dev/stdout into a pipe"
  calendar --output /dev/fd/3 3> fd3.csv || fail "--output /dev/fd/3 failed"
  same fd3.csv "$expected" || fail "--output /dev/fd/3 did not reach descriptor 3"
  ln -s /proc/self/fd/1 self.csv
  calendar --output self.csv | cat > linked.csv
  same linked.csv "$expected" || fail "a link to /proc/self/fd/1"
  [ -L self.csv ] || fail "the link to /proc/self/fd/1 was replaced"
  rc 3 calendar --output /dev/fd/9
  err_is "/dev/fd/9: error: cannot write: Bad file descriptor"
  echo keep > stdin.csv
  rc 3 $unprivileged "$planner" calendar "$protocol" --day1 2026-01-05 --output /dev/stdin < stdin.csv
  err_is "/dev/stdin: error: cannot write: Bad file descriptor"
  [ "$(cat stdin.csv)" = keep ] || fail "a file open for reading only was written through /dev/stdin"
  no_temps . ;;
file-size-limit)  # a write failing midway (here: ulimit -f, which binds root too) keeps the old file
  roster 2000 roster.csv
  echo old > out.csv
  (ulimit -f 64 && exec "$planner" calendar "$cohort_protocol" --roster roster.csv --output out.csv) 2> err
  got=$?
  [ $got = 3 ] || fail "exit $got, expected 3: $(cat err)"
  err_is "out.csv: error: cannot write: File too large"
  [ "$(cat out.csv)" = old ] || fail "the existing output was damaged"
  no_temps . ;;
signal-TERM | signal-INT | signal-HUP | signal-QUIT | signal-ABRT | signal-XCPU)  # a long run stopped by a signal: no temporary file, target untouched
  sig=${case#signal-}
  roster 100000 roster.csv  # a run of seconds (150 MB of calendar), stopped as soon as it writes
  echo old > out.csv
  ulimit -c 0  # QUIT and ABRT dump core by default: not here
  # A background job of a script ignores SIGINT unless told otherwise (POSIX); planner keeps what it inherits.
  env --default-signal=INT,QUIT "$planner" calendar "$cohort_protocol" --roster roster.csv --output out.csv 2> err &
  pid=$!
  tries=0
  until ls .planner-* > /dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -gt 3000 ] && fail "no temporary file appeared"
    kill -0 $pid 2> /dev/null || fail "planner ended before the signal; make the roster longer"
    sleep 0.01
  done
  kill -s "$sig" $pid
  wait $pid
  got=$?
  case $sig in HUP) num=1 ;; INT) num=2 ;; QUIT) num=3 ;; ABRT) num=6 ;; TERM) num=15 ;; XCPU) num=24 ;; esac
  want=$((128 + num))
  [ $got = $want ] || fail "exit $got, expected $want (killed by SIG$sig)"
  [ "$(cat out.csv)" = old ] || fail "the existing output was changed"
  no_temps . ;;
signal-ignored)  # nohup: SIGHUP ignored by the caller stays ignored, the run completes
  roster 30000 roster.csv
  (trap '' HUP && exec "$planner" calendar "$cohort_protocol" --roster roster.csv --output out.csv) &
  pid=$!
  until ls .planner-* > /dev/null 2>&1; do
    kill -0 $pid 2> /dev/null || fail "planner ended before the signal; make the roster longer"
    sleep 0.01
  done
  kill -s HUP $pid
  wait $pid || fail "planner did not complete under an ignored SIGHUP (exit $?)"
  [ "$(wc -l < out.csv)" -gt 30000 ] || fail "the output is incomplete"
  no_temps . ;;
*)
  fail "no such case" ;;
esac
exit 0
