//! `/graphql` speaks the GraphQL over HTTP spec: media types, GET, status codes, GraphiQL.

use serde_json::{Value, json};

use crate::helpers::{App, on_both};

const QUERY: &str = "{ regions { code } }";

on_both!(
    /// GET runs queries; a browser without a query gets GraphiQL.
    get_runs_queries_and_browsers_get_graphiql,
    |app: App| async move {
        let response = app
            .client
            .get(format!("{}/graphql", app.url))
            .query(&[("query", "query($c: String!) { region(code: $c) { name } }"), ("variables", r#"{"c":"PT-BRAGA"}"#)])
            .send()
            .await
            .expect("GET answers");
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body, json!({ "data": { "region": { "name": "Braga" } } }));

        let page = app
            .client
            .get(format!("{}/graphql", app.url))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("GET answers");
        assert_eq!(page.status(), 200);
        assert!(page.headers()["content-type"].to_str().unwrap_or_default().starts_with("text/html"));
        assert!(page.text().await.unwrap_or_default().contains("graphiql"));

        let health = app.client.get(format!("{}/healthz", app.url)).send().await.expect("healthz");
        assert_eq!(health.status(), 200);
    }
);

on_both!(
    /// `application/graphql-response+json` when asked for, with 400 for request errors;
    /// plain `application/json` keeps 200.
    media_types_and_status_codes_follow_the_spec,
    |app: App| async move {
        let post = |accept: &'static str, query: &'static str| {
            let app = app.clone();
            async move {
                app.client
                    .post(format!("{}/graphql", app.url))
                    .header("accept", accept)
                    .json(&json!({ "query": query }))
                    .send()
                    .await
                    .expect("POST answers")
            }
        };
        let good = post("application/graphql-response+json", QUERY).await;
        assert_eq!(good.status(), 200);
        assert_eq!(good.headers()["content-type"], "application/graphql-response+json");
        let bad = post("application/graphql-response+json", "{ regions { nope } }").await;
        assert_eq!(bad.status(), 400);
        let body: Value = bad.json().await.expect("a JSON body");
        assert!(body.get("data").is_none(), "no data entry for a request error: {body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
        let unparsable = post("application/graphql-response+json", "{ regions {").await;
        assert_eq!(unparsable.status(), 400);
        let body: Value = unparsable.json().await.expect("a JSON body");
        assert!(body.get("data").is_none(), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED");
        let partial = post("application/graphql-response+json", "{ organisation(id: \"999999\") { name } }").await;
        assert_eq!(partial.status(), 200);
        let body: Value = partial.json().await.expect("a JSON body");
        assert!(body.get("data").is_some(), "a field error keeps data: {body}");
        let legacy = post("application/json", "{ regions { nope } }").await;
        assert_eq!(legacy.status(), 200);
        assert_eq!(legacy.headers()["content-type"], "application/json");

        let wrong_type = app
            .client
            .post(format!("{}/graphql", app.url))
            .header("content-type", "text/plain")
            .body(QUERY)
            .send()
            .await
            .expect("answers");
        assert_eq!(wrong_type.status(), 415);
        let not_json = app
            .client
            .post(format!("{}/graphql", app.url))
            .header("content-type", "application/json")
            .body("{ this is not json")
            .send()
            .await
            .expect("answers");
        assert_eq!(not_json.status(), 400);
        let body: Value = not_json.json().await.expect("JSON error body");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");
        let put = app.client.put(format!("{}/graphql", app.url)).send().await.expect("answers");
        assert_eq!(put.status(), 405);

        // /metrics is for admins.
        let public = app.client.get(format!("{}/metrics", app.url)).send().await.expect("metrics");
        assert_eq!(public.status(), 401);
        let partner = app.as_role(hub::access::Role::Partner).await;
        let refused = partner.client.get(format!("{}/metrics", app.url)).send().await.expect("metrics");
        assert_eq!(refused.status(), 403);
        // Five GraphQL responses so far, four of them with errors.
        let admin = app.as_role(hub::access::Role::Admin).await;
        let metrics = admin.client.get(format!("{}/metrics", app.url)).send().await.expect("metrics");
        assert_eq!(metrics.status(), 200);
        let text = metrics.text().await.unwrap_or_default();
        assert!(text.contains("hub_graphql_requests_total 5\n"), "{text}");
        assert!(text.contains("hub_graphql_error_responses_total 4\n"), "{text}");
    }
);

on_both!(
    /// A repeated query is answered from the cache without touching the database, until
    /// the data version changes (here by another process, seen by the poller).
    repeated_queries_come_from_the_cache_until_the_data_changes,
    |app: App| async move {
        let query = r#"{ organisation(id: "1") { name } }"#;
        let original = app.data(query).await;
        let before = app.statements.get();
        assert_eq!(app.data(query).await, original);
        // Only the version poller may have run in between.
        assert!(app.statements.get() - before <= 2, "{} statements", app.statements.get() - before);

        let other = sea_orm::Database::connect(&app.database_url).await.expect("a second connection");
        sea_orm::ConnectionTrait::execute_unprepared(&other, "UPDATE organisation SET name = 'Renamed' WHERE id = 1")
            .await
            .expect("rename");
        // A write that does not bump the version is not seen: every write path must bump it.
        assert_eq!(app.data(query).await, original);
        hub::service::version::bump(&other).await.expect("bump");
        other.close().await.ok();
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        assert_eq!(app.data(query).await, json!({ "organisation": { "name": "Renamed" } }));
    }
);
