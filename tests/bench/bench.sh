#!/bin/sh
# bench.sh - the benchmark behind docs/benchmarks.md (make bench)
#
# Generates forms with the project's generator (fixed seed) at 10,000,
# 100,000 and 1,000,000 forms, as CSV and as XML, runs the whole pipeline
# on each (release build, all outputs), with and without the records sheet
# (明细), and prints a Markdown table: input MB, forms, wall s, MB/s,
# forms/s, peak RSS, output sizes.
#
# BENCH_SIZES="10000 100000" limits the sizes; BENCH_DIR sets the scratch
# folder (default /tmp/satreport-bench, needs about 3 GB at 1e6 XML).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SR="$ROOT/build/release/satreport"
GEN="$ROOT/build/release/tools/gen_forms"
DIR=${BENCH_DIR:-/tmp/satreport-bench}
SIZES=${BENCH_SIZES:-"10000 100000 1000000"}
export SOURCE_DATE_EPOCH=1767225600
mkdir -p "$DIR"
cat >"$DIR/bench.ini" <<INI
[pipeline]
period = 2026-01-01..2026-12-31
[input]
form  = $ROOT/templates/forms/csat.xml
files = in.csv
INI

# run CMD...: prints "wall_s peak_rss_kb"
measure() {
    /usr/bin/python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
w = time.monotonic() - t
if rc > 1:
    sys.exit(f"bench: {sys.argv[1:]} exited {rc}")
print(f"{w:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}

mb() { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
echo "satreport $("$SR" --version | cut -d' ' -f2), $(date -u +%Y-%m-%d)"
echo
echo "| format | forms | records sheet | input MB | wall s | MB/s | forms/s | peak RSS MB | report.pdf KB | statistics.xlsx KB | stats.csv KB |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    for fmt in csv xml; do
        in="$DIR/in-$n.$fmt"
        [ -f "$in" ] || "$GEN" --forms "$n" --format "$fmt" --seed 1 -o "$in"
        for rec in no yes; do
            # the records sheet at 1e6 forms takes about a minute: CSV only
            if [ "$rec" = yes ] && [ "$fmt" = xml ] && [ "$n" -ge 1000000 ]; then
                continue
            fi
            flag=--no-records
            [ "$rec" = yes ] && flag=
            out="$DIR/out-$n-$fmt-$rec"
            set -- $(measure "$SR" run "$DIR/bench.ini" --files "$in" --out "$out" -q $flag)
            wall=$1
            rss=$2
            size=$(mb "$in")
            echo "| $fmt | $n | $rec | $size | $wall | $(echo "scale=1; $size / $wall" | bc) | $(echo "$n / $wall" | bc) | $(echo "scale=1; $rss / 1024" | bc) | $(( $(stat -c %s "$out/report.pdf") / 1024 )) | $(( $(stat -c %s "$out/statistics.xlsx") / 1024 )) | $(( $(stat -c %s "$out/stats.csv") / 1024 )) |"
            rm -rf "$out"
        done
    done
done
