//! The server over real HTTP on loopback, as its users see it: create and list, static files,
//! proxy mode and the binary. Each test starts its own instance on a free port with its own
//! temporary directory (`common`). Races, the process killed mid-load and hostile input are in
//! `faults.rs`.

mod common;

use axum::body::Bytes;
use axum::http::{header, Method, StatusCode};
use common::*;
use credit_rules_server::app::{self, CONTENT_SECURITY_POLICY};
use serde_json::json;

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
            false,
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

/// The fake upstream of `common`, over plain HTTP.
async fn fake_upstream() -> (String, Seen) {
    let (router, seen) = fake_upstream_router();
    (serve(router).await, seen)
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
    let dir = TempDir::new("binary");
    let data = dir.path().join("data");
    let (server, lines) = start_binary(&data, dir.path());
    assert!(
        server.base.starts_with("http://127.0.0.1:") && !server.base.ends_with(":0"),
        "{}",
        server.base
    );
    assert_eq!(
        lines.last().unwrap(),
        &format!("Open {}/#token={TOKEN}", server.base)
    );
    assert_eq!(
        create(&server, &credit(CUSTOMER)).await.status,
        StatusCode::OK
    );
    assert!(data.join("credits.sqlite3").is_file());
}
