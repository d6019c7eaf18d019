#!/bin/sh
# install-deps.sh - install the Debian packages given as arguments, if missing
#
# Used by `make run` / `make test` on a fresh Debian 12 machine (as root, or
# with sudo available).  Does nothing when everything is installed already.
missing=""
for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
