#!/bin/sh
# make-seeds.sh - (re)build the seed corpora of the fuzz harnesses
#
# tests/fuzz/seeds/<harness>/ holds small files taken from the real and
# example inputs of the repository (input/example, tests/data/**,
# templates/, pipelines/), each cut to at most 40 lines so that a seed
# runs in well under a millisecond.  Harnesses whose first input byte
# selects a mode (fuzz_csv, fuzz_rules, fuzz_mapped, fuzz_state) get that
# byte prepended.  The output is deterministic; rerun after changing the
# inputs and commit the result.
#
# usage: sh tests/fuzz/make-seeds.sh
set -eu
cd "$(dirname "$0")/../.."
S=tests/fuzz/seeds
rm -rf "$S"
mkdir -p "$S"

n=0
# seed HARNESS PREFIX_HEX FILE [LINES]: head of FILE with a mode byte
seed() {
    h=$1 pre=$2 f=$3 lines=${4:-40}
    mkdir -p "$S/$h"
    n=$((n + 1))
    out="$S/$h/$(basename "$f" | tr -c 'A-Za-z0-9._\n-' '_')-$pre"
    if [ "$pre" = - ]; then
        head -n "$lines" "$f" >"$out"
    else
        { printf "\\$(printf '%03o' "0x$pre")"; head -n "$lines" "$f"; } >"$out"
    fi
}

# CSV: every encoding (auto, utf-8, gbk), the run path and the row layer
for f in input/example/survey_utf8.csv input/example/survey_gbk.csv \
    tests/data/csv/*.csv tests/data/csv-spectrum/csvs/*.csv \
    templates/examples/starter.csv tests/data/exports/wjx-csat/native.csv; do
    for mode in 00 01 02 0c 15 3e 7c; do
        seed fuzz_csv $mode "$f" 12
    done
done
seed fuzz_csv 00 input/example/survey_utf8.csv 40

# XML forms
for f in tests/data/xml/*.xml input/example/form_F20260014*.xml; do
    seed fuzz_xml - "$f" 200
done
seed fuzz_xml - input/example/survey_batch.xml 120

# form templates
for f in templates/forms/*.xml tests/data/templates/*.xml \
    tests/data/exports/*/template.xml; do
    seed fuzz_template - "$f" 400
done

# pipelines
for f in pipelines/*.ini tests/data/exports/*/pipeline*.ini; do
    seed fuzz_pipeline - "$f" 400
done

# rules: segments (00) and comments (01)
seed fuzz_rules 00 templates/rules/segments.rules 400
seed fuzz_rules 01 templates/rules/comments.rules 400
for f in tests/data/rules/*.rules; do
    seed fuzz_rules 00 "$f" 400
    seed fuzz_rules 01 "$f" 400
done

# report templates
for f in templates/report/*.xml; do
    seed fuzz_report - "$f" 2000
done

# mappings for the shipped form template
for f in templates/mappings/*.xml tests/data/exports/*/mapping*.xml; do
    seed fuzz_mapping - "$f" 400
done

# exports, with the index of their pair in fuzz_mapped.c
seed fuzz_mapped 00 tests/data/exports/wjx-csat/wjx_csat_text_gbk.csv 12
seed fuzz_mapped 01 tests/data/exports/wjx-csat/wjx_csat_codes_gbk.csv 12
seed fuzz_mapped 02 tests/data/exports/limesurvey-csv/results-survey673185.csv 12
seed fuzz_mapped 03 tests/data/exports/qualtrics/qualtrics_sample_3header.csv 12
seed fuzz_mapped 04 tests/data/exports/somerville/SomervilleHappinessSurvey2015_utf16le_noheader.txt 12
for f in tests/data/exports/odk-transportation/instances/*.xml; do
    [ -f "$f" ] && seed fuzz_mapped 05 "$f" 400
done
seed fuzz_mapped 06 tests/data/exports/fhir-gcs/questionnaireresponse-example-gcs.xml 400
seed fuzz_mapped 07 tests/data/exports/limesurvey-lsr/responses_811344.lsr 200

# customer archives, in each encoding
for f in input/example/archive/*.csv tests/data/archive/*.csv; do
    [ -f "$f" ] || continue
    for mode in 00 01 02; do
        seed fuzz_archive $mode "$f" 30
    done
done
if [ -f input/example/archive/customers.csv ]; then
    mkdir -p "$S/fuzz_archive"
    { printf '\002'; head -n 30 input/example/archive/customers.csv | iconv -f utf-8 -t gb18030; } \
        >"$S/fuzz_archive/customers-gbk.csv-02"
fi

# states, previous stats.csv, rejects.csv: made by a run of the example
if [ -x build/release/satreport ]; then
    t=$(mktemp -d)
    trap 'rm -rf "$t"' EXIT
    SOURCE_DATE_EPOCH=1767225600 build/release/satreport run pipelines/example.ini \
        --files input/example/survey_utf8.csv --partial "$t/a.state" -q || true
    SOURCE_DATE_EPOCH=1767225600 build/release/satreport run pipelines/example.ini \
        --files input/example/survey_utf8.csv --out "$t/out" --no-records -q || true
    [ -f "$t/a.state" ] && seed fuzz_state 00 "$t/a.state" 100000
    [ -f "$t/out/stats.csv" ] && seed fuzz_state 01 "$t/out/stats.csv" 60
    [ -f "$t/out/rejects.csv" ] && seed fuzz_state 02 "$t/out/rejects.csv" 20
fi
echo "make-seeds: $n seeds in $S"
