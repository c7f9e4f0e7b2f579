// The corpus of bench/corpus/ (see bench/README.md), read once by bench.mjs and ab.mjs, and the
// check that a package gives each entry its expected verdict through both entry points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** `{ options, entries }`: each entry with its draft, its JSON text and its expected error count. */
export function readCorpus(corpusDir) {
  const options = readJson(join(corpusDir, 'options.json'));
  const entries = [
    { key: 'a', file: 'a-minimal.json', label: '(a) minimal valid body', errors: 0 },
    { key: 'b', file: 'b-form.json', label: '(b) full form-shaped body', errors: 0 },
    { key: 'c', file: 'c-invalid.json', label: '(c) invalid body, five errors', errors: 5 },
    { key: 'd', file: 'd-large.json', label: '(d) large: 200 items, 500 ids, 50 fields', errors: 0 },
  ].map((entry) => {
    const draft = readJson(join(corpusDir, entry.file));
    return { ...entry, draft, text: JSON.stringify(draft) };
  });
  return { options, entries };
}

/**
 * Throws unless `api` (an initialized package) gives each entry its expected number of errors
 * through validateCredit, and validateCreditJson agrees; returns each entry's `code@pointer` list.
 */
export function checkCorpus(api, { options, entries }) {
  return entries.map((entry) => {
    const report = api.validateCredit(entry.draft, options);
    const fromText = api.validateCreditJson(entry.text, options);
    const codes = report.errors.map((issue) => `${issue.code}@${issue.pointer}`);
    if (report.errors.length !== entry.errors || report.valid !== (entry.errors === 0)) {
      throw new Error(`corpus ${entry.file}: expected ${entry.errors} errors, validateCredit gave ${report.errors.length}: ${codes.join(', ')}`);
    }
    if (fromText.valid !== report.valid || fromText.errors.length !== report.errors.length) {
      throw new Error(`corpus ${entry.file}: validateCreditJson disagrees with validateCredit`);
    }
    return codes;
  });
}
