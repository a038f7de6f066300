#!/bin/sh
# Builds the .deb from BUILD_DIR (cpack -G DEB), unpacks it with dpkg -x into
# a temporary folder, and checks that
#   - its control file declares the libraries the binary needs (Depends:);
#   - the unpacked govscore, run with the unpacked rule file on the unpacked
#     sample, prints the sample's hand-checked expected output.
# Usage: tests/deb/test_deb.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$build" && cpack -G DEB -B "$tmp/package" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; exit 1; }
deb=$(ls "$tmp"/package/govscore_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml-cpp libxlsxwriter libzip libexpat libfmt libspdlog libstdc++6 libc6; do
  case "$depends" in
    *"$lib"*) ;;
    *) echo "test_deb: Depends lacks $lib: $depends" >&2; exit 1 ;;
  esac
done

dpkg -x "$deb" "$tmp/root"
for f in usr/bin/govscore usr/share/govscore/rules/dazu-2020.yaml usr/share/govscore/samples/dazu-2021q1.json \
         usr/share/doc/govscore/cli.md usr/share/doc/govscore/README.md; do
  [ -f "$tmp/root/$f" ] || { echo "test_deb: the package lacks /$f" >&2; exit 1; }
done
cd "$tmp/root/usr/share/govscore"
"$tmp/root/usr/bin/govscore" score --rules rules/dazu-2020.yaml samples/dazu-2021q1.json >"$tmp/out.txt"
cmp "$tmp/out.txt" "$source/samples/dazu-2021q1.expected.txt" || { echo "test_deb: the installed sample's output differs" >&2; exit 1; }
echo "test_deb: $(basename "$deb") installs and scores the sample; Depends: $depends"
