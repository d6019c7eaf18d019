#!/bin/sh
# scale.sh - 100,000 generated forms (release build): figures equal the
# independent reference, and peak memory for 100,000 forms is within a few
# MB of that for 10,000 (streaming; --no-records, since the records sheet
# is the one output that lists every form).
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
GEN="$ROOT/build/release/tools/gen_forms"
T="$ROOT/templates/forms/csat.xml"
mkdir -p "$WORK/p"
cat >"$WORK/p/scale.ini" <<INI
[pipeline]
period = 2026-01-01..2026-12-31
[input]
form  = $T
files = ../in.csv
INI
peak_kb() { # peak RSS (KB) of a command
    $PY -c 'import resource, subprocess, sys
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)' "$@"
}

"$GEN" --forms 10000 --format csv --seed 7 --bad-rate 0.01 -o "$WORK/in.csv"
set -- $(peak_kb "$SR_REL" run "$WORK/p/scale.ini" --out "$WORK/o10k" --no-records -q)
m10=$1
"$GEN" --forms 100000 --format csv --seed 7 --bad-rate 0.01 -o "$WORK/in.csv"
set -- $(peak_kb "$SR_REL" run "$WORK/p/scale.ini" --out "$WORK/o100k" --no-records -q)
m100=$1
echo "peak RSS: 10,000 forms ${m10} KB, 100,000 forms ${m100} KB"
# the set of form ids (duplicate detection) is the one thing that grows:
# about 20 bytes a form, so allow 8 MB for 90,000 more forms
check "peak memory for 100,000 forms is within 8 MB of 10,000 (${m10} -> ${m100} KB)" \
    test "$m100" -le $((m10 + 8192))
check "100,000 forms: stats.csv agrees with the independent reference" \
    $PY tests/ref/refstats.py --pipeline "$WORK/p/scale.ini" --run "$WORK/o100k"
"$GEN" --forms 20000 --format xml --seed 8 --bad-rate 0.01 -o "$WORK/in.xml"
"$SR_REL" run "$WORK/p/scale.ini" --files "$WORK/in.xml" --out "$WORK/oxml" -q
check "20,000 XML forms: stats.csv agrees with the independent reference" \
    $PY tests/ref/refstats.py --template "$T" --period 2026-01-01..2026-12-31 \
    --run "$WORK/oxml" "$WORK/in.xml"

# one thread or two (handoff.h, ahead.h): the same bytes in every output,
# on 100,000 CSV forms split over three files, one of them broken part-way
head -n 30001 "$WORK/in.csv" >"$WORK/s1.csv"
{ head -n 1 "$WORK/in.csv"; sed -n '30002,60001p' "$WORK/in.csv"; printf 'F9,"never closed\n'; } >"$WORK/s2.csv"
{ head -n 1 "$WORK/in.csv"; sed -n '60002,$p' "$WORK/in.csv"; } >"$WORK/s3.csv"
for th in 1 2; do
    SATREPORT_THREADS=$th "$SR_REL" run "$WORK/p/scale.ini" --files "$WORK/s1.csv" \
        "$WORK/s2.csv" "$WORK/s3.csv" --out "$WORK/th$th" -q 2>"$WORK/th$th.err"
done
for f in stats.csv rejects.csv report.pdf statistics.xlsx; do
    check "one thread or two: the same $f" cmp "$WORK/th1/$f" "$WORK/th2/$f"
done
check "the broken file's forms are refused whole" \
    grep -q "s2.csv,.*its [0-9]* forms are refused" "$WORK/th2/rejects.csv"
