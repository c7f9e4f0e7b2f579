// What a page pays before the first call: bytes over the wire and compile + instantiate time,
// in Node and in headless Chromium.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { median } from './timing.mjs';

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * The module a bundled page of `import init, { validateCredit }` fetches, whose startup is
 * timed: the lite one (no JSON text reader) where the package has it, else the only one.
 */
export function startupWasm(pkgDir) {
  return existsSync(join(pkgDir, 'credit_rules_lite_bg.wasm')) ? 'credit_rules_lite_bg.wasm' : 'credit_rules_bg.wasm';
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The JS files a page loads from `index.js`: its static relative imports, followed. */
function glueFiles(pkgDir) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(IMPORT)) visit(join(dirname(path), match[1] ?? match[2]));
  };
  visit(join(pkgDir, 'index.js'));
  return [...seen];
}

/**
 * Sizes in bytes: the (whole) wasm raw and gzip -9, and the JS glue gzip -9: every file `index.js`
 * imports, followed (stale snippets that wasm-pack leaves in pkg/ are not counted), each
 * gzipped on its own as it is served.
 */
export function sizes(pkgDir) {
  // Unbundled, index.js imports json.js, so the whole module loads.
  const wasm = readFileSync(join(pkgDir, 'credit_rules_bg.wasm'));
  const files = glueFiles(pkgDir).map((path) => {
    const bytes = readFileSync(path);
    return { file: relative(pkgDir, path).split(sep).join('/'), raw: bytes.length, gzip: gzipSize(bytes) };
  });
  return {
    wasmFile: 'credit_rules_bg.wasm',
    wasmRaw: wasm.length,
    wasmGzip: gzipSize(wasm),
    glueRaw: files.reduce((sum, f) => sum + f.raw, 0),
    glueGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    glueFiles: files,
  };
}

/**
 * The module with a custom section appended: same code, different bytes, so that neither
 * engine can hand back a module it compiled earlier in the process (V8 caches by bytes).
 */
export function withCustomSection(bytes, index) {
  const name = new TextEncoder().encode(`bench-${index}`);
  const out = new Uint8Array(bytes.length + 3 + name.length);
  out.set(bytes);
  out[bytes.length] = 0; // custom section id
  out[bytes.length + 1] = 1 + name.length; // section size (one LEB128 byte: < 128)
  out[bytes.length + 2] = name.length;
  out.set(name, bytes.length + 3);
  return out;
}

/**
 * Median ms of compile + instantiate in Node: the default (async) init and initSync, fresh each
 * time. `salt` makes the bytes differ from those of an earlier call in the same process (V8's
 * wasm module cache is shared by the process's isolates, workers included).
 */
export async function nodeInstantiate(pkgDir, count, salt = '') {
  const bytes = new Uint8Array(readFileSync(join(pkgDir, startupWasm(pkgDir))));
  const glue = pathToFileURL(join(pkgDir, 'credit_rules.js')).href;
  const init = [];
  const initSync = [];
  for (let i = 0; i < count; i += 1) {
    // A fresh copy of the glue (its own `wasm` slot), imported before the clock starts.
    const asyncGlue = await import(`${glue}?async=${salt}${i}`);
    const module = withCustomSection(bytes, `${salt}${2 * i}`);
    let start = performance.now();
    await asyncGlue.default({ module_or_path: module });
    init.push(performance.now() - start);

    const syncGlue = await import(`${glue}?sync=${salt}${i}`);
    const syncModule = withCustomSection(bytes, `${salt}${2 * i + 1}`);
    start = performance.now();
    syncGlue.initSync({ module: syncModule });
    initSync.push(performance.now() - start);
  }
  return { initMs: median(init), initSyncMs: median(initSync), count };
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

/** Serves `pkgDir` under /pkg/ on a loopback port, cross-origin isolated (5 µs timers). */
function serve(pkgDir) {
  const page = '<!doctype html><meta charset="utf-8"><title>credit-rules startup</title>';
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(page);
      return;
    }
    const file = path.startsWith('/pkg/') ? join(pkgDir, path.slice('/pkg/'.length)) : undefined;
    if (file === undefined || relative(pkgDir, file).startsWith('..')) {
      response.writeHead(404, headers).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, headers).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Median ms of compile + instantiate in headless Chromium (the default async init, given the
 * bytes, so that the network is not timed), and a check that validateCredit answers there.
 */
export async function chromiumInstantiate(pkgDir, count, sampleDraft, options) {
  const { chromium } = await import('playwright-core');
  const server = await serve(pkgDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const result = await page.evaluate(
      async ({ count, sampleDraft, options, withCustomSectionSource, wasmFile }) => {
        // eslint-disable-next-line no-new-func
        const withCustomSection = new Function(`return (${withCustomSectionSource})`)();
        const bytes = new Uint8Array(await (await fetch(`/pkg/${wasmFile}`)).arrayBuffer());
        const times = [];
        for (let i = 0; i < count; i += 1) {
          const glue = await import(`/pkg/credit_rules.js?fresh=${i}`);
          const module = withCustomSection(bytes, i);
          const start = performance.now();
          await glue.default({ module_or_path: module });
          times.push(performance.now() - start);
        }
        const api = await import('/pkg/index.js');
        await api.default({ module_or_path: bytes });
        const report = api.validateCredit(sampleDraft, options);
        return { times, valid: report.valid, isolated: globalThis.crossOriginIsolated, version: navigator.userAgent };
      },
      { count, sampleDraft, options, withCustomSectionSource: withCustomSection.toString(), wasmFile: startupWasm(pkgDir) },
    );
    const sorted = [...result.times].sort((a, b) => a - b);
    return {
      initMs: median(result.times),
      minMs: sorted[0],
      count,
      sampleValid: result.valid,
      crossOriginIsolated: result.isolated,
      browser: (result.version.match(/(?:Headless)?Chrome\/[\d.]+/) ?? [result.version])[0],
    };
  } finally {
    await browser.close();
    server.close();
  }
}
