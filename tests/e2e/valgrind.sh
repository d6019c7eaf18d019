#!/bin/sh
# valgrind.sh - the example pipeline under valgrind: no memory error, no
# leak (definite, indirect or possible), on a smaller generated input of
# each kind (300 forms of CSV with the records sheet, 300 of XML, the GBK
# CSV of the example) so that it runs in well under a minute.  The release
# build (-O2 -g) is what runs; no suppressions are needed (docs/hardening.md).
. "$(dirname "$0")/lib.sh"

if ! command -v valgrind >/dev/null; then
    not_ok "valgrind is not installed (make deps-test)"
    exit 0
fi
GEN="$ROOT/build/release/tools/gen_forms"
mkdir -p "$WORK/in" "$WORK/p"
"$GEN" --forms 300 --seed 21 --bad-rate 0.05 -o "$WORK/in/a.csv" >/dev/null 2>&1
"$GEN" --forms 300 --seed 22 --format xml --bad-rate 0.05 -o "$WORK/in/b.xml" >/dev/null 2>&1
# the example pipeline, its paths made absolute, reading these inputs
sed -e "s#\([= ]\)\.\./#\1$ROOT/#g" \
    -e "s#^files *=.*#files = ../in/*.csv ../in/*.xml $ROOT/input/example/survey_gbk.csv#" \
    -e "s#^dir *=.*#dir = ../out#" "$ROOT/pipelines/example.ini" >"$WORK/p/p.ini"

VG="valgrind -q --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite,indirect,possible \
--errors-for-leak-kinds=definite,indirect,possible"
# shellcheck disable=SC2086
$VG "$SR_REL" run "$WORK/p/p.ini" -q >"$WORK/vg.out" 2>&1
rc=$?
check "the example pipeline under valgrind ends normally (exit $rc)" test "$rc" -le 1
check "valgrind: no memory error and no leak" sh -c "! grep -q '==[0-9]*==' '$WORK/vg.out'"
[ "$rc" -eq 99 ] && cat "$WORK/vg.out"
check "the run under valgrind wrote its folder" test -s "$WORK/out/report.pdf"

# --no-records, a merge of partial states, and a run that fails part-way
# (a file refused whole) take other paths through the code
cp "$ROOT/tests/bad/not-well-formed.xml" "$WORK/in/"
# shellcheck disable=SC2086
$VG "$SR_REL" run "$WORK/p/p.ini" --no-records --out "$WORK/out2" -q >"$WORK/vg2.out" 2>&1
rc=$?
check "--no-records with a broken file under valgrind (exit $rc)" test "$rc" -eq 1
check "valgrind: no error or leak there either" sh -c "! grep -q '==[0-9]*==' '$WORK/vg2.out'"
[ "$rc" -eq 99 ] && cat "$WORK/vg2.out"
# shellcheck disable=SC2086
$VG "$SR_REL" run "$WORK/p/p.ini" --files "$WORK/in/a.csv" --partial "$WORK/a.state" -q \
    >"$WORK/vg3.out" 2>&1
# shellcheck disable=SC2086
$VG "$SR_REL" merge "$WORK/p/p.ini" "$WORK/a.state" --out "$WORK/out3" -q \
    >>"$WORK/vg3.out" 2>&1
rc=$?
check "a partial run and a merge under valgrind (exit $rc)" test "$rc" -le 1
check "valgrind: no error or leak in the partial run and merge" sh -c "! grep -q '==[0-9]*==' '$WORK/vg3.out'"
[ "$rc" -eq 99 ] && cat "$WORK/vg3.out"
exit 0
