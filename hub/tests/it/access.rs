//! Who may see what, over HTTP: every role against every protected field, tokens that
//! are bad, revoked, expired or of a disabled account, the public's share of findings
//! against plain SQL, the response cache kept apart per role, and the audit trail:
//! person-level reads recorded, rows chained, tampering found.

use hub::access::{Role, accounts, audit};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use crate::helpers::{App, on_both, sql_rows};

/// Protected queries and the least role each needs.
const PROTECTED: [(&str, Role); 6] = [
    ("{ regions { code } findings { totalCount } }", Role::Public),
    (
        "{ findings(first: 1) { nodes { interview { heldOn } } } }",
        Role::Partner,
    ),
    ("{ interviews { id intervieweeRole } }", Role::Partner),
    (
        "{ respondents(first: 1) { nodes { answers { text } } } }",
        Role::Researcher,
    ),
    ("{ respondent(id: \"1\") { role } }", Role::Researcher),
    ("{ auditEvents(first: 1) { action } }", Role::Admin),
];

on_both!(
    /// Each role gets what it may see and FORBIDDEN, naming the role needed, for the
    /// rest: never a partial answer.
    every_role_sees_what_it_may_and_no_more,
    |app: App| async move {
        for role in Role::ALL {
            let asker = if role == Role::Public {
                app.clone()
            } else {
                let region = (role == Role::Editor).then_some("LV-TALSI");
                let (token, _) = app.token_for(role, region).await;
                app.with_token(&token)
            };
            let viewer = asker.data("{ viewer { role regions } }").await;
            assert_eq!(viewer["viewer"]["role"], role.code());
            for (query, needs) in PROTECTED {
                let body = asker.post(query, Value::Null).await;
                if role >= needs {
                    assert!(body.get("errors").is_none(), "{role} asking {query}: {body}");
                } else {
                    let error = &body["errors"][0];
                    assert_eq!(error["extensions"]["code"], "FORBIDDEN", "{role} asking {query}: {body}");
                    let message = error["message"].as_str().unwrap_or_default();
                    assert!(message.contains(&format!("needs the role {needs}")), "{message}");
                    assert!(body["data"].is_null(), "nothing of it is answered: {body}");
                }
            }
        }
    }
);

on_both!(
    /// The public reads only the findings marked PUBLIC, partners all of them: both
    /// counts equal plain SQL.
    the_public_reads_only_public_findings,
    |app: App| async move {
        let count = |sql: &'static str| {
            let app = app.clone();
            async move {
                let rows = sql_rows(&app, sql).await;
                rows[0].try_get::<i64>("", "n").expect("n") as u64
            }
        };
        let public = count("SELECT COUNT(*) AS n FROM finding WHERE visibility = 'PUBLIC'").await;
        let all = count("SELECT COUNT(*) AS n FROM finding").await;
        assert!(public > 0 && public < all, "{public} of {all}");
        let query = "{ findings(first: 100) { totalCount nodes { id } } }";
        let seen = app.data(query).await;
        assert_eq!(seen["findings"]["totalCount"].as_u64(), Some(public));
        // Asked again (now from the cache) by a partner: the partner's own answer.
        let partner = app.as_role(Role::Partner).await;
        let seen_by_partner = partner.data(query).await;
        assert_eq!(seen_by_partner["findings"]["totalCount"].as_u64(), Some(all));
        // And the public's cached answer is still the public's.
        assert_eq!(app.data(query).await, seen);
    }
);

on_both!(
    /// A token that is not known or malformed is 401 UNAUTHENTICATED at once, and one
    /// that is revoked, expired or of a disabled account from the hub's next look at the
    /// data version (`version_poll`, 250 ms), never taken as the public. The changes
    /// here are made by another connection, as `hub token revoke` and `hub user` do.
    bad_tokens_are_unauthenticated,
    |app: App| async move {
        let status_of = |client: App| async move {
            let response = client
                .client
                .post(format!("{}/graphql", client.url))
                .json(&serde_json::json!({ "query": "{ regions { code } }" }))
                .send()
                .await
                .expect("an answer");
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or_default();
            (status, body)
        };
        // The answer once the hub has seen the change: 401 within 5 s, or the body
        // of the last answer.
        let refused = |client: App| async move {
            let mut last = Value::Null;
            for _ in 0..50 {
                let (status, body) = status_of(client.clone()).await;
                if status == 401 {
                    return Ok(body);
                }
                last = body;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(last)
        };
        let (token, name) = app.token_for(Role::Researcher, None).await;
        let good = app.with_token(&token);
        assert_eq!(status_of(good.clone()).await.0, 200);

        let (status, body) = status_of(app.with_token("hub_not-a-token")).await;
        assert_eq!(status, 401);
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{body}");

        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let by = accounts::operator();
        // Disabled, then enabled again.
        accounts::set_disabled(&db, &by, &name, true).await.expect("disabled");
        let body = refused(good.clone()).await.expect("refused once disabled");
        assert!(body.to_string().contains("disabled"), "{body}");
        accounts::set_disabled(&db, &by, &name, false).await.expect("enabled");
        let mut accepted = false;
        for _ in 0..50 {
            accepted = status_of(good.clone()).await.0 == 200;
            if accepted {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(accepted, "the token works again once the account is enabled");
        // Expired: moved into the past behind the hub's back, with the version bumped
        // as every write does.
        for sql in [
            "UPDATE api_token SET expires_at = '2020-01-01 00:00:00+00:00'",
            "UPDATE data_version SET version = version + 1",
        ] {
            db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .expect("the token expires");
        }
        let body = refused(good.clone()).await.expect("refused once expired");
        assert!(body.to_string().contains("expired"), "{body}");
        // Revoked.
        let (token, _) = app.token_for(Role::Partner, None).await;
        let partner = app.with_token(&token);
        assert_eq!(status_of(partner.clone()).await.0, 200);
        let id = accounts::list_tokens(&db, None)
            .await
            .expect("the tokens")
            .last()
            .map(|t| t.id)
            .expect("a token");
        accounts::revoke_token(&db, &by, id).await.expect("revoked");
        let body = refused(partner).await.expect("refused once revoked");
        assert!(body.to_string().contains("revoked"), "{body}");
        db.close().await.ok();
    }
);

on_both!(
    /// A token checked lately is not looked up again: requests with it run as many
    /// statements as the public's (the version poller is stilled so that it adds none).
    a_token_is_looked_up_once,
    |settings: &mut hub::config::Settings| {
        settings.version_poll = std::time::Duration::from_secs(3600);
    },
    |app: App| async move {
        let (token, _) = app.token_for(Role::Researcher, None).await;
        let researcher = app.with_token(&token);
        // Each query is new, so that no answer comes from the response cache.
        let statements = |client: App, ids: std::ops::Range<i32>| async move {
            let before = client.statements.get();
            for id in ids {
                client
                    .data(&format!("{{ organisation(id: \"{id}\") {{ name }} }}"))
                    .await;
            }
            client.statements.get() - before
        };
        researcher.data("{ regions { code } }").await;
        let with_token = statements(researcher.clone(), 1..11).await;
        let public = statements(app.clone(), 11..21).await;
        assert_eq!(with_token, public);
        assert!(public >= 10, "one statement per organisation at least: {public}");
    }
);

on_both!(
    /// A researcher's read of respondents leaves one audit row with the query's hash and
    /// the number of people returned; the chain verifies, the database refuses to edit
    /// it, and an edit made behind its back (the trigger dropped) is found.
    person_level_reads_are_audited_and_the_trail_is_tamper_evident,
    |app: App| async move {
        let researcher = app.as_role(Role::Researcher).await;
        let before = sql_rows(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'read.respondents'").await;
        assert_eq!(before[0].try_get::<i64>("", "n").expect("n"), 0);
        let data = researcher.data("{ respondents(first: 7) { nodes { id } } }").await;
        assert_eq!(data["respondents"]["nodes"].as_array().map(Vec::len), Some(7));
        // Asked again: not served from the cache, audited again.
        researcher.data("{ respondents(first: 7) { nodes { id } } }").await;
        let rows = sql_rows(&app, "SELECT details, role, account_name FROM audit_event WHERE action = 'read.respondents'").await;
        assert_eq!(rows.len(), 2);
        let details: Value = serde_json::from_str(&rows[0].try_get::<String>("", "details").expect("details")).expect("JSON");
        assert_eq!(details["people"], 7);
        assert_eq!(details["query_sha256"].as_str().map(str::len), Some(64));
        assert_eq!(rows[0].try_get::<String>("", "role").expect("role"), "RESEARCHER");

        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let verified = audit::verify(&db).await.expect("verify runs");
        assert!(verified.broken.is_none(), "{verified:?}");
        // account.add + token.create for the researcher, then the two reads.
        assert_eq!(verified.rows, 4);
        let backend = db.get_database_backend();
        let refused = db
            .execute_raw(Statement::from_string(backend, "UPDATE audit_event SET role = 'ADMIN'"))
            .await;
        assert!(refused.is_err_and(|e| e.to_string().contains("append-only")));
        let refused = db.execute_raw(Statement::from_string(backend, "DELETE FROM audit_event")).await;
        assert!(refused.is_err_and(|e| e.to_string().contains("append-only")));

        // Someone with the database's keys drops the trigger and edits row 3.
        let drop = if backend == sea_orm::DbBackend::Postgres {
            "DROP TRIGGER audit_event_append_only ON audit_event"
        } else {
            "DROP TRIGGER audit_event_no_update"
        };
        db.execute_raw(Statement::from_string(backend, drop)).await.expect("dropped");
        let third = sql_rows(&app, "SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 2").await;
        let id: i64 = third[0].try_get("", "id").expect("id");
        db.execute_raw(Statement::from_string(
            backend,
            format!("UPDATE audit_event SET details = '{{\"people\":0}}' WHERE id = {id}"),
        ))
        .await
        .expect("edited");
        let verified = audit::verify(&db).await.expect("verify runs");
        assert_eq!(verified.broken.map(|(row, why)| (row, why.contains("edited"))), Some((id, true)));
        db.close().await.ok();
    }
);

on_both!(
    /// An audit row is written in the transaction of its change: a refused change
    /// leaves none, a done one exactly one.
    audit_rows_share_their_changes_transaction,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let count = || async {
            let rows = sql_rows(&app, "SELECT COUNT(*) AS n FROM audit_event").await;
            rows[0].try_get::<i64>("", "n").expect("n")
        };
        let by = accounts::operator();
        let start = count().await;
        accounts::add(&db, &by, "maria", Role::Partner, &[], "a long enough password")
            .await
            .expect("added");
        assert_eq!(count().await, start + 1);
        let again = accounts::add(&db, &by, "maria", Role::Partner, &[], "a long enough password").await;
        assert!(again.is_err_and(|e| e.to_string().contains("exists already")));
        let short = accounts::add(&db, &by, "jonas", Role::Partner, &[], "short").await;
        assert!(short.is_err_and(|e| e.to_string().contains("at least 12")));
        let editor = accounts::add(&db, &by, "jonas", Role::Editor, &[], "a long enough password").await;
        assert!(editor.is_err_and(|e| e.to_string().contains("--region")));
        assert_eq!(count().await, start + 1, "refused changes leave no audit row");
        let rows = sql_rows(&app, "SELECT action, account_name, client FROM audit_event ORDER BY id DESC LIMIT 1").await;
        assert_eq!(rows[0].try_get::<String>("", "action").expect("action"), "account.add");
        assert_eq!(rows[0].try_get::<Option<String>>("", "client").expect("client").as_deref(), Some("cli"));
        db.close().await.ok();
    }
);

on_both!(
    /// The differencing attack of the demo data: grouped by country and kind, Cyprus's
    /// few social-enterprise representatives are suppressed, and the scores of all its
    /// representatives minus those without social enterprises would give theirs away.
    /// The second query is refused, naming the list; the first is answered.
    differencing_a_suppressed_group_is_refused,
    |app: App| async move {
        let rows = sql_rows(
            &app,
            "SELECT COUNT(*) AS n FROM respondent r JOIN organisation o ON o.id = r.organisation_id
             JOIN region g ON g.id = r.region_id
             WHERE g.country_code = 'CY' AND r.role = 'ORGANISATION_REPRESENTATIVE' AND o.kind = 'SOCIAL_ENTERPRISE'",
        )
        .await;
        let few: i64 = rows[0].try_get("", "n").expect("n");
        assert!((1..5).contains(&few), "the demo has {few} Cypriot social-enterprise representatives");
        let grouped = app
            .data(r#"{ analytics { themeScores(by: [COUNTRY, ORGANISATION_KIND], filter: {roles: [ORGANISATION_REPRESENTATIVE], countryCodes: ["CY"]}) { organisationKind suppressed } } }"#)
            .await;
        let rows = grouped["analytics"]["themeScores"].as_array().cloned().unwrap_or_default();
        assert!(rows.iter().any(|r| r["organisationKind"] == "SOCIAL_ENTERPRISE" && r["suppressed"] == true), "{grouped}");
        let all = r#"{ analytics { themeScores(by: [COUNTRY], filter: {roles: [ORGANISATION_REPRESENTATIVE], countryCodes: ["CY"]}) { n mean } } }"#;
        assert!(app.post(all, Value::Null).await.get("errors").is_none());
        for by in ["[COUNTRY]", "[]", "[ROLE]"] {
            let but_one = format!(
                r#"{{ analytics {{ themeScores(by: {by}, filter: {{roles: [ORGANISATION_REPRESENTATIVE], countryCodes: ["CY"], organisationKinds: [YOUTH_ASSOCIATION, INFORMAL_INITIATIVE, NGO, MUNICIPAL_UNIT, OTHER]}}) {{ n mean }} }} }}"#
            );
            let body = app.post(&but_one, Value::Null).await;
            let error = &body["errors"][0];
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "by {by}: {body}");
            let message = error["message"].as_str().unwrap_or_default();
            assert!(message.contains("filter.organisationKinds") && message.contains("fewer than k = 5"), "{message}");
        }
        // The same attack on one Likert question.
        let likert = r#"{ analytics { likertDistribution(question: "SU1", filter: {roles: [ORGANISATION_REPRESENTATIVE], countryCodes: ["CY"], organisationKinds: [YOUTH_ASSOCIATION, INFORMAL_INITIATIVE, NGO, MUNICIPAL_UNIT, OTHER]}) { n mean } } }"#;
        let body = app.post(likert, Value::Null).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    }
);

/// A client that does not follow redirects: what a form's answer is, is checked.
#[expect(clippy::expect_used, reason = "test set-up fails loudly")]
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// The hidden `csrf` value of a form in `html`.
pub(crate) fn csrf_in(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// The `name=value` of a Set-Cookie header named `name`.
pub(crate) fn cookie_of(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

on_both!(
    /// Signing in to the dashboard: the form's CSRF token is checked, a wrong password
    /// is refused, the session cookie is HttpOnly and SameSite=Lax, the header names the
    /// account, the session works for GraphQL too, and signing out (with the session's
    /// CSRF token) ends it.
    the_dashboard_signs_in_and_out,
    |app: App| async move {
        let client = browser();
        let (_, name) = app.token_for(Role::Partner, None).await;
        let form = client.get(format!("{}/sign-in", app.url)).send().await.expect("the form");
        assert_eq!(form.status(), 200);
        let form_cookie = cookie_of(&form, "hub_form").expect("a form cookie");
        let html = form.text().await.expect("html");
        assert!(html.contains("<label for=\"name\">") && html.contains("<label for=\"password\">"), "{html}");
        let csrf = csrf_in(&html);
        assert_eq!(csrf.len(), 43);
        let post = |fields: Vec<(&'static str, String)>, cookie: String| {
            client
                .post(format!("{}/sign-in", app.url))
                .header("cookie", cookie)
                .form(&fields)
                .send()
        };
        // Without the form's cookie (a form posted from another site): refused.
        let forged = post(vec![("csrf", csrf.clone()), ("name", name.clone()), ("password", "a long enough password".into())], "hub_form=other".into())
            .await
            .expect("an answer");
        assert_eq!(forged.status(), 403);
        // A wrong password.
        let wrong = post(vec![("csrf", csrf.clone()), ("name", name.clone()), ("password", "wrong password".into())], form_cookie.clone())
            .await
            .expect("an answer");
        assert_eq!(wrong.status(), 401);
        assert!(cookie_of(&wrong, "hub_session").is_none());
        // The right one.
        let right = post(vec![("csrf", csrf.clone()), ("name", name.clone()), ("password", "a long enough password".into())], form_cookie.clone())
            .await
            .expect("an answer");
        assert_eq!(right.status(), 303);
        let raw = right.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|v| v.starts_with("hub_session=")).unwrap_or_default().to_owned();
        assert!(raw.contains("HttpOnly") && raw.contains("SameSite=Lax") && raw.contains("Max-Age=28800"), "{raw}");
        let session = cookie_of(&right, "hub_session").expect("a session cookie");
        let page = client.get(format!("{}/interviews", app.url)).header("cookie", session.clone()).send().await.expect("a page");
        let html = page.text().await.expect("html");
        assert!(html.contains(&format!("<strong>{name}</strong> (PARTNER)")), "{html}");
        // GraphQL with the cookie is the partner.
        let viewer: Value = client.post(format!("{}/graphql", app.url)).header("cookie", session.clone())
            .json(&serde_json::json!({ "query": "{ viewer { name role } }" })).send().await.expect("an answer").json().await.expect("JSON");
        assert_eq!(viewer["data"]["viewer"]["role"], "PARTNER");
        // Signing out needs the session's token.
        let sign_out_csrf = csrf_in(&html);
        let forged = client.post(format!("{}/sign-out", app.url)).header("cookie", session.clone()).form(&[("csrf", "nope")]).send().await.expect("an answer");
        assert_eq!(forged.status(), 403);
        let out = client.post(format!("{}/sign-out", app.url)).header("cookie", session.clone()).form(&[("csrf", sign_out_csrf)]).send().await.expect("an answer");
        assert_eq!(out.status(), 303);
        let viewer: Value = client.post(format!("{}/graphql", app.url)).header("cookie", session)
            .json(&serde_json::json!({ "query": "{ viewer { role } }" })).send().await.expect("an answer").json().await.expect("JSON");
        assert_eq!(viewer["data"]["viewer"]["role"], "PUBLIC", "the old cookie is the public now");
        let rows = sql_rows(&app, "SELECT action FROM audit_event WHERE action LIKE 'sign_in%' ORDER BY id").await;
        let actions: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "action").expect("action")).collect();
        assert_eq!(actions, ["sign_in.failed", "sign_in"]);
    }
);

on_both!(
    /// After five failed sign-ins for an account, the next attempt waits (429), even
    /// with the right password; an expired session is the public.
    repeated_failures_are_slowed_and_sessions_expire,
    |app: App| async move {
        let client = browser();
        let (_, name) = app.token_for(Role::Researcher, None).await;
        let attempt = |password: &'static str| {
            let client = client.clone();
            let url = app.url.clone();
            let name = name.clone();
            async move {
                let form = client.get(format!("{url}/sign-in")).send().await.expect("the form");
                let cookie = cookie_of(&form, "hub_form").expect("a form cookie");
                let csrf = csrf_in(&form.text().await.expect("html"));
                let response = client
                    .post(format!("{url}/sign-in"))
                    .header("cookie", cookie)
                    .form(&[("csrf", csrf), ("name", name), ("password", password.to_owned())])
                    .send()
                    .await
                    .expect("an answer");
                let session = cookie_of(&response, "hub_session");
                (response.status().as_u16(), session)
            }
        };
        for _ in 0..5 {
            assert_eq!(attempt("wrong password").await.0, 401);
        }
        assert_eq!(attempt("a long enough password").await.0, 429);
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let (status, session) = attempt("a long enough password").await;
        assert_eq!(status, 303, "after the wait, the right password signs in");
        let session = session.expect("a session");
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        db.execute_raw(Statement::from_string(db.get_database_backend(), "UPDATE session SET expires_at = '2020-01-01 00:00:00+00:00'"))
            .await
            .expect("expired");
        db.close().await.ok();
        let viewer: Value = client.post(format!("{}/graphql", app.url)).header("cookie", session)
            .json(&serde_json::json!({ "query": "{ viewer { role } }" })).send().await.expect("an answer").json().await.expect("JSON");
        assert_eq!(viewer["data"]["viewer"]["role"], "PUBLIC");
    }
);

on_both!(
    /// The demo gets one account per role with a random password, and each signs in
    /// with its role (the editor for one region).
    the_demo_has_an_account_per_role,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let made = accounts::demo_accounts(&db).await.expect("the demo accounts");
        let roles: Vec<Role> = made.iter().map(|(_, role, _)| *role).collect();
        assert_eq!(roles, [Role::Partner, Role::Researcher, Role::Editor, Role::Admin]);
        for (name, role, password) in &made {
            assert_eq!(password.len(), 16);
            let signed_in = hub::access::sessions::sign_in(&db, name, password, None)
                .await
                .expect("the sign-in runs")
                .map(|(_, session)| (session.viewer.role, session.viewer.regions.len()));
            let regions = usize::from(*role == Role::Editor);
            assert_eq!(signed_in, Some((*role, regions)), "{name}");
        }
        db.close().await.ok();
    }
);

on_both!(
    /// One respondent by id: the stored row with its answers, as plain SQL reads them;
    /// each read is audited with the id asked for; a malformed id is bad input naming
    /// `id`, an unknown one NOT_FOUND.
    a_respondent_by_id_is_the_stored_row_and_its_read_is_audited,
    |app: App| async move {
        let researcher = app.as_role(Role::Researcher).await;
        let rows = sql_rows(
            &app,
            "SELECT r.id AS id, r.role AS role, g.code AS region, \
                    (SELECT COUNT(*) FROM answer a WHERE a.respondent_id = r.id) AS answers \
             FROM respondent r JOIN region g ON g.id = r.region_id ORDER BY r.id DESC LIMIT 1",
        )
        .await;
        let id: i32 = rows[0].try_get("", "id").expect("an id");
        let role: String = rows[0].try_get("", "role").expect("a role");
        let region: String = rows[0].try_get("", "region").expect("a region");
        let answers: i64 = rows[0].try_get("", "answers").expect("a count");
        assert!(answers > 0);
        let data = researcher
            .data(&format!(r#"{{ respondent(id: "{id}") {{ id role region {{ code }} answers {{ value }} }} }}"#))
            .await;
        let person = &data["respondent"];
        assert_eq!(person["id"], id.to_string());
        assert_eq!(person["role"], role.as_str());
        assert_eq!(person["region"]["code"], region.as_str());
        assert_eq!(person["answers"].as_array().map(Vec::len), Some(answers as usize));

        let audited = sql_rows(&app, "SELECT details FROM audit_event WHERE action = 'read.respondents'").await;
        assert_eq!(audited.len(), 1);
        let details: Value =
            serde_json::from_str(&audited[0].try_get::<String>("", "details").expect("details")).expect("JSON");
        assert_eq!((details["people"].as_i64(), details["filter"]["id"].as_str()), (Some(1), Some(id.to_string().as_str())));

        let malformed = researcher.error(r#"{ respondent(id: "one") { id } }"#).await;
        assert_eq!(malformed["extensions"]["code"], "BAD_USER_INPUT", "{malformed}");
        assert!(malformed["message"].as_str().unwrap_or_default().contains("id"), "{malformed}");
        let unknown = researcher.error(r#"{ respondent(id: "999999999") { id } }"#).await;
        assert_eq!(unknown["extensions"]["code"], "NOT_FOUND", "{unknown}");
        // Neither of those returned anyone, and neither was recorded as a read.
        let audited = sql_rows(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'read.respondents'").await;
        assert_eq!(audited[0].try_get::<i64>("", "n").expect("n"), 1);
    }
);

on_both!(
    /// Reads at the same moment are audited together (one commit for those waiting):
    /// every one of them gets its own row, with the id it asked for, and the chain holds.
    concurrent_reads_each_get_an_audit_row_in_one_chain,
    |app: App| async move {
        let researcher = app.as_role(Role::Researcher).await;
        let rows = sql_rows(&app, "SELECT id FROM respondent ORDER BY id LIMIT 60").await;
        let ids: Vec<i32> = rows.iter().map(|r| r.try_get("", "id").expect("an id")).collect();
        assert_eq!(ids.len(), 60);
        let mut reads = tokio::task::JoinSet::new();
        for &id in &ids {
            let researcher = researcher.clone();
            reads.spawn(async move {
                let data = researcher.data(&format!(r#"{{ respondent(id: "{id}") {{ id }} }}"#)).await;
                assert_eq!(data["respondent"]["id"], id.to_string());
            });
        }
        while let Some(read) = reads.join_next().await {
            read.expect("a read");
        }
        let audited = sql_rows(&app, "SELECT details FROM audit_event WHERE action = 'read.respondents'").await;
        let mut asked: Vec<i32> = audited
            .iter()
            .map(|row| {
                let details: Value =
                    serde_json::from_str(&row.try_get::<String>("", "details").expect("details")).expect("JSON");
                details["filter"]["id"].as_str().and_then(|id| id.parse().ok()).expect("the id asked for")
            })
            .collect();
        asked.sort_unstable();
        assert_eq!(asked, ids);
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let verified = audit::verify(&db).await.expect("verify runs");
        assert!(verified.broken.is_none(), "{verified:?}");
        // account.add + token.create for the researcher, then the 60 reads.
        assert_eq!(verified.rows, 62);
    }
);

on_both!(
    /// The audit trail's writer has a connection of its own: a read's event is stored
    /// while every connection of the requests' pool is taken (here its only one, by an
    /// open transaction). On the pool, the writer waited behind the requests, and every
    /// read with it; here it would wait until the pool's time-out (30 s) and fail.
    reads_are_recorded_beside_the_requests_pool,
    |app: App| async move {
        let (db, _) = hub::db::connect_pooled(&app.database, Some(1)).await.expect("the database");
        let queue = hub::access::audit_queue::AuditQueue::spawn(db.clone());
        let held = sea_orm::TransactionTrait::begin(&db).await.expect("the pool's one connection");
        let event = audit::Event {
            action: "read.respondents".into(),
            object_type: Some("respondents".into()),
            object_id: None,
            details: serde_json::json!({ "filter": { "id": "beside the pool" } }),
        };
        let viewer = hub::access::Viewer { role: Role::Researcher, ..Default::default() };
        tokio::time::timeout(std::time::Duration::from_secs(20), queue.record(&viewer, event))
            .await
            .expect("stored without waiting for the pool")
            .expect("stored");
        held.rollback().await.expect("released");
        let stored = sql_rows(&app, "SELECT details FROM audit_event WHERE details LIKE '%beside the pool%'").await;
        assert_eq!(stored.len(), 1);
        db.close().await.ok();
    }
);

on_both!(
    /// A read of person-level data whose audit row cannot be stored is not answered:
    /// the field is null with an INTERNAL error, although the read itself succeeded
    /// (here a trigger refuses every new audit row); once rows can be stored again, the
    /// same read is answered and recorded.
    a_read_that_cannot_be_recorded_is_not_answered,
    |app: App| async move {
        let researcher = app.as_role(Role::Researcher).await;
        let conn = sea_orm::Database::connect(&app.database_url).await.expect("the database");
        let (refuse, allow) = match conn.get_database_backend() {
            sea_orm::DbBackend::Sqlite => (
                vec!["CREATE TRIGGER audit_refused BEFORE INSERT ON audit_event BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
                "DROP TRIGGER audit_refused",
            ),
            _ => (
                vec![
                    "CREATE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
                    "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_refused()",
                ],
                "DROP TRIGGER audit_refused ON audit_event",
            ),
        };
        for statement in refuse {
            conn.execute_unprepared(statement).await.expect(statement);
        }
        let query = "{ respondent(id: \"1\") { id role answers { value } } }";
        let body = researcher.post(query, Value::Null).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL", "{body}");
        assert_eq!(body["errors"][0]["path"][0], "respondent", "{body}");
        assert!(body["data"]["respondent"].is_null(), "nothing of the read is sent: {body}");
        // The same read is answered once its row can be stored.
        conn.execute_unprepared(allow).await.expect(allow);
        let data = researcher.data(query).await;
        assert_eq!(data["respondent"]["id"], "1", "{data}");
        let rows = sql_rows(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'read.respondents'").await;
        assert_eq!(rows[0].try_get::<i64>("", "n").expect("n"), 1);
        conn.close().await.ok();
    }
);
