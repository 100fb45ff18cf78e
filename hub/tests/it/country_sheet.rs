//! `/countries/{CC}` and `hub export sheet`: a country's sheet, its numbers equal to
//! plain SQL (respondents, the registry, findings, the most frequent sub-codes), its
//! quotes public and of their sub-code and country, and the exported file whole
//! (charts inline, no download links) in the language asked for.
#![expect(
    clippy::expect_used,
    reason = "the reading of answers fails loudly, with the reason"
)]

use crate::{
    dashboard::text,
    helpers::{App, on_both, sql_rows},
};

fn int(r: &sea_orm::QueryResult, column: &str) -> i64 {
    r.try_get::<i64>("", column)
        .or_else(|_| r.try_get::<i32>("", column).map(i64::from))
        .expect(column)
}

const COUNTRY: &str = "LV";

on_both!(
    /// Latvia's sheet against SQL.
    a_country_sheet_shows_what_sql_counts,
    |app: App| async move {
        let (status, html) = text(&app, &format!("/countries/{COUNTRY}")).await;
        assert_eq!(status, 200, "{html}");
        let scalar = |sql: String| {
            let app = app.clone();
            async move { int(&sql_rows(&app, &sql).await[0], "n") }
        };
        let in_country = format!("region_id IN (SELECT id FROM region WHERE country_code = '{COUNTRY}')");
        let respondents = scalar(format!("SELECT COUNT(*) AS n FROM respondent WHERE {in_country}")).await;
        assert!(html.contains(&format!("Survey respondents: <strong>{respondents}</strong>")), "respondents {respondents}");
        let organisations = scalar(format!("SELECT COUNT(*) AS n FROM organisation WHERE {in_country}")).await;
        let active = scalar(format!("SELECT COUNT(*) AS n FROM organisation WHERE {in_country} AND status = 'ACTIVE'")).await;
        let closed = scalar(format!("SELECT COUNT(*) AS n FROM organisation WHERE {in_country} AND status = 'CLOSED'")).await;
        assert!(
            html.contains(&format!(
                "Organisations: <strong>{organisations}</strong> · Active: <strong>{active}</strong> · Closed: <strong>{closed}</strong>"
            )),
            "registry {organisations}/{active}/{closed}"
        );
        let findings = scalar(format!(
            "SELECT COUNT(*) AS n FROM finding WHERE interview_id IN (SELECT id FROM interview WHERE {in_country})"
        ))
        .await;
        assert!(html.contains(&format!("Interview findings: <strong>{findings}</strong>")), "findings {findings}");
        let top = sql_rows(
            &app,
            &format!(
                "SELECT f.sub_code AS code, COUNT(*) AS n FROM finding f
                 WHERE f.sub_code IS NOT NULL AND f.interview_id IN (SELECT id FROM interview WHERE {in_country})
                 GROUP BY f.sub_code ORDER BY n DESC, code LIMIT 5"
            ),
        )
        .await;
        assert!(!top.is_empty());
        let codebook = app.data("{ themes { subCodes { code name } } }").await;
        let names: std::collections::HashMap<String, String> = (codebook["themes"].as_array().expect("themes").iter())
            .flat_map(|t| t["subCodes"].as_array().cloned().unwrap_or_default())
            .map(|s| (s["code"].as_str().expect("a code").to_owned(), s["name"].as_str().expect("a name").to_owned()))
            .collect();
        let mut at = 0;
        for row in &top {
            let code: String = row.try_get("", "code").expect("a code");
            let n = int(row, "n");
            let name = names.get(&code).cloned().unwrap_or_else(|| code.clone());
            let line = format!("<strong>{name}</strong> (");
            let found = html[at..].find(&line).unwrap_or_else(|| panic!("{code} ({name}) after the one before"));
            at += found;
            let rest = &html[at..];
            let count = rest.split("): ").nth(1).and_then(|r| r.split(' ').next()).expect("a count");
            assert_eq!(count, n.to_string(), "{code}");
            // Its quote, if any, is a public finding of this sub-code in the country.
            let card = rest.split("</div>").next().unwrap_or_default();
            if let Some(quote) = card.split("“").nth(1).and_then(|q| q.split("”").next()) {
                let quote = quote.replace("&quot;", "\"").replace("&amp;", "&").replace("'", "''");
                let matching = scalar(format!(
                    "SELECT COUNT(*) AS n FROM finding WHERE quote = '{quote}' AND sub_code = '{code}'
                     AND visibility = 'PUBLIC' AND interview_id IN (SELECT id FROM interview WHERE {in_country})"
                ))
                .await;
                assert!(matching >= 1, "the quote beside {code} is public, of it and of {COUNTRY}");
            }
        }
        let collaborations = scalar(format!("SELECT COUNT(*) AS n FROM collaboration WHERE {in_country}")).await;
        let listed = html
            .split("id=\"collaborations\"")
            .nth(1)
            .map_or(0, |s| s.split("</section>").next().unwrap_or_default().matches("<li>").count());
        assert_eq!(listed as i64, collaborations);
        assert!(html.contains("<svg"), "charts inline");
        assert!(html.contains("@media print"), "print styles");

        let (status, body) = text(&app, "/countries/XX").await;
        assert_eq!(status, 404, "{body}");
        assert!(body.contains("CY") && body.contains("SE"), "the valid countries: {body}");
    }
);

on_both!(
    /// `hub export sheet LV --lang lv` writes one file with its charts inline and no
    /// link back to the hub's downloads.
    hub_export_sheet_writes_an_offline_page,
    |app: App| async move {
        let dir = tempfile::tempdir().expect("a folder");
        let out = dir.path().join("latvia.html");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
            .env_remove("HUB_DATABASE_URL")
            .args(["export", "sheet", COUNTRY, "--lang", "lv", "--database-url", &app.database_url])
            .arg("--out")
            .arg(&out)
            .output()
            .expect("hub runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let html = std::fs::read_to_string(&out).expect("the sheet");
        assert!(html.contains("<html lang=\"lv\">"));
        assert!(html.matches("<svg").count() >= 3, "three charts inline");
        assert!(!html.contains("/charts/"), "no download links");
        let (_, page) = text(&app, &format!("/countries/{COUNTRY}?lang=lv")).await;
        let facts = |h: &str| h.split("id=\"facts\"").nth(1).and_then(|s| s.split("</section>").next()).map(str::to_owned);
        assert_eq!(facts(&html), facts(&page), "the same facts as the page");
    }
);
