// `describeCredit` in plain JS: the sentence of src/describe.rs, ported so that the wasm does
// not carry it. Same order and names as the Rust file, to read side by side;
// tests/js/describe.test.mjs checks every sentence of tests/fixtures/describe.json (written by
// the Rust code, `BLESS=1 cargo test --test describe`) against this file.
//
// It reads a normalized body (`validateCredit(draft).value`). Reads are defensive, as
// src/describe.rs's are: a missing or mistyped field is skipped or `?`, never a throw.

import { creditFields } from './fields.js';

/** `USD_CENTS_CREDIT_TYPE_ID` of src/schema.rs: the credit type whose amounts are cents. */
const USD_CENTS_CREDIT_TYPE_ID = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';

/** `QUANTITY_ACCESS_TYPE` of src/schema.rs: the access type whose amounts are units. */
const QUANTITY_ACCESS_TYPE = 'QUANTITY';

/** What an absent `credit_type_id` and an absent `access_type` mean: the table's defaults, read once. */
let defaults;
function scheduleDefaults() {
  if (defaults === undefined) {
    const fields = creditFields();
    defaults = {
      creditType: fields['/access_schedule/credit_type_id'].default,
      accessType: fields['/access_schedule/access_type'].default,
    };
  }
  return defaults;
}

// The `Body` trait of src/describe.rs, for a plain object.
const text = (body, field) => (typeof body?.[field] == 'string' ? body[field] : undefined);
const number = (body, field) => (typeof body?.[field] == 'number' ? body[field] : undefined);
const texts = (body, field) => {
  const entries = body?.[field];
  return Array.isArray(entries) ? entries.filter((entry) => typeof entry == 'string') : [];
};
const count = (body, field) => (Array.isArray(body?.[field]) ? body[field].length : undefined);
const creditType = (body) => text(body?.access_schedule, 'credit_type_id');
const accessType = (body) => text(body?.access_schedule, 'access_type');
const items = (body) => {
  const list = body?.access_schedule?.schedule_items;
  return Array.isArray(list)
    ? list.map((item) => [number(item, 'amount'), text(item, 'starting_at'), text(item, 'ending_before')])
    : [];
};

/**
 * `Instant::to_human` of src/time.rs (`YYYY-MM-DD HH:MM UTC`) of a timestamp string, `?` when
 * there is none. Rust parses every form `time::parse` accepts and prints the instant; a
 * normalized body only holds `YYYY-MM-DDTHH:MM:SS.mmmZ`, years 0000 to 9999, which `Date` reads
 * and prints back unchanged, so the text is cut as Rust cuts its ISO form. Any other text is
 * `?` here (Rust would also read a date alone, an offset or second 60: never in a normalized
 * body).
 */
function toHuman(iso) {
  const millis = /^\d{4}-/.test(iso) ? Date.parse(iso) : NaN;
  return millis === millis && new Date(millis).toISOString() === iso
    ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
    : '?';
}

/** What a draft with `count` errors is described as (`errors_to_fix`). */
export function errorsToFix(count) {
  return count === 1
    ? 'This credit draft has 1 error to fix.'
    : `This credit draft has ${count} errors to fix.`;
}

/**
 * One sentence for a normalized body (`describe_body`), e.g. `$10.00 of credit from 2026-01-01
 * 00:00 UTC to 2026-02-01 00:00 UTC, priority 100, for all products on all contracts.`
 */
export function describeBody(body) {
  const credit = creditType(body) ?? scheduleDefaults().creditType;
  // Quantities are units whatever the credit type; money in USD is dollars.
  const cents =
    credit === USD_CENTS_CREDIT_TYPE_ID && (accessType(body) ?? scheduleDefaults().accessType) !== QUANTITY_ACCESS_TYPE;
  // Rust's `when` closure: `toHuman` also gives `?` for a missing timestamp.
  const parts = items(body).map(
    ([amount, start, end], index) =>
      `${amountText(amount, cents)}${index === 0 ? ' of credit' : ''} from ${toHuman(start)} to ${toHuman(end)}`,
  );
  let sentence = '';
  const name = text(body, 'name');
  if (name !== undefined) sentence += `“${name}”: `;
  sentence += join(parts);
  if (credit !== USD_CENTS_CREDIT_TYPE_ID) sentence += ` (credit type ${credit})`;
  const priority = number(body, 'priority');
  if (priority !== undefined) sentence += `, priority ${plainNumber(priority)}`;
  return `${sentence}, for ${products(body)} on ${contracts(body)}.`;
}

function amountText(amount, cents) {
  if (amount === undefined) return '?';
  return cents
    ? `$${dollarsFromCents(amount)}`
    : `${groupThousands(plainNumber(amount))} units`;
}

/** Cents as dollars with at least two decimals, shifting the decimal text exactly. */
function dollarsFromCents(cents) {
  const text = plainNumber(Math.abs(cents));
  const [whole, fraction = ''] = text.split('.');
  const padded = whole.padStart(3, '0');
  const split = padded.length - 2;
  const dollars = padded.slice(0, split).replace(/^0+/, '') || '0';
  const decimals = padded.slice(split) + fraction;
  const sign = cents < 0 ? '-' : '';
  return `${sign}${groupThousands(dollars)}.${decimals}`;
}

/**
 * A number written out in full, without an exponent, from the shortest digits that read back as
 * the same number. Rust takes them from serde_json (`1000.0`, `1e21`, `1.5e-7`); `String` gives
 * the same digits (`1000`, `1e+21`, `1.5e-7`), with `+` in the exponent, which `parseInt` reads,
 * and without the sign of -0, which serde_json writes (`-0.0`, so Rust says `-0`).
 */
function plainNumber(value) {
  const shortest = Object.is(value, -0) ? '-0' : String(value);
  const negative = shortest.startsWith('-');
  const unsigned = negative ? shortest.slice(1) : shortest;
  const [mantissa, exponent = '0'] = unsigned.split(/e/i);
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  // Where the decimal point falls among `digits` once the exponent is applied.
  const point = whole.length + (parseInt(exponent, 10) || 0);
  let text = negative ? '-' : '';
  if (point <= 0) {
    text += `0.${'0'.repeat(-point)}${digits}`;
  } else {
    const integer = Math.min(point, digits.length);
    text += `${digits.slice(0, integer)}${'0'.repeat(point - integer)}.${digits.slice(integer)}`;
  }
  const trimmed = text.replace(/0+$/, '').replace(/\.+$/, '');
  return trimmed === '' || trimmed === '-' ? '0' : trimmed;
}

function groupThousands(value) {
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const rest = dot < 0 ? '' : value.slice(dot);
  let grouped = '';
  for (let index = 0; index < whole.length; index++) {
    const digit = whole[index];
    // As in Rust, the test is on the digit after the comma: `-123` becomes `-,123`. Only a
    // negative amount in units reaches it, which is never valid.
    if (index > 0 && (whole.length - index) % 3 === 0 && digit >= '0' && digit <= '9') grouped += ',';
    grouped += digit;
  }
  return grouped + rest;
}

function listed(noun, entries) {
  if (entries.length === 1) return `${noun} ${entries[0]}`;
  return entries.length <= 3 ? `${noun}s ${join(entries)}` : `${entries.length} ${noun}s`;
}

function products(body) {
  const specifiers = count(body, 'specifiers');
  if (specifiers !== undefined) {
    return specifiers === 1
      ? 'the products of 1 specifier'
      : `the products of ${specifiers} specifiers`;
  }
  const ids = texts(body, 'applicable_product_ids');
  const tags = texts(body, 'applicable_product_tags');
  // Rust's `match (ids.is_empty(), tags.is_empty())`, arm by arm.
  if (!ids.length && !tags.length) return 'all products';
  if (!tags.length) return listed('product', ids);
  if (!ids.length) return `products tagged ${join(tags)}`;
  return `${listed('product', ids)} and products tagged ${join(tags)}`;
}

function contracts(body) {
  const ids = texts(body, 'applicable_contract_ids');
  return ids.length ? listed('contract', ids) : 'all contracts';
}

function join(parts) {
  if (parts.length < 2) return parts.length ? parts[0] : '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
