// init(): which wasm module it fetches when it is given none. Two modules share the one glue
// (credit_rules.js): credit_rules_bg.wasm, the whole one, and credit_rules_lite_bg.wasm, the
// same build without validateCreditJson's JSON text reader (4.7 KB gzipped less). The glue's
// own default is the lite one (scripts/patch-pkg.mjs rewrites its URL). json.js, which a
// bundler keeps only in an app that imports validateCreditJson, names the whole one here
// when it is evaluated, before the app can call init(). Without a bundler, index.js imports
// json.js, so the whole module loads.
import glueInit, { initSync as glueInitSync } from './credit_rules.js';
// js/edge.js, the JS half of the wasm edge: scripts/patch-pkg.mjs points this import at the
// snippet wasm-bindgen copies it to.
import { bindMemory } from './edge.js';

/** `whole`: the URL of credit_rules_bg.wasm, once json.js has been evaluated. */
export const modules = { whole: undefined };

/**
 * wasm-bindgen's init, with the whole module as the default when the app uses
 * validateCreditJson. A module or path the caller gives is used as given.
 */
export default async function init(options) {
  const given =
    options !== undefined &&
    (Object.getPrototypeOf(options) !== Object.prototype || options.module_or_path !== undefined);
  return bound(await glueInit(given || modules.whole === undefined ? options : { module_or_path: modules.whole }));
}

/** wasm-bindgen's initSync. */
export function initSync(options) {
  return bound(glueInitSync(options));
}

/** The instance's exports, once js/edge.js has its memory: Rust's buffers cross as addresses
 * in it, which edge.js reads and writes through views of its own. */
function bound(exports) {
  bindMemory(exports.memory);
  return exports;
}
