//! The JS edge: reads JS values through `catch` imports, calls the rules, and hands results
//! back as JSON text parsed by `JSON.parse` (which keeps a `__proto__` key as an own property
//! and writes keys in the order given).
//!
//! Every import that can run user code (a getter, a Proxy trap, `Array.isArray` on a revoked
//! Proxy) is declared `catch`, so a throw becomes [`Unreadable`] instead of unwinding through
//! Rust frames.

use crate::input::{Probe, Received, Source, Unreadable};
use crate::{describe, json_schema, Options, Report};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function probe(v) {
  switch (typeof v) {
    case "undefined": return 0;
    case "boolean": return 2;
    case "number": return 3;
    case "string": return 4;
    case "bigint": return 5;
    case "symbol": return 6;
    case "function": return 7;
  }
  if (v === null) return 1;
  if (Array.isArray(v)) return 8;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return 9;
  try { Date.prototype.getTime.call(v); return 10; } catch { return 11; }
}
export function timeOf(v) { return Date.prototype.getTime.call(v); }
export function lengthOf(v) { return v.length; }
export function elementOf(v, i) { return v[i]; }
export function keysOf(v) { return Object.keys(v); }
export function propertyOf(v, k) { return v[k]; }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn probe(value: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch, js_name = timeOf)]
    fn time_of(value: &JsValue) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_name = lengthOf)]
    fn length_of(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = elementOf)]
    fn element_of(value: &JsValue, index: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = keysOf)]
    fn keys_of(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_name = propertyOf)]
    fn property_of(value: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = propertyOf)]
    fn named_property_of(value: &JsValue, name: &str) -> Result<JsValue, JsValue>;
}

/// A JS value read as a draft.
struct JsSource(JsValue);

impl Source for JsSource {
    type Key = JsValue;

    fn probe(&self) -> Probe {
        match probe(&self.0) {
            Ok(0) => Probe::Undefined,
            Ok(1) => Probe::Null,
            Ok(2) => Probe::Bool(self.0.as_bool().unwrap_or(false)),
            Ok(3) => Probe::Number(self.0.as_f64().unwrap_or(f64::NAN)),
            Ok(4) => Probe::String(self.0.as_string().unwrap_or_default()),
            Ok(5) => Probe::Other(Received::Bigint),
            Ok(6) => Probe::Other(Received::Symbol),
            Ok(7) => Probe::Other(Received::Function),
            Ok(8) => Probe::Array,
            Ok(9) => Probe::Object,
            Ok(10) => match time_of(&self.0) {
                Ok(millis) => Probe::Date(millis),
                Err(_) => Probe::Other(Received::Unreadable),
            },
            Ok(_) => Probe::Other(Received::Instance),
            Err(_) => Probe::Other(Received::Unreadable),
        }
    }

    fn length(&self) -> Result<usize, Unreadable> {
        let length = length_of(&self.0)
            .map_err(|_| Unreadable)?
            .as_f64()
            .ok_or(Unreadable)?;
        if length.is_finite() && length >= 0.0 {
            // Array lengths are integers below 2^32; a Proxy may claim more, which the
            // too_many guard then refuses without reading.
            Ok(length.min(usize::MAX as f64) as usize)
        } else {
            Err(Unreadable)
        }
    }

    fn element(&self, index: usize) -> Result<Self, Unreadable> {
        let index = u32::try_from(index).map_err(|_| Unreadable)?;
        element_of(&self.0, index)
            .map(JsSource)
            .map_err(|_| Unreadable)
    }

    fn keys(&self) -> Result<Vec<JsValue>, Unreadable> {
        let keys = keys_of(&self.0).map_err(|_| Unreadable)?;
        Ok(keys.iter().collect())
    }

    fn key_text(key: &JsValue) -> String {
        key.as_string().unwrap_or_default()
    }

    fn property(&self, key: &JsValue) -> Result<Self, Unreadable> {
        property_of(&self.0, key)
            .map(JsSource)
            .map_err(|_| Unreadable)
    }

    fn named(&self, name: &str) -> Result<Self, Unreadable> {
        named_property_of(&self.0, name)
            .map(JsSource)
            .map_err(|_| Unreadable)
    }
}

/// Hands a serializable value to JS as a fresh plain value.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    let parsed = serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok());
    parsed.unwrap_or(JsValue::NULL)
}

fn options_of(options: JsValue) -> Options {
    Options::read(&JsSource(options))
}

fn report_of(draft: JsValue, options: &Options) -> Report {
    crate::validate_source(JsSource(draft), options)
}

/// Validates and normalizes a draft given as a JS value. Never throws.
#[wasm_bindgen(js_name = validateCredit, skip_typescript)]
pub fn validate_credit(draft: JsValue, options: JsValue) -> JsValue {
    to_js(&report_of(draft, &options_of(options)))
}

/// Validates a draft given as JSON text; a non-string is `invalid_type` at `""`.
#[wasm_bindgen(js_name = validateCreditJson, skip_typescript)]
pub fn validate_credit_json(json: JsValue, options: JsValue) -> JsValue {
    to_js(&crate::validate_json_source(
        JsSource(json),
        &options_of(options),
    ))
}

/// The issues under one input: errors, then warnings, whose pointer or a related pointer is
/// `pointer` or below it, computed on the whole draft.
#[wasm_bindgen(js_name = validateField, skip_typescript)]
pub fn validate_field(draft: JsValue, pointer: JsValue, options: JsValue) -> JsValue {
    let report = report_of(draft, &options_of(options));
    let pointer = pointer.as_string().unwrap_or_default();
    to_js(&report.issues_at(&pointer))
}

/// JSON Schema 2020-12 of the normalized body.
#[wasm_bindgen(js_name = creditJsonSchema, skip_typescript)]
pub fn credit_json_schema() -> JsValue {
    to_js(&json_schema::credit_json_schema())
}

/// One English sentence about a credit.
#[wasm_bindgen(js_name = describeCredit, skip_typescript)]
pub fn describe_credit(value: JsValue) -> String {
    describe::describe_report(&report_of(value, &Options::default()))
}

/// Every rule: code, severity and default message.
#[wasm_bindgen(js_name = ruleCatalog, skip_typescript)]
pub fn rule_catalog() -> JsValue {
    to_js(&crate::rule_catalog())
}
