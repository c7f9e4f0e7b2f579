//! How to validate: [`Options`], and reading them from the JS `ValidateOptions` shape.

#[cfg(not(target_arch = "wasm32"))]
use crate::{input, time};
#[cfg(not(target_arch = "wasm32"))]
use alloc::collections::BTreeMap;
#[cfg(not(target_arch = "wasm32"))]
use chrono::{DateTime, Utc};

/// How to validate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The instant `ends_in_past` compares against; `None` means the current time.
    #[cfg(not(target_arch = "wasm32"))]
    pub now: Option<DateTime<Utc>>,
    /// In the wasm, the instant as src/wasm.rs read it from the tape (a `now` option, else
    /// JS's clock): no calendar conversions there, so no chrono in the module.
    #[cfg(target_arch = "wasm32")]
    pub(crate) now: Option<crate::time::Instant>,
    /// Unknown keys become warnings and are dropped from the value, instead of errors.
    pub allow_unknown_fields: bool,
    /// Message templates per code (`{param}` placeholders), replacing the English defaults.
    /// Not in the wasm: js/edge.js renders the messages there.
    #[cfg(not(target_arch = "wasm32"))]
    pub messages: BTreeMap<String, String>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Options {
    /// Reads `{now?, allowUnknownFields?, messages?}` (the JS `ValidateOptions`) from a JSON
    /// value. What cannot be read is left at its default: a `now` that is not a timestamp
    /// means the current time, a message that is not a string is ignored.
    pub fn read(value: &serde_json::Value) -> Options {
        let mut options = Options::default();
        let Some(object) = value.as_object() else {
            return options;
        };
        options.now = object
            .get("now")
            .and_then(|now| time::read(&input::read_scalar(now))?.ok())
            .and_then(|instant| instant.to_datetime());
        options.allow_unknown_fields =
            object.get("allowUnknownFields") == Some(&serde_json::Value::Bool(true));
        if let Some(messages) = object.get("messages").and_then(|m| m.as_object()) {
            for (code, template) in messages {
                if let Some(template) = template.as_str() {
                    options.messages.insert(code.clone(), template.to_owned());
                }
            }
        }
        options
    }
}
