// Runs a page of tests/js/ in headless Chromium, served from the repository root on loopback
// with the strict CSP a dashboard would use (script-src 'self' 'wasm-unsafe-eval'), and
// returns what the page put in `window[resultsName]` with every page error and console error.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function runPage(page, resultsName, timeout) {
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
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const pageErrors = [];
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => pageErrors.push(String(error)));
    tab.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    await tab.goto(`http://127.0.0.1:${server.address().port}/tests/js/${page}`);
    await tab.waitForFunction((name) => window[name], resultsName, { timeout });
    return { results: await tab.evaluate((name) => window[name], resultsName), pageErrors };
  } finally {
    await browser.close();
    server.close();
  }
}
