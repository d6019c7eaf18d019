#!/bin/sh
# archive.sh - the customer archive end to end: a generated archive of
# 50,000 customers and 20,000 forms (unknown customers, customers with
# several forms, segment values that disagree with the archive, refused
# archive rows): response rates, disagreements, the margin of error and the
# follow-up list equal the independent calculation (tests/ref/ref_archive.py)
# in stats.csv, followup.csv, the workbook and the report; the other figures
# still equal refstats.py; unknown customers refused on request; columns
# found by label, renamed by <archive>, in GBK; partial runs merge; an
# unusable archive stops the run before anything is written.
. "$(dirname "$0")/lib.sh"

GEN="$ROOT/build/release/tools/gen_forms"
T="$ROOT/templates/forms/csat.xml"
RULES="$ROOT/tests/data/archive/complaints.rules"
REF="$ROOT/tests/ref/ref_archive.py"
cd "$WORK" || exit 1

"$GEN" --customers 50000 --seed 11 -o archive.csv >/dev/null
"$GEN" --forms 20000 --customers 50000 --seed 11 --bad-rate 0.01 -o forms.csv >/dev/null
first=$(sed -n 2p archive.csv | cut -d, -f1)
check "the extra archive ids are free" \
    sh -c "! grep -q '^KH99999[78],' archive.csv"
# rows the archive cannot vouch for (refused and said in run.log), and a
# region and a manager that no form has
cat >>archive.csv <<EOF
$first,重复的行,特殊客户,银行,西北,A,马超,2020-01-01
KH12345,编号不对,一般客户,个人,华东,A,马超,2020-01-01
,没有编号,一般客户,个人,华东,A,马超,2020-01-01
KH999998,少一列,一般客户,个人,华东,A,马超
KH999997,海外客户,一般客户,个人,海外,A,新来的经理,2020-01-01
EOF

pipeline() { # pipeline FILE ARCHIVE [CONFIDENTIALITY [INPUT_LINE]]
    {
        printf '[pipeline]\nperiod = 2026-01-01..2026-12-31\n'
        printf '[input]\nform = %s\nfiles = forms.csv\ncustomers = %s\n' "$T" "$2"
        [ -n "${4:-}" ] && printf '%s\n' "$4"
        printf '[classify]\ncomments = %s\n' "$RULES"
        printf '[analysis]\nmin_base = 30\n'
        printf '[report]\nconfidentiality = %s\n' "${3:-内部}"
    } >"$1"
}

pipeline p.ini archive.csv 内部
expect_rc 1 "a run with the archive (1% bad forms refused)" "$SR" run p.ini --out out -q
check "run.log says what the archive held and refused" \
    grep -q "customer archive archive.csv: 48751 customers (48755 rows, 4 refused, of them 1 duplicate" out/run.log
check "run.log names a refused archive row with its line" \
    grep -q "row refused: archive.csv:48753: customer id 'KH12345' does not match" out/run.log
check "run.log counts the disagreements per field" \
    grep -q "customers: region: [0-9]* of [0-9]* forms give another value than the customer archive" out/run.log
check "run.log counts the unknown customers" \
    grep -q "accepted forms from [0-9]* customers not in the customer archive" out/run.log
check "response rates, margins, disagreements and the follow-up list equal the independent calculation" \
    $PY "$REF" --pipeline p.ini --run out
check "every other figure equals refstats.py (segments follow the archive)" \
    $PY "$ROOT/tests/ref/refstats.py" --pipeline p.ini --run out
check "the workbook's figures equal stats.csv (客户统计 with the archive's values and managers)" \
    $PY "$ROOT/tests/ref/check_xlsx.py" out/statistics.xlsx out/stats.csv "$T"
check "a region of the archive that no form has: its customers, not representative" \
    grep -q '^region,海外,customers,representative,0,$' out/stats.csv
check "the manager with no responding customer is counted" \
    grep -q '^account_manager,新来的经理,customers,responded,0,1$' out/stats.csv
pdftotext -layout out/report.pdf report.txt 2>/dev/null
check "the report shows sample against population" grep -q "样本与总体" report.txt
check "the report says the response rate" \
    grep -q "应答率为 $(awk -F, '$1=="all" && $3=="customers" && $4=="response_rate" {printf "%.1f%%", $5*100}' out/stats.csv)" report.txt

"$SR_REL" run p.ini --out again -q
for f in stats.csv followup.csv rejects.csv report.pdf statistics.xlsx; do
    check "a second run gives the same $f" cmp out/$f again/$f
done

# after approval the report is rendered again from the run folder: the
# follow-up list comes back from followup.csv
"$SR_REL" submit again --by 张三 -q >/dev/null 2>&1
"$SR_REL" approve again --by 李四 --role 审核 -q >/dev/null 2>&1
check "the approved report still lists every form to follow up" \
    sh -c "test \$(pdftotext -layout again/report.pdf - | grep -c 'F2026') -ge \$(( \$(wc -l <again/followup.csv) - 1 ))"

# unknown customers refused
pipeline refuse.ini archive.csv 公开 "unknown_customers = refuse"
expect_rc 1 "unknown_customers = refuse" "$SR" run refuse.ini --out refused -q
check "the unknown customers' forms are in rejects.csv with the reason" \
    grep -q ",customer_id,customer 'KH[0-9]*' is not in the customer archive$" refused/rejects.csv
check "refused forms, figures and follow-up list equal the independent calculation" \
    $PY "$REF" --pipeline refuse.ini --run refused --no-xlsx
check "read = accepted + refused + out of period still holds" \
    grep -q "forms: 20000 read = " refused/run.log

# 机密: no follow-up list in the report (the workbook keeps it)
pipeline secret.ini archive.csv 机密
"$SR_REL" run secret.ini --out secret -q
check "a 机密 report has no follow-up section, the workbook has the list" \
    $PY "$REF" --pipeline secret.ini --run secret

# the same archive under other column names: by label, by <archive>, GBK
{
    echo "客户编号,客户名称,客户类别,行业,区域,信用等级,客户经理,开户日期"
    tail -n +2 archive.csv
} >labels.csv
pipeline labels.ini labels.csv
"$SR_REL" run labels.ini --out labels -q
check "columns found by their labels give the same stats.csv" cmp out/stats.csv labels/stats.csv
{
    echo "客户号,名称,类别,行业,片区,信用,经理,开户日期"
    tail -n +2 archive.csv
} >renamed.csv
sed 's|</survey>|  <archive>\n    <column field="customer_id" name="客户号"/>\n    <column field="customer_type" name="类别"/>\n    <column field="region" name="片区"/>\n    <column field="account_manager" name="经理"/>\n  </archive>\n</survey>|' "$T" >mapped.xml
pipeline mapped.ini renamed.csv
sed -i "s|^form = .*|form = $WORK/mapped.xml|" mapped.ini
"$SR_REL" run mapped.ini --out mapped -q
check "columns renamed by the template's <archive> give the same stats.csv" cmp out/stats.csv mapped/stats.csv
check "and the same follow-up list" cmp out/followup.csv mapped/followup.csv
tail -c +4 archive.csv | iconv -f UTF-8 -t GB18030 >gbk.csv
pipeline gbk.ini gbk.csv
"$SR_REL" run gbk.ini --out gbk -q
check "a GBK archive gives the same stats.csv" cmp out/stats.csv gbk/stats.csv

# partial runs merge (shards by form id, as tests/e2e/merge.sh)
"$GEN" --forms 20000 --customers 50000 --seed 12 -o all.csv >/dev/null
$PY - <<'PY'
import csv, zlib
rows = list(csv.reader(open("all.csv", encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
k = head.index("form_id")
out = [csv.writer(open(f"s{i}.csv", "w", encoding="utf-8", newline=""), lineterminator="\n") for i in range(3)]
for w in out:
    w.writerow(head)
for r in body:
    out[zlib.crc32(r[k].encode()) % 3].writerow(r)
PY
pipeline m.ini archive.csv
sed -i 's/^files = forms.csv$/files = s*.csv/' m.ini
"$SR_REL" run m.ini --out one -q
for i in 0 1 2; do
    "$SR_REL" run m.ini --files s$i.csv --partial st$i -q
done
check "a partial run keeps the customer responses beside its state" test -s st0.customers
expect_rc 0 "merge with the archive" "$SR" merge m.ini st2 st0 st1 --out merged -q
check "merged stats.csv (customers rows included) equals one run's" cmp one/stats.csv merged/stats.csv
check "merged follow-up list equals one run's" cmp one/followup.csv merged/followup.csv
rm st1.customers
expect_rc 2 "a state made without the archive is refused" "$SR" merge m.ini st0 st1 --out bad -q
check "the refusal says why" grep -q "state made without the customer archive" "$WORK/rc.out"

# an archive that cannot be used: exit 3, nothing written
cut -d, -f2- archive.csv >noid.csv
pipeline noid.ini noid.csv
expect_rc 3 "an archive without a customer id column stops the run" "$SR" run noid.ini --out noid -q
check "the message names the archive and the missing column" \
    grep -q "noid.csv:1: no customer id column in the customer archive" "$WORK/rc.out"
check "nothing is written" test ! -e noid
pipeline missing.ini nothere.csv
expect_rc 3 "a missing archive stops the run" "$SR" run missing.ini --out missing -q
check "nothing is written for a missing archive" test ! -e missing
pipeline badmap.ini archive.csv
sed -i "s|^form = .*|form = $WORK/mapped.xml|" badmap.ini
expect_rc 3 "a column that <archive> names and the archive lacks stops the run" \
    "$SR" run badmap.ini --out badmap -q
check "the message names the column" grep -q "no column '客户号' in the customer archive" "$WORK/rc.out"
