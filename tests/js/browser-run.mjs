// Runs the shared suite inside the page, against pkg/ loaded with init(); results go to window.
import init, * as api from '../../pkg/index.js';
import { tests } from './suite.mjs';

async function main() {
  await init();
  const load = async (path) => (await fetch(path)).json();
  const tables = {
    conformance: await load('../fixtures/conformance.json'),
    'account-features': await load('../fixtures/account-features.json'),
    cases: await load('../fixtures/cases.json'),
  };
  const results = [];
  for (const { name, run } of tests(tables)) {
    try {
      run(api);
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  }
  window.suiteResults = results;
}

main().catch((error) => {
  window.suiteResults = [{ name: 'load the package in the page', ok: false, error: String(error) }];
});
