#!/bin/sh
# errors.sh - bad pipelines, templates and inputs stop the run cleanly:
# documented exit codes, file:line messages, previous outputs untouched.
. "$(dirname "$0")/lib.sh"

T="$ROOT/templates/forms/csat.xml"
mkdir -p "$WORK/p" "$WORK/in"
cat >"$WORK/in/a.csv" <<'CSV'
form_id,customer_id,survey_date,Q1,overall
F1,KH000001,2026-03-01,5,4
F2,KH000002,2026-03-02,4,4
CSV
cat >"$WORK/p/good.ini" <<INI
[input]
form  = $T
files = ../in/*.csv
[output]
dir = ../out
INI

expect_rc 0 "a clean run exits 0" "$SR" run "$WORK/p/good.ini" -q
check "the run folder holds every output" sh -c "cd '$WORK/out' && ls report.pdf statistics.xlsx stats.csv rejects.csv run.log"
cp -r "$WORK/out" "$WORK/before"

# unknown key: exit 2 with file:line
cat >"$WORK/p/badkey.ini" <<INI
[input]
form  = $T
files = ../in/*.csv
colour = blue
[output]
dir = ../out
INI
expect_rc 2 "an unknown pipeline key is refused" "$SR" run "$WORK/p/badkey.ini"
check "the message names file:line and the key" grep -q "badkey.ini:4: unknown key 'colour' in \[input\]" "$WORK/rc.out"

# unknown section
printf '[input]\nform = %s\nfiles = ../in/*.csv\n[outptu]\ndir = x\n' "$T" >"$WORK/p/badsec.ini"
expect_rc 2 "an unknown section is refused" "$SR" run "$WORK/p/badsec.ini"
check "the message names the section" grep -q "badsec.ini:5: unknown section '\[outptu\]'" "$WORK/rc.out"

# missing form key
printf '[input]\nfiles = ../in/*.csv\n' >"$WORK/p/noform.ini"
expect_rc 2 "a pipeline without [input] form is refused" "$SR" run "$WORK/p/noform.ini"

# bad values
printf '[pipeline]\nperiod = 2026-13-01..2026-12-31\n[input]\nform = %s\nfiles = ../in/*.csv\n' "$T" >"$WORK/p/badperiod.ini"
expect_rc 2 "a bad period is refused" "$SR" run "$WORK/p/badperiod.ini"
check "the period message names line 2" grep -q "badperiod.ini:2: bad period" "$WORK/rc.out"
printf '[input]\nform = %s\nfiles = ../in/*.csv\nencoding = latin1\n' "$T" >"$WORK/p/badenc.ini"
expect_rc 2 "an unknown encoding is refused" "$SR" run "$WORK/p/badenc.ini"

# a glob that matches nothing, a missing file
printf '[input]\nform = %s\nfiles = ../nothing/*.csv\n[output]\ndir = ../out\n' "$T" >"$WORK/p/noglob.ini"
expect_rc 2 "a files pattern matching nothing is refused" "$SR" run "$WORK/p/noglob.ini"
check "the message names the pipeline's line" grep -q "noglob.ini:3: \[input\] files: no file matches" "$WORK/rc.out"
printf '[input]\nform = nothere.xml\nfiles = ../in/*.csv\n' >"$WORK/p/notmpl.ini"
expect_rc 2 "a missing form template is refused" "$SR" run "$WORK/p/notmpl.ini"
check "the message names the pipeline's line and the file" grep -q "notmpl.ini:2: \[input\] form: .*nothere.xml: cannot open" "$WORK/rc.out"
expect_rc 3 "a missing input file is exit 3" "$SR" run "$WORK/p/good.ini" --files "$WORK/in/missing.csv"
check "the previous run folder is untouched" diff -r "$WORK/before" "$WORK/out"

# a bad template: nothing written
sed 's/scale="sat5" text="价格的合理性"/scale="sat7" text="价格的合理性"/' "$T" >"$WORK/p/bad.xml"
printf '[input]\nform = bad.xml\nfiles = ../in/*.csv\n[output]\ndir = ../out\n' >"$WORK/p/badtmpl.ini"
expect_rc 2 "a template naming an unknown scale is refused" "$SR" run "$WORK/p/badtmpl.ini"
check "the template message names file:line and the scale" grep -q "bad.xml:[0-9]*: .*unknown scale 'sat7'" "$WORK/rc.out"
check "the previous run folder is still untouched" diff -r "$WORK/before" "$WORK/out"
check "no temporary folder is left" sh -c "! ls -d '$WORK'/out.tmp-* 2>/dev/null"

# the lock: a second run on the same output is refused with exit 5
if command -v flock >/dev/null; then
    flock "$WORK/out.lock" sleep 3 &
    sleep 0.5
    expect_rc 5 "a run on a locked output is refused" "$SR" run "$WORK/p/good.ini"
    wait
    check "the locked-out run changed nothing" diff -r "$WORK/before" "$WORK/out"
fi

# an unwritable output parent: exit 4, nothing lost
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
    expect_rc 4 "an unwritable output folder is exit 4" "$SR" run "$WORK/p/good.ini" --out "$WORK/ro/out"
fi

# usage
expect_rc 2 "no command is a usage error" "$SR"
expect_rc 0 "--help works" "$SR" --help
expect_rc 0 "run --help works" "$SR" run --help
expect_rc 0 "--version works" "$SR" --version
expect_rc 2 "an unknown option is a usage error" "$SR" run "$WORK/p/good.ini" --bogus

# a program copied out of its tree, not installed: the shipped report
# layout is nowhere, which is said (exit 2), not a crash; with
# SATREPORT_DATA pointing at the tree it runs
mkdir -p "$WORK/lone"
cp "$SR" "$WORK/lone/satreport"
(cd "$ROOT" && env -u SATREPORT_DATA XDG_DATA_HOME="$WORK/none" \
    "$WORK/lone/satreport" run pipelines/example.ini --out "$WORK/lone/out" -q) \
    >"$WORK/lone.out" 2>&1
rc=$?
check "a program outside its tree without data folders: exit 2 (got $rc)" test "$rc" -eq 2
check "... saying which shipped file is missing and where it looked" \
    grep -q "shipped file 'templates/report/annual.zh-CN.xml' is in no data folder" "$WORK/lone.out"
check "... and nothing is written" test ! -e "$WORK/lone/out"
(cd "$ROOT" && SATREPORT_DATA="$ROOT" "$WORK/lone/satreport" run pipelines/example.ini \
    --out "$WORK/lone/out" -q) >"$WORK/lone2.out" 2>&1
rc=$?
check "... with SATREPORT_DATA it runs (exit $rc)" test "$rc" -le 1
