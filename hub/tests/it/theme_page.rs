//! `/themes/{CODE}`: a theme's numbers and the voices behind them. Its Likert charts
//! are its questions, its sub-code table and each country's mean score equal plain SQL,
//! and the quotes beside a country are of that theme and country and only those the
//! viewer may read.
#![expect(
    clippy::expect_used,
    reason = "the reading of answers fails loudly, with the reason"
)]

use hub::access::Role;

use crate::{
    access::browser,
    access_routes::sign_in,
    dashboard::text,
    helpers::{App, on_both, sql_rows},
};

const THEME: &str = "PROCESSES_BUREAUCRACY";

fn int(r: &sea_orm::QueryResult, column: &str) -> i64 {
    r.try_get::<i64>("", column)
        .or_else(|_| r.try_get::<i32>("", column).map(i64::from))
        .expect(column)
}

/// The cells of the table row headed `name`.
fn row_cells(html: &str, name: &str) -> Vec<String> {
    let row = html
        .split(&format!("<th scope=\"row\">{name}</th>"))
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_else(|| panic!("a row for {name}"));
    row.split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap_or_default().to_owned())
        .collect()
}

/// The quotes shown in the block of `country`.
fn quotes_of(html: &str, country_name: &str) -> Vec<String> {
    let block = html
        .split(&format!(">{country_name}</h4>"))
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the country's block");
    block
        .split("<blockquote><p lang=\"")
        .skip(1)
        .filter_map(|q| q.split_once("\">“").map(|(_, rest)| rest))
        .filter_map(|q| q.split("”</p>").next())
        .map(|q| q.replace("&quot;", "\"").replace("&amp;", "&"))
        .collect()
}

on_both!(
    /// The page of PROCESSES_BUREAUCRACY for the public and for a partner.
    a_theme_page_puts_its_numbers_beside_its_voices,
    |app: App| async move {
        let (status, html) = text(&app, &format!("/themes/{THEME}")).await;
        assert_eq!(status, 200, "{html}");
        for id in ["id=\"theme-scores\"", "id=\"role-gap\""] {
            assert!(html.contains(id), "{id}");
        }
        let questions = sql_rows(
            &app,
            &format!("SELECT DISTINCT code FROM question WHERE theme_code = '{THEME}' AND kind = 'LIKERT' ORDER BY code"),
        )
        .await;
        assert!(!questions.is_empty());
        for q in &questions {
            let code: String = q.try_get("", "code").expect("a code");
            assert!(html.contains(&format!("id=\"likert-{code}\"")), "the question {code} is drawn");
        }
        assert_eq!(html.matches("<figure class=\"chart\" id=\"likert-").count(), questions.len(), "only its questions");

        // Sub-codes by country: the theme's findings there, as SQL counts them.
        let countries = ["SE", "LV", "LT", "PT", "CY"];
        let subs = sql_rows(&app, &format!("SELECT code, CAST(name AS TEXT) AS name FROM sub_code WHERE theme_code = '{THEME}'")).await;
        for s in &subs {
            let code: String = s.try_get("", "code").expect("a code");
            let names: serde_json::Value = serde_json::from_str(&s.try_get::<String>("", "name").expect("names")).expect("JSON");
            let name = names["en"].as_str().expect("an English name").replace('&', "&amp;");
            let cells = row_cells(&html, &name);
            assert_eq!(cells.len(), countries.len());
            for (cell, country) in cells.iter().zip(countries) {
                let counted = |sub: Option<&str>| {
                    let app = app.clone();
                    let sub = sub.map(|s| format!(" AND f.sub_code = '{s}'")).unwrap_or_default();
                    async move {
                        int(&sql_rows(&app, &format!(
                            "SELECT COUNT(*) AS n FROM finding f JOIN interview i ON i.id = f.interview_id \
                             JOIN region g ON g.id = i.region_id WHERE f.theme_code = '{THEME}' AND g.country_code = '{country}'{sub}"
                        )).await[0], "n")
                    }
                };
                let (n, all) = (counted(Some(&code)).await, counted(None).await);
                let expected = if all > 0 { format!("{n} ({:.0} %)", 100.0 * n as f64 / all as f64) } else { n.to_string() };
                assert_eq!(cell, &expected, "{code} in {country}");
            }
        }

        // Each country's mean score: officials and organisations, each person's mean of
        // the theme's Likert answers.
        let means = sql_rows(&app, &format!(
            "SELECT country, COUNT(*) AS n, AVG(score) AS mean FROM (
                SELECT r.id, g.country_code AS country, AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a JOIN respondent r ON r.id = a.respondent_id JOIN region g ON g.id = r.region_id
                JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND q.theme_code = '{THEME}' AND a.value IS NOT NULL
                  AND r.role IN ('MUNICIPAL_OFFICIAL', 'ORGANISATION_REPRESENTATIVE')
                GROUP BY r.id, g.country_code) per_person GROUP BY country"
        )).await;
        assert_eq!(means.len(), 5);
        for m in &means {
            let mean: f64 = m.try_get("", "mean").expect("a mean");
            let shown = format!("<strong>{mean:.2}</strong>");
            let n = format!("n = {})", int(m, "n"));
            assert!(html.contains(&shown) && html.contains(&n), "{shown} {n}");
        }

        // The quotes: of this theme and country, public ones for the public.
        let check = |html: String, public_only: bool| {
            let app = app.clone();
            async move {
                let mut seen = 0;
                for (country, name) in [("SE", "Sweden"), ("LV", "Latvia"), ("LT", "Lithuania"), ("PT", "Portugal"), ("CY", "Cyprus")] {
                    for quote in quotes_of(&html, name) {
                        let found = sql_rows(&app, &format!(
                            "SELECT f.theme_code AS theme, g.country_code AS country, f.visibility AS visibility \
                             FROM finding f JOIN interview i ON i.id = f.interview_id JOIN region g ON g.id = i.region_id \
                             WHERE f.quote = '{}'", quote.replace('\'', "''")
                        )).await;
                        assert!(!found.is_empty(), "{quote:?} is a stored quote");
                        let ok = found.iter().any(|r| {
                            r.try_get::<String>("", "theme").ok().as_deref() == Some(THEME)
                                && r.try_get::<String>("", "country").ok().as_deref() == Some(country)
                                && (!public_only || r.try_get::<String>("", "visibility").ok().as_deref() == Some("PUBLIC"))
                        });
                        assert!(ok, "{quote:?} belongs beside {country} (public only: {public_only})");
                        seen += 1;
                    }
                }
                seen
            }
        };
        let public_seen = check(html, true).await;
        assert!(public_seen > 0, "the public sees some quotes");
        let (_, partner) = app.token_for(Role::Partner, None).await;
        let session = sign_in(&app, &partner).await;
        let signed_in = browser().get(format!("{}/themes/{THEME}", app.url)).header("cookie", session).send().await.expect("the page").text().await.expect("html");
        assert!(check(signed_in, false).await >= public_seen);

        let (status, _) = text(&app, "/themes/NOT_A_THEME").await;
        assert_eq!(status, 404);
        let (status, body) = text(&app, &format!("/charts/theme-scores.csv?theme={THEME}")).await;
        assert_eq!(status, 200);
        assert!(body.lines().filter(|l| !l.starts_with('#')).skip(1).all(|l| l.starts_with(THEME)), "{body}");
        let (status, body) = text(&app, "/charts/role-gap.svg?theme=NOPE").await;
        assert_eq!(status, 400);
        assert!(body.contains("CREDIBILITY"), "{body}");
    }
);
