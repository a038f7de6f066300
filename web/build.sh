#!/bin/sh
# Builds the browser edition into build-web/ (docs/web.md):
#   index.html, app.js, style.css   the page (classic scripts: works from file://)
#   govscore.mjs                    the ES module for node and for served pages
#   govscore-api.js                 score() itself, shared by both
#   govscore-engine.js              emscripten's loader (factory createGovscoreEngine)
#   govscore.wasm                   the CLI and the library, compiled
#   govscore-wasm.js                govscore.wasm again, base64, for file:// (no fetch there)
#   rules.js                        the shipped rule files (rules/*.yaml), for the page's list
# Libraries come from web/deps.sh (Debian source packages); intermediate
# files go to build-wasm/. Run as root the first time (apt-get source needs
# a deb-src entry, added here when missing).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${GOVSCORE_WASM_WORK:-$root/build-wasm}
out=$root/build-web
prefix=$work/prefix
export NODE_PATH=/usr/share/nodejs
export EMCC_SKIP_SANITY_CHECK=1
# Debian's emscripten runs on Debian's python3: one found first in PATH
# (a pyenv shim, say) costs a quarter of a second on each of the few hundred
# compiles.
if [ -z "${EMSDK_PYTHON:-}" ] && [ -x /usr/bin/python3 ]; then export EMSDK_PYTHON=/usr/bin/python3; fi

if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  [ "$(id -u)" = 0 ] || { echo "build.sh: add a deb-src entry for bookworm (see docs/web.md), or run as root" >&2; exit 1; }
  cat >/etc/apt/sources.list.d/debian-src.sources <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  apt-get update -qq
fi

"$root/web/deps.sh"

engine=$work/engine
PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig PKG_CONFIG_PATH= \
  emcmake cmake -S "$root" -B "$engine" -DGOVSCORE_WEB=ON -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" -DGOVSCORE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="-fexceptions" -DCMAKE_FIND_ROOT_PATH="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
  ${GOVSCORE_WERROR:+-DGOVSCORE_WERROR=ON} >"$work/engine.log" 2>&1 || { tail -30 "$work/engine.log" >&2; exit 1; }
cmake --build "$engine" --target govscore_web -j2 >>"$work/engine.log" 2>&1 || { grep -B2 -A8 'error' "$work/engine.log" | head -60 >&2; exit 1; }

mkdir -p "$out"
cp "$engine/web/govscore-engine.js" "$out/govscore-engine.js"
cp "$engine/web/govscore-engine.wasm" "$out/govscore.wasm"
node "$root/web/pack.mjs" "$root" "$out"
for f in index.html app.js style.css govscore.mjs govscore-api.js; do cp "$root/web/$f" "$out/$f"; done
echo "build.sh: built $out" >&2
