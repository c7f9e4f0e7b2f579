// End-to-end test of the demo page (www/) against the real sandbox server, in headless Chromium.
//
//   node --test tests/e2e/        (from the repository root)
//
// Needs pkg/ built (bash scripts/build-pkg) and cargo; the server, Chromium and the page helpers
// come from harness.mjs (a free port, a fresh data dir).
// Any page error, console error (CSP violations included) or dialog fails the test.
// Writes a screenshot of the filled form to test-output/demo.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { input, item, ROOT, shownIssues, submitAndWait, until, useDemo, UUID } from './harness.mjs';

const TOKEN = 'e2e-token';
const XSS_NAME = '<img src=x onerror=alert(1)>';
// Chromium logs every 4xx answer of fetch as a console error; these two are what the test asks for.
const EXPECTED_CONSOLE_ERRORS = [
  /Failed to load resource: the server responded with a status of 409/,
  /Failed to load resource: the server responded with a status of 401/,
];

const demo = useDemo(TOKEN);

// ------------------------------------------------------------------------------------------------

test('the demo page validates live, creates credits and reports every outcome', { timeout: 120_000 }, async (t) => {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const consoleErrors = [];
  const dialogs = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  try {
    await page.goto(`${demo.baseUrl}/#token=${TOKEN}`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
    const nextYear = new Date().getUTCFullYear() + 1;

    await t.test('an untouched form shows no errors on its inputs, but the summary lists them', async () => {
      assert.equal(await page.locator('#api_token').inputValue(), TOKEN, 'the token comes from #token=');
      assert.equal(await page.locator('#api_base').inputValue(), demo.baseUrl);
      assert.deepEqual(await shownIssues(page, '/customer_id'), []);
      assert.equal(await page.locator('.msg').count(), 0);
      assert.ok(await page.locator('#summary-list .summary-item[data-issue-pointer="/customer_id"][data-code="required"]').count() > 0);
      assert.ok(await page.locator('#summary-list .summary-item[data-issue-pointer="/product_id"]').count() > 0);
      assert.ok(await page.locator('#submit').isDisabled());
    });

    await t.test('bad values show the right message under the right input', async () => {
      await input(page, '/customer_id').fill('cust_1');
      const customer = await shownIssues(page, '/customer_id');
      assert.deepEqual(customer.map((issue) => [issue.code, issue.severity]), [['invalid_uuid', 'error']]);
      assert.match(customer[0].text, /UUID/);
      assert.equal(await input(page, '/customer_id').getAttribute('aria-invalid'), 'true');

      await input(page, item(0, 'amount')).fill('0');
      const amount = await shownIssues(page, item(0, 'amount'));
      assert.deepEqual(amount.map((issue) => issue.code), ['not_positive']);
      assert.match(amount[0].text, /greater than 0/);

      await input(page, item(0, 'amount')).fill('1,000');
      const typed = await shownIssues(page, item(0, 'amount'));
      assert.deepEqual(typed.map((issue) => issue.code), ['invalid_type']);
      assert.match(typed[0].text, /Enter a number, like 1000/);

      await input(page, item(0, 'starting_at')).fill(`${nextYear}-02-01T00:00`);
      await input(page, item(0, 'ending_before')).fill(`${nextYear}-01-01T00:00`);
      const ends = await shownIssues(page, item(0, 'ending_before'));
      assert.deepEqual(ends.map((issue) => issue.code), ['invalid_range']);
      assert.match(ends[0].text, /later than/);
      // The cross-field rule also shows under the input it relates to.
      assert.ok((await shownIssues(page, item(0, 'starting_at'))).some((issue) => issue.code === 'invalid_range'));

      await input(page, item(0, 'starting_at')).fill(`${nextYear}-01-01T00:30`);
      assert.ok((await shownIssues(page, item(0, 'starting_at'))).some((issue) => issue.code === 'not_hour_aligned'));

      await input(page, '/priority').fill('-5');
      const priority = await shownIssues(page, '/priority');
      assert.deepEqual(priority.map((issue) => [issue.code, issue.severity]), [['negative_priority', 'warning']]);
      assert.match(priority[0].text, /^⚠?\s*Warning/);
      assert.equal(await input(page, '/priority').getAttribute('aria-invalid'), 'false');

      // Not touched yet: nothing under it, but the summary has it.
      assert.deepEqual(await shownIssues(page, '/product_id'), []);
      assert.ok(await page.locator('#submit').isDisabled());
    });

    await t.test('clicking an issue in the summary focuses its input', async () => {
      await page.locator('#summary-list .summary-item[data-issue-pointer="/product_id"]').first().click();
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.pointer), '/product_id');
      // Touched now: its error shows.
      assert.deepEqual((await shownIssues(page, '/product_id')).map((issue) => issue.code), ['required']);

      // An issue on a parent focuses a related input: conflict sits on /specifiers.
      await input(page, '/applicable_product_tags').fill('compute');
      await page.locator('#add-specifier').click();
      await input(page, '/specifiers/0/product_id').fill(crypto.randomUUID());
      await page.locator('#summary-list .summary-item[data-issue-pointer="/specifiers"][data-code="conflict"]').click();
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.pointer), '/applicable_product_tags');
      await page.locator('#specifiers .specifier [data-action="remove"]').last().click();
      assert.equal(await page.locator('#summary-list .summary-item[data-code="conflict"]').count(), 0);
    });

    const customerId = crypto.randomUUID();
    await t.test('fixing the values clears the errors and enables Create credit', async () => {
      await input(page, '/customer_id').fill(customerId.toUpperCase());
      await input(page, '/product_id').fill(crypto.randomUUID());
      await input(page, '/priority').fill('100');
      await input(page, item(0, 'amount')).fill('1000');
      assert.equal((await page.locator('[data-role="money"]').first().textContent()).trim(), '= $10.00');
      await input(page, item(0, 'starting_at')).fill(`${nextYear}-01-01T00:00`);
      await input(page, item(0, 'ending_before')).fill(`${nextYear}-02-01T00:00`);
      await input(page, '/name').fill(XSS_NAME);
      await input(page, '/description').fill('Created by the end-to-end test.');
      await input(page, '/applicable_product_tags').fill('compute, storage');
      await page.locator('#add-custom-field').click();
      await page.locator('#custom-fields [data-part="key"]').fill('ticket');
      await page.locator('#custom-fields [data-part="value"]').fill('OPS-42');
      await input(page, '/rate_type').selectOption('COMMIT_RATE');
      await page.locator('#generate-key').click();
      assert.match(await input(page, '/uniqueness_key').inputValue(), UUID);
      await input(page, '/salesforce_opportunity_id').fill('006Dn000004XyZ');

      assert.equal(await page.locator('.msg.error').count(), 0, 'no error is shown');
      assert.equal(await page.locator('#summary-status').getAttribute('data-valid'), 'true');
      assert.ok(await page.locator('#submit').isEnabled());
      const preview = JSON.parse(await page.locator('#json-preview').textContent());
      assert.equal(preview.customer_id, customerId, 'the UUID is normalized to lower case');
      assert.equal(preview.name, XSS_NAME);
      assert.deepEqual(preview.access_schedule.schedule_items, [{
        amount: 1000, starting_at: `${nextYear}-01-01T00:00:00.000Z`, ending_before: `${nextYear}-02-01T00:00:00.000Z`,
      }]);
      assert.deepEqual(preview.custom_fields, { ticket: 'OPS-42' });
      assert.match(await page.locator('#sentence').textContent(), /\$10\.00 of credit from /);
    });

    let firstId;
    await t.test('submitting creates the credit and lists it', async () => {
      const outcome = await submitAndWait(page, 'created');
      assert.match(outcome, /Credit created/);
      firstId = (await page.locator('#created-id').textContent()).trim();
      assert.match(firstId, UUID);
      const listed = page.locator(`#credits .credit-item[data-id="${firstId}"]`);
      await listed.waitFor({ timeout: 10_000 });
      assert.equal((await listed.locator('.credit-name').textContent()), XSS_NAME);
      assert.match(await listed.textContent(), /\$10\.00 of credit/);
      await fs.promises.mkdir(path.join(ROOT, 'test-output'), { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0)); // the sticky sidebar is drawn where the page is scrolled
      await page.screenshot({ path: path.join(ROOT, 'test-output', 'demo.png'), fullPage: true });
    });

    await t.test('a name with markup stays text', async () => {
      assert.equal(await page.locator('img').count(), 0, 'no img element was created');
      assert.ok((await page.locator('body').textContent()).includes(XSS_NAME));
      assert.deepEqual(dialogs, []);
    });

    await t.test('the same uniqueness key again gives 409 and offers a new key', async () => {
      const key = await input(page, '/uniqueness_key').inputValue();
      const outcome = await submitAndWait(page, 'conflict');
      assert.match(outcome, /Uniqueness key already used \(409\)/);
      await page.locator('#regenerate-key').click();
      const newKey = await input(page, '/uniqueness_key').inputValue();
      assert.match(newKey, UUID);
      assert.notEqual(newKey, key);
    });

    await t.test('a wrong token gives 401, the right one creates the credit', async () => {
      await page.locator('#api_token').fill('not-the-token');
      assert.match(await submitAndWait(page, 'unauthorized'), /token was refused/);
      await page.locator('#api_token').fill(TOKEN);
      await submitAndWait(page, 'created');
      const secondId = (await page.locator('#created-id').textContent()).trim();
      assert.notEqual(secondId, firstId);
      await until(async () => (await page.locator('#credits .credit-item').count()) === 2, 'two listed credits');
      await page.locator('#refresh-credits').click();
      await until(async () => (await page.locator(`#credits .credit-item[data-id="${secondId}"]`).count()) === 1, 'the refreshed list');
    });

    await t.test('no page error, console error, CSP violation or dialog', async () => {
      const violations = await page.evaluate(() => window.cspViolations);
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
      assert.deepEqual(consoleErrors.filter((text) => !EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(text))), []);
      assert.deepEqual(dialogs, []);
    });
  } finally {
    await context.close();
  }
});
