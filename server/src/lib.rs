//! # credit-rules-server
//!
//! A local sandbox of Metronome's customer-credits API, for trying the demo page and
//! integration code without touching a real account:
//!
//! - `POST /v1/contracts/customerCredits/create` validates the body with [`credit_rules`],
//!   stores the normalized credit in SQLite and answers `{"data":{"id":"<uuid>"}}`, with the
//!   upstream's status codes (400 with `issues`, 401, 409 on a reused `uniqueness_key`, 413, 415).
//! - `POST /v1/contracts/customerCredits/list` lists a customer's stored credits, newest first,
//!   in Metronome's shape (the SDK's `Credit`, paginated by `limit` and `next_page`).
//! - Any other path under `/v1` is a JSON 404.
//! - `/`, `/<file>` and `/pkg/<file>` serve the demo page and the WebAssembly package.
//!
//! In proxy mode ([`config::Upstream`]) the create endpoint validates and then forwards the
//! normalized body to the real API with the real token, which never reaches the browser.
//!
//! [`app::router`] builds the whole service from a [`Config`], so tests run it in-process.

#![warn(missing_docs)]

pub mod app;
pub mod config;
pub mod listing;
pub mod proxy;
pub mod static_files;
pub mod store;

pub use config::{Command, Config, Upstream};
