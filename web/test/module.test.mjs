// The module (build-web/govscore.mjs) against the native CLI: for every
// sample, spreadsheet fixture and bad input, and every command and output
// format, the module's output, diagnostics and exit code equal the CLI's,
// byte for byte (a workbook says it was made at the quarter's check point,
// so two runs agree there too). The CLI runs in a fresh folder laid out as the module's run
// folder (rules/<name> and the records files side by side), so file names in
// messages agree too. Run by web/test.sh:
//   GOVSCORE_CLI=build/govscore node --test web/test/module.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cli = resolve(root, process.env.GOVSCORE_CLI || 'build/govscore');
const webDir = resolve(root, process.env.GOVSCORE_WEB_DIR || 'build-web');
const { score } = await import(pathToFileURL(join(webDir, 'govscore.mjs')).href);

const BINARY = new Set(['xlsx', 'docx']);

// Runs the native CLI as the module would: `rules/<rulesName>` and the
// records files in a fresh folder, the same argv.
function native({ rules, rulesName, files, command, format, options = {} }) {
  const dir = mkdtempSync(join(tmpdir(), 'govscore-web-'));
  try {
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', rulesName), rules);
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const argv = [command, '--rules', 'rules/' + rulesName];
    let outputFile = null;
    if (command === 'report') { outputFile = 'report.' + format; argv.push('--output', outputFile); }
    else if (format) argv.push('--format', format);
    for (const [name, value] of Object.entries(options)) argv.push('--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), value);
    argv.push('--', ...files.map((f) => f.name));
    const run = spawnSync(cli, argv, { cwd: dir, maxBuffer: 1 << 30 });
    let output = run.stdout;
    if (outputFile) output = existsSync(join(dir, outputFile)) ? readFileSync(join(dir, outputFile)) : Buffer.alloc(0);
    return { output, diagnostics: run.stderr.toString('utf8'), exitCode: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function file(path) {
  return { name: basename(path), bytes: new Uint8Array(readFileSync(join(root, path))) };
}

async function same(t, request) {
  const mine = await score(request);
  const theirs = native(request);
  const ext = request.command === 'report' ? request.format : null;
  const bytes = BINARY.has(ext) ? Buffer.from(mine.output) : Buffer.from(mine.output, 'utf8');
  if (BINARY.has(ext)) assert.ok(mine.output instanceof Uint8Array, 'binary output is a Uint8Array');
  else assert.equal(typeof mine.output, 'string');
  assert.equal(mine.diagnostics, theirs.diagnostics, 'diagnostics');
  assert.equal(mine.exitCode, theirs.exitCode, 'exit code');
  assert.ok(bytes.equals(theirs.output), `output differs (${bytes.length} vs ${theirs.output.length} bytes)`);
  return mine;
}

const samples = [
  { records: 'samples/dazu-2021q1.json', rules: 'dazu-2020.yaml', id: 'dz-w-17' },
  { records: 'samples/national-2022q1.json', rules: 'national-2019.yaml', id: 'yl-w-08' },
  { records: 'samples/national-facts-2022q1.json', rules: 'national-2019.yaml' },
  { records: 'samples/chongqing-2022q2.json', rules: 'chongqing-2022.yaml', options: { rankWithin: 'group' } },
];

const formats = [
  ['score', 'table'], ['score', 'csv'], ['score', 'json'], ['score', 'md'],
  ['summary', 'table'], ['summary', 'json'], ['summary', 'md'],
  ['report', 'xlsx'], ['report', 'docx'], ['report', 'html'], ['report', 'md'],
  ['audit', undefined], ['validate', undefined],
];

for (const s of samples) {
  const base = { rules: readFileSync(join(root, 'rules', s.rules)), rulesName: s.rules, files: [file(s.records)] };
  for (const [command, format] of formats) {
    test(`${s.records}: ${command} ${format || ''}`, async (t) => {
      await same(t, { ...base, command, format, options: { ...(s.options || {}) } });
    });
  }
  const id = s.id || JSON.parse(readFileSync(join(root, s.records), 'utf8')).records[0].id;
  test(`${s.records}: explain ${id}`, async (t) => {
    const r = await same(t, { ...base, command: 'explain', options: { id } });
    assert.equal(r.exitCode, 0);
  });
}

test('the sample outputs are the hand-checked expected files', async () => {
  for (const s of samples) {
    const r = await score({ rules: readFileSync(join(root, 'rules', s.rules), 'utf8'), files: [file(s.records)], command: 'score', options: s.options || {} });
    const expected = readFileSync(join(root, s.records.replace(/\.json$/, '.expected.txt')), 'utf8');
    assert.equal(r.output, expected, s.records);
  }
});

test('audit of the published sample lists the same disagreements (a non-zero exit)', async (t) => {
  const r = await same(t, { rules: readFileSync(join(root, 'rules/dazu-2020.yaml')), rulesName: 'dazu-2020.yaml',
    files: [file('samples/dazu-2021q1-published.json')], command: 'audit' });
  assert.notEqual(r.exitCode, 0);
});

const sheetOptions = { target: 'website', period: '2021Q1' };
for (const name of ['websites.csv', 'websites-gbk.csv', 'websites.xlsx', 'websites.json']) {
  for (const [command, format] of [['score', 'json'], ['score', 'csv'], ['report', 'xlsx'], ['summary', 'table']]) {
    test(`spreadsheet ${name}: ${command} ${format}`, async (t) => {
      await same(t, { rules: readFileSync(join(root, 'rules/dazu-2020.yaml')), rulesName: 'dazu-2020.yaml',
        files: [file('tests/data/spreadsheet/' + name)], command, format, options: { ...sheetOptions } });
    });
  }
}

test('several records files in one call', async (t) => {
  await same(t, { rules: readFileSync(join(root, 'rules/national-2019.yaml')), rulesName: 'national-2019.yaml',
    files: [file('samples/national-2022q1.json'), file('samples/national-facts-2022q1.json')], command: 'score', format: 'csv' });
});

// Every bad input of tests/data/bad gives the CLI's message and exit code,
// but for the zip bomb, whose parts are bzip2-compressed: the page's libzip
// is built without bzip2 (Excel and WPS write deflate only), so the page
// refuses it one step earlier, as "Compression method not supported".
const browserDiffers = new Set(['xlsx-zip-bomb.xlsx']);
const bad = readdirSync(join(root, 'tests/data/bad'))
  .filter((n) => !n.endsWith('.expected') && n !== 'README.md' && !browserDiffers.has(n)).sort();
for (const name of bad) {
  test(`bad input ${name}`, async (t) => {
    const path = 'tests/data/bad/' + name;
    let request;
    if (name.endsWith('.yaml')) {
      request = { rules: readFileSync(join(root, path)), rulesName: name, files: [file('samples/dazu-2021q1.json')], command: 'score' };
    } else {
      const sheet = /\.(csv|xlsx|xls)$/.test(name);
      request = { rules: readFileSync(join(root, 'rules/dazu-2020.yaml')), rulesName: 'dazu-2020.yaml', files: [file(path)],
        command: 'score', options: sheet ? { ...sheetOptions } : {} };
    }
    const r = await same(t, request);
    assert.notEqual(r.exitCode, 0);
  });
}

test('a usage error is the CLI\'s (exit 2) and the engine still works after it', async (t) => {
  const base = { rules: readFileSync(join(root, 'rules/dazu-2020.yaml')), rulesName: 'dazu-2020.yaml', files: [file('samples/dazu-2021q1.json')] };
  const r = await same(t, { ...base, command: 'score', format: 'pdf' });
  assert.equal(r.exitCode, 2);
  const again = await same(t, { ...base, command: 'score', format: 'csv' });
  assert.equal(again.exitCode, 0);
});
