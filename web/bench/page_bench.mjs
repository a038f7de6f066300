// Times the page in headless chromium beside the native CLI (docs/performance.md):
//   - load: navigation to the page's load event, from file://;
//   - engine: the first call (compiles and instantiates govscore.wasm), a
//     `validate` of the rule file;
//   - one `score -f csv` of the workbook through the page's engine, and the
//     same with the native CLI (wall time of the process);
//   - the page's whole 评分 button (four calls: score json and csv, summary
//     text and json, and drawing the tables).
// Usage: node web/bench/page_bench.mjs WORKBOOK.xlsx [RUNS]
// (make one with web/bench/make_workbook.py 10000 build-wasm/bench/10000.xlsx)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const workbook = resolve(process.argv[2]);
const runs = Number(process.argv[3] || 3);
const cli = resolve(root, process.env.GOVSCORE_CLI || 'build/govscore');
const args = ['score', '-r', 'rules/dazu-2020.yaml', '--target', 'website', '--period', '2021Q1', '-f', 'csv', workbook];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

const nativeTimes = [];
let nativeOut;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = spawnSync(cli, args, { cwd: root, maxBuffer: 1 << 28 });
  nativeTimes.push(performance.now() - t0);
  nativeOut = r.stdout;
}

const profile = mkdtempSync(join(tmpdir(), 'govscore-bench-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', `--user-data-dir=${profile}`],
});
const loads = [], engines = [], scores = [], buttons = [];
let same = true;
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage();
  const t0 = performance.now();
  await page.goto(pathToFileURL(join(root, 'build-web/index.html')).href, { waitUntil: 'load' });
  loads.push(performance.now() - t0);
  const bytes = [...readFileSync(workbook)];
  const rules = readFileSync(join(root, 'rules/dazu-2020.yaml'), 'utf8');
  const timing = await page.evaluate(async (rules, bytes, name) => {
    const score = GovscoreApi.makeScore(createGovscoreEngine, GovscoreApi.decodeBase64(GOVSCORE_WASM_BASE64));
    let t = performance.now();
    await score({ rules, command: 'validate' });
    const engine = performance.now() - t;
    const file = { name, bytes: new Uint8Array(bytes) };
    t = performance.now();
    const r = await score({ rules, files: [file], command: 'score', format: 'csv', options: { target: 'website', period: '2021Q1' } });
    return { engine, score: performance.now() - t, output: r.output };
  }, rules, bytes, basename(workbook));
  engines.push(timing.engine);
  scores.push(timing.score);
  same = same && Buffer.from(timing.output, 'utf8').equals(nativeOut);
  // The whole button, on the page's own engine.
  await page.select('#rule-set', 'dazu-2020.yaml');
  await page.select('#target', 'website');
  await page.$eval('#period', (el) => { el.value = '2021Q1'; });
  await (await page.$('#records')).uploadFile(workbook);
  await page.waitForFunction(() => document.querySelectorAll('#file-list li').length > 0);
  const b0 = performance.now();
  await page.click('#run');
  await page.waitForFunction(() => /完成|Done/.test(document.getElementById('status').textContent), { timeout: 300000 });
  buttons.push(performance.now() - b0);
  await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });

console.log(`workbook: ${basename(workbook)}, ${runs} runs, medians`);
console.log(`page load (file://, to the load event): ${ms(median(loads))}`);
console.log(`engine ready (first call, validate):     ${ms(median(engines))}`);
console.log(`score -f csv in chromium:               ${ms(median(scores))}   (runs: ${scores.map(ms).join(', ')})`);
console.log(`score -f csv, native CLI:               ${ms(median(nativeTimes))}   (runs: ${nativeTimes.map(ms).join(', ')})`);
console.log(`the page's whole 评分 button:           ${ms(median(buttons))}`);
console.log(`chromium output == native output: ${same}`);
