#!/bin/sh
# fuzz.sh - a short run of every libFuzzer harness (tests/fuzz/) on its
# corpus: FUZZ_TEST_SECONDS each (4 by default), after the regression
# inputs of tests/fuzz/regress/.  `make fuzz` runs them for longer
# (docs/hardening.md).  The harnesses are built by make check (clang).
. "$(dirname "$0")/lib.sh"

secs=${FUZZ_TEST_SECONDS:-4}
set -- "$ROOT"/build/fuzz/tests/fuzz/fuzz_*
if [ ! -x "$1" ]; then
    not_ok "the fuzz harnesses are not built (make fuzz-build; needs clang)"
    exit 0
fi
# the harnesses keep their corpus in build/fuzz/corpus/; run.sh says ok/not ok
sh "$ROOT/tests/fuzz/run.sh" "$secs" "$@"
n=$(ls "$ROOT"/tests/fuzz/fuzz_*.c | wc -l)
check "every harness in tests/fuzz/ is built ($n)" test "$#" -eq "$n"
