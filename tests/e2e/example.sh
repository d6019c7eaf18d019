#!/bin/sh
# example.sh - the bundled example end to end (asan build): every injected
# bad form refused with the right field and nothing else, the figures equal
# an independent calculation, the PDF and workbook are sound, and two runs
# give identical bytes.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
OUT="$WORK/example"
expect_rc 1 "the example runs, some forms refused" "$SR" run pipelines/example.ini --out "$OUT" -q
check "every injected bad form is refused, no good form is" \
    $PY tests/ref/compare_rejects.py "$OUT/rejects.csv" tests/data/example-expected-rejects.csv

# the reconciliation rows equal the generator's counts
for k in read accepted refused out_of_period; do
    want=$(sed -n "s/^$k=//p" tests/data/example-expected-counts.txt)
    check "stats.csv forms $k = $want" grep -q "^all,,forms,$k,$want,\$" "$OUT/stats.csv"
done
check "run.log says read = accepted + refused + out of period" \
    grep -q "forms: 2000 read = 1934 accepted + 49 refused + 17 out of period" "$OUT/run.log"

check "stats.csv agrees with the independent reference (1e-9)" \
    $PY tests/ref/refstats.py --pipeline pipelines/example.ini --run "$OUT"

# the PDF
check "qpdf --check passes" qpdf --check "$OUT/report.pdf"
check "the CJK font is embedded" sh -c "pdffonts '$OUT/report.pdf' | grep -q 'WenQuanYi.* yes '"
pdftotext -layout "$OUT/report.pdf" "$WORK/report.txt" 2>/dev/null
check "the report text reads back in Chinese" grep -q "顾客满意度调查分析报告" "$WORK/report.txt"
check "the report states the reconciliation" grep -q "2000" "$WORK/report.txt"
csi=$(awk -F, '$1=="all" && $3=="CSI" && $4=="index" {printf "%.1f", $5}' "$OUT/stats.csv")
check "the report shows the CSI of stats.csv ($csi)" grep -q "$csi" "$WORK/report.txt"

# the workbook
check "the workbook's figures equal stats.csv" \
    $PY tests/ref/check_xlsx.py "$OUT/statistics.xlsx" "$OUT/stats.csv" templates/forms/csat.xml

# 说明 lists every input with its SHA-256 (hashlib here), as manifest.txt
check "说明: every input's SHA-256 is the file's" $PY -c "
import hashlib, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = 0
for r in wb['说明'].values:
    if r[0] in ('调查数据', '客户档案', '流水线', '调查表模板'):
        want = hashlib.sha256(open(r[1], 'rb').read()).hexdigest()
        assert r[2] == want, (r, want)
        n += 1
assert n >= 4, n
" "$OUT/statistics.xlsx"

# year over year: the example as the previous period of a run on its UTF-8
# file alone; prev_index, delta and p_delta against the reference
mkdir -p "$WORK/yoy"
cat >"$WORK/yoy/yoy.ini" <<INI
[pipeline]
period  = 2026-01-01..2026-12-31
[input]
form  = $ROOT/templates/forms/csat.xml
files = $ROOT/input/example/survey_utf8.csv
[analysis]
previous = $OUT/stats.csv
INI
"$SR_REL" run "$WORK/yoy/yoy.ini" --out "$WORK/yoy/out" -q 2>/dev/null
check "year over year: prev_index, delta and p_delta rows are written" \
    sh -c "grep -q '^all,,CSI,delta,' '$WORK/yoy/out/stats.csv' && grep -q ',p_delta,' '$WORK/yoy/out/stats.csv'"
check "year over year: stats.csv agrees with the independent reference" \
    $PY tests/ref/refstats.py --pipeline "$WORK/yoy/yoy.ini" --run "$WORK/yoy/out"
check "year over year: the report says how CSI moved against last period" \
    sh -c "pdftotext '$WORK/yoy/out/report.pdf' - | grep -q '较上期的'"

# the English report layout on the same forms
sed "s|^prepared_by .*|&\ntemplate = $ROOT/templates/report/annual.en.xml|" pipelines/example.ini \
    | sed "s|\.\./|$ROOT/|g" >"$WORK/en.ini"
"$SR_REL" run "$WORK/en.ini" --out "$WORK/en" -q 2>/dev/null
check "the English layout renders a sound PDF" qpdf --check "$WORK/en/report.pdf"
check "... with the example comments and the segments below target" sh -c \
    "pdftotext -layout '$WORK/en/report.pdf' - | grep -q 'Example comments by category' && pdftotext -layout '$WORK/en/report.pdf' - | grep -q 'Dimensions below target by segment'"

# the report's example comments: the first of each category in 意见分类
check "the example comments are the first forms of each category (workbook)" \
    $PY tests/ref/check_examples.py "$OUT/runinfo.txt" "$OUT/statistics.xlsx" 2
first=$(awk -F'\t' '$1=="example" {print $3; exit}' "$OUT/runinfo.txt" | cut -c1-12)
check "the report quotes them (典型意见摘录: '$first')" \
    sh -c "grep -q '典型意见摘录' '$WORK/report.txt' && tr -d ' \n' <'$WORK/report.txt' | grep -qF \"\$(echo '$first' | tr -d ' ')\""

# reproducible: same input, same SOURCE_DATE_EPOCH, same bytes
"$SR_REL" run pipelines/example.ini --out "$WORK/again" -q
for f in stats.csv rejects.csv report.pdf statistics.xlsx; do
    check "a second run gives the same $f" cmp "$OUT/$f" "$WORK/again/$f"
done

# LibreOffice opens the workbook without repair (headless conversion)
if command -v soffice >/dev/null; then
    "$SR_REL" run pipelines/example.ini --out "$WORK/norec" --no-records -q
    # records off: no form is listed, 意见分类 says why, the figures stay
    check "--no-records: no 明细, 意见分类 lists no form and says why" \
        $PY -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
assert '明细' not in wb.sheetnames, wb.sheetnames
rows = list(wb['意见分类'].values)
assert len(rows) == 2 and '--no-records' in rows[1][0], rows[:3]
" "$WORK/norec/statistics.xlsx"
    check "--no-records: the same stats.csv" cmp "$OUT/stats.csv" "$WORK/norec/stats.csv"
    mkdir -p "$WORK/lo"
    timeout 300 soffice --headless -env:UserInstallation=file://$WORK/lo-profile \
        --convert-to pdf --outdir "$WORK/lo" "$WORK/norec/statistics.xlsx" >"$WORK/lo.log" 2>&1
    check "LibreOffice converts the workbook" test -s "$WORK/lo/statistics.pdf"
    check "the converted workbook holds the summary sheet" \
        sh -c "pdftotext '$WORK/lo/statistics.pdf' - | grep -q '顾客满意度指数 CSI'"
else
    not_ok "LibreOffice (soffice) is not installed: make test installs libreoffice-calc-nogui"
fi

# every item and dimension figure printed in the report equals stats.csv
check "the report's item and dimension tables equal stats.csv (rounded)" \
    $PY tests/ref/check_pdf.py "$OUT/report.pdf" "$OUT/stats.csv" templates/forms/csat.xml

# the customer archive (input/example/archive/customers.csv, docs/archive.md)
check "the example joins its customer archive (1950 customers)" \
    grep -q '^all,,customers,count,1950,$' "$OUT/stats.csv"
check "the example's forms from customers not in the archive are counted" \
    grep -q '^all,,customers,unknown,[1-9][0-9]*,[1-9][0-9]*$' "$OUT/stats.csv"
check "the example writes the follow-up list" test -s "$OUT/followup.csv"
check "the report compares the sample with the population" grep -q "样本与总体" "$WORK/report.txt"
check "a 机密 report does not list the customers to follow up" \
    sh -c "! grep -q '客户回访清单' '$WORK/report.txt'"
