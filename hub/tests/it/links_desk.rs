//! The editor's desk at `/reviews`: the button that makes a region's private links
//! (the same mail-merge file as `hub registry links`), refused for another region or a
//! forged form, and the table of links sent, opened and answered and the share checked
//! in the last 12 months, each checked against SQL.
#![expect(
    clippy::expect_used,
    reason = "the set-up and the reading of answers fail loudly, with the reason"
)]

use hub::access::Role;

use crate::{
    access::{browser, csrf_in},
    access_routes::sign_in,
    helpers::{App, on_both, sql_rows},
};

async fn number(app: &App, sql: &str) -> i64 {
    let row = &sql_rows(app, sql).await[0];
    (row.try_get::<i64>("", "n"))
        .or_else(|_| row.try_get::<i32>("", "n").map(i64::from))
        .expect("a number")
}

const TALSI: &str = "(SELECT id FROM region WHERE code = 'LV-TALSI')";

/// The cells of the desk table's row for `region`.
fn row_of(html: &str, region: &str) -> Vec<String> {
    let row = html
        .split(&format!("<th scope=\"row\">{region}</th>"))
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("a row for the region");
    row.split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap_or_default().to_owned())
        .collect()
}

on_both!(
    /// Links made with the button: one per organisation not closed, in a CSV file;
    /// counted on the desk as SQL counts them.
    an_editor_makes_links_on_the_desk,
    |app: App| async move {
        let (_, editor) = app.token_for(Role::Editor, Some("LV-TALSI")).await;
        let session = sign_in(&app, &editor).await;
        let client = browser();
        let desk = client.get(format!("{}/reviews", app.url)).header("cookie", session.clone()).send().await.expect("the desk");
        assert_eq!(desk.status(), 200);
        let html = desk.text().await.expect("html");
        assert!(html.contains("<label for=\"links-region\">") && html.contains("<label for=\"links-days\">"), "labelled");
        assert!(html.contains("<option value=\"LV-TALSI\">") && !html.contains("<option value=\"PT-BRAGA\">"), "the editor's regions only");
        let csrf = csrf_in(&html);
        let post = |fields: Vec<(&'static str, String)>| {
            client.post(format!("{}/registry-links", app.url)).header("cookie", session.clone()).form(&fields).send()
        };
        let open = number(&app, &format!("SELECT COUNT(*) AS n FROM organisation WHERE region_id = {TALSI} AND status <> 'CLOSED'")).await;

        assert_eq!(post(vec![("csrf", "forged".into()), ("region", "LV-TALSI".into()), ("days", "30".into())]).await.expect("an answer").status(), 403);
        assert_eq!(post(vec![("csrf", csrf.clone()), ("region", "PT-BRAGA".into()), ("days", "30".into())]).await.expect("an answer").status(), 403);
        assert_eq!(post(vec![("csrf", csrf.clone()), ("region", "LV-TALSI".into()), ("days", "0".into())]).await.expect("an answer").status(), 400);
        assert_eq!(number(&app, "SELECT COUNT(*) AS n FROM registry_link").await, 0, "nothing made");

        let made = post(vec![("csrf", csrf.clone()), ("region", "LV-TALSI".into()), ("days", "30".into())]).await.expect("an answer");
        assert_eq!(made.status(), 200);
        assert!(made.headers().get("content-disposition").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("attachment; filename=\"links-LV-TALSI-")));
        let file = made.text().await.expect("a CSV");
        let mut reader = csv::Reader::from_reader(file.as_bytes());
        assert_eq!(reader.headers().expect("a header").iter().collect::<Vec<_>>(), ["organisation_id", "external_id", "name", "website", "link", "expires_at"]);
        let links: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(links.len() as i64, open);
        let host = app.url.trim_start_matches("http://");
        assert!(links.iter().all(|l| l[4].starts_with(&format!("http://{host}/r/"))), "links to this hub");
        assert_eq!(number(&app, "SELECT COUNT(*) AS n FROM registry_link").await, open);
        let days = number(&app, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'registry_link.create' AND object_id = 'LV-TALSI'").await;
        assert_eq!(days, 1);

        // One link opened: the desk counts it as SQL does; the share checked as SQL has it.
        let opened = client.get(&links[0][4]).send().await.expect("the link page");
        assert_eq!(opened.status(), 200);
        let html = client.get(format!("{}/reviews", app.url)).header("cookie", session.clone()).send().await.expect("the desk").text().await.expect("html");
        let cells = row_of(&html, "LV-TALSI");
        let checked = number(&app, &format!(
            "SELECT COUNT(*) AS n FROM organisation WHERE region_id = {TALSI} AND status <> 'CLOSED' AND last_verified IS NOT NULL AND last_verified >= '{}' AND last_verified <= '{}'",
            (chrono::Utc::now().date_naive() - chrono::Duration::days(365)).format("%Y-%m-%d"),
            chrono::Utc::now().date_naive().format("%Y-%m-%d"),
        )).await;
        let percent = format!("{:.0} %", 100.0 * checked as f64 / open as f64);
        assert_eq!(cells, [open.to_string(), percent, open.to_string(), "1".into(), "0".into()], "{html}");
        assert_eq!(number(&app, "SELECT COUNT(*) AS n FROM registry_link WHERE opened_at IS NOT NULL").await, 1);
    }
);

/// The freshness chart's CSV as (area, [organisations, verified, linked, opened,
/// answered]) rows, and each share as drawn.
async fn freshness_csv(app: &App, query: &str) -> Vec<(String, [i64; 5], [Option<f64>; 4])> {
    let response = app
        .client
        .get(format!("{}/charts/freshness.csv{query}", app.url))
        .send()
        .await
        .expect("the chart");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("a CSV");
    let data: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            let int = |i: usize| r[i].parse::<i64>().expect("a count");
            let share = |i: usize| r[i].parse::<f64>().ok();
            (
                r[0].to_owned(),
                [int(1), int(2), int(4), int(6), int(8)],
                [share(3), share(5), share(7), share(9)],
            )
        })
        .collect()
}

/// The same per region (or per municipality of `country`) in plain SQL.
async fn freshness_sql(app: &App, country: Option<&str>) -> Vec<(String, [i64; 5])> {
    let today = chrono::Utc::now().date_naive();
    let cutoff = today - chrono::Duration::days(365);
    let has = |condition: &str| {
        format!(
            "SUM(CASE WHEN EXISTS (SELECT 1 FROM registry_link l WHERE l.organisation_id = o.id{condition}) THEN 1 ELSE 0 END)"
        )
    };
    let (area, filter) = match country {
        Some(c) => (
            "COALESCE(m.code, '')",
            format!("AND g.country_code = '{c}'"),
        ),
        None => ("g.code", String::new()),
    };
    let sql = format!(
        "SELECT {area} AS area, COUNT(*) AS organisations, \
         SUM(CASE WHEN o.last_verified >= '{cutoff}' AND o.last_verified <= '{today}' THEN 1 ELSE 0 END) AS verified, \
         {} AS linked, {} AS opened, {} AS answered \
         FROM organisation o JOIN region g ON g.id = o.region_id LEFT JOIN municipality m ON m.id = o.municipality_id \
         WHERE o.status <> 'CLOSED' {filter} GROUP BY {area} ORDER BY {area}",
        has(""),
        has(" AND l.opened_at IS NOT NULL"),
        has(" AND l.answered_at IS NOT NULL"),
    );
    sql_rows(app, &sql)
        .await
        .iter()
        .map(|r| {
            let n = |c: &str| {
                r.try_get::<i64>("", c)
                    .or_else(|_| r.try_get::<i32>("", c).map(i64::from))
                    .expect("a count")
            };
            (
                r.try_get::<String>("", "area").expect("an area"),
                [
                    n("organisations"),
                    n("verified"),
                    n("linked"),
                    n("opened"),
                    n("answered"),
                ],
            )
        })
        .collect()
}

on_both!(
    /// The freshness chart per region and per municipality equals plain SQL once links
    /// are made, one is opened and one answered; each share is its count over the
    /// organisations not closed.
    the_freshness_chart_equals_plain_sql,
    |app: App| async move {
        let (db, _) = hub::db::connect(&app.database).await.expect("the database");
        let made = hub::service::links::create(&db, &hub::access::accounts::operator(), "LV-TALSI", chrono::Duration::days(5))
            .await
            .expect("links");
        db.close().await.ok();
        let opened = app.client.get(format!("{}/r/{}", app.url, made[0].secret)).send().await.expect("a page");
        assert_eq!(opened.status(), 200);
        let answered = app.client.post(format!("{}/r/{}", app.url, made[1].secret)).form(&[("action", "confirm")]).send().await.expect("an answer");
        assert_eq!(answered.status(), 200);

        for (query, country) in [("", None), ("?country=LV", Some("LV"))] {
            let mut drawn = freshness_csv(&app, query).await;
            drawn.sort_by(|a, b| a.0.cmp(&b.0));
            let expected = freshness_sql(&app, country).await;
            let counts: Vec<(String, [i64; 5])> = drawn.iter().map(|(a, c, _)| (a.clone(), *c)).collect();
            assert_eq!(counts, expected, "{query}");
            for (_, c, shares) in &drawn {
                for (share, count) in shares.iter().zip(&c[1..]) {
                    let want = *count as f64 / c[0] as f64;
                    assert!(share.is_some_and(|s| (s - want).abs() < 1e-9), "{share:?} against {want}");
                }
            }
        }
        let talsi = freshness_sql(&app, None).await.into_iter().find(|(a, _)| a == "LV-TALSI").expect("Talsi");
        assert_eq!(talsi.1[2..], [made.len() as i64, 2, 1], "every open one sent, two opened (the answer opened it), one answered");
        let page = app.client.get(format!("{}/registry", app.url)).send().await.expect("the page").text().await.expect("html");
        assert!(page.contains("id=\"freshness\""), "the Registry page shows the chart");
    }
);
