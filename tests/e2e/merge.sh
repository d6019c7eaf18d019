#!/bin/sh
# merge.sh - scale-out: 4 shards run with --partial and merged give a
# stats.csv identical to one run over all of them; shards that share a
# form id are refused; states of another template are refused.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
GEN="$ROOT/build/release/tools/gen_forms"
T="$ROOT/templates/forms/csat.xml"
cd "$WORK" || exit 1
"$GEN" --forms 20000 --format csv --seed 3 --bad-rate 0.01 -o all.csv 2>/dev/null
# shard by form id (a form and its duplicates stay in one shard)
$PY - <<'PY'
import csv, zlib
rows = list(csv.reader(open("all.csv", encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
k = head.index("form_id")
out = [csv.writer(open(f"s{i}.csv", "w", encoding="utf-8", newline=""), lineterminator="\n") for i in range(4)]
for w in out:
    w.writerow(head)
for r in body:
    out[zlib.crc32(r[k].encode()) % 4].writerow(r)
PY
printf '[pipeline]\nperiod = 2026\n[input]\nform = %s\nfiles = s*.csv\n' "$T" >p.ini
"$SR_REL" run p.ini --out one -q
for i in 0 1 2 3; do
    expect_rc 1 "shard $i runs with --partial" "$SR" run p.ini --files s$i.csv --partial st$i -q
done
check "a partial run writes the state, its refusals and its form ids" \
    test -s st0 -a -s st0.rejects.csv -a -s st0.ids
expect_rc 1 "merge renders the run folder from 4 states" "$SR" merge p.ini st2 st0 st3 st1 --out merged -q
check "merged stats.csv is identical to one run's" cmp one/stats.csv merged/stats.csv
check "merged rejects.csv holds every refusal" \
    test "$(wc -l <one/rejects.csv)" -eq "$(wc -l <merged/rejects.csv)"
check "the merged run folder is complete" \
    sh -c "cd merged && ls report.pdf statistics.xlsx stats.csv rejects.csv run.log"

# shards that share a form id: refused, nothing written
head -n 3 s1.csv | tail -n 2 >dup.csv
(head -n 1 s0.csv; tail -n 2 dup.csv) >s0dup.csv
"$SR" run p.ini --files s0dup.csv --partial stdup -q
expect_rc 2 "states sharing a form id are refused" "$SR" merge p.ini stdup st1 --out bad
check "the refusal names the form id and both states" grep -q "is in state" "$WORK/rc.out"
check "nothing is written for a refused merge" test ! -e bad

# a state of another template
sed 's/weight="0.30"/weight="0.35"/' "$T" >other.xml
printf '[input]\nform = other.xml\nfiles = s*.csv\n' >other.ini
expect_rc 2 "a state of another form template is refused" "$SR" merge other.ini st0 --out bad2
