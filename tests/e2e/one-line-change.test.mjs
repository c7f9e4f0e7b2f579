// Issue "Every rule in one place": one line of the field table (src/schema.rs) and
// `bash scripts/build-pkg` alone give a package and a page that say the new value everywhere.
//
//   node --test tests/e2e/one-line-change.test.mjs     (from the repository root)
//
// In a scratch copy of the repository (the files git tracks or would track: no target/, pkg/
// or node_modules/, which is linked to this one's so that nothing is downloaded), the
// uniqueness_key limit and the custom_fields key limit are changed on their table lines only,
// the package is built, and the built package (validation, params, messages, the JSON Schema,
// the declarations, the field descriptor) and the demo page served from the copy (a small
// static server; Chromium) are read for the new values.
//
// The copy is removed afterwards, pass or fail. Cargo builds into a scratch target directory
// under the system temp dir that is kept between runs as a cache (the dependencies then build
// once: about 2 minutes on 2 cores the first time, well under 1 after); remove
// `<tmp>/credit-rules-one-line-<hash>/` to reclaim it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './harness.mjs';
import { CHROMIUM_ARGS } from '../js/chromium.mjs';

const UNIQUENESS_KEY_MAX = 256;
const CUSTOM_FIELD_KEY_MAX = 150;

/** The scratch place of this checkout: the same for every run from it, apart from other checkouts'. */
const SCRATCH = path.join(os.tmpdir(), `credit-rules-one-line-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
const COPY = path.join(SCRATCH, 'repo');
const TARGET = path.join(SCRATCH, 'target');

/** Copies the files git tracks or would track (nothing ignored: no target/, pkg/, node_modules/). */
function copyRepository() {
  fs.rmSync(COPY, { recursive: true, force: true });
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet in the index
    fs.mkdirSync(path.dirname(path.join(COPY, file)), { recursive: true });
    fs.cpSync(from, path.join(COPY, file), { verbatimSymlinks: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(COPY, 'node_modules'), 'dir');
}

/**
 * Rewrites the one table line that defines `constName` with `edit`, and checks that exactly that
 * line changed. Returns the line before and after.
 */
function editTableLine(constName, edit) {
  const file = path.join(COPY, 'src', 'schema.rs');
  const before = fs.readFileSync(file, 'utf8').split('\n');
  const at = before.map((line, index) => [line, index]).filter(([line]) => new RegExp(`^\\s*${constName} = Field \\{`).test(line));
  assert.equal(at.length, 1, `one table line defines ${constName}`);
  const [[line, index]] = at;
  const after = [...before];
  after[index] = edit(line);
  assert.notEqual(after[index], line, `the edit of ${constName} changed its line`);
  const changed = after.filter((text, i) => text !== before[i]);
  assert.equal(changed.length, 1, 'exactly one line changed');
  fs.writeFileSync(file, after.join('\n'));
  return { before: line.trim(), after: after[index].trim() };
}

/** Runs `command` in the copy, resolving with its output; rejects with it on failure. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: COPY, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (code ${code}, signal ${signal})\n${output}`));
    });
  });
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.json': 'application/json', '.ts': 'text/plain',
};

/** Serves the copy's www/ at / and pkg/ at /pkg/ on a free loopback port, under the page's strict CSP. */
async function serveCopy() {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const [root, rest] = pathname.startsWith('/pkg/') ? ['pkg', pathname.slice(5)] : ['www', pathname.slice(1) || 'index.html'];
    const file = path.resolve(COPY, root, rest);
    if (!file.startsWith(path.join(COPY, root) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      // The sandbox server's policy (server/src/app.rs).
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    });
    response.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A credit with every required field, valid. */
function validDraft() {
  const year = new Date().getUTCFullYear() + 1;
  return {
    customer_id: '5b6c1d0e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
    product_id: '9c2f7a34-6d1b-4e8a-b0c3-2d4e6f8a0b1c',
    priority: 1,
    access_schedule: {
      schedule_items: [{ amount: 1000, starting_at: `${year}-01-01T00:00:00Z`, ending_before: `${year}-02-01T00:00:00Z` }],
    },
  };
}

test('one line of the field table, then build-pkg: the package and the page say the new limits', { timeout: 20 * 60_000 }, async (t) => {
  const started = Date.now();
  let server = null;
  let browser = null;
  try {
    copyRepository();
    const uniqueness = editTableLine('UNIQUENESS_KEY', (line) => line.replace(/(kind: Kind::Text \{ max: Some\()\d+(\) \})/, `$1${UNIQUENESS_KEY_MAX}$2`));
    const custom = editTableLine('CUSTOM_FIELDS', (line) => line.replace(/(kind: Kind::Map \{ key_max: Some\()\d+(\),)/, `$1${CUSTOM_FIELD_KEY_MAX}$2`));
    t.diagnostic(`src/schema.rs: ${uniqueness.after}`);
    t.diagnostic(`src/schema.rs: ${custom.after}`);

    const buildStarted = Date.now();
    await run('bash', ['scripts/build-pkg'], { CARGO_TARGET_DIR: TARGET, CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '1' });
    t.diagnostic(`bash scripts/build-pkg in the copy: ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);
    const pkg = path.join(COPY, 'pkg');

    await t.test('validateCredit: the limits, their params and their English messages', async () => {
      const lib = await import(pathToFileURL(path.join(pkg, 'index.js')).href);
      lib.initSync({ module: fs.readFileSync(path.join(pkg, 'credit_rules_bg.wasm')) });
      const issuesAt = (draft, pointer) => lib.validateCredit(draft).errors.filter((issue) => issue.pointer.startsWith(pointer));

      // Code points, not UTF-16 units: each 🙂 is two of those.
      const key = (length) => ({ ...validDraft(), uniqueness_key: '🙂'.repeat(length) });
      assert.equal(lib.validateCredit(key(UNIQUENESS_KEY_MAX)).valid, true, `a ${UNIQUENESS_KEY_MAX}-code-point uniqueness_key is accepted`);
      const [tooLong, ...others] = issuesAt(key(UNIQUENESS_KEY_MAX + 1), '/uniqueness_key');
      assert.deepEqual(others, []);
      assert.equal(tooLong.code, 'too_long');
      assert.deepEqual(tooLong.params, { max: UNIQUENESS_KEY_MAX });
      assert.equal(tooLong.message, `Must be at most ${UNIQUENESS_KEY_MAX} characters.`);

      const customKey = (length) => ({ ...validDraft(), custom_fields: { ['k'.repeat(length)]: 'v' } });
      assert.equal(lib.validateCredit(customKey(CUSTOM_FIELD_KEY_MAX)).valid, true, `a ${CUSTOM_FIELD_KEY_MAX}-code-point custom_fields key is accepted`);
      const [keyTooLong, ...otherKeyIssues] = issuesAt(customKey(CUSTOM_FIELD_KEY_MAX + 1), '/custom_fields');
      assert.deepEqual(otherKeyIssues, []);
      assert.equal(keyTooLong.code, 'too_long');
      assert.deepEqual(keyTooLong.params, { max: CUSTOM_FIELD_KEY_MAX, part: 'key' });
      assert.match(keyTooLong.message, new RegExp(`\\b${CUSTOM_FIELD_KEY_MAX}\\b`));

      const schema = lib.creditJsonSchema();
      assert.equal(schema.properties.uniqueness_key.maxLength, UNIQUENESS_KEY_MAX);
      assert.equal(schema.properties.custom_fields.propertyNames.maxLength, CUSTOM_FIELD_KEY_MAX);
      assert.match(schema.properties.uniqueness_key.description, new RegExp(`1 to ${UNIQUENESS_KEY_MAX} characters`));

      const fields = lib.creditFields();
      assert.equal(fields['/uniqueness_key'].maxLength, UNIQUENESS_KEY_MAX);
      assert.match(fields['/uniqueness_key'].description, new RegExp(`1 to ${UNIQUENESS_KEY_MAX} characters`));
      assert.equal(fields['/custom_fields'].keyMaxLength, CUSTOM_FIELD_KEY_MAX);
      assert.match(fields['/custom_fields'].description, new RegExp(`Keys at most ${CUSTOM_FIELD_KEY_MAX} characters`));
      assert.notEqual(lib.creditFields(), fields, 'a fresh object per call');
    });

    await t.test('the TypeScript declarations: the doc lines', () => {
      const types = fs.readFileSync(path.join(pkg, 'types.d.ts'), 'utf8');
      assert.match(types, new RegExp(`/\\*\\* [^\\n]*1 to ${UNIQUENESS_KEY_MAX} characters\\. \\*/\\n  uniqueness_key\\?: string;`));
      assert.match(types, new RegExp(`/\\*\\* [^\\n]*Keys at most ${CUSTOM_FIELD_KEY_MAX} characters[^\\n]* \\*/\\n  custom_fields\\?: Record<string, string>;`));
    });

    await t.test('the demo page: maxlength, placeholder and hint from the package', async () => {
      server = await serveCopy();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });

      const key = page.locator('#uniqueness_key');
      assert.equal(await key.getAttribute('maxlength'), String(UNIQUENESS_KEY_MAX));
      assert.match(await key.getAttribute('placeholder'), new RegExp(`\\b${UNIQUENESS_KEY_MAX}\\b`));
      assert.match(await page.locator('#custom-fields-hint').textContent(), new RegExp(`\\b${CUSTOM_FIELD_KEY_MAX}\\b`));
      await page.locator('#add-custom-field').click();
      assert.equal(await page.locator('#custom-fields [data-part="key"]').getAttribute('maxlength'), String(CUSTOM_FIELD_KEY_MAX));
      // What the one-line edits left alone stays as the table says.
      const fields = await page.evaluate(async () => (await import('/pkg/index.js')).creditFields());
      assert.equal(await page.locator('[data-field="starting_at"]').getAttribute('step'),
        String(fields['/access_schedule/schedule_items/*/starting_at'].alignSeconds));
      assert.deepEqual(await page.locator('#rate_type option').evaluateAll((options) => options.map((option) => option.value)),
        ['', ...fields['/rate_type'].values]);
      assert.deepEqual(problems, []);
    });
  } finally {
    await browser?.close().catch(() => {});
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    fs.rmSync(COPY, { recursive: true, force: true });
    t.diagnostic(`one-line change test: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  }
});
