#!/bin/sh
# split.sh - one CSV file read in two parts at once (pipeline.c, "One file
# in two parts"; docs/benchmarks.md): every output is the same bytes as
# when the file is read in one thread (SATREPORT_THREADS=1), whether the
# later part is taken in or dropped, and run.log says which and why.
# SR_TEST_SPLIT_MIN=1 (test builds) splits files of any size.  Each case
# also runs with the tail (pipeline.c, take_tail()): SR_TEST_PART_SLOW_NS
# slows the part's thread so that this one comes to the part first and
# takes the second half of what the part has left (SR_TEST_TAIL_MIN=1:
# however little); the outputs must be the same bytes again.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
GEN="$ROOT/build/release/tools/gen_forms"
T="$ROOT/templates/forms/csat.xml"
export SR_TEST_SPLIT_MIN=1
cat >"$WORK/p.ini" <<INI
[pipeline]
period = 2026-01-01..2026-12-31
[input]
form  = $T
files = in.csv
INI

# same NAME "description" FILE... : run on FILEs split and in one thread,
# then compare the outputs
same() {
    name=$1
    what=$2
    shift 2
    "$SR" run "$WORK/p.ini" --files "$@" --no-records --out "$WORK/$name.2" \
        -q 2>"$WORK/$name.2.err"
    SATREPORT_THREADS=1 "$SR" run "$WORK/p.ini" --files "$@" --no-records \
        --out "$WORK/$name.1" -q 2>"$WORK/$name.1.err"
    case "$1" in *.xml) tail= ;; *) tail=yes ;; esac # CSV only
    [ -n "$tail" ] && SR_TEST_TAIL_MIN=1 SR_TEST_PART_SLOW_NS=40000 "$SR" run \
        "$WORK/p.ini" --files "$@" --no-records --out "$WORK/$name.3" -q \
        2>"$WORK/$name.3.err"
    for f in stats.csv rejects.csv report.pdf statistics.xlsx; do
        check "$what: the same $f in two parts as in one" \
            cmp "$WORK/$name.1/$f" "$WORK/$name.2/$f"
        [ -n "$tail" ] || continue
        check "$what: the same $f with the tail taken as in one part" \
            cmp "$WORK/$name.1/$f" "$WORK/$name.3/$f"
    done
}
tailsaid() { # tailsaid NAME "description" PATTERN: run.log of the tail run
    check "$2" grep -q "$3" "$WORK/$1.3/run.log"
}
said() { # said NAME "description" PATTERN: run.log of the split run
    check "$2" grep -q "$3" "$WORK/$1.2/run.log"
}

"$GEN" --forms 20000 --format csv --seed 11 --bad-rate 0.02 -o "$WORK/in.csv" 2>/dev/null
n=$(wc -l <"$WORK/in.csv")
half=$((n / 2))

# 1. plain: refusals and duplicates on both sides, taken in
same plain "20,000 forms" "$WORK/in.csv"
said plain "20,000 forms: read in two parts" "read in two parts at once, the later from line"
check "20,000 forms: refusals of the later part keep their lines" \
    awk -F, -v h="$half" 'NR > 1 && $2 > h + 100 { found = 1 } END { exit !found }' \
    "$WORK/plain.2/rejects.csv"
tailsaid plain "20,000 forms: the tail read by the first part's thread" \
    "forms from line [0-9]* by the first part's thread"
check "20,000 forms with the tail: refusals of the tail keep their lines" \
    awk -F, -v n="$n" 'NR > 1 && $2 > n - 2000 { found = 1 } END { exit !found }' \
    "$WORK/plain.3/rejects.csv"

# 1b. a form id of the part again in the tail: both are dropped and the
#     file read on in one part
{ cat "$WORK/in.csv"; sed -n "$((half + 50))p" "$WORK/in.csv"; } >"$WORK/ptdup.csv"
same ptdup "a duplicate across the part and the tail" "$WORK/ptdup.csv"
tailsaid ptdup "a duplicate across the part and the tail: read on in one part" \
    "in one part (a form id of it was seen before it)"
check "a duplicate across the part and the tail names the part's line" \
    grep -q "duplicate form_id.*ptdup.csv:$((half + 50)))" "$WORK/ptdup.3/rejects.csv"

# 2. a form id of the first part again at the end: the part is dropped and
#    the file read on in one part (the duplicate names the first place)
cp "$WORK/in.csv" "$WORK/dup.csv"
sed -n 2p "$WORK/in.csv" >>"$WORK/dup.csv"
same dup "a duplicate across the parts" "$WORK/dup.csv"
said dup "a duplicate across the parts: read on in one part" "in one part (a form id of it was seen before it)"
check "a duplicate across the parts is refused, naming line 2" \
    grep -q "duplicate form_id.*dup.csv:2)" "$WORK/dup.2/rejects.csv"

# 3. a form id of an earlier file in the later part
{ head -n 1 "$WORK/in.csv"; sed -n "$((n - 5))p" "$WORK/in.csv"; } >"$WORK/early.csv"
same early "a duplicate of an earlier file" "$WORK/early.csv" "$WORK/in.csv"
said early "a duplicate of an earlier file: read on in one part" "a form id of it was seen before it"

# 4. the split point inside a quoted field of 900 KB over 300,000 lines
{
    head -n 5001 "$WORK/in.csv"
    sed -n 5002p "$WORK/in.csv" | sed 's/,[^,]*$/,"/'
    awk 'BEGIN { for (i = 0; i < 300000; i++) print "ab" }'
    echo '"'
    sed -n '5003,10002p' "$WORK/in.csv"
} >"$WORK/quoted.csv"
same quoted "a split point inside quotes" "$WORK/quoted.csv"
said quoted "a split point inside quotes: read on in one part" "in one part (the split point is inside a form)"

# 5. the file breaks in the later part: refused whole, as in one thread
{ cat "$WORK/in.csv"; printf 'F9,"never closed\n'; } >"$WORK/broken.csv"
same broken "a file broken in its later part" "$WORK/in.csv" "$WORK/broken.csv"
check "a file broken in its later part is refused whole" \
    grep -q "broken.csv,.*its [0-9]* forms are refused" "$WORK/broken.2/rejects.csv"
same brokenalone "a file broken in its tail" "$WORK/broken.csv"
tailsaid brokenalone "a file broken in its tail: the tail read by the first part's thread" \
    "by the first part's thread"
check "a file broken in its tail is refused whole" \
    grep -q "broken.csv,.*its 20000 forms are refused" "$WORK/brokenalone.3/rejects.csv"

# 6. CRLF line ends, and GBK
sed 's/$/\r/' "$WORK/in.csv" >"$WORK/crlf.csv"
same crlf "CRLF line ends" "$WORK/crlf.csv"
said crlf "CRLF line ends: read in two parts" "read in two parts at once"
"$GEN" --forms 8000 --format csv --seed 12 --bad-rate 0.02 --encoding gbk -o "$WORK/gbk.csv" 2>/dev/null
same gbk "GBK" "$WORK/gbk.csv"
said gbk "GBK: read in two parts" "read in two parts at once"

# 7. more forms than a file may hold: refused whole either way
SR_TEST_MAX_FORMS=15000 same limit "past the forms-per-file limit" "$WORK/in.csv"
check "past the forms-per-file limit: refused whole" \
    grep -q "limit: forms per file" "$WORK/limit.2/rejects.csv"

# 8. a partial run's state and id list
"$SR" run "$WORK/p.ini" --files "$WORK/in.csv" --partial "$WORK/two.state" -q
SATREPORT_THREADS=1 "$SR" run "$WORK/p.ini" --files "$WORK/in.csv" \
    --partial "$WORK/one.state" -q
for f in "" .ids .rejects.csv; do
    check "--partial: the same state$f in two parts as in one" \
        cmp "$WORK/one.state$f" "$WORK/two.state$f"
done

# 9. native XML: split at a <form> that begins a line past the middle
"$GEN" --forms 12000 --format xml --seed 13 --bad-rate 0.02 -o "$WORK/in.xml" 2>/dev/null
# a few forms of the later part name an item with a blank around it: their
# rows in rejects.csv keep it ("Q9 ")
xl=$(wc -l <"$WORK/in.xml")
sed -i "$((xl * 3 / 4)),$((xl * 3 / 4 + 400))s/item=\"Q9\"/item=\"Q9 \"/" "$WORK/in.xml"
same xml "XML" "$WORK/in.xml"
check "XML: a reason naming a field with a blank keeps the blank" \
    grep -q ',Q9 ,' "$WORK/xml.2/rejects.csv"
said xml "XML: read in two parts" "in.xml: read in two parts at once"
check "XML: refusals of the later part keep their lines" \
    awk -F, -v h="$(($(wc -l <"$WORK/in.xml") / 2))" \
    'NR > 1 && $2 > h + 100 { found = 1 } END { exit !found }' "$WORK/xml.2/rejects.csv"
# forms commented out over the middle: the split point is inside the
# comment, where the part sees forms the file does not have
"$GEN" --forms 3000 --format xml --seed 14 -o "$WORK/small.xml" 2>/dev/null
awk '{ print } /<\/form>/ && ++n == 1500 {
    print "  <!-- forms taken back:"
    for (i = 0; i < 60000; i++)
        printf "  <form><field id=\"form_id\">X%d</field></form>\n", i
    print "  -->"
}' "$WORK/small.xml" >"$WORK/comment.xml"
same comment "XML split inside a comment" "$WORK/comment.xml"
said comment "XML split inside a comment: read on in one part" "in one part (the split point is inside a form)"
# broken in its later part: not well-formed from there
{ head -n "$((xl - 1))" "$WORK/in.xml"; echo '  <form><field id="form_id">F1</field>'; } >"$WORK/broken.xml"
same xbroken "an XML file broken in its later part" "$WORK/broken.xml"
check "an XML file broken in its later part is refused whole" \
    grep -q "broken.xml,.*its [0-9]* forms are refused" "$WORK/xbroken.2/rejects.csv"
sed 's/$/\r/' "$WORK/in.xml" >"$WORK/crlf.xml"
same xcrlf "XML with CRLF line ends" "$WORK/crlf.xml"
said xcrlf "XML with CRLF line ends: read in two parts" "crlf.xml: read in two parts at once"

# 10. undecodable bytes in half the forms, the part's first form among
#     them: counted once, so the file is not "undecodable throughout"
#     (that takes more than half), as in one part
{ cat "$WORK/p.ini"; echo "encoding = utf-8"; } >"$WORK/u8.ini" # [input] is last
$PY - "$WORK/in.csv" "$WORK/bad8.csv" <<'PY'
import sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
head = lines[0]
rows = [l for l in lines[1:] if l and l.count(b'"') % 2 == 0 and l.count(b',') == head.count(b',')][:40]
out = b'\n'.join([head] + rows) + b'\n'
x = out.index(b'\n', len(out) // 2) + 1   # the split point
first = out[:x].count(b'\n') - 1           # the part's first row
# 20 of the 40 rows bad (exactly half: not "throughout"), the part's
# first among them
bad = [i for i in range(0, 40, 2)]
if first not in bad:
    bad[-1] = first
for i in bad:
    rows[i] = rows[i].replace(b',', b',\xff', 1)
open(sys.argv[2], 'wb').write(b'\n'.join([head] + rows) + b'\n')
PY
"$SR" run "$WORK/u8.ini" --files "$WORK/bad8.csv" --no-records --out "$WORK/u8.2" -q 2>/dev/null
SATREPORT_THREADS=1 "$SR" run "$WORK/u8.ini" --files "$WORK/bad8.csv" --no-records --out "$WORK/u8.1" -q 2>/dev/null
for f in stats.csv rejects.csv; do
    check "undecodable bytes in half the forms: the same $f in two parts as in one" \
        cmp "$WORK/u8.1/$f" "$WORK/u8.2/$f"
done
check "undecodable bytes in half the forms: read in two parts" \
    grep -q "bad8.csv: read in two parts at once" "$WORK/u8.2/run.log"
check "undecodable bytes in half the forms: not refused whole" \
    test "$(grep -c 'invalid UTF-8' "$WORK/u8.2/rejects.csv")" -eq 20
