//! The JSON Schema export.
