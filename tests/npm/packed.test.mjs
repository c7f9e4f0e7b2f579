// The package as a user gets it: `npm pack` of pkg/, installed from the tarball into
//  - tests/npm/no-bundler: Node ESM (main.mjs), a plain page with an import map (index.html),
//    and the TypeScript compiler with nodenext and bundler resolution (check.ts);
//  - tests/npm/vite-app: a page built with `vite build`, served on loopback and driven in
//    headless Chromium (playwright-core): fill the form, click, read the result.
// Each app is copied to a temporary folder first; the installs use npm's cache when it has the
// packages (--prefer-offline) and the registry otherwise. The README's install-and-use code is
// these very files (checked below).
//
//   node --test tests/npm/packed.test.mjs     (needs pkg/: bash scripts/build-pkg)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../js/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const PKG = join(ROOT, 'pkg');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
const SENTENCE = '$10.00 of credit from 2026-01-01 00:00 UTC to 2026-02-01 00:00 UTC, priority 100, for all products on all contracts.';

let work = null;
let tarball = null;
let packed = null;
let browser = null;
const servers = [];

/** Runs a command to completion (bounded), failing with its output. */
function run(command, args, cwd, timeout = 180_000) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${result.error ?? `status ${result.status}`}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** A copy of tests/npm/<name> (without node_modules or dist) with the tarball installed. */
function install(name) {
  const dir = join(work, name);
  cpSync(join(HERE, name), dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source.slice(join(HERE, name).length)),
  });
  run('npm', ['install', ...NPM_FLAGS, tarball], dir);
  return dir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/** Serves `root` read-only on 127.0.0.1; resolves to the base URL. */
async function serve(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root + sep) && file !== root) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}

/** A fresh page that records page errors, console errors and failed requests, and the wasm it fetches. */
async function openPage(url) {
  const page = await browser.newPage();
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  const problems = [];
  const wasm = [];
  const wasmFiles = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    if (response.url().endsWith('.wasm')) {
      wasm.push(response.headers()['content-type']);
      wasmFiles.push(response.url().slice(response.url().lastIndexOf('/') + 1));
    }
  });
  await page.goto(url);
  return { page, problems, wasm, wasmFiles };
}

before(async () => {
  assert.ok(existsSync(join(PKG, 'package.json')), 'pkg/ is built (bash scripts/build-pkg)');
  work = mkdtempSync(join(tmpdir(), 'credit-rules-npm-'));
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', work], PKG));
  packed = info;
  tarball = join(work, info.filename);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack: the manifest a user can publish, and exactly the files a user needs', () => {
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(manifest.name, 'credit-rules');
  assert.equal(manifest.version, /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
  assert.equal(packed.name, 'credit-rules');
  assert.equal(packed.version, manifest.version);
  for (const key of ['description', 'license', 'repository', 'keywords', 'types', 'files', 'sideEffects', 'exports']) {
    assert.ok(manifest[key] !== undefined && manifest[key] !== '', `package.json has ${key}`);
  }
  assert.equal(manifest.type, 'module');
  assert.deepEqual(Object.keys(manifest.exports), ['.', './messages/de', './credit_rules_bg.wasm', './credit_rules_lite_bg.wasm', './package.json']);
  assert.deepEqual(manifest.sideEffects, ['./snippets/**']);

  const files = packed.files.map((file) => file.path).sort();
  // The snippets are exactly those the glue imports (no stale file of an earlier build).
  const glue = readFileSync(join(PKG, 'credit_rules.js'), 'utf8');
  const imported = [...new Set([...glue.matchAll(/from\s*['"]\.\/(snippets\/[^'"]+)['"]/g)].map((match) => match[1]))].sort();
  assert.deepEqual(files.filter((file) => file.startsWith('snippets/')), imported);
  assert.deepEqual(files.filter((file) => !file.startsWith('snippets/')), [
    'LICENSE',
    'README.md',
    'credit_rules.js',
    'credit_rules_bg.wasm',
    'credit_rules_lite_bg.wasm',
    'describe.js',
    'fields.js',
    'fix.js',
    'index.d.ts',
    'index.js',
    'init.js',
    'json-schema.js',
    'json.js',
    'messages/de.d.ts',
    'messages/de.js',
    'package.json',
    'types.d.ts',
  ]);
  // Every file the entry points import is in the tarball.
  for (const entry of ['index.js', 'init.js', 'json.js', 'credit_rules.js', 'messages/de.js']) {
    const source = readFileSync(join(PKG, entry), 'utf8');
    for (const [, target] of source.matchAll(/(?:from|import)\s*['"](\.[^'"]+)['"]/g)) {
      const resolved = normalize(join(entry, '..', target)).split(sep).join('/');
      assert.ok(files.includes(resolved), `${entry} imports ${target}, which is packed`);
    }
  }
});

test('Node ESM: the installed package validates with initSync and the wasm read from the package', () => {
  const dir = install('no-bundler');
  const [value, ...german] = run('node', ['main.mjs'], dir, 60_000).trim().split('\n');
  assert.deepEqual(JSON.parse(value), {
    customer_id: '13117714-3f05-48e5-a6e9-a66093f13b4d',
    product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
    priority: 100,
    access_schedule: {
      schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
    },
  });
  assert.deepEqual(german, ['/priority: Falscher Typ: erwartet number, erhalten string.']);
});

test('TypeScript resolves the installed package and its subpath (nodenext and bundler)', () => {
  const dir = join(work, 'no-bundler');
  assert.ok(existsSync(join(dir, 'node_modules', 'credit-rules')), 'installed by the Node test');
  const common = ['--strict', '--noEmit', '--target', 'ES2022', '--lib', 'ES2022,DOM', 'check.ts'];
  run('node', [TSC, '--module', 'nodenext', '--moduleResolution', 'nodenext', ...common], dir, 120_000);
  run('node', [TSC, '--module', 'esnext', '--moduleResolution', 'bundler', ...common], dir, 120_000);
});

test('a plain <script type="module"> page with an import map: click and read the result', async () => {
  const base = await serve(join(work, 'no-bundler'));
  const { page, problems, wasm } = await openPage(base);
  await page.click('#validate'); // enabled once init() has loaded the wasm
  assert.equal(await page.textContent('#result'), SENTENCE);
  await page.fill('#amount', '-5');
  await page.click('#validate');
  assert.equal(await page.textContent('#result'), 'Must be greater than 0.');
  assert.deepEqual(wasm, ['application/wasm']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Vite: vite build of an app that installs the tarball, served and clicked in Chromium', async () => {
  const dir = install('vite-app');
  run('node', [join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], dir, 120_000);
  const assets = readdirSync(join(dir, 'dist', 'assets'));
  // The app does not import validateCreditJson, so its JS names only the lite module
  // (js/init.js), the one the page fetches below. Vite emits both files all the same: it emits
  // an asset when it meets its `new URL` (in json.js too), before shaking json.js out.
  assert.ok(assets.some((file) => /^credit_rules_lite_bg-.*\.wasm$/.test(file)), `the lite wasm is emitted as an asset: ${assets}`);
  const named = (js) => [...js.matchAll(/credit_rules(?:_lite)?_bg-[\w-]+\.wasm/g)].map((match) => match[0]);
  const bundle = assets.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(dir, 'dist', 'assets', file), 'utf8')).join('\n');
  assert.doesNotMatch(bundle, /Unbekanntes Feld/, 'the German catalog is tree-shaken when unused');
  assert.deepEqual([...new Set(named(bundle))].map((file) => file.replace(/-[\w-]+/, '')), ['credit_rules_lite_bg.wasm']);

  const base = await serve(join(dir, 'dist'));
  const { page, problems, wasm, wasmFiles } = await openPage(base);
  await page.click('#validate');
  const [sentence, json] = (await page.textContent('#result')).split('\n');
  assert.equal(sentence, SENTENCE);
  assert.equal(JSON.parse(json).customer_id, '13117714-3f05-48e5-a6e9-a66093f13b4d');

  await page.fill('input[name=end]', '2025-12-01');
  await page.fill('input[name=amount]', '1,000');
  await page.click('#validate');
  assert.equal(
    await page.textContent('#result'),
    [
      '/access_schedule/schedule_items/0/amount: Enter a number, like 1000: digits with an optional decimal point, no commas or currency signs.',
      '/access_schedule/schedule_items/0/ending_before: Must be later than the start.',
    ].join('\n'),
  );
  assert.deepEqual(wasm, ['application/wasm']);
  assert.deepEqual(wasmFiles.map((file) => file.replace(/-[\w-]+/, '')), ['credit_rules_lite_bg.wasm']);
  assert.deepEqual(problems, []);
  await page.close();
});

/** A port that was free a moment ago (for tools that want a number). */
async function freePort() {
  const probe = createNetServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('Vite dev server: with the README\'s vite.config.js the wasm loads unbundled', async () => {
  const dir = join(work, 'vite-app');
  assert.ok(existsSync(join(dir, 'node_modules', 'credit-rules')), 'installed by the build test');
  const port = await freePort();
  const dev = spawn(process.execPath, [join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--clearScreen', 'false'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Vite colours its output when CI is set (as CI runs do), which splits the address.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  try {
    let output = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite did not start: ${output}`)), 60_000);
      const read = (chunk) => {
        output += chunk;
        // eslint-disable-next-line no-control-regex
        if (output.replace(/\u001b\[[0-9;]*m/g, '').includes(`127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      dev.stdout.on('data', read);
      dev.stderr.on('data', read);
      dev.on('exit', (code) => reject(new Error(`vite exited with ${code}: ${output}`)));
    });
    const { page, problems, wasm } = await openPage(`http://127.0.0.1:${port}/`);
    await page.click('#validate');
    assert.equal((await page.textContent('#result')).split('\n')[0], SENTENCE);
    assert.deepEqual(wasm, ['application/wasm']);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    dev.kill();
  }
});

test("the README's install-and-use code is these consumers, verbatim", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((match) => match[1]);
  for (const file of ['vite-app/src/main.js', 'vite-app/vite.config.js', 'no-bundler/index.html', 'no-bundler/main.mjs']) {
    const text = readFileSync(join(HERE, file), 'utf8');
    assert.ok(blocks.includes(text), `README.md has a code block equal to tests/npm/${file}`);
  }
});
