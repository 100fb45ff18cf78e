//! Who may open what, route by route: every route of `access::rules::ROUTES` asked by
//! every role (a route added without a sample here fails the table), the dashboard's
//! quotes as each role sees them against plain SQL, and the data export over HTTP for
//! researchers, its archive against plain SQL and its audit row.
#![expect(
    clippy::expect_used,
    reason = "the helpers' set-up and reading fail loudly, with the reason"
)]

use std::io::Read;

use hub::access::{Role, rules::ROUTES};
use serde_json::Value;

use crate::{
    access::{browser, cookie_of, csrf_in},
    helpers::{App, on_both, sql_rows},
};

/// A URL to ask for each route pattern; `None` for a route that only answers a form
/// post, tested with its form (`the_dashboard_signs_in_and_out`).
fn sample(pattern: &str) -> Option<&'static str> {
    match pattern {
        "/" => Some("/"),
        "/registry" => Some("/registry?country=LV"),
        "/survey" => Some("/survey?question=SU1"),
        "/themes" => Some("/themes"),
        "/themes/:code" => Some("/themes/CREDIBILITY"),
        "/interviews" => Some("/interviews?theme=CREDIBILITY&quotes=LV"),
        "/collaborations" => Some("/collaborations"),
        "/recommendations" => Some("/recommendations"),
        "/countries/:cc" => Some("/countries/LV"),
        // TOOLFILE: a published toolkit item with a file, filled in by the test.
        "/toolkit/:id/file" => Some("/toolkit/TOOLFILE/file"),
        "/healthz" => Some("/healthz"),
        "/metrics" => Some("/metrics"),
        "/graphql" => Some("/graphql?query=%7B__typename%7D"),
        "/charts/:file" => Some("/charts/theme-scores.csv"),
        // Filled in from the GraphiQL page, which names its versioned files.
        "/assets/:version/:file" => Some("ASSET"),
        "/sign-in" => Some("/sign-in"),
        "/sign-out" => None,
        "/export/data" => Some("/export/data?format=csv"),
        // TALSI: an organisation of the editor's region, filled in by the test.
        "/organisations/:id" => Some("/organisations/TALSI"),
        "/organisations/:id/edit" => Some("/organisations/TALSI/edit"),
        // COLLAB: an example of cooperation in the editor's region, filled in too.
        "/collaborations/:id/edit" => Some("/collaborations/COLLAB/edit"),
        // LINK: a working private link, made by the test.
        "/r/:token" => Some("/r/LINK"),
        "/reviews" => Some("/reviews"),
        "/reviews/:id" => None,
        "/imports" => Some("/imports"),
        "/registry-links" => None,
        other => panic!("no sample URL for the route {other}: add one to this table"),
    }
}

/// Signs in through the form as `name`: the session cookie.
pub(crate) async fn sign_in(app: &App, name: &str) -> String {
    let client = browser();
    let form = client
        .get(format!("{}/sign-in", app.url))
        .send()
        .await
        .expect("the form");
    let cookie = cookie_of(&form, "hub_form").expect("a form cookie");
    let csrf = csrf_in(&form.text().await.expect("html"));
    let response = client
        .post(format!("{}/sign-in", app.url))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 303, "{name} signs in");
    cookie_of(&response, "hub_session").expect("a session cookie")
}

on_both!(
    /// Every route, asked by every role with a bearer token (and by the public without):
    /// 200 from the role it needs on, 401 below it for the public and 403 for an account.
    every_route_answers_the_roles_it_should,
    |app: App| async move {
        let graphiql = app.client.get(format!("{}/graphql", app.url)).header("accept", "text/html").send().await.expect("GraphiQL");
        let html = graphiql.text().await.expect("html");
        let asset = html
            .split("src=\"")
            .filter_map(|rest| rest.split('"').next())
            .find(|src| src.starts_with("/assets/"))
            .expect("GraphiQL names its files")
            .to_owned();
        let talsi = sql_rows(
            &app,
            "SELECT MIN(o.id) AS id FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.code = 'LV-TALSI'",
        )
        .await[0]
            .try_get::<i32>("", "id")
            .expect("a Talsi organisation")
            .to_string();
        let collab = sql_rows(
            &app,
            "SELECT MIN(c.id) AS id FROM collaboration c JOIN region g ON g.id = c.region_id WHERE g.code = 'LV-TALSI'",
        )
        .await[0]
            .try_get::<i32>("", "id")
            .expect("a Talsi example")
            .to_string();
        let tool_file = sql_rows(
            &app,
            "SELECT MIN(a.guidance_id) AS id FROM guidance_attachment a JOIN guidance g ON g.id = a.guidance_id WHERE g.status = 'PUBLISHED'",
        )
        .await[0]
            .try_get::<i32>("", "id")
            .expect("a published toolkit file in the demo")
            .to_string();
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let link = hub::service::links::create(&db, &hub::access::accounts::operator(), "LV-TALSI", chrono::Duration::days(1))
            .await
            .expect("links")[0]
            .secret
            .clone();
        db.close().await.ok();
        for role in Role::ALL {
            let asker = if role == Role::Public { app.clone() } else { app.as_role(role).await };
            for (pattern, needs) in ROUTES {
                let Some(url) = sample(pattern) else { continue };
                let url = if url == "ASSET" { asset.clone() } else { url.replace("TALSI", &talsi).replace("LINK", &link).replace("COLLAB", &collab).replace("TOOLFILE", &tool_file) };
                let url = url.as_str();
                let response = asker.client.get(format!("{}{url}", app.url)).send().await.expect("an answer");
                let status = response.status().as_u16();
                let expected = if role >= *needs {
                    200
                } else if role == Role::Public {
                    401
                } else {
                    403
                };
                let body = response.text().await.unwrap_or_default();
                assert_eq!(status, expected, "{role} asking {url}: {}", body.chars().take(300).collect::<String>());
                if status >= 400 {
                    assert!(body.contains(&format!("needs the role {needs}")), "{role} asking {url}: {body}");
                }
            }
        }
    }
);

on_both!(
    /// The quotes of a heatmap cell: the public reads those marked PUBLIC, a signed-in
    /// partner all of them; both counts equal plain SQL.
    the_quotes_page_shows_each_role_its_share,
    |app: App| async move {
        let count = |public_only: bool| {
            let app = app.clone();
            async move {
                let rows = sql_rows(
                    &app,
                    &format!(
                        "SELECT COUNT(*) AS n FROM finding f JOIN interview i ON i.id = f.interview_id
                         JOIN region g ON g.id = i.region_id
                         WHERE g.country_code = 'PT' AND f.theme_code = 'CREDIBILITY'{}",
                        if public_only { " AND f.visibility = 'PUBLIC'" } else { "" }
                    ),
                )
                .await;
                rows[0].try_get::<i64>("", "n").expect("n")
            }
        };
        let (public, all) = (count(true).await, count(false).await);
        assert!(0 < public && public < all, "{public} of {all}");
        let url = format!("{}/interviews?theme=CREDIBILITY&quotes=PT", app.url);
        let html = app.client.get(&url).send().await.expect("a page").text().await.expect("html");
        assert!(html.contains(&format!("Portugal ({public})")), "{html}");
        assert_eq!(html.matches("<blockquote>").count() as i64, public.min(100));
        let (_, name) = app.token_for(Role::Partner, None).await;
        let session = sign_in(&app, &name).await;
        let html = browser().get(&url).header("cookie", session).send().await.expect("a page").text().await.expect("html");
        assert!(html.contains(&format!("Portugal ({all})")), "{html}");
        assert_eq!(html.matches("<blockquote>").count() as i64, all.min(100));
    }
);

/// The files of a ZIP archive: name and bytes.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a file");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("readable");
            (file.name().expect("a file name").into_owned(), content)
        })
        .collect()
}

fn csv_rows(files: &[(String, Vec<u8>)], name: &str) -> (Vec<String>, usize) {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in the archive"));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    (header, reader.records().count())
}

on_both!(
    /// A researcher downloads the tables as one ZIP archive (also signed in, without a
    /// token); its row counts equal plain SQL, free text only when asked for, and each
    /// download is one audit row with the number of people.
    a_researcher_downloads_the_data_over_http,
    |app: App| async move {
        let (token, name) = app.token_for(Role::Researcher, None).await;
        let researcher = app.with_token(&token);
        let response = researcher.client.get(format!("{}/export/data?format=datapackage", app.url)).send().await.expect("an answer");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/zip");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let files = unzip(&response.bytes().await.expect("bytes"));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"datapackage.json") && names.contains(&"organizations.csv"), "{names:?}");
        let count = |sql: &'static str| {
            let app = app.clone();
            async move { sql_rows(&app, sql).await[0].try_get::<i64>("", "n").expect("n") as usize }
        };
        let people = count("SELECT COUNT(*) AS n FROM respondent").await;
        let (_, respondents) = csv_rows(&files, "respondent.csv");
        assert_eq!(respondents, people);
        let (header, answers) = csv_rows(&files, "answer.csv");
        assert!(!header.iter().any(|h| h == "text"), "no free text unless asked: {header:?}");
        assert_eq!(answers, count("SELECT COUNT(*) AS n FROM answer WHERE value IS NOT NULL OR choices IS NOT NULL").await);

        // Signed in, with free text.
        let session = sign_in(&app, &name).await;
        let response = browser().get(format!("{}/export/data?format=csv&free_text=true", app.url)).header("cookie", session).send().await.expect("an answer");
        assert_eq!(response.status(), 200);
        let files = unzip(&response.bytes().await.expect("bytes"));
        assert!(!files.iter().any(|(n, _)| n == "datapackage.json"));
        let (header, answers) = csv_rows(&files, "answer.csv");
        assert!(header.iter().any(|h| h == "text"), "{header:?}");
        assert_eq!(answers, count("SELECT COUNT(*) AS n FROM answer").await);

        let rows = sql_rows(&app, "SELECT account_name, details FROM audit_event WHERE action = 'export.data' ORDER BY id").await;
        assert_eq!(rows.len(), 2, "one audit row per download");
        for (row, free_text) in rows.iter().zip([false, true]) {
            assert_eq!(row.try_get::<String>("", "account_name").expect("name"), name);
            let details: Value = serde_json::from_str(&row.try_get::<String>("", "details").expect("details")).expect("JSON");
            assert_eq!(details["people"].as_u64(), Some(people as u64), "{details}");
            assert_eq!(details["free_text"], free_text);
        }

        // Bad parameters are named, and leave no audit row.
        for (query, named) in [("format=xlsx", "format"), ("free_text=maybe", "free_text"), ("formt=csv", "formt")] {
            let response = researcher.client.get(format!("{}/export/data?{query}", app.url)).send().await.expect("an answer");
            assert_eq!(response.status(), 400, "{query}");
            let body = response.text().await.expect("text");
            assert!(body.contains(named), "{query}: {body}");
        }
        assert_eq!(count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'export.data'").await, 2);
    }
);
