// The schedule as a timeline: one bar per schedule item on a shared UTC time axis, drawn into
// the page's one <svg> with createElementNS and textContent (no markup from anything typed).
//
// It reads the draft the form built and the report credit-rules gave for it: which items
// overlap (overlapping_schedule), which have errors, which timestamps are readable. It never
// validates on its own: a timestamp is drawn when the report has no error saying it is not one,
// and an amount when the form's number rule reads it.

import { formatCents, parseFormNumber } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ITEMS = '/access_schedule/schedule_items';
/** Error codes after which a field's value is not a timestamp (or a number) to draw. */
const UNREADABLE = new Set(['required', 'invalid_type', 'invalid_timestamp', 'not_finite']);

const WIDTH = 800;
const LEFT = 70;
const RIGHT = 18;
const TOP = 22;
const ROW = 26;
const BAR = 18;
const AXIS = 34;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What to draw, from one read of the form and its report.
 * @param {{ draft: object, cents: boolean }} read
 * @param {{ valid: boolean, errors: object[], warnings: object[], value?: object }} report
 * @param {(report: object, pointer: string) => object[]} issuesFor credit-rules' issuesFor
 * @param {number} now milliseconds
 */
export function timelineModel(read, report, issuesFor, now) {
  const draftItems = read.draft.access_schedule?.schedule_items ?? [];
  const validItems = report.valid ? report.value.access_schedule.schedule_items : null;
  const overlapping = new Set();
  for (const issue of report.warnings) {
    if (issue.code !== 'overlapping_schedule') continue;
    for (const pointer of [issue.pointer, ...(issue.related ?? [])]) {
      const index = itemIndex(pointer);
      if (index !== null) overlapping.add(index);
    }
  }
  const errorsAt = (pointer) => report.errors.filter((issue) => issue.pointer === pointer);
  const items = [];
  const skipped = [];
  draftItems.forEach((draftItem, index) => {
    const base = `${ITEMS}/${index}`;
    const hasError = issuesFor(report, base).some((issue) => issue.severity === 'error');
    const instant = (field) => {
      if (validItems) return Date.parse(validItems[index][field]);
      if (errorsAt(`${base}/${field}`).some((issue) => UNREADABLE.has(issue.code))) return NaN;
      return parseTimestamp(draftItem[field]);
    };
    const start = instant('starting_at');
    const end = instant('ending_before');
    if (Number.isNaN(start) || Number.isNaN(end)) {
      const which = Number.isNaN(start) && Number.isNaN(end) ? 'start and end are' : Number.isNaN(start) ? 'start is' : 'end is';
      skipped.push({ index, reason: `its ${which} not a time yet` });
      return;
    }
    if (end <= start) {
      skipped.push({ index, reason: 'it ends before it starts' });
      return;
    }
    const amount = validItems ? validItems[index].amount : parseFormNumber(draftItem.amount);
    items.push({ index, start, end, amount, hasError, overlaps: overlapping.has(index) });
  });
  return { items, skipped, count: draftItems.length, cents: read.cents, now };
}

/** The index of the schedule item a pointer is in, or null. */
function itemIndex(pointer) {
  const match = /^\/access_schedule\/schedule_items\/(\d+)(?:\/|$)/.exec(pointer ?? '');
  return match ? Number(match[1]) : null;
}

/** Milliseconds of a timestamp text credit-rules accepted (RFC 3339, any offset, or a date). */
function parseTimestamp(text) {
  if (typeof text !== 'string') return NaN;
  const value = text.trim().replace(/^(\d{4}-\d{2}-\d{2})[t ]/, '$1T').replace(/z$/, 'Z');
  return Date.parse(value);
}

// ---------------------------------------------------------------------------------------------
// Drawing

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const pad = (number) => String(number).padStart(2, '0');
const utcDate = (millis) => new Date(millis).toISOString().slice(0, 10);
const utcTime = (millis) => {
  const date = new Date(millis);
  return `${utcDate(millis)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
};

const units = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** "$10.00" for cents, "2.5 units" for quantities and other credit types, "?" when unreadable. */
export function amountLabel(amount, cents) {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return 'amount ?';
  if (cents) return formatCents(amount);
  return `${units.format(amount)} ${amount === 1 ? 'unit' : 'units'}`;
}

/** Tick steps, finest first: [size in ms (approximate for months and years), unit, count]. */
const STEPS = [
  [HOUR, 'hour', 1], [3 * HOUR, 'hour', 3], [6 * HOUR, 'hour', 6], [12 * HOUR, 'hour', 12],
  [DAY, 'day', 1], [2 * DAY, 'day', 2], [7 * DAY, 'day', 7], [14 * DAY, 'day', 14],
  [30 * DAY, 'month', 1], [61 * DAY, 'month', 2], [91 * DAY, 'month', 3], [182 * DAY, 'month', 6],
  [365 * DAY, 'year', 1], [730 * DAY, 'year', 2], [1826 * DAY, 'year', 5], [3652 * DAY, 'year', 10],
  [36525 * DAY, 'year', 100], [365250 * DAY, 'year', 1000],
];

/** UTC ticks between lo and hi, at most about `most` of them, on whole hours, days, months or years. */
function ticks(lo, hi, most = 7) {
  const [, unit, count] = STEPS.find(([size]) => (hi - lo) / size <= most) ?? STEPS[STEPS.length - 1];
  const first = new Date(lo);
  const start = {
    hour: () => Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate(), first.getUTCHours() - (first.getUTCHours() % count)),
    day: () => Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()),
    month: () => Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - (first.getUTCMonth() % count), 1),
    year: () => Date.UTC(first.getUTCFullYear() - (first.getUTCFullYear() % count), 0, 1),
  }[unit]();
  const out = [];
  for (let index = 0; index < 200; index += 1) {
    const at = new Date(start);
    if (unit === 'hour') at.setUTCHours(at.getUTCHours() + index * count);
    if (unit === 'day') at.setUTCDate(at.getUTCDate() + index * count);
    if (unit === 'month') at.setUTCMonth(at.getUTCMonth() + index * count);
    if (unit === 'year') at.setUTCFullYear(at.getUTCFullYear() + index * count);
    const millis = at.getTime();
    if (millis > hi) break;
    if (millis >= lo) out.push({ millis, label: unit === 'hour' ? utcTime(millis).slice(5, 16) : unit === 'year' ? utcDate(millis).slice(0, 4) : utcDate(millis) });
  }
  return out;
}

/** The gaps between the drawn items: spans no item covers, between the first start and the last end. */
function gaps(items) {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  const out = [];
  let covered = -Infinity;
  for (const item of sorted) {
    if (covered !== -Infinity && item.start > covered) out.push({ start: covered, end: item.start });
    covered = Math.max(covered, item.end);
  }
  return out;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Puts `pieces` ([key, build]) into `parent` in order, keeping the nodes whose key it already
 * holds and building only the others: typing into one amount redraws one bar, not fifty.
 */
function reconcile(parent, pieces) {
  const previous = new Map([...parent.children].map((node) => [node.timelineKey, node]));
  const nodes = pieces.map(([key, build]) => {
    const kept = previous.get(key);
    if (kept) {
      previous.delete(key);
      return kept;
    }
    const node = build();
    node.timelineKey = key;
    return node;
  });
  for (const stale of previous.values()) stale.remove();
  nodes.forEach((node, index) => {
    if (parent.children[index] !== node) parent.insertBefore(node, parent.children[index] ?? null);
  });
}

/**
 * Draws the model into `svgElement` and words it in `caption`. Skips the work when the model is
 * the one drawn last, and keeps every part of the drawing that did not change.
 */
export function drawTimeline(svgElement, caption, fullModel) {
  // Now to the minute: the axis, which "now" can stretch, then stays put from keystroke to keystroke.
  const model = { ...fullModel, now: Math.floor(fullModel.now / 60_000) * 60_000 };
  const signature = JSON.stringify([model.items, model.skipped, model.cents, model.now]);
  if (svgElement.dataset.signature === signature) return;
  svgElement.dataset.signature = signature;

  const lines = model.skipped.map(({ index, reason }) => `Item ${index + 1} is not drawn: ${reason}.`);
  if (model.items.length === 0) {
    svgElement.replaceChildren();
    svgElement.setAttribute('hidden', '');
    caption.textContent = [
      model.count === 0 ? 'No schedule item yet.' : 'Nothing to draw yet: an item is drawn once its start and end are times.',
      ...lines,
    ].join(' ');
    return;
  }
  svgElement.removeAttribute('hidden');

  const starts = model.items.map((item) => item.start);
  const ends = model.items.map((item) => item.end);
  let lo = Math.min(...starts);
  let hi = Math.max(...ends);
  const span = hi - lo;
  // "Now" widens the axis when it is near the schedule; far away it is an arrow at the edge.
  const nowNear = model.now >= lo - 2 * span && model.now <= hi + 2 * span;
  if (nowNear) {
    lo = Math.min(lo, model.now);
    hi = Math.max(hi, model.now);
  }
  const margin = (hi - lo) * 0.03;
  lo -= margin;
  hi += margin;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (millis) => LEFT + ((millis - lo) / (hi - lo)) * plotWidth;
  const rows = model.count;
  const plotBottom = TOP + rows * ROW;
  const height = plotBottom + AXIS;
  if (svgElement.getAttribute('viewBox') !== `0 0 ${WIDTH} ${height}`) svgElement.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);

  const pieces = [['defs', () => {
    const defs = svg('defs');
    const hatch = svg('pattern', { id: 'timeline-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' });
    hatch.append(svg('rect', { class: 'timeline-hatch-line', width: 2, height: 6 }));
    const gapHatch = svg('pattern', { id: 'timeline-gap-hatch', patternUnits: 'userSpaceOnUse', width: 8, height: 8, patternTransform: 'rotate(-45)' });
    gapHatch.append(svg('rect', { class: 'timeline-gap-line', width: 1, height: 8 }));
    defs.append(hatch, gapHatch);
    return defs;
  }]];

  // Gaps first, under everything.
  const foundGaps = gaps(model.items);
  for (const gap of foundGaps) {
    const left = x(gap.start);
    const width = Math.max(1, x(gap.end) - left);
    pieces.push([`gap|${gap.start}|${gap.end}|${left}|${width}|${rows}`, () => {
      const group = svg('g', { class: 'timeline-gap' });
      group.append(svg('title', {}, `Gap: no credit from ${utcTime(gap.start)} to ${utcTime(gap.end)}`));
      group.append(svg('rect', { x: left, y: TOP - 4, width, height: rows * ROW + 4 }));
      if (width > 28) group.append(svg('text', { x: left + width / 2, y: TOP - 8, 'text-anchor': 'middle', class: 'timeline-gap-label' }, 'gap'));
      return group;
    }]);
  }

  // Axis and ticks.
  pieces.push([`axis|${lo}|${hi}|${rows}`, () => {
    const axis = svg('g', { class: 'timeline-axis' });
    axis.append(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: plotBottom, y2: plotBottom }));
    for (const tick of ticks(lo, hi)) {
      const at = x(tick.millis);
      axis.append(svg('line', { class: 'timeline-grid', x1: at, x2: at, y1: TOP - 4, y2: plotBottom + 4 }));
      axis.append(svg('text', { x: at, y: plotBottom + 17, 'text-anchor': 'middle' }, tick.label));
    }
    axis.append(svg('text', { x: WIDTH - RIGHT, y: plotBottom + 31, 'text-anchor': 'end', class: 'timeline-axis-unit' }, 'dates in UTC'));
    return axis;
  }]);

  // One row per schedule item, in the form's order, so that a row is always its item.
  for (const item of model.items) {
    const top = TOP + item.index * ROW + (ROW - BAR) / 2;
    const left = x(item.start);
    const width = Math.max(2, x(item.end) - left);
    const amount = amountLabel(item.amount, model.cents);
    pieces.push([`item|${JSON.stringify(item)}|${left}|${width}|${amount}`, () => {
      const classes = ['timeline-bar', item.overlaps ? 'is-overlap' : '', item.hasError ? 'has-error' : ''].filter(Boolean).join(' ');
      const group = svg('g', { class: 'timeline-item', 'data-item': item.index });
      const notes = [item.overlaps ? 'overlaps another item' : '', item.hasError ? 'has errors' : ''].filter(Boolean);
      group.append(svg('title', {}, `Item ${item.index + 1}: ${amount} from ${utcTime(item.start)} to ${utcTime(item.end)}` +
        (notes.length ? `; ${notes.join(', ')}` : '')));
      group.append(svg('rect', { class: classes, 'data-item': item.index, x: left, y: top, width, height: BAR, rx: 3 }));
      if (item.hasError) group.append(svg('rect', { class: 'timeline-error-hatch', x: left, y: top, width, height: BAR, rx: 3 }));
      // The amount inside the bar when it fits, else beside it.
      const textWidth = amount.length * 6.6 + 10;
      const inside = textWidth <= width;
      const after = !inside && left + width + textWidth <= WIDTH;
      group.append(svg('text', {
        class: `timeline-amount${inside ? ' inside' : ''}${inside && item.hasError ? ' on-hatch' : ''}`,
        x: inside ? left + 5 : after ? left + width + 5 : left - 5,
        y: top + BAR / 2 + 4,
        'text-anchor': inside || after ? 'start' : 'end',
      }, amount));
      return group;
    }]);
  }
  for (let index = 0; index < rows; index += 1) {
    pieces.push([`row|${index}`, () => svg('text', { class: 'timeline-row-label', x: 8, y: TOP + index * ROW + ROW / 2 + 4 }, `Item ${index + 1}`)]);
  }

  // Now.
  pieces.push([`now|${lo}|${hi}|${plotBottom}|${utcTime(model.now)}`, () => {
    const now = svg('g', { class: 'timeline-now' });
    if (nowNear) {
      const at = x(model.now);
      now.append(svg('line', { x1: at, x2: at, y1: TOP - 14, y2: plotBottom }));
      now.append(svg('text', { x: at, y: TOP - 16, 'text-anchor': at > WIDTH - 60 ? 'end' : 'middle' }, 'now'));
    } else {
      const before = model.now < lo;
      now.append(svg('text', { x: before ? LEFT : WIDTH - RIGHT, y: 12, 'text-anchor': before ? 'start' : 'end' },
        before ? `◂ now (${utcDate(model.now)})` : `now (${utcDate(model.now)}) ▸`));
    }
    now.append(svg('title', {}, `Now: ${utcTime(model.now)}`));
    return now;
  }]);

  reconcile(svgElement, pieces);

  const overlapCount = model.items.filter((item) => item.overlaps).length;
  const errorCount = model.items.filter((item) => item.hasError).length;
  const summary = [
    `${plural(model.items.length, 'item')} from ${utcDate(Math.min(...starts))} to ${utcDate(Math.max(...ends))} (UTC)` +
      (foundGaps.length ? `, ${plural(foundGaps.length, 'gap')}` : ', no gap') + '.',
    overlapCount ? `${plural(overlapCount, 'item')} overlap (amber).` : '',
    errorCount ? `${plural(errorCount, 'item')} with errors (hatched, red outline).` : '',
  ].filter(Boolean);
  caption.textContent = [...summary, ...lines].join(' ');
}
