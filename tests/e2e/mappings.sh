#!/bin/sh
# mappings.sh - real survey tools' exports read through mapping files
#
# For every export in tests/data/exports/*/ (see each PROVENANCE.md):
# `satreport mapping-check` says what it should, `satreport convert` writes
# what an independent reading of the ORIGINAL file finds
# (tests/ref/ref_exports.py), and `satreport run` with `[input] mapping`
# gives a stats.csv that agrees with the independent calculation, refuses
# exactly the forms that must be refused (none lost without a line in
# rejects.csv), and a sound workbook and PDF.  Then the cross-checks: the
# mapped originals give the same figures as the native conversions of the
# same data, the shipped 问卷星 mappings the same as native forms, and the
# errors a user can make are said, with file:line.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
REF="$PY tests/ref/ref_exports.py"
EXP=tests/data/exports

if ! "$SR" convert --help >/dev/null 2>&1; then
    not_ok "satreport has no 'convert' command: wire src/cmd_convert.c into src/main.c (issue 6)"
    exit 0
fi

# key of an .ini file: ini_get FILE KEY
ini_get() {
    sed -n "s/^$2[ 	]*=[ 	]*\([^;]*\).*/\1/p" "$1" | sed 's/[ 	]*$//' | head -n 1
}

# dataset | pipeline (under $EXP) | exit of mapping-check | exit of run
CASES="
wjx-phone|wjx-phone/pipeline.ini|0|0
surveymonkey-starwars|surveymonkey-starwars/pipeline.ini|0|0
surveymonkey-steak|surveymonkey-steak/pipeline.ini|0|0
surveymonkey-flying|surveymonkey-flying/pipeline.ini|0|0
qualtrics-new|qualtrics/pipeline-new.ini|0|0
qualtrics-legacy|qualtrics/pipeline-legacy.ini|0|0
limesurvey-csv|limesurvey-csv/pipeline.ini|0|0
limesurvey-lsr|limesurvey-lsr/pipeline.ini|1|1
odk-transportation|odk-transportation/pipeline.ini|1|1
fhir-gcs|fhir-gcs/pipeline.ini|0|0
fhir-lifelines|fhir-lifelines/pipeline.ini|0|0
bank-satisfaction|bank-satisfaction/pipeline.ini|0|0
turkiye-evaluation|turkiye-evaluation/pipeline.ini|0|0
somerville-utf16|somerville/pipeline-utf16.ini|0|0
somerville-utf8bom|somerville/pipeline-utf8bom.ini|0|0
bfi-reverse|bfi-reverse/pipeline.ini|0|0
"

echo "$CASES" | while IFS='|' read -r ds pipe check_rc run_rc; do
    [ -n "$ds" ] || continue
    p="$EXP/$pipe"
    dir=$(dirname "$p")
    map=$(ini_get "$p" mapping)
    files=$(ini_get "$p" files)
    out="$WORK/$ds"
    mkdir -p "$out"

    # what mapping-check says (paths as the pipeline gives them)
    (cd "$dir" && "$SR" mapping-check "$map" $files) >"$out/check.txt" 2>&1
    rc=$?
    if [ $rc -eq "$check_rc" ]; then ok "$ds: mapping-check (exit $rc)"; else
        not_ok "$ds: mapping-check exit $rc, want $check_rc"; tail -n 20 "$out/check.txt"; fi

    # convert: what was read, against an independent reading of the file
    (cd "$dir" && "$SR" convert -q --mapping "$map" $files -o "$out/native.csv") 2>"$out/convert.err"
    rc=$?
    if [ $rc -le 1 ]; then ok "$ds: convert (exit $rc)"; else not_ok "$ds: convert exit $rc"; cat "$out/convert.err"; fi
    check "$ds: converted forms equal an independent reading of the export" \
        $REF convert --dataset "$ds" --pipeline "$p" --csv "$out/native.csv"

    # run with [input] mapping
    "$SR" run "$p" --out "$out/run" -q >"$out/run.err" 2>&1
    rc=$?
    if [ $rc -eq "$run_rc" ]; then ok "$ds: run with the mapping (exit $rc)"; else
        not_ok "$ds: run exit $rc, want $run_rc"; tail -n 20 "$out/run.err"; fi
    check "$ds: stats.csv agrees with the independent calculation; rejects.csv holds exactly the forms to refuse" \
        $REF stats --dataset "$ds" --pipeline "$p" --run "$out/run"
    check "$ds: the workbook's figures equal stats.csv" \
        $PY tests/ref/check_xlsx.py "$out/run/statistics.xlsx" "$out/run/stats.csv" "$dir/$(ini_get "$p" form)"
    check "$ds: the PDF is sound" qpdf --check "$out/run/report.pdf"
done

# --- what the outputs above must say --------------------------------------

grep -q "refused: .*transport_2011-07-25_19-05-49.xml:1: replaced by the edit 'uuid:6b2cc313" "$WORK/odk-transportation/check.txt" &&
    ok "odk: the instance an edit replaces is refused, naming the edit" ||
    not_ok "odk: mapping-check does not refuse the replaced instance"
check "odk: rejects.csv has the replaced instance, its duplicate and the bad uuid" \
    sh -c "grep -c 'replaced by the edit' '$WORK/odk-transportation/run/rejects.csv' | grep -qx 2 &&
           grep -q 'duplicate form_id' '$WORK/odk-transportation/run/rejects.csv' &&
           grep -q \"uuid:7g0a.*does not match pattern\" '$WORK/odk-transportation/run/rejects.csv'"
grep -q "'4' x1 (first at line 147)" "$WORK/limesurvey-lsr/check.txt" &&
    ok "lsr: mapping-check names the value no mapping knows" || not_ok "lsr: unmapped value not reported"
grep -q "2、手机价格  -> price, price_band" "$WORK/wjx-phone/check.txt" &&
    ok "wjx: mapping-check shows one column feeding two ids" || not_ok "wjx: column report"
check "wjx: the 'other' texts in 〖〗 are comments" grep -q '我妈买的。' "$WORK/wjx-phone/native.csv"
check "starwars: the stray bytes of a header are said, not fatal" \
    grep -q "header row 1: invalid UTF-8 at byte" "$WORK/surveymonkey-starwars/check.txt"
check "somerville: the UTF-16LE file without a header and the UTF-8 one with a BOM give the same figures" \
    cmp "$WORK/somerville-utf16/run/stats.csv" "$WORK/somerville-utf8bom/run/stats.csv"
check "qualtrics: the new and the legacy export give the same figures" \
    cmp "$WORK/qualtrics-new/run/stats.csv" "$WORK/qualtrics-legacy/run/stats.csv"
ok "a second SurveyMonkey survey (steak), a third (flying) and a second FHIR questionnaire read with only a new mapping each"

# --- the mapped originals against the native conversions of the same data --

for pair in plspm-bank-customer-satisfaction:bank-satisfaction uci-turkiye-student-evaluation:turkiye-evaluation; do
    native=${pair%%:*}
    mapped=${pair##*:}
    "$SR" run "tests/data/real/$native/pipeline.ini" --out "$WORK/native-$native" -q
    check "$mapped: the original export through its mapping gives the same stats.csv as tests/data/real's native forms" \
        cmp "$WORK/native-$native/stats.csv" "$WORK/$mapped/run/stats.csv"
done

# --- the shipped 问卷星 mappings -------------------------------------------

W=$EXP/wjx-csat
for v in native text codes; do
    "$SR" run "$W/pipeline-$v.ini" --out "$WORK/wjx-csat-$v" -q
    rc=$?
    if [ $rc -eq 1 ]; then ok "wjx-csat $v: run (exit 1: the broken forms refused)"; else not_ok "wjx-csat $v: run exit $rc"; fi
done
check "wjx-csat: native forms agree with the independent reference" \
    $PY tests/ref/refstats.py --pipeline "$W/pipeline-native.ini" --run "$WORK/wjx-csat-native"
check "templates/mappings/wjx-csat.xml (按选项文本, GBK) gives the native figures" \
    cmp "$WORK/wjx-csat-native/stats.csv" "$WORK/wjx-csat-text/stats.csv"
check "templates/mappings/wjx-csat-codes.xml (按选项序号, 0/1 columns, NPS 1-11) gives the native figures" \
    cmp "$WORK/wjx-csat-native/stats.csv" "$WORK/wjx-csat-codes/stats.csv"
check "wjx-csat: the same forms refused, at the same lines, in all three" \
    sh -c "cut -d, -f2 '$WORK/wjx-csat-native/rejects.csv' >'$WORK/l1'; cut -d, -f2 '$WORK/wjx-csat-text/rejects.csv' >'$WORK/l2';
           cut -d, -f2 '$WORK/wjx-csat-codes/rejects.csv' >'$WORK/l3'; cmp '$WORK/l1' '$WORK/l2' && cmp '$WORK/l1' '$WORK/l3'"
check "wjx-csat: the stray byte is said as not GB18030, with its column" \
    grep -q "wjx_csat_text_gbk.csv,12,11,C1,bytes not valid in GB18030" "$WORK/wjx-csat-text/rejects.csv"

# --- what a user gets wrong ------------------------------------------------

B="$WORK/bad"
mkdir -p "$B"
cp "$EXP/somerville/template.xml" "$B/template.xml"
printf 'Y,X1,X2,X3,X4,X5,X6\n1,3,3,3,4,2,4\n' >"$B/in.csv"
printf '<mapping template="somerville" form="template.xml">\n  <field id="form_id" value="{stem}-{row}"/>\n  <field id="survey_date" value="2015-06-01"/>\n  <item id="X7" column="X7"/>\n</mapping>\n' >"$B/unknown.xml"
printf '<mapping template="somerville" form="template.xml">\n  <field id="form_id" value="{stem}-{row}"/>\n  <field id="survey_date" value="2015-06-01"/>\n  <item id="X1" column="Q1"/>\n</mapping>\n' >"$B/missing.xml"
printf '<mapping template="somerville">\n  <field id="form_id" value="{stem}-{row}"/>\n  <field id="survey_date" value="2015-06-01"/>\n</mapping>\n' >"$B/noform.xml"
for m in unknown missing; do
    printf '[pipeline]\nname = bad\n[input]\nform = template.xml\nmapping = %s.xml\nfiles = in.csv\n' "$m" >"$B/$m.ini"
done
expect_rc 2 "a mapping naming an id the template lacks stops the run" "$SR" run "$B/unknown.ini" --out "$B/o1"
check "... with the mapping's file:line and the id" grep -q "unknown.xml:4: unknown id 'X7': not in form template 'somerville'" "$WORK/rc.out"
check "... and nothing written" test ! -e "$B/o1"
expect_rc 1 "an export without a column the mapping needs is refused as a whole" "$SR" run "$B/missing.ini" --out "$B/o2"
check "... with a line in rejects.csv saying which column" grep -q "column 'Q1' of mapping .*missing.xml:4 is not in the header" "$B/o2/rejects.csv"
expect_rc 1 "mapping-check says the column is missing" "$SR" mapping-check "$B/missing.xml" "$B/in.csv"
check "... as NOT FOUND" grep -q "X1 .*column 'Q1': NOT FOUND" "$WORK/rc.out"
expect_rc 2 "convert without a template to read for" "$SR" convert --mapping "$B/noform.xml" "$B/in.csv" -o "$B/x.csv"
check "... says to give one" grep -q "names no form template" "$WORK/rc.out"
expect_rc 0 "convert with --template" "$SR" convert -q --mapping "$B/noform.xml" --template "$B/template.xml" "$B/in.csv" -o "$B/x.csv"
check "... writes native CSV with a BOM and the template's ids" \
    sh -c "head -c 3 '$B/x.csv' | od -An -tx1 | grep -q 'ef bb bf' && head -n 1 '$B/x.csv' | grep -q 'form_id,survey_date,happy,X1'"
expect_rc 4 "convert to a folder that does not exist" "$SR" convert -q --mapping "$B/noform.xml" --template "$B/template.xml" "$B/in.csv" -o "$B/no/such/x.csv"
check "... leaves nothing behind" sh -c "! ls '$B/no' 2>/dev/null"
expect_rc 3 "convert of a file that is not there" "$SR" convert -q --mapping "$B/noform.xml" --template "$B/template.xml" "$B/none.csv" -o "$B/y.csv"
