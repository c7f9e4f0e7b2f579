// The official Metronome SDK (@metronome/sdk) pointed at the server in proxy mode, the server
// forwarding to a fake of Metronome's API over HTTPS on loopback (node:https with the test
// certificate of tests/e2e/tls/, trusted through --upstream-ca): create, ConflictError on a
// 409, list. The SDK holds only the local token; the fake upstream must see only the real one.
//
// Needs cargo (builds the server binary itself); not pkg/ and not Chromium.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Metronome from '@metronome/sdk';
import { launchServer, stopServer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TLS = path.join(ROOT, 'tests', 'e2e', 'tls');
const LOCAL_TOKEN = 'local-page-token';
const REAL_TOKEN = 'real-metronome-token';
const CUSTOMER = '13117714-3f05-48e5-a6e9-a66093f13b4d';
const PRODUCT = 'f14d6729-6a44-4b13-9908-9387f1918790';
const CREATED_ID = '0f0e5e9c-1d7a-4b1e-8a53-9a1f7d0d2c11';
const LISTED = { id: CREATED_ID, type: 'CREDIT', product: { id: PRODUCT, name: 'Credits' } };

/** What the fake upstream saw: { path, authorization, body } per request. */
const seen = [];
let upstream;
let server;
let output = { stdout: '', stderr: '' };

/** A stand-in for Metronome's API over HTTPS: 409 for uniqueness_key "taken", else 200. */
function startUpstream() {
  const fake = https.createServer(
    { key: fs.readFileSync(path.join(TLS, 'upstream-key.pem')), cert: fs.readFileSync(path.join(TLS, 'upstream.pem')) },
    (request, response) => {
      let text = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => { text += chunk; });
      request.on('end', () => {
        let body = null;
        try { body = JSON.parse(text); } catch { /* recorded as null */ }
        seen.push({ path: request.url, authorization: request.headers.authorization ?? '', body });
        const answer = (status, json) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(json));
        };
        if (request.url === '/v1/contracts/customerCredits/create') {
          if (body?.uniqueness_key === 'taken') answer(409, { message: 'uniqueness key already used' });
          else answer(200, { data: { id: CREATED_ID } });
        } else if (request.url === '/v1/contracts/customerCredits/list') {
          answer(200, { data: [LISTED], next_page: null });
        } else {
          answer(404, { message: `no route ${request.url}` });
        }
      });
    },
  );
  return new Promise((resolve, reject) => {
    fake.once('error', reject);
    fake.listen(0, '127.0.0.1', () => resolve(fake));
  });
}

/** Builds and starts the server in proxy mode; resolves to { child, port, dataDir, lines }. */
async function startProxy(upstreamUrl) {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'credit-rules-sdk-')), 'data');
  const started = await launchServer({
    dataDir,
    args: ['--upstream', upstreamUrl, '--upstream-ca', path.join(TLS, 'ca.pem')],
    env: { CREDIT_RULES_TOKEN: LOCAL_TOKEN, METRONOME_API_TOKEN: REAL_TOKEN, CREDIT_RULES_UPSTREAM_CA: '' },
  });
  output = started.output;
  return { ...started, lines: output.stdout.split('\n') };
}

/** The SDK as an integration would use it, pointed at the proxy with the local token. */
function sdk() {
  // The SDK retries a 409 by default (as it does 408, 429 and 5XX); none here, so that each
  // call is one request upstream.
  return new Metronome({ bearerToken: LOCAL_TOKEN, baseURL: `http://127.0.0.1:${server.port}`, maxRetries: 0 });
}

before(async () => {
  upstream = await startUpstream();
  server = await startProxy(`https://127.0.0.1:${upstream.address().port}`);
});

after(async () => {
  await stopServer(server?.child);
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve()));
});

test('the banner says the upstream is verified against the roots and the test CA', () => {
  const upstreamUrl = `https://127.0.0.1:${upstream.address().port}`;
  const line = server.lines.find((l) => l.startsWith('upstream '));
  assert.ok(line, output.stdout);
  assert.match(line, /^upstream https:\/\/127\.0\.0\.1:\d+, certificate verified against the \d+ compiled-in Mozilla roots \(webpki-roots\) and the 1 CA certificate of /);
  assert.ok(line.startsWith(`upstream ${upstreamUrl},`), line);
  assert.ok(!output.stdout.includes(REAL_TOKEN), output.stdout);
});

test('create through the SDK: validated, forwarded over TLS with the real token, answer relayed', async () => {
  const sent = seen.length;
  const created = await sdk().v1.customers.credits.create({
    customer_id: CUSTOMER.toUpperCase(),
    product_id: PRODUCT,
    priority: 100,
    access_schedule: {
      schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
    },
  });
  assert.deepEqual(created, { data: { id: CREATED_ID } });
  assert.equal(seen.length, sent + 1);
  const request = seen.at(-1);
  assert.equal(request.path, '/v1/contracts/customerCredits/create');
  assert.equal(request.authorization, `Bearer ${REAL_TOKEN}`);
  assert.ok(!request.authorization.includes(LOCAL_TOKEN));
  // The normalized body: the customer id lowercased by the rules.
  assert.equal(request.body.customer_id, CUSTOMER);
  assert.equal(request.body.product_id, PRODUCT);
  assert.ok(!fs.existsSync(server.dataDir), 'proxy mode stores nothing locally');
});

test('a 409 from the upstream is the SDK\'s ConflictError with the upstream\'s message', async () => {
  const sent = seen.length;
  await assert.rejects(
    sdk().v1.customers.credits.create({
      customer_id: CUSTOMER,
      product_id: PRODUCT,
      priority: 100,
      uniqueness_key: 'taken',
      access_schedule: {
        schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
      },
    }),
    (error) => {
      assert.ok(error instanceof Metronome.ConflictError, `${error?.constructor?.name}: ${error}`);
      assert.equal(error.status, 409);
      assert.match(error.message, /uniqueness key already used/);
      return true;
    },
  );
  assert.equal(seen.length, sent + 1);
  assert.equal(seen.at(-1).authorization, `Bearer ${REAL_TOKEN}`);
});

test('an invalid credit is the SDK\'s BadRequestError from the proxy and never reaches the upstream', async () => {
  const sent = seen.length;
  await assert.rejects(
    sdk().v1.customers.credits.create({ customer_id: 'not-a-uuid', product_id: PRODUCT, priority: 100, access_schedule: { schedule_items: [] } }),
    (error) => {
      assert.ok(error instanceof Metronome.BadRequestError, `${error?.constructor?.name}: ${error}`);
      return true;
    },
  );
  assert.equal(seen.length, sent);
});

test('list through the SDK: forwarded with the real token, the page relayed', async () => {
  const sent = seen.length;
  const page = await sdk().v1.customers.credits.list({ customer_id: CUSTOMER.toUpperCase(), limit: 5 });
  assert.deepEqual(page.data, [LISTED]);
  assert.equal(page.hasNextPage(), false);
  assert.equal(seen.length, sent + 1);
  const request = seen.at(-1);
  assert.equal(request.path, '/v1/contracts/customerCredits/list');
  assert.equal(request.authorization, `Bearer ${REAL_TOKEN}`);
  assert.deepEqual(request.body, { customer_id: CUSTOMER, limit: 5 });
});
