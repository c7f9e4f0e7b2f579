// One cell of the table, timed in its own worker (its own V8 isolate): a contestant's code has
// seen only the input it is timed on, whatever ran before it (the agreement run feeds every
// fixture to the peers, which would otherwise leave their call sites megamorphic), and the
// order of the cells does not matter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { measure } from './timing.mjs';

const { pkgDir, corpusDir, file, contestant, timing } = workerData;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const options = readJson(join(corpusDir, 'options.json'));
const draft = readJson(join(corpusDir, file));
const text = JSON.stringify(draft);

async function call() {
  switch (contestant) {
    case 'validateCredit':
    case 'validateCreditJson': {
      const api = await import(pathToFileURL(join(pkgDir, 'index.js')).href);
      api.initSync({ module: readFileSync(join(pkgDir, 'credit_rules_bg.wasm')) });
      return contestant === 'validateCredit' ? () => api.validateCredit(draft, options) : () => api.validateCreditJson(text, options);
    }
    case 'zod':
    case 'valibot':
    case 'ajv': {
      const peer = (await import(`../peers/${contestant}.mjs`)).make();
      return () => peer.run(draft);
    }
    case 'floor':
      return () => JSON.stringify(draft);
    default:
      throw new Error(`unknown contestant ${contestant}`);
  }
}

parentPort.postMessage(measure(await call(), timing));
