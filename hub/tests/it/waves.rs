//! The survey waves and the municipalities on the dashboard: the wave-change chart's
//! numbers and the registry's municipality table against plain SQL, and the Themes page
//! with one wave and with two.

use crate::{
    dashboard::text,
    helpers::{App, on_both, sql_rows, wave_summaries},
};

on_both!(
    /// The wave-change CSV holds the demo's change from 2025 to 2026 as plain SQL gives
    /// it; the Themes page draws the chart with its text alternative and a download link
    /// that names the waves.
    the_wave_change_chart_equals_plain_sql,
    |app: App| async move {
        let (status, csv) = text(&app, "/charts/wave-change.csv").await;
        assert_eq!(status, 200, "{csv}");
        assert!(csv.contains("# filter: from=YC-2025") && csv.contains("# filter: to=YC-2026"), "{csv}");
        let waves = wave_summaries(&app).await;
        let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
        let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
        let mut compared = 0;
        for line in lines {
            let cells: Vec<&str> = line.split(',').collect();
            let key = |survey: &str| (survey.to_owned(), cells[column("country")].to_owned(), cells[column("theme")].to_owned());
            let (n1, m1, _) = waves[&key("YC-2025")];
            let (n2, m2, _) = waves[&key("YC-2026")];
            assert_eq!(cells[column("from_n")], n1.to_string(), "{line}");
            assert_eq!(cells[column("to_n")], n2.to_string(), "{line}");
            let change: f64 = cells[column("change")].parse().expect("a change");
            assert!((change - (m2 - m1)).abs() < 1e-9, "{line}: {change} vs {}", m2 - m1);
            compared += 1;
        }
        assert_eq!(compared, 20, "5 countries x 4 themes");

        let (status, html) = text(&app, "/themes?lang=sv").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"wave-change\""), "{html}");
        assert!(html.contains("Förändring mellan enkätomgångar, per tema"), "the title in Swedish");
        assert!(html.contains("Förändring av temats medelvärde från enkät YC-2025 till enkät YC-2026"), "a text alternative in Swedish");
        assert!(html.contains("/charts/wave-change.csv?from=YC-2025&amp;to=YC-2026"), "{html}");
        let (status, _) = text(&app, "/charts/wave-change.png?from=YC-2026&to=YC-2025").await;
        assert_eq!(status, 200, "backwards is a change too");
        let (status, body) = text(&app, "/charts/wave-change.svg?from=YC-2024").await;
        assert_eq!(status, 400);
        assert!(body.contains("from") && body.contains("YC-2025, YC-2026"), "{body}");
    }
);

on_both!(
    /// With one wave left the Themes page has no wave-change chart, and asking for it
    /// says why.
    one_wave_has_no_wave_change,
    |app: App| async move {
        let conn = sea_orm::Database::connect(&app.database_url).await.expect("a second connection");
        sea_orm::ConnectionTrait::execute_unprepared(
            &conn,
            "DELETE FROM answer WHERE respondent_id IN (SELECT r.id FROM respondent r JOIN survey s ON s.id = r.survey_id WHERE s.code = 'YC-2025')",
        )
        .await
        .expect("delete");
        hub::service::version::bump(&conn).await.expect("bump");
        conn.close().await.ok();
        crate::helpers::frames_caught_up(&app).await;
        let (status, html) = text(&app, "/themes").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"role-gap\"") && !html.contains("id=\"wave-change\""), "{html}");
        let (status, body) = text(&app, "/charts/wave-change.svg").await;
        assert_eq!(status, 400);
        assert!(body.contains("needs two survey waves") && body.contains("has 1: YC-2026"), "{body}");
    }
);

on_both!(
    /// A country's registry page lists its municipalities with the figures SQL gives:
    /// active organisations, per 10,000 inhabitants (where a population is known), the
    /// closure rate and the share checked in the last 12 months.
    the_registry_page_lists_a_countrys_municipalities,
    |app: App| async move {
        // No Dalarna kommun has a sourced population in the reference file; give Falun one.
        let conn = sea_orm::Database::connect(&app.database_url).await.expect("a second connection");
        sea_orm::ConnectionTrait::execute_unprepared(&conn, "UPDATE municipality SET population = 59000 WHERE code = 'SE-2080'")
            .await
            .expect("update");
        hub::service::version::bump(&conn).await.expect("bump");
        conn.close().await.ok();
        crate::helpers::frames_caught_up(&app).await;
        let (status, html) = text(&app, "/registry?country=SE").await;
        assert_eq!(status, 200);
        let today = chrono::Utc::now().date_naive();
        let cutoff = today - chrono::Days::new(365);
        let rows = sql_rows(
            &app,
            &format!(
                "SELECT m.name AS name, m.population AS population,
                    SUM(CASE WHEN o.status = 'ACTIVE' THEN 1 ELSE 0 END) AS active,
                    SUM(CASE WHEN o.status = 'CLOSED' THEN 1 ELSE 0 END) AS closed, COUNT(*) AS n,
                    SUM(CASE WHEN o.status <> 'CLOSED' AND o.last_verified >= '{cutoff}'
                             AND o.last_verified <= '{today}' THEN 1 ELSE 0 END) AS verified
                 FROM organisation o JOIN municipality m ON m.id = o.municipality_id
                 JOIN region g ON g.id = o.region_id WHERE g.country_code = 'SE'
                 GROUP BY m.name, m.population"
            ),
        )
        .await;
        let mut per_10k_checked = 0;
        assert_eq!(rows.len(), 15, "Dalarna's 15 kommuner");
        let table = html.split("<caption>Municipalities</caption>").nth(1).expect("a municipality table");
        for row in &rows {
            let name: String = row.try_get("", "name").expect("name");
            let active: i64 = row.try_get("", "active").expect("active");
            let closed: i64 = row.try_get("", "closed").expect("closed");
            let n: i64 = row.try_get("", "n").expect("n");
            let cells: Vec<String> = table
                .split(&format!("<th scope=\"row\">{name}</th>"))
                .nth(1)
                .unwrap_or_else(|| panic!("a row for {name}"))
                .split("</tr>")
                .next()
                .unwrap_or_default()
                .split("<td class=\"num\">")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap_or_default().to_owned())
                .collect();
            assert_eq!(cells[1], active.to_string(), "{name}: {cells:?}");
            if let Ok(Some(population)) = row.try_get::<Option<i64>>("", "population") {
                let per_10k = active as f64 * 10_000.0 / population as f64;
                assert_eq!(cells[0], "59\u{202f}000", "{name}");
                assert_eq!(cells[2], format!("{per_10k:.1}"), "{name}");
                per_10k_checked += 1;
            } else {
                assert_eq!((cells[0].as_str(), cells[2].as_str()), ("", ""), "{name}: unknown, not invented");
            }
            let rate = closed as f64 / n as f64 * 100.0;
            assert_eq!(cells[3], format!("{rate:.0}\u{a0}%"), "{name}");
            let verified: i64 = row.try_get("", "verified").expect("verified");
            let share = verified as f64 / (n - closed) as f64 * 100.0;
            assert_eq!(cells[4], format!("{share:.0}\u{a0}%"), "{name}");
        }
        assert_eq!(per_10k_checked, 1, "Falun");
        let (_, all) = text(&app, "/registry").await;
        assert!(!all.contains("<caption>Municipalities</caption>"), "only for one country");
    }
);
