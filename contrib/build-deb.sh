#!/bin/sh
# build-deb.sh - build the Debian package build/satreport_VERSION_ARCH.deb
#
# `make deb` runs this.  It copies the files the build needs into
# build/deb/satreport-VERSION/ and runs dpkg-buildpackage -us -uc -b there,
# so the package build (whose clean step removes build/) never touches the
# work tree, then runs lintian on the result when lintian is installed.
#
# Needs: dpkg-dev, debhelper, the Build-Depends of debian/control (make deps
# plus scdoc); lintian is optional.  docs/install.md explains the choices.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

VERSION=$(dpkg-parsechangelog -l debian/changelog -S Version)
MK_VERSION=$(sed -n 's/^VERSION := *//p' Makefile)
if [ "$VERSION" != "$MK_VERSION" ]; then
    echo "build-deb: debian/changelog says $VERSION but the Makefile says" \
        "$MK_VERSION: add a changelog entry (dch -v $MK_VERSION)" >&2
    exit 2
fi
ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
for tool in dpkg-buildpackage dh; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build-deb: '$tool' not found: apt-get install dpkg-dev debhelper" >&2
        exit 2
    fi
done

STAGE=build/deb
SRC=$STAGE/satreport-$VERSION
rm -rf "$STAGE"
mkdir -p "$SRC"
# the files the package is built from: the program, its data, docs, packaging
tar -cf - Makefile README.md src templates docs contrib debian |
    tar -C "$SRC" -xf -

echo "build-deb: dpkg-buildpackage in $SRC (log: $STAGE/build.log)"
if ! (cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$STAGE/build.log" 2>&1; then
    tail -n 40 "$STAGE/build.log" >&2
    echo "build-deb: dpkg-buildpackage failed (log: $STAGE/build.log)" >&2
    exit 1
fi
DEB=satreport_${VERSION}_$ARCH.deb
cp "$STAGE/$DEB" "build/$DEB"
echo "build-deb: wrote build/$DEB"
dpkg-deb --field "build/$DEB" Package Version Depends

if command -v lintian >/dev/null 2>&1; then
    # the tags docs/install.md explains are listed in debian/satreport.lintian-overrides
    lintian --info --display-info --pedantic "$STAGE"/satreport_"${VERSION}"_"$ARCH".changes \
        2>&1 | grep -v '^running with root privileges' >"$STAGE/lintian.txt" || true
    echo "build-deb: lintian ($STAGE/lintian.txt):"
    if [ -s "$STAGE/lintian.txt" ]; then
        sed 's/^/  /' "$STAGE/lintian.txt"
    else
        echo "  no findings"
    fi
else
    echo "build-deb: lintian not installed (apt-get install lintian): not run"
fi
