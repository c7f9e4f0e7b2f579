// Runs the edge tests inside the page, against pkg/ loaded with init(); results go to window.
import init, * as api from '../../pkg/index.js';
import { edgeTests } from './edge.mjs';

async function main() {
  const wasm = await init();
  const results = [];
  for (const { name, run } of edgeTests()) {
    try {
      const note = run(api, wasm);
      results.push({ name, ok: true, note });
    } catch (error) {
      results.push({ name, ok: false, error: String(error && error.stack ? error.stack : error) });
    }
  }
  window.edgeResults = results;
}

main().catch((error) => {
  window.edgeResults = [{ name: 'load the package in the page', ok: false, error: String(error) }];
});
