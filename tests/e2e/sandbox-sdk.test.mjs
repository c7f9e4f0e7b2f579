// The official Metronome SDK (@metronome/sdk) against the sandbox, as an integration would use
// it: create (200, 409 as ConflictError, 400 as BadRequestError, 401 as AuthenticationError),
// list with the SDK's auto-pagination over the sandbox's next_page cursor, each item in the
// SDK's Credit shape, and a JSON 404 for a path under /v1 that is no endpoint.
//
// Needs cargo (builds the server binary itself); not pkg/ and not Chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Metronome from '@metronome/sdk';
import { launchServer, stopServer, UUID } from './harness.mjs';

const TOKEN = 'sandbox-sdk-token';
const PRODUCT = 'f14d6729-6a44-4b13-9908-9387f1918790';
const USD_CENTS = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';

let server;
let baseURL;

/** The bodies of the list requests the SDK sent, in order. */
const listBodies = [];

/** A client of the sandbox; `token` defaults to the right one. */
function sdk(token = TOKEN) {
  return new Metronome({
    bearerToken: token,
    baseURL,
    // The SDK retries 409 (as 408, 429 and 5XX) by default; one request per call here.
    maxRetries: 0,
    fetch: (url, init) => {
      if (String(url).endsWith('/v1/contracts/customerCredits/list')) listBodies.push(JSON.parse(init.body));
      return fetch(url, init);
    },
  });
}

/** A valid credit for `customer`, each with its own amount and priority from `n`. */
function draft(customer, n, extra = {}) {
  return {
    customer_id: customer,
    product_id: PRODUCT,
    priority: n,
    name: `Credit ${n}`,
    access_schedule: {
      schedule_items: [{ amount: 1000 * n, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
    },
    ...extra,
  };
}

before(async () => {
  server = await launchServer({ env: { CREDIT_RULES_TOKEN: TOKEN } });
  baseURL = `http://127.0.0.1:${server.port}`;
});

after(async () => {
  await stopServer(server?.child);
  if (server?.dataDir) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('create answers { data: { id } } with a new UUID', async () => {
  const created = await sdk().v1.customers.credits.create(draft(crypto.randomUUID(), 1));
  assert.deepEqual(Object.keys(created), ['data']);
  assert.deepEqual(Object.keys(created.data), ['id']);
  assert.match(created.data.id, UUID);
});

test('the same uniqueness_key again is the SDK\'s ConflictError (409) with the sandbox\'s message', async () => {
  const key = `order-${crypto.randomUUID()}`;
  const keyed = draft(crypto.randomUUID(), 1, { uniqueness_key: key });
  await sdk().v1.customers.credits.create(keyed);
  await assert.rejects(sdk().v1.customers.credits.create(keyed), (error) => {
    assert.ok(error instanceof Metronome.ConflictError, `${error?.constructor?.name}: ${error}`);
    assert.equal(error.status, 409);
    assert.equal(error.error.message, `A commit or credit with uniqueness_key "${key}" already exists; nothing was created.`);
    assert.equal(error.message, `409 ${error.error.message}`);
    return true;
  });
});

test('an invalid body is the SDK\'s BadRequestError (400) with the message and issues', async () => {
  await assert.rejects(
    sdk().v1.customers.credits.create({ customer_id: 'not-a-uuid', product_id: PRODUCT, priority: 1, access_schedule: { schedule_items: [] } }),
    (error) => {
      assert.ok(error instanceof Metronome.BadRequestError, `${error?.constructor?.name}: ${error}`);
      assert.equal(error.status, 400);
      assert.match(error.error.message, /^The credit has 2 errors: customer_id: /);
      assert.deepEqual(error.error.issues.map((issue) => `${issue.code}@${issue.pointer}`),
        ['invalid_uuid@/customer_id', 'empty@/access_schedule/schedule_items']);
      return true;
    },
  );
});

test('a wrong token is the SDK\'s AuthenticationError (401), for create and list', async () => {
  const wrong = sdk('not-the-token');
  for (const call of [
    () => wrong.v1.customers.credits.create(draft(crypto.randomUUID(), 1)),
    () => wrong.v1.customers.credits.list({ customer_id: crypto.randomUUID() }),
  ]) {
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof Metronome.AuthenticationError, `${error?.constructor?.name}: ${error}`);
      assert.equal(error.status, 401);
      assert.equal(error.error.message, 'The bearer token is not valid.');
      return true;
    });
  }
});

test('list: the SDK\'s auto-pagination (limit 2) yields all 3 credits in its Credit shape, newest first', async () => {
  const customer = crypto.randomUUID();
  const ids = [];
  for (const n of [1, 2, 3]) {
    ids.push((await sdk().v1.customers.credits.create(draft(customer.toUpperCase(), n))).data.id);
  }
  await sdk().v1.customers.credits.create(draft(crypto.randomUUID(), 9)); // another customer's

  const before = listBodies.length;
  const credits = [];
  for await (const credit of sdk().v1.customers.credits.list({ customer_id: customer, limit: 2 })) credits.push(credit);

  assert.deepEqual(credits.map((credit) => credit.id), [...ids].reverse());
  // Two pages: the second asked with the first's next_page, and it ended the iteration.
  const sent = listBodies.slice(before);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0], { customer_id: customer, limit: 2 });
  assert.equal(typeof sent[1].next_page, 'string');
  assert.deepEqual({ ...sent[1], next_page: undefined }, { customer_id: customer, limit: 2, next_page: undefined });

  for (const [index, credit] of credits.entries()) {
    const n = 3 - index;
    assert.equal(credit.type, 'CREDIT');
    assert.deepEqual(credit.product, { id: PRODUCT, name: PRODUCT });
    assert.deepEqual(credit.access_schedule.credit_type, { id: USD_CENTS, name: 'USD (cents)' });
    const [item] = credit.access_schedule.schedule_items;
    assert.match(item.id, UUID);
    assert.notEqual(item.id, credit.id);
    assert.equal(item.amount, 1000 * n);
    assert.equal(item.starting_at, '2026-01-01T00:00:00.000Z');
    assert.equal(item.ending_before, '2026-02-01T00:00:00.000Z');
    assert.equal(credit.priority, n);
    assert.equal(credit.name, `Credit ${n}`);
    assert.match(credit.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(credit.customer_id, undefined);
    assert.equal(credit.product_id, undefined);
  }

  // One page by hand: the page object says whether there is another.
  const first = await sdk().v1.customers.credits.list({ customer_id: customer, limit: 2 });
  assert.equal(first.data.length, 2);
  assert.equal(first.hasNextPage(), true);
  const second = await first.getNextPage();
  assert.deepEqual(second.data.map((credit) => credit.id), [ids[0]]);
  assert.equal(second.hasNextPage(), false);

  // credit_id finds one credit; schedule item ids are the same at every list.
  const only = await sdk().v1.customers.credits.list({ customer_id: customer, credit_id: ids[1] });
  assert.deepEqual(only.data, [credits[1]]);
});

test('an unknown path under /v1 is a 404 with { message }', async () => {
  const response = await fetch(`${baseURL}/v1/contracts/customerCredits/archive`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(response.status, 404);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), ['message']);
  assert.match(body.message, /\/v1\/contracts\/customerCredits\/archive/);
  // The SDK sees it as its NotFoundError.
  await assert.rejects(sdk().get('/v1/customers'), (error) => {
    assert.ok(error instanceof Metronome.NotFoundError, `${error?.constructor?.name}: ${error}`);
    assert.equal(error.status, 404);
    return true;
  });
});
