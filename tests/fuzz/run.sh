#!/bin/sh
# run.sh - run libFuzzer harnesses, each for a set time, and say how it went
#
# usage: sh tests/fuzz/run.sh SECONDS FUZZER...
#
# Per harness NAME (build/fuzz/tests/fuzz/NAME):
#   1. every regression input in tests/fuzz/regress/NAME/ is run once
#      (inputs that once crashed or hung: they must pass now);
#   2. it fuzzes for SECONDS, starting from the committed seeds
#      (tests/fuzz/seeds/NAME/) and the corpus grown by earlier runs
#      (build/fuzz/corpus/NAME/, where new finds go), with the dictionary
#      tests/fuzz/NAME.dict when there is one.
# Limits per input: 10 s (a hang is a failure), 2 GB of memory.  A crash
# leaves its input in build/fuzz/crashes/NAME-crash-*: copy it into
# tests/fuzz/regress/NAME/ once fixed.
# Prints "ok - NAME: N runs in S s ..." or "not ok - ..." per harness
# (tests/run-tests.sh counts those lines); exits 1 if any failed.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=$1
shift
fail=0
mkdir -p build/fuzz/crashes
for bin in "$@"; do
    name=$(basename "$bin")
    corpus=build/fuzz/corpus/$name
    log=build/fuzz/$name.log
    mkdir -p "$corpus"
    if [ ! -x "$bin" ]; then
        echo "not ok - $name: $bin is not built (make fuzz-build)"
        fail=1
        continue
    fi
    reg=tests/fuzz/regress/$name
    if [ -d "$reg" ] && [ -n "$(ls -A "$reg")" ]; then
        if "$bin" -timeout=10 -rss_limit_mb=2048 "$reg"/* >"$log.regress" 2>&1; then
            echo "ok - $name: $(ls "$reg" | wc -l) regression inputs pass"
        else
            echo "not ok - $name: a regression input fails"
            tail -n 30 "$log.regress"
            fail=1
            continue
        fi
    fi
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$name-" \
        $dict "$corpus" "tests/fuzz/seeds/$name" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -aE '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 |
        sed -n 's/.* cov: \([0-9]*\) .*/\1/p')
    if [ "$rc" -eq 0 ]; then
        echo "ok - $name: ${runs:-?} runs in $secs s, coverage ${cov:-?}, corpus $(ls "$corpus" | wc -l)"
    else
        echo "not ok - $name: exit $rc after ${runs:-?} runs (see $log)"
        grep -aE '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -n 8
        fail=1
    fi
done
exit $fail
