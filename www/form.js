// The form: its repeatable rows, the draft it stands for, and the "targets" where issues show.
//
// The DOM is the only state. Every read walks the form in document order and returns
//   - draft:   the credit body as typed (strings as typed, blanks left for credit-rules to judge),
//   - targets: one per place that shows issues, each with the JSON pointer it stands for.
// Pointers are recomputed on every read, so removing schedule item 1 makes item 2 "/…/1" at once.

import {
  alignmentText,
  datetimeLocalToUtc,
  escapePointerToken,
  parsePointer,
  timestampToDatetimeLocal,
  exclusiveMinimumText,
  formatCents,
  mapLimitsText,
  optionalTextPlaceholder,
  parseFormNumber,
  splitListText,
} from './format.js';

let idCounter = 0;
function newId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Clones a row template and gives its inputs unique ids, wiring labels and aria-describedby. */
function instantiate(templateId) {
  const template = document.getElementById(templateId);
  const root = template.content.firstElementChild.cloneNode(true);
  const ids = new Map();
  for (const input of root.querySelectorAll('[data-slot]')) {
    const id = newId(input.dataset.slot);
    input.id = id;
    ids.set(input.dataset.slot, id);
  }
  for (const label of root.querySelectorAll('label[data-label-for]')) {
    label.htmlFor = ids.get(label.dataset.labelFor);
  }
  for (const hint of root.querySelectorAll('[data-hint-for]')) {
    hint.id = `${ids.get(hint.dataset.hintFor)}-hint`;
  }
  for (const messages of root.querySelectorAll('[data-messages-for]')) {
    messages.id = `${ids.get(messages.dataset.messagesFor)}-msg`;
  }
  for (const messages of root.querySelectorAll('.messages:not([id])')) {
    messages.id = newId('msg');
  }
  return root;
}

/** Labels of the fields whose inputs are in the static HTML. */
const STATIC_LABELS = {
  '/customer_id': 'Customer ID',
  '/product_id': 'Product ID',
  '/priority': 'Priority',
  '/access_schedule/credit_type_id': 'Custom credit type ID',
  '/access_schedule/access_type': 'Access type',
  '/applicable_contract_ids': 'Contract IDs',
  '/applicable_product_ids': 'Product IDs',
  '/applicable_product_tags': 'Product tags',
  '/name': 'Name',
  '/description': 'Description',
  '/rate_type': 'Rate type',
  '/uniqueness_key': 'Uniqueness key',
  '/netsuite_sales_order_id': 'NetSuite sales order ID',
  '/salesforce_opportunity_id': 'Salesforce opportunity ID',
};

const SCHEDULE_LABELS = { amount: 'Amount', starting_at: 'Starts', ending_before: 'Ends before' };
const SPECIFIER_LABELS = { product_id: 'Product ID', product_tags: 'Product tags', exclude: 'Except products tagged' };

/** The access type whose amounts are quantities, not money (SPEC section 2, `access_type`). */
const QUANTITY_ACCESS_TYPE = 'QUANTITY';
const MAP_LABELS = { pricing_group_values: 'Pricing group values', presentation_group_values: 'Presentation group values' };

/**
 * Sets a node's text, or a data attribute, only when it changes: read() runs on every keystroke,
 * and a write of the same text still makes the browser lay the page out again.
 */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
function setData(node, key, value) {
  if (node.dataset[key] !== value) node.dataset[key] = value;
}
function setAttribute(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Sets `maxlength` from a limit in code points, or removes it (null: no limit). */
function setMaxLength(input, maxLength) {
  // maxlength counts UTF-16 code units, the rules code points: the attribute stops typing at
  // the limit for most text, and credit-rules remains the judge.
  if (maxLength === null) input.removeAttribute('maxlength');
  else input.maxLength = maxLength;
}

export class CreditForm {
  /**
   * @param {HTMLFormElement} form
   * @param {{ onStructureChange: (group: Element) => void }} hooks called after a row is added or
   *   removed, with the section it happened in (the page then treats that section as touched).
   */
  constructor(form, hooks) {
    this.form = form;
    this.hooks = hooks;
    this.scheduleItems = form.querySelector('#schedule-items');
    this.specifiers = form.querySelector('#specifiers');
    this.customFields = form.querySelector('#custom-fields');
    this.creditTypeMode = form.querySelector('#credit_type_mode');
    this.creditTypeField = form.querySelector('#credit-type-id-field');
    this.timestampMode = form.querySelector('#timestamp_mode');
    /** The mode the schedule's timestamp inputs are in now ("picker" or "text"). */
    this.timestampModeShown = 'picker';
    /** creditFields() of the package, once it is loaded (applyRules). */
    this.fields = null;

    form.querySelector('#add-schedule-item').addEventListener('click', () => {
      this.focusFirst(this.addScheduleItem());
    });
    form.querySelector('#add-specifier').addEventListener('click', () => {
      this.focusFirst(this.addSpecifier());
    });
    form.querySelector('#add-custom-field').addEventListener('click', () => {
      this.focusFirst(this.addKeyValue(this.customFields));
    });
    this.creditTypeMode.addEventListener('change', () => this.syncCreditTypeMode());
    this.timestampMode.addEventListener('change', () => {
      this.switchTimestampMode(this.timestampMode.value);
      this.changed(this.form.querySelector('#schedule-section'));
    });
  }

  /**
   * States the rules as the package has them (creditFields()): limits, steps, allowed values
   * and the hints and placeholders that word them, on the static inputs, the row templates and
   * the rows already there. The page holds no rule of its own.
   */
  applyRules(fields) {
    this.fields = fields;
    const $ = (selector) => this.form.querySelector(selector);
    const template = (id) => document.getElementById(id).content;

    const uniquenessKey = fields['/uniqueness_key'];
    setMaxLength($('#uniqueness_key'), uniquenessKey.maxLength);
    $('#uniqueness_key').placeholder = optionalTextPlaceholder(uniquenessKey.maxLength);

    const rateType = $('#rate_type');
    for (const option of [...rateType.options]) if (option.value !== '') option.remove();
    rateType.append(...fields['/rate_type'].values.map((value) => new Option(value, value)));

    const accessType = fields['/access_schedule/access_type'];
    const accessSelect = $('#access_type');
    for (const option of [...accessSelect.options]) if (option.value !== '') option.remove();
    // Not set stays absent: an account without the feature is never sent the field.
    accessSelect.options[0].textContent = `Not set (means ${accessType.default})`;
    accessSelect.append(...accessType.values.map((value) => new Option(value, value)));
    $('#access_type-hint').textContent = accessType.description;

    const customFields = fields['/custom_fields'];
    $('#custom-fields-hint').textContent = mapLimitsText(customFields.keyMaxLength, customFields.valueMaxLength);
    for (const row of this.customFields.children) this.applyMapLimits(row);

    const item = '/access_schedule/schedule_items/*';
    $('#schedule-alignment').textContent = ` and ${alignmentText(fields[`${item}/starting_at`].alignSeconds)}`;
    const scheduleRoots = [template('tpl-schedule-item'), ...this.scheduleItems.children];
    for (const root of scheduleRoots) {
      for (const name of ['starting_at', 'ending_before']) {
        // A datetime-local step in seconds: the picker offers whole hours only.
        root.querySelector(`[data-field="${name}"]`).step = String(fields[`${item}/${name}`].alignSeconds);
      }
      root.querySelector('[data-role="amount-rule"]').textContent =
        exclusiveMinimumText(fields[`${item}/amount`].exclusiveMinimum);
    }
    for (const root of [template('tpl-specifier'), ...this.specifiers.children]) {
      root.querySelector('[data-hint-for="exclude"]').textContent = fields['/specifiers/*/exclude'].description;
    }
  }

  /** The custom fields' key and value limits on one of its rows. */
  applyMapLimits(row) {
    if (!this.fields) return;
    const { keyMaxLength, valueMaxLength } = this.fields['/custom_fields'];
    setMaxLength(row.querySelector('[data-part="key"]'), keyMaxLength);
    setMaxLength(row.querySelector('[data-part="value"]'), valueMaxLength);
  }

  /** The credit type an absent credit_type_id means (amounts in cents). */
  get usdCreditTypeId() {
    return this.fields?.['/access_schedule/credit_type_id'].default ?? null;
  }

  focusFirst(row) {
    row.querySelector('input, select, textarea')?.focus();
  }

  changed(group) {
    this.hooks.onStructureChange(group);
  }

  syncCreditTypeMode() {
    this.creditTypeField.hidden = this.creditTypeMode.value !== 'custom';
  }

  addScheduleItem({ amount = '', starts = '', ends = '' } = {}) {
    const row = instantiate('tpl-schedule-item');
    row.querySelector('[data-field="amount"]').value = amount;
    this.applyTimestampMode(row);
    this.setTimestamp(row.querySelector('[data-field="starting_at"]'), starts);
    this.setTimestamp(row.querySelector('[data-field="ending_before"]'), ends);
    row.querySelector('[data-action="remove"]').addEventListener('click', () => {
      row.remove();
      this.changed(this.form.querySelector('#schedule-section'));
    });
    this.scheduleItems.append(row);
    this.changed(this.form.querySelector('#schedule-section'));
    return row;
  }

  addSpecifier({ productId = '', productTags = '', pricing = [], presentation = [] } = {}) {
    const row = instantiate('tpl-specifier');
    row.querySelector('[data-field="product_id"]').value = productId;
    row.querySelector('[data-field="product_tags"]').value = productTags;
    for (const group of row.querySelectorAll('.kv-group')) {
      const rows = group.querySelector('[data-role="kv-rows"]');
      group.querySelector('[data-action="add-kv"]').addEventListener('click', () => {
        this.focusFirst(this.addKeyValue(rows));
      });
      const entries = group.dataset.map === 'pricing_group_values' ? pricing : presentation;
      for (const [key, value] of entries) this.addKeyValue(rows, key, value);
    }
    row.querySelector(':scope > .row-actions [data-action="remove"]').addEventListener('click', () => {
      row.remove();
      this.changed(this.form.querySelector('#specifiers-section'));
    });
    this.specifiers.append(row);
    this.changed(this.form.querySelector('#specifiers-section'));
    return row;
  }

  addKeyValue(container, key = '', value = '') {
    const row = instantiate('tpl-kv');
    row.querySelector('[data-part="key"]').value = key;
    row.querySelector('[data-part="value"]').value = value;
    row.querySelector('[data-action="remove"]').addEventListener('click', () => {
      const group = container.parentElement;
      row.remove();
      this.changed(group);
    });
    if (container === this.customFields) this.applyMapLimits(row);
    container.append(row);
    this.changed(container.parentElement);
    return row;
  }

  /** Empties every field and row; leaves one blank schedule item. */
  clear() {
    for (const input of this.form.querySelectorAll('input[data-pointer], textarea[data-pointer]')) input.value = '';
    this.form.querySelector('#rate_type').value = '';
    this.form.querySelector('#access_type').value = '';
    this.creditTypeMode.value = 'usd';
    this.syncCreditTypeMode();
    this.scheduleItems.replaceChildren();
    this.specifiers.replaceChildren();
    this.customFields.replaceChildren();
    this.addScheduleItem();
  }

  /** True when the credit type is USD: no custom credit type, or the USD one typed in. */
  isUsd() {
    if (this.creditTypeMode.value !== 'custom') return true;
    const id = this.form.querySelector('#credit_type_id').value.trim().toLowerCase();
    return id === '' || id === this.usdCreditTypeId;
  }

  /** True when the access type makes amounts quantities (units), whatever the credit type. */
  isQuantity() {
    return this.form.querySelector('#access_type').value.trim().toUpperCase() === QUANTITY_ACCESS_TYPE;
  }

  // -------------------------------------------------------------------------------------------
  // Timestamps: a datetime-local picker read as UTC, or text sent as typed

  /** Gives a row's timestamp inputs the current mode's type, labels and placeholder. */
  applyTimestampMode(root) {
    const text = this.timestampModeShown === 'text';
    for (const input of root.querySelectorAll('[data-field="starting_at"], [data-field="ending_before"]')) {
      input.type = text ? 'text' : 'datetime-local';
      input.spellcheck = false;
      input.placeholder = text ? 'e.g. 2027-01-01T09:00:00Z' : '';
    }
    for (const zone of root.querySelectorAll('.tz')) zone.hidden = text;
  }

  /**
   * Writes a timestamp into an input in the current mode: in the picker, an RFC 3339 text (or a
   * datetime-local value) becomes its UTC wall-clock time; as text it is written as it is.
   * Returns false when the picker cannot show it.
   */
  setTimestamp(input, value) {
    if (input.type !== 'datetime-local') {
      input.value = value;
      return true;
    }
    const local = timestampToDatetimeLocal(value);
    if (local === null) return false;
    input.value = local;
    return true;
  }

  /**
   * Switches the schedule's timestamp inputs between the picker and text, keeping what each one
   * means: a picked time becomes its UTC text (`2027-01-01T09:00:00Z`); a typed time goes back
   * into the picker when it is one the picker can show. When one is not (text that is no
   * timestamp), nothing switches and the note says which.
   */
  switchTimestampMode(mode) {
    const note = this.form.querySelector('#timestamp_mode-note');
    note.textContent = '';
    if (mode === this.timestampModeShown) return;
    const rows = [...this.scheduleItems.children];
    const inputs = rows.flatMap((row) => [...row.querySelectorAll('[data-field="starting_at"], [data-field="ending_before"]')]);
    if (mode === 'picker') {
      const stuck = inputs.filter((input) => input.value.trim() !== '' && timestampToDatetimeLocal(input.value) === null);
      if (stuck.length > 0) {
        this.timestampMode.value = this.timestampModeShown;
        const names = stuck.map((input) => {
          const row = rows.indexOf(input.closest('.schedule-item'));
          return `item ${row + 1} · ${SCHEDULE_LABELS[input.dataset.field]} (“${input.value.trim()}”)`;
        });
        note.textContent = `Still text: a picker cannot show ${names.join(', ')}. Correct or clear ${stuck.length === 1 ? 'it' : 'them'} first.`;
        return;
      }
    }
    const values = inputs.map((input) => (mode === 'text' ? datetimeLocalToUtc(input.value) : input.value.trim()));
    this.timestampModeShown = mode;
    for (const row of rows) this.applyTimestampMode(row);
    this.applyTimestampMode(document.getElementById('tpl-schedule-item').content);
    inputs.forEach((input, index) => this.setTimestamp(input, values[index]));
  }

  // -------------------------------------------------------------------------------------------
  // Writing a patched draft back (fixes)

  /**
   * Where a pointer of the draft is held: a field target's one input, an entry of a list field
   * (`index`), or nowhere (null).
   */
  holderOf(pointer, targets) {
    const fields = targets.filter((target) => target.kind === 'field' && target.pointer !== null);
    const exact = fields.find((target) => target.pointer === pointer && target.inputs.length === 1);
    if (exact) return { target: exact };
    const list = fields.find((target) => target.entries && pointer.startsWith(`${target.pointer}/`));
    if (list) {
      const token = pointer.slice(list.pointer.length + 1);
      const index = Number(token);
      if (/^\d+$/.test(token) && index < list.entries.length) return { target: list, index };
    }
    return null;
  }

  /** True when every pointer can be written into an input of this form (targets of the last read). */
  canWrite(pointers, targets) {
    return pointers.every((pointer) => this.holderOf(pointer, targets) !== null);
  }

  /**
   * Writes the values a patched draft has at `pointers` into the inputs that hold them (targets
   * of the read of the draft the patch was made for). Returns the inputs written, or null when
   * a pointer has no input (then nothing is written).
   */
  writeDraft(draft, pointers, targets) {
    const holders = pointers.map((pointer) => ({ pointer, holder: this.holderOf(pointer, targets) }));
    if (holders.some(({ holder }) => holder === null)) return null;
    const written = [];
    for (const { pointer, holder } of holders) {
      const input = holder.target.inputs[0];
      const value = valueAt(draft, pointer);
      const text = value === undefined || value === null ? '' : String(value);
      if (holder.index !== undefined) {
        // One entry of a list: its text is replaced where it stands, the rest kept as typed.
        const entry = splitListText(input.value)[holder.index];
        if (!entry) continue;
        const lead = /^\s*/.exec(entry.text)[0];
        const trail = entry.text.trim() === '' ? '' : /\s*$/.exec(entry.text)[0];
        input.value = `${input.value.slice(0, entry.start)}${lead}${text}${trail}${input.value.slice(entry.end)}`;
      } else if (input.dataset.field === 'starting_at' || input.dataset.field === 'ending_before') {
        if (!this.setTimestamp(input, text)) continue;
      } else if (input instanceof HTMLSelectElement && ![...input.options].some((option) => option.value === text)) {
        continue;
      } else {
        input.value = text;
      }
      written.push(input);
    }
    return written;
  }

  /**
   * Reads the form.
   * @returns {{ draft: object, targets: Target[], localIssues: object[] }}
   *
   * Target: { kind: "field" | "group", pointer: string | null, label, inputs: Element[],
   *           messages: Element, container: Element, entries?: {text,start,end}[] }
   * A field target shows issuesFor(report, pointer); a group target shows the issues whose
   * pointer is exactly its pointer (the ones below it have their own fields).
   */
  read() {
    const draft = {};
    const targets = [];
    const localIssues = [];
    const $ = (selector) => this.form.querySelector(selector);

    targets.push({
      kind: 'group', pointer: '', label: 'Credit', inputs: [],
      messages: $('#general-messages'), container: this.form,
    });

    const staticField = (input) => {
      const pointer = input.dataset.pointer;
      const target = {
        kind: 'field', pointer, label: STATIC_LABELS[pointer] ?? pointer, inputs: [input],
        messages: document.getElementById(`${input.id}-msg`), container: input.closest('.field'),
      };
      if (input.dataset.list === 'true') target.entries = splitListText(input.value);
      targets.push(target);
      return target;
    };
    const putText = (key, input) => {
      staticField(input);
      if (input.value !== '') draft[key] = input.value;
    };
    const putList = (key, input) => {
      const target = staticField(input);
      if (input.value.trim() !== '') draft[key] = target.entries.map((entry) => entry.text);
    };

    // 1. Customer & product
    putText('customer_id', $('#customer_id'));
    putText('product_id', $('#product_id'));
    putText('priority', $('#priority'));

    // 2. Access schedule (credit type first: it is part of the schedule object)
    const accessSchedule = {};
    if (this.creditTypeMode.value === 'custom') {
      const input = $('#credit_type_id');
      staticField(input);
      if (input.value.trim() === '') {
        localIssues.push({
          severity: 'warning', code: 'page_no_credit_type', pointer: input.dataset.pointer,
          message: 'No credit type ID given: the credit will be in USD cents.',
        });
      } else {
        accessSchedule.credit_type_id = input.value;
      }
    }
    const usd = this.isUsd();
    const quantity = this.isQuantity();
    const cents = usd && !quantity;
    targets.push({
      kind: 'group', pointer: '/access_schedule/schedule_items', label: 'Schedule', inputs: [],
      messages: $('#schedule-msg'), container: $('#schedule-section'),
      focusFallback: $('#add-schedule-item'),
    });
    accessSchedule.schedule_items = [...this.scheduleItems.children].map((row, index) => {
      setText(row.querySelector('.row-number'), String(index + 1));
      setText(row.querySelector('.amount-label'), cents ? 'Amount (cents)' : quantity ? 'Amount (units)' : 'Amount (credit type units)');
      const item = {};
      for (const input of row.querySelectorAll('[data-field]')) {
        const field = input.dataset.field;
        const pointer = `/access_schedule/schedule_items/${index}/${field}`;
        setData(input, 'pointer', pointer);
        targets.push({
          kind: 'field', pointer, label: `Schedule item ${index + 1} · ${SCHEDULE_LABELS[field]}`,
          inputs: [input], messages: document.getElementById(`${input.id}-msg`), container: input.closest('.field'),
        });
        if (field === 'amount') {
          item.amount = input.value;
          const amount = parseFormNumber(input.value);
          setText(row.querySelector('[data-role="money"]'), cents && amount !== null ? `= ${formatCents(amount)}` : '');
        } else if (input.type === 'datetime-local') {
          item[field] = datetimeLocalToUtc(input.value);
          setText(input.closest('.field').querySelector('[data-role="utc-echo"]'), item[field] ? `Sent as ${item[field]}` : '');
        } else {
          // Typed text is credit-rules' to judge, time zone and all.
          item[field] = input.value;
          setText(input.closest('.field').querySelector('[data-role="utc-echo"]'), '');
        }
      }
      return item;
    });
    const accessType = $('#access_type');
    staticField(accessType);
    if (accessType.value !== '') accessSchedule.access_type = accessType.value;
    draft.access_schedule = accessSchedule;

    // 3. Targeting
    putList('applicable_contract_ids', $('#applicable_contract_ids'));
    putList('applicable_product_ids', $('#applicable_product_ids'));
    putList('applicable_product_tags', $('#applicable_product_tags'));

    targets.push({
      kind: 'group', pointer: '/specifiers', label: 'Specifiers', inputs: [],
      messages: $('#specifiers-msg'), container: $('#specifiers-section'), focusFallback: $('#add-specifier'),
    });
    const specifierRows = [...this.specifiers.children];
    if (specifierRows.length > 0) {
      draft.specifiers = specifierRows.map((row, index) => {
        setText(row.querySelector('.row-number'), String(index + 1));
        const base = `/specifiers/${index}`;
        const label = `Specifier ${index + 1}`;
        targets.push({
          kind: 'group', pointer: base, label, inputs: [],
          messages: row.querySelector('[data-role="group-messages"]'), container: row,
        });
        const specifier = {};
        for (const input of row.querySelectorAll('[data-field]')) {
          const field = input.dataset.field;
          // The excluded tags are the one entry of `exclude` the form offers.
          const pointer = field === 'exclude' ? `${base}/exclude/0/product_tags` : `${base}/${field}`;
          setData(input, 'pointer', pointer);
          const target = {
            kind: 'field', pointer, label: `${label} · ${SPECIFIER_LABELS[field]}`, inputs: [input],
            messages: document.getElementById(`${input.id}-msg`), container: input.closest('.field'),
          };
          targets.push(target);
          if (field === 'product_tags') {
            target.entries = splitListText(input.value);
            if (input.value.trim() !== '') specifier.product_tags = target.entries.map((entry) => entry.text);
          } else if (field === 'exclude') {
            target.entries = splitListText(input.value);
            if (input.value.trim() !== '') specifier.exclude = [{ product_tags: target.entries.map((entry) => entry.text) }];
          } else if (input.value.trim() !== '') {
            specifier[field] = input.value;
          }
        }
        for (const group of row.querySelectorAll('.kv-group')) {
          const mapKey = group.dataset.map;
          const map = this.readMap(group, `${base}/${mapKey}`, `${label} · ${MAP_LABELS[mapKey]}`, targets, localIssues);
          if (map) specifier[mapKey] = map;
        }
        return specifier;
      });
    }

    // 4. Metadata
    putText('name', $('#name'));
    putText('description', $('#description'));
    const customFields = this.readMap($('#custom-fields-section'), '/custom_fields', 'Custom fields', targets, localIssues);
    if (customFields) draft.custom_fields = customFields;
    putText('rate_type', $('#rate_type'));
    putText('uniqueness_key', $('#uniqueness_key'));
    putText('netsuite_sales_order_id', $('#netsuite_sales_order_id'));
    putText('salesforce_opportunity_id', $('#salesforce_opportunity_id'));

    return { draft, targets, localIssues, usd, quantity, cents };
  }

  /**
   * Reads a key/value row list into a string map. A null prototype keeps "__proto__" an ordinary
   * key. Rows with nothing typed are skipped; a row repeating a key typed above is left out (a
   * JS object cannot hold it twice) and says so.
   */
  readMap(group, base, label, targets, localIssues) {
    targets.push({
      kind: 'group', pointer: base, label, inputs: [],
      messages: group.querySelector(':scope > .group-messages, :scope > [data-role="map-messages"]'),
      container: group, focusFallback: group.querySelector(':scope > button.add'),
    });
    const map = Object.create(null);
    let count = 0;
    for (const row of group.querySelector('.kv-rows').children) {
      const keyInput = row.querySelector('[data-part="key"]');
      const valueInput = row.querySelector('[data-part="value"]');
      const key = keyInput.value;
      const value = valueInput.value;
      const pointer = `${base}/${escapePointerToken(key)}`;
      const shownKey = key.trim() === '' ? 'blank key' : `“${key.trim()}”`;
      setAttribute(keyInput, 'aria-label', `${label}: key`);
      setAttribute(valueInput, 'aria-label', `${label}: value of ${shownKey}`);
      const target = {
        kind: 'field', pointer, label: `${label} · ${shownKey}`, inputs: [keyInput, valueInput],
        messages: row.querySelector('.messages'), container: row,
      };
      targets.push(target);
      delete keyInput.dataset.pointer;
      delete valueInput.dataset.pointer;
      if (key.trim() === '' && value.trim() === '') {
        target.pointer = null; // nothing typed yet: not part of the draft
        continue;
      }
      if (Object.hasOwn(map, key)) {
        target.pointer = null;
        localIssues.push({
          severity: 'warning', code: 'page_repeated_key', pointer: null, target,
          message: `The key ${shownKey} is already used above; this entry is left out.`,
        });
        continue;
      }
      if (value.trim() === '') {
        localIssues.push({
          severity: 'warning', code: 'page_blank_value', pointer, target,
          message: 'No value: this entry is left out of the credit.',
        });
      }
      setData(keyInput, 'pointer', pointer);
      setData(valueInput, 'pointer', pointer);
      map[key] = value;
      count += 1;
    }
    return count > 0 ? map : undefined;
  }

  /** Fills the form with a believable credit (fresh random ids, next month, $250.00). */
  fillExample() {
    this.clear();
    const set = (selector, value) => { this.form.querySelector(selector).value = value; };
    set('#customer_id', crypto.randomUUID());
    set('#product_id', crypto.randomUUID());
    set('#priority', '100');
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 4, 1));
    const item = this.scheduleItems.firstElementChild;
    item.querySelector('[data-field="amount"]').value = '25000';
    this.setTimestamp(item.querySelector('[data-field="starting_at"]'), start.toISOString());
    this.setTimestamp(item.querySelector('[data-field="ending_before"]'), end.toISOString());
    set('#applicable_product_tags', 'compute');
    set('#name', 'Onboarding credit');
    set('#description', 'Goodwill credit for the first quarter.');
    this.addKeyValue(this.customFields, 'approved_by', 'finance');
    set('#rate_type', this.fields?.['/rate_type'].values[0] ?? '');
    set('#uniqueness_key', crypto.randomUUID());
  }
}

/** The value at an RFC 6901 pointer of a draft, or undefined. */
function valueAt(draft, pointer) {
  let current = draft;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, token)) return undefined;
    current = current[token];
  }
  return current;
}
