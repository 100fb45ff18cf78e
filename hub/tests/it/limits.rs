//! Hostile GraphQL documents are refused before they cost anything, with a message that
//! names the limit, and the server keeps answering; the tools researchers use still load
//! the schema.

use serde_json::Value;

use crate::helpers::{App, on_both};

/// graphql-js's `getIntrospectionQuery()` with descriptions, `specifiedByURL`, input
/// value deprecation, repeatable directives and the schema description switched on: what
/// GraphiQL, Apollo's tools, graphql-codegen, Postman, Insomnia and `gql` send.
const INTROSPECTION: &str = include_str!("../data/graphql/introspection.graphql");

#[expect(
    clippy::expect_used,
    reason = "a test helper fails loudly, with the reason"
)]
async fn healthy(app: &App) {
    // A new connection each time: a pooled one may have been closed by the idle timeout.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client");
    let status = client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .expect("the server answers")
        .status();
    assert_eq!(status, 200);
}

/// The document is refused as too costly, naming `says`, and the server still answers.
async fn refused(app: &App, query: &str, says: &str) {
    let body = app.post(query, Value::Null).await;
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "QUERY_TOO_COSTLY", "{body}");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains(says), "should say {says:?}: {message}");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    healthy(app).await;
}

on_both!(
    /// The standard introspection query of GraphQL clients is answered in full.
    graphql_clients_can_load_the_schema,
    |app: App| async move {
        let body = app.post(INTROSPECTION, Value::Null).await;
        assert!(body.get("errors").is_none(), "{body}");
        let types = body["data"]["__schema"]["types"].as_array().cloned().unwrap_or_default();
        assert!(types.iter().any(|t| t["name"] == "Organisation"), "{body}");
        assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
    }
);

on_both!(
    /// Thirty fragments each spreading the next three times (3^30 expansions, under 2 KB).
    a_fragment_bomb_is_refused,
    |app: App| async move {
        let mut query = String::from("{ regions { ...F0 } }\n");
        for i in 0..30 {
            query.push_str(&format!("fragment F{i} on Region {{ ...F{n} ...F{n} ...F{n} }}\n", n = i + 1));
        }
        query.push_str("fragment F30 on Region { code }\n");
        refused(&app, &query, "the limit is 2000").await;
    }
);

on_both!(
    /// Interviews, their findings, their interviews... eleven deep (findings are paged:
    /// `findings { nodes { interview ... } }`): within the depth
    /// limit, refused by what it could return.
    cyclic_nesting_is_refused,
    |app: App| async move {
        // A partner may read interviews: the refusal is the cost's, not the role's.
        let app = app.as_role(hub::access::Role::Partner).await;
        let mut inner = String::from("id");
        for _ in 0..3 {
            inner = format!("findings {{ nodes {{ interview {{ {inner} }} }} }}");
        }
        refused(&app, &format!("{{ interviews {{ {inner} }} }}"), "the query would cost").await;
    }
);

on_both!(
    /// Many aliases of a counting name search over empty pages.
    aliased_zero_page_scans_are_refused,
    |app: App| async move {
        let aliases: String = (0..500)
            .map(|i| format!("a{i}: organisations(first: 0, filter: {{search: \"a\"}}) {{ totalCount }} "))
            .collect();
        refused(&app, &format!("{{ {aliases} }}"), "500 aliases; the limit is 100").await;
    }
);

on_both!(
    /// Ninety comparisons in one request: each is a polars job.
    many_comparisons_are_refused,
    |app: App| async move {
        let fields: String = (0..90).map(|i| format!("t{i}: themeScores {{ n mean sd }} ")).collect();
        refused(&app, &format!("{{ analytics {{ {fields} }} }}"), "the query would cost").await;
    }
);

on_both!(
    /// A body over the limit (1 MiB) is answered with 413 before it is read: the client
    /// here announces 2 MiB and sends none of it.
    an_oversized_body_is_refused_with_413,
    |app: App| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.url.trim_start_matches("http://").to_owned();
        let mut socket = tokio::net::TcpStream::connect(&address).await.expect("a connection");
        socket
            .write_all(b"POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
            .await
            .expect("the head is sent");
        let mut head = [0_u8; 12];
        let read = tokio::time::timeout(std::time::Duration::from_secs(20), socket.read_exact(&mut head)).await;
        assert!(read.is_ok_and(|r| r.is_ok()), "no answer");
        assert_eq!(&head, b"HTTP/1.1 413");
        healthy(&app).await;
    }
);

on_both!(
    /// A client that sends half a request and waits is answered and cut off after the
    /// request time limit, while everyone else is answered.
    a_silent_half_sent_request_is_closed,
    |s: &mut hub::config::Settings| {
        s.http_limits.idle_timeout = std::time::Duration::from_millis(500);
        s.http_limits.request_timeout = std::time::Duration::from_millis(500);
    },
    |app: App| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.url.trim_start_matches("http://").to_owned();
        let mut socket = tokio::net::TcpStream::connect(&address).await.expect("a connection");
        socket
            .write_all(b"POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"qu")
            .await
            .expect("half a request is sent");
        healthy(&app).await;
        let mut rest = Vec::new();
        // The server closes the connection; a bound on the wait keeps a failure from hanging.
        let closed = tokio::time::timeout(std::time::Duration::from_secs(20), socket.read_to_end(&mut rest)).await;
        assert!(closed.is_ok(), "the connection was still open after 20 s");
        healthy(&app).await;
    }
);

on_both!(
    /// Eight 4000 × 4000 PNGs asked for at once: they queue for the job places, and the
    /// health check and a cheap query are answered meanwhile.
    concurrent_large_pngs_do_not_starve_the_rest,
    |app: App| async move {
        let mut renders = Vec::new();
        for _ in 0..8 {
            let client = app.client.clone();
            let url = format!("{}/charts/theme-scores.png?width=4000&height=4000", app.url);
            renders.push(tokio::spawn(async move {
                client.get(url).send().await.map(|r| r.status().as_u16()).unwrap_or(0)
            }));
        }
        healthy(&app).await;
        let regions = app.data("{ regions { code } }").await;
        assert_eq!(regions["regions"].as_array().map(Vec::len), Some(5));
        for render in renders {
            let status = render.await.unwrap_or(0);
            assert!(status == 200 || status == 503, "a render answered {status}");
        }
    }
);

on_both!(
    /// Every answer says `nosniff` and may not be framed; pages and charts carry a
    /// policy that runs no script and loads nothing from elsewhere.
    answers_carry_security_headers,
    |app: App| async move {
        for (path, page) in [("/", true), ("/themes?lang=sv", true), ("/charts/registry.svg", true), ("/healthz", false), ("/themes?lang=xx", true)] {
            let response = app.client.get(format!("{}{path}", app.url)).send().await.expect("an answer");
            let header = |name: &str| {
                response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
            };
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("x-frame-options"), "DENY", "{path}");
            let policy = header("content-security-policy");
            if page {
                assert!(policy.starts_with("default-src 'none';") && policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
                assert!(!policy.contains("script-src"), "{path}: no script is allowed: {policy}");
                assert_eq!(header("cache-control"), "no-cache", "{path}");
            }
        }

        // GraphiQL: scripts from the hub only, none inline, none from elsewhere.
        let html = |path: &str| app.client.get(format!("{}{path}", app.url)).header("accept", "text/html").send();
        let response = html("/graphql").await.expect("an answer");
        let policy = response.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(policy.contains("script-src 'self';") && !policy.contains("unsafe") && policy.contains("frame-ancestors 'none'"), "{policy}");
        let page = response.text().await.expect("the page");
        assert!(!page.contains("<script>") && !page.contains("https://"), "{page}");
        let scripts: Vec<&str> = page.split("src=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(scripts.len(), 4, "{page}");
        for script in scripts {
            let asset = html(script).await.expect("an answer");
            assert_eq!(asset.status(), 200, "{script}");
            let cache = asset.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            assert!(cache.contains("immutable"), "{script}: {cache}");
            assert!(asset.bytes().await.expect("the file").len() > 500, "{script}");
        }
        assert_eq!(html("/assets/graphiql-0.0.0/start.js").await.expect("an answer").status(), 404);
        assert_eq!(html("/assets/graphiql-4.0.3/..%2FCargo.toml").await.expect("an answer").status(), 404);

        // GraphQL answers are not for shared caches.
        let answer = app.client.get(format!("{}/graphql?query=%7Bregions%7Bcode%7D%7D", app.url)).send().await.expect("an answer");
        assert_eq!(answer.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-cache"));
    }
);

on_both!(
    /// "Directive overloading": one field with 500 directives would make 500 validation
    /// errors; refused before validation.
    repeated_directives_are_refused,
    |app: App| async move {
        let many = "@x ".repeat(500);
        refused(&app, &format!("{{ regions {{ code {many} }} }}"), "500 directives; the limit is 50").await;
    }
);

on_both!(
    /// Batching (a JSON array of requests) is not accepted, so it cannot multiply a
    /// request's allowance: one request, one operation.
    batched_requests_are_refused,
    |app: App| async move {
        let batch: Vec<Value> = (0..50).map(|_| serde_json::json!({ "query": "{ regions { code } }" })).collect();
        let response = app.client.post(format!("{}/graphql", app.url)).json(&batch).send().await.expect("an answer");
        assert_eq!(response.status(), 400);
        let body: Value = response.json().await.expect("JSON");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("not a GraphQL request"), "{body}");
        healthy(&app).await;
    }
);

on_both!(
    /// "Slowloris": a client that sends a header byte every 100 ms never lets the idle
    /// timeout fire, but its head must be complete within the head time limit; a client
    /// that sends its head at once is answered meanwhile.
    a_head_trickled_byte_by_byte_is_cut_off,
    |s: &mut hub::config::Settings| {
        s.http_limits.head_timeout = std::time::Duration::from_millis(800);
    },
    |app: App| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = app.url.trim_start_matches("http://").to_owned();
        let mut socket = tokio::net::TcpStream::connect(&address).await.expect("a connection");
        let started = std::time::Instant::now();
        let head = b"GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let mut cut_off = false;
        for (i, byte) in head.iter().enumerate() {
            if socket.write_all(&[*byte]).await.is_err() {
                cut_off = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            if i == 3 {
                healthy(&app).await;
            }
        }
        // Either a write failed, or the server has closed its side: reading ends.
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read_to_end(&mut rest)).await;
        assert!(cut_off || closed.is_ok(), "the connection was still open after {:?}", started.elapsed());
        assert!(rest.is_empty() || !rest.starts_with(b"HTTP/1.1 200"), "the trickled request was answered");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "cut off late: {:?}", started.elapsed());
        healthy(&app).await;
    }
);

on_both!(
    /// A filter list of 100,000 values (700 KB, under the body limit) does the work of
    /// its distinct values: repeated, it answers as one value does; distinct and unknown,
    /// it is refused at the first unknown one.
    a_huge_filter_list_costs_what_its_distinct_values_cost,
    |app: App| async move {
        let query = "query($c: [String!]) { analytics { themeScores(filter: {countryCodes: $c}) { n mean } } }";
        let one = app.post(query, serde_json::json!({ "c": ["LV"] })).await;
        assert!(one.get("errors").is_none(), "{one}");
        let repeated = app.post(query, serde_json::json!({ "c": vec!["LV"; 100_000] })).await;
        // The same answer as one value (polars' parallel sums may differ in the last bit).
        let scores = |body: &Value| -> Vec<(u64, f64)> {
            body["data"]["analytics"]["themeScores"].as_array().cloned().unwrap_or_default().iter()
                .map(|s| (s["n"].as_u64().unwrap_or(0), s["mean"].as_f64().unwrap_or(f64::NAN))).collect()
        };
        let (a, b) = (scores(&one), scores(&repeated));
        assert_eq!(a.len(), 4, "{one}");
        assert_eq!(a.len(), b.len(), "{repeated}");
        for ((n1, m1), (n2, m2)) in a.iter().zip(&b) {
            assert_eq!(n1, n2);
            assert!((m1 - m2).abs() < 1e-9, "{m1} vs {m2}");
        }
        let distinct: Vec<String> = (0..100_000).map(|i| format!("X{i}")).collect();
        let refused = app.post(query, serde_json::json!({ "c": distinct })).await;
        let error = &refused["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{refused}");
        assert!(error["message"].as_str().unwrap_or_default().contains("unknown value \"X"), "{refused}");
        assert!(refused.to_string().len() < 2_000, "the refusal names one value, not all: {} bytes", refused.to_string().len());
        healthy(&app).await;
    }
);
