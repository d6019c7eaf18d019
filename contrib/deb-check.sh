#!/bin/sh
# deb-check.sh - the Debian package, end to end, on this machine (`make
# deb-check`, as root): build it (make deb), lintian finds no error or
# warning, `apt install ./build/satreport_*.deb`, `satreport init` + `run`
# in a scratch folder, the man page, `apt remove satreport`, and nothing of
# the package left behind.
#
# It installs and removes a system package, so it is not part of `make
# test`; it refuses to run when a satreport package is installed already.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
pass=0
fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }
check() { # check "description" command...
    d=$1
    shift
    if "$@" >"$WORK/out" 2>&1; then ok "$d"; else not_ok "$d"; sed 's/^/    /' "$WORK/out"; fi
}

if [ "$(id -u)" -ne 0 ]; then
    echo "deb-check: run as root (it installs and removes the package)" >&2
    exit 2
fi
if dpkg -s satreport >/dev/null 2>&1; then
    echo "deb-check: a satreport package is installed: apt remove it first" >&2
    exit 2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export DEBIAN_FRONTEND=noninteractive SOURCE_DATE_EPOCH=1767225600

if ! sh contrib/build-deb.sh >"$WORK/build.out" 2>&1; then
    cat "$WORK/build.out"
    not_ok "make deb"
    echo "$pass passed, $fail failed"
    exit 1
fi
ok "make deb"
VERSION=$(dpkg-parsechangelog -l debian/changelog -S Version)
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB="build/satreport_${VERSION}_$ARCH.deb"

check "Depends names the libraries and the font" sh -c "
    dpkg-deb --field '$DEB' Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >'$WORK/deps' &&
    for p in libxlsxwriter4 libhpdf-2.3.0 libexpat1 libpcre2-8-0 libcsv3 \
             libinih1 libutf8proc2 libgsl27 libssl3 fonts-wqy-zenhei; do
        grep -qx \"\$p\" '$WORK/deps' || { echo \"Depends lacks \$p\"; exit 1; }
    done"
if command -v lintian >/dev/null 2>&1; then
    check "lintian finds no error or warning" sh -c "! grep -E '^[EW]: ' build/deb/lintian.txt"
fi
dpkg-deb --fsys-tarfile "$DEB" | tar -t | sed 's|^\./|/|' | grep -v '/$' >"$WORK/files"

check "apt install ./$DEB" apt-get install -y "./$DEB"
check "satreport is on the PATH" sh -c "command -v satreport | grep -qx /usr/bin/satreport"
check "--version names /usr/share/satreport as the install prefix" sh -c "
    satreport --version | grep -q '/usr/share/satreport  (install prefix)'"
mkdir -p "$WORK/clean"
check "satreport init demo" sh -c "cd '$WORK/clean' && satreport init -q demo"
check "cd demo && satreport run pipeline.ini" sh -c "cd '$WORK/clean/demo' && satreport run -q pipeline.ini"
check "the run folder is complete" sh -c "
    cd '$WORK/clean/demo/output/demo' && test -s report.pdf &&
    test -s statistics.xlsx && test -s stats.csv && test -s rejects.csv && test -s run.log"
check "man finds the page" sh -c "man -w satreport | grep -q /usr/share/man/man1/satreport.1"
check "the page reads" sh -c "MANWIDTH=80 man -l \"\$(man -w satreport)\" | grep -q 'satreport init'"
check "bash completion is where bash-completion loads it" \
    test -s /usr/share/bash-completion/completions/satreport

check "apt remove satreport" apt-get remove -y satreport
check "dpkg forgets the package (nothing to purge)" sh -c "! dpkg -s satreport"
check "every file of the package is gone" sh -c "
    while read -r f; do [ ! -e \"\$f\" ] || { echo \"left: \$f\"; exit 1; }; done <'$WORK/files'"
check "the package's folders are gone" sh -c "
    test ! -e /usr/share/satreport && test ! -e /usr/share/doc/satreport"
check "the user's project stays" test -s "$WORK/clean/demo/output/demo/report.pdf"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
