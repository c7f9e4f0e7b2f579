// The JS half of the wasm edge (imported by src/wasm.rs; wasm-pack copies it into pkg/snippets).
//
// Crossing the boundary once per value is what made calls slow, so values cross in bulk:
// `readDraft` walks a draft along the schema in one pass and writes a flat tape (numbers in a
// Float64Array, all text in one string), and `build` turns the tape Rust writes back into
// plain JS values, rendering each issue's message from its code and params. Rust owns the
// schema, the rules and the catalog: the block between the markers below is generated from
// src/boundary.rs (tests/boundary.rs keeps it current), so this file never lists a field, an
// opcode or a message.
//
// Every read that can run user code (a getter, a Proxy trap, `Array.isArray` or
// `Object.getPrototypeOf` on a revoked Proxy, `Object.keys`) sits in a try block: a throw
// becomes "unreadable" and never unwinds through Rust frames. What the schema does not
// describe is never descended into, so cycles and deep nesting cost nothing.
//
// The tape formats are documented once, in src/wasm.rs, next to the Rust half that reads and
// writes them.

// ---- generated from src/boundary.rs by `UPDATE_TYPES=1 cargo test --test boundary`; do not edit
// Draft tape ops.
const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const DATE = 6;
const OTHER = 7;
const ARRAY = 8;
const OBJECT = 9;
const TOO_MANY = 10;
const STRING = 16;
const NOW_NONE = 0;
const NOW_TEXT = 1;
const NOW_DATE = 2;
// Result tape ops.
const B_NUMBER = 1;
const B_ARRAY = 2;
const B_OBJECT = 3;
const B_ISSUE = 8;
const B_REPORT = 9;
const B_MAP = 10;
const B_TEXT = 16;
// Patch operations.
const P_REPLACE = 0;
const P_MOVE = 1;
const P_REPLACE_WITH_VALUE = 2;
const P_HERE = 3;
// `received` codes.
const R_NULL = 0;
const R_UNDEFINED = 1;
const R_BOOLEAN = 2;
const R_NUMBER = 3;
const R_BIGINT = 4;
const R_STRING = 5;
const R_SYMBOL = 6;
const R_FUNCTION = 7;
const R_ARRAY = 8;
const R_OBJECT = 9;
const R_DATE = 10;
const R_INSTANCE = 11;
const R_UNREADABLE = 12;
// Shapes.
const SCALAR = 0;
const OBJECT_SHAPE = 1;
const OBJECTS = 2;
const STRINGS = 3;
const MAP = 4;
const MAX_ENTRIES = 10000;
// The names the result tape writes by number.
const NAMES = ["code", "severity", "error", "warning", "expected", "received", "suggestion", "reason", "max", "min", "part", "allowed", "with", "count", "detail", "value", "to", "invalid_json", "invalid_type", "required", "unknown_field", "invalid_uuid", "invalid_timestamp", "not_hour_aligned", "invalid_range", "not_finite", "not_positive", "empty", "too_long", "too_many", "invalid_enum", "conflict", "ends_in_past", "overlapping_schedule", "fractional_cents", "negative_priority", "not_uuid", "duplicate_removed", "customer_id", "product_id", "priority", "access_schedule", "name", "description", "applicable_contract_ids", "applicable_product_ids", "applicable_product_tags", "specifiers", "custom_fields", "rate_type", "uniqueness_key", "netsuite_sales_order_id", "salesforce_opportunity_id", "credit_type_id", "schedule_items", "access_type", "product_id", "product_tags", "pricing_group_values", "presentation_group_values", "exclude", "amount", "starting_at", "ending_before", "product_tags"];
// Sets the key of name number `name` on an object the result tape builds.
function setKey(object, name, value) {
  switch (name) {
    case 4: object.expected = value; return;
    case 5: object.received = value; return;
    case 6: object.suggestion = value; return;
    case 7: object.reason = value; return;
    case 8: object.max = value; return;
    case 9: object.min = value; return;
    case 10: object.part = value; return;
    case 11: object.allowed = value; return;
    case 12: object.with = value; return;
    case 13: object.count = value; return;
    case 14: object.detail = value; return;
    case 15: object.value = value; return;
    case 16: object.to = value; return;
    case 38: object.customer_id = value; return;
    case 39: object.product_id = value; return;
    case 40: object.priority = value; return;
    case 41: object.access_schedule = value; return;
    case 42: object.name = value; return;
    case 43: object.description = value; return;
    case 44: object.applicable_contract_ids = value; return;
    case 45: object.applicable_product_ids = value; return;
    case 46: object.applicable_product_tags = value; return;
    case 47: object.specifiers = value; return;
    case 48: object.custom_fields = value; return;
    case 49: object.rate_type = value; return;
    case 50: object.uniqueness_key = value; return;
    case 51: object.netsuite_sales_order_id = value; return;
    case 52: object.salesforce_opportunity_id = value; return;
    case 53: object.credit_type_id = value; return;
    case 54: object.schedule_items = value; return;
    case 55: object.access_type = value; return;
    case 56: object.product_id = value; return;
    case 57: object.product_tags = value; return;
    case 58: object.pricing_group_values = value; return;
    case 59: object.presentation_group_values = value; return;
    case 60: object.exclude = value; return;
    case 61: object.amount = value; return;
    case 62: object.starting_at = value; return;
    case 63: object.ending_before = value; return;
    case 64: object.product_tags = value; return;
    default: object[NAMES[name]] = value;
  }
}
// Each table's fields, named by NAMES from FIRST_FIELD_NAME on, table after table: [shape,
// table of the entries].
const FIRST_FIELD_NAME = 38;
const TABLES = [
  [[0, 0], [0, 0], [0, 0], [1, 1], [0, 0], [0, 0], [3, 0], [3, 0], [3, 0], [2, 2], [4, 0], [0, 0], [0, 0], [0, 0], [0, 0]],
  [[0, 0], [2, 3], [0, 0]],
  [[0, 0], [3, 0], [4, 0], [4, 0], [2, 4]],
  [[0, 0], [0, 0], [0, 0]],
  [[3, 0]],
];
// The rules, their codes named by NAMES from FIRST_CODE_NAME on: [severity, default
// message].
const FIRST_CODE_NAME = 17;
const CATALOG = [
  ["error", "The text is not valid JSON."],
  ["error", "Expected {expected}, received {received}."],
  ["error", "This field is required."],
  ["error", "Unknown field."],
  ["error", "Enter a UUID, like 13117714-3f05-48e5-a6e9-a66093f13b4d."],
  ["error", "Enter a date and time with a time zone, like 2026-01-01T00:00:00Z."],
  ["error", "Must be on the hour: minutes and seconds zero in UTC."],
  ["error", "Must be later than the start."],
  ["error", "Must be a finite number."],
  ["error", "Must be greater than {min}."],
  ["error", "Must not be empty."],
  ["error", "Must be at most {max} characters."],
  ["error", "Must have at most {max} entries."],
  ["error", "Must be one of {allowed}."],
  ["error", "Use either specifiers or {with}, not both."],
  ["warning", "This schedule item ends in the past."],
  ["warning", "Overlaps the schedule item at index {with}."],
  ["warning", "USD amounts are in cents; this is not a whole number of cents."],
  ["warning", "Priority is below {min}; lower priorities are consumed first."],
  ["warning", "This does not look like a contract id (a UUID)."],
  ["warning", "Removed {count} repeated entries."],
];
// Default messages that a param changes: [code, [[param, value?]...], template].
const VARIANTS = [
  ["unknown_field", [["suggestion"]], "Unknown field; did you mean {suggestion}?"],
  ["invalid_timestamp", [["reason", "missing_offset"]], "Add a time zone, like Z or +02:00: a date and time without one is ambiguous."],
  ["invalid_type", [["expected", "number"], ["received", "string"]], "Enter a number, like 1000: digits with an optional decimal point, no commas or currency signs."],
  ["invalid_enum", [["suggestion"]], "Must be one of {allowed}; did you mean {suggestion}?"],
  ["too_long", [["part"]], "The {part} must be at most {max} characters."],
  ["duplicate_removed", [["count", 1]], "Removed 1 repeated entry."],
];
// The fixes, by kind number: [kind, default message (key `fix.<kind>`)].
const FIXES = [
  ["round_down", "Round down to {value}"],
  ["round_up", "Round up to {value}"],
  ["assume_utc", "Assume UTC: {value}"],
  ["rename", "Rename to {to}"],
  ["replace", "Replace with {value}"],
  ["round", "Round to {value}"],
  ["start_after", "Start at {value}, when the other item ends"],
  ["swap", "Swap the start and the end"],
];
// ---- end of the generated block

const R_BY_TYPE = { bigint: R_BIGINT, symbol: R_SYMBOL, function: R_FUNCTION };
const objectPrototype = Object.prototype;
const hasOwn = Object.prototype.hasOwnProperty;
const getTime = Date.prototype.getTime;
/** `text` as the tape's one string holds it: a lone surrogate becomes U+FFFD where
 * `encodeInto` writes that string, as `toWellFormed` would make it, except a high surrogate
 * that ends a text, which would pair with a low one starting the next: that one is made
 * U+FFFD here. Its length and one char code read, where `isWellFormed` was a builtin call a
 * text. */
function unpaired(text) {
  // An empty text is told by its length: `charCodeAt(-1)`, out of bounds, made V8 call the
  // builtin for every text (reading a draft 7% slower).
  const last = text.length - 1;
  return last >= 0 && (text.charCodeAt(last) & 0xfc00) === 0xd800 ? `${text.slice(0, -1)}\uFFFD` : text;
}

// The most keys of an object whose places `tables` keep (the body has 15 fields).
const CACHED_KEYS = 32;
const tables = [];
for (let table = 0, first = FIRST_FIELD_NAME; table < TABLES.length; first += TABLES[table].length, table += 1) {
  const fields = TABLES[table];
  tables.push({
    index: new Map(fields.map((_, at) => [NAMES[first + at], at])),
    // The keys of the last object read with this table, in order, and their places: the
    // next object of a form has them in the same order, and a key compared with the one
    // at its position costs less than a lookup.
    keys: [],
    places: [],
    shapes: fields.map((field) => field[0]),
    subs: fields.map((field) => field[1]),
  });
}
/** The rules as `ruleCatalog()` gives them: code, severity and default message. */
const rules = CATALOG.map(([severity, message], at) => ({ code: NAMES[FIRST_CODE_NAME + at], severity, message }));
// The default messages split at their placeholders once (`split`), each rule's (by its code's
// place in the catalog) with the variants its params may pick; each fix kind's catalog key,
// `fix.<kind>`, and message.
const defaults = rules.map(({ message }) => ({ parts: split(message), variants: [] }));
for (const [code, when, message] of VARIANTS) {
  defaults[NAMES.indexOf(code) - FIRST_CODE_NAME].variants.push({ when, parts: split(message) });
}
const fixKeys = FIXES.map(([kind]) => `fix.${kind}`);
const fixParts = FIXES.map(([, message]) => split(message));

/** The text of one draft, every text back to back, in a holder made for each draft: the
 * module's tape lives long (V8 moves it to its old space), and a young string stored into an
 * old object pays the write barrier's slow path, which was a tenth of reading a draft. */
class Texts {
  constructor() {
    this.all = '';
  }
}
const NO_TEXTS = new Texts();

/** One draft being written: ops in a growable Float64Array and the text. The module keeps
 * one for reuse; a getter that calls back into the module while it is in use gets a fresh
 * one, so the walk it interrupts is not disturbed. */
class Tape {
  constructor() {
    this.ops = new Float64Array(256);
    // The ops' length, kept beside them: a typed array's own length is a slower read.
    this.capacity = 256;
    this.length = 0;
    this.texts = NO_TEXTS;
    this.busy = false;
    /** The view of the ops that the last draft filled (`readDraft`). */
    this.view = null;
  }

  push(op) {
    if (this.length === this.capacity) {
      const grown = new Float64Array(this.capacity * 2);
      grown.set(this.ops);
      this.ops = grown;
      this.capacity = grown.length;
      this.view = null;
    }
    this.ops[this.length++] = op;
  }

  push2(op, operand) {
    this.push(op);
    this.push(operand);
  }

  /** A text: `base` plus its length as one op, then its units. */
  text(value, base) {
    const text = unpaired(value);
    this.push(base + text.length);
    this.texts.all += text;
  }

  other(received) {
    this.push2(OTHER, received);
  }

  value(value, shape, sub) {
    // `typeof` compared with constants, which V8 turns into type checks, the common types
    // first (a switch on `typeof` calls a builtin for the type's name, then compares it).
    if (typeof value === 'string') {
      this.text(value, STRING);
      return;
    }
    if (typeof value === 'number') {
      this.push2(NUMBER, value);
      return;
    }
    if (typeof value !== 'object') {
      if (value === undefined) this.push(UNDEFINED);
      else if (typeof value === 'boolean') this.push(value ? TRUE : FALSE);
      // bigint, symbol, function.
      else this.other(R_BY_TYPE[typeof value]);
      return;
    }
    if (value === null) {
      this.push(NULL);
      return;
    }
    let isArray;
    try {
      isArray = Array.isArray(value);
    } catch {
      this.other(R_UNREADABLE);
      return;
    }
    if (isArray) {
      if (shape === OBJECTS) this.array(value, OBJECT_SHAPE, sub);
      else if (shape === STRINGS) this.array(value, SCALAR, 0);
      else this.other(R_ARRAY);
      return;
    }
    let prototype;
    try {
      prototype = Object.getPrototypeOf(value);
    } catch {
      this.other(R_UNREADABLE);
      return;
    }
    if (prototype === objectPrototype || prototype === null) {
      if (shape === OBJECT_SHAPE) this.object(value, tables[sub]);
      else if (shape === MAP) this.object(value, null);
      else this.other(R_OBJECT);
      return;
    }
    let time;
    try {
      time = getTime.call(value);
    } catch {
      this.other(R_INSTANCE);
      return;
    }
    this.push2(DATE, time);
  }

  array(array, shape, sub) {
    let length;
    try {
      length = array.length;
    } catch {
      this.other(R_UNREADABLE);
      return;
    }
    // A Proxy may claim any length: refuse what is not a length, and more than the guard
    // allows without reading an entry.
    if (typeof length !== 'number' || !(length >= 0) || length === Infinity) {
      this.other(R_UNREADABLE);
      return;
    }
    length = Math.trunc(length);
    if (length > MAX_ENTRIES) {
      this.push2(TOO_MANY, R_ARRAY);
      this.push(length);
      return;
    }
    this.push2(ARRAY, length);
    for (let at = 0; at < length; at += 1) {
      let entry;
      try {
        entry = array[at];
      } catch {
        this.other(R_UNREADABLE);
        continue;
      }
      this.value(entry, shape, sub);
    }
  }

  /** A plain object: with a table, known keys go by number and unknown keys as text with
   * their values read as scalars (as the native readers do); without one (a string map),
   * every key is text. Its own enumerable string keys, in `Object.keys` order, through
   * for-in (whose reads V8 serves from the object's enum cache: 10-25% faster reads than
   * `Object.keys` and a lookup per key) and `hasOwn`; the count is filled in after. */
  object(object, table) {
    const start = this.length;
    const textStart = this.texts.all.length;
    this.push2(OBJECT, 0);
    let count = 0;
    try {
      for (const key in object) {
        if (!hasOwn.call(object, key)) continue;
        count += 1;
        // Past the guard, keys are only counted.
        if (count > MAX_ENTRIES) continue;
        let at;
        if (table !== null) {
          if (table.keys[count - 1] === key) {
            at = table.places[count - 1];
          } else {
            at = table.index.get(key);
            // As many keys as a table has fields, with room: not every key of a huge object.
            if (count <= CACHED_KEYS) {
              table.keys[count - 1] = key;
              table.places[count - 1] = at;
            }
          }
        }
        if (at === undefined) {
          const text = unpaired(key);
          this.push(-text.length - 1);
          this.texts.all += text;
        } else {
          this.push(at);
        }
        let entry;
        try {
          entry = object[key];
        } catch {
          this.other(R_UNREADABLE);
          continue;
        }
        if (at === undefined) {
          // A map's entry, or an unknown key: read as a scalar (a rename fix needs to know
          // what it would move), never descended into.
          this.value(entry, SCALAR, 0);
        } else {
          this.value(entry, table.shapes[at], table.subs[at]);
        }
      }
    } catch {
      // The keys could not be listed (a Proxy's trap threw): the object is unreadable.
      this.rewind(start, textStart);
      this.other(R_UNREADABLE);
      return;
    }
    if (count > MAX_ENTRIES) {
      this.rewind(start, textStart);
      this.push2(TOO_MANY, R_OBJECT);
      this.push(count);
      return;
    }
    this.ops[start + 1] = count;
  }

  /** Takes back what was written since the tape had `length` ops and `textLength` units of
   * text. */
  rewind(length, textLength) {
    this.length = length;
    this.texts.all = this.texts.all.slice(0, textLength);
  }

  /** Options: `now` (text, a Date, or nothing) and `allowUnknownFields` go on the tape;
   * `messages` stay here, for rendering. */
  options(options) {
    this.messages = null;
    if (!isPlainObject(options)) {
      this.push(NOW_NONE);
      this.push(0);
      return;
    }
    // Each option read at a site of its own: one `read` for the three would see three keys
    // and make every read a megamorphic look-up.
    let now;
    try {
      now = options.now;
    } catch {
      now = undefined;
    }
    if (typeof now === 'string') {
      this.push(NOW_TEXT);
      this.text(now, 0);
    } else if (now !== undefined && now !== null && typeof now === 'object' && !isPlainObject(now)) {
      let time;
      try {
        time = getTime.call(now);
        this.push2(NOW_DATE, time);
      } catch {
        this.push(NOW_NONE);
      }
    } else {
      this.push(NOW_NONE);
    }
    let allow;
    try {
      allow = options.allowUnknownFields;
    } catch {
      allow = undefined;
    }
    this.push(allow === true ? 1 : 0);
    let messages;
    try {
      messages = options.messages;
    } catch {
      messages = undefined;
    }
    let keys = [];
    if (isPlainObject(messages)) {
      try {
        keys = Object.keys(messages);
      } catch {
        keys = [];
      }
    }
    for (const key of keys) {
      const template = read(messages, key);
      if (typeof template === 'string') {
        if (this.messages === null) this.messages = new Map();
        this.messages.set(key, template);
      }
    }
  }
}

function read(object, key) {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    if (Array.isArray(value)) return false;
    const prototype = Object.getPrototypeOf(value);
    return prototype === objectPrototype || prototype === null;
  } catch {
    return false;
  }
}

const shared = new Tape();
const encoder = new TextEncoder();
let lastOps = null;
let lastText = '';
/** The message templates of the call whose tape was read last (set after its walk, so a
 * getter that validates again while the draft is read does not leave its own behind). */
let overrides = null;

/** Writes the text's length (filled in last), options, the clock, then `draft` read as a body
 * (`asBody`) or as a scalar; returns how many ops it wrote, and keeps the tape for
 * `takeDraft`. */
export function readDraft(draft, options, asBody) {
  if (memory === null) throw new Error('credit-rules: call init() or initSync() before validating');
  const tape = shared.busy ? new Tape() : shared;
  tape.busy = true;
  tape.length = 0;
  tape.texts = new Texts();
  try {
    tape.push(0);
    tape.options(options);
    // The clock, for when no readable `now` was given: read here, so the wasm imports none.
    tape.push(Date.now());
    tape.value(draft, asBody ? OBJECT_SHAPE : SCALAR, 0);
    tape.ops[0] = tape.texts.all.length;
    // The view of the tape's ops is made again only when their length or array changed: a
    // form's next draft most often has as many.
    if (tape.view === null || tape.view.length !== tape.length) {
      tape.view = tape.ops.subarray(0, tape.length);
    }
    lastOps = tape.view;
    lastText = tape.texts.all;
    overrides = tape.messages;
    return tape.length;
  } finally {
    tape.texts = NO_TEXTS;
    tape.busy = false;
  }
}

/** The wasm memory, which init() and initSync() (js/init.js) hand over, and views of it,
 * made again when it has grown (its old buffer is then detached: no bytes). Rust's buffers
 * cross as addresses in it: the glue then makes no view per argument. */
let memory = null;
let f64 = new Float64Array(0);
let u8 = new Uint8Array(0);

export function bindMemory(wasmMemory) {
  memory = wasmMemory;
  f64 = new Float64Array(0);
}

/** Views of the memory as it is now. The test is on a view, not on `memory.buffer`, whose
 * getter V8 does not inline. */
function view() {
  if (f64.byteLength === 0) {
    f64 = new Float64Array(memory.buffer);
    u8 = new Uint8Array(memory.buffer);
  }
}

/** A view of wasm memory for one use, made again only when the place or the length changed
 * or the memory grew (its old views then have no bytes): a call's buffers are most often
 * where the last call's were, since the arena starts over with every call. */
class Bytes {
  constructor() {
    this.view = new Uint8Array(0);
    this.start = -1;
  }

  at(start, length) {
    // A view of memory before it grew has no bytes: its length tells.
    if (start !== this.start || this.view.byteLength !== length) {
      this.view = u8.subarray(start, start + length);
      this.start = start;
    }
    return this.view;
  }
}

/** The draft's text, written by `takeDraft`; the result's, read by `buildResult` (and the
 * rare number text `parseNumber` decodes). */
const draftBytes = new Bytes();
const resultBytes = new Bytes();

/** Copies the kept tape into Rust's buffers (byte addresses and lengths in wasm memory),
 * each let go once taken: Rust takes the ops first (the first tells the text's length), then
 * the text, encoded as UTF-8; returns the bytes written. Never throws (it runs inside a wasm
 * call): a buffer of another length than the tape, or no tape kept, copies what fits and
 * leaves zeros. */
export function takeDraft(opsAt, opsLength, textAt, textLength) {
  if (memory === null) return 0;
  view();
  if (opsLength > 0) {
    if (lastOps !== null) f64.set(lastOps.length > opsLength ? lastOps.subarray(0, opsLength) : lastOps, opsAt >>> 3);
    lastOps = null;
  }
  if (textLength === 0) return 0;
  const { written } = encoder.encodeInto(lastText, draftBytes.at(textAt, textLength));
  lastText = '';
  return written;
}

let ops = null;
let text = '';
let at = 0;
let cut = 0;

function slice(length) {
  const piece = text.slice(cut, cut + length);
  cut += length;
  return piece;
}

// Ops are doubles (a Float64Array): a length or a name number is made an int32 (`| 0`) where
// it is used, so that V8 inlines the substring and the element loads (a double sent every
// `slice` through its builtin: building the large draft's report 8% slower).
function build() {
  const op = ops[at++];
  // One op for a text: B_TEXT plus its length.
  if (op >= B_TEXT) return slice((op - B_TEXT) | 0);
  switch (op) {
    case B_NUMBER:
      return ops[at++];
    case B_ARRAY: {
      const length = ops[at++];
      // Short arrays (an issue's path, most lists of a form) as literals, made at their
      // size, where pushes onto [] grow it.
      switch (length) {
        case 0:
          return [];
        case 1:
          return [build()];
        case 2:
          return [build(), build()];
        case 3:
          return [build(), build(), build()];
        case 4:
          return [build(), build(), build(), build()];
        default: {
          // Made at its length, where pushes grew it step by step.
          const array = new Array(length);
          for (let index = 0; index < length; index += 1) array[index] = build();
          return array;
        }
      }
    }
    case B_OBJECT: {
      // Keys from the tables and params: names no prototype has, so plain assignment is safe.
      const length = ops[at++];
      const object = {};
      for (let index = 0; index < length; index += 1) {
        const name = ops[at++] | 0;
        setKey(object, name, build());
      }
      return object;
    }
    case B_MAP: {
      // Keys typed by the user. One that Object.prototype has (`__proto__`, `constructor`,
      // or anything added to it) is defined, not assigned, so that it stays an own data
      // property and no setter or frozen prototype is touched; the rest are assigned, which
      // measured three times faster than Object.fromEntries.
      const length = ops[at++];
      const map = {};
      for (let index = 0; index < length; index += 1) {
        const key = slice(ops[at++] | 0);
        const value = build();
        if (hasOwn.call(objectPrototype, key)) {
          Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
        } else {
          map[key] = value;
        }
      }
      return map;
    }
    case B_ISSUE: {
      // One literal per issue: the same shape every time, built in one step.
      const code = ops[at++] | 0;
      const issue = { code: NAMES[code], severity: NAMES[ops[at++] | 0], message: '', path: build(), pointer: build() };
      const extra = ops[at++];
      if (extra & 1) issue.params = build();
      if (extra & 2) issue.related = build();
      issue.message = render(code, issue.params);
      if (extra & 4) issue.fixes = fixes(issue.pointer);
      return issue;
    }
    case B_REPORT: {
      const valid = ops[at++] === 1;
      const report = { valid, errors: build(), warnings: build() };
      if (valid) report.value = build();
      return report;
    }
    default:
      return null;
  }
}

/** The fixes of the issue at `pointer` (SPEC section 8): `{kind, message, params?, patch}`
 * each, the patch RFC 6902 operations, their pointers written from the issue's; messages from
 * the catalog's `fix.<kind>` templates. */
function fixes(pointer) {
  const list = [];
  for (let count = ops[at++]; count > 0; count -= 1) {
    const number = ops[at++] | 0;
    const kind = FIXES[number][0];
    // Params are an object op and its count: none, and the fix has no `params`.
    const given = ops[at + 1] > 0;
    const params = build();
    const template = overrides === null ? undefined : overrides.get(fixKeys[number]);
    const fix = { kind, message: fill(template === undefined ? fixParts[number] : split(template), params) };
    if (given) fix.params = params;
    const patch = [];
    for (let length = ops[at++]; length > 0; length -= 1) {
      const op = ops[at++];
      if (op === P_MOVE) {
        patch.push({ op: 'move', from: place(pointer), path: place(pointer) });
      } else {
        patch.push({ op: 'replace', path: place(pointer), value: op === P_REPLACE ? build() : params.value });
      }
    }
    fix.patch = patch;
    list.push(fix);
  }
  return list;
}

/** The pointer of a patch operation's place: the issue's own (`P_HERE`), or the member named
 * by the text that follows of the object that holds it (as src/fix.rs `sibling`). */
function place(pointer) {
  if (ops[at] === P_HERE) {
    at += 1;
    return pointer;
  }
  const name = build();
  return `${pointer.slice(0, Math.max(pointer.lastIndexOf('/'), 0))}/${name}`;
}

/** The message of an issue: the caller's template for its code, else the catalog's (a
 * variant when its params say so), with `{param}` placeholders filled; a placeholder with no
 * such param stays as written. The same rules as src/issue.rs `message`. */
function render(code, params) {
  const template = overrides === null ? undefined : overrides.get(NAMES[code]);
  return fill(template === undefined ? defaultParts(code, params) : split(template), params);
}

/** A template split at its `{param}` placeholders, `[text, name, text, ..., name, text]`,
 * scanned as src/issue.rs `render` does (a loop of indexOf: a regex with a callback measured
 * 1.5 µs a message); the catalog's are split once, at load. */
function split(template) {
  const parts = [];
  let from = 0;
  let open = template.indexOf('{');
  while (open >= 0) {
    const close = template.indexOf('}', open + 1);
    if (close < 0) break;
    parts.push(template.slice(from, open), template.slice(open + 1, close));
    from = close + 1;
    open = template.indexOf('{', from);
  }
  parts.push(template.slice(from));
  return parts;
}

/** A split template with its placeholders filled from `params`; one with no such param stays
 * as written. */
function fill(parts, params) {
  let out = parts[0];
  for (let index = 1; index < parts.length; index += 2) {
    const name = parts[index];
    out += params !== undefined && hasOwn.call(params, name) ? String(params[name]) : `{${name}}`;
    out += parts[index + 1];
  }
  return out;
}

/** The catalog's parts for the code of name number `code`: the first variant whose params
 * all match (a name alone: given; with a value: equal to it), else the rule's own. Plain
 * loops: this runs for every issue. */
function defaultParts(code, params) {
  const rule = defaults[code - FIRST_CODE_NAME];
  if (params !== undefined) {
    for (const { when, parts } of rule.variants) {
      let matches = true;
      for (let index = 0; index < when.length && matches; index += 1) {
        const [name, wanted] = when[index];
        matches = hasOwn.call(params, name) && (wanted === undefined || params[name] === wanted);
      }
      if (matches) return parts;
    }
  }
  return rule.parts;
}

/** `ruleCatalog()`: every rule, with its code, severity and default message. */
export function ruleCatalog() {
  return rules.map(({ code, severity, message }) => ({ code, severity, message }));
}

// Safari's TextDecoder fails after 2 GB decoded: a fresh one before then (as the glue does).
const DECODER_LIMIT = 2146435072;
let decoder = new TextDecoder('utf-8', { ignoreBOM: true });
let decoded = 0;

function decode(at, length) {
  if (length === 0) return '';
  decoded += length;
  if (decoded >= DECODER_LIMIT) {
    decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    decoded = length;
  }
  return decoder.decode(resultBytes.at(at, length));
}

/** `parseFloat` of the text Rust hands over (`length` bytes of UTF-8 at byte address `at` in
 * wasm memory): number texts other than short integers (src/decimal.rs). */
export function parseNumber(at, length) {
  if (memory === null) return NaN;
  view();
  return parseFloat(length <= 32 ? ascii(at, length) ?? decode(at, length) : decode(at, length));
}

/** A short ASCII text (what a number is) char by char, where TextDecoder costs more to call;
 * `undefined` when a byte is not ASCII. */
function ascii(at, length) {
  let text = '';
  for (let index = at; index < at + length; index += 1) {
    if (u8[index] > 127) return undefined;
    text += String.fromCharCode(u8[index]);
  }
  return text;
}

/** The report of the call that has just returned from the wasm (`buildResult`), until
 * `takeResult` takes it. */
let result = null;

/** Builds the JS value Rust wrote as a tape (ops, f64s, and text, UTF-8, each a byte address
 * and a length in wasm memory) and keeps it for `takeResult`; returns 0. No user code runs
 * between this and `takeResult`: a call that a getter makes while the draft is read has
 * taken its own result before the outer call enters the wasm. */
export function buildResult(opsAt, opsLength, textAt, textLength) {
  result = null;
  if (memory === null) return 0;
  view();
  ops = f64;
  at = opsAt >>> 3;
  text = decode(textAt, textLength);
  cut = 0;
  result = build();
  ops = null;
  text = '';
  return 0;
}

/** The report `buildResult` kept, let go. */
export function takeResult() {
  const value = result;
  result = null;
  return value;
}
