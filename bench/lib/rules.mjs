// The leaf rules of SPEC sections 2, 4 and 6 that none of the peers has built in, written once
// in plain JS and called from each peer's schema (a Zod refine/transform, a Valibot check or
// transform, an Ajv custom format). Everything structural (types, required keys, unknown keys,
// arrays, records, enums, patterns) is the peer library's own work. The rules' parameters
// (limits, allowed values, the entry guard) come from the field table, through the package's
// committed field descriptor (js/fields.js), so that a change to the table reaches the peers.

import { creditFields } from '../../js/fields.js';

const FIELDS = creditFields();

/** Length limits in code points, from the table. */
export const LIMITS = {
  uniquenessKey: FIELDS['/uniqueness_key'].maxLength,
  customFieldKey: FIELDS['/custom_fields'].keyMaxLength,
  customFieldValue: FIELDS['/custom_fields'].valueMaxLength,
};

/** Unicode White_Space (what Rust's `str::trim` removes): JS `\s` lacks U+0085 and adds U+FEFF. */
export const WS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGE = new RegExp(`^[${WS}]|[${WS}]$`, 'u');
const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, 'gu');

/** Trims Unicode White_Space at both ends (most strings have none: one test, no copy). */
export function trim(text) {
  return EDGE.test(text) ? text.replace(EDGES, '') : text;
}

/** `undefined`, `null` and blank strings mean "not given", whatever the field's type. */
export function isBlank(value) {
  return value === undefined || value === null || (typeof value === 'string' && trim(value) === '');
}

/** `8-4-4-4-12` hexadecimal digits, any letter case. */
export const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const UUID = new RegExp(`^${UUID_SOURCE}$`);

/** An HTML "valid floating-point number" (what number inputs give). */
export const NUMBER_INPUT_SOURCE = '-?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
export const NUMBER_INPUT = new RegExp(`^${NUMBER_INPUT_SOURCE}$`);

/** Whether `text` has at most `max` code points (UTF-16 length bounds it both ways). */
export function withinCodePoints(text, max) {
  if (text.length <= max) return true;
  if (text.length > 2 * max) return false;
  let count = 0;
  // eslint-disable-next-line no-unused-vars
  for (const _ of text) if (++count > max) return false;
  return true;
}

/** The case-insensitive (ASCII) rate types, uppercase. */
export const RATE_TYPES = FIELDS['/rate_type'].values;
/** One of them, any letter case (the values are plain identifiers: nothing to escape). */
export const RATE_TYPE = new RegExp(`^(?:${RATE_TYPES.join('|')})$`, 'i');

/** The case-insensitive (ASCII) access types, uppercase (an account feature, SPEC section 2). */
export const ACCESS_TYPES = FIELDS['/access_schedule/access_type'].values;
/** One of them, any letter case. */
export const ACCESS_TYPE = new RegExp(`^(?:${ACCESS_TYPES.join('|')})$`, 'i');

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in ms: a timestamp must lie within. */
const FIRST = -62_167_219_200_000;
const END = 253_402_300_800_000;
/** 400 Gregorian years, in days: shifts years 0..99 out of Date.UTC's 1900s mapping. */
const ERA_DAYS = 146_097;
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2})))?$/;
const ZEROS = /^0+$/;

/**
 * The instant (ms since the epoch) of a timestamp that is valid AND on an hour boundary, or NaN.
 * Accepts what SPEC section 4 rule 5 and section 6 accept: RFC 3339 with an offset (`T`, `t`
 * or a space; `Z` or `z`), a date alone (midnight UTC), a JS Date; years 0000-9999 in UTC.
 * Verdicts only need "valid and aligned": an unaligned timestamp is an error either way.
 */
export function alignedInstant(value) {
  let ms;
  if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === 'string') {
    const match = TIMESTAMP.exec(trim(value));
    if (match === null) return NaN;
    const year = +match[1];
    const month = +match[2];
    const day = +match[3];
    ms = Date.UTC(year + 400, month - 1, day) - ERA_DAYS * DAY;
    // Date.UTC rolls 2026-02-30 over to March: a date is valid when the day survives.
    if (month < 1 || month > 12 || day < 1 || new Date(ms).getUTCDate() !== day) return NaN;
    if (match[4] !== undefined) {
      const hour = +match[4];
      const minute = +match[5];
      // Second 60 parses but is never on an hour boundary: NaN either way.
      if (hour > 23 || minute > 59 || match[6] !== '00') return NaN;
      if (match[7] !== undefined && !ZEROS.test(match[7])) return NaN;
      let offset = 0;
      if (match[8] !== undefined) {
        const offsetHour = +match[9];
        const offsetMinute = +match[10];
        if (offsetHour > 23 || offsetMinute > 59) return NaN;
        offset = (offsetHour * 60 + offsetMinute) * 60_000 * (match[8] === '-' ? -1 : 1);
      }
      ms += (hour * 60 + minute) * 60_000 - offset;
    }
  } else {
    return NaN;
  }
  if (!(ms >= FIRST && ms < END) || ms % HOUR !== 0) return NaN;
  return ms;
}

/** Whether a timestamp string is valid and on an hour boundary (an Ajv format). */
export function isAlignedTimestamp(text) {
  return !Number.isNaN(alignedInstant(text));
}

/** A plain object: prototype Object.prototype or null (SPEC section 6). */
export function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Code point order (UTF-16 order differs above U+FFFF), for map keys (SPEC section 4 rule 9). */
export function codePointCompare(a, b) {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const difference = left[i].codePointAt(0) - right[i].codePointAt(0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * Normalizes a string map of SPEC section 6 (values already known to be strings or null):
 * entries with a blank value are dropped, keys are trimmed, the first of equal keys is kept,
 * keys are sorted. Returns `{ value }`, or `{ problem }` when a key is blank or too long, or a
 * value too long.
 */
export function normalizeMap(map, keyMax, valueMax) {
  const entries = [];
  const seen = new Set();
  let problem;
  for (const rawKey of Object.keys(map)) {
    const raw = map[rawKey];
    if (raw === null || raw === undefined) continue;
    const value = trim(raw);
    if (value === '') continue;
    const key = trim(rawKey);
    if (key === '') problem ??= `blank key ${JSON.stringify(rawKey)}`;
    else if (keyMax !== undefined && !withinCodePoints(key, keyMax)) problem ??= `key over ${keyMax}`;
    else if (valueMax !== undefined && !withinCodePoints(value, valueMax)) problem ??= `value over ${valueMax}`;
    else if (!seen.has(key)) {
      seen.add(key);
      entries.push([key, value]);
    }
  }
  if (problem !== undefined) return { problem };
  if (entries.length === 0) return { value: undefined };
  entries.sort(([a], [b]) => codePointCompare(a, b));
  // Object.fromEntries defines own properties: a "__proto__" key stays a key (rule 11).
  return { value: Object.fromEntries(entries) };
}

/** Trimmed, non-blank entries of a string array, first of equals kept (`lower` for UUIDs). */
export function normalizeStrings(entries, lower) {
  const kept = new Set();
  for (const entry of entries) {
    const text = trim(entry);
    if (text !== '') kept.add(lower ? text.toLowerCase() : text);
  }
  return kept.size === 0 ? undefined : [...kept];
}

/** Contract ids: UUID-shaped ones are lowercased, others kept as typed (trimmed). */
export function normalizeContractIds(entries) {
  const kept = new Set();
  for (const entry of entries) {
    const text = trim(entry);
    if (text !== '') kept.add(UUID.test(text) ? text.toLowerCase() : text);
  }
  return kept.size === 0 ? undefined : [...kept];
}

/** The most entries any array or map may have. */
export const MAX_ENTRIES = FIELDS['/access_schedule/schedule_items'].maxItems;
