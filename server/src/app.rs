//! The HTTP service: routes, authentication, body limits, and the two credit endpoints.
//!
//! Every API error answers `{"message": "..."}` (a 400 from validation adds `issues`, the
//! report's errors), like Metronome's API. Every response carries [`CONTENT_SECURITY_POLICY`]
//! and `X-Content-Type-Options: nosniff`.

use crate::config::Config;
use crate::listing::{self, ListRequest};
use crate::proxy::{Proxy, ProxyError};
use crate::static_files::{Root, StaticFiles};
use crate::store::{InsertError, Store};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use credit_rules::issue::{Issue, Segment};
use credit_rules::{Options, Report};
use http_body_util::BodyExt;
use serde_json::{Map, Value};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The create endpoint, as on Metronome's API.
pub const CREATE_PATH: &str = "/v1/contracts/customerCredits/create";

/// The list endpoint, as on Metronome's API.
pub const LIST_PATH: &str = "/v1/contracts/customerCredits/list";

/// Where the API's paths begin: any other path below it is a JSON 404, never a file.
pub const API_ROOT: &str = "/v1";

/// The largest request body accepted (1 MiB); larger ones get 413.
pub const MAX_BODY: usize = 1024 * 1024;

/// How much of an oversized or unauthorized body is read and thrown away before answering 413
/// or 401. Answering while the client is still sending makes the kernel reset the connection,
/// and the client may then never see the answer; past this size the client gets the reset.
const DRAIN_LIMIT: usize = 16 * MAX_BODY;

/// The Content-Security-Policy of every response. `connect-src` allows any http(s) origin
/// because the page may post to an API base URL the user types in.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; \
base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// How many issues the 400 message spells out before "and N more".
const ISSUES_IN_MESSAGE: usize = 5;

/// What the endpoints do with a valid credit.
enum Mode {
    /// Store it locally and answer with a new id.
    Sandbox(Store),
    /// Forward it to the real API and relay the answer.
    Proxy(Box<Proxy>),
}

struct Shared {
    token: String,
    mode: Mode,
    files: StaticFiles,
}

#[derive(Clone)]
struct AppState(Arc<Shared>);

/// The whole service for `config`: opens the store (sandbox mode) or prepares the upstream
/// client (proxy mode). The error is one line, ready to print.
pub fn router(config: &Config) -> Result<Router, String> {
    let mode = match &config.upstream {
        Some(upstream) => Mode::Proxy(Box::new(Proxy::new(upstream.clone())?)),
        None => Mode::Sandbox(Store::open(&config.data_dir)?),
    };
    let state = AppState(Arc::new(Shared {
        token: config.token.clone(),
        mode,
        files: StaticFiles::new(config.www_dir.clone(), config.pkg_dir.clone()),
    }));
    Ok(Router::new()
        .route(CREATE_PATH, post(create))
        .route(LIST_PATH, post(list))
        .route(API_ROOT, any(unknown_api_path))
        // `{*path}` matches one character or more, so `/v1/` needs its own route.
        .route(&format!("{API_ROOT}/"), any(unknown_api_path))
        .route(&format!("{API_ROOT}/{{*path}}"), any(unknown_api_path))
        .route("/", get(index))
        .route("/pkg/{*path}", get(pkg_file))
        .route("/{*path}", get(www_file))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(map_response(security_headers))
        .with_state(state))
}

async fn create(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match accepted_body(&state, &headers, body).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let options = Options::default();
    let report = credit_rules::validate_json_bytes(&bytes, &options);
    let value = match report.value {
        Some(value) if report.valid => value,
        _ => return invalid_credit(&report),
    };
    match &state.0.mode {
        Mode::Sandbox(store) => {
            let store = store.clone();
            match tokio::task::spawn_blocking(move || store.insert(&value)).await {
                Ok(Ok(id)) => json_response(StatusCode::OK, &data_id(id)),
                Ok(Err(InsertError::DuplicateUniquenessKey(key))) => message_response(
                    StatusCode::CONFLICT,
                    format!("A commit or credit with uniqueness_key {key:?} already exists; nothing was created."),
                ),
                Ok(Err(error)) => internal_error(&format!("storing a credit failed: {error}")),
                Err(error) => internal_error(&format!("storing a credit failed: {error}")),
            }
        }
        Mode::Proxy(proxy) => relay(proxy, CREATE_PATH, value.to_string().into_bytes()).await,
    }
}

async fn list(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match accepted_body(&state, &headers, body).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let mut request = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(request)) => request,
        Ok(_) => return bad_request(listing::not_an_object()),
        Err(error) => return bad_request(listing::not_json(&error)),
    };
    match &state.0.mode {
        Mode::Sandbox(store) => {
            let query = match ListRequest::read(&request) {
                Ok(query) => query,
                Err(message) => return bad_request(message),
            };
            let store = store.clone();
            let page = tokio::task::spawn_blocking(move || {
                store.page(&query.page_query(), |credit| query.keeps(credit))
            })
            .await;
            match page {
                Ok(Ok(page)) => json_response(StatusCode::OK, &listing::answer(&page)),
                Ok(Err(error)) => internal_error(&format!("listing credits failed: {error}")),
                Err(error) => internal_error(&format!("listing credits failed: {error}")),
            }
        }
        Mode::Proxy(proxy) => {
            // The rest of the body is the upstream's to judge.
            let customer_id = match listing::customer_id(&request) {
                Ok(customer_id) => customer_id,
                Err(message) => return bad_request(message),
            };
            request.insert("customer_id".into(), Value::String(customer_id));
            relay(
                proxy,
                LIST_PATH,
                Value::Object(request).to_string().into_bytes(),
            )
            .await
        }
    }
}

async fn index(State(state): State<AppState>) -> Response {
    state.0.files.serve(Root::Www, "index.html").await
}

async fn www_file(State(state): State<AppState>, uri: Uri) -> Response {
    let path = uri.path().strip_prefix('/').unwrap_or(uri.path());
    state.0.files.serve(Root::Www, path).await
}

async fn pkg_file(State(state): State<AppState>, uri: Uri) -> Response {
    let path = uri.path().strip_prefix("/pkg/").unwrap_or(uri.path());
    state.0.files.serve(Root::Pkg, path).await
}

async fn not_found(method: Method, uri: Uri) -> Response {
    message_response(
        StatusCode::NOT_FOUND,
        format!("No route for {method} {}.", uri.path()),
    )
}

/// A path under [`API_ROOT`] that is not an endpoint, with any method: 404 in the API's error
/// shape, whatever the token (the answer tells nothing a caller without one could misuse). In
/// proxy mode too: only the two endpoints are ever forwarded. The body is read and dropped
/// first, as for a 401.
async fn unknown_api_path(method: Method, uri: Uri, headers: HeaderMap, body: Body) -> Response {
    let response = message_response(
        StatusCode::NOT_FOUND,
        format!(
            "No API endpoint {method} {}: this server has POST {CREATE_PATH} and POST {LIST_PATH}.",
            uri.path()
        ),
    );
    refuse_unread(&headers, body, response).await
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    message_response(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}.", uri.path()),
    )
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The token travels in the page's fragment, which browsers never send; no referrer at
    // all keeps the page's URL out of other servers' logs anyway.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

impl AppState {
    /// `Ok` when the request carries exactly one `Authorization: Bearer <the token>`.
    ///
    /// The scheme is matched in any letter case (RFC 7235 section 2.1) and one or more spaces
    /// may separate it from the token; the token itself must match byte for byte and is
    /// compared in constant time. Anything else is a 401: no header, several headers, another
    /// scheme, an empty token, or a value that is not visible ASCII.
    #[allow(clippy::result_large_err)] // the error is the response itself
    fn authorize(&self, headers: &HeaderMap) -> Result<(), Response> {
        let mut values = headers.get_all(header::AUTHORIZATION).iter();
        let value =
            match (values.next(), values.next()) {
                (Some(value), None) => value,
                (None, _) => return Err(unauthorized(
                    "Missing Authorization header: send `Authorization: Bearer <token>` with the \
                     token the server printed at start.",
                )),
                (Some(_), Some(_)) => {
                    return Err(unauthorized("Send one Authorization header, not several."))
                }
            };
        match value.to_str().ok().and_then(bearer_token) {
            Some(token) if same_secret(token.as_bytes(), self.0.token.as_bytes()) => Ok(()),
            Some(_) => Err(unauthorized("The bearer token is not valid.")),
            None => Err(unauthorized(
                "The Authorization header must be `Bearer <token>`.",
            )),
        }
    }
}

/// The token of `Bearer <token>`: the scheme in any letter case, then one or more spaces
/// (RFC 7235's `1*SP`), then a non-empty rest. HTTP already strips whitespace around the value.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim_matches([' ', '\t']).split_once(' ')?;
    let token = token.trim_start_matches(' ');
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Whether `given` is the secret, in a time that depends on the two lengths only: `subtle`
/// looks at every byte without branching on their values, so the time taken does not tell
/// how long a prefix was right. The length alone can leak (a generated token's length, 36, is
/// public anyway).
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    bool::from(given.ct_eq(expected))
}

/// `Ok` when the body is labelled as JSON: `application/json` in any letter case, with or
/// without parameters such as `charset=utf-8`. A body without a Content-Type is read as JSON
/// too (curl without `-H`, scripts); a body labelled as anything else is refused with 415
/// rather than guessed at.
#[allow(clippy::result_large_err)] // the error is the response itself
fn json_content_type(headers: &HeaderMap) -> Result<(), Response> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let essence = value
        .to_str()
        .ok()
        .and_then(|text| text.split(';').next())
        .map(str::trim);
    if essence.is_some_and(|essence| essence.eq_ignore_ascii_case("application/json")) {
        return Ok(());
    }
    let shown: String = String::from_utf8_lossy(value.as_bytes())
        .chars()
        .take(80)
        .collect();
    Err(message_response(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "The body must be JSON, sent with `Content-Type: application/json` (this request says {shown:?})."
        ),
    ))
}

/// The whole body, or the 413 (or 400) response to send instead.
async fn read_body(headers: &HeaderMap, mut body: Body) -> Result<Bytes, Response> {
    let declared = declared_length(headers);
    if declared.is_some_and(|length| length > DRAIN_LIMIT) {
        return Err(too_large());
    }
    let mut buffer = Vec::with_capacity(declared.unwrap_or(0).min(MAX_BODY));
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(error) => {
                return Err(bad_request(format!(
                    "The request body could not be read ({error})."
                )))
            }
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let received = buffer.len().saturating_add(data.len());
        if received > MAX_BODY {
            drop(buffer);
            discard(body, DRAIN_LIMIT.saturating_sub(received)).await;
            return Err(too_large());
        }
        buffer.extend_from_slice(&data);
    }
    Ok(Bytes::from(buffer))
}

/// The Content-Length the client declared, if any.
fn declared_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<usize>().ok())
}

/// `response`, sent once the unread body has been read and thrown away (up to
/// [`DRAIN_LIMIT`] bytes), so that a client still sending gets its 401 rather than a reset.
/// Nothing is kept: an unauthenticated client costs reading at most that much, no memory.
/// The body of an API request: the token checked (a refused body is drained first), the
/// body read within its limit, then its content type checked.
async fn accepted_body(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, Response> {
    if let Err(response) = state.authorize(headers) {
        return Err(refuse_unread(headers, body, response).await);
    }
    let bytes = read_body(headers, body).await?;
    // Checked once the body is read, so that the client is listening when the 415 comes.
    json_content_type(headers)?;
    Ok(bytes)
}

async fn refuse_unread(headers: &HeaderMap, body: Body, response: Response) -> Response {
    if declared_length(headers).is_none_or(|length| length <= DRAIN_LIMIT) {
        discard(body, DRAIN_LIMIT).await;
    }
    response
}

/// Reads and drops `body` until its end, a read error, or more than `budget` bytes.
async fn discard(mut body: Body, budget: usize) {
    let mut left = budget;
    while let Some(Ok(frame)) = body.frame().await {
        if let Ok(data) = frame.into_data() {
            match left.checked_sub(data.len()) {
                Some(rest) => left = rest,
                None => break,
            }
        }
    }
}
/// Forwards to the upstream and relays its status and JSON body.
async fn relay(proxy: &Proxy, path: &str, body: Vec<u8>) -> Response {
    match proxy.post_json(path, body).await {
        Ok(relayed) => (
            relayed.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            relayed.body,
        )
            .into_response(),
        Err(error) => {
            eprintln!(
                "credit-rules-server: POST {}{path}: {error}",
                proxy.base_url()
            );
            let status = match error {
                ProxyError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
                ProxyError::Unreachable(_) | ProxyError::Tls(_) | ProxyError::BadAnswer(_) => {
                    StatusCode::BAD_GATEWAY
                }
            };
            message_response(status, error.to_string())
        }
    }
}

/// The 400 of an invalid credit: a readable summary plus the report's errors.
fn invalid_credit(report: &Report) -> Response {
    let issues = match serde_json::to_value(&report.errors) {
        Ok(issues) => issues,
        Err(error) => return internal_error(&format!("serializing issues failed: {error}")),
    };
    let mut body = Map::new();
    body.insert("message".into(), Value::String(summary(&report.errors)));
    body.insert("issues".into(), issues);
    json_response(StatusCode::BAD_REQUEST, &Value::Object(body))
}

/// "The credit has 2 errors: customer_id: This field is required. priority: ..."
fn summary(errors: &[Issue]) -> String {
    let count = errors.len();
    let noun = if count == 1 { "error" } else { "errors" };
    let mut text = format!("The credit has {count} {noun}:");
    for issue in errors.iter().take(ISSUES_IN_MESSAGE) {
        text.push(' ');
        let field = field_name(&issue.path);
        if !field.is_empty() {
            text.push_str(&field);
            text.push_str(": ");
        }
        text.push_str(issue.message.trim_end_matches('.'));
        if let Some(detail) = issue.params.get("detail") {
            text.push_str(&format!(" ({detail})"));
        }
        text.push('.');
    }
    if count > ISSUES_IN_MESSAGE {
        text.push_str(&format!(" And {} more.", count - ISSUES_IN_MESSAGE));
    }
    if count == 0 {
        text = "The credit is not valid.".into();
    }
    text
}

/// `access_schedule.schedule_items[0].amount`: how a developer would write the field.
fn field_name(path: &[Segment]) -> String {
    let mut name = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(key);
            }
            Segment::Index(index) => name.push_str(&format!("[{index}]")),
        }
    }
    name
}

fn data_id(id: String) -> Value {
    let mut data = Map::new();
    data.insert("id".into(), Value::String(id));
    let mut body = Map::new();
    body.insert("data".into(), Value::Object(data));
    Value::Object(body)
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.to_string(),
    )
        .into_response()
}

fn message_response(status: StatusCode, message: String) -> Response {
    let mut body = Map::new();
    body.insert("message".into(), Value::String(message));
    json_response(status, &Value::Object(body))
}

fn bad_request(message: String) -> Response {
    message_response(StatusCode::BAD_REQUEST, message)
}

fn unauthorized(message: &str) -> Response {
    let mut response = message_response(StatusCode::UNAUTHORIZED, message.to_owned());
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn too_large() -> Response {
    message_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The body is larger than 1 MiB ({MAX_BODY} bytes)."),
    )
}

fn internal_error(detail: &str) -> Response {
    eprintln!("credit-rules-server: {detail}");
    message_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("The sandbox failed: {detail}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"xbc", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"abcd", b"abc"));
        assert!(!same_secret(b"", b"abc"));
        assert!(!same_secret(b"ABC", b"abc"));
        assert!(same_secret(b"", b""));
    }

    #[test]
    fn the_bearer_scheme_is_any_case_then_spaces_then_a_token() {
        let table = [
            ("Bearer t", Some("t")),
            ("bearer t", Some("t")),
            ("BEARER t", Some("t")),
            ("Bearer    t", Some("t")),
            (" Bearer t ", Some("t")),
            ("Bearer t u", Some("t u")),
            ("Bearer", None),
            ("Bearer ", None),
            ("Bearer     ", None),
            ("Bearert", None),
            ("Bearer\tt", None),
            ("Basic t", None),
            ("t", None),
            ("", None),
        ];
        for (value, token) in table {
            assert_eq!(bearer_token(value), token, "{value:?}");
        }
    }

    #[test]
    fn field_names_read_like_code() {
        let path = vec![
            Segment::Key("access_schedule".into()),
            Segment::Key("schedule_items".into()),
            Segment::Index(0),
            Segment::Key("amount".into()),
        ];
        assert_eq!(
            field_name(&path),
            "access_schedule.schedule_items[0].amount"
        );
        assert_eq!(field_name(&[]), "");
    }

    #[test]
    fn the_summary_counts_and_names_the_errors() {
        let report = credit_rules::validate_json(r#"{"priority": 1}"#, &Options::default());
        let text = summary(&report.errors);
        assert!(
            text.starts_with("The credit has 3 errors: customer_id: "),
            "{text}"
        );
        assert!(text.contains("access_schedule: "), "{text}");
        let broken = summary(&credit_rules::validate_json("{", &Options::default()).errors);
        assert!(
            broken.starts_with("The credit has 1 error: The text is not valid JSON ("),
            "{broken}"
        );
    }
}
