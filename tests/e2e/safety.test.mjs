// The demo page is safe with hostile text and keeps the API token to itself, end to end in
// headless Chromium against the sandbox server (helpers: harness.mjs).
//
// XSS: markup typed into every input whose text the page displays (name, description, ids,
// tags, custom field and specifier group keys and values, the contract ids) and markup in the
// API's answers (a 400 with issues, a 500 with an HTML body) is shown as text: no element is
// created, window.__xss stays undefined, no CSP violation, no dialog.
// Token: after loading with #token=, creating a credit and the error paths (401 with a wrong
// token, a network failure), neither the token nor the wrong one is in localStorage,
// sessionStorage, cookies, IndexedDB, Cache Storage, a service worker, the DOM's markup, any
// console message, any request URL or any header but Authorization; a reload without the
// fragment starts with an empty token field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, fillValidCredit, input, openDemo, submitAndWait, until, useDemo, watch } from './harness.mjs';

const TOKEN = `e2e-secret-${crypto.randomUUID()}`;
const WRONG_TOKEN = `wrong-secret-${crypto.randomUUID()}`;
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><script>window.__xss=1</script>',
  "'><svg onload=window.__xss=1>",
];
const [IMG, SCRIPT, SVG] = PAYLOADS;
// Chromium logs every 4xx/5xx answer of fetch as a console error; these are the ones asked for.
const EXPECTED_CONSOLE_ERRORS = /Failed to load resource: (the server responded with a status of (400|401|500)|net::ERR_FAILED)/;

/** No CSP violation, dialog, page error or console error beyond the expected failed loads. */
async function assertQuiet(page, seen) {
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(seen.problems, []);
  assert.deepEqual(seen.consoleErrors.filter((text) => !EXPECTED_CONSOLE_ERRORS.test(text)), []);
}

const CREATE = '**/v1/contracts/customerCredits/create';

const demo = useDemo(TOKEN);

/** Elements that markup could have created, counted in the whole document. */
const dangerous = (page) => page.evaluate(() => document.querySelectorAll('img, script, svg, iframe, object, embed').length);

/** Every console call of the page, with its arguments serialized (objects included). */
function recordConsole() {
  window.consoleRecord = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir']) {
    const original = console[method];
    console[method] = (...args) => {
      try {
        window.consoleRecord.push(args.map((arg) => {
          try {
            return typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg);
          } catch {
            return String(arg);
          }
        }).join(' '));
      } catch {
        // recording must never break the page
      }
      return original.apply(console, args);
    };
  }
}

test('markup typed into the form or sent by the API is shown as text', { timeout: 120_000 }, async (t) => {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const seen = await watch(context, page);
  try {
    await openDemo(page, demo.baseUrl, TOKEN);
    const before = await dangerous(page);

    await t.test('every displayed text input takes markup as text', async () => {
      await fillValidCredit(page);
      await input(page, '/name').fill(IMG);
      await input(page, '/description').fill(SCRIPT);
      await input(page, '/netsuite_sales_order_id').fill(SVG);
      await input(page, '/salesforce_opportunity_id').fill(IMG);
      await input(page, '/uniqueness_key').fill(SCRIPT);
      await input(page, '/applicable_contract_ids').fill(`${IMG}\n${SVG}`);
      await page.locator('#add-specifier').click();
      await input(page, '/specifiers/0/product_tags').fill(`${SCRIPT}, ${IMG}`);
      await page.locator('#specifiers [data-map="pricing_group_values"] [data-action="add-kv"]').click();
      await page.locator('#specifiers [data-map="pricing_group_values"] [data-part="key"]').fill(SVG);
      await page.locator('#specifiers [data-map="pricing_group_values"] [data-part="value"]').fill(SCRIPT);
      for (const [key, value] of [[IMG, SCRIPT], [SCRIPT, SVG]]) {
        await page.locator('#add-custom-field').click();
        await page.locator('#custom-fields [data-part="key"]').last().fill(key);
        await page.locator('#custom-fields [data-part="value"]').last().fill(value);
      }
      // Issues whose labels and messages carry the typed keys and values: a value over 200
      // characters under a markup key, and a markup customer id.
      await page.locator('#custom-fields [data-part="value"]').first().fill(`${SCRIPT}${'v'.repeat(200)}`);
      await input(page, '/customer_id').fill(IMG);
      await until(async () => (await page.locator('#summary-list .summary-item').count()) >= 2, 'summary items');
      const summary = await page.locator('#summary-list').textContent();
      assert.ok(summary.includes(IMG), 'a custom field key with markup is shown in the summary as text');
      assert.equal(await dangerous(page), before, 'no element was created');

      await input(page, '/customer_id').fill(crypto.randomUUID());
      await page.locator('#custom-fields [data-part="value"]').first().fill(SCRIPT);
      await until(async () => (await page.locator('#summary-status').getAttribute('data-valid')) === 'true', 'a valid draft');
      const preview = JSON.parse(await page.locator('#json-preview').textContent());
      assert.equal(preview.name, IMG);
      assert.equal(preview.description, SCRIPT);
      assert.deepEqual(preview.applicable_contract_ids, [IMG, SVG]);
      assert.deepEqual(preview.specifiers, [{ product_tags: [SCRIPT, IMG], pricing_group_values: { [SVG]: SCRIPT } }]);
      assert.deepEqual(Object.entries(preview.custom_fields).sort(), [[IMG, SCRIPT], [SCRIPT, SVG]].sort());
      assert.equal(await dangerous(page), before, 'no element was created');
    });

    await t.test('the created credit is listed with its name as text', async () => {
      await submitAndWait(page, 'created');
      const id = (await page.locator('#created-id').textContent()).trim();
      const listed = page.locator(`#credits .credit-item[data-id="${id}"]`);
      await listed.waitFor({ timeout: 10_000 });
      assert.equal(await listed.locator('.credit-name').textContent(), IMG);
      assert.equal(await dangerous(page), before, 'no element was created');
    });

    await t.test('markup in the API answers is shown as text', async () => {
      await input(page, '/uniqueness_key').fill(`k-${crypto.randomUUID()}`);
      await page.route(CREATE, (route) => route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          message: IMG,
          issues: [
            { code: 'invalid_uuid', severity: 'error', message: SCRIPT, path: ['customer_id'], pointer: '/customer_id' },
            { code: SVG, severity: 'error', message: SVG, path: [IMG], pointer: `/${IMG}` },
          ],
        }),
      }), { times: 1 });
      const invalid = await submitAndWait(page, 'invalid');
      assert.ok(invalid.includes(IMG) || (await page.locator('body').textContent()).includes(SCRIPT), 'the server text is shown');
      await page.route(CREATE, (route) => route.fulfill({ status: 500, contentType: 'text/html', body: `<html><body>${SCRIPT}${IMG}</body></html>` }), { times: 1 });
      const unexpected = await submitAndWait(page, 'error');
      assert.match(unexpected, /500/);
      assert.equal(await dangerous(page), before, 'no element was created');
    });

    await t.test('nothing ran: no __xss, no CSP violation, no dialog, no page error', async () => {
      assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
      await assertQuiet(page, seen);
    });
  } finally {
    await context.close();
  }
});

/** Everything the page stored, as text: storage, cookies, IndexedDB, caches, service workers. */
function storedEverywhere() {
  return (async () => {
    const out = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i += 1) out.push(`${storage.key(i)}=${storage.getItem(storage.key(i))}`);
    }
    out.push(`cookie:${document.cookie}`);
    for (const info of (await indexedDB.databases?.()) ?? []) {
      out.push(`idb:${info.name}`);
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(info.name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of db.objectStoreNames) {
        const all = await new Promise((resolve) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => resolve([]);
        });
        out.push(`${name}:${JSON.stringify(all)}`);
      }
      db.close();
    }
    for (const key of (await caches?.keys()) ?? []) out.push(`cache:${key}`);
    for (const registration of (await navigator.serviceWorker?.getRegistrations()) ?? []) out.push(`sw:${registration.scope}`);
    return out;
  })();
}

test('the page never stores, logs or leaks the API token', { timeout: 120_000 }, async (t) => {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const seen = await watch(context, page);
  await context.addInitScript(recordConsole);
  const requests = [];
  page.on('request', async (request) => {
    requests.push({ url: request.url(), method: request.method(), headers: await request.allHeaders().catch(() => ({})) });
  });
  const secrets = [TOKEN, WRONG_TOKEN];
  const leaks = (text) => secrets.filter((secret) => String(text).includes(secret));
  try {
    await openDemo(page, demo.baseUrl, TOKEN);
    assert.equal(await page.locator('#api_token').inputValue(), TOKEN, 'the token comes from #token=');

    await t.test('create, then the error paths: a wrong token (401) and a network failure', async () => {
      await fillValidCredit(page);
      await page.locator('#generate-key').click();
      await submitAndWait(page, 'created');
      await page.locator('#api_token').fill(WRONG_TOKEN);
      await page.locator('#generate-key').click();
      assert.match(await submitAndWait(page, 'unauthorized'), /token was refused/);
      await page.locator('#api_token').fill(TOKEN);
      await page.route(CREATE, (route) => route.abort('failed'), { times: 1 });
      assert.match(await submitAndWait(page, 'network'), /Could not reach the API/);
      await page.locator('#toggle-token').click(); // shown as text for a moment, then hidden again
      await page.locator('#toggle-token').click();
      await submitAndWait(page, 'created');
    });

    await t.test('nothing holds the token: storage, cookies, IndexedDB, caches, service workers', async () => {
      const stored = await page.evaluate(storedEverywhere);
      assert.deepEqual(stored.flatMap(leaks), [], `stored: ${JSON.stringify(stored)}`);
      const cookies = await context.cookies();
      assert.deepEqual(cookies.flatMap((cookie) => leaks(`${cookie.name}=${cookie.value}`)), []);
    });

    await t.test('no console message carries the token', async () => {
      const recorded = await page.evaluate(() => window.consoleRecord);
      assert.deepEqual(recorded.flatMap(leaks), [], `console: ${JSON.stringify(recorded)}`);
      assert.deepEqual(seen.console.flatMap((message) => leaks(message.text)), []);
      assert.deepEqual(seen.problems.flatMap(leaks), []);
    });

    await t.test('the markup and the visible text never show the token', async () => {
      assert.deepEqual(leaks(await page.evaluate(() => document.documentElement.outerHTML)), []);
      assert.deepEqual(leaks(await page.evaluate(() => document.body.innerText)), []);
      assert.equal(await page.locator('#api_token').getAttribute('type'), 'password');
    });

    await t.test('the token travels only in the Authorization header of API calls', async () => {
      await until(() => requests.every((request) => request.headers), 'request headers');
      const origin = new URL(demo.baseUrl).origin;
      for (const request of requests) {
        assert.deepEqual(leaks(request.url), [], `URL ${request.url}`);
        for (const [name, value] of Object.entries(request.headers)) {
          if (name === 'authorization') {
            assert.equal(new URL(request.url).origin, origin, 'the token goes only to the API origin');
            assert.ok(request.method === 'POST' && /\/v1\//.test(request.url), `Authorization on ${request.method} ${request.url}`);
            assert.match(value, /^Bearer (e2e|wrong)-secret-/);
          } else {
            assert.deepEqual(leaks(value), [], `header ${name} of ${request.url}`);
          }
        }
      }
      assert.ok(requests.some((request) => request.headers.authorization === `Bearer ${TOKEN}`), 'the token was sent');
    });

    await t.test('a reload without the fragment starts with no token', async () => {
      await page.goto(`${demo.baseUrl}/`);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('#api_token').inputValue(), '');
      const stored = await page.evaluate(storedEverywhere);
      assert.deepEqual(stored.flatMap(leaks), []);
    });

    await t.test('no CSP violation, dialog or page error', async () => {
      await assertQuiet(page, seen);
    });
  } finally {
    await context.close();
  }
});

// The page reads the token from #token= and then drops it from the address, so that it does
// not stay in the address bar, the tab's history or a copied link.
test('the address no longer carries the token once the page has read it', { timeout: 60_000 }, async () => {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  try {
    await openDemo(page, demo.baseUrl, TOKEN);
    assert.equal(await page.locator('#api_token').inputValue(), TOKEN);
    const address = await page.evaluate(() => location.href);
    assert.ok(!address.includes(TOKEN), `the address still holds the token: ${address.replace(TOKEN, '<token>')}`);
  } finally {
    await context.close();
  }
});
