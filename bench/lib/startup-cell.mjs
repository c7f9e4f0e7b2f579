// Node's compile + instantiate of one package, in a worker of its own (ab.mjs runs the two
// packages' startups alternately, each in a fresh isolate). One compile first, untimed: the first
// in a process pays a one-time cost (tens of ms) that bench.mjs does not time either (it has
// compiled the package before its startup figures); `salt` keeps every round's bytes unique.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeInstantiate } from './startup.mjs';

const { pkgDir, count, salt } = workerData;
await nodeInstantiate(pkgDir, 1, `w${salt}-`);
parentPort.postMessage(await nodeInstantiate(pkgDir, count, `t${salt}-`));
