//! Proxy mode: forwards requests to the real API with the real token.
//!
//! The client speaks plain HTTP/1 (hyper's, which axum already brings). An `https://`
//! upstream would need a TLS connector (for example `hyper-rustls`), left out to keep the
//! build small: the configuration refuses such URLs with a message saying so.

use crate::config::Upstream;
use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// How long one upstream exchange (connect, send, whole answer) may take.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest upstream answer relayed.
pub const MAX_UPSTREAM_BODY: usize = 8 * 1024 * 1024;

/// A client for one upstream; cheap to clone.
#[derive(Clone)]
pub struct Proxy {
    client: Client<HttpConnector, Full<Bytes>>,
    upstream: Upstream,
}

/// The upstream's answer: its status and its body, checked to be JSON.
#[derive(Debug, Clone)]
pub struct Relayed {
    /// The upstream's status code.
    pub status: StatusCode,
    /// The upstream's body, JSON text.
    pub body: Bytes,
}

/// Why the upstream gave no usable answer.
#[derive(Debug)]
pub enum ProxyError {
    /// The connection failed (refused, unresolvable, reset): 502.
    Unreachable(String),
    /// No complete answer within [`UPSTREAM_TIMEOUT`]: 504.
    Timeout,
    /// The answer was not JSON or too large: 502.
    BadAnswer(String),
}

impl std::fmt::Display for ProxyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProxyError::Unreachable(detail) => {
                write!(f, "The upstream API cannot be reached ({detail}).")
            }
            ProxyError::Timeout => write!(
                f,
                "The upstream API did not answer within {} seconds.",
                UPSTREAM_TIMEOUT.as_secs()
            ),
            ProxyError::BadAnswer(detail) => write!(f, "The upstream API answered, but {detail}."),
        }
    }
}

impl std::error::Error for ProxyError {}

impl Proxy {
    /// A client for `upstream`.
    pub fn new(upstream: Upstream) -> Proxy {
        let client = Client::builder(TokioExecutor::new()).build_http();
        Proxy { client, upstream }
    }

    /// The upstream's base URL.
    pub fn base_url(&self) -> &str {
        &self.upstream.base_url
    }

    /// Posts `body` (JSON text) to `{upstream}{path}` with the real token and returns the
    /// answer, whatever its status.
    pub async fn post_json(&self, path: &str, body: Vec<u8>) -> Result<Relayed, ProxyError> {
        match tokio::time::timeout(UPSTREAM_TIMEOUT, self.exchange(path, body)).await {
            Ok(result) => result,
            Err(_) => Err(ProxyError::Timeout),
        }
    }

    async fn exchange(&self, path: &str, body: Vec<u8>) -> Result<Relayed, ProxyError> {
        let url = format!("{}{path}", self.upstream.base_url);
        let request = Request::builder()
            .method(Method::POST)
            .uri(&url)
            .header(
                header::AUTHORIZATION,
                format!("Bearer {}", self.upstream.token),
            )
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(
                header::USER_AGENT,
                concat!("credit-rules-server/", env!("CARGO_PKG_VERSION")),
            )
            .body(Full::new(Bytes::from(body)))
            .map_err(|error| ProxyError::Unreachable(format!("bad upstream URL {url}: {error}")))?;
        let response = self.client.request(request).await.map_err(|error| {
            // The legacy client's Display is terse; the source says what actually went wrong.
            let detail = match std::error::Error::source(&error) {
                Some(source) => format!("{error}: {source}"),
                None => error.to_string(),
            };
            ProxyError::Unreachable(detail)
        })?;
        let status = response.status();
        let body = Limited::new(response.into_body(), MAX_UPSTREAM_BODY)
            .collect()
            .await
            .map_err(|error| {
                ProxyError::BadAnswer(format!("its body could not be read ({error})"))
            })?
            .to_bytes();
        if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
            return Err(ProxyError::BadAnswer(format!(
                "with status {status} and a body that is not JSON"
            )));
        }
        Ok(Relayed { status, body })
    }
}
