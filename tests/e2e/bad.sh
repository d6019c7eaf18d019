#!/bin/sh
# bad.sh - the bad-input corpus (tests/bad/): every class of bad input
# ends the run with the documented exit code and the exact message, the
# forms reconcile (read = accepted + refused + out_of_period), nothing
# crashes (the ASan+UBSan build), hangs (60 s) or takes unbounded memory.
#
# tests/bad/NAME.expect describes the case of tests/bad/NAME (format in
# tests/bad/README.md).  Cases too big to commit (a 100 MB field, a row over
# the row length limit, ...) are generated here.
#
# usage: sh tests/e2e/bad.sh [--show NAME.expect]   (--show prints what the
# run gives, to write an .expect file from)
. "$(dirname "$0")/lib.sh"

BAD="$ROOT/tests/bad"
T="$ROOT/templates/forms/csat.xml"
SHOW=
if [ "${1:-}" = --show ]; then
    SHOW=$2
fi

# the case's folder: p/ (pipeline and what it names), in/ (inputs), out/
setup_case() { # setup_case DIR KIND FILE WITH INI_LINES
    dir=$1 kind=$2 file=$3 with=$4 ini=$5
    rm -rf "$dir"
    mkdir -p "$dir/p" "$dir/in"
    form=$T
    extra=
    case $kind in
    input) cp "$BAD/$file" "$dir/in/" ;;
    template)
        cp "$BAD/$file" "$dir/p/form.xml"
        form=form.xml
        ;;
    segments | comments)
        cp "$BAD/$file" "$dir/p/"
        extra="[classify]
$kind = $file"
        ;;
    report)
        cp "$BAD/$file" "$dir/p/report.xml"
        extra="[report]
template = report.xml"
        ;;
    mapping)
        cp "$BAD/$file" "$dir/p/mapping.xml"
        ini="$ini
mapping = mapping.xml"
        ;;
    pipeline) sed "s#@ROOT@#$ROOT#g" "$BAD/$file" >"$dir/p/p.ini" ;;
    esac
    [ "$kind" != input ] && cp "$BAD/$with" "$dir/in/"
    if [ "$kind" != pipeline ]; then
        printf '[input]\nform = %s\nfiles = ../in/*\n%s\n%s\n[output]\ndir = ../out\n' \
            "$form" "$ini" "$extra" >"$dir/p/p.ini"
    fi
}

# run_case DIR [ENV=VALUE]: the run, from DIR; sets rc
run_case() {
    dir=$1
    shift
    (cd "$dir" && env "$@" timeout 60 "$SR" run p/p.ini) \
        >"$dir/stdout" 2>"$dir/stderr"
    rc=$?
}

# forms_of DIR: "read accepted refused out_of_period" from stats.csv
forms_of() {
    for m in read accepted refused out_of_period; do
        v=$(sed -n "s/^all,,forms,$m,\([0-9]*\),.*/\1/p" "$1/out/stats.csv")
        printf '%s ' "${v:-?}"
    done
}

# the checks every case gets
common_checks() { # common_checks NAME DIR
    name=$1 dir=$2
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$dir/stderr"; then
        not_ok "$name: a sanitizer report"
        head -n 20 "$dir/stderr"
    fi
    if [ "$rc" -eq 124 ]; then
        not_ok "$name: the run hung (60 s)"
    elif [ "$rc" -gt 5 ]; then
        not_ok "$name: exit $rc, not a documented code (a crash?)"
        tail -n 5 "$dir/stderr"
    fi
    if [ -f "$dir/out/stats.csv" ]; then
        set -- $(forms_of "$dir")
        if [ "$1" = "?" ] || [ "$1" -ne $(($2 + $3 + $4)) ]; then
            not_ok "$name: read $1 != accepted $2 + refused $3 + out of period $4"
        fi
    fi
    if ls -d "$dir"/out.tmp-* >/dev/null 2>&1; then
        not_ok "$name: a temporary folder is left"
    fi
}

if [ -n "$SHOW" ]; then
    e=$BAD/$SHOW
    file=${SHOW%.expect}
    kind=$(sed -n 's/^kind //p' "$e")
    with=$(sed -n 's/^with //p' "$e")
    ini=$(sed -n 's/^ini //p' "$e")
    envs=$(sed -n 's/^env //p' "$e")
    setup_case "$WORK/show" "${kind:-input}" "$file" "${with:-good.csv}" "$ini"
    # shellcheck disable=SC2086
    run_case "$WORK/show" SR_BAD_CASE=1 $envs
    echo "exit $rc"
    sed 's/^/stderr /' "$WORK/show/stderr"
    [ -f "$WORK/show/out/rejects.csv" ] &&
        tail -n +2 "$WORK/show/out/rejects.csv" | sed 's/^/reject /'
    [ -f "$WORK/show/out/stats.csv" ] &&
        echo "forms $(forms_of "$WORK/show" | sed 's/ $//')"
    [ -d "$WORK/show/out" ] || echo nothing
    exit 0
fi

# --- the committed corpus ----------------------------------------------------
n=0
for e in "$BAD"/*.expect; do
    n=$((n + 1))
    case_name=$(basename "$e" .expect)
    kind=$(sed -n 's/^kind //p' "$e")
    with=$(sed -n 's/^with //p' "$e")
    ini=$(sed -n 's/^ini //p' "$e")
    envs=$(sed -n 's/^env //p' "$e")
    want_rc=$(sed -n 's/^exit //p' "$e")
    dir="$WORK/c/$case_name"
    setup_case "$dir" "${kind:-input}" "$case_name" "${with:-good.csv}" "$ini"
    # shellcheck disable=SC2086
    run_case "$dir" SR_BAD_CASE=1 $envs
    common_checks "$case_name" "$dir"
    fails=0
    if [ "$rc" -ne "$want_rc" ]; then
        echo "# $case_name: exit $rc, want $want_rc"
        fails=1
    fi
    # exact rejects.csv rows and stderr lines
    sed -n 's/^reject //p' "$e" >"$dir/want-rejects"
    sed -n 's/^stderr //p' "$e" >"$dir/want-stderr"
    touch "$dir/got-rejects"
    [ -f "$dir/out/rejects.csv" ] &&
        tail -n +2 "$dir/out/rejects.csv" >"$dir/got-rejects"
    if ! diff -u "$dir/want-rejects" "$dir/got-rejects" >"$dir/diff"; then
        echo "# $case_name: rejects.csv differs"
        cat "$dir/diff"
        fails=1
    fi
    while IFS= read -r line; do
        if ! grep -qxF -- "$line" "$dir/stderr"; then
            echo "# $case_name: stderr lacks: $line"
            fails=1
        fi
    done <"$dir/want-stderr"
    sed -n 's/^log //p' "$e" >"$dir/want-log"
    while IFS= read -r line; do
        if ! grep -qxF -- "$line" "$dir/out/run.log" 2>/dev/null; then
            echo "# $case_name: run.log lacks: $line"
            fails=1
        fi
    done <"$dir/want-log"
    want_forms=$(sed -n 's/^forms //p' "$e")
    if [ -n "$want_forms" ] && [ "$(forms_of "$dir")" != "$want_forms " ]; then
        echo "# $case_name: forms $(forms_of "$dir")want $want_forms"
        fails=1
    fi
    if grep -qx nothing "$e" && [ -e "$dir/out" ]; then
        echo "# $case_name: a run folder was written"
        fails=1
    fi
    if [ $fails -ne 0 ]; then
        not_ok "$case_name ($(sed -n 's/^# //p' "$e" | head -n 1))"
        sed 's/^/#   /' "$dir/stderr" | head -n 10
    else
        ok "$case_name: $(sed -n 's/^# //p' "$e" | head -n 1) (exit $rc)"
    fi
done
check "the corpus has its cases" test "$n" -ge 45

# --- generated: too big to commit -------------------------------------------
G="$WORK/gen"
mkdir -p "$G/p" "$G/in"
printf '[input]\nform = %s\nfiles = ../in/*\n[output]\ndir = ../out\n' "$T" >"$G/p/p.ini"
gen_run() { # gen_run FILE: run on in/FILE alone with the release build
    rm -rf "$G/out" "$G/in"/*
    mv "$WORK/$1" "$G/in/"
    (cd "$G" && timeout 120 /usr/bin/time -f '%M' -o "$G/rss" \
        "$SR_REL" run p/p.ini -q) >"$G/stdout" 2>"$G/stderr"
    rc=$?
    rss=$(tail -n 1 "$G/rss")
}
has_reject() { # has_reject LINE: an exact row of rejects.csv
    grep -qxF -- "$1" "$G/out/rejects.csv"
}
HDR='form_id,customer_id,survey_date,Q1,overall,C1'

# a 100 MB field, unquoted and quoted, between good forms
for q in '' '"'; do
    {
        echo "$HDR"
        echo "B1,KH000001,2026-03-01,5,4,好"
        printf 'B2,KH000002,2026-03-02,4,4,%s' "$q"
        head -c 100000000 /dev/zero | tr '\0' 'a'
        printf '%s\nB3,KH000003,2026-03-03,3,3,一般\n' "$q"
    } >"$WORK/big-field.csv"
    gen_run big-field.csv
    kind=${q:+quoted}
    kind=${kind:-unquoted}
    check "100 MB $kind field: exit 1" test "$rc" -eq 1
    check "100 MB $kind field: the form is refused naming the limit" has_reject \
        "in/big-field.csv,3,B2,C1,field 'C1' longer than 1048576 bytes (limit: field length)"
    check "100 MB $kind field: the other forms are read" \
        test "$(forms_of "$G")" = "3 2 1 0 "
    check "100 MB $kind field: memory stays under 64 MB (${rss} KB)" test "$rss" -lt 65536
done

# a 100 MB value in XML
{
    echo '<forms survey="csat"><form><field id="form_id">X1</field>'
    echo '<field id="customer_id">KH000001</field><field id="survey_date">2026-03-01</field>'
    printf '<comment item="C1">'
    head -c 100000000 /dev/zero | tr '\0' 'a'
    echo '</comment></form></forms>'
} >"$WORK/big-value.xml"
gen_run big-value.xml
check "100 MB XML value: the form is refused naming the limit" has_reject \
    "in/big-value.xml,1,X1,C1,value of 'C1' longer than 1048576 bytes (limit: field length)"
check "100 MB XML value: memory stays under 64 MB (${rss} KB)" test "$rss" -lt 65536

# XML markup over the limit: a 9 MB attribute
{
    printf '<forms survey="csat"><form x="'
    head -c 9000000 /dev/zero | tr '\0' 'a'
    echo '"></form></forms>'
} >"$WORK/big-tag.xml"
gen_run big-tag.xml
check "9 MB XML tag: refused whole naming the limit" has_reject \
    "in/big-tag.xml,1,,,\"file is unreadable from line 1 col 22: markup (a tag, comment or declaration) longer than 8388608 bytes (limit: XML markup length); its 0 forms are refused\""
check "9 MB XML tag: memory stays under 64 MB (${rss} KB)" test "$rss" -lt 65536

# a row over the row length limit: 17 cells of 1 MB
{
    echo "$HDR"
    printf 'B1,KH000001,2026-03-01'
    i=0
    while [ $i -lt 17 ]; do
        printf ','
        head -c 1000000 /dev/zero | tr '\0' '5'
        i=$((i + 1))
    done
    printf '\nB2,KH000002,2026-03-02,4,4,好\n'
} >"$WORK/long-row.csv"
gen_run long-row.csv
check "a 17 MB row: refused naming the limit" has_reject \
    "in/long-row.csv,2,B1,,row longer than 16777216 bytes (limit: row length)"
check "a 17 MB row: the next form is read" test "$(forms_of "$G")" = "2 1 1 0 "

# more columns than the limit
{
    printf 'form_id,customer_id,survey_date,Q1,overall'
    i=0
    while [ $i -lt 5000 ]; do
        printf ',x%d' $i
        i=$((i + 1))
    done
    printf '\nB1,KH000001,2026-03-01,5,4\n'
} >"$WORK/wide.csv"
gen_run wide.csv
check "5005 columns: refused naming the limit" has_reject \
    "in/wide.csv,1,,,file is unreadable from line 1: unusable header: row has more than 4096 cells (limit: columns per row); its 0 forms are refused"

# distinct segment values past the limit: counted, not broken down (each
# value has 6 forms, more than [analysis] min_report)
"$PY" - "$WORK/segs.csv" <<'PYEOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("form_id,customer_id,survey_date,region,Q1,overall\n")
    for i in range(12000):
        f.write("S%06d,KH%06d,2026-03-01,R%d,%d,%d\n" % (i, i, i % 2000, 1 + i % 5, 1 + i % 5))
PYEOF
gen_run segs.csv
check "2000 segment values: exit 0 ($rc)" test "$rc" -eq 0
check "2000 segment values: every form is in the figures" test "$(forms_of "$G")" = "12000 12000 0 0 "
check "2000 segment values: the run log names the limit" grep -q \
    "segment 'region' has more than 1000 values: 6000 forms .*(limit: segment values)" "$G/out/run.log"
check "2000 segment values: 1000 are broken down" test \
    "$(grep -c '^region,R[0-9]*,forms,count,' "$G/out/stats.csv")" -eq 1000
check "2000 segment values: memory stays bounded (${rss} KB)" test "$rss" -lt 131072

# forms per file: the limit lowered for the test (SR_TESTING builds only)
mkdir -p "$G/lim/p" "$G/lim/in"
cp "$BAD/good.csv" "$G/lim/in/a.csv"
printf 'form_id,customer_id,survey_date,Q1,overall\nL1,KH000001,2026-03-01,5,4\nL2,KH000002,2026-03-01,5,4\nL3,KH000003,2026-03-01,5,4\n' >"$G/lim/in/b.csv"
cp "$G/p/p.ini" "$G/lim/p/"
(cd "$G/lim" && SR_TEST_MAX_FORMS=2 "$SR" run p/p.ini) >"$G/lim/stdout" 2>"$G/lim/stderr"
rc=$?
check "forms per file over the limit: exit 1" test "$rc" -eq 1
check "forms per file: the file is refused whole naming the limit" grep -qxF \
    "in/b.csv,4,,,file is unreadable from line 4: more than 2 forms in one file (limit: forms per file); its 2 forms are refused" \
    "$G/lim/out/rejects.csv"
check "forms per file: the other file is read" test "$(forms_of "$G/lim")" = "4 2 2 0 "

# external entities: nothing is fetched, over the network or from a file
if "$PY" -c 'import socket' 2>/dev/null; then
    "$PY" - "$WORK/port" "$WORK/hits" <<'PYEOF' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(20)
try:
    while True:
        c, _ = s.accept()
        open(sys.argv[2], "a").write("hit\n")
        c.close()
except OSError:
    pass
PYEOF
    srv=$!
    i=0
    while [ ! -s "$WORK/port" ] && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    port=$(cat "$WORK/port")
    echo "secret-$$-on-disk" >"$WORK/secret.txt"
    cat >"$WORK/xxe.xml" <<XMLEOF
<?xml version="1.0"?>
<!DOCTYPE forms SYSTEM "http://127.0.0.1:$port/forms.dtd" [
  <!ENTITY remote SYSTEM "http://127.0.0.1:$port/x.xml">
  <!ENTITY secret SYSTEM "file://$WORK/secret.txt">
  <!ENTITY % p SYSTEM "http://127.0.0.1:$port/p.dtd"> %p;
]>
<forms survey="csat"><form><field id="form_id">X1</field>
<comment item="C1">&remote;&secret;</comment></form></forms>
XMLEOF
    cp "$WORK/xxe.xml" "$WORK/xxe-template.xml"
    gen_run xxe.xml
    check "external entities: the file is refused (DOCTYPE)" grep -q "DOCTYPE is not allowed" "$G/out/rejects.csv"
    # the same file as a form template, a report template and a mapping
    for k in form mapping; do
        printf '[input]\nform = %s\nfiles = ../in/*\n' "$T" >"$G/p/x.ini"
        [ $k = form ] && printf '[input]\nform = %s\nfiles = ../in/*\n' "$WORK/xxe-template.xml" >"$G/p/x.ini"
        [ $k = mapping ] && printf 'mapping = %s\n' "$WORK/xxe-template.xml" >>"$G/p/x.ini"
        printf '[output]\ndir = ../out-x\n' >>"$G/p/x.ini"
        cp "$BAD/good.csv" "$G/in/"
        (cd "$G" && "$SR" run p/x.ini) >"$G/x.out" 2>&1
        check "external entities in a $k: refused (exit 2)" grep -q "DOCTYPE is not allowed" "$G/x.out"
    done
    sleep 0.5
    kill "$srv" 2>/dev/null
    wait "$srv" 2>/dev/null
    check "external entities: no connection was made" test ! -s "$WORK/hits"
    check "external entities: the file's content is in no output" sh -c \
        "! grep -rq 'secret-$$-on-disk' '$G/out' '$G/x.out' '$G/stderr'"
fi

# --- a file refused whole leaves the other files' figures as they were -------
# (a small broken file whose records are replayed, and a large one that got
# statistics of its own before it broke)
GEN="$ROOT/build/release/tools/gen_forms"
W="$WORK/whole"
mkdir -p "$W/p" "$W/in" "$W/in-good"
"$GEN" --forms 3000 --seed 31 -o "$W/in-good/good.csv" >/dev/null 2>&1
cp "$W/in-good/good.csv" "$W/in/"
cp "$BAD/not-well-formed.xml" "$W/in/"
"$GEN" --forms 40000 --seed 32 -o "$W/in/big.csv" >/dev/null 2>&1
printf 'F9999999,KH000001,2026-03-01,"never closed\n' >>"$W/in/big.csv"
printf '[input]\nform = %s\nfiles = ../in/*\n[output]\ndir = ../out\n' "$T" >"$W/p/p.ini"
(cd "$W" && "$SR_REL" run p/p.ini -q) >"$W/err" 2>&1
rc=$?
(cd "$W" && "$SR_REL" run p/p.ini --files in-good/good.csv --out good -q) >/dev/null 2>&1
check "broken files: exit 1" test "$rc" -eq 1
check "broken files: one row each, naming line:col or line" sh -c \
    "grep -c 'file is unreadable from line' '$W/out/rejects.csv' | grep -qx 2"
check "broken files: the large one's 40000 forms are refused under one row" \
    grep -qE '^in/big.csv,[0-9]+,,,file is unreadable from line [0-9]+: unterminated quoted field.*; its 40000 forms are refused' "$W/out/rejects.csv"
check "broken files: no other row names them" sh -c \
    "[ \$(grep -c '^in/big.csv\|^in/not-well-formed.xml' '$W/out/rejects.csv') -eq 2 ]"
# every figure but the counts of forms is the good file's alone
grep -v ',forms,' "$W/out/stats.csv" >"$W/all.txt"
grep -v ',forms,' "$W/good/stats.csv" >"$W/good.txt"
check "broken files: every figure is the good file's alone" diff "$W/good.txt" "$W/all.txt"
set -- $(forms_of "$W")
check "broken files: read = accepted + refused + out of period ($*)" test "$1" -eq $(($2 + $3 + $4))
check "broken files: their forms are counted as refused" test "$1" -eq $((3000 + 40000 + 2))
"$PY" - "$W/out/statistics.xlsx" "$W/good/statistics.xlsx" >"$W/xl.txt" 2>&1 <<'PYEOF'
import sys, openpyxl
def rows(p):
    wb = openpyxl.load_workbook(p, read_only=True)
    n = {}
    for ws in wb.worksheets:
        if ws.title.startswith("明细") or ws.title.startswith("意见分类"):
            key = ws.title.rstrip("0123456789")
            n[key] = n.get(key, 0) + sum(1 for _ in ws.iter_rows(min_row=2))
    return n
a, b = rows(sys.argv[1]), rows(sys.argv[2])
print(a, b)
sys.exit(0 if a == b and a else 1)
PYEOF
xl=$?
check "broken files: the records and comments sheets hold the good file's forms only ($(cat "$W/xl.txt"))" \
    test "$xl" -eq 0
