// The page in a real browser: Debian's chromium, headless, driven over the
// DevTools protocol by puppeteer-core. Opens build-web/index.html from
// file://, feeds tests/data/spreadsheet/websites.xlsx through the file
// input, and checks that
//   - the ranked table shown is the native CLI's `score -f csv`, cell for cell;
//   - clicking a row shows the CLI's `explain` for that unit;
//   - the downloaded workbook is the CLI's `report -o report.xlsx`, byte for
//     byte;
//   - the errors of a broken file are listed with file, row and column;
//   - English can be switched on;
//   - no request leaves file:// and the Content-Security-Policy is never violated.
// Keeps a screenshot in GOVSCORE_ARTIFACTS (default build-wasm/artifacts).
// Run by web/test.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cli = resolve(root, process.env.GOVSCORE_CLI || 'build/govscore');
const webDir = resolve(root, process.env.GOVSCORE_WEB_DIR || 'build-web');
const artifacts = resolve(root, process.env.GOVSCORE_ARTIFACTS || 'build-wasm/artifacts');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const workbook = join(root, 'tests/data/spreadsheet/websites.xlsx');

let browser, page, profile, downloads;
const outsideRequests = [];
const cspViolations = [];

function native(args, cwd) {
  const run = spawnSync(cli, args, { cwd, maxBuffer: 1 << 28 });
  return { out: run.stdout, err: run.stderr.toString(), code: run.status };
}

// The CLI's CSV, split as the page splits it: rows of cells.
function csvRows(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) { if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c; }
    else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'govscore-chromium-'));
  downloads = mkdtempSync(join(tmpdir(), 'govscore-downloads-'));
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', `--user-data-dir=${profile}`],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outsideRequests.push(r.url()); });
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error('Content-Security-Policy violated: ' + e.violatedDirective + ' ' + e.blockedURI));
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.goto(pathToFileURL(join(webDir, 'index.html')).href, { waitUntil: 'load' });
});

after(async () => {
  if (browser) await browser.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

async function scoreWorkbook() {
  await page.select('#rule-set', 'dazu-2020.yaml');
  await page.select('#target', 'website');
  await page.$eval('#period', (el) => { el.value = '2021Q1'; });
  const input = await page.$('#records');
  await input.uploadFile(workbook);
  await page.waitForFunction(() => document.querySelectorAll('#file-list li').length > 0);
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('run').disabled && document.getElementById('status').textContent !== '正在评分…');
}

test('the page scores a workbook and shows the CLI\'s ranked table', async () => {
  await scoreWorkbook();
  assert.equal(await page.$eval('#status', (el) => el.textContent), '完成：共 10 个单位。');
  const shown = await page.$$eval('#annexes table tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  const expected = csvRows(native(['score', '-r', 'rules/dazu-2020.yaml', '--target', 'website', '--period', '2021Q1', '-f', 'csv',
    'tests/data/spreadsheet/websites.xlsx'], root).out.toString());
  assert.deepEqual(shown, expected);
  assert.equal(await page.$eval('#errors', (el) => el.hidden), true);
  const summary = await page.$eval('#summary', (el) => el.textContent);
  const nativeSummary = native(['summary', '-r', 'rules/dazu-2020.yaml', '--target', 'website', '--period', '2021Q1',
    'tests/data/spreadsheet/websites.xlsx'], root).out.toString();
  assert.equal(summary, nativeSummary);
  await page.screenshot({ path: join(artifacts, 'page.png'), fullPage: true });
});

test('a click on a row shows the CLI\'s explain trace', async () => {
  const id = await page.$eval('#annexes tbody tr', (tr) => tr.dataset.id);
  await page.click('#annexes tbody tr');
  await page.waitForFunction(() => document.getElementById('explain').open);
  const shown = await page.$eval('#explain-text', (el) => el.textContent);
  const expected = native(['explain', '-r', 'rules/dazu-2020.yaml', '--target', 'website', '--period', '2021Q1', '--id', id,
    'tests/data/spreadsheet/websites.xlsx'], root).out.toString();
  assert.equal(shown, expected);
  await page.screenshot({ path: join(artifacts, 'explain.png') });
  await page.click('#explain-close');
});

// The report the page downloads as `report.FORMAT`, and the CLI's
// `report -o report.FORMAT` for the same workbook, as bytes.
async function downloadedAndNative(format) {
  await page.click(`[data-download="${format}"]`);
  const file = join(downloads, `report.${format}`);
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  const dir = mkdtempSync(join(tmpdir(), 'govscore-report-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'dazu-2020.yaml'), readFileSync(join(root, 'rules/dazu-2020.yaml')));
    writeFileSync(join(dir, 'websites.xlsx'), readFileSync(workbook));
    const run = native(['report', '--rules', 'rules/dazu-2020.yaml', '--output', `report.${format}`, '--period', '2021Q1',
      '--target', 'website', '--', 'websites.xlsx'], dir);
    assert.equal(run.code, 0, run.err);
    return [readFileSync(file), readFileSync(join(dir, `report.${format}`))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the downloaded workbook is the CLI\'s report, byte for byte', async () => {
  const [downloaded, cli] = await downloadedAndNative('xlsx');
  assert.ok(downloaded.equals(cli), 'the .xlsx differs from the CLI\'s');
});

test('the downloaded Word document is the CLI\'s report, byte for byte', async () => {
  const [downloaded, cli] = await downloadedAndNative('docx');
  assert.ok(downloaded.equals(cli), 'the .docx differs from the CLI\'s');
});

test('errors are listed with their file, row and column', async () => {
  await page.$eval('#file-list', (el) => el.querySelectorAll('button').forEach((b) => b.click()));
  const broken = join(downloads, 'broken.json');
  writeFileSync(broken, '{"period": "2021Q1", "records": [{"id": "a", "name": "甲", "owner": "乙", "target": "website",}]}\n');
  await (await page.$('#records')).uploadFile(broken);
  await page.waitForFunction(() => document.querySelectorAll('#file-list li').length === 1);
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('errors').hidden);
  const rows = await page.$$eval('#errors tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const dir = mkdtempSync(join(tmpdir(), 'govscore-broken-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', 'dazu-2020.yaml'), readFileSync(join(root, 'rules/dazu-2020.yaml')));
    writeFileSync(join(dir, 'broken.json'), readFileSync(broken));
    const run = native(['score', '--rules', 'rules/dazu-2020.yaml', '--target', 'website', '--period', '2021Q1', '--', 'broken.json'], dir);
    const first = run.err.split('\n')[0];
    const m = /^broken\.json:(\d+):(\d+): (.*)$/.exec(first);
    assert.ok(m, first);
    assert.deepEqual(rows[0], ['broken.json', m[1], m[2], m[3]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.screenshot({ path: join(artifacts, 'errors.png') });
});

test('English can be switched on', async () => {
  await page.click('#language');
  assert.equal(await page.$eval('h1', (el) => el.textContent), 'Inspection scoring of government websites and new media');
  await page.click('#language');
  assert.equal(await page.$eval('h1', (el) => el.textContent), '政府网站与政务新媒体检查评分');
});

test('no request left file:// and the Content-Security-Policy held', () => {
  assert.deepEqual(outsideRequests, []);
  assert.deepEqual(cspViolations, []);
});
