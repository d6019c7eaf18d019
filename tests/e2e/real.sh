#!/bin/sh
# real.sh - real public survey data (tests/data/real/*, see each
# PROVENANCE.md) put into the native format: every figure of stats.csv
# equals the independent reference calculation.
. "$(dirname "$0")/lib.sh"

cd "$ROOT" || exit 1
for p in tests/data/real/*/pipeline.ini; do
    name=$(basename "$(dirname "$p")")
    "$SR" run "$p" --out "$WORK/$name" -q
    rc=$?
    if [ $rc -le 1 ]; then ok "$name runs (exit $rc)"; else not_ok "$name runs: exit $rc"; fi
    check "$name: stats.csv agrees with the independent reference" \
        $PY tests/ref/refstats.py --pipeline "$p" --run "$WORK/$name"
    check "$name: the workbook's figures equal stats.csv" \
        $PY tests/ref/check_xlsx.py "$WORK/$name/statistics.xlsx" "$WORK/$name/stats.csv" "$(dirname "$p")/template.xml"
    check "$name: the PDF is sound" qpdf --check "$WORK/$name/report.pdf"
done
