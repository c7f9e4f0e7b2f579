// One test module for the package at the JS boundary, run by Node (node.test.mjs) and by
// headless Chromium (browser.test.mjs): the case tables passed as JS values, hostile values,
// and the exports that wasm-bindgen cannot make.
// It uses no test library so that it runs unchanged in a page: each test throws on failure.

const MINIMAL = {
  customer_id: '13117714-3f05-48e5-a6e9-a66093f13b4d',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: 100,
  access_schedule: {
    schedule_items: [
      { amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' },
    ],
  },
};
const NOW = { now: '2025-12-01T00:00:00.000Z' };

const minimal = () => JSON.parse(JSON.stringify(MINIMAL));

function fail(message) {
  throw new Error(message);
}

function equal(actual, expected, what) {
  if (!sameValue(actual, expected)) {
    fail(`${what}: got ${show(actual)}, expected ${show(expected)}`);
  }
}

function show(value) {
  try {
    return JSON.stringify(value)?.slice(0, 400) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Deep equality with the same key order and own keys only (a __proto__ key included). */
function sameValue(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}

/** JSON text with every object's keys sorted: equality that ignores key order. */
function canonical(value) {
  return JSON.stringify(value, (key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.keys(inner).sort().map((k) => [k, inner[k]]))
      : inner,
  );
}

const keyOf = (issue) => `${issue.code}@${issue.pointer}`;
const sortedKeys = (issues) => issues.map(keyOf).sort();

/** The problems of one table case, as the Rust runner judges them. */
export function caseProblems(api, c) {
  const report = c.json !== undefined ? api.validateCreditJson(c.json, c.options) : api.validateCredit(c.input, c.options);
  const expect = c.expect;
  const problems = [];
  if (report.valid !== expect.valid) problems.push(`valid ${report.valid}`);
  const errors = sortedKeys(report.errors);
  if (!sameValue(errors, [...expect.errors].sort())) problems.push(`errors ${show(errors)}`);
  const warnings = sortedKeys(report.warnings);
  const wanted = [...expect.warnings].sort();
  const warningsOk = expect.exact_warnings ? sameValue(warnings, wanted) : wanted.every((w) => warnings.includes(w));
  if (!warningsOk) problems.push(`warnings ${show(warnings)}`);
  if ('value' in expect && !sameValue(report.value, expect.value)) problems.push(`value ${show(report.value)}`);
  if (!('value' in report) && report.valid) problems.push('valid report without value');
  if ('value' in report && !report.valid) problems.push('invalid report with a value');
  const all = [...report.errors, ...report.warnings];
  for (const [key, params] of Object.entries(expect.params ?? {})) {
    const issue = all.find((i) => keyOf(i) === key);
    const got = issue?.params ?? {};
    const ok = issue && (Object.keys(params).length === 0 ? Object.keys(got).length === 0 : Object.entries(params).every(([k, v]) => got[k] === v));
    if (!ok) problems.push(`params of ${key}: ${show(got)}`);
  }
  for (const [key, related] of Object.entries(expect.related ?? {})) {
    const issue = all.find((i) => keyOf(i) === key);
    if (!issue || !sameValue(issue.related, related)) problems.push(`related of ${key}: ${show(issue?.related)}`);
  }
  if (expect.order && !sameValue(report.errors.map(keyOf), expect.order)) problems.push(`order ${show(report.errors.map(keyOf))}`);
  // Fixes (SPEC section 8): exactly these, in this order, key order within a fix free.
  for (const [key, fixes] of Object.entries(expect.fixes ?? {})) {
    const issue = all.find((i) => keyOf(i) === key);
    const got = (issue?.fixes ?? []).map(({ message, ...fix }) => fix);
    if (!issue || canonical(got) !== canonical(fixes)) problems.push(`fixes of ${key}: ${show(issue?.fixes)}`);
  }
  for (const issue of all) {
    if ('fixes' in issue && !(issue.fixes.length > 0)) problems.push(`empty fixes on ${keyOf(issue)}`);
    for (const fix of issue.fixes ?? []) {
      if (typeof fix.message !== 'string' || !fix.message || fix.message.includes('{')) problems.push(`fix message on ${keyOf(issue)}`);
    }
  }
  for (const issue of all) {
    if (typeof issue.message !== 'string' || !issue.message) problems.push(`no message on ${keyOf(issue)}`);
    if (issue.severity !== (report.errors.includes(issue) ? 'error' : 'warning')) problems.push(`severity of ${keyOf(issue)}`);
  }
  return problems;
}

/** After anything hostile, the module must still answer correctly. */
function stillAnswers(api) {
  const report = api.validateCredit(minimal(), NOW);
  equal(report.valid, true, 'the next call on the same module');
  equal(report.value, MINIMAL, 'the next value');
}

function errorsOf(api, draft, options = NOW) {
  let report;
  try {
    report = api.validateCredit(draft, options);
  } catch (error) {
    fail(`validateCredit threw: ${error}`);
  }
  stillAnswers(api);
  return report.errors.map((i) => `${keyOf(i)}${i.code === 'invalid_type' ? ` ${i.params.received}` : ''}`);
}

function draftWith(mutate) {
  const draft = minimal();
  mutate(draft);
  return draft;
}

/** Every test: `{ name, run(api) }`; `tables` are the parsed case files. */
export function tests(tables) {
  const list = [];
  const test = (name, run) => list.push({ name, run });

  for (const [file, cases] of Object.entries(tables)) {
    for (const c of cases) {
      test(`${file}: ${c.name}`, (api) => {
        const problems = caseProblems(api, c);
        if (problems.length) fail(problems.join('; '));
        if (c.expect.valid && c.json === undefined) {
          const report = api.validateCredit(c.input, c.options);
          const again = api.validateCredit(report.value, c.options);
          equal(again.errors, [], 'fixed point errors');
          equal(again.value, report.value, 'fixed point value');
        }
      });
    }
  }

  const hostile = (name, draft, expected) =>
    test(`hostile: ${name}`, (api) => equal(errorsOf(api, typeof draft === 'function' ? draft() : draft), expected, name));

  hostile('a cycle through a known and an unknown key', () => {
    const draft = minimal();
    draft.self = draft;
    draft.access_schedule = draft;
    return draft;
  }, [
    'required@/access_schedule/schedule_items',
    'unknown_field@/access_schedule/customer_id',
    'unknown_field@/access_schedule/product_id',
    'unknown_field@/access_schedule/priority',
    'unknown_field@/access_schedule/access_schedule',
    'unknown_field@/access_schedule/self',
    'unknown_field@/self',
  ]);
  hostile('a throwing getter', () => {
    const draft = minimal();
    Object.defineProperty(draft, 'customer_id', { enumerable: true, get() { throw new Error('boom'); } });
    return draft;
  }, ['invalid_type@/customer_id unreadable']);
  hostile('a Proxy body whose ownKeys trap throws', new Proxy({}, { ownKeys() { throw new Error('no'); } }), ['invalid_type@ unreadable']);
  hostile('a Proxy body whose get trap throws', new Proxy(minimal(), { get() { throw new Error('no'); } }), [
    'invalid_type@/customer_id unreadable',
    'invalid_type@/product_id unreadable',
    'invalid_type@/priority unreadable',
    'invalid_type@/access_schedule unreadable',
  ]);
  hostile('a revoked Proxy in a field and as an array', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    return draftWith((d) => { d.product_id = proxy; d.applicable_product_tags = proxy; });
  }, ['invalid_type@/product_id unreadable', 'invalid_type@/applicable_product_tags unreadable']);
  hostile('a Proxy of a plain object is read through its traps', () => new Proxy(minimal(), {}), []);
  hostile('a Proxy with a getPrototypeOf trap that throws', draftWith((d) => {
    d.custom_fields = new Proxy({}, { getPrototypeOf() { throw new Error('no'); } });
  }), ['invalid_type@/custom_fields unreadable']);
  hostile('BigInt, Symbol and a function', draftWith((d) => {
    d.priority = 10n;
    d.customer_id = Symbol('id');
    d.access_schedule.schedule_items[0].amount = () => 1000;
  }), [
    'invalid_type@/customer_id symbol',
    'invalid_type@/priority bigint',
    'invalid_type@/access_schedule/schedule_items/0/amount function',
  ]);
  hostile('sparse arrays: holes are undefined entries', draftWith((d) => {
    d.applicable_product_tags = [, 'a'];
    d.access_schedule.schedule_items = [, MINIMAL.access_schedule.schedule_items[0]];
  }), ['invalid_type@/access_schedule/schedule_items/0 undefined', 'invalid_type@/applicable_product_tags/0 undefined']);
  hostile('a huge sparse array is too_many, not read', draftWith((d) => { d.applicable_product_ids = new Array(1e9); }), ['too_many@/applicable_product_ids']);
  hostile('a Proxy claiming a huge length', draftWith((d) => {
    d.applicable_product_tags = new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 53 : undefined) });
  }), ['too_many@/applicable_product_tags']);
  hostile('nesting 100,000 deep under unknown and scalar keys', () => {
    let deep = {};
    for (let i = 0; i < 100000; i += 1) deep = { x: deep, a: [deep] };
    return draftWith((d) => {
      d.extra = deep;
      d.name = deep;
      d.custom_fields = { k: deep };
      d.applicable_product_tags = [deep];
    });
  }, [
    'invalid_type@/name object',
    'invalid_type@/applicable_product_tags/0 object',
    'invalid_type@/custom_fields/k object',
    'unknown_field@/extra',
  ]);
  hostile('Map, Set, class instances and boxed primitives are instances', draftWith((d) => {
    d.custom_fields = new Map([['a', 'b']]);
    d.applicable_product_tags = new Set(['a']);
    d.access_schedule = new (class Schedule {})();
    d.name = new String('boxed');
  }), [
    'invalid_type@/access_schedule instance',
    'invalid_type@/name instance',
    'invalid_type@/applicable_product_tags instance',
    'invalid_type@/custom_fields instance',
  ]);
  hostile('undefined as the body', undefined, ['invalid_type@ undefined']);
  hostile('undefined as a required field is required, as an optional one is absent', draftWith((d) => {
    d.customer_id = undefined;
    d.name = undefined;
    d.notes = undefined;
  }), ['required@/customer_id']);
  hostile('NaN and Infinity are not finite', draftWith((d) => {
    d.priority = NaN;
    d.access_schedule.schedule_items[0].amount = -Infinity;
  }), ['not_finite@/priority', 'not_finite@/access_schedule/schedule_items/0/amount']);
  hostile('an invalid Date is invalid_timestamp, a Date elsewhere is invalid_type', draftWith((d) => {
    d.access_schedule.schedule_items[0].starting_at = new Date(NaN);
    d.name = new Date();
  }), ['invalid_timestamp@/access_schedule/schedule_items/0/starting_at', 'invalid_type@/name date']);
  hostile('a Date off the hour is not_hour_aligned', draftWith((d) => {
    d.access_schedule.schedule_items[0].ending_before = new Date(Date.UTC(2026, 1, 1, 0, 0, 0, 1));
  }), ['not_hour_aligned@/access_schedule/schedule_items/0/ending_before']);

  test('hostile: getters that call back into the module', (api) => {
    const draft = {
      get customer_id() { return api.validateCredit({ customer_id: 'x' }).errors[0].code; },
      get product_id() {
        api.validateCredit({ product_id: 'y', priority: 10n });
        throw new Error('after calling back');
      },
    };
    equal(errorsOf(api, draft), [
      'invalid_uuid@/customer_id',
      'invalid_type@/product_id unreadable',
      'required@/priority',
      'required@/access_schedule',
    ], 're-entered');
  });
  test('hostile: a 50 MB string', (api) => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const report = api.validateCredit(draftWith((d) => { d.name = huge; d.description = ` ${huge} `; }), NOW);
    equal(report.valid, true, 'valid');
    equal(report.value.name.length, huge.length, 'name kept whole');
    equal(report.value.description.length, huge.length, 'description trimmed');
    equal(errorsOf(api, draftWith((d) => { d.uniqueness_key = huge; })), ['too_long@/uniqueness_key'], 'too long');
    equal(errorsOf(api, draftWith((d) => { d.customer_id = huge; })), ['invalid_uuid@/customer_id'], 'not a uuid');
    equal(errorsOf(api, draftWith((d) => { d[huge] = 1; })).length, 1, 'a huge unknown key');
  });
  test('hostile: a Date in every timestamp field and in now', (api) => {
    const draft = draftWith((d) => {
      d.access_schedule.schedule_items[0].starting_at = new Date('2026-01-01T00:00:00Z');
      d.access_schedule.schedule_items[0].ending_before = new Date('2026-02-01T00:00:00Z');
    });
    const report = api.validateCredit(draft, { now: new Date('2026-03-01T00:00:00Z') });
    equal(report.value, MINIMAL, 'dates normalized');
    equal(report.warnings.map(keyOf), ['ends_in_past@/access_schedule/schedule_items/0/ending_before'], 'now as a Date');
  });
  test('hostile: -0 becomes 0', (api) => {
    const report = api.validateCredit(draftWith((d) => { d.priority = -0; }), NOW);
    equal(Object.is(report.value.priority, 0), true, 'priority is +0');
    equal(report.warnings, [], 'no negative_priority for -0');
  });
  test('hostile: a lone surrogate becomes U+FFFD', (api) => {
    const report = api.validateCredit(draftWith((d) => { d.name = 'a\uD800b'; d.custom_fields = { 'k\uDC00': 'v' }; }), NOW);
    equal(report.value.name, 'a\uFFFDb', 'name');
    equal(report.value.custom_fields, { 'k\uFFFD': 'v' }, 'a map key with a lone surrogate keeps its value');
  });
  test('hostile: lone surrogates at the ends of texts next to each other do not pair', (api) => {
    const report = api.validateCredit(
      draftWith((d) => { d.name = 'a\uD800'; d.description = '\uDC00b'; d.custom_fields = { 'k\uDBFF': '\uDFFFv', x: 'y\uD800' }; }),
      NOW,
    );
    equal(report.value.name, 'a\uFFFD', 'a high surrogate that ends a text');
    equal(report.value.description, '\uFFFDb', 'a low surrogate that starts the next');
    equal(report.value.custom_fields, { 'k\uFFFD': '\uFFFDv', x: 'y\uFFFD' }, 'a map key and its value');
    equal(api.validateCredit(draftWith((d) => { d.name = 'a\uD83D\uDE00'; }), NOW).value.name, 'a\uD83D\uDE00', 'a pair stays');
  });
  test('hostile: options that cannot be read', (api) => {
    const options = { get now() { throw new Error('no'); }, allowUnknownFields: 'yes', messages: new Proxy({}, { ownKeys() { throw new Error('no'); } }) };
    equal(api.validateCredit(minimal(), options).valid, true, 'valid with the defaults');
    equal(api.validateCredit(minimal(), 42).valid, true, 'options not an object');
  });
  test('hostile: every export survives hostile input', (api) => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const bad of [revoked.proxy, Symbol('s'), 1n, () => 1, undefined, null, new Map()]) {
      api.validateCredit(bad);
      api.validateCreditJson(bad);
      api.validateField(bad, bad);
      api.issuesFor(bad, bad);
      api.describeCredit(bad);
      try {
        api.normalizeCredit(bad);
        fail('normalizeCredit accepted a hostile value');
      } catch (error) {
        if (!(error instanceof api.CreditValidationError)) throw error;
      }
      api.creditSchema['~standard'].validate(bad);
    }
    stillAnswers(api);
  });

  test('validateCreditJson: non-string and deep text', (api) => {
    const report = api.validateCreditJson(42, NOW);
    equal(report.errors.map((i) => `${keyOf(i)} ${i.params.expected} ${i.params.received}`), ['invalid_type@ string number'], 'non-string');
    equal(api.validateCreditJson('['.repeat(100000), NOW).errors.map(keyOf), ['invalid_json@'], 'deep text');
    const text = JSON.stringify(MINIMAL);
    equal(api.validateCreditJson(text, NOW), api.validateCredit(JSON.parse(text), NOW), 'same report as the value');
  });
  // issuesFor over one report equals validateField over the draft, for every case of every
  // table, at every pointer an issue names (its own, its related ones), their parents, the
  // body, a field nothing is wrong with, and a pointer that is not a string.
  for (const [file, cases] of Object.entries(tables)) {
    test(`issuesFor equals validateField: ${file}`, (api) => {
      for (const c of cases) {
        if (c.json !== undefined) continue; // validateField takes a draft, not JSON text
        const report = api.validateCredit(c.input, c.options);
        const pointers = new Set(['', '/access_schedule', '/customer_id', '/nowhere', undefined]);
        for (const issue of report.errors.concat(report.warnings)) {
          for (const own of [issue.pointer, ...(issue.related ?? [])]) {
            const segments = own.split('/');
            for (let end = segments.length; end > 0; end--) pointers.add(segments.slice(0, end).join('/'));
          }
        }
        for (const pointer of pointers) {
          equal(api.issuesFor(report, pointer), api.validateField(c.input, pointer, c.options), `${c.name} at ${pointer}`);
        }
      }
    });
  }
  test('issuesFor: a report that cannot be read gives no issues', (api) => {
    const throwing = { valid: false, get errors() { throw new Error('no'); }, warnings: [] };
    for (const bad of [undefined, null, 42, {}, throwing, { errors: [null, 1], warnings: 'x' }]) {
      equal(api.issuesFor(bad, '/customer_id'), [], `issuesFor(${show(bad)})`);
    }
  });
  test('validateField: related issues, errors first', (api) => {
    const draft = draftWith((d) => {
      d.access_schedule.schedule_items[0].ending_before = '2025-01-01T00:00:00Z';
    });
    const issues = api.validateField(draft, '/access_schedule/schedule_items/0/starting_at', NOW);
    equal(issues.map(keyOf), ['invalid_range@/access_schedule/schedule_items/0/ending_before'], 'related');
    const item = api.validateField(draft, '/access_schedule/schedule_items/0', NOW);
    equal(item.map((i) => i.severity), ['error', 'warning'], 'errors then warnings');
    equal(api.validateField(draft, '/customer_id', NOW), [], 'nothing at a valid field');
  });
  test('messages: per-code templates with params', (api) => {
    const report = api.validateCredit(draftWith((d) => { d.uniqueness_key = 'k'.repeat(129); }), { ...NOW, messages: { too_long: 'max {max}, {unknown}' } });
    equal(report.errors[0].message, 'max 128, {unknown}', 'message');
  });
  test('normalizeCredit returns the value or throws CreditValidationError', (api) => {
    equal(api.normalizeCredit(minimal(), NOW), MINIMAL, 'value');
    try {
      api.normalizeCredit(draftWith((d) => { d.priority = -1; d.customer_id = 'x'; }), NOW);
      fail('no throw');
    } catch (error) {
      equal(error instanceof api.CreditValidationError && error instanceof Error, true, 'class');
      equal(error.name, 'CreditValidationError', 'name');
      equal(error.issues.map(keyOf), ['invalid_uuid@/customer_id'], 'issues');
      equal(error.warnings.map(keyOf), ['negative_priority@/priority'], 'warnings');
    }
  });
  test('creditSchema implements Standard Schema v1', (api) => {
    const std = api.creditSchema['~standard'];
    equal([std.version, std.vendor], [1, 'credit-rules'], 'version and vendor');
    const ok = std.validate(draftWith((d) => { d.priority = '7'; }));
    equal(ok.value.priority, 7, 'value');
    equal(ok.issues, undefined, 'no issues');
    const bad = std.validate({});
    equal(bad.issues.map((i) => [i.message.length > 0, i.path]), [[true, ['customer_id']], [true, ['product_id']], [true, ['priority']], [true, ['access_schedule']]], 'issues');
  });
  test('creditJsonSchema, ruleCatalog and describeCredit', (api) => {
    const schema = api.creditJsonSchema();
    equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', '$schema');
    equal(Object.keys(schema.properties)[0], 'customer_id', 'first property');
    equal(/invalid_range/.test(schema.description) && /conflict/.test(schema.description), true, 'description admits the limits');
    const catalog = api.ruleCatalog();
    equal(catalog.length, 21, 'catalog length');
    equal(catalog.find((r) => r.code === 'not_uuid').severity, 'warning', 'severity');
    equal(
      api.describeCredit(MINIMAL),
      '$10.00 of credit from 2026-01-01 00:00 UTC to 2026-02-01 00:00 UTC, priority 100, for all products on all contracts.',
      'sentence',
    );
  });
  return list;
}
