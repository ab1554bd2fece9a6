#!/usr/bin/env bash
# Builds the busybox that the probe lab (test/lab) runs the probe scripts with: Debian's
# source package, upstream's sources without Debian's patches, `make defconfig` (NOT
# Debian's configuration: its wget has no -T and its nc no -z/-v), as the busybox:1.36
# image is built. bookworm's 1.35.0 has networking/wget.c and networking/nc_bloaty.c
# byte-identical to 1.36.1's.
#
# The binary is cached outside the repository, so a second run only checks it:
#   ${NETPOL_CANARY_CACHE:-${XDG_CACHE_HOME:-~/.cache}/netpol-canary}/busybox-<version>/busybox
# with the link .../busybox pointing at it (where the tests look; NETPOL_CANARY_BUSYBOX
# overrides the tests' lookup). Prints the binary's path; quiet otherwise, except on failure.
# Needs root only the first time (apt: a deb-src entry, build tools).
set -euo pipefail

cache_root="${NETPOL_CANARY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/netpol-canary}"
link="$cache_root/busybox"

die() {
  echo "build-busybox: $*" >&2
  exit 1
}

# A busybox with what the probes use: wget -T, nc -z -v -w, timeout -s, sh.
# (Each help text is read whole before it is searched: `busybox … | grep -q` under
# pipefail fails whenever grep stops reading before busybox has finished writing.)
has() {
  local text
  text=$("$1" "$2" --help 2>&1) || true
  grep -q -- "$3" <<<"$text"
}
usable() {
  local bin=$1
  [ -x "$bin" ] || return 1
  has "$bin" wget '-T SEC' && has "$bin" nc '-z' && has "$bin" timeout '-s SIG' || return 1
  "$bin" sh -c 'exit 0' || return 1
}

if usable "$link"; then
  readlink -f "$link"
  exit 0
fi

mkdir -p "$cache_root"
# One build at a time (several checkouts may share the cache).
exec 9>"$cache_root/.build.lock"
flock 9
if usable "$link"; then
  readlink -f "$link"
  exit 0
fi

apt_get() {
  [ "$(id -u)" = 0 ] || die "needs root the first time (apt-get: $*); run: sudo bash scripts/build-busybox.sh"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq "$@" >/dev/null
}

# Build tools.
missing=()
for tool in gcc:gcc make:make dpkg-source:dpkg-dev xz:xz-utils bzip2:bzip2 flock:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
  apt_get update
  apt_get install -y --no-install-recommends "${missing[@]}"
fi

# A deb-src entry for each of the machine's Debian "deb" entries of this release.
if ! apt-cache showsrc busybox 2>/dev/null | grep '^Package: busybox' >/dev/null; then
  [ "$(id -u)" = 0 ] || die "needs root the first time (a deb-src entry for apt-get source); run: sudo bash scripts/build-busybox.sh"
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || die "cannot tell this machine's Debian release from /etc/os-release"
  src_list=/etc/apt/sources.list.d/netpol-canary-deb-src.sources
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -e "$f" ] || continue
      # deb822 stanzas (blank-line separated) of type deb for this release, as deb-src.
      awk -v rel="$codename" '
        function flush() {
          if (stanza != "" && types ~ /(^| )deb( |$)/ && suites ~ ("(^| )" rel "([- ]|$)"))
            printf "%s\n", stanza
          stanza = ""; types = ""; suites = ""
        }
        /^[[:space:]]*$/ { flush(); next }
        /^#/ { next }
        /^Types:/ { types = $0; sub(/^Types:[[:space:]]*/, "", types); stanza = stanza "Types: deb-src\n"; next }
        /^Suites:/ { suites = $0; sub(/^Suites:[[:space:]]*/, "", suites) }
        { stanza = stanza $0 "\n" }
        END { flush() }
      ' "$f"
    done
  } >"$src_list.tmp"
  legacy=/etc/apt/sources.list
  if [ -f "$legacy" ]; then
    grep -E "^deb[[:space:]].*[[:space:]]$codename([-[:space:]]|$)" "$legacy" | sed 's/^deb[[:space:]]/deb-src /' \
      >"${src_list%.sources}.list.tmp" || true
  fi
  if [ -s "$src_list.tmp" ]; then mv "$src_list.tmp" "$src_list"; else rm -f "$src_list.tmp"; fi
  if [ -s "${src_list%.sources}.list.tmp" ]; then
    mv "${src_list%.sources}.list.tmp" "${src_list%.sources}.list"
  else
    rm -f "${src_list%.sources}.list.tmp"
  fi
  apt_get update
  apt-cache showsrc busybox 2>/dev/null | grep '^Package: busybox' >/dev/null ||
    die "apt has no source package for busybox even with deb-src entries; add a deb-src line for your Debian mirror"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # apt's _apt user downloads into it
cd "$work"
apt-get -qq source --download-only busybox >/dev/null 2>&1 || die "apt-get source busybox failed"
dsc=$(ls busybox_*.dsc | head -n1)
# Upstream's sources as they are: no Debian patches.
dpkg-source --skip-patches -x "$dsc" src >/dev/null 2>&1 || die "dpkg-source could not unpack $dsc"
cd src
version=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p; s/^SUBLEVEL = //p' Makefile | paste -sd.)
[ -n "$version" ] || die "cannot read busybox's version from its Makefile"
jobs=$(nproc 2>/dev/null || echo 2)
# defconfig, less the tc applet: it does not build against Linux 6.8+ headers (CBQ was
# removed; Ubuntu 24.04 runners have them) and no probe uses it.
if ! { make defconfig && sed -i 's/^CONFIG_TC=y$/# CONFIG_TC is not set/' .config &&
  make -j"$jobs" busybox; } >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log" >&2
  die "building busybox $version failed (last lines of the log above)"
fi
usable ./busybox || die "the built busybox $version lacks wget -T, nc -z or timeout -s"
dest="$cache_root/busybox-$version"
mkdir -p "$dest"
cp ./busybox "$dest/busybox.tmp"
mv "$dest/busybox.tmp" "$dest/busybox"
ln -sfn "busybox-$version/busybox" "$link"
readlink -f "$link"
