// The JS edge tests (edge.mjs) in Node over pkg/ (initSync), then in headless Chromium over
// pkg/ (init) from a loopback static server with the strict CSP of the shared suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as api from '../../pkg/index.js';
import { edgeTests } from './edge.mjs';

const wasm = api.initSync({ module: readFileSync(new URL('../../pkg/credit_rules_bg.wasm', import.meta.url)) });

for (const { name, run } of edgeTests()) {
  test(`node: ${name}`, () => {
    const note = run(api, wasm);
    if (note) console.log(`# node: ${name}: ${note}`);
  });
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function inChromium() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (!/^\/(pkg|tests\/js)\//.test(path)) {
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
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/tests/js/edge.html`);
    await page.waitForFunction(() => window.edgeResults, null, { timeout: 300000 });
    return { results: await page.evaluate(() => window.edgeResults), pageErrors };
  } finally {
    await browser.close();
    server.close();
  }
}

const { results, pageErrors } = await inChromium();
test('chromium: the page runs the edge tests under a strict CSP without errors', () => {
  assert.deepEqual(pageErrors, []);
  assert.equal(results.length, edgeTests().length);
});
for (const { name, ok, error, note } of results) {
  test(`chromium: ${name}`, () => {
    if (note) console.log(`# chromium: ${name}: ${note}`);
    assert.ok(ok, error);
  });
}
