// The shared JS suite in headless Chromium: a loopback static server with a strict CSP
// (script-src 'self' 'wasm-unsafe-eval'), the page tests/js/browser.html, one node:test per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const server = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
  if (path === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  if (!/^\/(pkg|tests)\//.test(path)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(join(root, path));
    response.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
    });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
let results;
const pageErrors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  await page.goto(`${base}/tests/js/browser.html`);
  await page.waitForFunction(() => window.suiteResults, null, { timeout: 120000 });
  results = await page.evaluate(() => window.suiteResults);
} finally {
  await browser.close();
  server.close();
}

test('the page loads the package under a strict CSP without errors', () => {
  assert.deepEqual(pageErrors, []);
  assert.ok(results.length > 100, `only ${results.length} results`);
});
for (const { name, ok, error } of results) {
  test(`chromium: ${name}`, () => assert.ok(ok, error));
}
