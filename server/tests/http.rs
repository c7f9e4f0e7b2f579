//! The server over real HTTP on loopback: each test starts its own instance on port 0 with
//! its own temporary data directory.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use credit_rules_server::app::{self, CONTENT_SECURITY_POLICY, MAX_BODY};
use credit_rules_server::{Config, Upstream};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const TOKEN: &str = "test-token";
const CUSTOMER: &str = "13117714-3f05-48e5-a6e9-a66093f13b4d";
const OTHER_CUSTOMER: &str = "2e5c4bd5-3a9b-4a5e-9d8a-0f3c1f1b2a77";
const PRODUCT: &str = "f14d6729-6a44-4b13-9908-9387f1918790";

/// A directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "credit-rules-server-{name}-{}",
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A running server and the directory it keeps its data in.
struct Server {
    base: String,
    _dir: TempDir,
}

fn sandbox_config(dir: &TempDir) -> Config {
    let mut config = Config::new(TOKEN, dir.path().join("data"));
    // Tests must not depend on the workspace's www/ or pkg/.
    config.www_dir = dir.path().join("www");
    config.pkg_dir = dir.path().join("pkg");
    config
}

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

async fn start(name: &str) -> Server {
    let dir = TempDir::new(name);
    start_with(sandbox_config(&dir), dir).await
}

async fn start_with(config: Config, dir: TempDir) -> Server {
    let base = serve(app::router(&config).unwrap()).await;
    Server { base, _dir: dir }
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The `code@pointer` keys of a 400's issues.
    fn issue_keys(&self) -> Vec<String> {
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
}

fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn send(
    method: Method,
    url: &str,
    authorization: Option<&str>,
    body: impl Into<Bytes>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(url);
    if let Some(authorization) = authorization {
        request = request.header(header::AUTHORIZATION, authorization);
    }
    let request = request
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(body.into()))
        .unwrap();
    let response = client().request(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body,
    }
}

async fn post(server: &Server, path: &str, body: impl Into<Bytes>) -> Answer {
    let bearer = format!("Bearer {TOKEN}");
    send(
        Method::POST,
        &format!("{}{path}", server.base),
        Some(&bearer),
        body,
    )
    .await
}

async fn create(server: &Server, credit: &Value) -> Answer {
    post(server, app::CREATE_PATH, credit.to_string()).await
}

async fn get(base: &str, path: &str) -> Answer {
    send(Method::GET, &format!("{base}{path}"), None, Bytes::new()).await
}

fn credit(customer_id: &str) -> Value {
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

fn with_key(mut credit: Value, key: &str) -> Value {
    credit["uniqueness_key"] = json!(key);
    credit
}

fn assert_uuid_v4(id: &Value) {
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("id is not a string: {id}"));
    let parsed = uuid::Uuid::parse_str(id).unwrap_or_else(|_| panic!("not a UUID: {id}"));
    assert_eq!(parsed.get_version_num(), 4, "{id}");
    assert_eq!(parsed.hyphenated().to_string(), id);
}

fn assert_message_only(answer: &Answer, status: StatusCode) {
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

#[tokio::test]
async fn a_missing_or_wrong_token_is_401() {
    let server = start("auth").await;
    let url = format!("{}{}", server.base, app::CREATE_PATH);
    let body = credit(CUSTOMER).to_string();
    for authorization in [
        None,
        Some("Bearer nope"),
        Some("Basic dGVzdC10b2tlbg=="),
        Some(TOKEN),
        Some("Bearer"),
    ] {
        let answer = send(Method::POST, &url, authorization, body.clone()).await;
        assert_message_only(&answer, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.header(header::WWW_AUTHENTICATE), "Bearer");
    }
    let list = format!("{}{}", server.base, app::LIST_PATH);
    let answer = send(
        Method::POST,
        &list,
        None,
        json!({"customer_id": CUSTOMER}).to_string(),
    )
    .await;
    assert_message_only(&answer, StatusCode::UNAUTHORIZED);
    // The scheme is case-insensitive (RFC 7235).
    let answer = send(Method::POST, &url, Some(&format!("bearer {TOKEN}")), body).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_valid_credit_gets_200_and_a_uuid() {
    let server = start("create").await;
    let answer = create(&server, &credit(CUSTOMER)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_uuid_v4(&body["data"]["id"]);
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    assert_eq!(
        answer.header(header::CONTENT_SECURITY_POLICY),
        CONTENT_SECURITY_POLICY
    );
    assert_eq!(answer.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");

    let second = create(&server, &credit(CUSTOMER)).await.json();
    assert_ne!(second["data"]["id"], body["data"]["id"]);
}

#[tokio::test]
async fn an_invalid_credit_gets_400_with_its_issues() {
    let server = start("invalid").await;
    let mut draft = credit(CUSTOMER);
    draft.as_object_mut().unwrap().remove("customer_id");
    draft["access_schedule"]["schedule_items"][0]["amount"] = json!(-5);
    let answer = create(&server, &draft).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.issue_keys(),
        [
            "required@/customer_id",
            "not_positive@/access_schedule/schedule_items/0/amount"
        ]
    );
    let message = answer.json()["message"].as_str().unwrap().to_owned();
    assert_eq!(
        message,
        "The credit has 2 errors: customer_id: This field is required. \
         access_schedule.schedule_items[0].amount: Must be greater than 0."
    );
    let issue = &answer.json()["issues"][0];
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["path"], json!(["customer_id"]));

    let answer = post(&server, app::CREATE_PATH, "{not json").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.issue_keys(), ["invalid_json@"]);

    let answer = post(
        &server,
        app::CREATE_PATH,
        Bytes::from_static(b"{\"name\": \"\xff\"}"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.issue_keys(), ["invalid_json@"]);

    let answer = post(&server, app::CREATE_PATH, "[]").await;
    assert_eq!(answer.issue_keys(), ["invalid_type@"]);
}

#[tokio::test]
async fn a_reused_uniqueness_key_is_409() {
    let server = start("conflict").await;
    let keyed = with_key(credit(CUSTOMER), "order-1");
    assert_eq!(create(&server, &keyed).await.status, StatusCode::OK);
    let answer = create(&server, &keyed).await;
    assert_message_only(&answer, StatusCode::CONFLICT);
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .contains("order-1"));
    // The key is compared after normalization (trimmed), and across customers.
    let padded = with_key(credit(OTHER_CUSTOMER), "  order-1 ");
    assert_eq!(create(&server, &padded).await.status, StatusCode::CONFLICT);
    assert_eq!(
        create(&server, &with_key(credit(CUSTOMER), "order-2"))
            .await
            .status,
        StatusCode::OK
    );
    // Credits without a key never conflict.
    assert_eq!(
        create(&server, &credit(CUSTOMER)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        create(&server, &credit(CUSTOMER)).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_racing_requests_with_one_key_give_one_200() {
    let server = Arc::new(start("race").await);
    let keyed = with_key(credit(CUSTOMER), "race-key");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let server = Arc::clone(&server);
            let keyed = keyed.clone();
            tokio::spawn(async move { create(&server, &keyed).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let conflict = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((ok, conflict), (1, 19), "{statuses:?}");

    let listed = post(
        &server,
        app::LIST_PATH,
        json!({"customer_id": CUSTOMER}).to_string(),
    )
    .await;
    assert_eq!(listed.json()["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_body_over_1_mib_is_413() {
    let server = start("large").await;
    let mut draft = credit(CUSTOMER);
    draft["description"] = json!("x".repeat(MAX_BODY));
    let answer = create(&server, &draft).await;
    assert_message_only(&answer, StatusCode::PAYLOAD_TOO_LARGE);

    // Just under the limit is read and validated.
    let base = credit(CUSTOMER).to_string().len() + r#","description":"""#.len();
    draft["description"] = json!("x".repeat(MAX_BODY - base - 8));
    let text = draft.to_string();
    assert!(text.len() <= MAX_BODY);
    assert_eq!(
        post(&server, app::CREATE_PATH, text).await.status,
        StatusCode::OK
    );

    let answer = post(&server, app::LIST_PATH, " ".repeat(MAX_BODY + 1)).await;
    assert_message_only(&answer, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn list_returns_the_customers_normalized_credits_newest_first() {
    let server = start("list").await;
    let mut first = credit(&CUSTOMER.to_uppercase());
    first["name"] = json!("  First  ");
    first["access_schedule"]["schedule_items"][0]["starting_at"] = json!("2026-01-01");
    let second = credit(CUSTOMER);
    let first_id = create(&server, &first).await.json()["data"]["id"].clone();
    let second_id = create(&server, &second).await.json()["data"]["id"].clone();
    create(&server, &credit(OTHER_CUSTOMER)).await;

    let query = json!({"customer_id": format!("  {}  ", CUSTOMER.to_uppercase())}).to_string();
    let answer = post(&server, app::LIST_PATH, query).await;
    assert_eq!(answer.status, StatusCode::OK);
    let data = answer.json()["data"].as_array().unwrap().clone();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["id"], second_id);
    assert_eq!(data[1]["id"], first_id);
    let normalized = credit_rules::validate(&first, &Default::default())
        .value
        .unwrap();
    assert_eq!(data[1]["credit"], normalized);
    assert_eq!(data[1]["credit"]["name"], "First");
    assert_eq!(data[1]["credit"]["customer_id"], CUSTOMER);
    assert_eq!(
        data[1]["credit"]["access_schedule"]["schedule_items"][0]["starting_at"],
        "2026-01-01T00:00:00.000Z"
    );
    let created_at = data[0]["created_at"].as_str().unwrap();
    assert!(
        created_at.len() == 24 && created_at.ends_with('Z'),
        "{created_at}"
    );

    let other = post(
        &server,
        app::LIST_PATH,
        json!({"customer_id": OTHER_CUSTOMER}).to_string(),
    )
    .await;
    assert_eq!(other.json()["data"].as_array().unwrap().len(), 1);
    let nobody = json!({"customer_id": "00000000-0000-4000-8000-000000000000"}).to_string();
    assert_eq!(
        post(&server, app::LIST_PATH, nobody).await.json(),
        json!({"data": []})
    );

    for bad in [
        "",
        "nope",
        "[]",
        r#"{}"#,
        r#"{"customer_id": 5}"#,
        r#"{"customer_id": "abc"}"#,
    ] {
        let answer = post(&server, app::LIST_PATH, bad).await;
        assert_message_only(&answer, StatusCode::BAD_REQUEST);
    }
}

/// Sends raw bytes, so that paths reach the server exactly as written.
async fn raw_request(base: &str, request: String) -> String {
    let address = base.trim_start_matches("http://").to_owned();
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn static_files_have_their_content_types_and_stay_inside_their_roots() {
    let dir = TempDir::new("static");
    let www = dir.path().join("www");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(www.join("js")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        www.join("index.html"),
        "<!doctype html><title>credits</title>",
    )
    .unwrap();
    std::fs::write(www.join("js/app.js"), "export {};").unwrap();
    std::fs::write(www.join("style.css"), "body {}").unwrap();
    std::fs::write(www.join("data.json"), "{}").unwrap();
    std::fs::write(www.join("logo.svg"), "<svg/>").unwrap();
    std::fs::write(www.join("logo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(www.join(".env"), "SECRET=1").unwrap();
    std::fs::write(pkg.join("credit_rules.js"), "export default 1;").unwrap();
    std::fs::write(pkg.join("credit_rules_bg.wasm"), [0, b'a', b's', b'm']).unwrap();
    std::fs::write(pkg.join("credit_rules.d.ts"), "export {};").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = start_with(sandbox_config(&dir), dir).await;

    let table = [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/js/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/logo.svg", "image/svg+xml"),
        ("/logo.png", "image/png"),
        ("/pkg/credit_rules.js", "text/javascript; charset=utf-8"),
        ("/pkg/credit_rules_bg.wasm", "application/wasm"),
        ("/pkg/credit_rules.d.ts", "text/plain; charset=utf-8"),
    ];
    for (path, content_type) in table {
        let answer = get(&server.base, path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.header(header::CONTENT_TYPE), content_type, "{path}");
        assert_eq!(
            answer.header(header::CONTENT_SECURITY_POLICY),
            CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(
            answer.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
    }
    assert_eq!(
        &get(&server.base, "/").await.body[..],
        b"<!doctype html><title>credits</title>"
    );

    for path in ["/missing.js", "/pkg/missing.wasm", "/.env", "/js", "/js/"] {
        assert_eq!(
            get(&server.base, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let traversals = [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/js/../../secret.txt",
        "/pkg/../secret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
        "/..%5csecret.txt",
    ];
    for path in traversals {
        let answer = raw_request(
            &server.base,
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
        .await;
        let status_line = answer.lines().next().unwrap_or_default();
        assert!(!status_line.contains(" 200 "), "{path}: {status_line}");
        assert!(
            !answer.contains("TOP SECRET") && !answer.contains("[package]"),
            "{path}"
        );
    }

    // Other methods on a file are refused in the API's shape.
    let answer = send(
        Method::DELETE,
        &format!("{}/index.html", server.base),
        None,
        Bytes::new(),
    )
    .await;
    assert_message_only(&answer, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn a_missing_pkg_says_to_run_the_build() {
    let server = start("nopkg").await;
    let answer = get(&server.base, "/pkg/credit_rules.js").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer
        .header(header::CONTENT_TYPE)
        .starts_with("text/plain"));
    assert!(String::from_utf8_lossy(&answer.body).contains("Run the build"));
    assert_eq!(
        answer.header(header::CONTENT_SECURITY_POLICY),
        CONTENT_SECURITY_POLICY
    );
}

/// What the fake upstream saw: the Authorization header and the body of each request.
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A stand-in for Metronome's API: records requests, answers like the real one.
async fn fake_upstream() -> (String, Seen) {
    async fn record(seen: &Seen, path: &str, headers: &HeaderMap, body: &Bytes) -> Value {
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
            let body = record(&seen, app::CREATE_PATH, &headers, &body).await;
            if body["uniqueness_key"] == "taken" {
                (
                    StatusCode::CONFLICT,
                    r#"{"message":"uniqueness key already used"}"#,
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
            record(&seen, app::LIST_PATH, &headers, &body).await;
            (StatusCode::OK, r#"{"data":[],"next_page":null}"#)
        }
    };
    let router = axum::Router::new()
        .route(app::CREATE_PATH, axum::routing::post(on_create))
        .route(app::LIST_PATH, axum::routing::post(on_list));
    (serve(router).await, seen)
}

fn proxy_config(dir: &TempDir, base_url: String) -> Config {
    let mut config = sandbox_config(dir);
    config.upstream = Some(Upstream {
        base_url,
        token: "real-metronome-token".into(),
    });
    config
}

#[tokio::test]
async fn proxy_mode_validates_then_forwards_with_the_real_token() {
    let (upstream, seen) = fake_upstream().await;
    let dir = TempDir::new("proxy");
    let server = start_with(proxy_config(&dir, upstream), dir).await;

    let mut draft = credit(&CUSTOMER.to_uppercase());
    draft["priority"] = json!("50");
    let answer = create(&server, &draft).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json(),
        json!({"data": {"id": "0f0e5e9c-1d7a-4b1e-8a53-9a1f7d0d2c11"}})
    );
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let (path, authorization, body) = &seen[0];
        assert_eq!(path, app::CREATE_PATH);
        assert_eq!(authorization, "Bearer real-metronome-token");
        assert_eq!(
            body,
            &credit_rules::validate(&draft, &Default::default())
                .value
                .unwrap()
        );
        assert_eq!(body["priority"], 50);
    }

    // Refused locally: never forwarded.
    let bearer = format!("{}{}", server.base, app::CREATE_PATH);
    let unauthorized = send(
        Method::POST,
        &bearer,
        Some("Bearer real-metronome-token"),
        draft.to_string(),
    )
    .await;
    assert_eq!(unauthorized.status, StatusCode::UNAUTHORIZED);
    let invalid = create(&server, &json!({"priority": 1})).await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
    assert_eq!(seen.lock().unwrap().len(), 1);

    // The upstream's status and body are relayed.
    let conflict = create(&server, &with_key(credit(CUSTOMER), "taken")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(
        conflict.json(),
        json!({"message": "uniqueness key already used"})
    );

    // List is forwarded too, with the customer id normalized.
    let query = json!({"customer_id": CUSTOMER.to_uppercase(), "limit": 5}).to_string();
    let listed = post(&server, app::LIST_PATH, query).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json(), json!({"data": [], "next_page": null}));
    let seen = seen.lock().unwrap();
    let (path, authorization, body) = seen.last().unwrap();
    assert_eq!(path, app::LIST_PATH);
    assert_eq!(authorization, "Bearer real-metronome-token");
    assert_eq!(body, &json!({"customer_id": CUSTOMER, "limit": 5}));
}

#[tokio::test]
async fn proxy_mode_answers_502_when_the_upstream_is_down() {
    // A port that was free a moment ago and has nothing listening now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let dir = TempDir::new("proxy-down");
    let server = start_with(proxy_config(&dir, format!("http://{address}")), dir).await;
    let answer = create(&server, &credit(CUSTOMER)).await;
    assert_message_only(&answer, StatusCode::BAD_GATEWAY);
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .contains("cannot be reached"));
}

#[tokio::test]
async fn the_binary_prints_its_url_and_serves() {
    use std::io::BufRead;
    let dir = TempDir::new("binary");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_credit-rules-server"))
        .args(["--port", "0", "--data"])
        .arg(dir.path().join("data"))
        .arg("--www")
        .arg(dir.path())
        .env("CREDIT_RULES_TOKEN", TOKEN)
        .env_remove("CREDIT_RULES_UPSTREAM")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read up to the "Open" line; the reader is kept so the child never writes to a closed pipe.
    let reading = tokio::task::spawn_blocking(move || {
        let mut reader = std::io::BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            lines.push(line.trim_end().to_owned());
            line.clear();
            if lines.last().is_some_and(|l| l.starts_with("Open ")) {
                break;
            }
        }
        (lines, reader)
    });
    let read = tokio::time::timeout(std::time::Duration::from_secs(60), reading).await;
    let check = async move {
        let (lines, reader) = read.expect("no startup lines within 60 s").unwrap();
        let base = lines
            .iter()
            .find_map(|line| line.strip_prefix("listening on "))
            .unwrap_or_else(|| panic!("no listening line in {lines:?}"))
            .to_owned();
        assert!(
            base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
            "{base}"
        );
        let open = lines.last().unwrap();
        assert_eq!(open, &format!("Open {base}/#token={TOKEN}"));
        let server = Server {
            base,
            _dir: TempDir::new("binary-client"),
        };
        let answer = create(&server, &credit(CUSTOMER)).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(dir.path().join("data/credits.sqlite3").is_file());
        drop(reader);
    };
    let result = tokio::spawn(check).await;
    child.kill().ok();
    child.wait().ok();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic.into_panic());
    }
}
