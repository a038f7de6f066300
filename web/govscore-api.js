// score(): the browser edition's one function, shared by the page (a classic
// script, so it works from file://) and by govscore.mjs (node, served pages).
// It runs the CLI's own main() in the WebAssembly module: the inputs are
// written into the module's in-memory file system, the command line is built
// from {command, format, options}, and what the CLI writes (standard output,
// or the report file) comes back, so results are the CLI's, byte for byte.
(function (root, define) {
  if (typeof module === 'object' && module.exports) module.exports = define();
  else root.GovscoreApi = define();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const COMMANDS = ['score', 'summary', 'report', 'audit', 'explain', 'validate', 'rules'];
  const REPORT_FORMATS = ['xlsx', 'docx', 'html', 'md'];
  const BINARY_FORMATS = ['xlsx', 'docx'];

  // A growing byte buffer for what the CLI writes to a stream.
  class Bytes {
    constructor() { this.clear(); }
    clear() { this.data = new Uint8Array(1 << 16); this.size = 0; }
    push(byte) {
      if (this.size === this.data.length) {
        const bigger = new Uint8Array(this.data.length * 2);
        bigger.set(this.data);
        this.data = bigger;
      }
      this.data[this.size++] = byte & 0xff;
    }
    take() { const taken = this.data.slice(0, this.size); this.clear(); return taken; }
  }

  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });  // the CLI's CSV starts with a BOM: keep it
  const encoder = new TextEncoder();

  function asBytes(value, what) {
    if (typeof value === 'string') return encoder.encode(value);
    if (value instanceof Uint8Array) return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw new TypeError(`govscore: ${what} must be a string or a Uint8Array`);
  }

  // "asOf" and "as-of" both name the CLI's --as-of.
  function flagOf(name) {
    return '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  }

  // The CLI's argv (without the program name) for one call; file names are
  // relative to the run's folder.
  function commandLine(command, format, options, rulesPath, recordNames) {
    if (!COMMANDS.includes(command)) throw new TypeError(`govscore: unknown command "${command}" (${COMMANDS.join(', ')})`);
    // One thread: the module is built without threads (no SharedArrayBuffer
    // on file://); the CLI's outputs are the same at any --jobs.
    if (command === 'rules') return { argv: ['--jobs', '1', 'rules', rulesPath], outputFile: null };
    const argv = ['--jobs', '1', command, '--rules', rulesPath];
    let outputFile = null;
    if (command === 'report') {
      const ext = format || 'xlsx';
      if (!REPORT_FORMATS.includes(ext)) throw new TypeError(`govscore: report format "${ext}" (${REPORT_FORMATS.join(', ')})`);
      outputFile = 'report.' + ext;
      argv.push('--output', outputFile);
    } else if (format !== undefined && format !== null && format !== '') {
      argv.push('--format', String(format));
    }
    for (const [name, value] of Object.entries(options || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (value === true) argv.push(flagOf(name));
      else argv.push(flagOf(name), String(value));
    }
    argv.push('--', ...recordNames);
    return { argv, outputFile };
  }

  function removeTree(FS, path) {
    for (const name of FS.readdir(path)) {
      if (name === '.' || name === '..') continue;
      const child = path + '/' + name;
      if (FS.isDir(FS.stat(child).mode)) removeTree(FS, child);
      else FS.unlink(child);
    }
    FS.rmdir(path);
  }

  // Returns score(request) on top of createEngine (emscripten's factory) and
  // the module's bytes. One WebAssembly instance serves every call, one call
  // at a time; an instance that aborted is replaced on the next call.
  function makeScore(createEngine, wasmBinary) {
    const stdout = new Bytes();
    const stderr = new Bytes();
    let engine = null;
    let runs = 0;
    let queue = Promise.resolve();

    function instance() {
      if (!engine) {
        engine = createEngine({
          wasmBinary,
          noInitialRun: true,
          preRun: [(M) => M.FS.init(null, (b) => stdout.push(b), (b) => stderr.push(b))],
          print: () => {},
          printErr: () => {},
        });
      }
      return engine;
    }

    async function run(request) {
      const { rules, files = [], command = 'score', format, options = {}, rulesName = 'rules.yaml' } = request || {};
      if (rules === undefined) throw new TypeError('govscore: rules (the rule file\'s text) is required');
      const names = new Set();
      for (const f of files) {
        if (!f || typeof f.name !== 'string' || !/^[^/\\]+$/.test(f.name) || f.name === '.' || f.name === '..')
          throw new TypeError('govscore: every file needs a plain name (no folders)');
        if (names.has(f.name)) throw new TypeError(`govscore: two files are named ${f.name}`);
        names.add(f.name);
      }
      if (!/^[^/\\]+$/.test(rulesName)) throw new TypeError('govscore: rulesName must be a plain name');
      const rulesPath = 'rules/' + rulesName;
      const { argv, outputFile } = commandLine(command, format, options, rulesPath, files.map((f) => f.name));

      const M = await instance();
      const FS = M.FS;
      const dir = `/run${++runs}`;
      FS.mkdir(dir);
      FS.mkdir(dir + '/rules');
      FS.writeFile(dir + '/' + rulesPath, asBytes(rules, 'rules'));
      for (const f of files) FS.writeFile(dir + '/' + f.name, asBytes(f.bytes, `the bytes of ${f.name}`));
      FS.chdir(dir);
      stdout.clear();
      stderr.clear();
      let exitCode;
      try {
        M._govscore_web_begin();
        exitCode = M.callMain(argv);
        M._govscore_web_end();
      } catch (e) {
        engine = null;  // an abort leaves the instance unusable
        const why = typeof e === 'number' ? 'an uncaught C++ exception' : e && e.message ? e.message : String(e);
        throw new Error(`govscore: the engine stopped (${why}); the next call starts a new one`);
      }
      let output;
      if (outputFile) {
        const path = dir + '/' + outputFile;
        const made = FS.analyzePath(path).exists;
        const ext = outputFile.slice(outputFile.lastIndexOf('.') + 1);
        if (!made) output = BINARY_FORMATS.includes(ext) ? new Uint8Array(0) : '';
        else output = BINARY_FORMATS.includes(ext) ? FS.readFile(path) : utf8.decode(FS.readFile(path));
        stdout.clear();
      } else {
        output = utf8.decode(stdout.take());
      }
      const diagnostics = utf8.decode(stderr.take());
      FS.chdir('/');
      removeTree(FS, dir);
      return { output, diagnostics, exitCode };
    }

    return function score(request) {
      const result = queue.then(() => run(request));
      queue = result.catch(() => {});
      return result;
    };
  }

  // Splits the CLI's diagnostics into {file, line, column, text} where a line
  // starts with "file:line:column: " or "file:line: ", else {text}.
  function parseDiagnostics(text) {
    return text.split('\n').filter((l) => l !== '').map((l) => {
      const m = /^(.+?):(\d+)(?::(\d+))?: (.*)$/.exec(l);
      if (!m) return { text: l };
      return { file: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : null, text: m[4] };
    });
  }

  function decodeBase64(base64) {
    const raw = atob(base64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  return { makeScore, parseDiagnostics, decodeBase64, commandLine };
});
