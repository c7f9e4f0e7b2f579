//! Proxy mode: forwards requests to the real API with the real token.
//!
//! The client is hyper's HTTP/1 (which axum already brings) behind `hyper-rustls`: an
//! `https://` upstream is reached over TLS with its certificate always verified, against the
//! compiled-in Mozilla roots (`webpki-roots`) plus the CA file of `--upstream-ca`, if any.
//! There is no way to turn verification off. An `http://` upstream (a local fake in tests)
//! is reached in plain text.

use crate::config::Upstream;
use axum::body::Bytes;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{CertificateError, RootCertStore};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How long one upstream exchange (connect, TLS handshake, send, whole answer) may take,
/// unless [`Upstream::timeout`] says otherwise.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest upstream answer relayed.
pub const MAX_UPSTREAM_BODY: usize = 8 * 1024 * 1024;

/// A client for one upstream; cheap to clone.
#[derive(Clone)]
pub struct Proxy {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    upstream: Upstream,
    /// `Authorization: Bearer <the real token>`, marked sensitive.
    authorization: HeaderValue,
    /// What [`Proxy::describe`] says about the upstream's certificate.
    verification: String,
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
    /// The TLS handshake failed, or the upstream's certificate was refused: 502.
    Tls(String),
    /// No complete answer within [`Upstream::timeout`] (this long): 504.
    Timeout(Duration),
    /// The answer was not JSON or too large: 502.
    BadAnswer(String),
}

impl std::fmt::Display for ProxyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProxyError::Unreachable(detail) => {
                write!(f, "The upstream API cannot be reached ({detail}).")
            }
            ProxyError::Tls(detail) => write!(
                f,
                "The upstream API cannot be reached securely: {detail}. Nothing was sent to it."
            ),
            ProxyError::Timeout(limit) => write!(
                f,
                "The upstream API did not answer within {} seconds.",
                limit.as_secs_f64()
            ),
            ProxyError::BadAnswer(detail) => write!(f, "The upstream API answered, but {detail}."),
        }
    }
}

impl std::error::Error for ProxyError {}

impl Proxy {
    /// A client for `upstream`; for an `https://` one, reads the CA file of
    /// [`Upstream::ca_file`] if any. The error is one line, ready to print.
    pub fn new(upstream: Upstream) -> Result<Proxy, String> {
        let mut roots = RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let mut verification = format!(
            "certificate verified against the {} compiled-in Mozilla roots (webpki-roots)",
            roots.len()
        );
        if let Some(file) = &upstream.ca_file {
            let added = add_ca_file(&mut roots, file)?;
            let noun = if added == 1 {
                "certificate"
            } else {
                "certificates"
            };
            verification.push_str(&format!(" and the {added} CA {noun} of {}", file.display()));
        }
        if !upstream.is_https() {
            verification =
                "plain HTTP: not encrypted, no certificate to verify (for local tests only; \
                 the real API is https://)"
                    .into();
        }
        // ring, not the default aws-lc-rs (which needs cmake to build); the default versions
        // (TLS 1.3 and 1.2) and cipher suites.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| format!("cannot set up TLS: {error}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(connector);
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", upstream.token))
            .map_err(|_| {
                "METRONOME_API_TOKEN must be visible ASCII (it goes in an HTTP header)".to_owned()
            })?;
        // Keeps the value out of hyper's debug output.
        authorization.set_sensitive(true);
        Ok(Proxy {
            client,
            upstream,
            authorization,
            verification,
        })
    }

    /// The upstream's base URL.
    pub fn base_url(&self) -> &str {
        &self.upstream.base_url
    }

    /// For the start banner: the upstream, and whether and how its certificate is verified,
    /// such as `https://api.metronome.com, certificate verified against the 120 compiled-in
    /// Mozilla roots (webpki-roots)`. Never the token.
    pub fn describe(&self) -> String {
        format!("{}, {}", self.upstream.base_url, self.verification)
    }

    /// Posts `body` (JSON text) to `{upstream}{path}` with the real token and returns the
    /// answer, whatever its status.
    pub async fn post_json(&self, path: &str, body: Vec<u8>) -> Result<Relayed, ProxyError> {
        let limit = self.upstream.timeout;
        match tokio::time::timeout(limit, self.exchange(path, body)).await {
            Ok(result) => result,
            Err(_) => Err(ProxyError::Timeout(limit)),
        }
    }

    async fn exchange(&self, path: &str, body: Vec<u8>) -> Result<Relayed, ProxyError> {
        let url = format!("{}{path}", self.upstream.base_url);
        let request = Request::builder()
            .method(Method::POST)
            .uri(&url)
            .header(header::AUTHORIZATION, self.authorization.clone())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header(
                header::USER_AGENT,
                concat!("credit-rules-server/", env!("CARGO_PKG_VERSION")),
            )
            .body(Full::new(Bytes::from(body)))
            .map_err(|error| ProxyError::Unreachable(format!("bad upstream URL {url}: {error}")))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| self.classify(&error))?;
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

impl Proxy {
    /// Why a request got no answer: a TLS failure named by its cause, a refused connection,
    /// or whatever else the client says.
    fn classify(&self, error: &hyper_util::client::legacy::Error) -> ProxyError {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(current) = next {
            if let Some(tls) = current.downcast_ref::<rustls::Error>() {
                return ProxyError::Tls(self.tls_cause(tls));
            }
            if let Some(io) = current.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::ConnectionRefused {
                    return ProxyError::Unreachable(format!(
                        "connection refused: nothing listens at {}",
                        self.upstream.base_url
                    ));
                }
                // An io::Error's source skips the error it wraps, and rustls's errors come
                // wrapped that way (twice: by tokio-rustls, then by hyper-rustls).
                if let Some(inner) = io.get_ref() {
                    next = Some(inner);
                    continue;
                }
            }
            next = current.source();
        }
        // The legacy client's Display is terse; the source says what actually went wrong.
        let detail = match std::error::Error::source(error) {
            Some(source) => format!("{error}: {source}"),
            None => error.to_string(),
        };
        ProxyError::Unreachable(detail)
    }

    /// A TLS failure in words: what is wrong with the certificate, or that the handshake
    /// failed. rustls's own words follow in parentheses.
    fn tls_cause(&self, error: &rustls::Error) -> String {
        let issuers = match &self.upstream.ca_file {
            Some(file) => format!(
                "neither a compiled-in root nor the CA in {} issued it",
                file.display()
            ),
            None => "no compiled-in root issued it; for a private upstream, pass its CA with \
                     --upstream-ca"
                .into(),
        };
        match error {
            rustls::Error::InvalidCertificate(certificate) => match certificate {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                    format!("the upstream's TLS certificate is not trusted ({error}): {issuers}")
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    format!("the upstream's TLS certificate has expired ({error})")
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    format!("the upstream's TLS certificate is not valid yet ({error})")
                }
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => format!(
                    "the upstream's TLS certificate is not valid for the host name of {} ({error})",
                    self.upstream.base_url
                ),
                _ => format!("the upstream's TLS certificate was refused ({error})"),
            },
            _ => format!("the TLS handshake with the upstream failed ({error})"),
        }
    }
}

/// Adds the PEM certificates of `file` to `roots`; how many.
fn add_ca_file(roots: &mut RootCertStore, file: &Path) -> Result<usize, String> {
    let shown = file.display();
    let certificates = CertificateDer::pem_file_iter(file)
        .map_err(|error| format!("cannot read the upstream CA file {shown}: {error}"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("the upstream CA file {shown} is not valid PEM: {error}"))?;
    if certificates.is_empty() {
        return Err(format!(
            "the upstream CA file {shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        ));
    }
    let count = certificates.len();
    for certificate in certificates {
        roots.add(certificate).map_err(|error| {
            format!("a certificate in the upstream CA file {shown} cannot be a root: {error}")
        })?;
    }
    Ok(count)
}
