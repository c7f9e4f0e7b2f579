// Writes the seed corpus of the json_text target from the case tables: one file per case, the
// case's JSON text or its input serialized. Run from anywhere: node fuzz/seed-corpus.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'corpus', 'json_text');
mkdirSync(out, { recursive: true });
let count = 0;
for (const table of ['cases.json', 'conformance.json']) {
  for (const c of JSON.parse(readFileSync(join(here, '..', 'tests', 'fixtures', table), 'utf8'))) {
    const text = typeof c.json === 'string' ? c.json : JSON.stringify(c.input ?? null, null, 1);
    const name = createHash('sha1').update(text).digest('hex');
    writeFileSync(join(out, name), text);
    count += 1;
  }
}
console.log(`${count} seeds in ${out}`);
