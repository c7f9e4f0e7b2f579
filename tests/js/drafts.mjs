// Drafts generated near the schema from a seeded PRNG, for the JS edge tests: the same seed
// gives the same drafts in Node and in Chromium. No dependency: mulberry32 and a few tables.

/** mulberry32: a small seeded PRNG with floats in [0, 1). */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const HEX = '0123456789abcdefABCDEF';
const SPACES = ['', '', '', ' ', '\t', '\n ', '\u00a0', '\u3000', '\u2028'];
const WORDS = ['Promo', 'Q1 credit', 'é漢🙂', '<b>x</b>', '"quoted"', "it's", 'a\\b', '__proto__', 'constructor', '2', '10', 'x'.repeat(101)];
const OFFSETS = [0, 60, -60, 330, -330, 345, 525, -570, 840, -720];
const KEYS = [
  'customer_id', 'product_id', 'priority', 'access_schedule', 'credit_type_id', 'schedule_items', 'amount',
  'starting_at', 'ending_before', 'name', 'description', 'applicable_contract_ids', 'applicable_product_ids',
  'applicable_product_tags', 'specifiers', 'product_tags', 'pricing_group_values', 'presentation_group_values',
  'custom_fields', 'rate_type', 'uniqueness_key', 'netsuite_sales_order_id', 'salesforce_opportunity_id',
  'customer_ld', ' name', 'extra', '',
];
/** Number literals whose reading must be the same in serde_json and JSON.parse. */
export const NUMBER_LITERALS = [
  '1000', '1e3', '1E+3', '0.1e1', '-0', '0', '12.5', '0.30000000000000004', '9007199254740993',
  '123456789012345678901234567890', '2.2250738585072011e-308', '2.2250738585072014e-308', '4.9e-324',
  '1e-400', '1.7976931348623157e308', '1.7976931348623158e308', '985690694.6328695', '3792039157562136.5',
  '0.1000000000000000055511151231257827021181583404541015625', '-1e-7', '1.00000000000000011102230246251565404236316680908203125',
];

const pad = (rng, text) => `${rng.pick(SPACES)}${text}${rng.pick(SPACES)}`;

function uuid(rng) {
  let text = '';
  for (let i = 0; i < 32; i += 1) {
    if (i === 8 || i === 12 || i === 16 || i === 20) text += '-';
    text += rng.pick(HEX);
  }
  return text;
}

function two(n) {
  return String(n).padStart(2, '0');
}

/** `hour` (hours since the epoch, UTC) in one of the accepted forms, or off the hour. */
function timestamp(rng, hour) {
  const utc = hour * 3600 * 1000;
  if (rng.chance(0.15) && hour % 24 === 0) return new Date(utc).toISOString().slice(0, 10);
  const offset = rng.pick(OFFSETS);
  const local = new Date(utc + offset * 60000 + (rng.chance(0.05) ? 30 * 60000 : 0));
  const zone = offset === 0 ? rng.pick(['Z', 'z', '+00:00']) : `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  const date = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 19);
  return `${date}${rng.pick(['T', 'T', ' ', 't'])}${time}${rng.pick(['', '', '.000', '.0'])}${zone}`;
}

function amount(rng) {
  switch (rng.int(6)) {
    case 0: return 1 + rng.int(10000000);
    case 1: return rng.next() * 1e12;
    case 2: return pad(rng, rng.pick(['1000', '12.5', '.5', '05', '1e3', '1E2', '0', '-3', '1,000', 'ten', '1e999', '']));
    case 3: return rng.int(1000) / 4;
    case 4: return rng.pick([0, -1, 1e-300, 2 ** 53, 0.1 + 0.2, 4503599627370497.5]);
    default: return 1 + rng.int(100);
  }
}

function priority(rng) {
  switch (rng.int(4)) {
    case 0: return rng.int(2000) - 1000;
    case 1: return (rng.next() - 0.5) * 1e15;
    case 2: return pad(rng, rng.pick(['-0', '7', '-3.25', '1e2', '+5', '0x10', ' ']));
    default: return 100;
  }
}

function item(rng) {
  const start = 262968 + rng.int(876600);
  const hours = rng.chance(0.1) ? -rng.int(100) : 1 + rng.int(9600);
  return { amount: amount(rng), starting_at: pad(rng, timestamp(rng, start)), ending_before: pad(rng, timestamp(rng, start + hours)) };
}

function strings(rng, entry) {
  const list = Array.from({ length: 1 + rng.int(3) }, () => pad(rng, entry()));
  if (rng.chance(0.3)) list.push(` ${list[0].trim().toUpperCase()}`);
  if (rng.chance(0.2)) list.splice(rng.int(list.length + 1), 0, ' ');
  return list;
}

function map(rng) {
  const out = {};
  for (let i = 0, n = 1 + rng.int(3); i < n; i += 1) out[pad(rng, rng.pick(WORDS).slice(0, 20) || 'k')] = pad(rng, rng.pick(WORDS));
  if (rng.chance(0.2)) out.dropped = null;
  return out;
}

function specifier(rng) {
  const spec = {};
  if (rng.chance(0.5)) spec.product_id = uuid(rng);
  if (rng.chance(0.5)) spec.product_tags = strings(rng, () => rng.pick(WORDS));
  if (rng.chance(0.3)) spec.pricing_group_values = map(rng);
  if (rng.chance(0.3)) spec.presentation_group_values = map(rng);
  return spec;
}

/** A random JSON value whose keys are mostly the schema's. */
function randomJson(rng, depth = 0) {
  const kind = depth > 3 ? rng.int(4) : rng.int(6);
  switch (kind) {
    case 0: return rng.pick([null, true, false, 0, -1, 1e21, 5e-324]);
    case 1: return rng.pick([uuid(rng), timestamp(rng, 300000 + rng.int(100000)), '', ' ', '1e999', 'COMMIT_rate']);
    case 2: return rng.next() * 10 ** rng.int(20);
    case 3: return pad(rng, rng.pick(WORDS));
    case 4: return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: {
      const out = {};
      for (let i = 0, n = rng.int(5); i < n; i += 1) out[rng.pick(KEYS)] = randomJson(rng, depth + 1);
      return out;
    }
  }
}

/** Every place below the root of a JSON value: [parent, key] pairs. */
function places(value, out = []) {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([value, Array.isArray(value) ? Number(key) : key]);
      places(value[key], out);
    }
  }
  return out;
}

/** A draft near the schema: mostly valid, often with one field changed, sometimes random. */
export function draft(rng) {
  if (rng.chance(0.1)) return randomJson(rng);
  const d = {
    customer_id: pad(rng, uuid(rng)),
    product_id: pad(rng, uuid(rng)),
    priority: priority(rng),
    access_schedule: { schedule_items: Array.from({ length: 1 + rng.int(3) }, () => item(rng)) },
  };
  if (rng.chance(0.3)) d.access_schedule.credit_type_id = rng.pick(['2714E483-4FF1-48E4-9E25-AC732E8F24F2', uuid(rng)]);
  if (rng.chance(0.4)) d.name = pad(rng, rng.pick(WORDS));
  if (rng.chance(0.2)) d.description = rng.pick([null, '', pad(rng, rng.pick(WORDS))]);
  if (rng.chance(0.3)) d.applicable_contract_ids = strings(rng, () => (rng.chance(0.5) ? uuid(rng) : `c_${rng.int(99)}`));
  if (rng.chance(0.3)) d.applicable_product_ids = strings(rng, () => uuid(rng));
  if (rng.chance(0.3)) d.applicable_product_tags = strings(rng, () => rng.pick(WORDS));
  if (rng.chance(0.3)) d.specifiers = Array.from({ length: rng.int(3) }, () => specifier(rng));
  if (rng.chance(0.3)) d.custom_fields = map(rng);
  if (rng.chance(0.2)) d.rate_type = pad(rng, rng.pick(['commit_rate', 'LIST_RATE', 'List_Rate', 'list-rate']));
  if (rng.chance(0.2)) d.uniqueness_key = pad(rng, rng.chance(0.9) ? `k-${rng.int(1e9)}` : 'k'.repeat(129));
  if (rng.chance(0.3)) nearMiss(rng, d);
  if (rng.chance(0.5)) {
    const all = places(d);
    const [parent, key] = rng.pick(all);
    switch (rng.int(4)) {
      case 0: if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; break;
      case 1: parent[key] = randomJson(rng); break;
      case 2: parent[key] = typeof parent[key] === 'string' ? [parent[key]] : String(parent[key]); break;
      default: parent[key] = ' ';
    }
  }
  return d;
}

/** One near miss that SPEC section 8 offers a fix for: off the hour, no offset, a UUID in
 * another spelling, an enum or key typo, a fraction of a cent, swapped ends, an overlap. */
function nearMiss(rng, d) {
  const items = d.access_schedule.schedule_items;
  const first = items[0];
  switch (rng.int(8)) {
    case 0: first[rng.pick(['starting_at', 'ending_before'])] = `2026-0${1 + rng.int(9)}-1${rng.int(10)}T0${rng.int(10)}:${rng.pick(['15', '30', '59'])}:00Z`; break;
    case 1: first.starting_at = new Date((262968 + rng.int(876600)) * 3600000).toISOString().slice(0, rng.pick([16, 19])); break;
    case 2: d.customer_id = rng.chance(0.5) ? `{${d.customer_id.trim()}}` : d.customer_id.trim().replaceAll('-', ''); break;
    case 3: if (rng.chance(0.5)) d.rate_type = rng.pick(['comit_rate', 'LIST-RAT', 'lst_rate']); else d.access_schedule.access_type = rng.pick(['spnd', 'QUANTTY']); break;
    case 4: first.amount = 1 + rng.int(100000) + rng.pick([0.5, 0.25, 0.75]); break;
    case 5: [first.starting_at, first.ending_before] = [first.ending_before, first.starting_at]; break;
    case 6: {
      const key = rng.pick(['customer_id', 'priority', 'name']);
      if (key in d) {
        d[`${key.slice(0, 2)}${key.slice(3)}`] = d[key];
        delete d[key];
      }
      break;
    }
    default: items.push({ ...first, starting_at: first.starting_at, ending_before: '2200-01-01T00:00:00Z' });
  }
}

/** JSON text of a generated draft: sometimes pretty, with a duplicate key, or with a raw
 * number literal in place of the first amount. */
export function draftText(rng) {
  const value = draft(rng);
  let text = rng.chance(0.2) ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  if (rng.chance(0.1) && text.startsWith('{') && text.length > 2) text = `{"customer_id": "first", ${text.slice(1)}`;
  if (rng.chance(0.3)) text = text.replace(/"amount":\s*[^,}\]]+/, `"amount": ${rng.pick(NUMBER_LITERALS)}`);
  return text;
}
