// End-to-end test of the demo page's fixes, timeline, account-feature fields and credits list,
// against the sandbox server in headless Chromium (helpers: harness.mjs).
//
//   node --test tests/e2e/demo-fixes.test.mjs     (from the repository root; pkg/ built)
//
// An operator types 09:30 as a start and applies "Round down"; types a date and time without a
// zone (times as text) and applies "Assume UTC"; makes two items overlap, sees them amber on
// the timeline and applies "Start at …, when the other item ends". Fix buttons are reached with
// the keyboard too. The list of credits is read in Metronome's shape, page after page.
// Any page error, console error or CSP violation fails the test.
// Writes test-output/demo-fixes.png (fixes shown) and test-output/timeline.png (the overlap).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cspViolations, fillValidCredit, input, item, openDemo, ROOT, shownIssues, until, useDemo, watch } from './harness.mjs';

const TOKEN = 'e2e-fixes-token';
const demo = useDemo(TOKEN);
const OUTPUT = path.join(ROOT, 'test-output');

/** The fix buttons shown under the input with this pointer: [{ kind, text, label }]. */
function fixesUnder(page, pointer) {
  return page.evaluate((wanted) => {
    const field = [...document.querySelectorAll('[data-pointer]')].find((element) => element.dataset.pointer === wanted);
    const messages = document.getElementById(`${field.id}-msg`);
    return [...messages.querySelectorAll('button.fix')].map((button) => ({
      kind: button.dataset.fixKind, text: button.textContent, label: button.getAttribute('aria-label'), type: button.type,
    }));
  }, pointer);
}

const fixButtonUnder = async (page, pointer, kind) =>
  page.locator(`#${await input(page, pointer).getAttribute('id')}-msg button.fix[data-fix-kind="${kind}"]`);
const activePointer = (page) => page.evaluate(() => document.activeElement?.dataset.pointer ?? null);
const activeFix = (page) => page.evaluate(() => (document.activeElement?.matches('button.fix') ? document.activeElement.dataset.fixKind : null));
const summaryCodes = (page) => page.locator('#summary-list .summary-item').evaluateAll((items) => items.map((element) => element.dataset.code));
const bars = (page) => page.locator('#timeline rect.timeline-bar').evaluateAll((rects) => rects.map((rect) => ({
  item: Number(rect.dataset.item), classes: rect.getAttribute('class').split(' '), fill: getComputedStyle(rect).fill,
})));
// The page's colours (www/style.css): --warning-line for overlaps, --accent for the others.
const WARNING_FILL = 'rgb(217, 154, 0)';
const ACCENT_FILL = 'rgb(31, 95, 214)';

test('fixes as buttons, the timeline and the account-feature fields', { timeout: 120_000 }, async (t) => {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const seen = await watch(context, page);
  const year = new Date().getUTCFullYear() + 1;
  const start = item(0, 'starting_at');
  try {
    await openDemo(page, demo.baseUrl, TOKEN);
    await fillValidCredit(page);
    await fs.promises.mkdir(OUTPUT, { recursive: true });

    await t.test('a start at 09:30 offers "Round down"; clicking it puts 09:00 in the input', async () => {
      await input(page, start).fill(`${year}-01-01T09:30`);
      assert.deepEqual((await shownIssues(page, start)).map((issue) => issue.code), ['not_hour_aligned']);
      const fixes = await fixesUnder(page, start);
      assert.deepEqual(fixes.map((fix) => fix.kind), ['round_down', 'round_up'], 'round_down first on a start');
      assert.equal(fixes[0].text, `Round down to ${year}-01-01 09:00 UTC`);
      assert.equal(fixes[0].type, 'button');
      assert.equal(fixes[0].label, `Round down to ${year}-01-01 09:00 UTC (Schedule item 1 · Starts)`, 'says what and where');
      // The Checks list offers the same fixes.
      const listed = page.locator('#summary-list li:has(.summary-item[data-code="not_hour_aligned"]) button.fix');
      assert.deepEqual(await listed.evaluateAll((buttons) => buttons.map((button) => button.dataset.fixKind)), ['round_down', 'round_up']);
      // Keyboard: the fixes sit between the start and the end in the tab order (Tab inside a
      // datetime-local input walks its parts, so this goes back from the end).
      await input(page, item(0, 'ending_before')).focus();
      await page.keyboard.press('Shift+Tab');
      assert.equal(await activeFix(page), 'round_up');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await activeFix(page), 'round_down');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(OUTPUT, 'demo-fixes.png'), fullPage: true });

      await (await fixButtonUnder(page, start, 'round_down')).click();
      assert.equal(await input(page, start).inputValue(), `${year}-01-01T09:00`);
      assert.deepEqual(await shownIssues(page, start), []);
      assert.ok(!(await summaryCodes(page)).includes('not_hour_aligned'));
      assert.equal(await activePointer(page), start, 'focus is back on the input the fix changed');
      assert.equal(await page.locator('#summary-status').getAttribute('data-valid'), 'true');
    });

    await t.test('a date and time without a zone, typed as text, gets "Assume UTC" (keyboard)', async () => {
      await page.locator('#timestamp_mode').selectOption('text');
      assert.equal(await input(page, start).getAttribute('type'), 'text');
      assert.equal(await input(page, start).inputValue(), `${year}-01-01T09:00:00Z`, 'the picked time, as the UTC text it meant');
      await input(page, start).fill(`${year}-01-01T10:00`);
      const shown = await shownIssues(page, start);
      assert.deepEqual(shown.map((issue) => issue.code), ['invalid_timestamp']);
      assert.deepEqual((await fixesUnder(page, start)).map((fix) => fix.text), [`Assume UTC: ${year}-01-01 10:00 UTC`]);
      await page.keyboard.press('Tab');
      assert.equal(await activeFix(page), 'assume_utc');
      await page.keyboard.press('Enter');
      assert.equal(await input(page, start).inputValue(), `${year}-01-01T10:00:00.000Z`);
      assert.deepEqual(await shownIssues(page, start), []);
      assert.ok(!(await summaryCodes(page)).includes('invalid_timestamp'));
      assert.equal(await activePointer(page), start);
    });

    await t.test('two overlapping items are amber on the timeline; "Start at" removes the overlap', async () => {
      await page.locator('#add-schedule-item').click();
      await input(page, item(1, 'amount')).fill('500');
      await input(page, item(1, 'starting_at')).fill(`${year}-01-15T00:00:00Z`);
      await input(page, item(1, 'ending_before')).fill(`${year}-03-01T00:00:00Z`);
      assert.deepEqual((await shownIssues(page, item(1, 'starting_at'))).map((issue) => [issue.code, issue.severity]), [['overlapping_schedule', 'warning']]);
      const overlapping = await bars(page);
      assert.deepEqual(overlapping.map((bar) => bar.item), [0, 1]);
      for (const bar of overlapping) {
        assert.ok(bar.classes.includes('is-overlap'), `item ${bar.item + 1} is marked as overlapping`);
        assert.equal(bar.fill, WARNING_FILL, `item ${bar.item + 1} is in the warning colour`);
      }
      const amounts = await page.locator('#timeline .timeline-amount').allTextContents();
      assert.deepEqual(amounts, ['$10.00', '$5.00']);
      await page.locator('#timeline-figure').scrollIntoViewIfNeeded();
      await page.locator('#timeline-figure').screenshot({ path: path.join(OUTPUT, 'timeline.png') });

      const fixes = await fixesUnder(page, item(1, 'starting_at'));
      assert.deepEqual(fixes.map((fix) => fix.text), [`Start at ${year}-02-01 00:00 UTC, when the other item ends`]);
      await (await fixButtonUnder(page, item(1, 'starting_at'), 'start_after')).click();
      assert.equal(await input(page, item(1, 'starting_at')).inputValue(), `${year}-02-01T00:00:00.000Z`);
      assert.ok(!(await summaryCodes(page)).includes('overlapping_schedule'));
      for (const bar of await bars(page)) {
        assert.ok(!bar.classes.includes('is-overlap'));
        assert.equal(bar.fill, ACCENT_FILL);
      }
      assert.match(await page.locator('#timeline-caption').textContent(), /^2 items from .*, no gap\./);
    });

    await t.test('an item whose time is not one yet is left off the timeline, and the caption says so', async () => {
      await input(page, item(1, 'ending_before')).fill('next spring');
      assert.deepEqual((await bars(page)).map((bar) => bar.item), [0]);
      assert.match(await page.locator('#timeline-caption').textContent(), /Item 2 is not drawn: its end is not a time yet\./);
      await input(page, item(1, 'ending_before')).fill(`${year}-05-01T00:00:00Z`);
      await input(page, item(1, 'starting_at')).fill(`${year}-04-01T00:00:00Z`);
      assert.match(await page.locator('#timeline-caption').textContent(), /, 1 gap\./);
      assert.equal(await page.locator('#timeline .timeline-gap').count(), 1);
      assert.equal(await page.locator('#timeline .timeline-now').count(), 1);
    });

    await t.test('access type and excluded tags are part of the draft', async () => {
      await input(page, '/access_schedule/access_type').selectOption('QUANTITY');
      assert.equal((await page.locator('#schedule-items .amount-label').first().textContent()), 'Amount (units)');
      assert.equal(await page.locator('[data-role="money"]').first().textContent(), '');
      assert.deepEqual(await page.locator('#timeline .timeline-amount').allTextContents(), ['1,000 units', '500 units']);
      await page.locator('#add-specifier').click();
      await input(page, '/specifiers/0/product_id').fill(crypto.randomUUID());
      await input(page, '/specifiers/0/exclude/0/product_tags').fill('beta, internal');
      await until(async () => (await page.locator('#summary-status').getAttribute('data-valid')) === 'true', 'a valid draft');
      const preview = JSON.parse(await page.locator('#json-preview').textContent());
      assert.equal(preview.access_schedule.access_type, 'QUANTITY');
      assert.deepEqual(preview.specifiers[0].exclude, [{ product_tags: ['beta', 'internal'] }]);
      assert.match(await page.locator('#sentence').textContent(), /^1,000 units of credit/);

      await input(page, '/specifiers/0/exclude/0/product_tags').fill(' , ');
      assert.deepEqual((await shownIssues(page, '/specifiers/0/exclude/0/product_tags')).map((issue) => issue.code), ['empty']);
      await input(page, '/access_schedule/access_type').selectOption('');
      assert.equal((await page.locator('#schedule-items .amount-label').first().textContent()), 'Amount (cents)');
    });

    await t.test('no page error, console error, CSP violation or dialog', async () => {
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(seen.problems, []);
      assert.deepEqual(seen.consoleErrors, []);
      assert.deepEqual(seen.dialogs, []);
    });
  } finally {
    await context.close();
  }
});

test('the credits list reads Metronome\'s Credit shape and follows next_page', { timeout: 60_000 }, async () => {
  const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const seen = await watch(context, page);
  const customerId = crypto.randomUUID();
  const credit = (id, name, amount, extra = {}) => ({
    id, type: 'CREDIT', name, priority: 1,
    product: { id: crypto.randomUUID(), name: 'Onboarding' },
    access_schedule: {
      credit_type: { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' },
      schedule_items: [{ id: crypto.randomUUID(), amount, starting_at: '2027-01-01T00:00:00.000Z', ending_before: '2027-02-01T00:00:00.000Z' }],
    },
    ...extra,
  });
  const first = crypto.randomUUID();
  const second = crypto.randomUUID();
  const bare = crypto.randomUUID();
  const requests = [];
  await page.route('**/v1/contracts/customerCredits/list', async (route) => {
    const body = route.request().postDataJSON();
    requests.push(body);
    const answer = body.next_page === 'page-2'
      ? { data: [credit(second, 'Second', 2500), { id: bare, type: 'CREDIT' }], next_page: null }
      : { data: [credit(first, 'First', 1000, { created_at: '2026-11-01T10:00:00.000Z' })], next_page: 'page-2' };
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
  });
  try {
    await openDemo(page, demo.baseUrl, TOKEN);
    await input(page, '/customer_id').fill(customerId);
    await page.locator('#refresh-credits').click();
    await page.locator(`#credits .credit-item[data-id="${first}"]`).waitFor();
    const listed = page.locator(`#credits .credit-item[data-id="${first}"]`);
    assert.equal(await listed.locator('.credit-name').textContent(), 'First');
    assert.match(await listed.textContent(), /\$10\.00 of credit from 2027-01-01 00:00 UTC/);
    assert.match(await listed.textContent(), /product Onboarding/);
    assert.ok(await page.locator('#more-credits').isVisible(), 'a next page is offered');

    await page.locator('#more-credits').click();
    await page.locator(`#credits .credit-item[data-id="${bare}"]`).waitFor();
    assert.deepEqual(await page.locator('#credits .credit-item').evaluateAll((items) => items.map((element) => element.dataset.id)), [first, second, bare]);
    assert.match(await page.locator(`#credits .credit-item[data-id="${second}"]`).textContent(), /\$25\.00 of credit/);
    assert.equal(await page.locator(`#credits .credit-item[data-id="${bare}"] .credit-name`).textContent(), 'Unnamed credit');
    assert.ok(await page.locator('#more-credits').isHidden(), 'no page after the last');
    assert.deepEqual(requests, [{ customer_id: customerId }, { customer_id: customerId, next_page: 'page-2' }]);

    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(seen.problems, []);
    assert.deepEqual(seen.consoleErrors, []);
  } finally {
    await context.close();
  }
});
