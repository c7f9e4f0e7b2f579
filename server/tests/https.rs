//! Proxy mode against an HTTPS upstream, over loopback: a fake of Metronome's API behind
//! rustls, with certificates made by `rcgen` in each run (a CA, then leaf certificates that
//! are trusted, untrusted, for another host name, or expired). The CA reaches the server as
//! `--upstream-ca` would give it. Plain-HTTP proxy mode is in `http.rs`.

mod common;

use axum::http::StatusCode;
use common::*;
use credit_rules_server::app;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// A certificate authority made for one test.
struct Ca(CertifiedIssuer<'static, KeyPair>);

impl Ca {
    fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        // Distinct names, so that an untrusted CA is not mistaken for the trusted one.
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        Ca(CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap())
    }

    /// Writes the CA certificate as PEM into `dir`, for `--upstream-ca`.
    fn write_pem(&self, dir: &TempDir) -> PathBuf {
        let path = dir.path().join("upstream-ca.pem");
        std::fs::write(&path, self.0.pem()).unwrap();
        path
    }

    /// A server certificate for `names`, valid from 1975 to 4096 (rcgen's defaults) unless
    /// `expired`, then only during 2020.
    fn leaf(&self, names: &[&str], expired: bool) -> Leaf {
        let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        let mut params = CertificateParams::new(names.clone()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, &names[0]);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if expired {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        }
        let key = KeyPair::generate().unwrap();
        let certificate = params.signed_by(&key, &self.0).unwrap();
        Leaf {
            certificate: certificate.der().clone(),
            key: PrivatePkcs8KeyDer::from(key.serialize_der()).into(),
        }
    }
}

/// A server certificate and its private key.
struct Leaf {
    certificate: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

/// A loopback listener that hands axum only the connections whose TLS handshake succeeded;
/// a refused handshake (the proxy rejecting the certificate) is dropped.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, address)) = self.tcp.accept().await else {
                continue;
            };
            if let Ok(tls) = self.acceptor.accept(stream).await {
                return (tls, address);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

/// The fake upstream of `common` behind TLS with `leaf`: its `https://127.0.0.1:<port>` base
/// URL and what it saw.
async fn https_upstream(leaf: Leaf) -> (String, Seen) {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let tls = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.certificate], leaf.key)
        .unwrap();
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = tcp.local_addr().unwrap();
    let listener = TlsListener {
        tcp,
        acceptor: TlsAcceptor::from(Arc::new(tls)),
    };
    let (router, seen) = fake_upstream_router();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("https://{address}"), seen)
}

/// An in-process proxy to `upstream`, trusting `ca` (as `--upstream-ca` would) when given.
async fn start_proxy(name: &str, upstream: String, ca: Option<&Ca>) -> Server {
    let dir = TempDir::new(name);
    let mut config = proxy_config(&dir, upstream);
    if let Some(ca) = ca {
        config.upstream.as_mut().unwrap().ca_file = Some(ca.write_pem(&dir));
    }
    start_with(config, dir).await
}

/// A 502 naming `cause`, without either token, and nothing reached the upstream.
async fn assert_refused(server: &Server, seen: &Seen, cause: &str) {
    for answer in [
        create(server, &credit(CUSTOMER)).await,
        post(
            server,
            app::LIST_PATH,
            json!({"customer_id": CUSTOMER}).to_string(),
        )
        .await,
    ] {
        assert_message_only(&answer, StatusCode::BAD_GATEWAY);
        let message = answer.message();
        assert!(message.contains(cause), "{message}");
        assert!(!message.contains(REAL_TOKEN), "{message}");
        assert!(!message.contains(TOKEN), "{message}");
    }
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[tokio::test]
async fn https_upstream_trusted_through_the_ca_option_relays_create_and_list() {
    let ca = Ca::new("credit-rules test CA");
    let (upstream, seen) = https_upstream(ca.leaf(&["127.0.0.1", "localhost"], false)).await;
    let server = start_proxy("https-ok", upstream, Some(&ca)).await;

    let mut draft = credit(&CUSTOMER.to_uppercase());
    draft["priority"] = json!("50");
    let created = create(&server, &draft).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(
        created.json(),
        json!({"data": {"id": "0f0e5e9c-1d7a-4b1e-8a53-9a1f7d0d2c11"}})
    );

    let conflict = create(&server, &with_key(credit(CUSTOMER), "taken")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(
        conflict.json(),
        json!({"message": "uniqueness key already used"})
    );

    let rejected = create(&server, &with_key(credit(CUSTOMER), "rejected")).await;
    assert_eq!(rejected.status, StatusCode::BAD_REQUEST);
    assert_eq!(rejected.json(), json!({"message": "product not found"}));

    // Refused locally (invalid): never forwarded.
    let invalid = create(&server, &json!({"priority": 1})).await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);

    let query = json!({"customer_id": CUSTOMER.to_uppercase(), "limit": 5}).to_string();
    let listed = post(&server, app::LIST_PATH, query).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json(), json!({"data": [], "next_page": null}));

    let seen = seen.lock().unwrap();
    let paths: Vec<&str> = seen.iter().map(|(path, _, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            app::CREATE_PATH,
            app::CREATE_PATH,
            app::CREATE_PATH,
            app::LIST_PATH
        ]
    );
    // The server-side token went upstream every time, the page's never.
    for (_, authorization, _) in seen.iter() {
        assert_eq!(authorization, &format!("Bearer {REAL_TOKEN}"));
        assert!(!authorization.contains(TOKEN), "{authorization}");
    }
    assert_eq!(seen[0].2, normalized(&draft));
    assert_eq!(seen[0].2["priority"], 50);
    assert_eq!(seen[3].2, json!({"customer_id": CUSTOMER, "limit": 5}));
}

#[tokio::test]
async fn a_certificate_from_a_ca_not_passed_is_not_trusted() {
    let ca = Ca::new("credit-rules test CA");
    let stranger = Ca::new("some other CA");
    let (upstream, seen) = https_upstream(stranger.leaf(&["127.0.0.1"], false)).await;

    // Only the compiled-in roots.
    let server = start_proxy("https-untrusted", upstream.clone(), None).await;
    assert_refused(&server, &seen, "TLS certificate is not trusted").await;
    let message = create(&server, &credit(CUSTOMER)).await.message();
    assert!(message.contains("--upstream-ca"), "{message}");

    // The roots plus a CA file that did not issue it.
    let server = start_proxy("https-other-ca", upstream, Some(&ca)).await;
    assert_refused(&server, &seen, "TLS certificate is not trusted").await;
}

#[tokio::test]
async fn a_certificate_for_another_host_name_is_refused() {
    let ca = Ca::new("credit-rules test CA");
    let (upstream, seen) = https_upstream(ca.leaf(&["api.example.com"], false)).await;
    let server = start_proxy("https-name", upstream, Some(&ca)).await;
    assert_refused(
        &server,
        &seen,
        "TLS certificate is not valid for the host name",
    )
    .await;
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let ca = Ca::new("credit-rules test CA");
    let (upstream, seen) = https_upstream(ca.leaf(&["127.0.0.1"], true)).await;
    let server = start_proxy("https-expired", upstream, Some(&ca)).await;
    assert_refused(&server, &seen, "TLS certificate has expired").await;
}

#[tokio::test]
async fn an_upstream_that_does_not_speak_tls_fails_the_handshake() {
    // The plain-HTTP fake, addressed as https://: the handshake fails before any request.
    let (router, seen) = fake_upstream_router();
    let plain = serve(router).await;
    let upstream = plain.replacen("http://", "https://", 1);
    let server = start_proxy("https-plain", upstream, None).await;
    assert_refused(&server, &seen, "TLS handshake with the upstream failed").await;
}

#[tokio::test]
async fn a_refused_https_connection_is_a_502_saying_so() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let server = start_proxy("https-refused", format!("https://{address}"), None).await;
    let answer = create(&server, &credit(CUSTOMER)).await;
    assert_message_only(&answer, StatusCode::BAD_GATEWAY);
    let message = answer.message();
    assert!(message.contains("cannot be reached"), "{message}");
    assert!(message.contains("connection refused"), "{message}");
    assert!(!message.contains(REAL_TOKEN), "{message}");
}

#[tokio::test]
async fn a_bad_ca_file_stops_the_start_with_one_line() {
    let dir = TempDir::new("https-bad-ca");
    let mut config = proxy_config(&dir, "https://127.0.0.1:1".into());
    let missing = dir.path().join("missing.pem");
    config.upstream.as_mut().unwrap().ca_file = Some(missing);
    let error = app::router(&config).err().unwrap();
    assert!(
        error.contains("cannot read the upstream CA file"),
        "{error}"
    );

    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    config.upstream.as_mut().unwrap().ca_file = Some(empty);
    let error = app::router(&config).err().unwrap();
    assert!(error.contains("holds no PEM certificate"), "{error}");
    assert!(!error.contains('\n'), "{error}");
}

#[tokio::test]
async fn the_binary_says_which_upstream_and_how_it_is_verified() {
    let ca = Ca::new("credit-rules test CA");
    let (upstream, seen) = https_upstream(ca.leaf(&["127.0.0.1"], false)).await;
    let dir = TempDir::new("https-binary");
    let ca_file = ca.write_pem(&dir);
    let ca_file = ca_file.to_str().unwrap();
    let data = dir.path().join("data");
    let (server, lines) = start_binary_with(
        &data,
        dir.path(),
        &["--upstream", &upstream, "--upstream-ca", ca_file],
        &[("METRONOME_API_TOKEN", REAL_TOKEN)],
    );
    assert_eq!(
        lines[0],
        format!("credit-rules-server 0.1.0: proxy mode, forwarding valid credits to {upstream}")
    );
    assert!(
        lines[1].starts_with(&format!(
            "upstream {upstream}, certificate verified against the "
        )) && lines[1].contains(" compiled-in Mozilla roots (webpki-roots)")
            && lines[1].ends_with(&format!(" and the 1 CA certificate of {ca_file}")),
        "{lines:?}"
    );
    assert!(
        lines.iter().all(|line| !line.contains(REAL_TOKEN)),
        "{lines:?}"
    );
    let created = create(&server, &credit(CUSTOMER)).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(!data.exists(), "proxy mode stores nothing");

    // A plain-HTTP upstream says that it is one.
    let (router, _) = fake_upstream_router();
    let plain = serve(router).await;
    let (_server, lines) = start_binary_with(
        &data,
        dir.path(),
        &["--upstream", &plain],
        &[("METRONOME_API_TOKEN", REAL_TOKEN)],
    );
    assert!(
        lines[1].starts_with(&format!("upstream {plain}, plain HTTP: not encrypted")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn an_upstream_that_never_answers_the_handshake_is_a_504() {
    // Accepts connections and holds them, silent: the TLS handshake never completes.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = silent.local_addr().unwrap();
    let (held_tx, mut held_rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = silent.accept().await {
            held_tx.send(stream).ok();
        }
    });
    let dir = TempDir::new("https-timeout");
    let mut config = proxy_config(&dir, format!("https://{address}"));
    config.upstream.as_mut().unwrap().timeout = std::time::Duration::from_millis(300);
    let server = start_with(config, dir).await;
    let answer = create(&server, &credit(CUSTOMER)).await;
    assert_message_only(&answer, StatusCode::GATEWAY_TIMEOUT);
    let message = answer.message();
    assert!(
        message.contains("did not answer within 0.3 seconds"),
        "{message}"
    );
    assert!(!message.contains(REAL_TOKEN), "{message}");
    // The proxy did connect: the silence, not a refusal, made the 504.
    assert!(held_rx.try_recv().is_ok());
}
