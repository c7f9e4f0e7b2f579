// The German catalog shipped in the package: complete, faithful to the English placeholders,
// and what validation says when it is passed as the `messages` option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, cases, reportOf, MINIMAL, NOW } from './load.mjs';
import { messagesDe as fromSubpath } from '../../pkg/messages/de.js';

const { messagesDe } = api;
const placeholders = (template) => [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).sort();
/** The German template of `code` with the issue's params filled in, as the crate renders. */
const render = (template, params = {}) =>
  template.replace(/\{([^{}]*)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

/** Every fix the case tables offer, in English: the kinds and their messages. */
const englishFixes = cases.flatMap((c) => {
  const report = reportOf(c, c.options);
  return [...report.errors, ...report.warnings].flatMap((issue) => issue.fixes ?? []);
});
const fixKeys = [...new Set(englishFixes.map((fix) => `fix.${fix.kind}`))];

test('the German catalog has a message for every code of ruleCatalog() and every fix kind, and nothing else', () => {
  const codes = api.ruleCatalog().map((rule) => rule.code);
  assert.equal(codes.length, 21);
  assert.equal(fixKeys.length, 8, `the case tables offer every fix kind: ${fixKeys}`);
  assert.deepEqual(Object.keys(messagesDe).sort(), [...codes, ...fixKeys].sort());
  for (const code of [...codes, ...fixKeys]) {
    assert.equal(typeof messagesDe[code], 'string', code);
    assert.ok(messagesDe[code].trim().length > 0, code);
  }
});

test('every German template uses exactly the placeholders of the English one', () => {
  for (const rule of api.ruleCatalog()) {
    assert.deepEqual(placeholders(messagesDe[rule.code]), placeholders(rule.message), rule.code);
  }
});

test('every German template differs from the English default', () => {
  for (const rule of api.ruleCatalog()) assert.notEqual(messagesDe[rule.code], rule.message, rule.code);
  for (const fix of englishFixes) {
    const key = `fix.${fix.kind}`;
    assert.notEqual(render(messagesDe[key], fix.params), fix.message, key);
    for (const name of placeholders(messagesDe[key])) assert.ok(name in (fix.params ?? {}), `${key}: {${name}}`);
  }
});

test('the entry and the subpath export the same frozen object', () => {
  assert.equal(fromSubpath, messagesDe);
  assert.ok(Object.isFrozen(messagesDe));
});

test('validation with the German catalog speaks German', () => {
  const draft = structuredClone(MINIMAL);
  draft.priority = 'zehn';
  draft.rate_type = 'weekly';
  draft.uniqueness_key = 'k'.repeat(200);
  delete draft.product_id;
  draft.custmer_id = 'x';
  const options = { ...NOW, messages: messagesDe };
  const report = api.validateCredit(draft, options);
  assert.deepEqual(
    report.errors.map((issue) => `${issue.pointer} ${issue.message}`),
    [
      '/product_id Dieses Feld ist erforderlich.',
      '/priority Falscher Typ: erwartet number, erhalten string.',
      '/rate_type Muss einer dieser Werte sein: COMMIT_RATE, LIST_RATE.',
      '/uniqueness_key Darf höchstens 128 Zeichen lang sein.',
      '/custmer_id Unbekanntes Feld.',
    ],
  );
  assert.deepEqual(api.validateField(draft, '/priority', options).map((issue) => issue.message), [
    'Falscher Typ: erwartet number, erhalten string.',
  ]);
  assert.throws(() => api.normalizeCredit(draft, options), (error) => {
    assert.ok(error instanceof api.CreditValidationError);
    assert.equal(error.message, 'Invalid credit: /product_id: Dieses Feld ist erforderlich. (and 4 more)');
    return true;
  });
  const german = api.createCreditSchema({ messages: messagesDe })['~standard'].validate(draft);
  assert.equal(german.issues[0].message, 'Dieses Feld ist erforderlich.');
  const json = api.validateCreditJson('{', options);
  assert.equal(json.errors[0].message, 'Der Text ist kein gültiges JSON.');
});

test('over both case tables, every issue is the German template with its params filled in', () => {
  const seen = new Set();
  let issues = 0;
  for (const c of cases) {
    if (c.options?.messages) continue; // a case about its own overrides
    const report = reportOf(c, { ...c.options, messages: messagesDe });
    for (const issue of [...report.errors, ...report.warnings]) {
      const expected = render(messagesDe[issue.code], issue.params);
      assert.equal(issue.message, expected, `${c.table}: ${c.name}: ${issue.code}@${issue.pointer}`);
      assert.doesNotMatch(issue.message, /\{[a-z_]+\}/, `${c.name}: a placeholder without its param`);
      for (const fix of issue.fixes ?? []) {
        assert.equal(fix.message, render(messagesDe[`fix.${fix.kind}`], fix.params), `${c.name}: fix ${fix.kind}`);
      }
      seen.add(issue.code);
      issues += 1;
    }
  }
  assert.ok(issues > 100, `${issues} issues`);
  assert.deepEqual([...seen].sort(), api.ruleCatalog().map((rule) => rule.code).sort(), 'every code is exercised');
});

test('a caller can override single German messages on top of the catalog', () => {
  const messages = { ...messagesDe, required: 'Pflichtfeld.', 'fix.rename': 'In {to} umbenennen' };
  const report = api.validateCredit({ custmer_id: 'x' }, { messages });
  assert.equal(report.errors[0].message, 'Pflichtfeld.');
  const typo = report.errors.find((issue) => issue.code === 'unknown_field');
  assert.equal(typo.fixes[0].message, 'In customer_id umbenennen');
});
