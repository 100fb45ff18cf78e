//! The self-kept registry: `hub registry links` makes a private link per organisation
//! of a region; the organisation opens it without an account and confirms its entry
//! (last checked today, audited, a new data version); a withdrawn, expired or unknown
//! link shows only that it no longer works.
#![expect(
    clippy::expect_used,
    reason = "the set-up and the reading of answers fail loudly, with the reason"
)]

use std::process::Command;

use hub::access::Role;

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

on_both!(
    /// An organisation proposes corrections through its link (checked with the
    /// registry's rules); an editor of its region sees them and accepts one (a normal
    /// audited change) and rejects another; an editor elsewhere sees none.
    proposed_corrections_are_reviewed_by_the_regions_editor,
    |app: App| async move {
        use crate::{access::browser, access::csrf_in, access_routes::sign_in};
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let made = hub::service::links::create(&db, &hub::access::accounts::operator(), "LV-TALSI", chrono::Duration::days(1))
            .await
            .expect("links");
        db.close().await.ok();
        let (first, second) = (&made[0], &made[1]);
        let link = |secret: &str| format!("{}/r/{secret}", app.url);
        let propose = |secret: String, fields: Vec<(&str, &str)>| {
            let mut form: Vec<(String, String)> = vec![("action".into(), "propose".into())];
            form.extend(fields.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())));
            app.client.post(link(&secret)).form(&form).send()
        };
        let name = first.organisation.name.as_str();

        let bad = propose(first.secret.clone(), vec![("name", "x"), ("status", "ACTIVE"), ("website", "ftp://example.lv")]).await.expect("an answer");
        assert_eq!(bad.status(), 400);
        let html = bad.text().await.expect("html");
        assert!(html.contains("id=\"website-error\"") && html.contains("http://"), "{html}");
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal").await, 0);

        let closing = vec![
            ("name", name),
            ("status", "CLOSED"),
            ("closed_year", "2025"),
            ("closure_reason", "funding ended"),
            ("note", "we merged with the youth centre"),
        ];
        let sent = propose(first.secret.clone(), closing).await.expect("an answer");
        assert_eq!(sent.status(), 200);
        assert!(sent.text().await.expect("html").contains("will review"));
        let wrong = propose(second.secret.clone(), vec![("name", "A wrong name"), ("status", "ACTIVE")]).await.expect("an answer");
        assert_eq!(wrong.status(), 200);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal WHERE status = 'PENDING'").await, 2);

        let (_, elsewhere) = app.token_for(Role::Editor, Some("SE-DALARNA")).await;
        let session = sign_in(&app, &elsewhere).await;
        let page = browser().get(format!("{}/reviews", app.url)).header("cookie", session).send().await.expect("a page").text().await.expect("html");
        assert!(page.contains("Nothing matches."), "another region's editor sees none: {page}");

        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let page = client.get(format!("{}/reviews", app.url)).header("cookie", session.clone()).send().await.expect("a page").text().await.expect("html");
        assert!(page.contains("we merged with the youth centre") && page.contains("<td>funding ended</td>"), "{page}");
        let csrf = csrf_in(&page);
        let id_of = |org: i32| {
            let app = app.clone();
            async move { one(&app, &format!("SELECT id AS n FROM registry_proposal WHERE organisation_id = {org}")).await }
        };
        let (accept, reject) = (id_of(first.organisation.id).await, id_of(second.organisation.id).await);
        assert!(page.contains("name=\"value.closure_reason\" value=\"funding ended\"") && page.contains("Accept as"), "each change can be edited: {page}");
        // A bad edit is refused by the registry's rules, and nothing is decided.
        let bad = client
            .post(format!("{}/reviews/{accept}", app.url))
            .header("cookie", session.clone())
            .form(&[("csrf", csrf.as_str()), ("decision", "accept"), ("value.closed_year", "1700")])
            .send()
            .await
            .expect("an answer");
        assert_eq!(bad.status(), 400);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal WHERE status = 'PENDING'").await, 2);
        for (id, decision) in [(accept, "accept"), (reject, "reject")] {
            let answer = client
                .post(format!("{}/reviews/{id}", app.url))
                .header("cookie", session.clone())
                .form(&[("csrf", csrf.as_str()), ("decision", decision), ("note", "checked by phone"), ("value.closure_reason", "the funding ended in 2025")])
                .send()
                .await
                .expect("an answer");
            assert_eq!(answer.status(), 303, "{decision}");
        }
        let row = &sql_rows(&app, &format!("SELECT status, closed_year, closure_reason FROM organisation WHERE id = {}", first.organisation.id)).await[0];
        assert_eq!(row.try_get::<String>("", "status").expect("a status"), "CLOSED");
        assert_eq!(row.try_get::<Option<i32>>("", "closed_year").expect("a year"), Some(2025));
        assert_eq!(row.try_get::<Option<String>>("", "closure_reason").expect("a reason").as_deref(), Some("the funding ended in 2025"), "accepted as edited");
        assert_eq!(sql_rows(&app, &format!("SELECT name FROM organisation WHERE id = {}", second.organisation.id)).await[0].try_get::<String>("", "name").expect("a name"), second.organisation.name);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal WHERE status = 'ACCEPTED' AND review_note = 'checked by phone'").await, 1);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal WHERE status = 'REJECTED'").await, 1);
        assert_eq!(one(&app, &format!("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'organisation.update' AND object_id = '{}' AND account_name = '{editor}'", first.organisation.id)).await, 1);
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action LIKE 'registry_proposal.%'").await, 2);
        let again = client
            .post(format!("{}/reviews/{accept}", app.url))
            .header("cookie", session)
            .form(&[("csrf", csrf.as_str()), ("decision", "reject")])
            .send()
            .await
            .expect("an answer");
        assert_eq!(again.status(), 400, "a decided proposal stays decided");
    }
);

on_both!(
    /// How the mail-out is going, for editors: links sent, opened and answered per
    /// region and per municipality, as counted in SQL; below editor it is refused.
    link_counts_per_area_equal_plain_sql,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let made = hub::service::links::create(&db, &hub::access::accounts::operator(), "LV-TALSI", chrono::Duration::days(1))
            .await
            .expect("links");
        db.close().await.ok();
        let opened = app.client.get(format!("{}/r/{}", app.url, made[0].secret)).send().await.expect("opened");
        assert_eq!(opened.status(), 200);
        let answered = app.client.post(format!("{}/r/{}", app.url, made[1].secret)).form(&[("action", "confirm")]).send().await.expect("answered");
        assert_eq!(answered.status(), 200);

        let editor = app.as_role(Role::Editor).await;
        let data = editor
            .data("{ regions: registryLinks { regionCode municipalityCode sent opened answered } municipalities: registryLinks(by: MUNICIPALITY) { regionCode municipalityCode sent opened answered } }")
            .await;
        let talsi = &data["regions"][0];
        assert_eq!(data["regions"].as_array().map(Vec::len), Some(1));
        assert_eq!(talsi["regionCode"], "LV-TALSI");
        assert_eq!((talsi["sent"].as_i64(), talsi["opened"].as_i64(), talsi["answered"].as_i64()), (Some(made.len() as i64), Some(2), Some(1)));
        let rows = sql_rows(
            &app,
            "SELECT m.code AS code, COUNT(*) AS n FROM registry_link l JOIN organisation o ON o.id = l.organisation_id
             LEFT JOIN municipality m ON m.id = o.municipality_id GROUP BY m.code",
        )
        .await;
        let per_municipality = data["municipalities"].as_array().cloned().unwrap_or_default();
        assert_eq!(per_municipality.len(), rows.len());
        for row in rows {
            let code: Option<String> = row.try_get("", "code").expect("a code");
            let n: i64 = row.try_get("", "n").expect("a count");
            let got = per_municipality.iter().find(|r| r["municipalityCode"].as_str() == code.as_deref()).expect("a row");
            assert_eq!(got["sent"].as_i64(), Some(n), "{code:?}");
        }
        let researcher = app.as_role(Role::Researcher).await;
        let error = researcher.error("{ registryLinks { sent } }").await;
        assert_eq!(error["extensions"]["code"], "FORBIDDEN");
    }
);

on_both!(
    /// A proposal that no longer fits the entry (it changed meanwhile) cannot be
    /// accepted, and stays pending: the change and the decision happen together or not
    /// at all.
    an_accept_that_fails_leaves_the_proposal_pending,
    |app: App| async move {
        use hub::service::{edit, links};
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let operator = hub::access::accounts::operator();
        let made = links::create(&db, &operator, "LV-TALSI", chrono::Duration::days(1)).await.expect("links");
        let o = made[0].organisation.clone();
        let mut sent: std::collections::HashMap<String, String> = edit::cells_of(&db, &o)
            .await
            .expect("its cells")
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        sent.insert("status".into(), "CLOSED".into());
        sent.insert("closed_year".into(), "2021".into());
        let proposal = links::propose(&db, &made[0].secret, &sent, None).await.expect("proposed").expect("a working link");
        // Meanwhile an editor records that it was founded in 2023: closing in 2021 no longer fits.
        let fields = std::collections::HashMap::from([("founded_year", "founded_year"), ("closed_year", "closed_year")]);
        edit::update_organisation(&db, &operator, o.id, &edit::version_of(&o), &vec![("founded_year", Some("2023".to_owned()))], &fields)
            .await
            .expect("updated");
        let refused = links::decide(&db, &operator, proposal.id, true, None).await;
        assert!(matches!(&refused, Err(hub::error::Error::Invalid(p)) if p[0].message.contains("closed before it was founded")), "{refused:?}");
        let status: String = sql_rows(&app, &format!("SELECT status FROM registry_proposal WHERE id = {}", proposal.id)).await[0]
            .try_get("", "status")
            .expect("a status");
        assert_eq!(status, "PENDING");
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action LIKE 'registry_proposal.%'").await, 0);
        links::decide(&db, &operator, proposal.id, false, Some("out of date".into())).await.expect("rejected");
        assert_eq!(one(&app, "SELECT COUNT(*) AS n FROM registry_proposal WHERE status = 'REJECTED' AND review_note = 'out of date'").await, 1);
        db.close().await.ok();
    }
);
