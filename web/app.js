// The page: picks the rule file and the records, runs the engine (the CLI's
// own code, see govscore-api.js) and shows what it writes. Every figure on
// the page is the CLI's output; nothing is computed here.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  const TEXT = {
    zh: {},  // the Chinese texts are the page's own (index.html)
    en: {
      title: 'Inspection scoring of government websites and new media',
      privacy: 'This page runs on this computer, makes no network request, and the data never leaves it.',
      rules: 'Rule set', 'open-rules': 'Open a rule file (YAML)…', records: 'Records',
      drop: 'Drop .xlsx / .csv / .json files here, or', pick: 'choose files…',
      period: 'Period', target: 'Target', 'target-any': '(given in the files)', website: 'Government websites',
      newmedia: 'Government new media', within: 'Rank within', 'within-target': 'each target',
      'within-group': 'each target and group', run: 'Score', errors: 'Errors', file: 'File', row: 'Row',
      column: 'Column', message: 'Message', download: 'Download:', summary: 'Summary',
      annexes: 'Ranking (click a row for where its points went)', failures: 'Failing units', name: 'Name',
      reason: 'Reason', close: 'Close', loading: 'Loading the engine…', scoring: 'Scoring…',
      done: 'Done: {n} units.', failed: 'Not scored: see the errors.', 'no-files': 'Choose at least one records file.',
      remove: 'remove', more: 'Show the other {n} rows',
    },
  };
  const ZH = { loading: '正在加载评分引擎…', scoring: '正在评分…', done: '完成：共 {n} 个单位。',
    failed: '未能评分，请查看错误。', 'no-files': '请至少选择一个检查记录文件。', remove: '移除',
    more: '显示其余 {n} 行' };
  let language = 'zh';
  for (const el of document.querySelectorAll('[data-t]')) ZH[el.dataset.t] = el.textContent;
  const t = (key, values) => {
    let s = (language === 'en' ? TEXT.en[key] : ZH[key]) || key;
    for (const [k, v] of Object.entries(values || {})) s = s.replace('{' + k + '}', v);
    return s;
  };
  function applyLanguage() {
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
    $('language').textContent = language === 'en' ? '中文' : 'English';
  }
  $('language').addEventListener('click', () => { language = language === 'en' ? 'zh' : 'en'; applyLanguage(); });

  const score = GovscoreApi.makeScore(createGovscoreEngine, GovscoreApi.decodeBase64(GOVSCORE_WASM_BASE64));

  // Rule sets: the shipped ones, or one the user opens.
  let ownRules = null;
  for (const r of GOVSCORE_RULES) $('rule-set').append(new Option(r.name, r.name));
  $('rules-file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    ownRules = { name: f.name, text: new Uint8Array(await f.arrayBuffer()) };
    if (![...$('rule-set').options].some((o) => o.value === '')) $('rule-set').append(new Option('', ''));
    const own = [...$('rule-set').options].find((o) => o.value === '');
    own.textContent = f.name;
    $('rule-set').value = '';
  });
  function chosenRules() {
    const v = $('rule-set').value;
    if (v === '' && ownRules) return { rulesName: ownRules.name, rules: ownRules.text };
    const r = GOVSCORE_RULES.find((x) => x.name === v);
    return { rulesName: r.name, rules: r.text };
  }

  // Records files, kept by name (a second file of the same name replaces it).
  const files = new Map();
  function showFiles() {
    const list = $('file-list');
    list.textContent = '';
    for (const name of files.keys()) {
      const li = document.createElement('li');
      li.textContent = name + ' ';
      const x = document.createElement('button');
      x.type = 'button';
      x.textContent = t('remove');
      x.addEventListener('click', () => { files.delete(name); showFiles(); });
      li.append(x);
      list.append(li);
    }
  }
  async function addFiles(list) {
    for (const f of list) files.set(f.name, new Uint8Array(await f.arrayBuffer()));
    showFiles();
  }
  $('records').addEventListener('change', (e) => addFiles(e.target.files));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); addFiles(e.dataTransfer.files); });

  function request(command, format, extra) {
    const options = {};
    if ($('period').value.trim()) options.period = $('period').value.trim();
    if ($('target').value) options.target = $('target').value;
    if (command !== 'explain' && $('within').value !== 'target') options.rankWithin = $('within').value;
    Object.assign(options, extra || {});
    return Object.assign({ files: [...files].map(([name, bytes]) => ({ name, bytes })), command, format, options },
      chosenRules());
  }

  // RFC 4180 CSV (the CLI's: BOM, CRLF, quotes) into rows of cells.
  function parseCsv(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const rows = [];
    let row = [], cell = '', quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { row.push(cell); cell = ''; }
      else if (c === '\r') continue;
      else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
      else cell += c;
    }
    if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  // The CLI's CSV annex: one plain table, or several separated by an empty
  // line, each under a row with its title.
  function splitTables(rows) {
    const tables = [];
    let current = null;
    for (const r of rows) {
      if (r.length === 1 && r[0] === '') { current = null; continue; }
      if (!current) {
        current = { title: '', rows: [] };
        tables.push(current);
        if (r.length === 1) { current.title = r[0]; continue; }
      }
      current.rows.push(r);
    }
    return tables;
  }

  function cellRow(tag, cells) {
    const tr = document.createElement('tr');
    for (const c of cells) { const td = document.createElement(tag); td.textContent = c; tr.append(td); }
    return tr;
  }

  function showErrors(diagnostics) {
    const body = document.querySelector('#errors tbody');
    body.textContent = '';
    const items = GovscoreApi.parseDiagnostics(diagnostics);
    for (const d of items) body.append(cellRow('td', [d.file || '', d.line || '', d.column || '', d.text]));
    $('errors').hidden = items.length === 0;
  }

  async function explain(id, name) {
    const r = await score(request('explain', undefined, { id }));
    $('explain-title').textContent = name + '（' + id + '）';
    $('explain-text').textContent = r.exitCode === 0 ? r.output : r.diagnostics;
    $('explain').showModal();
  }
  $('explain-close').addEventListener('click', () => $('explain').close());
  $('annexes').addEventListener('click', (e) => {
    const tr = e.target.closest('tbody tr');
    if (tr && tr.dataset.id) explain(tr.dataset.id, tr.dataset.name);
  });

  const FIRST_ROWS = 2000;

  function showAnnexes(csv, results) {
    const box = $('annexes');
    box.textContent = '';
    const tables = splitTables(parseCsv(csv));
    // The JSON results are in table order: targets in rule-file order, so the
    // n-th table's rows are the n-th run of one target's results.
    const byTarget = [];
    for (const r of results) {
      if (!byTarget.length || byTarget[byTarget.length - 1][0].target !== r.target) byTarget.push([]);
      byTarget[byTarget.length - 1].push(r);
    }
    tables.forEach((table, n) => {
      const el = document.createElement('table');
      if (table.title) el.createCaption().textContent = table.title;
      const head = el.createTHead();
      head.append(cellRow('th', table.rows[0]));
      const body = el.createTBody();
      const units = byTarget[n] && byTarget[n].length === table.rows.length - 1 ? byTarget[n] : null;
      // Rows from..to-1 of the table's body, appended.
      const draw = (from, to) => {
        const rows = document.createDocumentFragment();
        for (let i = from; i < to; i++) {
          const tr = cellRow('td', table.rows[i + 1]);
          if (units) {
            tr.dataset.id = units[i].id;
            tr.dataset.name = units[i].name;
            if (!units[i].passed) tr.classList.add('failed');
          }
          rows.append(tr);
        }
        body.append(rows);
      };
      // A browser lays out a table of thousands of rows slowly (10 000 rows:
      // seconds), so a long annex shows its first rows and a button for the
      // rest; the downloads always hold every row.
      const count = table.rows.length - 1;
      draw(0, Math.min(count, FIRST_ROWS));
      box.append(el);
      if (count > FIRST_ROWS) {
        const more = document.createElement('button');
        more.type = 'button';
        more.className = 'more-rows';
        more.textContent = t('more', { n: count - FIRST_ROWS });
        more.addEventListener('click', () => { draw(FIRST_ROWS, count); more.remove(); });
        box.append(more);
      }
    });
  }

  $('run').addEventListener('click', async () => {
    if (files.size === 0) { $('status').textContent = t('no-files'); return; }
    $('run').disabled = true;
    $('status').textContent = t('scoring');
    try {
      const json = await score(request('score', 'json'));
      showErrors(json.diagnostics);
      if (json.exitCode !== 0) { $('results').hidden = true; $('status').textContent = t('failed'); return; }
      const results = JSON.parse(json.output).results;
      const csv = await score(request('score', 'csv'));
      const summary = await score(request('summary', 'table'));
      const summaryJson = await score(request('summary', 'json'));
      $('summary').textContent = summary.output;
      showAnnexes(csv.output, results);
      const failures = document.querySelector('#failures tbody');
      failures.textContent = '';
      for (const f of JSON.parse(summaryJson.output).failures) failures.append(cellRow('td', [f.name, f.reason]));
      $('results').hidden = false;
      $('status').textContent = t('done', { n: results.length });
    } catch (e) {
      $('status').textContent = String(e.message || e);
    } finally {
      $('run').disabled = false;
    }
  });

  const DOWNLOADS = {
    xlsx: ['report', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    docx: ['report', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    html: ['report', 'html', 'text/html'],
    md: ['report', 'md', 'text/markdown'],
    csv: ['score', 'csv', 'text/csv'],
  };
  for (const button of document.querySelectorAll('[data-download]')) {
    button.addEventListener('click', async () => {
      const [command, format, type] = DOWNLOADS[button.dataset.download];
      const r = await score(request(command, format));
      if (r.exitCode !== 0) { showErrors(r.diagnostics); return; }
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.output], { type }));
      a.download = (command === 'report' ? 'report.' : 'scores.') + format;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    });
  }

  applyLanguage();
  // The engine is compiled and started while the user picks files, so the
  // first 评分 does not wait for it.
  if (GOVSCORE_RULES.length) score({ rules: GOVSCORE_RULES[0].text, command: 'validate' }).catch(() => {});
})();
