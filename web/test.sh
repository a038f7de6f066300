#!/bin/sh
# Tests the browser edition against the native CLI (docs/web.md, "Tests"):
#   web/test/module.test.mjs  node: the module's output == the CLI's, byte for byte
#   web/test/page.test.mjs    headless chromium: the page, from file://
# Expects build/govscore (native) and build-web/ (web/build.sh); installs the
# npm packages of web/package-lock.json when missing. Screenshots go to
# build-wasm/artifacts/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x "${GOVSCORE_CLI:-build/govscore}" ] || { echo "web/test.sh: build the CLI first (build/govscore)" >&2; exit 1; }
[ -f build-web/govscore.mjs ] || { echo "web/test.sh: run web/build.sh first" >&2; exit 1; }
[ -d web/node_modules/puppeteer-core ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
node --test web/test/module.test.mjs
node --test web/test/page.test.mjs
