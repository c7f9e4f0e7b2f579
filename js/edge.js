// The JS half of the wasm edge (imported by src/wasm.rs; wasm-pack copies it into pkg/snippets).
//
// Crossing the boundary once per value is what made calls slow, so values cross in bulk:
// `readDraft` walks a draft along the schema in one pass and writes a flat tape (numbers in a
// Float64Array, all text in one string), and `build` turns the tape Rust writes back into
// plain JS values. Rust owns the schema and the rules; it hands the field tables over once
// (`installSchema`), so this file never lists a field.
//
// Every read that can run user code (a getter, a Proxy trap, `Array.isArray` or
// `Object.getPrototypeOf` on a revoked Proxy, `Object.keys`) sits in a try block: a throw
// becomes "unreadable" and never unwinds through Rust frames. What the schema does not
// describe is never descended into, so cycles and deep nesting cost nothing.
//
// The tape formats are documented once, in src/wasm.rs, next to the Rust half that reads and
// writes them.

// Draft tape: value ops.
const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const DATE = 6;
const OTHER = 7;
const ARRAY = 8;
const OBJECT = 9;
const TOO_MANY = 10;

// `received` codes, in the order of Rust's `Received`.
const R_ARRAY = 8;
const R_OBJECT = 9;
const R_INSTANCE = 11;
const R_UNREADABLE = 12;
const R_BY_TYPE = { bigint: 4, symbol: 6, function: 7 };

// Shapes, as src/wasm.rs numbers them.
const SCALAR = 0;
const OBJECT_SHAPE = 1;
const OBJECTS = 2;
const STRINGS = 3;
const MAP = 4;

const MAX_ENTRIES = 10000;
const objectPrototype = Object.prototype;
const hasOwn = Object.prototype.hasOwnProperty;
const getTime = Date.prototype.getTime;
const wellFormed =
  typeof String.prototype.toWellFormed === 'function'
    ? (text) => (text.isWellFormed() ? text : text.toWellFormed())
    : (text) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

let tables = null;
let names = null;

/** Receives the field tables and the names Rust writes by number (see src/wasm.rs). */
export function installSchema(descriptor) {
  const parsed = JSON.parse(descriptor);
  names = parsed.names;
  tables = parsed.tables.map((fields) => {
    const index = new Map();
    fields.forEach(([name], at) => index.set(name, at));
    return { index, shapes: fields.map((field) => field[1]), subs: fields.map((field) => field[2]) };
  });
}

/** One draft being written: ops in a growable Float64Array and the text. The module keeps
 * one for reuse; a getter that calls back into the module while it is in use gets a fresh
 * one, so the walk it interrupts is not disturbed. */
class Tape {
  constructor() {
    this.ops = new Float64Array(256);
    this.length = 0;
    this.texts = '';
    this.busy = false;
  }

  push(op) {
    if (this.length === this.ops.length) {
      const grown = new Float64Array(this.ops.length * 2);
      grown.set(this.ops);
      this.ops = grown;
    }
    this.ops[this.length++] = op;
  }

  push2(op, operand) {
    this.push(op);
    this.push(operand);
  }

  text(value) {
    const text = wellFormed(value);
    this.push(text.length);
    this.texts += text;
  }

  other(received) {
    this.push2(OTHER, received);
  }

  value(value, shape, sub) {
    switch (typeof value) {
      case 'undefined':
        this.push(UNDEFINED);
        return;
      case 'boolean':
        this.push(value ? TRUE : FALSE);
        return;
      case 'number':
        this.push2(NUMBER, value);
        return;
      case 'string':
        this.push(STRING);
        this.text(value);
        return;
      case 'bigint':
      case 'symbol':
      case 'function':
        this.other(R_BY_TYPE[typeof value]);
        return;
      default:
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

  /** A plain object: with a table, known keys go by number and unknown keys are only told
   * apart from `undefined`; without one (a string map), every key is text. */
  object(object, table) {
    let keys;
    try {
      keys = Object.keys(object);
    } catch {
      this.other(R_UNREADABLE);
      return;
    }
    if (keys.length > MAX_ENTRIES) {
      this.push2(TOO_MANY, R_OBJECT);
      this.push(keys.length);
      return;
    }
    this.push2(OBJECT, keys.length);
    for (const key of keys) {
      const at = table === null ? undefined : table.index.get(key);
      if (at === undefined) {
        const text = wellFormed(key);
        this.push(-text.length - 1);
        this.texts += text;
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
      if (table !== null && at === undefined) {
        // Unknown: only whether it is there matters; its value is never read into.
        if (entry === undefined) this.push(UNDEFINED);
        else this.other(R_OBJECT);
      } else if (table === null) {
        this.value(entry, SCALAR, 0);
      } else {
        this.value(entry, table.shapes[at], table.subs[at]);
      }
    }
  }

  /** Options: `now` (text, a Date, or nothing), `allowUnknownFields`, and `messages`. */
  options(options) {
    if (!isPlainObject(options)) {
      this.push(0);
      this.push(0);
      this.push(0);
      return;
    }
    const now = read(options, 'now');
    if (typeof now === 'string') {
      this.push(1);
      this.text(now);
    } else if (now !== undefined && now !== null && typeof now === 'object' && !isPlainObject(now)) {
      let time;
      try {
        time = getTime.call(now);
        this.push2(2, time);
      } catch {
        this.push(0);
      }
    } else {
      this.push(0);
    }
    this.push(read(options, 'allowUnknownFields') === true ? 1 : 0);
    const messages = read(options, 'messages');
    let keys = [];
    if (isPlainObject(messages)) {
      try {
        keys = Object.keys(messages);
      } catch {
        keys = [];
      }
    }
    const templates = [];
    for (const key of keys) {
      const template = read(messages, key);
      if (typeof template === 'string') templates.push(key, template);
    }
    this.push(templates.length / 2);
    for (const text of templates) this.text(text);
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

/** Writes options, then `draft` read as a body (`asBody`) or as a scalar; returns how many
 * ops it wrote, and keeps the tape for `takeDraft`. */
export function readDraft(draft, options, asBody) {
  const tape = shared.busy ? new Tape() : shared;
  tape.busy = true;
  tape.length = 0;
  tape.texts = '';
  try {
    tape.options(options);
    tape.value(draft, asBody ? OBJECT_SHAPE : SCALAR, 0);
    lastOps = tape.ops.subarray(0, tape.length);
    lastText = tape.texts;
    return tape.length;
  } finally {
    tape.texts = '';
    tape.busy = false;
  }
}

/** The length of the kept tape's text, in UTF-16 code units. */
export function draftTextUnits() {
  return lastText.length;
}

/** Copies the kept tape into Rust's buffers (views of wasm memory) and lets it go. */
export function takeDraft(ops, text) {
  ops.set(lastOps);
  const { written } = encoder.encodeInto(lastText, text);
  lastOps = null;
  lastText = '';
  return written;
}

// Result tape: value ops.
const B_TEXT = 0;
const B_NUMBER = 1;
const B_ARRAY = 2;
const B_OBJECT = 3;
const B_NAME = 6;
const B_JSON = 7;
const B_ISSUE = 8;
const B_REPORT = 9;
const B_MAP = 10;

let ops = null;
let text = '';
let at = 0;
let cut = 0;

function slice(length) {
  const piece = text.slice(cut, cut + length);
  cut += length;
  return piece;
}

function build() {
  switch (ops[at++]) {
    case B_TEXT:
      return slice(ops[at++]);
    case B_NUMBER:
      return ops[at++];
    case B_ARRAY: {
      const length = ops[at++];
      const array = [];
      for (let index = 0; index < length; index += 1) array.push(build());
      return array;
    }
    case B_OBJECT: {
      // Keys from the tables: names no prototype has, so plain assignment is safe.
      const length = ops[at++];
      const object = {};
      for (let index = 0; index < length; index += 1) {
        const key = names[ops[at++]];
        object[key] = build();
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
        const key = slice(ops[at++]);
        const value = build();
        if (hasOwn.call(objectPrototype, key)) {
          Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
        } else {
          map[key] = value;
        }
      }
      return map;
    }
    case B_NAME:
      return names[ops[at++]];
    case B_JSON:
      return JSON.parse(slice(ops[at++]));
    case B_ISSUE: {
      // One literal per issue: the same shape every time, built in one step.
      const issue = { code: names[ops[at++]], severity: names[ops[at++]], message: build(), path: build(), pointer: build() };
      const extra = ops[at++];
      if (extra & 1) issue.params = build();
      if (extra & 2) issue.related = build();
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

/** Builds the JS value Rust wrote as a tape (ops viewed in wasm memory, and its text). */
export function buildValue(tape, tapeText) {
  ops = tape;
  text = tapeText;
  at = 0;
  cut = 0;
  const value = build();
  ops = null;
  text = '';
  return value;
}
