// Proof that the peers check what we check: each peer runs over every fixture case (the
// shared conformance table and the project's own case table) plus a few JS-only values, and
// its valid/invalid verdict is compared with validateCredit's. A peer that checked less would
// say "valid" where we say "invalid" and show up here.
import { readFileSync } from 'node:fs';

const read = (url) => JSON.parse(readFileSync(url, 'utf8'));

/** The fixture files, by the name the report uses. */
export function fixtureCases(root) {
  return [
    ...read(new URL('tests/fixtures/conformance.json', root)).map((c) => ({ ...c, file: 'conformance' })),
    ...read(new URL('tests/fixtures/cases.json', root)).map((c) => ({ ...c, file: 'cases' })),
  ];
}

const BASE = () => ({
  customer_id: '13117714-3f05-48e5-a6e9-a66093f13b4d',
  product_id: 'f14d6729-6a44-4b13-9908-9387f1918790',
  priority: 100,
  access_schedule: {
    schedule_items: [{ amount: 1000, starting_at: '2026-01-01T00:00:00.000Z', ending_before: '2026-02-01T00:00:00.000Z' }],
  },
});
const withDraft = (mutate) => () => {
  const draft = BASE();
  mutate(draft);
  return draft;
};
const item = (draft) => draft.access_schedule.schedule_items[0];

/** Values JSON cannot carry; our verdict on them is computed live, not read from a table. */
export const JS_CASES = [
  { name: 'js: timestamps as Date objects', input: withDraft((d) => Object.assign(item(d), { starting_at: new Date(Date.UTC(2026, 0, 1)), ending_before: new Date(Date.UTC(2026, 1, 1)) })) },
  { name: 'js: an invalid Date', input: withDraft((d) => { item(d).starting_at = new Date(NaN); }) },
  { name: 'js: a Date off the hour', input: withDraft((d) => { item(d).starting_at = new Date(Date.UTC(2026, 0, 1, 0, 30)); }) },
  { name: 'js: undefined optional field', input: withDraft((d) => { d.name = undefined; }) },
  { name: 'js: NaN amount', input: withDraft((d) => { item(d).amount = NaN; }) },
  { name: 'js: Infinity priority', input: withDraft((d) => { d.priority = Infinity; }) },
  { name: 'js: BigInt priority', input: withDraft((d) => { d.priority = 10n; }) },
  { name: 'js: custom_fields as a Map', input: withDraft((d) => { d.custom_fields = new Map([['k', 'v']]); }) },
  { name: 'js: body as a class instance', input: () => Object.assign(new (class Draft {})(), BASE()) },
  { name: 'js: unknown key whose value is undefined', input: withDraft((d) => { d.notes = undefined; }) },
  { name: 'js: lone surrogate in a name', input: withDraft((d) => { d.name = 'a\ud800'; }) },
];

/**
 * Why a peer's verdict differs from ours on a case, where we know. Anything not listed is
 * printed as UNEXPLAINED: a peer bug to fix, or a limit to document here and in README.md.
 */
export const KNOWN = {
  zod: {
    'js: body as a class instance': 'z.object takes any non-array object; SPEC wants a plain object',
    'js: unknown key whose value is undefined':
      'z.strictObject refuses a key whose value is undefined; SPEC reads undefined as absent',
  },
  valibot: {
    'prototype-like keys are kept in every string map':
      'v.record skips keys named __proto__, prototype and constructor, so the specifier looks empty',
    'js: body as a class instance': 'v.object takes any object; SPEC wants a plain object',
    'js: unknown key whose value is undefined':
      'v.strictObject refuses a key whose value is undefined; SPEC reads undefined as absent',
  },
  ajv: {
    'js: timestamps as Date objects': 'Ajv validates JSON data: a Date is an object to it, not a timestamp',
    'js: custom_fields as a Map': 'JSON Schema "object" takes any object (a Map has no own keys)',
    'js: body as a class instance': 'JSON Schema "object" takes any object; SPEC wants a plain object',
    'js: unknown key whose value is undefined':
      'additionalProperties: false refuses a key whose value is undefined; SPEC reads undefined as absent',
  },
};

/** Why a peer's normalized value differs from ours on a case where both say valid. */
export const KNOWN_VALUES = {
  zod: {
    '__proto__ custom field kept': 'z.record assigns keys: a "__proto__" key sets the prototype and is lost',
    'prototype-like keys are kept in every string map': 'z.record assigns keys: a "__proto__" key sets the prototype and is lost',
    'js: lone surrogate in a name': 'a lone surrogate is kept; SPEC makes the string well-formed (U+FFFD)',
  },
  valibot: {
    '__proto__ custom field kept': 'v.record skips a "__proto__" key',
    'js: lone surrogate in a name': 'a lone surrogate is kept; SPEC makes the string well-formed (U+FFFD)',
  },
};

/** Deep equality of two normalized values, ignoring key order and keys whose value is undefined. */
function sameValue(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const keys = (o) => Object.keys(o).filter((k) => o[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}

/**
 * Runs every case through us and each peer. `peers`: name → { strict, loose } (loose for
 * `allowUnknownFields`). JSON text cases are parsed with JSON.parse for the peers first (text
 * that does not parse is "invalid", as a caller doing JSON.parse + validate would see it).
 */
export function agreement(api, peers, root) {
  const cases = [...fixtureCases(root), ...JS_CASES.map((c) => ({ ...c, file: 'js' }))];
  const ours = [];
  const tableFailures = [];
  for (const c of cases) {
    const input = typeof c.input === 'function' ? c.input() : c.input;
    const report = c.json !== undefined ? api.validateCreditJson(c.json, c.options) : api.validateCredit(input, c.options);
    if (c.expect && report.valid !== c.expect.valid) tableFailures.push(c.name);
    ours.push({ c, input, report });
  }
  const result = { cases: cases.length, tableFailures, peers: {} };
  for (const [name, variants] of Object.entries(peers)) {
    const mismatches = [];
    const valueDiffers = [];
    let matched = 0;
    let compared = 0;
    const byFile = {};
    for (const { c, input, report } of ours) {
      const peer = c.options?.allowUnknownFields ? variants.loose : variants.strict;
      let verdict;
      let value;
      try {
        const draft = c.json !== undefined ? JSON.parse(c.json) : input;
        ({ valid: verdict, value } = peer.validate(draft));
      } catch (error) {
        verdict = c.json !== undefined && error instanceof SyntaxError ? false : `threw ${error}`;
      }
      byFile[c.file] ??= { matched: 0, total: 0 };
      byFile[c.file].total += 1;
      if (verdict === report.valid) {
        matched += 1;
        byFile[c.file].matched += 1;
        if (verdict && value !== undefined) {
          compared += 1;
          if (!sameValue(value, report.value)) {
            valueDiffers.push({ case: c.name, reason: KNOWN_VALUES[name]?.[c.name] ?? 'UNEXPLAINED' });
          }
        }
      } else {
        mismatches.push({
          case: c.name,
          file: c.file,
          ours: report.valid,
          peer: verdict,
          reason: KNOWN[name]?.[c.name] ?? 'UNEXPLAINED',
        });
      }
    }
    result.peers[name] = { matched, total: cases.length, byFile, mismatches, values: { compared, differ: valueDiffers } };
  }
  return result;
}
