//! The self-kept registry: `hub registry links` makes a private link per organisation
//! of a region; the organisation opens it without an account and confirms its entry
//! (last checked today, audited, a new data version); a withdrawn, expired or unknown
//! link shows only that it no longer works.
#![expect(
    clippy::expect_used,
    reason = "the set-up and the reading of answers fail loudly, with the reason"
)]

use std::process::Command;

use crate::helpers::{App, on_both, sql_rows};

fn hub(app: &App, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(args)
        .args(["--database-url", &app.database_url])
        .env_remove("HUB_DATABASE_URL")
        .env("HUB_LOG", "warn")
        .output()
        .expect("hub runs");
    assert!(
        output.status.success(),
        "hub {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn one(app: &App, sql: &str) -> i64 {
    let row = &sql_rows(app, sql).await[0];
    (row.try_get::<i64>("", "n"))
        .or_else(|_| row.try_get::<i32>("", "n").map(i64::from))
        .expect("a number")
}

on_both!(
    /// From the links file to a confirmed entry, and links that no longer work.
    an_organisation_confirms_its_entry_through_its_link,
    |app: App| async move {
        let dir = std::env::temp_dir().join(format!("hub-links-{}-{}", std::process::id(), app.url.rsplit(':').next().unwrap_or("0")));
        std::fs::create_dir_all(&dir).expect("a folder");
        let file = dir.join("links.csv");
        let said = hub(&app, &["registry", "links", "--region", "lv-talsi", "--out", file.to_str().expect("a path"), "--base-url", &app.url]);
        let expected = one(
            &app,
            "SELECT COUNT(*) AS n FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.code = 'LV-TALSI' AND o.status <> 'CLOSED'",
        )
        .await;
        assert!(said.starts_with(&format!("{expected} links for LV-TALSI")), "{said}");
        let mut reader = csv::Reader::from_path(&file).expect("the links file");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len() as i64, expected);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_link").await, expected);
        let (id, link) = (rows[0][0].to_owned(), rows[0][4].to_owned());
        assert!(link.starts_with(&format!("{}/r/", app.url)) && link.len() > app.url.len() + 40, "{link}");
        let stored = one(&app, &format!("SELECT COUNT(*) AS n FROM registry_link WHERE token_hash = '{}'", link.rsplit('/').next().unwrap_or(""))).await;
        assert_eq!(stored, 0, "only the secret's hash is stored");

        let page = app.client.get(&link).send().await.expect("the page");
        assert_eq!(page.status(), 200);
        assert_eq!(page.headers().get("referrer-policy").and_then(|v| v.to_str().ok()), Some("no-referrer"));
        let html = page.text().await.expect("html");
        assert!(html.contains("This is right") && html.contains(&rows[0][2].replace('"', "&quot;")), "{html}");
        assert_eq!(one(&app, &format!("SELECT COUNT(*) AS n FROM registry_link WHERE organisation_id = {id} AND opened_at IS NOT NULL")).await, 1);

        let version = |app: App| async move { app.data("{ dataset { dataVersion } }").await["dataset"]["dataVersion"].as_i64() };
        let before = version(app.clone()).await;
        let confirmed = app.client.post(&link).form(&[("action", "confirm")]).send().await.expect("an answer");
        assert_eq!(confirmed.status(), 200);
        assert!(confirmed.text().await.expect("html").contains("checked today"));
        let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
        let verified: String = sql_rows(&app, &format!("SELECT CAST(last_verified AS TEXT) AS d FROM organisation WHERE id = {id}")).await[0]
            .try_get("", "d")
            .expect("a day");
        assert_eq!(verified, today);
        assert_eq!(one(&app, &format!("SELECT COUNT(*) AS n FROM registry_link WHERE organisation_id = {id} AND answered_at IS NOT NULL")).await, 1);
        assert_eq!(one(&app, &format!("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'registry_link.confirm' AND object_id = '{id}'")).await, 1);
        assert_eq!(version(app.clone()).await, before.map(|v| v + 1));

        // Withdrawn, expired, unknown.
        assert!(hub(&app, &["registry", "revoke", "--organisation", &id]).starts_with("1 links"));
        assert_eq!(app.client.get(&link).send().await.expect("an answer").status(), 410);
        let gone = app.client.post(&link).form(&[("action", "confirm")]).send().await.expect("an answer");
        assert_eq!(gone.status(), 410);
        let other = rows[1][4].to_owned();
        let conn = sea_orm::Database::connect(&app.database_url).await.expect("a connection");
        sea_orm::ConnectionTrait::execute_unprepared(
            &conn,
            &format!("UPDATE registry_link SET expires_at = '2020-01-01 00:00:00+00:00' WHERE organisation_id = {}", &rows[1][0]),
        )
        .await
        .expect("expired");
        conn.close().await.ok();
        let expired = app.client.get(&other).send().await.expect("an answer");
        assert_eq!(expired.status(), 410);
        assert!(expired.text().await.expect("html").contains("no longer works"));
        let unknown = app.client.get(format!("{}/r/not-a-link", app.url)).send().await.expect("an answer");
        assert_eq!(unknown.status(), 404);
        std::fs::remove_dir_all(&dir).ok();
    }
);
