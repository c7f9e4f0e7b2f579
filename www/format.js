// Small pure helpers: numbers, money, timestamps and JSON pointers as the form needs them.

// An HTML "valid floating-point number", the only number text credit-rules accepts.
const FORM_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The number a form field's text stands for, or null when credit-rules would not read it as one. */
export function parseFormNumber(text) {
  const trimmed = String(text ?? '').trim();
  if (!FORM_NUMBER.test(trimmed)) return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : null;
}

const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  // Fractional cents are allowed (with a warning), so show them rather than round them away.
  maximumFractionDigits: 6,
});

/** How the page words a timestamp's alignment in seconds: "on the hour" for an hour's worth. */
export function alignmentText(seconds) {
  if (seconds === 60 * 60) return 'on the hour';
  if (seconds === 60) return 'on the minute';
  return `on a boundary of ${seconds} seconds`;
}

/** "Optional, 1 to N characters" for a text field's limit N (null: no limit). */
export function optionalTextPlaceholder(maxLength) {
  return maxLength === null ? 'Optional' : `Optional, 1 to ${maxLength} characters`;
}

/** "Key up to K characters, value up to V." for a map's limits (null: no limit). */
export function mapLimitsText(keyMaxLength, valueMaxLength) {
  const parts = [];
  if (keyMaxLength !== null) parts.push(`key up to ${keyMaxLength} characters`);
  if (valueMaxLength !== null) parts.push(`value up to ${valueMaxLength}${keyMaxLength === null ? ' characters' : ''}`);
  if (parts.length === 0) return '';
  const text = parts.join(', ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** "Greater than 0." for a number's exclusive minimum (null: no bound). */
export function exclusiveMinimumText(exclusiveMinimum) {
  return exclusiveMinimum === null ? '' : `Greater than ${exclusiveMinimum}.`;
}

/** "$10.00" for 1000 cents. */
export function formatCents(cents) {
  return dollars.format(cents / 100);
}

/**
 * Turns the value of an `<input type="datetime-local">` into an RFC 3339 UTC timestamp.
 *
 * The inputs are labelled "(UTC)", so the wall-clock time the operator picked is read as UTC
 * rather than in the browser's time zone: what they see is what is sent. An empty value stays
 * empty (credit-rules reports `required`); anything unexpected is passed through unchanged so
 * that credit-rules names the problem.
 */
export function datetimeLocalToUtc(value) {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?$/.test(value)) return `${value}Z`;
  return value;
}

/** The datetime-local value (`YYYY-MM-DDTHH:MM`) showing a UTC instant. */
export function utcToDatetimeLocal(date) {
  return date.toISOString().slice(0, 16);
}

/** "2026-01-01 00:00 UTC" for an RFC 3339 timestamp; the text itself when it does not parse. */
export function formatUtc(timestamp) {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return String(timestamp ?? '');
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One RFC 6901 reference token for a raw key. */
export function escapePointerToken(token) {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** True when `pointer` is `base` or lies below it. */
export function isAtOrBelow(pointer, base) {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/** The pointers of every ancestor of `pointer`, nearest first, ending with "" (the body). */
export function ancestorPointers(pointer) {
  const out = [];
  let current = pointer;
  while (current !== '') {
    current = current.slice(0, current.lastIndexOf('/'));
    out.push(current);
  }
  return out;
}

/**
 * Splits a list field ("a, b" or one per line) into its raw entries, keeping blank ones so that
 * entry i here is index i in the draft (credit-rules reports raw indexes), with each entry's
 * position in the text so the page can select it.
 */
export function splitListText(text) {
  const entries = [];
  const separator = /[,\n]/g;
  let start = 0;
  for (;;) {
    separator.lastIndex = start;
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    entries.push({ text: text.slice(start, end), start, end });
    if (!match) break;
    start = end + 1;
  }
  return entries;
}

const ZONED = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:[Zz]|[+-]\d{2}:\d{2})$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const DATE_ALONE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The value a `datetime-local` input shows for a timestamp read as UTC, or null when it shows
 * none: RFC 3339 with an offset is converted to UTC; a date and time without one (what the
 * picker itself gives) is kept, since the picker's times are UTC; a date alone is its midnight;
 * blank is blank. Seconds and milliseconds are kept only when not zero.
 */
export function timestampToDatetimeLocal(text) {
  const value = String(text ?? '').trim();
  if (value === '') return '';
  if (ZONELESS.test(value)) return value;
  if (DATE_ALONE.test(value)) return `${value}T00:00`;
  if (!ZONED.test(value)) return null;
  const millis = Date.parse(value.replace(/^(.{10})[t ]/, '$1T').replace(/z$/, 'Z'));
  if (Number.isNaN(millis)) return null;
  const iso = new Date(millis).toISOString();
  if (!/^\d{4}-/.test(iso)) return null; // beyond year 9999 or before 0000
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * A message with credit-rules' output-form timestamps (`2027-01-01T09:00:00.000Z`) written as
 * the page shows times (`2027-01-01 09:00 UTC`); those with seconds are left as they are.
 */
export function humanTimestamps(message) {
  return String(message).replace(/\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00\.000Z/g, '$1 $2 UTC');
}

/** The reference tokens of an RFC 6901 pointer, unescaped ("" is the whole document). */
export function parsePointer(pointer) {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}
