//! The server under load and faults, over real HTTP on loopback: racing creates, the process
//! killed with SIGKILL mid-load and restarted on the same SQLite file, hostile Authorization
//! headers, hostile bodies and broken HTTP. Every loop is bounded by a count, every wait by
//! [`PATIENCE`]; nothing asserts on timing.

mod common;

use axum::body::Bytes;
use axum::http::{header, HeaderValue, Method, StatusCode};
use common::*;
use credit_rules_server::app::{self, MAX_BODY};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Runs `count` futures at once on the runtime: each task waits at a barrier until all of
/// them are spawned, then goes. The outputs, in index order.
async fn all_at_once<F, Fut, T>(count: usize, make: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(count));
    let tasks: Vec<_> = (0..count)
        .map(|index| {
            let barrier = Arc::clone(&barrier);
            let future = make(index);
            tokio::spawn(async move {
                barrier.wait().await;
                future.await
            })
        })
        .collect();
    let mut outputs = Vec::with_capacity(count);
    for task in tasks {
        outputs.push(task.await.unwrap());
    }
    outputs
}

/// The stored credits of [`CUSTOMER`] by uniqueness key: (id, credit as listed, without its
/// `created_at`; see `common::listed`). Fails on a key stored twice.
async fn stored_by_key(server: &Server) -> BTreeMap<String, (String, Value)> {
    let mut stored = BTreeMap::new();
    for mut item in list(server, CUSTOMER).await {
        let key = item["uniqueness_key"].as_str().unwrap().to_owned();
        let id = item["id"].as_str().unwrap().to_owned();
        let created_at = item.as_object_mut().unwrap().remove("created_at");
        assert!(created_at.is_some_and(|at| at.is_string()), "{key}");
        let previous = stored.insert(key.clone(), (id, item));
        assert!(previous.is_none(), "uniqueness_key {key:?} stored twice");
    }
    stored
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_racing_creates_with_one_key_give_one_200_and_199_409s() {
    let server = Arc::new(start("race").await);
    let keyed = with_key(credit(CUSTOMER), "race-key");
    let answers = all_at_once(200, |_| {
        let server = Arc::clone(&server);
        let keyed = keyed.clone();
        async move { create(&server, &keyed).await }
    })
    .await;
    let winners: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .collect();
    let conflicts: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.status == StatusCode::CONFLICT)
        .collect();
    let statuses: Vec<StatusCode> = answers.iter().map(|a| a.status).collect();
    assert_eq!((winners.len(), conflicts.len()), (1, 199), "{statuses:?}");
    for conflict in conflicts {
        assert_message_only(conflict, StatusCode::CONFLICT);
        assert!(conflict.message().contains("race-key"));
    }
    let stored = stored_by_key(&server).await;
    assert_eq!(stored.len(), 1);
    let id = winners[0].id();
    assert_eq!(stored["race-key"], (id.clone(), listed(&id, &keyed)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_creates_with_distinct_keys_are_all_stored() {
    const COUNT: usize = 1000;
    let server = Arc::new(start("thousand").await);
    // Each draft differs in its key and its amount, so a value stored under the wrong id or
    // mixed up with another request's would show.
    let draft = |index: usize| {
        let mut draft = with_key(credit(CUSTOMER), &format!("key-{index}"));
        draft["access_schedule"]["schedule_items"][0]["amount"] = json!(index + 1);
        draft
    };
    let answers = all_at_once(COUNT, |index| {
        let server = Arc::clone(&server);
        let draft = draft(index);
        async move { create(&server, &draft).await }
    })
    .await;
    let ids: Vec<String> = answers.iter().map(Answer::id).collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        COUNT,
        "ids repeat"
    );

    let stored = stored_by_key(&server).await;
    assert_eq!(stored.len(), COUNT);
    for (index, id) in ids.into_iter().enumerate() {
        let key = format!("key-{index}");
        assert_eq!(
            stored.get(&key),
            Some(&(id.clone(), listed(&id, &draft(index)))),
            "{key}"
        );
    }
}

/// What one load against the binary did before the binary was killed.
#[derive(Default)]
struct Load {
    /// The uniqueness keys of the creates answered 200, with the ids they were given.
    answered: BTreeMap<String, String>,
    /// Every uniqueness key sent, answered or not.
    sent: BTreeSet<String>,
    /// How many workers saw their request fail (the server gone mid-request or before it).
    cut_off: usize,
}

/// `WORKERS` clients each sending up to `PER_WORKER` creates with distinct keys, one after
/// the other; once `KILL_AFTER` have been answered 200, the server is killed with SIGKILL
/// while the others are still sending.
async fn load_then_kill(server: &mut Server, round: usize) -> Load {
    const WORKERS: usize = 16;
    const PER_WORKER: usize = 100;
    const KILL_AFTER: usize = 200;
    let answered_count = Arc::new(AtomicUsize::new(0));
    let reached = Arc::new(tokio::sync::Notify::new());
    let workers: Vec<_> = (0..WORKERS)
        .map(|worker| {
            let base = server.base.clone();
            let answered_count = Arc::clone(&answered_count);
            let reached = Arc::clone(&reached);
            tokio::spawn(async move {
                let mut load = Load::default();
                for index in 0..PER_WORKER {
                    let key = format!("round-{round}-worker-{worker}-{index}");
                    load.sent.insert(key.clone());
                    match try_create(&base, &with_key(credit(CUSTOMER), &key)).await {
                        Ok(answer) => {
                            load.answered.insert(key, answer.id());
                            if answered_count.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER {
                                reached.notify_one();
                            }
                        }
                        // No answer: the server is gone. Whether this one was stored is
                        // unknown, and it was never answered 200.
                        Err(_) => {
                            load.cut_off = 1;
                            break;
                        }
                    }
                }
                load
            })
        })
        .collect();
    tokio::time::timeout(PATIENCE, reached.notified())
        .await
        .expect("the load never reached the kill point");
    server.kill();
    let mut total = Load::default();
    for worker in workers {
        let load = worker.await.unwrap();
        total.answered.extend(load.answered);
        total.sent.extend(load.sent);
        total.cut_off += load.cut_off;
    }
    eprintln!(
        "round {round}: {} creates answered 200, {} sent, {} workers cut off by the kill",
        total.answered.len(),
        total.sent.len(),
        total.cut_off
    );
    assert!(total.answered.len() >= KILL_AFTER);
    // Far fewer requests were answered than the workers meant to send, so the kill found
    // workers still sending.
    assert!(total.cut_off > 0, "the kill did not interrupt the load");
    total
}

/// Every credit answered 200 is stored, under its id and with its normalized value (as the
/// list shows it); the store holds nothing that was not sent, and beyond the answered ones at
/// most the requests that were in flight at the kills.
async fn assert_nothing_lost(server: &Server, load: &Load, in_flight: usize) {
    let stored = stored_by_key(server).await;
    for (key, id) in &load.answered {
        let Some((stored_id, stored_credit)) = stored.get(key) else {
            panic!("{key} was answered 200 with id {id} but is not stored");
        };
        assert_eq!(stored_id, id, "{key}");
        assert_eq!(
            stored_credit,
            &listed(id, &with_key(credit(CUSTOMER), key)),
            "{key}"
        );
    }
    for key in stored.keys() {
        assert!(
            load.sent.contains(key),
            "{key} is stored but was never sent"
        );
    }
    let extra = stored.len() - load.answered.len();
    eprintln!(
        "stored: {} answered 200 and {extra} in flight at a kill",
        load.answered.len()
    );
    assert!(extra <= in_flight, "{extra} unanswered credits stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_answered_200_survive_sigkill_mid_load() {
    let dir = TempDir::new("sigkill");
    let data = dir.path().join("data");
    let mut all = Load::default();
    for round in 0..2 {
        let (mut server, _) = start_binary(&data, dir.path());
        // What the previous run answered is there before anything else is sent.
        assert_nothing_lost(&server, &all, all.cut_off).await;
        let load = load_then_kill(&mut server, round).await;
        all.answered.extend(load.answered);
        all.sent.extend(load.sent);
        all.cut_off += load.cut_off;
    }
    let (server, _) = start_binary(&data, dir.path());
    assert_nothing_lost(&server, &all, all.cut_off).await;
    // The keys answered before a kill are still taken, and the store still takes new credits.
    let (key, _) = all.answered.first_key_value().unwrap();
    let again = create(&server, &with_key(credit(CUSTOMER), key)).await;
    assert_message_only(&again, StatusCode::CONFLICT);
    let fresh = create(&server, &with_key(credit(CUSTOMER), "after-the-kills")).await;
    assert_eq!(fresh.status, StatusCode::OK);
    // The database file itself is sound.
    let connection = rusqlite::Connection::open(data.join("credits.sqlite3")).unwrap();
    let check: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn bytes_header(value: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(value).unwrap()
}

#[tokio::test]
async fn wrong_missing_and_malformed_authorization_is_401() {
    let server = start("auth").await;
    let create_url = format!("{}{}", server.base, app::CREATE_PATH);
    let list_url = format!("{}{}", server.base, app::LIST_PATH);
    let body = credit(CUSTOMER).to_string();
    let query = json!({"customer_id": CUSTOMER}).to_string();
    let json_type = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let authorization = |value: &[u8]| vec![(header::AUTHORIZATION, bytes_header(value))];
    // (what, Authorization values, the message's start)
    let refused: Vec<(&str, Headers, &str)> = vec![
        ("missing", vec![], "Missing Authorization header"),
        (
            "empty",
            authorization(b""),
            "The Authorization header must be",
        ),
        (
            "scheme only",
            authorization(b"Bearer"),
            "The Authorization header must be",
        ),
        (
            "empty token",
            authorization(b"Bearer    "),
            "The Authorization header must be",
        ),
        (
            "no scheme",
            authorization(b"test-token"),
            "The Authorization header must be",
        ),
        (
            "no space",
            authorization(b"Bearertest-token"),
            "The Authorization header must be",
        ),
        (
            "tab",
            authorization(b"Bearer\ttest-token"),
            "The Authorization header must be",
        ),
        (
            "Basic",
            authorization(b"Basic dGVzdC10b2tlbg=="),
            "The Authorization header must be",
        ),
        (
            "Basic raw",
            authorization(b"Basic test-token"),
            "The Authorization header must be",
        ),
        (
            "other scheme",
            authorization(b"Token test-token"),
            "The Authorization header must be",
        ),
        (
            "same length",
            authorization(b"Bearer test-tokem"),
            "The bearer token is not valid",
        ),
        (
            "first byte",
            authorization(b"Bearer uest-token"),
            "The bearer token is not valid",
        ),
        (
            "prefix",
            authorization(b"Bearer test-toke"),
            "The bearer token is not valid",
        ),
        (
            "longer",
            authorization(b"Bearer test-token2"),
            "The bearer token is not valid",
        ),
        (
            "twice",
            authorization(b"Bearer test-tokentest-token"),
            "The bearer token is not valid",
        ),
        (
            "letter case",
            authorization(b"Bearer TEST-TOKEN"),
            "The bearer token is not valid",
        ),
        (
            "trailing word",
            authorization(b"Bearer test-token x"),
            "The bearer token is not valid",
        ),
        (
            "quoted",
            authorization(b"Bearer \"test-token\""),
            "The bearer token is not valid",
        ),
        (
            "double scheme",
            authorization(b"Bearer Bearer test-token"),
            "The bearer token is not valid",
        ),
        (
            "not UTF-8",
            authorization(b"Bearer test-token\xff"),
            "The Authorization header must be",
        ),
        (
            "UTF-8, not ASCII",
            authorization("Bearer tést-token".as_bytes()),
            "The Authorization header must be",
        ),
        (
            "latin-1 scheme",
            authorization(b"B\xe9arer test-token"),
            "The Authorization header must be",
        ),
        (
            "two headers, the first right",
            [
                authorization(b"Bearer test-token"),
                authorization(b"Bearer nope"),
            ]
            .concat(),
            "Send one Authorization header",
        ),
        (
            "two right headers",
            [
                authorization(b"Bearer test-token"),
                authorization(b"Bearer test-token"),
            ]
            .concat(),
            "Send one Authorization header",
        ),
    ];
    for (what, headers, message) in refused {
        for url in [&create_url, &list_url] {
            let mut headers = headers.clone();
            headers.push(json_type.clone());
            let payload = if url == &create_url { &body } else { &query };
            let answer = request(Method::POST, url, headers, payload.clone()).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{what}");
            assert_message_only(&answer, StatusCode::UNAUTHORIZED);
            assert!(
                answer.message().starts_with(message),
                "{what}: {}",
                answer.message()
            );
            assert_eq!(answer.header(header::WWW_AUTHENTICATE), "Bearer", "{what}");
        }
    }
    // A client still sending a large body gets its 401 too, not a reset connection.
    for url in [&create_url, &list_url] {
        let headers = [authorization(b"Bearer nope"), vec![json_type.clone()]].concat();
        let answer = request(Method::POST, url, headers, vec![b' '; 5_000_000]).await;
        assert_message_only(&answer, StatusCode::UNAUTHORIZED);
    }
    // Nothing was stored by any of them.
    assert!(list(&server, CUSTOMER).await.is_empty());

    // The scheme in any letter case (RFC 7235), one or more spaces before the token, and
    // whitespace around the value (which HTTP strips) are accepted.
    let accepted: [&[u8]; 5] = [
        b"Bearer test-token",
        b"bearer test-token",
        b"BEARER test-token",
        b"Bearer    test-token",
        b"  Bearer test-token  ",
    ];
    for value in accepted {
        let headers = vec![
            json_type.clone(),
            (header::AUTHORIZATION, bytes_header(value)),
        ];
        let answer = request(Method::POST, &create_url, headers, body.clone()).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{:?}",
            String::from_utf8_lossy(value)
        );
    }
    assert_eq!(list(&server, CUSTOMER).await.len(), accepted.len());
}

/// A body as sent, with the Content-Type header's raw value (`None`: no header).
struct Sent {
    what: &'static str,
    content_type: Option<&'static [u8]>,
    body: Vec<u8>,
}

fn sent(what: &'static str, content_type: Option<&'static [u8]>, body: impl Into<Vec<u8>>) -> Sent {
    Sent {
        what,
        content_type,
        body: body.into(),
    }
}

const JSON: Option<&[u8]> = Some(b"application/json");

/// Bodies that must be refused, whatever the endpoint, and the status each gets.
fn hostile_bodies(valid: &str) -> Vec<(Sent, StatusCode)> {
    let deep_open = "[".repeat(100_000);
    let deep_closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    let deep_in_a_field = valid.replacen('{', &format!(r#"{{"name": {deep_closed}, "#), 1);
    let too_large = format!(r#"{{"description": "{}"}}"#, "x".repeat(MAX_BODY));
    let bad = StatusCode::BAD_REQUEST;
    let unsupported = StatusCode::UNSUPPORTED_MEDIA_TYPE;
    vec![
        (sent("empty", JSON, ""), bad),
        (sent("spaces", JSON, "   \n"), bad),
        (sent("not JSON", JSON, "hello"), bad),
        (sent("truncated", JSON, &valid[..valid.len() / 2]), bad),
        (sent("two values", JSON, format!("{valid} {valid}")), bad),
        (sent("NaN", JSON, r#"{"customer_id": NaN}"#), bad),
        (sent("not UTF-8", JSON, b"\xff\xfe{}".to_vec()), bad),
        (
            sent(
                "UTF-16",
                JSON,
                valid
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
            ),
            bad,
        ),
        (sent("100,000 [", JSON, deep_open), bad),
        (sent("100,000 nested arrays", JSON, deep_closed), bad),
        (sent("100,000 nested objects", JSON, deep_objects), bad),
        (sent("nesting inside a credit", JSON, deep_in_a_field), bad),
        (
            sent("over 1 MiB", JSON, too_large),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            sent("over 1 MiB, not JSON", JSON, vec![0u8; MAX_BODY + 1]),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            sent("5 MB, read before the answer", JSON, vec![b' '; 5_000_000]),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (sent("text/plain", Some(b"text/plain"), valid), unsupported),
        (
            sent("form", Some(b"application/x-www-form-urlencoded"), valid),
            unsupported,
        ),
        (
            sent("multipart", Some(b"multipart/form-data; boundary=x"), valid),
            unsupported,
        ),
        (sent("XML", Some(b"application/xml"), valid), unsupported),
        (
            sent("JSON as a prefix", Some(b"application/jsonp"), valid),
            unsupported,
        ),
        (sent("no subtype", Some(b"application"), valid), unsupported),
        (sent("empty type", Some(b""), valid), unsupported),
        (
            sent("type not UTF-8", Some(b"application/json\xff"), valid),
            unsupported,
        ),
    ]
}

async fn send_body(url: &str, sent: &Sent) -> Answer {
    let mut headers = vec![(
        header::AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {TOKEN}")).unwrap(),
    )];
    if let Some(content_type) = sent.content_type {
        headers.push((header::CONTENT_TYPE, bytes_header(content_type)));
    }
    request(Method::POST, url, headers, Bytes::from(sent.body.clone())).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_bodies_get_a_clear_4xx_and_the_server_keeps_serving() {
    let server = start("bodies").await;
    let create_url = format!("{}{}", server.base, app::CREATE_PATH);
    let list_url = format!("{}{}", server.base, app::LIST_PATH);
    let valid = credit(CUSTOMER).to_string();
    let query = json!({"customer_id": CUSTOMER}).to_string();
    let mut created = 0;
    for (sent, status) in hostile_bodies(&valid) {
        let what = sent.what;
        let answer = send_body(&create_url, &sent).await;
        assert_eq!(
            answer.status,
            status,
            "create, {what}: {}",
            answer.message()
        );
        assert_eq!(
            answer.header(header::CONTENT_TYPE),
            "application/json",
            "{what}"
        );
        assert!(!answer.message().is_empty(), "create, {what}");
        if status == StatusCode::BAD_REQUEST {
            // Not JSON at all, whatever the reason: the library's invalid_json, at the root.
            assert_eq!(answer.issue_keys(), ["invalid_json@"], "create, {what}");
        }
        if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
            assert!(answer.message().contains("application/json"), "{what}");
        }

        let answer = send_body(&list_url, &sent).await;
        assert_message_only(&answer, status);

        // The server is still there and still stores valid credits.
        assert_eq!(
            create(&server, &credit(CUSTOMER)).await.status,
            StatusCode::OK,
            "after {what}"
        );
        created += 1;
    }

    // JSON labelled as such, with parameters or in another letter case, or not labelled.
    let labels: [Option<&'static [u8]>; 5] = [
        JSON,
        Some(b"application/json; charset=utf-8"),
        Some(b"Application/JSON;charset=UTF-8"),
        Some(b" application/json "),
        None,
    ];
    for content_type in labels {
        let answer = send_body(&create_url, &sent("labelled", content_type, valid.clone())).await;
        assert_eq!(answer.status, StatusCode::OK, "{content_type:?}");
        let answer = send_body(&list_url, &sent("labelled", content_type, query.clone())).await;
        assert_eq!(answer.status, StatusCode::OK, "{content_type:?}");
        created += 1;
    }
    // Just under the limit is read and validated.
    let mut large = credit(CUSTOMER);
    let room = MAX_BODY - valid.len() - r#","description":"""#.len();
    large["description"] = json!("x".repeat(room));
    assert_eq!(large.to_string().len(), MAX_BODY);
    assert_eq!(create(&server, &large).await.status, StatusCode::OK);
    created += 1;
    // Only the valid credits were stored.
    assert_eq!(list(&server, CUSTOMER).await.len(), created);
}

/// `POST` to create with the right token and these extra header lines and body, raw.
fn raw_create(extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nConnection: close\r\n{extra_headers}\r\n",
        app::CREATE_PATH
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// `data` in chunked transfer coding, in chunks of `size`, with the last chunk.
fn chunked(data: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_http_gets_a_4xx_or_a_closed_connection_and_the_server_keeps_serving() {
    let server = start("broken-http").await;
    let valid = credit(CUSTOMER).to_string().into_bytes();
    let huge = vec![b' '; MAX_BODY + 1];
    let big_header = format!("X-Big: {}\r\n", "a".repeat(200_000));
    // (what, raw request, half-close after writing, the statuses allowed; 0: the connection
    // closed without an answer)
    let cases: Vec<(&str, Vec<u8>, bool, &[u16])> = vec![
        ("not HTTP", b"GARBAGE\r\n\r\n".to_vec(), false, &[400]),
        (
            "binary junk",
            vec![0u8, 159, 146, 150, 255, 13, 10, 13, 10],
            false,
            &[400],
        ),
        (
            "a 200 kB header",
            raw_create(&big_header, &valid),
            false,
            &[400, 431],
        ),
        (
            "a declared length of 100 MB, never sent",
            raw_create("Content-Length: 100000000\r\n", b""),
            false,
            &[413],
        ),
        (
            "over 1 MiB in chunks",
            raw_create("Transfer-Encoding: chunked\r\n", &chunked(&huge, 65_536)),
            false,
            &[413],
        ),
        (
            "a valid credit in chunks",
            raw_create("Transfer-Encoding: chunked\r\n", &chunked(&valid, 7)),
            false,
            &[200],
        ),
        (
            "broken chunk sizes",
            raw_create("Transfer-Encoding: chunked\r\n", b"zz\r\n{}\r\n0\r\n\r\n"),
            false,
            &[400],
        ),
        // Transfer-Encoding wins over Content-Length (RFC 9112 section 6.3) and the connection
        // is closed after the answer, so nothing can be smuggled in behind the body.
        (
            "both Content-Length and chunked",
            raw_create(
                "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                &chunked(&valid, 64),
            ),
            false,
            &[200],
        ),
        (
            "a client that leaves mid-body",
            raw_create("Content-Length: 100000\r\n", &valid),
            true,
            &[0, 400],
        ),
    ];
    let mut created = 0;
    for (what, bytes, half_close, expected) in cases {
        let answer = raw_request(&server.base, bytes, half_close).await;
        let status = raw_status(&answer);
        assert!(
            expected.contains(&status),
            "{what}: {status} {}",
            answer.lines().next().unwrap_or("")
        );
        if status == 200 {
            created += 1;
        }
        assert_eq!(
            create(&server, &credit(CUSTOMER)).await.status,
            StatusCode::OK,
            "after {what}"
        );
        created += 1;
    }
    assert_eq!(list(&server, CUSTOMER).await.len(), created);
}
