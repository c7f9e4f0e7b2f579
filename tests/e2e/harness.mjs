// Shared by the end-to-end tests of the demo page: the sandbox server on a free port with a
// fresh data dir, headless Chromium, and page helpers.
//
// Needs pkg/ built (bash scripts/build-pkg) and cargo; builds the server binary itself with
// `cargo build -q -p credit-rules-server`.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../js/chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ------------------------------------------------------------------------------------------------
// The server

function serverBinary() {
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  return path.join(targetDir, 'debug', process.platform === 'win32' ? 'credit-rules-server.exe' : 'credit-rules-server');
}

/**
 * Builds and starts the server: `args` after the common ones (a free port, a fresh data
 * directory, the page and pkg/), `env` over the process's. Resolves to
 * { child, port, dataDir, output } once it prints its "listening on" line.
 */
export function launchServer({ args = [], env = {}, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-rules-e2e-')) } = {}) {
  const build = spawnSync('cargo', ['build', '-q', '-p', 'credit-rules-server'], {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000,
  });
  if (build.status !== 0) throw new Error(`cargo build -p credit-rules-server failed (status ${build.status}, ${build.error ?? ''})`);
  const child = spawn(serverBinary(), [
    '--port', '0', '--data', dataDir, '--www', path.join(ROOT, 'www'), '--pkg', path.join(ROOT, 'pkg'), ...args,
  ], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no "listening on" line in 30 s\n${output.stdout}${output.stderr}`)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output.stdout += chunk;
      const match = /listening on http:\/\/[^\s:]+:(\d+)/.exec(output.stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), dataDir, output });
      }
    });
    child.stderr.on('data', (chunk) => { output.stderr += chunk; });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited early (code ${code}, signal ${signal})\n${output.stdout}${output.stderr}`));
    });
  });
}

/** The sandbox with `token`. */
function startServer(token) {
  return launchServer({ env: { CREDIT_RULES_TOKEN: token } });
}

/** Stops a server `launchServer` started: SIGTERM, then SIGKILL after 5 s. */
export async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Registers before/after hooks that start the server with `token` and Chromium, and stop them.
 * Returns an object whose `baseUrl`, `browser` and `server` (stdout/stderr so far) are set
 * once the hooks ran.
 */
export function useDemo(token) {
  const demo = { baseUrl: null, browser: null, server: null };
  let child = null;
  let dataDir = null;
  // Last resort if the runner is interrupted between before() and after().
  process.on('exit', () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'index.js')),
      'pkg/ is not built: run `bash scripts/build-pkg` first');
    const started = await startServer(token);
    child = started.child;
    dataDir = started.dataDir;
    demo.server = started.output;
    demo.baseUrl = `http://127.0.0.1:${started.port}`;
    demo.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, { timeout: 25 * 60_000 });
  after(async () => {
    await demo.browser?.close().catch(() => {});
    const running = child;
    child = null;
    await stopServer(running);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return demo;
}

// ------------------------------------------------------------------------------------------------
// Page helpers

/**
 * Watches a page: page errors, every console message, dialogs (dismissed) and, through an init
 * script on the context, CSP violations (read them with `cspViolations(page)`).
 */
export async function watch(context, page) {
  const seen = { problems: [], console: [], consoleErrors: [], dialogs: [] };
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    seen.console.push({ type: message.type(), text: message.text(), args: message.args().length });
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return seen;
}

export const cspViolations = (page) => page.evaluate(() => window.cspViolations);

/** The issues shown under the input with this pointer: [{ code, severity, text }]. */
export function shownIssues(page, pointer) {
  return page.evaluate((wanted) => {
    const input = [...document.querySelectorAll('[data-pointer]')].find((element) => element.dataset.pointer === wanted);
    if (!input) throw new Error(`no input has data-pointer ${wanted}`);
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id))
      .filter((element) => element?.classList.contains('messages'))
      .flatMap((messages) => [...messages.querySelectorAll('.msg')])
      .map((message) => ({ code: message.dataset.code, severity: message.dataset.severity, text: message.textContent }));
  }, pointer);
}

export const input = (page, pointer) => page.locator(`[data-pointer="${pointer}"]`);
export const item = (index, field) => `/access_schedule/schedule_items/${index}/${field}`;

export async function until(check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function submitAndWait(page, kind) {
  await page.locator('#submit').click();
  await page.locator(`#outcome[data-kind="${kind}"]`).waitFor({ timeout: 10_000 });
  return page.locator('#outcome').textContent();
}

/** Opens the page with `#token=` and waits until the validator is loaded. */
export async function openDemo(page, baseUrl, token) {
  await page.goto(`${baseUrl}/#token=${encodeURIComponent(token)}`);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
}

/** Fills the fields every valid credit needs (a new customer each time). */
export async function fillValidCredit(page) {
  const nextYear = new Date().getUTCFullYear() + 1;
  await input(page, '/customer_id').fill(crypto.randomUUID());
  await input(page, '/product_id').fill(crypto.randomUUID());
  await input(page, '/priority').fill('100');
  await input(page, item(0, 'amount')).fill('1000');
  await input(page, item(0, 'starting_at')).fill(`${nextYear}-01-01T00:00`);
  await input(page, item(0, 'ending_before')).fill(`${nextYear}-02-01T00:00`);
}
