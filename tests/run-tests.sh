#!/bin/sh
# run-tests.sh - run every test: cmocka unit tests (asan build), then the
# end-to-end tests in tests/e2e/*.sh (each prints "ok"/"not ok" lines).
# Ends with the plain summary line "N passed, N failed".
#
# usage: tests/run-tests.sh UNIT_TEST_BINARY...
set -u
cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0
failed=""
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

for t in "$@"; do
    echo "== unit: $t"
    log="build/$(basename "$t").log"
    "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | head -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | head -n 1)
    pass=$((pass + ${p:-0}))
    fail=$((fail + ${f:-0}))
    grep -E '^\[  (PASSED|FAILED)  \] [0-9]' "$log"
    if [ $rc -ne 0 ]; then
        [ -z "$f" ] && fail=$((fail + 1))
        failed="$failed $t"
        cat "$log"
    fi
done

# End-to-end scripts are independent (each has its own mktemp folder): they
# run TEST_JOBS at a time (default: the number of cores), longest first, and
# are reported in that order once all are done.
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
e2e=""
for name in fuzz archive mappings govern valgrind bad faults example scale split \
    real errors merge install; do
    [ -f "tests/e2e/$name.sh" ] && e2e="$e2e tests/e2e/$name.sh"
done
for t in tests/e2e/*.sh; do # any script not in the list above
    case " $e2e " in *" $t "*) continue ;; esac
    [ "$(basename "$t")" = lib.sh ] || e2e="$e2e $t"
done
# shellcheck disable=SC2086
printf '%s\n' $e2e | xargs -P "$jobs" -I{} sh -c '
    name=$(basename "$1" .sh)
    start=$(date +%s)
    sh "$1" >"build/e2e-$name.log" 2>&1
    echo $? "$(( $(date +%s) - start ))" >"build/e2e-$name.rc"' _ {}

for t in $e2e; do
    name=$(basename "$t" .sh)
    out="build/e2e-$name.log"
    read -r rc secs <"build/e2e-$name.rc" || { rc=99; secs=0; }
    echo "== e2e: $t (${secs} s)"
    grep -E '^(ok|not ok)' "$out"
    p=$(grep -c '^ok' "$out")
    f=$(grep -c '^not ok' "$out")
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        fail=$((fail + 1))
        echo "not ok - $t exited $rc"
        tail -n 30 "$out"
        failed="$failed $t"
    elif [ "$f" -ne 0 ]; then
        failed="$failed $t"
        tail -n 40 "$out"
    fi
done

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
