//! What every server test shares: temporary directories, a server on a free loopback port
//! (in-process, or the real binary as a child process), and an HTTP client.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use credit_rules_server::app;
use credit_rules_server::listing;
use credit_rules_server::store::StoredCredit;
use credit_rules_server::{Config, Upstream};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const TOKEN: &str = "test-token";
/// The real API token of proxy mode's tests: what the upstream must see, never the page.
pub const REAL_TOKEN: &str = "real-metronome-token";
pub const CUSTOMER: &str = "13117714-3f05-48e5-a6e9-a66093f13b4d";
pub const OTHER_CUSTOMER: &str = "2e5c4bd5-3a9b-4a5e-9d8a-0f3c1f1b2a77";
pub const PRODUCT: &str = "f14d6729-6a44-4b13-9908-9387f1918790";

/// Request headers, in order; a name may repeat.
pub type Headers = Vec<(HeaderName, HeaderValue)>;

/// How long a test waits for the binary to start, or for a raw socket to answer, before it
/// fails instead of hanging.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "credit-rules-server-{name}-{}",
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A running server on a free loopback port. An in-process one lives as long as the test's
/// runtime; a child process is killed (SIGKILL) by [`Server::kill`] or when this is dropped.
pub struct Server {
    pub base: String,
    process: Option<Child>,
    _dir: Option<TempDir>,
}

impl Server {
    /// Kills the child process with SIGKILL (what `Child::kill` sends on Unix) and reaps it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.process.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A sandbox with the test token whose data, www/ and pkg/ are all inside `dir`.
pub fn sandbox_config(dir: &TempDir) -> Config {
    let mut config = Config::new(TOKEN, dir.path().join("data"));
    // Tests must not depend on the workspace's www/ or pkg/.
    config.www_dir = dir.path().join("www");
    config.pkg_dir = dir.path().join("pkg");
    config
}

/// Serves `router` in-process on a free loopback port; the base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// An in-process sandbox in a new temporary directory.
pub async fn start(name: &str) -> Server {
    let dir = TempDir::new(name);
    start_with(sandbox_config(&dir), dir).await
}

/// An in-process server for `config`, keeping `dir` until the server is dropped.
pub async fn start_with(config: Config, dir: TempDir) -> Server {
    let base = serve(app::router(&config).unwrap()).await;
    Server {
        base,
        process: None,
        _dir: Some(dir),
    }
}

/// The real binary in sandbox mode on a free port (`--port 0`), storing in `data_dir` and
/// serving `www_dir`: the server and the lines it printed, up to the `Open` line.
pub fn start_binary(data_dir: &Path, www_dir: &Path) -> (Server, Vec<String>) {
    start_binary_with(data_dir, www_dir, &[], &[])
}

/// [`start_binary`] with more arguments and environment variables (proxy mode).
pub fn start_binary_with(
    data_dir: &Path,
    www_dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Server, Vec<String>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credit-rules-server"));
    command
        .args(["--port", "0", "--data"])
        .arg(data_dir)
        .arg("--www")
        .arg(www_dir)
        .arg("--pkg")
        .arg(www_dir.join("pkg"))
        .args(args)
        .env("CREDIT_RULES_TOKEN", TOKEN)
        .env_remove("CREDIT_RULES_UPSTREAM")
        .env_remove("CREDIT_RULES_UPSTREAM_CA")
        .env_remove("METRONOME_API_TOKEN")
        .env_remove("CREDIT_RULES_PORT")
        .envs(env.iter().copied())
        .stdout(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    // The reader drains stdout until the child exits, so the child never writes to a closed
    // pipe; it ends by itself when the child is killed.
    let (lines_tx, lines_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                // Nobody listens any more: keep draining.
                continue;
            }
        }
    });
    let mut server = Server {
        base: String::new(),
        process: Some(child),
        _dir: None,
    };
    let mut lines = Vec::new();
    while !lines
        .last()
        .is_some_and(|l: &String| l.starts_with("Open "))
    {
        match lines_rx.recv_timeout(PATIENCE) {
            Ok(line) => lines.push(line),
            Err(error) => panic!("the binary did not start ({error}); it printed {lines:?}"),
        }
    }
    server.base = lines
        .iter()
        .find_map(|line| line.strip_prefix("listening on "))
        .unwrap_or_else(|| panic!("no listening line in {lines:?}"))
        .to_owned();
    (server, lines)
}

/// A complete answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The `message` of a JSON error body, or "".
    pub fn message(&self) -> String {
        self.json()["message"].as_str().unwrap_or("").to_owned()
    }

    /// The `code@pointer` keys of a 400's issues.
    pub fn issue_keys(&self) -> Vec<String> {
        self.json()["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|issue| {
                format!(
                    "{}@{}",
                    issue["code"].as_str().unwrap(),
                    issue["pointer"].as_str().unwrap()
                )
            })
            .collect()
    }

    /// The id of a 200 from create.
    pub fn id(&self) -> String {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{:?}",
            String::from_utf8_lossy(&self.body)
        );
        self.json()["data"]["id"].as_str().unwrap().to_owned()
    }
}

/// A client without a connection pool: every request opens its own connection.
pub fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build_http()
}

/// Sends a request with exactly `headers`; `Err` when no complete answer came (the connection
/// was refused or reset).
pub async fn try_request(
    method: Method,
    url: &str,
    headers: Headers,
    body: impl Into<Bytes>,
) -> Result<Answer, String> {
    let mut request = Request::builder()
        .method(method)
        .uri(url)
        .body(Full::new(body.into()))
        .unwrap();
    for (name, value) in headers {
        request.headers_mut().append(name, value);
    }
    let response = client()
        .request(request)
        .await
        .map_err(|error| format!("{error:?}"))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|error| format!("{error:?}"))?
        .to_bytes();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// [`try_request`] that must get an answer.
pub async fn request(
    method: Method,
    url: &str,
    headers: Headers,
    body: impl Into<Bytes>,
) -> Answer {
    try_request(method, url, headers, body)
        .await
        .unwrap_or_else(|error| panic!("{url}: no answer: {error}"))
}

/// The headers of an API call: `Authorization` when given, and a JSON content type.
pub fn api_headers(authorization: Option<&str>) -> Headers {
    let mut headers = vec![(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    )];
    if let Some(authorization) = authorization {
        headers.push((
            header::AUTHORIZATION,
            HeaderValue::from_str(authorization).unwrap(),
        ));
    }
    headers
}

/// A request with a JSON content type and, when given, `Authorization`.
pub async fn send(
    method: Method,
    url: &str,
    authorization: Option<&str>,
    body: impl Into<Bytes>,
) -> Answer {
    request(method, url, api_headers(authorization), body).await
}

/// A POST with the right token.
pub async fn post(server: &Server, path: &str, body: impl Into<Bytes>) -> Answer {
    let bearer = format!("Bearer {TOKEN}");
    send(
        Method::POST,
        &format!("{}{path}", server.base),
        Some(&bearer),
        body,
    )
    .await
}

/// Creates `credit` with the right token.
pub async fn create(server: &Server, credit: &Value) -> Answer {
    post(server, app::CREATE_PATH, credit.to_string()).await
}

/// Creates `credit` at `base`; `Err` when no answer came.
pub async fn try_create(base: &str, credit: &Value) -> Result<Answer, String> {
    let bearer = format!("Bearer {TOKEN}");
    try_request(
        Method::POST,
        &format!("{base}{}", app::CREATE_PATH),
        api_headers(Some(&bearer)),
        credit.to_string(),
    )
    .await
}

/// The stored credits of `customer_id`, newest first, as the list shows them (the SDK's
/// `Credit`): every page, following `next_page` until it is `null`.
pub async fn list(server: &Server, customer_id: &str) -> Vec<Value> {
    let mut credits = Vec::new();
    let mut next_page = Value::Null;
    loop {
        let query = json!({
            "customer_id": customer_id,
            "limit": listing::MAX_LIMIT,
            "next_page": next_page,
        });
        let answer = post(server, app::LIST_PATH, query.to_string()).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.message());
        let page = answer.json();
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= listing::MAX_LIMIT);
        credits.extend(data.iter().cloned());
        match &page["next_page"] {
            Value::String(_) => next_page = page["next_page"].clone(),
            Value::Null => return credits,
            other => panic!("next_page is neither a string nor null: {other}"),
        }
    }
}

/// What the list shows for `draft` stored under `id`, without `created_at` (the one field a
/// test cannot know in advance): its normalized body as the SDK's `Credit`.
pub fn listed(id: &str, draft: &Value) -> Value {
    let mut credit = listing::credit(&StoredCredit {
        seq: 0,
        id: id.to_owned(),
        created_at: String::new(),
        credit: normalized(draft),
    });
    credit.as_object_mut().unwrap().remove("created_at");
    credit
}

pub async fn get(base: &str, path: &str) -> Answer {
    send(Method::GET, &format!("{base}{path}"), None, Bytes::new()).await
}

/// A valid credit of `customer_id`.
pub fn credit(customer_id: &str) -> Value {
    json!({
        "customer_id": customer_id,
        "product_id": PRODUCT,
        "priority": 100,
        "access_schedule": {"schedule_items": [{
            "amount": 1000,
            "starting_at": "2026-01-01T00:00:00.000Z",
            "ending_before": "2026-02-01T00:00:00.000Z"
        }]}
    })
}

pub fn with_key(mut credit: Value, key: &str) -> Value {
    credit["uniqueness_key"] = json!(key);
    credit
}

/// What the store must hold for `draft`: the library's normalized value.
pub fn normalized(draft: &Value) -> Value {
    credit_rules::validate(draft, &Default::default())
        .value
        .unwrap()
}

pub fn assert_uuid_v4(id: &Value) {
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("id is not a string: {id}"));
    let parsed = uuid::Uuid::parse_str(id).unwrap_or_else(|_| panic!("not a UUID: {id}"));
    assert_eq!(parsed.get_version_num(), 4, "{id}");
    assert_eq!(parsed.hyphenated().to_string(), id);
}

/// `status` with the API's error shape: JSON with a non-empty `message`.
pub fn assert_message_only(answer: &Answer, status: StatusCode) {
    assert_eq!(
        answer.status,
        status,
        "{:?}",
        String::from_utf8_lossy(&answer.body)
    );
    let body = answer.json();
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(answer.header(header::CONTENT_TYPE), "application/json");
}

/// Sends raw bytes, so that a request reaches the server exactly as written, and reads until
/// the server closes the connection (or [`PATIENCE`] runs out). With `half_close`, the
/// writing side is shut after the bytes, as a client that gave up mid-body would.
pub async fn raw_request(base: &str, request: impl Into<Vec<u8>>, half_close: bool) -> String {
    let address = base.trim_start_matches("http://").to_owned();
    let request = request.into();
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        // The server may answer and close before reading everything: a failed write is fine.
        let written = stream.write_all(&request);
        if half_close {
            stream.shutdown(std::net::Shutdown::Write).ok();
        }
        let mut answer = Vec::new();
        let read = stream.read_to_end(&mut answer);
        if answer.is_empty() {
            // Say what went wrong only when there is nothing to show.
            if let Err(error) = read.as_ref() {
                if error.kind() == std::io::ErrorKind::WouldBlock
                    || error.kind() == std::io::ErrorKind::TimedOut
                {
                    panic!("no answer within {PATIENCE:?} (write: {written:?})");
                }
            }
        }
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap()
}

/// The status of a raw answer, from its status line; 0 when there is none.
pub fn raw_status(answer: &str) -> u16 {
    answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// What a fake upstream saw: the path, the Authorization header and the body of each request.
pub type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A stand-in for Metronome's API that records requests and answers like the real one:
/// create is a 409 for `uniqueness_key` "taken", a 400 for "rejected" (something only the
/// real API knows, such as an unknown product), else a 200 with a fixed id; list is a 200.
pub fn fake_upstream_router() -> (axum::Router, Seen) {
    fn record(seen: &Seen, path: &str, headers: &HeaderMap, body: &Bytes) -> Value {
        let authorization = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        seen.lock()
            .unwrap()
            .push((path.to_owned(), authorization, body.clone()));
        body
    }
    let seen: Seen = Arc::default();
    let on_create = {
        let seen = Arc::clone(&seen);
        move |headers: HeaderMap, body: Bytes| async move {
            let body = record(&seen, app::CREATE_PATH, &headers, &body);
            if body["uniqueness_key"] == "taken" {
                (
                    StatusCode::CONFLICT,
                    r#"{"message":"uniqueness key already used"}"#,
                )
            } else if body["uniqueness_key"] == "rejected" {
                (
                    StatusCode::BAD_REQUEST,
                    r#"{"message":"product not found"}"#,
                )
            } else {
                (
                    StatusCode::OK,
                    r#"{"data":{"id":"0f0e5e9c-1d7a-4b1e-8a53-9a1f7d0d2c11"}}"#,
                )
            }
        }
    };
    let on_list = {
        let seen = Arc::clone(&seen);
        move |headers: HeaderMap, body: Bytes| async move {
            record(&seen, app::LIST_PATH, &headers, &body);
            (StatusCode::OK, r#"{"data":[],"next_page":null}"#)
        }
    };
    let router = axum::Router::new()
        .route(app::CREATE_PATH, axum::routing::post(on_create))
        .route(app::LIST_PATH, axum::routing::post(on_list));
    (router, seen)
}

/// A proxy-mode configuration forwarding to `base_url` with [`REAL_TOKEN`], its directories
/// inside `dir`.
pub fn proxy_config(dir: &TempDir, base_url: String) -> Config {
    let mut config = sandbox_config(dir);
    config.upstream = Some(Upstream::new(base_url, REAL_TOKEN));
    config
}
