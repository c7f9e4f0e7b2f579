// Points pkg/package.json at the hand-written entry (js/index.js) that wraps the generated module.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../pkg/package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
pkg.main = 'index.js';
pkg.module = 'index.js';
pkg.types = 'index.d.ts';
pkg.exports = { '.': { types: './index.d.ts', default: './index.js' }, './credit_rules_bg.wasm': './credit_rules_bg.wasm' };
pkg.files = [...new Set([...(pkg.files ?? []), 'index.js', 'index.d.ts', 'types.d.ts', 'snippets'])];
pkg.sideEffects = ['./snippets/*'];
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
