// Each measurement in a fresh worker (its own V8 isolate): see cell.mjs and startup-cell.mjs.
import { Worker } from 'node:worker_threads';

function inWorker(url, workerData, what) {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(url, { workerData });
    worker.once('message', resolvePromise);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker for ${what} exited ${code}`)));
  });
}

/** The `measure` result (timing.mjs) of one contestant on one corpus file. */
export function timeCell({ pkgDir, corpusDir, file, contestant, timing }) {
  return inWorker(new URL('./cell.mjs', import.meta.url), { pkgDir, corpusDir, file, contestant, timing }, `${file} / ${contestant}`);
}

/** `nodeInstantiate(pkgDir, count)` (startup.mjs) run in a fresh worker, after one untimed compile. */
export function nodeStartupCell(pkgDir, count, salt) {
  return inWorker(new URL('./startup-cell.mjs', import.meta.url), { pkgDir, count, salt }, `Node startup of ${pkgDir}`);
}
