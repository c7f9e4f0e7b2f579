// Keystroke to updated form, in headless Chromium: node bench/keystroke.mjs [--www DIR] [--pkg DIR] [--runs N]
//
// Serves a copy of the demo page (www/ at /, pkg/ at /pkg/, under the sandbox server's CSP) on
// loopback, fills it two ways and times one keystroke at a time inside the page:
//   - form: the page's "Fill with an example" credit (every section used, one schedule item),
//     typing into Name;
//   - 50 items: the same credit with 50 monthly schedule items, typing into the last amount.
// Every input is touched first (an input event on each), so that every input shows its issues,
// as after an operator filled the form by hand.
//
// One keystroke: the input's value changes, an input event is dispatched (the page's handler
// runs synchronously in dispatchEvent), then `document.body.offsetHeight` is read, which forces
// the style and layout work the handler left. "handler" is dispatchEvent alone; "+ layout" adds
// the forced layout; "next frame" waits for requestAnimationFrame and one task after it (what
// the operator sees, but quantized by the frame clock). The value alternates between two texts,
// so each keystroke changes the draft. Medians over --runs keystrokes after --warmup.
//
// --www points at any copy of the page, e.g. the page before a change:
//   mkdir -p /tmp/www-before && git archive HEAD www | tar -x -C /tmp/www-before
//   node bench/keystroke.mjs --www /tmp/www-before/www
// Speed is not asserted anywhere; this is run by hand.

import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    www: { type: 'string', default: path.join(ROOT, 'www') },
    pkg: { type: 'string', default: path.join(ROOT, 'pkg') },
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '30' },
    items: { type: 'string', default: '50' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const www = path.resolve(args.www);
const pkg = path.resolve(args.pkg);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const itemCount = Number(args.items);

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.json': 'application/json',
};
// The sandbox server's policy (server/src/app.rs), as tests/e2e/one-line-change.test.mjs serves it.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

function serve() {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const [root, rest] = pathname.startsWith('/pkg/') ? [pkg, pathname.slice(5)] : [www, pathname.slice(1) || 'index.html'];
    const file = path.resolve(root, rest);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // The page lists credits from the API when it knows a customer: there is none here.
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no API in the bench"}');
      return;
    }
    response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** In the page: fills the example credit, adds schedule items up to `items`, touches every input. */
function fillInPage(items) {
  document.querySelector('#load-example').click();
  const rows = () => document.querySelectorAll('#schedule-items > *');
  while (rows().length < items) document.querySelector('#add-schedule-item').click();
  const year = new Date().getUTCFullYear() + 1;
  const month = (index) => {
    const date = new Date(Date.UTC(year, index, 1));
    return date.toISOString().slice(0, 16);
  };
  if (items > 1) {
    rows().forEach((row, index) => {
      row.querySelector('[data-field="amount"]').value = String(1000 + index);
      const set = (field, value) => {
        const input = row.querySelector(`[data-field="${field}"]`);
        // A page that takes typed timestamps as text gets them with their zone.
        input.value = input.type === 'datetime-local' ? value : `${value}:00Z`;
      };
      set('starting_at', month(index));
      set('ending_before', month(index + 1));
    });
  }
  const form = document.querySelector('#credit-form');
  for (const input of form.querySelectorAll('input, select, textarea')) {
    if (input.matches('#api_base, #api_token')) continue;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return {
    inputs: form.querySelectorAll('input, select, textarea').length,
    valid: document.querySelector('#summary-status').dataset.valid,
    status: document.querySelector('#summary-status').textContent,
  };
}

/** In the page: `runs` timed keystrokes into `selector`, alternating two values. */
async function timeInPage({ selector, values, runs, warmup }) {
  const input = document.querySelector(selector);
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const handler = [];
  const layout = [];
  const frame = [];
  for (let run = 0; run < warmup + runs; run += 1) {
    input.value = values[run % 2];
    await nextFrame(); // start each keystroke on an idle page
    const start = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const handled = performance.now();
    void document.body.offsetHeight;
    const laidOut = performance.now();
    await nextFrame();
    const painted = performance.now();
    if (run >= warmup) {
      handler.push(handled - start);
      layout.push(laidOut - start);
      frame.push(painted - start);
    }
  }
  return { handler, layout, frame };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const ms = (value) => `${value.toFixed(2)} ms`;

const server = await serve();
const browser = await chromium.launch({
  executablePath: args.chromium,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  console.log(`page ${www}, package ${pkg}; ${runs} keystrokes after ${warmup} warm-up, medians (p90)`);
  const cases = [
    { name: 'form', items: 1, selector: '#name', values: ['Onboarding credit', 'Onboarding credits'] },
    { name: `${itemCount} items`, items: itemCount, selector: '#schedule-items > :last-child [data-field="amount"]', values: ['25000', '250001'] },
  ];
  for (const bench of cases) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    const filled = await page.evaluate(fillInPage, bench.items);
    // One keystroke through Playwright first: the input takes typing as an operator's.
    await page.locator(bench.selector).focus();
    await page.keyboard.press('End');
    await page.keyboard.type('1');
    const timings = await page.evaluate(timeInPage, { selector: bench.selector, values: bench.values, runs, warmup });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    console.log(`${bench.name.padEnd(9)} (${filled.inputs} inputs, ${filled.valid === 'true' ? 'valid' : 'invalid'}): ` +
      `handler ${ms(median(timings.handler))} (${ms(quantile(timings.handler, 0.9))}), ` +
      `+ layout ${ms(median(timings.layout))} (${ms(quantile(timings.layout, 0.9))}), ` +
      `next frame ${ms(median(timings.frame))} (${ms(quantile(timings.frame, 0.9))})`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
