// The timing loop: calibrate (which warms up), then several runs of at least `minRunMs` each;
// the figure is the median of the runs' ns per call.
import { cpus } from 'node:os';

let sink = 0;

function runOnce(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    // Keep every result alive so that no call can be optimized away.
    if (fn() === sink) sink += 1;
  }
  return Number(process.hrtime.bigint() - start);
}

/** `{ medianNs, minNs, maxNs, iterations, runsNs }` for one contestant on one input. */
export function measure(fn, { runs = 7, minRunMs = 100 } = {}) {
  let iterations = 1;
  let elapsed = 0;
  // Calibration: grow the count until one run lasts minRunMs (at least ~2x minRunMs of warm-up).
  let warmed = 0;
  for (;;) {
    elapsed = runOnce(fn, iterations);
    warmed += elapsed;
    if (elapsed >= minRunMs * 1e6 && warmed >= 2 * minRunMs * 1e6) break;
    const scale = elapsed < 1e6 ? 10 : Math.max(1.2, (minRunMs * 1.15e6) / elapsed);
    iterations = Math.ceil(iterations * scale);
  }
  const runsNs = [];
  for (let r = 0; r < runs; r += 1) runsNs.push(runOnce(fn, iterations) / iterations);
  const sorted = [...runsNs].sort((a, b) => a - b);
  return {
    medianNs: sorted[Math.floor(sorted.length / 2)],
    minNs: sorted[0],
    maxNs: sorted[sorted.length - 1],
    iterations,
    runsNs,
  };
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The share of CPU time other processes used over `ms` (the load average lags by a minute). */
export async function busyShare(ms) {
  const total = (list) => list.reduce((sum, cpu) => sum + Object.values(cpu.times).reduce((a, b) => a + b, 0), 0);
  const idle = (list) => list.reduce((sum, cpu) => sum + cpu.times.idle, 0);
  const before = cpus();
  await new Promise((done) => setTimeout(done, ms));
  const after = cpus();
  const elapsed = total(after) - total(before);
  return elapsed > 0 ? 1 - (idle(after) - idle(before)) / elapsed : 0;
}
