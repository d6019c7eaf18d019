#!/bin/sh
# faults.sh - faults lose nothing (docs/hardening.md): an unwritable output
# folder, a full disk, a file size limit and runs killed (-9) at random
# moments leave the previous run folder complete and verifiable, and no
# temporary file survives the next run; 机密 runs write nothing others can
# read; personal data (pii fields) is in no output unmasked.
#
# Mounting small tmpfs needs root; without it those cases are skipped
# (said in the output) and chmod stands in for the read-only folder.
. "$(dirname "$0")/lib.sh"

GEN="$ROOT/build/release/tools/gen_forms"
T="$ROOT/templates/forms/csat.xml"
mkdir -p "$WORK/in" "$WORK/p"
"$GEN" --forms 300 --seed 11 -o "$WORK/in/forms.csv" >/dev/null 2>&1
cat >"$WORK/p/p.ini" <<INI
[input]
form  = $T
files = ../in/*.csv
[report]
confidentiality = 机密
[output]
dir = ../out
INI

MOUNTS=
cleanup_mounts() {
    for m in $MOUNTS; do
        umount "$m" 2>/dev/null
    done
}
trap 'cleanup_mounts; rm -rf "$WORK"' EXIT
can_mount=no
if [ "$(id -u)" -eq 0 ] && mkdir -p "$WORK/probe" &&
    mount -t tmpfs -o size=1m tmpfs "$WORK/probe" 2>/dev/null; then
    umount "$WORK/probe"
    can_mount=yes
fi

verifies() { # verifies DIR: satreport verify says the folder is intact
    "$SR_REL" verify "$1" --no-inputs -q
}
no_tmp() { # no_tmp OUT: no temporary folder beside the run folder
    ! ls -d "$1".tmp-* >/dev/null 2>&1
}

# --- a good run first -------------------------------------------------------
expect_rc 0 "a run of 300 generated forms" "$SR_REL" run "$WORK/p/p.ini" -q
check "its folder verifies" verifies "$WORK/out"

# --- 机密: nothing readable by others -----------------------------------------
check "机密: the run folder is not readable by others" sh -c \
    "[ \$(( \$(stat -c %a '$WORK/out' | sed 's/^/0/') & 7 )) -eq 0 ]"
check "机密: no file of the run is readable by others" sh -c \
    "! find '$WORK/out' '$WORK/out.lock' -perm /o=rwx | grep -q ."
check "机密: files are 0640, the folder 0750" sh -c \
    "[ \$(stat -c %a '$WORK/out/report.pdf') = 640 ] && [ \$(stat -c %a '$WORK/out') = 750 ]"
sed 's/机密/公开/' "$WORK/p/p.ini" >"$WORK/p/open.ini"
(umask 022 && "$SR_REL" run "$WORK/p/open.ini" --out "$WORK/open" -q)
check "公开: the umask decides (0644 with umask 022)" sh -c \
    "[ \$(stat -c %a '$WORK/open/report.pdf') = 644 ]"

# --- personal data: masked everywhere ---------------------------------------
# the raw values of the pii fields (customer_name, phone) of the input
"$PY" - "$WORK/in/forms.csv" "$WORK/pii.txt" <<'PYEOF'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))
vals = set()
for r in rows:
    for k in ("customer_name", "phone"):
        v = (r.get(k) or "").strip()
        if len(v) >= 2:
            vals.add(v)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(sorted(vals)) + "\n")
PYEOF
pdftotext -layout "$WORK/out/report.pdf" "$WORK/report.txt"
mkdir -p "$WORK/xlsx"
(cd "$WORK/xlsx" && unzip -q -o "$WORK/out/statistics.xlsx")
find "$WORK/xlsx" -name '*.xml' -exec cat {} + >"$WORK/xlsx.txt"
# the PDF's text may be laid out with spaces: search it without them too
tr -d ' \n' <"$WORK/report.txt" >"$WORK/report-flat.txt"
check "pii: there are values to look for" test "$(wc -l <"$WORK/pii.txt")" -gt 100
check "pii: the workbook holds masked values (the check can see them)" \
    grep -q '\*\*\*\*' "$WORK/xlsx.txt"
for f in report.txt report-flat.txt xlsx.txt; do
    check "pii: no raw customer_name or phone in $f" sh -c \
        "! grep -qFf '$WORK/pii.txt' '$WORK/$f'"
done
for f in stats.csv rejects.csv runinfo.txt manifest.txt; do
    [ -f "$WORK/out/$f" ] || continue
    check "pii: no raw customer_name or phone in $f" sh -c \
        "! grep -qFf '$WORK/pii.txt' '$WORK/out/$f'"
done

# --- an unwritable output folder --------------------------------------------
if [ $can_mount = yes ]; then
    mkdir -p "$WORK/ro"
    mount -t tmpfs -o size=8m tmpfs "$WORK/ro" && MOUNTS="$MOUNTS $WORK/ro"
    "$SR_REL" run "$WORK/p/p.ini" --out "$WORK/ro/out" -q
    cp -a "$WORK/ro/out" "$WORK/ro-before"
    mount -o remount,ro "$WORK/ro"
    expect_rc 4 "a read-only output folder is exit 4" \
        "$SR" run "$WORK/p/p.ini" --out "$WORK/ro/out"
    check "the message names the folder and the reason" \
        grep -q "ro/out.*Read-only file system" "$WORK/rc.out"
    check "the previous run folder is untouched" diff -r "$WORK/ro-before" "$WORK/ro/out"
    check "the previous run folder verifies" verifies "$WORK/ro/out"
    umount "$WORK/ro"
else
    echo "# not root or no tmpfs: a chmod'ed folder instead of a read-only mount"
    mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
    expect_rc 4 "an unwritable output folder is exit 4" \
        "$SR" run "$WORK/p/p.ini" --out "$WORK/ro/out"
fi

# --- a full disk, at every stage of the write --------------------------------
# Each size lets the first run fit or not, and the second (which needs room
# for both folders until the swap) fail somewhere else: every failure must
# be exit 4 with the previous folder intact and nothing left behind.
if [ $can_mount = yes ]; then
    full_ok=0
    full_n=0
    for kb in 256 768 1536 2304 2560 2816 3072 3584 4096 4608; do
        d="$WORK/full$kb"
        mkdir -p "$d"
        mount -t tmpfs -o "size=${kb}k" tmpfs "$d" || continue
        MOUNTS="$MOUNTS $d"
        bad=
        "$SR" run "$WORK/p/p.ini" --out "$d/out" -q >"$WORK/full.out" 2>&1
        rc1=$?
        case $rc1 in
        0 | 1) verifies "$d/out" || bad="$bad first-run-does-not-verify" ;;
        4) [ -e "$d/out" ] && bad="$bad failed-run-left-a-folder" ;;
        *) bad="$bad first-exit-$rc1" ;;
        esac
        [ -d "$d/out" ] && cp -a "$d/out" "$WORK/full-before"
        "$SR" run "$WORK/p/p.ini" --out "$d/out" -q >"$WORK/full2.out" 2>&1
        rc2=$?
        case $rc2 in
        0 | 1) verifies "$d/out" || bad="$bad second-run-does-not-verify" ;;
        4)
            grep -q "No space left on device" "$WORK/full2.out" ||
                bad="$bad no-enospc-message"
            if [ -d "$WORK/full-before" ]; then
                diff -r "$WORK/full-before" "$d/out" >/dev/null ||
                    bad="$bad previous-folder-changed"
            fi
            ;;
        *) bad="$bad second-exit-$rc2" ;;
        esac
        no_tmp "$d/out" || bad="$bad tmp-left"
        # nothing but the run folder and the lock uses the disk
        left=$(find "$d" -mindepth 1 -maxdepth 1 ! -name out ! -name out.lock | wc -l)
        [ "$left" -eq 0 ] || bad="$bad $left-stray-files"
        grep -qE 'Sanitizer|runtime error' "$WORK/full.out" "$WORK/full2.out" &&
            bad="$bad sanitizer"
        full_n=$((full_n + 1))
        if [ -z "$bad" ]; then
            full_ok=$((full_ok + 1))
            echo "# ${kb} KB: runs exit $rc1 then $rc2"
        else
            not_ok "a full disk of ${kb} KB (exits $rc1, $rc2):$bad"
            cat "$WORK/full2.out"
        fi
        rm -rf "$WORK/full-before"
        umount "$d"
    done
    check "a full disk at $full_n sizes: exit 4, the previous folder intact, nothing left" \
        test "$full_ok" -eq "$full_n" -a "$full_n" -gt 0
else
    echo "# not root or no tmpfs: the full-disk cases are skipped"
fi

# --- a file size limit (ulimit -f): EFBIG, not a signal ------------------------
rm -rf "$WORK/fs"
mkdir -p "$WORK/fs"
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/fs/out" -q
cp -a "$WORK/fs/out" "$WORK/fs-before"
(ulimit -f 512 && "$SR_REL" run "$WORK/p/p.ini" --out "$WORK/fs/out") \
    >"$WORK/fs.out" 2>&1
rc=$?
check "over the file size limit: exit 4 (got $rc), not a signal" test "$rc" -eq 4
check "over the file size limit: the message says why" grep -q "File too large" "$WORK/fs.out"
check "over the file size limit: the previous folder is untouched" \
    diff -r "$WORK/fs-before" "$WORK/fs/out"
check "over the file size limit: no temporary folder" no_tmp "$WORK/fs/out"

# --- killed at random moments -------------------------------------------------
# A bigger input, so that a run lasts long enough to be killed in every
# stage: reading, the workbook's records, the PDF, the swap.
"$GEN" --forms 20000 --seed 12 -o "$WORK/in/big.csv" >/dev/null 2>&1
rm -rf "$WORK/k"
mkdir -p "$WORK/k"
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q
start=$(date +%s%N)
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q
dur_ms=$((($(date +%s%N) - start) / 1000000))
echo "# a run takes $dur_ms ms"
kills=0
kill_bad=0
i=0
while [ $i -lt 10 ]; do
    i=$((i + 1))
    # a random moment in the run (awk's rand, seeded per round)
    delay=$(awk -v s="$i$$" -v d="$dur_ms" 'BEGIN { srand(s); printf "%.3f", rand() * d / 1000 }')
    "$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    if ! verifies "$WORK/k/out"; then
        not_ok "killed after $delay s: the run folder does not verify"
        kill_bad=$((kill_bad + 1))
    fi
done
ok "killed $kills runs at random moments; the run folder verified after each"
check "after the kills: every run folder verified" test "$kill_bad" -eq 0
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q
check "the next run succeeds and verifies" verifies "$WORK/k/out"
check "the next run removes what killed runs left" no_tmp "$WORK/k/out"
check "nothing else is left beside the run folder" test \
    "$(ls -A "$WORK/k" | tr '\n' ' ')" = "out out.lock "

# a run killed while the lock is held does not keep the next run out
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q &
pid=$!
sleep 0.2
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
"$SR_REL" run "$WORK/p/p.ini" --out "$WORK/k/out" -q
check "a killed run's lock does not keep the next run out" test $? -le 1

# a --partial run killed before its rename: the next one removes its files
"$SR_REL" run "$WORK/p/p.ini" --files "$WORK/in/big.csv" --partial "$WORK/k/s.state" -q &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
"$SR_REL" run "$WORK/p/p.ini" --files "$WORK/in/forms.csv" --partial "$WORK/k/s.state" -q
check "a killed --partial run's files are removed by the next one" sh -c \
    "! ls '$WORK'/k/s.state*.tmp-* >/dev/null 2>&1"
check "the state is there" test -s "$WORK/k/s.state"
