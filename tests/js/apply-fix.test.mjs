// applyFix (js/fix.js) is what a form runs when the user clicks an issue's fix, on the draft it
// holds as state: the draft must come back untouched, shared where the patch does not go, and
// a fix that does not fit, or a draft that cannot be read, must never throw. No wasm needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { applyFix } from '../../js/fix.js';

const replace = (path, value) => ({ op: 'replace', path, value });
const move = (from, path) => ({ op: 'move', from, path });
const fix = (...patch) => ({ kind: 'test', message: 'A fix.', patch });

function credit() {
  return {
    customer_id: 'c1',
    access_schedule: {
      credit_type_id: 'usd',
      schedule_items: [
        { amount: 100, starting_at: '2025-02-01T00:00:00Z', ending_before: '2025-01-01T00:00:00Z' },
        { amount: 200, starting_at: '2025-03-01T00:00:00Z', ending_before: '2025-04-01T00:00:00Z' },
      ],
    },
    specifiers: [{ product_id: 'p1' }],
    custom_fields: { a: '1', old: '2', c: '3' },
  };
}

test('replace at depth copies the path only and leaves the draft as it was', () => {
  const draft = credit();
  const before = structuredClone(draft);
  const out = applyFix(draft, fix(replace('/access_schedule/schedule_items/0/amount', 150)));
  assert.deepEqual(draft, before);
  assert.notEqual(out, draft);
  assert.notEqual(out.access_schedule, draft.access_schedule);
  assert.notEqual(out.access_schedule.schedule_items, draft.access_schedule.schedule_items);
  assert.notEqual(out.access_schedule.schedule_items[0], draft.access_schedule.schedule_items[0]);
  assert.equal(out.access_schedule.schedule_items[1], draft.access_schedule.schedule_items[1]);
  assert.equal(out.specifiers, draft.specifiers);
  assert.equal(out.custom_fields, draft.custom_fields);
  const expected = structuredClone(before);
  expected.access_schedule.schedule_items[0].amount = 150;
  assert.deepEqual(out, expected);
  assert.deepEqual(Object.keys(out), Object.keys(draft));
});

test('two replaces swap the timestamps of a schedule item', () => {
  const draft = credit();
  const [{ starting_at, ending_before }] = draft.access_schedule.schedule_items;
  const out = applyFix(draft, {
    kind: 'swap_range',
    message: 'Swap the dates.',
    params: { starting_at, ending_before },
    patch: [
      replace('/access_schedule/schedule_items/0/starting_at', ending_before),
      replace('/access_schedule/schedule_items/0/ending_before', starting_at),
    ],
  });
  assert.deepEqual(out.access_schedule.schedule_items[0], { amount: 100, starting_at: ending_before, ending_before: starting_at });
  assert.equal(draft.access_schedule.schedule_items[0].starting_at, starting_at);
  assert.equal(out.access_schedule.schedule_items[1], draft.access_schedule.schedule_items[1]);
});

test('a move within one object renames the key in its place', () => {
  const draft = credit();
  const out = applyFix(draft, fix(move('/custom_fields/old', '/custom_fields/new')));
  assert.deepEqual(Object.entries(out.custom_fields), [['a', '1'], ['new', '2'], ['c', '3']]);
  assert.deepEqual(Object.keys(draft.custom_fields), ['a', 'old', 'c']);
  assert.equal(out.specifiers, draft.specifiers);
  assert.deepEqual(Object.keys(applyFix({ x: 1, y: 2 }, fix(move('/x', '/z')))), ['z', 'y']);
});

test('a move onto an existing key keeps the moved key’s place and drops the other', () => {
  const out = applyFix({ a: 1, old: 2, new: 3, c: 4 }, fix(move('/old', '/new')));
  assert.deepEqual(Object.entries(out), [['a', 1], ['new', 2], ['c', 4]]);
  const back = applyFix({ new: 3, a: 1, old: 2 }, fix(move('/old', '/new')));
  assert.deepEqual(Object.entries(back), [['a', 1], ['new', 2]]);
});

test('a move elsewhere is a remove and an add; a move into itself or from nowhere does nothing', () => {
  const draft = { x: { a: 1, b: 2 }, y: { c: 3 }, list: [1, 2, 3] };
  assert.deepEqual(applyFix(draft, fix(move('/x/a', '/y/a'))), { x: { b: 2 }, y: { c: 3, a: 1 }, list: [1, 2, 3] });
  assert.deepEqual(applyFix(draft, fix(move('/list/0', '/list/-'))).list, [2, 3, 1]);
  assert.equal(applyFix(draft, fix(move('/x', '/x/inner'))), draft);
  assert.equal(applyFix(draft, fix(move('/x/missing', '/x/b'))), draft);
  assert.equal(applyFix(draft, fix(move('/x/a', '/x/a'))), draft);
  assert.deepEqual(draft, { x: { a: 1, b: 2 }, y: { c: 3 }, list: [1, 2, 3] });
});

test('~1 and ~0 in pointers are / and ~; a malformed pointer does nothing', () => {
  const draft = { 'a/b': { 'm~n': 1, '~1': 2 }, other: {} };
  assert.deepEqual(applyFix(draft, fix(replace('/a~1b/m~0n', 5))), { 'a/b': { 'm~n': 5, '~1': 2 }, other: {} });
  assert.deepEqual(applyFix(draft, fix(replace('/a~1b/~01', 6)))['a/b'], { 'm~n': 1, '~1': 6 });
  assert.deepEqual(Object.keys(applyFix(draft, fix(move('/a~1b/m~0n', '/a~1b/x~1y')))['a/b']), ['x/y', '~1']);
  for (const path of ['/a~2b/m~0n', '/a~1b/m~', 'a~1b', '/a/b/m~0n', '#/other']) {
    assert.equal(applyFix(draft, fix(replace(path, 5))), draft, path);
  }
  assert.equal(applyFix(draft, fix(replace('', 7))), 7);
});

test('array indexes: replace and remove need an existing index, add takes "-" and the length', () => {
  const draft = { list: ['a', 'b', 'c'], other: [] };
  const out = applyFix(draft, fix(replace('/list/1', 'B')));
  assert.deepEqual(out.list, ['a', 'B', 'c']);
  assert.equal(out.other, draft.other);
  for (const path of ['/list/3', '/list/-', '/list/01', '/list/-1', '/list/1.0', '/list/ 1', '/list/x']) {
    assert.equal(applyFix(draft, fix(replace(path, 'z'))), draft, path);
    assert.equal(applyFix(draft, fix({ op: 'remove', path })), draft, path);
  }
  assert.deepEqual(applyFix(draft, fix({ op: 'add', path: '/list/-', value: 'd' })).list, ['a', 'b', 'c', 'd']);
  assert.deepEqual(applyFix(draft, fix({ op: 'add', path: '/list/3', value: 'd' })).list, ['a', 'b', 'c', 'd']);
  assert.deepEqual(applyFix(draft, fix({ op: 'add', path: '/list/0', value: 'z' })).list, ['z', 'a', 'b', 'c']);
  assert.equal(applyFix(draft, fix({ op: 'add', path: '/list/4', value: 'd' })), draft);
  assert.deepEqual(applyFix(draft, fix({ op: 'remove', path: '/list/0' })).list, ['b', 'c']);
  assert.deepEqual(draft.list, ['a', 'b', 'c']);
});

test('add, remove, copy and test follow RFC 6902', () => {
  const draft = { a: { b: 1 }, c: [1, { d: 2 }] };
  assert.deepEqual(applyFix(draft, fix({ op: 'add', path: '/a/e', value: 3 })).a, { b: 1, e: 3 });
  assert.deepEqual(applyFix(draft, fix({ op: 'add', path: '/a/b', value: 3 })).a, { b: 3 });
  assert.deepEqual(applyFix(draft, fix({ op: 'remove', path: '/a/b' })).a, {});
  assert.deepEqual(applyFix(draft, fix({ op: 'copy', from: '/c/1', path: '/a/f' })).a, { b: 1, f: { d: 2 } });
  assert.deepEqual(applyFix(draft, fix({ op: 'test', path: '/c', value: [1, { d: 2 }] }, replace('/a/b', 9))).a, { b: 9 });
  assert.equal(applyFix(draft, fix({ op: 'test', path: '/c', value: [1, { d: 3 }] }, replace('/a/b', 9))), draft);
  assert.equal(applyFix(draft, fix({ op: 'test', path: '/a/b', value: '1' })), draft);
  assert.equal(applyFix(draft, fix({ op: 'add', path: '/a/e' })), draft, 'add without a value');
  assert.equal(applyFix(draft, fix({ op: 'remove', path: '' })), draft);
  assert.equal(applyFix(draft, fix({ op: 'frobnicate', path: '/a/b', value: 1 })), draft);
  assert.deepEqual(draft, { a: { b: 1 }, c: [1, { d: 2 }] });
});

test('a path the draft does not have gives the same draft back', () => {
  const draft = credit();
  const cases = [
    '/missing/x',
    '/customer_id/length',
    '/access_schedule/missing',
    '/access_schedule/schedule_items/5/amount',
    '/specifiers/0/product_id/0',
    '/toString',
    '/constructor',
    '/__proto__/polluted',
  ];
  for (const path of cases) assert.equal(applyFix(draft, fix(replace(path, 1))), draft, path);
  for (const leaf of [new Date(0), new Map([['x', 1]]), new (class Thing { x = 1; })(), /x/]) {
    const holder = { leaf };
    assert.equal(applyFix(holder, fix(replace('/leaf/x', 2))), holder);
  }
  assert.equal({}.polluted, undefined);
});

test('hostile drafts and fixes never throw and give the draft back', () => {
  const getter = { get amount() { throw new Error('getter'); }, b: 1 };
  const throwing = new Proxy({}, { get() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
  const { proxy: revoked, revoke } = Proxy.revocable({ a: 1 }, {});
  revoke();
  const drafts = [null, undefined, 42, 'text', true, getter, { outer: getter }, throwing, revoked, { inner: revoked }];
  const fixes = [
    fix(replace('/amount', 1)),
    fix(replace('/outer/amount', 1)),
    fix(replace('/inner/a', 1)),
    fix(replace('/a', 1)),
    fix(move('/a', '/b')),
    fix({ op: 'test', path: '', value: 1 }),
  ];
  drafts.forEach((draft, i) => {
    for (const f of fixes) assert.equal(applyFix(draft, f), draft, `draft ${i}, ${JSON.stringify(f.patch)}`);
  });
  const draft = { a: 1, b: 'x' };
  const fixProxy = new Proxy({}, { get() { throw new Error('fix trap'); } });
  const badFixes = [
    null,
    undefined,
    {},
    { patch: 'x' },
    { patch: null },
    { get patch() { throw new Error('fix getter'); } },
    fixProxy,
    fix(null),
    fix('replace'),
    fix({ op: 'replace', path: 5, value: 1 }),
    fix({ op: 'replace', path: ['a'], value: 1 }),
    fix({ op: 'move', from: null, path: '/a' }),
    fix({ op: 'replace', get path() { throw new Error('op getter'); }, value: 1 }),
  ];
  for (const f of badFixes) assert.equal(applyFix(draft, f), draft);
  assert.equal(applyFix(draft, fix()), draft);
  assert.deepEqual(draft, { a: 1, b: 'x' });
});

test('frozen and cyclic drafts are copied, not changed', () => {
  const frozen = Object.freeze({ a: Object.freeze({ b: 1 }), c: Object.freeze([1]) });
  const out = applyFix(frozen, fix(replace('/a/b', 2)));
  assert.deepEqual(out, { a: { b: 2 }, c: [1] });
  assert.equal(out.c, frozen.c);
  assert.equal(frozen.a.b, 1);

  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const patched = applyFix(cyclic, fix(replace('/self/self/a', 2)));
  assert.equal(patched.a, 1);
  assert.equal(patched.self.a, 1);
  assert.equal(patched.self.self.a, 2);
  assert.equal(patched.self.self.self, cyclic);
  assert.equal(cyclic.a, 1);
  assert.equal(applyFix(cyclic, fix({ op: 'test', path: '/self', value: cyclic })), cyclic);
});

test('a key named __proto__ stays an own key, and replacing it leaves the prototype alone', () => {
  const draft = JSON.parse('{"__proto__": {"x": 1}, "a": 1, "constructor": "c"}');
  assert.ok(Object.hasOwn(draft, '__proto__'));
  const out = applyFix(draft, fix(replace('/a', 2)));
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ['__proto__', 'a', 'constructor']);
  assert.equal(out.__proto__, draft.__proto__);
  assert.equal(out.a, 2);

  const replaced = applyFix(draft, fix(replace('/__proto__', { polluted: true })));
  assert.equal(Object.getPrototypeOf(replaced), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(replaced, '__proto__').value, { polluted: true });
  assert.equal(replaced.polluted, undefined);
  const deep = applyFix(draft, fix(replace('/__proto__/x', 2), replace('/constructor', 'd')));
  assert.deepEqual(Object.getOwnPropertyDescriptor(deep, '__proto__').value, { x: 2 });
  assert.equal(Object.getPrototypeOf(deep), Object.prototype);
  assert.equal(deep.constructor, 'd');
  assert.deepEqual(Object.getOwnPropertyDescriptor(draft, '__proto__').value, { x: 1 });

  const renamed = applyFix(draft, fix(move('/a', '/__proto__')));
  assert.deepEqual(Object.keys(renamed), ['__proto__', 'constructor']);
  assert.equal(Object.getOwnPropertyDescriptor(renamed, '__proto__').value, 1);
  assert.equal(Object.getPrototypeOf(renamed), Object.prototype);
  const added = applyFix({}, fix({ op: 'add', path: '/__proto__', value: { polluted: true } }));
  assert.ok(Object.hasOwn(added, '__proto__'));
  assert.equal(added.polluted, undefined);

  const bare = Object.assign(Object.create(null), { a: 1 });
  assert.equal(Object.getPrototypeOf(applyFix(bare, fix(replace('/a', 2)))), null);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.x, undefined);
});

test('when the second operation fails, nothing of the first is applied', () => {
  const draft = credit();
  const before = structuredClone(draft);
  const out = applyFix(draft, fix(replace('/customer_id', 'c2'), replace('/access_schedule/missing', 1), replace('/specifiers/0/product_id', 'p2')));
  assert.equal(out, draft);
  assert.deepEqual(draft, before);
});
