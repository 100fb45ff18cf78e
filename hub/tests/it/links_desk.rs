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
