// The JS edge under stress, run by Node and by headless Chromium (edge.test.mjs): the JSON
// text and JS value entry points agree on generated drafts, 10,000 calls do not grow the wasm
// memory, and the module answers correctly after anything a caller can throw at it.
// Each test is `{ name, run(api, wasm) }` (wasm: the instance exports that init/initSync
// return); it throws on failure and may return a note (figures) for the log.
import { draftText, NUMBER_LITERALS, prng } from './drafts.mjs';
import { draft as generatedDraft } from './drafts.mjs';

const MINIMAL = {
  customer_id: '13117714-3f05-48e5-a6e9-a66093f13b4d',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: 100,
  access_schedule: {
    schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
  },
};
const NOW = { now: '2025-12-01T00:00:00.000Z' };
const minimal = () => JSON.parse(JSON.stringify(MINIMAL));
const keyOf = (issue) => `${issue.code}@${issue.pointer}`;
/** Agreement draws per run; enough to meet every rule, few enough for seconds in a page. */
const AGREEMENT_DRAFTS = 3000;
/** The growth allowed after the warm-up: a leak of 100 bytes per call over 10,000 calls
 * (1 MB) breaks it; the allocator's slack after 1,000 warm-up calls stays well below. */
const MEMORY_MARGIN = 256 * 1024;

function fail(message) {
  throw new Error(message);
}

function show(value) {
  try {
    return JSON.stringify(value)?.slice(0, 600) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Deep equality with the same key order, -0 and NaN told apart as Object.is does. */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
}

function equal(actual, expected, what) {
  if (!same(actual, expected)) fail(`${what}: got ${show(actual)}, expected ${show(expected)}`);
}

/** The module still answers correctly, through every entry point. */
function answersCorrectly(api, after) {
  const report = api.validateCredit(minimal(), NOW);
  equal([report.valid, report.value], [true, MINIMAL], `validateCredit after ${after}`);
  equal(api.normalizeCredit(minimal(), NOW), MINIMAL, `normalizeCredit after ${after}`);
  equal(api.validateCreditJson(JSON.stringify(MINIMAL), NOW).value, MINIMAL, `validateCreditJson after ${after}`);
  const bad = api.validateCredit({ ...minimal(), customer_id: 'x', priority: '1,000' }, NOW);
  equal(bad.errors.map(keyOf), ['invalid_uuid@/customer_id', 'invalid_type@/priority'], `errors after ${after}`);
  equal(api.validateField({ customer_id: 'x' }, '/customer_id', NOW).map(keyOf), ['invalid_uuid@/customer_id'], `validateField after ${after}`);
}

function errorsOf(api, draft, options = NOW) {
  const report = api.validateCredit(draft, options);
  return report.errors.map((i) => `${keyOf(i)}${i.code === 'invalid_type' ? ` ${i.params.received}` : ''}`);
}

function draftWith(mutate) {
  const draft = minimal();
  mutate(draft);
  return draft;
}

/** Memory figures of the instance: linear memory bytes and externref table slots. */
function footprint(wasm) {
  return { memory: wasm.memory.buffer.byteLength, table: wasm.__wbindgen_externrefs?.length ?? 0 };
}

/** A cheap hostile value for the memory runs, chosen by `i`. */
function hostileValue(i) {
  switch (i % 4) {
    case 0: return draftWith((d) => Object.defineProperty(d, 'name', { enumerable: true, get() { throw new Error('boom'); } }));
    case 1: {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return draftWith((d) => { d.custom_fields = proxy; });
    }
    case 2: return draftWith((d) => { d.priority = 10n; d.name = Symbol('s'); d.description = () => 1; });
    default: {
      const d = minimal();
      d.self = d;
      d.access_schedule.schedule_items.push(d.access_schedule.schedule_items);
      return d;
    }
  }
}

export function edgeTests() {
  const list = [];
  const test = (name, run) => list.push({ name, run });

  test('the wasm exports given a tape length with no tape kept return, and the module keeps answering', (api, wasm) => {
    // validateTape and validateJsonTape are the glue's, not the package's: validateCredit
    // writes the tape (readDraft) just before and takes the report (takeResult) just after.
    // Called on their own, the tape reads as zeros; lite.test.mjs reads the report they leave.
    for (const count of [0, 1, 7, 1000]) {
      const answers = [wasm.validateTape(count), wasm.validateJsonTape(count)];
      if (answers[0] !== undefined || answers[1] !== 1) fail(`validateTape, validateJsonTape(${count}) gave ${show(answers)}`);
    }
    if (!api.validateCredit(minimal(), NOW).valid) fail('the minimal draft is not valid after');
  });

  test(`agreement: validateCreditJson(text) equals validateCredit(JSON.parse(text)) on ${AGREEMENT_DRAFTS} generated drafts`, (api) => {
    const rng = prng(20260101);
    let valid = 0;
    let invalidJson = 0;
    for (let i = 0; i < AGREEMENT_DRAFTS; i += 1) {
      const text = draftText(rng);
      const options = { ...NOW, allowUnknownFields: i % 5 === 0 };
      const fromText = api.validateCreditJson(text, options);
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        equal(fromText.errors.map(keyOf), ['invalid_json@'], `text that JSON.parse refuses: ${text}`);
        invalidJson += 1;
        continue;
      }
      const fromValue = api.validateCredit(parsed, options);
      if (!same(fromText, fromValue)) fail(`draft ${i} disagrees:\ntext  ${text}\nfrom text  ${show(fromText)}\nfrom value ${show(fromValue)}`);
      if (fromValue.valid) {
        valid += 1;
        const again = api.validateCreditJson(JSON.stringify(fromValue.value), options);
        equal(again.value, fromValue.value, `the value's JSON text normalizes to the value (draft ${i})`);
      }
    }
    if (valid < AGREEMENT_DRAFTS / 10) fail(`only ${valid} valid drafts: the generator drifted`);
    return `${AGREEMENT_DRAFTS} drafts, ${valid} valid, ${invalidJson} refused by JSON.parse`;
  });

  test(`fixes: on ${AGREEMENT_DRAFTS} generated drafts every offered fix holds SPEC section 8's property through applyFix`, (api) => {
    const rng = prng(20261127);
    const kinds = new Map();
    const below = (pointer, places) => places.some((place) => pointer === place || pointer.startsWith(`${place}/`));
    for (let i = 0; i < AGREEMENT_DRAFTS; i += 1) {
      const draft = generatedDraft(rng);
      const options = { ...NOW, allowUnknownFields: i % 5 === 0 };
      const report = api.validateCredit(draft, options);
      const before = new Set(report.errors.map(keyOf));
      for (const issue of [...report.errors, ...report.warnings]) {
        for (const fix of issue.fixes ?? []) {
          kinds.set(fix.kind, (kinds.get(fix.kind) ?? 0) + 1);
          const copy = JSON.stringify(draft);
          const patched = api.applyFix(draft, fix);
          equal(JSON.stringify(draft), copy, `applyFix left the draft as it was (draft ${i}, ${fix.kind})`);
          if (patched === draft) fail(`${fix.kind} for ${keyOf(issue)} changed nothing (draft ${i}): ${show(draft)}`);
          const after = api.validateCredit(patched, options);
          const same = (other) => keyOf(other) === keyOf(issue) && JSON.stringify(other.params) === JSON.stringify(issue.params);
          if ([...after.errors, ...after.warnings].some(same)) fail(`${keyOf(issue)} is still there after ${fix.kind}: ${show(patched)}`);
          const written = fix.patch.flatMap((op) => (op.op === 'move' ? [op.from, op.path] : [op.path]));
          for (const error of after.errors) {
            if (!before.has(keyOf(error)) && !below(error.pointer, written)) {
              fail(`${fix.kind} for ${keyOf(issue)} adds ${keyOf(error)} outside ${written} (draft ${i}): ${show(patched)}`);
            }
          }
        }
      }
    }
    const missing = ['round_down', 'round_up', 'assume_utc', 'rename', 'replace', 'round', 'start_after', 'swap'].filter((kind) => !kinds.has(kind));
    if (missing.length > 0) fail(`no generated draft is offered ${missing}: ${show([...kinds])}`);
    return `fixes applied: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`;
  });

  test('agreement: number literals read the same in the text and the value entry points', (api) => {
    for (const literal of NUMBER_LITERALS) {
      const text = JSON.stringify(MINIMAL).replace('"amount":1000', `"amount":${literal}`).replace('"priority":100', `"priority":${literal}`);
      const fromText = api.validateCreditJson(text, NOW);
      const fromValue = api.validateCredit(JSON.parse(text), NOW);
      equal(fromText, fromValue, `literal ${literal}`);
      if (fromValue.valid) equal(fromValue.value.priority, JSON.parse(literal), `priority ${literal} as JSON.parse reads it`);
    }
  });

  test('memory: 10,000 validateCredit calls with fresh drafts do not grow the wasm memory', (api, wasm) => {
    const rng = prng(7);
    const options = { ...NOW };
    for (let i = 0; i < 1000; i += 1) api.validateCredit(generatedDraft(rng), options);
    const warm = footprint(wasm);
    let valid = 0;
    for (let i = 0; i < 10000; i += 1) {
      if (api.validateCredit(generatedDraft(rng), options).valid) valid += 1;
    }
    const after = footprint(wasm);
    answersCorrectly(api, '10,000 calls');
    const note = `memory after 1,000 warm-up calls ${warm.memory} B, after 10,000 more ${after.memory} B (+${after.memory - warm.memory}); externref table ${warm.table} -> ${after.table}; ${valid} valid drafts`;
    if (after.memory > warm.memory + MEMORY_MARGIN) fail(`the wasm memory grew: ${note}`);
    if (after.table > warm.table + 64) fail(`the externref table grew: ${note}`);
    return note;
  });

  test('memory: every export and hostile values, 2,000 calls each, do not grow the wasm memory', (api, wasm) => {
    const rng = prng(8);
    const round = (n) => {
      for (let i = 0; i < n; i += 1) {
        const text = draftText(rng);
        api.validateCreditJson(text, NOW);
        api.validateField(generatedDraft(rng), '/access_schedule/schedule_items/0', NOW);
        try {
          api.normalizeCredit(generatedDraft(rng), NOW);
        } catch (error) {
          if (!(error instanceof api.CreditValidationError)) throw error;
        }
        api.describeCredit(generatedDraft(rng));
        api.validateCredit(hostileValue(i), NOW);
        api.creditSchema['~standard'].validate(generatedDraft(rng));
      }
    };
    round(300);
    const warm = footprint(wasm);
    round(2000);
    const after = footprint(wasm);
    answersCorrectly(api, '12,000 mixed calls');
    const note = `memory ${warm.memory} B -> ${after.memory} B (+${after.memory - warm.memory}); externref table ${warm.table} -> ${after.table}`;
    if (after.memory > warm.memory + MEMORY_MARGIN) fail(`the wasm memory grew: ${note}`);
    if (after.table > warm.table + 64) fail(`the externref table grew: ${note}`);
    return note;
  });

  test('after a caught CreditValidationError, validateCredit and normalizeCredit answer correctly', (api) => {
    for (const bad of [{}, undefined, draftWith((d) => { d.priority = NaN; }), hostileValue(0), hostileValue(1)]) {
      let caught;
      try {
        api.normalizeCredit(bad, NOW);
      } catch (error) {
        caught = error;
      }
      equal(caught instanceof api.CreditValidationError && caught.issues.length > 0, true, `normalizeCredit(${show(bad)}) throws with issues`);
      answersCorrectly(api, 'a caught CreditValidationError');
    }
  });

  test('after a throwing getter, a revoked Proxy and a re-entrant getter, the next call answers correctly', (api) => {
    equal(errorsOf(api, hostileValue(0)), ['invalid_type@/name unreadable'], 'throwing getter');
    answersCorrectly(api, 'a throwing getter');
    equal(errorsOf(api, hostileValue(1)), ['invalid_type@/custom_fields unreadable'], 'revoked Proxy');
    answersCorrectly(api, 'a revoked Proxy');
    let inner;
    const reentrant = draftWith((d) => {
      Object.defineProperty(d, 'name', {
        enumerable: true,
        get() {
          inner = api.validateCredit(minimal(), NOW);
          api.normalizeCredit(minimal(), NOW);
          try {
            api.normalizeCredit({}, NOW);
          } catch {
            // a CreditValidationError thrown and caught inside the outer call
          }
          return ` ${api.validateCreditJson('{"x":', NOW).errors[0].code} `;
        },
      });
    });
    const outer = api.validateCredit(reentrant, NOW);
    equal([outer.valid, outer.value?.name], [true, 'invalid_json'], 'the outer call reads the getter');
    equal([inner.valid, inner.value], [true, MINIMAL], 'the inner call');
    answersCorrectly(api, 're-entrant calls');
  });

  test('a stack overflow in the middle of a call leaves the module answering correctly', (api) => {
    let thrownInside = 0;
    const deep = () => {
      try {
        api.validateCredit(minimal(), NOW);
      } catch (error) {
        thrownInside += 1;
        throw error;
      }
      deep();
    };
    for (let i = 0; i < 20; i += 1) {
      try {
        deep();
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      answersCorrectly(api, 'a stack overflow');
    }
    return `${thrownInside} of 20 overflows surfaced inside validateCredit`;
  });

  // Hostile values of SPEC section 5 that the shared suite (suite.mjs) does not already pass.
  const hostile = (name, make, expected) =>
    test(`hostile: ${name}`, (api) => {
      equal(errorsOf(api, make()), expected, name);
      answersCorrectly(api, name);
    });
  hostile('BigInt, Symbol, a function and null as the whole body', () => 1n, ['invalid_type@ bigint']);
  hostile('a Symbol body', () => Symbol('body'), ['invalid_type@ symbol']);
  hostile('a function body', () => () => MINIMAL, ['invalid_type@ function']);
  hostile('a cycle through schedule_items and a specifier', () => draftWith((d) => {
    d.access_schedule.schedule_items.push(d.access_schedule.schedule_items);
    d.specifiers = [{ product_tags: ['a'] }];
    d.specifiers[0].self = d;
    d.specifiers.push(d.specifiers);
  }), [
    'invalid_type@/access_schedule/schedule_items/1 array',
    'unknown_field@/specifiers/0/self',
    'invalid_type@/specifiers/1 array',
  ]);
  hostile('a getter that throws on an array entry', () => draftWith((d) => {
    d.applicable_product_tags = ['a', 'b'];
    Object.defineProperty(d.applicable_product_tags, 1, { enumerable: true, get() { throw new Error('entry'); } });
  }), ['invalid_type@/applicable_product_tags/1 unreadable']);
  hostile('a Proxy whose getOwnPropertyDescriptor and has traps throw', () => draftWith((d) => {
    const trap = () => { throw new Error('trap'); };
    d.custom_fields = new Proxy({ a: 'b' }, { getOwnPropertyDescriptor: trap, has: trap });
  }), ['invalid_type@/custom_fields unreadable']);
  hostile('a revoked Proxy as the body, as options and as a schedule item', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return draftWith((d) => { d.access_schedule.schedule_items = [proxy]; });
  }, ['invalid_type@/access_schedule/schedule_items/0 unreadable']);
  test('hostile: a revoked Proxy as the body and as options', (api) => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    equal(errorsOf(api, proxy), ['invalid_type@ unreadable'], 'body');
    equal(api.validateCredit(minimal(), proxy).valid, true, 'options');
    equal(api.validateCreditJson(proxy).errors.map(keyOf), ['invalid_type@'], 'JSON text');
    answersCorrectly(api, 'a revoked Proxy');
  });
  hostile('toJSON, Symbol keys, non-enumerable and inherited keys are not read', () => {
    const d = minimal();
    Object.defineProperty(d, 'hidden', { enumerable: false, value: 1 });
    d[Symbol('sym')] = 1;
    d.toJSON = () => { throw new Error('toJSON was called'); };
    return d;
  }, ['unknown_field@/toJSON']);
  test('hostile: keys an object inherits, enumerable ones added to Object.prototype included, are not read', (api) => {
    const d = minimal();
    d.custom_fields = { shadowed: 'own' };
    Object.defineProperty(Object.prototype, 'shadowed', { value: 'inherited', enumerable: true, configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'polluted', { value: 'inherited', enumerable: true, configurable: true, writable: true });
    let report;
    try {
      report = api.validateCredit(d, NOW);
    } finally {
      delete Object.prototype.shadowed;
      delete Object.prototype.polluted;
    }
    equal(report.errors.map(keyOf), [], 'no unknown_field for an inherited key');
    equal(Object.keys(report.value.custom_fields), ['shadowed'], 'an own key that shadows an inherited one is read once');
    equal(report.value.custom_fields.shadowed, 'own', 'with its own value');
    answersCorrectly(api, 'a polluted Object.prototype');
  });
  hostile('10,001 keys in a JS object are too_many', () => draftWith((d) => {
    d.custom_fields = Object.fromEntries(Array.from({ length: 10001 }, (_, i) => [`k${i}`, 'v']));
    d.access_schedule.schedule_items[0] = Object.assign(Object.fromEntries(Array.from({ length: 10001 }, (_, i) => [`x${i}`, 1])), d.access_schedule.schedule_items[0]);
  }), ['too_many@/access_schedule/schedule_items/0', 'too_many@/custom_fields']);
  hostile('a frozen draft, a null-prototype body and an array with extra properties', () => {
    const d = Object.assign(Object.create(null), minimal());
    d.applicable_product_tags = Object.assign(['a'], { extra: 1 });
    return Object.freeze(d);
  }, []);
  hostile('typed arrays and ArrayBuffers are instances', () => draftWith((d) => {
    d.applicable_product_tags = new Uint8Array([1, 2]);
    d.custom_fields = new ArrayBuffer(8);
  }), ['invalid_type@/applicable_product_tags instance', 'invalid_type@/custom_fields instance']);
  hostile('10,001 entries in a JS array are too_many', () => draftWith((d) => {
    d.applicable_product_tags = Array.from({ length: 10001 }, (_, i) => `t${i}`);
  }), ['too_many@/applicable_product_tags']);
  test('hostile: a getter that gives another value on every read', (api) => {
    let reads = 0;
    const d = draftWith((draft) => {
      Object.defineProperty(draft, 'priority', { enumerable: true, get() { reads += 1; return reads % 2 ? 5 : 'five'; } });
    });
    const report = api.validateCredit(d, NOW);
    equal(report.valid ? report.value.priority === 5 : report.errors.map(keyOf).join() === 'invalid_type@/priority', true, 'one consistent reading');
    answersCorrectly(api, 'a changing getter');
    return `priority read ${reads} time(s) in one call`;
  });
  test('hostile: a 50 MB JSON text and 100,000-deep JSON text', (api) => {
    const huge = 'y'.repeat(50 * 1024 * 1024);
    const text = JSON.stringify({ ...MINIMAL, description: ` ${huge} ` });
    const report = api.validateCreditJson(text, NOW);
    equal([report.valid, report.value.description.length], [true, huge.length], '50 MB description');
    equal(api.validateCreditJson(`{"name":${'['.repeat(100000)}${']'.repeat(100000)}}`, NOW).errors.map(keyOf), ['invalid_json@'], 'deep text');
    answersCorrectly(api, 'huge texts');
  });
  test('hostile: an object from another realm is an instance (pages only)', (api) => {
    if (typeof document === 'undefined') return 'skipped outside a page';
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const foreign = new frame.contentWindow.Object();
      foreign.a = 'b';
      equal(errorsOf(api, draftWith((d) => { d.custom_fields = foreign; })), ['invalid_type@/custom_fields instance'], 'iframe object');
      const foreignArray = new frame.contentWindow.Array('x');
      equal(errorsOf(api, draftWith((d) => { d.applicable_product_tags = foreignArray; })), [], 'an iframe array is an array');
    } finally {
      frame.remove();
    }
    answersCorrectly(api, 'another realm');
    return 'ran in the page';
  });
  return list;
}
