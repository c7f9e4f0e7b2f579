// The demo page: wires the form to credit-rules and to the sandbox API.
//
// On every input the page reads the form into a draft, validates it once (validateCredit), and
// shows from that one report
//   - under each input: issuesFor(report, its pointer), once the input was touched, with the
//     issue's fixes as buttons;
//   - in the Checks panel: every issue, each one a button that focuses its input, and its fixes;
//   - under the schedule: the timeline of its items;
//   - in the Preview panel: the normalized body and describeCredit's sentence.
// A fix is applied with applyFix on the draft the report came from; the inputs it writes are
// updated from the patched draft, and the form is validated again, once.
// User text only ever reaches the DOM through textContent and form values.

import { CreditForm } from './form.js';
import { CREATE_PATH, createCredit, endpointUrl, listCredits } from './api.js';
import { ancestorPointers, formatUtc, humanTimestamps, isAtOrBelow } from './format.js';
import { drawTimeline, timelineModel } from './timeline.js';

const $ = (selector) => document.querySelector(selector);

const state = {
  lib: null,
  form: null,
  /** Inputs the user typed in or left: only these show their issues (until a submit attempt). */
  touched: new WeakSet(),
  /** Sections where the user added or removed a row. */
  touchedGroups: new WeakSet(),
  submitAttempted: false,
  /** Issues from the server's last 400, shown on their fields until the draft changes. */
  serverIssues: [],
  sending: false,
  read: null,
  report: null,
  lastCreatedId: null,
  listRequest: 0,
  /** The credits listed: whose, what was shown, and the cursor of the next page (null: none). */
  credits: { customerId: '', items: [], nextPage: null },
};

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (no innerHTML anywhere)

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'onClick') node.addEventListener('click', value);
    else if (key === 'hidden') node.hidden = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Validation and rendering

function isEditable(element) {
  return element instanceof HTMLElement && element.matches('input, select, textarea') &&
    element.closest('#credit-form') !== null && !element.matches('#api_base, #api_token');
}

/** Issues that belong under a target, from the one report of this draft. */
function issuesForTarget(target) {
  const { lib, read, report } = state;
  const local = read.localIssues.filter((issue) =>
    issue.target ? issue.target === target : target.pointer !== null && issue.pointer === target.pointer);
  if (target.pointer === null) return local;
  let own;
  let server;
  if (target.kind === 'field') {
    own = lib.issuesFor(report, target.pointer);
    server = state.serverIssues.filter((issue) => isAtOrBelow(issue.pointer, target.pointer) ||
      (issue.related ?? []).some((related) => isAtOrBelow(related, target.pointer)));
  } else {
    own = [...report.errors, ...report.warnings].filter((issue) => issue.pointer === target.pointer);
    server = state.serverIssues.filter((issue) => issue.pointer === target.pointer);
  }
  const all = [...own, ...server, ...local];
  return [...all.filter((issue) => issue.severity === 'error'), ...all.filter((issue) => issue.severity !== 'error')];
}

function isTargetVisible(target) {
  if (state.submitAttempted) return true;
  if (target.inputs.some((input) => state.touched.has(input))) return true;
  if (target.kind === 'group') {
    if (state.touchedGroups.has(target.container)) return true;
    return [...target.container.querySelectorAll('input, select, textarea')].some((input) => state.touched.has(input));
  }
  return false;
}

/** A target's label for a pointer, for "Ends before: …" prefixes and the Checks list. */
function describePointer(pointer) {
  const targets = state.read.targets.filter((target) => target.pointer !== null);
  const exact = targets.find((target) => target.pointer === pointer && target.kind === 'field') ??
    targets.find((target) => target.pointer === pointer);
  if (exact) return exact.label;
  const list = targets.find((target) => target.entries && pointer.startsWith(`${target.pointer}/`));
  if (list) {
    const index = Number(pointer.slice(list.pointer.length + 1));
    const entry = list.entries[index];
    return `${list.label} · entry ${index + 1}${entry ? ` (“${entry.text.trim()}”)` : ''}`;
  }
  for (const ancestor of ancestorPointers(pointer)) {
    const found = targets.find((target) => target.pointer === ancestor);
    if (found) return `${found.label} (${pointer.slice(ancestor.length + 1)})`;
  }
  return pointer || 'Credit';
}

/**
 * The message shown for an issue. credit-rules' messages are used as they are, except for
 * schedule items, which the page numbers from 1.
 */
function presentMessage(issue) {
  const params = issue.params ?? {};
  if (issue.code === 'overlapping_schedule' && Number.isInteger(params.with)) {
    return `Overlaps schedule item ${params.with + 1}.`;
  }
  return issue.message;
}

function messageText(issue, target) {
  if (issue.target || target.pointer === null || issue.pointer === target.pointer) return presentMessage(issue);
  if (target.entries && issue.pointer.startsWith(`${target.pointer}/`)) {
    const index = Number(issue.pointer.slice(target.pointer.length + 1));
    const entry = target.entries[index];
    return `Entry ${index + 1}${entry ? ` (“${entry.text.trim()}”)` : ''}: ${presentMessage(issue)}`;
  }
  return `${describePointer(issue.pointer)}: ${presentMessage(issue)}`;
}

function severityTag(issue) {
  const word = issue.severity === 'error' ? 'Error' : 'Warning';
  return issue.source === 'server' ? `${word} from the server` : word;
}

function messageElement(issue, text) {
  return el('p', {
    className: `msg ${issue.severity === 'error' ? 'error' : 'warning'}`,
    dataset: { code: issue.code ?? '', severity: issue.severity },
  }, el('span', { className: 'tag' }, severityTag(issue)), ' ', el('span', { className: 'text' }, text));
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** The pointers a fix's patch writes: every op's path, and a move's source (emptied). */
function fixPointers(fix) {
  const pointers = [];
  for (const operation of fix.patch ?? []) {
    if (operation.op === 'move' && typeof operation.from === 'string') pointers.push(operation.from);
    if (typeof operation.path === 'string') pointers.push(operation.path);
  }
  return [...new Set(pointers)];
}

/**
 * The fixes of an issue this form can apply: credit-rules' own (a server's were made for the
 * body it was sent, not for the form), whose every written place is an input here. A rename
 * (unknown_field) writes a key no input holds, so it is never offered: the form cannot make
 * an unknown key in the first place.
 */
function applicableFixes(issue) {
  if (issue.source === 'server' || !Array.isArray(issue.fixes)) return [];
  return issue.fixes.filter((fix) => {
    const pointers = fixPointers(fix);
    return pointers.length > 0 && state.form.canWrite(pointers, state.read.targets);
  });
}

/** The fields a fix writes, for its accessible name: "Schedule item 1 · Starts". */
function fixFields(fix) {
  return [...new Set(fixPointers(fix).map(describePointer))].join(' and ');
}

function fixButton() {
  const button = el('button', { type: 'button', className: 'fix' });
  button.addEventListener('click', () => applyIssueFix(button));
  return button;
}

/** Keeps a holder's fix buttons in step with `fixes`, reusing the buttons already there. */
function syncFixes(holder, issue, fixes) {
  const previous = new Map([...holder.children].map((button) => [button.dataset.key, button]));
  const buttons = fixes.map((fix) => {
    const text = humanTimestamps(fix.message);
    const key = `${fix.kind}\u0000${text}`;
    const button = previous.get(key) ?? fixButton();
    previous.delete(key);
    button.dataset.key = key;
    button.dataset.fixKind = fix.kind;
    button.dataset.issueCode = issue.code ?? '';
    button.dataset.issuePointer = issue.pointer ?? '';
    button.fix = fix;
    if (button.textContent !== text) button.textContent = text;
    // The visible text first (what a voice user says), then the fields it changes.
    button.setAttribute('aria-label', `${text} (${fixFields(fix)})`);
    return button;
  });
  for (const stale of previous.values()) stale.remove();
  buttons.forEach((button, index) => {
    if (holder.children[index] !== button) holder.insertBefore(button, holder.children[index] ?? null);
  });
  holder.hidden = buttons.length === 0;
}

/**
 * Applies a fix from its button: the patched draft is applyFix(the draft the report came
 * from, fix); the inputs the patch writes take their values from it; then one validation.
 * Focus goes to the next fix button where this one was (under the same input, or further down
 * the Checks list), else to the input the fix changed.
 */
function applyIssueFix(button) {
  const { lib, read } = state;
  const fix = button.fix;
  if (!lib || !read || !fix) return;
  const inSummary = button.closest('#summary-list') !== null;
  const list = $('#summary-list');
  const origin = inSummary
    ? { index: [...list.children].indexOf(button.closest('li')) }
    : { messages: button.closest('.messages') };
  const draft = lib.applyFix(read.draft, fix);
  const written = state.form.writeDraft(draft, fixPointers(fix), read.targets);
  if (!written || written.length === 0) return;
  for (const input of written) state.touched.add(input);
  state.serverIssues = [];
  update();

  let next = null;
  if (inSummary) {
    next = [...list.children].slice(Math.max(0, origin.index)).map((item) => item.querySelector('button.fix')).find(Boolean) ?? null;
  } else if (origin.messages?.isConnected) {
    next = origin.messages.querySelector('button.fix');
  }
  const changed = written.find((input) => origin.messages && input.getAttribute('aria-describedby')?.split(' ').includes(origin.messages.id)) ?? written[0];
  const target = next ?? changed;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'nearest' });
}

// ---------------------------------------------------------------------------------------------
// Messages under the inputs

/**
 * Shows `entries` ({ issue, text }) in a messages container, reusing the paragraphs already
 * there: a click on a fix button must find it where it was pressed, even when a blur between
 * mousedown and click re-renders.
 */
function renderMessages(container, entries) {
  const previous = new Map([...container.children].map((node) => [node.dataset.key, node]));
  const seen = new Map();
  const nodes = entries.map(({ issue, text }) => {
    const base = [issue.severity, issue.code, issue.source ?? '', issue.pointer, text].join('\u0000');
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const key = `${base}\u0000${occurrence}`;
    let node = previous.get(key);
    if (node) {
      previous.delete(key);
    } else {
      node = messageElement(issue, text);
      node.dataset.key = key;
      node.append(el('span', { className: 'fixes', hidden: true }));
    }
    syncFixes(node.querySelector('.fixes'), issue, applicableFixes(issue));
    return node;
  });
  for (const stale of previous.values()) stale.remove();
  nodes.forEach((node, index) => {
    if (container.children[index] !== node) container.insertBefore(node, container.children[index] ?? null);
  });
}

function linkDescription(input, messagesId) {
  const ids = [];
  const hint = input.id ? document.getElementById(`${input.id}-hint`) : null;
  if (hint) ids.push(hint.id);
  if (messagesId) ids.push(messagesId);
  const describedBy = ids.join(' ');
  if (ids.length && input.getAttribute('aria-describedby') !== describedBy) input.setAttribute('aria-describedby', describedBy);
}

function renderTarget(target, orphans) {
  const issues = isTargetVisible(target) ? issuesForTarget(target) : [];
  if (target.messages) {
    const entries = issues.map((issue) => ({ issue, text: messageText(issue, target) }));
    // The body's messages also hold what no target shows, whether touched or not.
    if (target.pointer === '') {
      entries.push(...orphans.map((issue) => ({ issue, text: `${describePointer(issue.pointer)}: ${presentMessage(issue)}` })));
    }
    renderMessages(target.messages, entries);
  }
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warned = issues.length > errors.length;
  for (const input of target.inputs) {
    const part = input.dataset.part;
    // A map entry's too_long says whether the key or the value is too long.
    const inError = errors.some((issue) => !part || !issue.params?.part || issue.params.part === part);
    const invalid = inError ? 'true' : 'false';
    if (input.getAttribute('aria-invalid') !== invalid) input.setAttribute('aria-invalid', invalid);
    if (input.classList.contains('has-warning') !== (!inError && warned)) input.classList.toggle('has-warning', !inError && warned);
    linkDescription(input, target.messages?.id);
  }
  const hasError = errors.length > 0 && target.kind === 'field';
  if (target.container && target.container.classList.contains('has-error') !== hasError) target.container.classList.toggle('has-error', hasError);
}

/** Issues no target shows (a shape the form cannot produce, kept visible rather than lost). */
function orphanIssues() {
  const { read, report } = state;
  const fields = read.targets.filter((target) => target.kind === 'field' && target.pointer !== null);
  const groups = read.targets.filter((target) => target.kind === 'group');
  return [...report.errors, ...report.warnings].filter((issue) => {
    const covered = fields.some((target) => isAtOrBelow(issue.pointer, target.pointer) ||
      (issue.related ?? []).some((related) => isAtOrBelow(related, target.pointer))) ||
      groups.some((target) => target.pointer === issue.pointer);
    return !covered;
  });
}

/** One change, one validation: everything shown comes from this report. */
function update() {
  if (!state.lib) return;
  state.read = state.form.read();
  state.report = state.lib.validateCredit(state.read.draft);
  const orphans = orphanIssues();
  for (const target of state.read.targets) renderTarget(target, orphans);
  renderSummary();
  renderTimeline();
  renderPreview();
  renderSendState();
}

function renderTimeline() {
  const model = timelineModel(state.read, state.report, state.lib.issuesFor, Date.now());
  drawTimeline($('#timeline'), $('#timeline-caption'), model);
}

function summaryEntries() {
  const { report, read } = state;
  const local = read.localIssues;
  const server = state.serverIssues;
  return [
    ...report.errors,
    ...server.filter((issue) => issue.severity === 'error'),
    ...report.warnings,
    ...server.filter((issue) => issue.severity !== 'error'),
    ...local,
  ];
}

function renderSummary() {
  const { report } = state;
  const entries = summaryEntries();
  const errorCount = entries.filter((issue) => issue.severity === 'error').length;
  const warningCount = entries.length - errorCount;
  const status = $('#summary-status');
  const panel = $('#summary-panel');
  panel.classList.toggle('is-blocked', errorCount > 0);
  panel.classList.toggle('is-ready', errorCount === 0);
  if (errorCount > 0) {
    status.textContent = `${plural(errorCount, 'error')} to fix before sending` +
      (warningCount ? `, ${plural(warningCount, 'warning')} to review.` : '.');
  } else if (warningCount > 0) {
    status.textContent = `Ready to send. ${plural(warningCount, 'warning')} to review.`;
  } else {
    status.textContent = 'Ready to send. No issues found.';
  }
  status.dataset.valid = String(report.valid);
  // Items are reused by key so that a button being clicked is not swapped out under the pointer
  // (a blur can re-render between mousedown and click).
  const list = $('#summary-list');
  const previous = new Map([...list.children].map((item) => [item.dataset.key, item]));
  const items = entries.map((issue) => {
    const label = issue.target ? issue.target.label : describePointer(issue.pointer);
    const message = presentMessage(issue);
    const key = [issue.severity, issue.code, issue.pointer, label, message].join('\u0000');
    const existing = previous.get(key);
    previous.delete(key);
    if (existing) {
      existing.issue = issue;
      syncFixes(existing.querySelector('.summary-fixes'), issue, applicableFixes(issue));
      return existing;
    }
    const item = el('li', { dataset: { key } });
    item.issue = issue;
    item.append(el('button', {
      type: 'button',
      className: `summary-item ${issue.severity === 'error' ? 'error' : 'warning'}`,
      dataset: { issuePointer: issue.pointer ?? '', code: issue.code ?? '' },
      onClick: () => focusIssue(item.issue),
    },
    el('span', { className: 'tag' }, severityTag(issue)),
    el('span', { className: 'summary-field' }, label),
    el('span', { className: 'summary-message' }, message)));
    const fixes = el('div', { className: 'summary-fixes', hidden: true });
    item.append(fixes);
    syncFixes(fixes, issue, applicableFixes(issue));
    return item;
  });
  for (const stale of previous.values()) stale.remove();
  items.forEach((item, index) => {
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] ?? null);
  });
}

function renderPreview() {
  const { report, lib } = state;
  const sentence = $('#sentence');
  const json = $('#json-preview');
  if (report.valid) {
    let text;
    try {
      text = lib.describeCredit(report.value);
    } catch (error) {
      text = `(could not describe the credit: ${error?.message ?? error})`;
    }
    sentence.textContent = text;
    sentence.classList.remove('muted');
    json.textContent = JSON.stringify(report.value, null, 2);
    json.classList.remove('muted');
  } else {
    sentence.textContent = 'The summary sentence appears once the errors are fixed.';
    sentence.classList.add('muted');
    json.textContent = 'The normalized body appears once the errors are fixed.';
    json.classList.add('muted');
  }
}

function renderSendState() {
  const submit = $('#submit');
  const errors = summaryEntries().filter((issue) => issue.severity === 'error').length;
  submit.disabled = state.sending || !state.report.valid;
  submit.textContent = state.sending ? 'Sending…' : 'Create credit';
  const status = $('#submit-status');
  if (state.sending) status.textContent = 'Sending the credit…';
  else if (!state.report.valid) status.textContent = `Fix ${plural(errors, 'error')} first (listed under Checks).`;
  else status.textContent = 'Ready: the body shown under Preview will be sent.';
  const endpoint = endpointUrl($('#api_base').value, CREATE_PATH);
  $('#endpoint-preview').textContent = endpoint.kind === 'url' ? `POST ${endpoint.url}` : endpoint.message;
}

// ---------------------------------------------------------------------------------------------
// From an issue to its input

/** The target and element an issue is about: its input, else a related one, else its section. */
function locate(issue) {
  if (issue.target) return { target: issue.target, element: issue.target.inputs[0] };
  const targets = state.read.targets;
  const fields = targets.filter((target) => target.kind === 'field' && target.pointer !== null);
  const groups = targets.filter((target) => target.kind === 'group');
  const pointer = issue.pointer ?? '';
  const pick = (target) => {
    const part = issue.params?.part;
    return target.inputs.find((input) => part && input.dataset.part === part) ?? target.inputs[0];
  };

  const exact = fields.find((target) => target.pointer === pointer);
  if (exact) return { target: exact, element: pick(exact) };
  const list = fields.find((target) => target.entries && pointer.startsWith(`${target.pointer}/`));
  if (list) {
    const entry = list.entries[Number(pointer.slice(list.pointer.length + 1))];
    return { target: list, element: list.inputs[0], entry };
  }
  for (const related of issue.related ?? []) {
    const found = fields.find((target) => target.pointer === related);
    if (found) return { target: found, element: pick(found) };
  }
  const below = fields.find((target) => target.pointer.startsWith(`${pointer}/`));
  if (below) return { target: below, element: pick(below) };
  for (const candidate of [pointer, ...ancestorPointers(pointer)]) {
    const field = fields.find((target) => target.pointer === candidate);
    if (field) return { target: field, element: pick(field) };
    const group = groups.find((target) => target.pointer === candidate);
    if (group) {
      const element = group.focusFallback ?? group.container.querySelector('input, select, textarea, button');
      return { target: group, element };
    }
  }
  return null;
}

function focusIssue(issue) {
  const found = locate(issue);
  if (!found) return;
  const { target, element, entry } = found;
  for (const input of target.inputs) state.touched.add(input);
  if (target.kind === 'group') state.touchedGroups.add(target.container);
  update();
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  if (entry && typeof element.setSelectionRange === 'function') element.setSelectionRange(entry.start, entry.end);
}

// ---------------------------------------------------------------------------------------------
// Sending and listing

function apiSettings() {
  return { baseUrl: $('#api_base').value, token: $('#api_token').value };
}

function showOutcome(kind, title, ...body) {
  const outcome = $('#outcome');
  outcome.hidden = false;
  outcome.className = `outcome outcome-${kind}`;
  outcome.dataset.kind = kind;
  outcome.replaceChildren(el('h3', {}, title), ...body);
}

function serverMessage(message) {
  return message ? el('p', { className: 'server-message' }, 'Server said: ', el('q', {}, message)) : null;
}

async function submit() {
  state.submitAttempted = true;
  update();
  if (!state.report.valid || state.sending) {
    const first = state.report.errors[0];
    if (first) focusIssue(first);
    return;
  }
  const body = state.report.value;
  state.sending = true;
  showOutcome('sending', 'Sending…', el('p', {}, 'Waiting for the server.'));
  update();
  let outcome;
  try {
    outcome = await createCredit({ ...apiSettings(), body });
  } finally {
    state.sending = false;
  }
  switch (outcome.kind) {
    case 'created':
      state.lastCreatedId = outcome.id;
      showOutcome('created', 'Credit created',
        el('p', {}, 'New credit ID: ', el('code', { id: 'created-id' }, outcome.id)),
        el('p', {}, 'It is listed under “Credits of this customer” below.' +
          (body.uniqueness_key ? ' To create another credit, generate a new uniqueness key first.' : '')));
      loadCredits(body.customer_id);
      break;
    case 'invalid':
      state.serverIssues = outcome.issues.map((issue) => ({ ...issue, source: 'server' }));
      showOutcome('invalid', 'The server rejected the credit (400)',
        serverMessage(outcome.message),
        outcome.issues.length
          ? el('ul', { className: 'outcome-issues' }, ...state.serverIssues.map((issue) => el('li', {},
            el('button', { type: 'button', className: 'link', onClick: () => focusIssue(issue) },
              `${describePointer(issue.pointer)}: ${presentMessage(issue)}`))))
          : null,
        outcome.issues.length ? el('p', { className: 'hint' }, 'These are also marked on their fields.') : null);
      break;
    case 'unauthorized':
      showOutcome('unauthorized', 'The token was refused (401)',
        el('p', {}, outcome.hadToken
          ? 'The server did not accept the API token, so nothing was created. Check the API token field: the server prints the right address, with the token, when it starts (“Open http://…/#token=…”).'
          : 'No API token was given, so nothing was created. Enter the token in the API token field.'),
        serverMessage(outcome.message));
      break;
    case 'conflict':
      showOutcome('conflict', 'Uniqueness key already used (409)',
        el('p', {}, 'A credit or commit with this uniqueness key already exists, so nothing was created. ' +
          'If you do mean to create another credit, use a new key.'),
        serverMessage(outcome.message),
        el('button', { type: 'button', id: 'regenerate-key', className: 'secondary', onClick: () => {
          generateKey();
          $('#outcome').hidden = true;
          $('#submit').focus();
        } }, 'Generate a new key'));
      break;
    case 'too_large':
      showOutcome('error', 'The request is too large (413)',
        el('p', {}, 'The server refused the body because of its size. Shorten the long fields or lists.'),
        serverMessage(outcome.message));
      break;
    case 'network':
      showOutcome('network', 'Could not reach the API',
        el('p', {}, `The request to ${outcome.url} failed (${outcome.message}). Nothing was created. ` +
          'Check the API base URL and that the server is running; a server on another origin must also allow cross-origin requests.'));
      break;
    case 'bad_input':
      showOutcome('error', 'Cannot send', el('p', {}, outcome.message));
      break;
    default:
      showOutcome('error', `Unexpected answer from the server (${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ''})`,
        serverMessage(outcome.message));
  }
  update();
}

function currentCustomerId() {
  const value = state.report?.value?.customer_id;
  if (value) return value;
  return String(state.read?.draft.customer_id ?? '').trim().toLowerCase();
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const textOf = (value) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * One listed credit, from either answer shape, every field but the id optional:
 *   - Metronome's `Credit` (@metronome/sdk): { id, type: "CREDIT", product: { id, name },
 *     access_schedule: { credit_type: { id, name }, schedule_items: [{ id, amount, starting_at,
 *     ending_before }] }, priority, name, created_at?, applicable_*, specifiers, ... };
 *   - the older sandbox's { id, created_at, credit: <the body as created> }.
 * `body` is what describeCredit reads: the create body the credit stands for.
 */
function creditView(entry, customerId) {
  if (!isObject(entry)) return null;
  if (isObject(entry.credit)) {
    const body = entry.credit;
    return {
      id: String(entry.id ?? ''), name: textOf(body.name), createdAt: textOf(entry.created_at), body,
      product: textOf(body.product_id), creditType: textOf(body.access_schedule?.credit_type_id),
    };
  }
  const schedule = isObject(entry.access_schedule) ? entry.access_schedule : {};
  const creditType = isObject(schedule.credit_type) ? schedule.credit_type : {};
  const product = isObject(entry.product) ? entry.product : {};
  const body = {
    customer_id: customerId,
    product_id: product.id,
    priority: entry.priority,
    access_schedule: {
      credit_type_id: textOf(creditType.id) ?? undefined,
      schedule_items: Array.isArray(schedule.schedule_items) ? schedule.schedule_items.filter(isObject).map((item) => ({
        amount: item.amount, starting_at: item.starting_at, ending_before: item.ending_before,
      })) : [],
      access_type: textOf(schedule.access_type) ?? undefined,
    },
    name: entry.name,
    applicable_contract_ids: entry.applicable_contract_ids,
    applicable_product_ids: entry.applicable_product_ids,
    applicable_product_tags: entry.applicable_product_tags,
    specifiers: Array.isArray(entry.specifiers) && entry.specifiers.length ? entry.specifiers : undefined,
  };
  return {
    id: String(entry.id ?? ''), name: textOf(entry.name), createdAt: textOf(entry.created_at), body,
    product: textOf(product.name) ?? textOf(product.id), creditType: textOf(creditType.name),
  };
}

function renderCredit(view) {
  // describeCredit's sentence when the credit reads as a valid body (a field the list leaves
  // out, such as a priority, leaves no sentence rather than "errors to fix").
  const report = state.lib.validateCredit(view.body, { allowUnknownFields: true });
  const sentence = report.valid ? state.lib.describeCredit(report.value) : '';
  const isNew = view.id === state.lastCreatedId;
  const meta = [el('span', {}, 'ID ', el('code', {}, view.id))];
  if (view.product) meta.push(el('span', {}, ' · product ', view.product));
  if (view.creditType) meta.push(el('span', {}, ' · ', view.creditType));
  if (view.createdAt) meta.push(el('span', {}, ' · created ', el('time', { datetime: view.createdAt }, formatUtc(view.createdAt))));
  return el('li', { className: `credit-item${isNew ? ' is-new' : ''}`, dataset: { id: view.id } },
    el('div', { className: 'credit-head' },
      el('strong', { className: 'credit-name' }, view.name ?? 'Unnamed credit'),
      isNew ? el('span', { className: 'badge' }, 'just created') : null),
    sentence ? el('p', { className: 'credit-sentence' }, sentence) : null,
    el('p', { className: 'credit-meta' }, ...meta));
}

/**
 * Lists the customer's credits, first page; with `more`, the next page of the list shown
 * (the API's `next_page` cursor), appended.
 */
async function loadCredits(customerIdOverride, { more = false } = {}) {
  const customerId = more ? state.credits.customerId : customerIdOverride ?? currentCustomerId();
  const status = $('#credits-status');
  const list = $('#credits');
  const moreButton = $('#more-credits');
  $('#sec-credits').textContent = customerId ? 'Credits of this customer' : 'Credits';
  if (!customerId) {
    status.textContent = 'Enter a customer ID in section 1, then press Refresh to see its credits.';
    state.credits = { customerId: '', items: [], nextPage: null };
    list.replaceChildren();
    moreButton.hidden = true;
    return;
  }
  state.listRequest += 1;
  const request = state.listRequest;
  status.textContent = more ? 'Loading more credits…' : `Loading the credits of customer ${customerId}…`;
  const outcome = await listCredits({ ...apiSettings(), customerId, nextPage: more ? state.credits.nextPage : null });
  if (request !== state.listRequest) return; // a newer request is under way
  if (outcome.kind === 'listed') {
    const views = outcome.credits.map((entry) => creditView(entry, customerId)).filter(Boolean);
    const shownBefore = more ? state.credits.items.length : 0;
    state.credits = { customerId, items: [...(more ? state.credits.items : []), ...views], nextPage: outcome.nextPage };
    const count = state.credits.items.length;
    status.textContent = count
      ? `${plural(count, 'credit')} of customer ${customerId}${outcome.nextPage ? ', and more to load' : ''}.`
      : `No credits yet for customer ${customerId}.`;
    const items = state.credits.items.map(renderCredit);
    list.replaceChildren(...items);
    const hadFocus = document.activeElement === moreButton;
    moreButton.hidden = outcome.nextPage === null;
    // The first credit just loaded takes the focus the More button had, if it is gone.
    if (more && hadFocus && moreButton.hidden && items[shownBefore]) {
      items[shownBefore].tabIndex = -1;
      items[shownBefore].focus();
    }
    return;
  }
  if (!more) {
    list.replaceChildren();
    moreButton.hidden = true;
  }
  const reasons = {
    unauthorized: 'the token was refused (401)',
    network: `the API could not be reached (${outcome.message})`,
    bad_input: outcome.message,
    invalid: `the server rejected the request (400${outcome.message ? `: ${outcome.message}` : ''})`,
  };
  status.textContent = `Could not load the credits: ${reasons[outcome.kind] ??
    `unexpected answer ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}`}.`;
}

// ---------------------------------------------------------------------------------------------
// Wiring

function generateKey() {
  const input = $('#uniqueness_key');
  input.value = crypto.randomUUID();
  state.touched.add(input);
  state.serverIssues = [];
  update();
}

/** Takes the token from `#token=` and drops it from the address, so that it does not stay
 * in the address bar, the tab's history or a copied link (a fragment is never sent). */
function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token') ?? '';
  if (token) {
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  return token;
}

function resetInteraction() {
  state.touched = new WeakSet();
  state.touchedGroups = new WeakSet();
  state.submitAttempted = false;
  state.serverIssues = [];
  $('#outcome').hidden = true;
}

function wire() {
  const formElement = $('#credit-form');
  const onEdit = (event) => {
    if (!isEditable(event.target)) return;
    state.touched.add(event.target);
    state.serverIssues = [];
    update();
  };
  formElement.addEventListener('input', onEdit);
  // Text inputs report every keystroke through "input"; only selects need "change".
  formElement.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) onEdit(event);
  });
  formElement.addEventListener('focusout', (event) => {
    if (!isEditable(event.target) || state.touched.has(event.target)) return;
    state.touched.add(event.target);
    update();
  });
  formElement.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  $('#api_base').addEventListener('input', () => renderSendState());
  $('#generate-key').addEventListener('click', generateKey);
  $('#toggle-token').addEventListener('click', () => {
    const token = $('#api_token');
    const show = token.type === 'password';
    token.type = show ? 'text' : 'password';
    $('#toggle-token').textContent = show ? 'Hide' : 'Show';
    $('#toggle-token').setAttribute('aria-pressed', String(show));
  });
  $('#refresh-credits').addEventListener('click', () => loadCredits());
  $('#more-credits').addEventListener('click', () => loadCredits(undefined, { more: true }));
  $('#load-example').addEventListener('click', () => {
    resetInteraction();
    state.form.fillExample();
    update();
  });
  $('#reset-form').addEventListener('click', () => {
    state.form.clear();
    resetInteraction();
    update();
  });
  window.addEventListener('hashchange', () => {
    const token = takeTokenFromFragment();
    if (token) $('#api_token').value = token;
  });
}

async function main() {
  $('#api_base').value = location.origin;
  $('#api_token').value = takeTokenFromFragment();
  state.form = new CreditForm($('#credit-form'), {
    onStructureChange: (group) => {
      state.touchedGroups.add(group);
      state.serverIssues = [];
      update();
    },
  });
  state.form.addScheduleItem();
  state.touchedGroups = new WeakSet(); // the first row is ours, not the user's
  wire();
  try {
    const lib = await import('../pkg/index.js');
    await lib.default();
    // Every limit, step and allowed value the page states comes from the package.
    state.form.applyRules(lib.creditFields());
    state.lib = lib;
  } catch (error) {
    const message = $('#load-error');
    message.hidden = false;
    message.textContent = `The validator could not be loaded from pkg/ (${error?.message ?? error}). ` +
      'Build it with “bash scripts/build-pkg” and reload.';
    $('#summary-status').textContent = 'The validator is not loaded.';
    document.body.dataset.ready = 'error';
    return;
  }
  update();
  loadCredits();
  document.body.dataset.ready = 'true';
}

main();
