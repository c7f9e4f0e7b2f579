//! The server over real HTTP on loopback, as its users see it: create, list in Metronome's
//! shape (pages, filters), JSON 404s under /v1, static files,
//! proxy mode and the binary. Each test starts its own instance on a free port with its own
//! temporary directory (`common`). Races, the process killed mid-load and hostile input are in
//! `faults.rs`.

mod common;

use axum::body::Bytes;
use axum::http::{header, Method, StatusCode};
use common::*;
use credit_rules_server::app::{self, CONTENT_SECURITY_POLICY};
use credit_rules_server::listing;
use serde_json::{json, Value};

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
async fn list_answers_the_sdks_credits_newest_first() {
    let server = start("list").await;
    let mut first = credit(&CUSTOMER.to_uppercase());
    first["name"] = json!("  First  ");
    first["access_schedule"]["schedule_items"][0]["starting_at"] = json!("2026-01-01");
    first["access_schedule"]["schedule_items"]
        .as_array_mut()
        .unwrap()
        .push(json!({"amount": "250", "starting_at": "2026-02-01T00:00:00Z", "ending_before": "2026-03-01T00:00:00Z"}));
    first["custom_fields"] = json!({"b": "2", "a": "1"});
    let second = with_key(credit(CUSTOMER), "order-7");
    let first_id = create(&server, &first).await.id();
    let second_id = create(&server, &second).await.id();
    create(&server, &credit(OTHER_CUSTOMER)).await;

    let query = json!({"customer_id": format!("  {}  ", CUSTOMER.to_uppercase())}).to_string();
    let answer = post(&server, app::LIST_PATH, query).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_eq!(body["next_page"], Value::Null);
    let data = body["data"].as_array().unwrap().clone();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["id"], second_id);
    assert_eq!(data[1]["id"], first_id);
    let created_at = data[1]["created_at"].as_str().unwrap();
    assert!(
        created_at.len() == 24 && created_at.ends_with('Z'),
        "{created_at}"
    );
    let item_id = |index| listing::schedule_item_id(&first_id, index);
    // The SDK's Credit (@metronome/sdk src/resources/shared.ts), keys in its order.
    let expected = json!({
        "id": first_id,
        "product": {"id": PRODUCT, "name": PRODUCT},
        "type": "CREDIT",
        "access_schedule": {
            "schedule_items": [
                {"id": item_id(0), "amount": 1000, "ending_before": "2026-02-01T00:00:00.000Z", "starting_at": "2026-01-01T00:00:00.000Z"},
                {"id": item_id(1), "amount": 250, "ending_before": "2026-03-01T00:00:00.000Z", "starting_at": "2026-02-01T00:00:00.000Z"},
            ],
            "credit_type": {"id": "2714e483-4ff1-48e4-9e25-ac732e8f24f2", "name": "USD (cents)"},
        },
        "created_at": created_at,
        "custom_fields": {"a": "1", "b": "2"},
        "name": "First",
        "priority": 100,
    });
    assert_eq!(
        serde_json::to_string(&data[1]).unwrap(),
        serde_json::to_string(&expected).unwrap()
    );
    assert_eq!(data[0]["uniqueness_key"], "order-7");
    assert_eq!(data[0], {
        let mut credit = listed(&second_id, &second);
        credit["created_at"] = data[0]["created_at"].clone();
        credit
    });
    // Item ids are the same at every list.
    let again = post(
        &server,
        app::LIST_PATH,
        json!({"customer_id": CUSTOMER}).to_string(),
    )
    .await;
    assert_eq!(again.json()["data"], json!(data));

    let other = list(&server, OTHER_CUSTOMER).await;
    assert_eq!(other.len(), 1);
    let nobody = json!({"customer_id": "00000000-0000-4000-8000-000000000000"}).to_string();
    assert_eq!(
        post(&server, app::LIST_PATH, nobody).await.json(),
        json!({"data": [], "next_page": null})
    );
}

#[tokio::test]
async fn list_refuses_wrong_types_with_a_message_and_ignores_unknown_fields() {
    let server = start("list-types").await;
    create(&server, &credit(CUSTOMER)).await;
    let with = |extra: Value| {
        let mut query = json!({"customer_id": CUSTOMER});
        for (key, value) in extra.as_object().unwrap() {
            query[key] = value.clone();
        }
        query.to_string()
    };
    let bad = [
        "".to_owned(),
        "nope".to_owned(),
        "[]".to_owned(),
        "{}".to_owned(),
        r#"{"customer_id": 5}"#.to_owned(),
        r#"{"customer_id": "abc"}"#.to_owned(),
        with(json!({"credit_id": "abc"})),
        with(json!({"limit": 0})),
        with(json!({"limit": 26})),
        with(json!({"limit": "2"})),
        with(json!({"next_page": 2})),
        with(json!({"next_page": "not a cursor"})),
        with(json!({"covering_date": "tomorrow"})),
        with(json!({"include_balance": "yes"})),
    ];
    for body in bad {
        let answer = post(&server, app::LIST_PATH, body.clone()).await;
        assert_message_only(&answer, StatusCode::BAD_REQUEST);
        assert!(!answer.message().is_empty(), "{body}");
    }
    let tolerant = with(json!({
        "something_new": {"a": 1},
        "include_archived": true,
        "include_balance": false,
        "include_ledgers": null,
        "include_contract_credits": true,
        "limit": null,
        "next_page": null,
    }));
    let answer = post(&server, app::LIST_PATH, tolerant).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn list_pages_follow_next_page_until_it_is_null() {
    let server = start("list-pages").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(create(&server, &credit(CUSTOMER)).await.id());
    }
    create(&server, &credit(OTHER_CUSTOMER)).await;
    let page = |next_page: Value| {
        let query = json!({"customer_id": CUSTOMER, "limit": 2, "next_page": next_page});
        let server = &server;
        async move {
            let answer = post(server, app::LIST_PATH, query.to_string()).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.message());
            answer.json()
        }
    };
    let first = page(Value::Null).await;
    let listed_ids = |page: &Value| -> Vec<String> {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|credit| credit["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(listed_ids(&first), [ids[2].clone(), ids[1].clone()]);
    assert!(first["next_page"].is_string(), "{first}");
    let second = page(first["next_page"].clone()).await;
    assert_eq!(listed_ids(&second), [ids[0].clone()]);
    assert_eq!(second["next_page"], Value::Null);
    // Exactly a page left: no cursor to an empty page.
    let whole = page(Value::Null).await;
    let rest = page(whole["next_page"].clone()).await;
    assert_eq!(rest["next_page"], Value::Null);
    let exact = post(
        &server,
        app::LIST_PATH,
        json!({"customer_id": CUSTOMER, "limit": 3}).to_string(),
    )
    .await
    .json();
    assert_eq!(exact["data"].as_array().unwrap().len(), 3);
    assert_eq!(exact["next_page"], Value::Null);

    // Without a limit, pages hold Metronome's default of 25.
    for _ in 0..25 {
        create(&server, &credit(CUSTOMER)).await;
    }
    let default = post(
        &server,
        app::LIST_PATH,
        json!({"customer_id": CUSTOMER}).to_string(),
    )
    .await
    .json();
    assert_eq!(
        default["data"].as_array().unwrap().len(),
        listing::DEFAULT_LIMIT
    );
    assert!(default["next_page"].is_string());
    assert_eq!(list(&server, CUSTOMER).await.len(), 28);
}

#[tokio::test]
async fn list_filters_by_credit_id_and_by_date() {
    let server = start("list-filters").await;
    let january = create(&server, &credit(CUSTOMER)).await.id();
    let mut later = credit(CUSTOMER);
    later["access_schedule"]["schedule_items"][0]["starting_at"] = json!("2026-06-01T00:00:00Z");
    later["access_schedule"]["schedule_items"][0]["ending_before"] = json!("2026-07-01T00:00:00Z");
    let june = create(&server, &later).await.id();
    let elsewhere = create(&server, &credit(OTHER_CUSTOMER)).await.id();
    let ids = |query: Value| {
        let server = &server;
        async move {
            let answer = post(server, app::LIST_PATH, query.to_string()).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.message());
            answer.json()["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|credit| credit["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        ids(json!({"customer_id": CUSTOMER, "credit_id": january.to_uppercase()})).await,
        vec![january.clone()]
    );
    // Another customer's credit is not found through this customer.
    assert!(
        ids(json!({"customer_id": CUSTOMER, "credit_id": elsewhere}))
            .await
            .is_empty()
    );
    let table = [
        (
            "covering_date",
            "2026-01-15T00:00:00Z",
            vec![january.clone()],
        ),
        ("covering_date", "2026-06-01T00:00:00Z", vec![june.clone()]),
        ("covering_date", "2026-03-01T00:00:00Z", vec![]),
        ("starting_at", "2026-02-01T00:00:00Z", vec![june.clone()]),
        (
            "effective_before",
            "2026-02-01T00:00:00Z",
            vec![january.clone()],
        ),
        (
            "effective_before",
            "2026-06-01T00:00:01Z",
            vec![june.clone(), january.clone()],
        ),
    ];
    for (key, date, expected) in table {
        assert_eq!(
            ids(json!({"customer_id": CUSTOMER, key: date})).await,
            expected,
            "{key} {date}"
        );
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_whatever_the_method_or_token() {
    let server = start("api-404").await;
    let bearer = format!("Bearer {TOKEN}");
    let table = [
        (Method::GET, "/v1"),
        (Method::GET, "/v1/"),
        (Method::POST, "/v1/customers"),
        (Method::GET, "/v1/contracts/customerCredits"),
        (Method::POST, "/v1/contracts/customerCredits/updateEndDate"),
        (Method::POST, "/v1/contracts/customerCredits/create/"),
        (Method::DELETE, "/v1/contracts/customerCredits/list/x"),
        (Method::PUT, "/v1/index.html"),
    ];
    for (method, path) in table {
        for authorization in [Some(bearer.as_str()), None, Some("Bearer wrong")] {
            let url = format!("{}{path}", server.base);
            let answer = send(method.clone(), &url, authorization, "{}").await;
            assert_message_only(&answer, StatusCode::NOT_FOUND);
            let message = answer.message();
            assert!(message.contains(path), "{method} {path}: {message}");
            assert_eq!(
                answer.header(header::CONTENT_SECURITY_POLICY),
                CONTENT_SECURITY_POLICY
            );
        }
    }
    // The endpoints themselves keep their 405 for another method.
    for path in [app::CREATE_PATH, app::LIST_PATH] {
        let answer = get(&server.base, path).await;
        assert_message_only(&answer, StatusCode::METHOD_NOT_ALLOWED);
    }
    // Outside /v1, paths are still files: a plain-text 404 when missing.
    for path in ["/v2/customers", "/v1x", "/missing.js"] {
        let answer = get(&server.base, path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            answer
                .header(header::CONTENT_TYPE)
                .starts_with("text/plain"),
            "{path}"
        );
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
