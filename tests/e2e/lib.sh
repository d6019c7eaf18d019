# lib.sh - helpers for the end-to-end tests (sourced)
#
# ok/not_ok print TAP-like lines that tests/run-tests.sh counts.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SR="$ROOT/build/asan/satreport"
SR_REL="$ROOT/build/release/satreport"
PY=/usr/bin/python3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01, reproducible outputs

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
check() { # check "description" command...
    d=$1
    shift
    if "$@" >"$WORK/check.out" 2>&1; then ok "$d"; else not_ok "$d"; cat "$WORK/check.out"; fi
}
expect_rc() { # expect_rc CODE "description" command...
    want=$1
    d=$2
    shift 2
    "$@" >"$WORK/rc.out" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$d (exit $got)"; else not_ok "$d: exit $got, want $want"; cat "$WORK/rc.out"; fi
}
