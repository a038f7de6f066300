// govscore as an ES module, for node and for pages served over http(s)
// (docs/web.md). The one export:
//
//   score({rules, files, command, format, options, rulesName})
//     → Promise<{output, diagnostics, exitCode}>
//
// runs the CLI `govscore <command> --rules rules/<rulesName> [--format F]
// [--<option> value]… <files>` on the WebAssembly build of the CLI and
// resolves to what it writes: `output` is standard output (or, for
// `report`, the file written: a Uint8Array for xlsx, else a string),
// `diagnostics` standard error, `exitCode` the CLI's exit code.
// Calls run one at a time on one engine instance.

const isNode = typeof process === 'object' && process.versions != null && process.versions.node != null;
let scorer = null;

async function loadInNode() {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { readFileSync } = require('node:fs');
  const { fileURLToPath } = require('node:url');
  const api = require('./govscore-api.js');
  const createEngine = require('./govscore-engine.js');
  const wasm = readFileSync(fileURLToPath(new URL('./govscore.wasm', import.meta.url)));
  return api.makeScore(createEngine, new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength));
}

function loadScript(name) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL(name, import.meta.url).href;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`govscore: cannot load ${name}`));
    document.head.append(s);
  });
}

async function loadInBrowser() {
  if (typeof globalThis.GovscoreApi === 'undefined') await loadScript('./govscore-api.js');
  if (typeof globalThis.createGovscoreEngine === 'undefined') await loadScript('./govscore-engine.js');
  let wasm;
  if (typeof globalThis.GOVSCORE_WASM_BASE64 === 'string') {
    wasm = globalThis.GovscoreApi.decodeBase64(globalThis.GOVSCORE_WASM_BASE64);
  } else {
    const response = await fetch(new URL('./govscore.wasm', import.meta.url));
    wasm = new Uint8Array(await response.arrayBuffer());
  }
  return globalThis.GovscoreApi.makeScore(globalThis.createGovscoreEngine, wasm);
}

export async function score(request) {
  if (!scorer) scorer = isNode ? loadInNode() : loadInBrowser();
  return (await scorer)(request);
}

export default score;
