#!/bin/sh
# scaleout.sh - the speed-up of sharding a run over processes with GNU
# parallel (docs/scale-out.md, docs/benchmarks.md)
#
# Splits one benchmark CSV (gen_forms, fixed seed) into SHARDS files of
# whole rows, then times, on this machine:
#   1. one process:  run --partial over every shard's file, then merge;
#   2. SHARDS processes at once (parallel -j SHARDS): run --partial on
#      each shard, then merge;
# and checks that both merged run folders have the same stats.csv, equal
# to that of one plain run over the same files.  Prints a Markdown table.
#
# SCALE_FORMS (default 1000000), SHARDS (default 2), BENCH_DIR as bench.sh.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SR="$ROOT/build/release/satreport"
GEN="$ROOT/build/release/tools/gen_forms"
DIR=${BENCH_DIR:-/tmp/satreport-bench}/scaleout
N=${SCALE_FORMS:-1000000}
K=${SHARDS:-2}
export SOURCE_DATE_EPOCH=1767225600
command -v parallel >/dev/null || {
    echo "scaleout.sh: GNU parallel is needed (apt-get install parallel)" >&2
    exit 2
}
rm -rf "$DIR"
mkdir -p "$DIR/shards" "$DIR/one" "$DIR/par"
cat >"$DIR/p.ini" <<INI
[pipeline]
period = 2026-01-01..2026-12-31
[input]
form  = $ROOT/templates/forms/csat.xml
files = shards/*.csv
INI
"$GEN" --forms "$N" --format csv --seed 1 -o "$DIR/all.csv" >/dev/null
# whole rows (a comment may hold a line break) into K files, each with the
# header, forms dealt out in blocks so each shard is one contiguous range
/usr/bin/python3 - "$DIR/all.csv" "$DIR/shards" "$K" <<'PY'
import csv, sys
src, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
per = (len(body) + k - 1) // k
for i in range(k):
    with open(f"{out}/part{i + 1}.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(body[i * per:(i + 1) * per])
PY
rm -f "$DIR/all.csv"

# wall seconds of a shell command line
wall() {
    /usr/bin/python3 -c 'import subprocess, sys, time
t = time.monotonic()
rc = subprocess.run(sys.argv[1], shell=True).returncode
if rc > 1: sys.exit(f"scaleout.sh: {sys.argv[1]!r} exited {rc}")
print(f"{time.monotonic() - t:.3f}")' "$1"
}

cd "$DIR"
states() { ls "$1"/part* | grep -v '\.' ; }
t_one=$(wall "'$SR' run p.ini --files shards/*.csv --partial one/all -q; \
    '$SR' merge p.ini one/all --out one/run -q")
t_par=$(wall "ls shards/*.csv | parallel -j$K '$SR' run p.ini --files {} --partial par/{/.} -q; \
    '$SR' merge p.ini \$(ls par/part* | grep -v '\\.') --out par/run -q")
t_plain=$(wall "'$SR' run p.ini --out plain -q --no-records")
cmp -s one/run/stats.csv par/run/stats.csv || {
    echo "scaleout.sh: the sharded stats.csv differs from the one-process one" >&2
    exit 1
}
cmp -s one/run/stats.csv plain/stats.csv || {
    echo "scaleout.sh: the merged stats.csv differs from a plain run's" >&2
    exit 1
}
echo "machine: $(nproc) cores, load average before $(cut -d' ' -f1-3 /proc/loadavg); $N forms in $K shards"
echo
echo "| how | wall s | speed-up |"
echo "|---|---:|---:|"
echo "| 1 process: run --partial over all shards, then merge | $t_one | 1.00 |"
echo "| $K processes (parallel -j$K): run --partial per shard, then merge | $t_par | $(awk -v a="$t_one" -v b="$t_par" 'BEGIN { printf "%.2f", a / b }') |"
echo "| for reference: one plain run --no-records (lists no form) | $t_plain | |"
echo
echo "stats.csv of the sharded, the one-process and the plain run: identical"
