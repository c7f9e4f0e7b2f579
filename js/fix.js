// The fix an issue suggests (spec section 8), applied in plain JS: a form applies it on a click
// and validates again, with no trip through the wasm. The draft is usually a form's state: it is
// never changed, and only the objects along the patched paths are copied, so memoized inputs
// elsewhere keep their identity. A fix comes from a report on an older draft and may no longer
// fit (the user typed since): then, and when reading the draft runs user code that throws, the
// draft comes back whole, never half patched and never with a throw.

function fail() { throw new TypeError('The fix does not apply to this draft.'); }

/** An own data property, even for keys that assignment would send elsewhere (`__proto__`). */
const define = (object, key, value) =>
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });

/** 'array', 'object' (plain) or null: anything else (Date, Map, class instances) is a leaf. */
function kind(value) {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) return 'array';
  return [Object.prototype, null].includes(Object.getPrototypeOf(value)) ? 'object' : null;
}

/** RFC 6901: the reference tokens of `pointer`. */
function parse(pointer) {
  if (typeof pointer !== 'string' || /^[^/]|~[^01]|~$/.test(pointer)) fail();
  return pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The array index `token` names, at most `max` ("-" is the index past the end). */
function index(array, token, max) {
  const i = token === '-' ? array.length : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : NaN;
  return i <= max ? i : fail();
}

function child(node, token) {
  const k = kind(node);
  if (k === 'array') return node[index(node, token, node.length - 1)];
  if (k === 'object' && Object.prototype.propertyIsEnumerable.call(node, token)) return node[token];
  return fail();
}

function copy(node) {
  const k = kind(node) ?? fail();
  if (k === 'array') return Array.prototype.slice.call(node);
  const out = Object.create(Object.getPrototypeOf(node));
  for (const key of Object.keys(node)) define(out, key, node[key]);
  return out;
}

const get = (doc, tokens) => tokens.reduce(child, doc);

/** `doc` with the value at `tokens` (which must exist) replaced by `f` of it; the path is copied. */
function edit(doc, tokens, f, at = 0) {
  if (at === tokens.length) return f(doc);
  const next = edit(child(doc, tokens[at]), tokens, f, at + 1);
  return define(copy(doc), tokens[at], next);
}

/** `doc` with the parent of `tokens` copied and changed by `f(copy, key, parent)`. */
const atParent = (doc, tokens, f) =>
  tokens.length === 0 ? fail() : edit(doc, tokens.slice(0, -1), (node) => {
    const out = copy(node);
    f(out, tokens.at(-1), node);
    return out;
  });

const add = (doc, path, value) =>
  path.length === 0 ? value : atParent(doc, path, (out, key) =>
    Array.isArray(out) ? out.splice(index(out, key, out.length), 0, value) : define(out, key, value));

const remove = (doc, path) =>
  atParent(doc, path, (out, key, node) => {
    child(node, key); // throws unless it exists
    if (Array.isArray(out)) out.splice(Number(key), 1);
    else delete out[key];
  });

/** A move within one object renames the key in its place; elsewhere it is a remove and an add. */
function move(doc, from, path) {
  const moved = get(doc, from);
  if (from.length <= path.length && from.every((t, i) => t === path[i])) return from.length === path.length ? doc : fail();
  const siblings = from.length === path.length && from.slice(0, -1).every((t, i) => t === path[i]);
  if (!siblings || kind(get(doc, path.slice(0, -1))) !== 'object') return add(remove(doc, from), path, moved);
  return atParent(doc, path, (out, to) => {
    delete out[to];
    for (const key of Object.keys(out)) {
      const value = out[key];
      delete out[key]; // then defined again at the end, so the keys keep their order
      define(out, key === from.at(-1) ? to : key, value);
    }
  });
}

/** Deep equality of JSON values (key order aside), for `test`. */
function equal(a, b) {
  if (a === b) return true;
  const k = kind(a);
  if (k === null || k !== kind(b) || (k === 'array' && a.length !== b.length)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
}

function step(doc, operation) {
  const { op, path, from, value } = operation;
  if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in operation)) fail();
  const to = parse(path);
  if (op === 'add') return add(doc, to, value);
  if (op === 'remove') return remove(doc, to);
  if (op === 'replace') return edit(doc, to, () => value);
  if (op === 'move') return move(doc, parse(from), to);
  if (op === 'copy') return add(doc, to, get(doc, parse(from)));
  return op === 'test' && equal(get(doc, to), value) ? doc : fail();
}

/**
 * `draft` with `fix.patch` (RFC 6902 operations, RFC 6901 pointers) applied in order, as a new
 * value: `draft` is never changed and what the patch does not touch is shared with it. A move
 * within one object keeps the key's place. When any operation cannot be applied (a missing
 * path, a malformed pointer, a failing `test`, an unreadable draft), `draft` itself is returned.
 * Never throws.
 */
export function applyFix(draft, fix) {
  try {
    const patch = fix.patch;
    return Array.isArray(patch) ? Array.from(patch).reduce(step, draft) : draft;
  } catch {
    return draft;
  }
}
