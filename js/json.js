// validateCreditJson, in a module of its own: importing it is what makes init() fetch the
// whole wasm module, the one with the JSON text reader (init.js says how). An app that does
// not import it ships the lite module instead.
import { validateJsonTape } from './credit_rules.js';
// Pointed at the snippet wasm-bindgen copies js/edge.js to by scripts/patch-pkg.mjs.
import { readDraft, takeResult } from './edge.js';
import { modules } from './init.js';

modules.whole = new URL('credit_rules_bg.wasm', import.meta.url);

/**
 * Validates a draft given as JSON text. Never throws once init() has loaded the whole
 * module; with the lite module (initSync or init given credit_rules_lite_bg.wasm) it throws
 * an Error that says so, as a call before init() throws.
 */
export function validateCreditJson(json, options) {
  if (!validateJsonTape(readDraft(json, options, false))) {
    throw new Error(
      'credit-rules: validateCreditJson needs the whole wasm module (credit_rules_bg.wasm); ' +
        'init was given credit_rules_lite_bg.wasm, which has no JSON text reader',
    );
  }
  return takeResult();
}
