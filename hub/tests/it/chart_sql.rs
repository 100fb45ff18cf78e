//! The charts whose CSVs the other files do not check, against plain SQL from the raw
//! rows: the role gap (each person's theme score, then per country and role), the
//! registry by country, a multiple-choice question's shares and the themes coded in
//! the same interview.
#![expect(
    clippy::expect_used,
    reason = "the reading of answers fails loudly, with the reason"
)]

use std::collections::HashMap;

use crate::{
    dashboard::text,
    helpers::{App, on_both, sql_rows},
};

/// The data lines of a chart CSV, as maps from column to cell.
async fn chart_rows(app: &App, path: &str) -> Vec<HashMap<String, String>> {
    let (status, csv) = text(app, path).await;
    assert_eq!(status, 200, "{path}: {csv}");
    let data: String = (csv.lines())
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn number(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} is a number in {row:?}"))
}

fn int(r: &sea_orm::QueryResult, column: &str) -> i64 {
    r.try_get::<i64>("", column)
        .or_else(|_| r.try_get::<i32>("", column).map(i64::from))
        .or_else(|_| r.try_get::<i16>("", column).map(i64::from))
        .expect(column)
}

on_both!(
    /// The role gap: per theme and country, the officials' and the organisations' mean
    /// theme score (each person's mean over the theme's Likert items) and the gap, as
    /// SQL gives them; the interval is centred on the gap and about two Welch standard
    /// errors wide on each side.
    the_role_gap_csv_equals_plain_sql,
    |app: App| async move {
        let rows = sql_rows(
            &app,
            "SELECT country, role, theme, COUNT(*) AS n, AVG(score) AS mean, SUM(score * score) AS squares FROM (
                SELECT r.id, g.country_code AS country, r.role AS role, q.theme_code AS theme,
                       AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a JOIN respondent r ON r.id = a.respondent_id
                JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
                GROUP BY r.id, g.country_code, r.role, q.theme_code) per_person
             GROUP BY country, role, theme",
        )
        .await;
        let sql: HashMap<(String, String, String), (f64, f64, f64)> = rows
            .iter()
            .map(|r| {
                let n = int(r, "n") as f64;
                let mean: f64 = r.try_get("", "mean").expect("a mean");
                let squares: f64 = r.try_get("", "squares").expect("squares");
                let key = (
                    r.try_get("", "country").expect("a country"),
                    r.try_get("", "role").expect("a role"),
                    r.try_get("", "theme").expect("a theme"),
                );
                (key, (n, mean, (squares - n * mean * mean) / (n - 1.0)))
            })
            .collect();
        let drawn = chart_rows(&app, "/charts/role-gap.csv").await;
        assert_eq!(drawn.len(), 20, "5 countries x 4 themes");
        for row in &drawn {
            assert_eq!(row["suppressed"], "false", "{row:?}");
            let side = |role: &str| sql[&(row["country"].clone(), role.to_owned(), row["theme"].clone())];
            let (n1, m1, v1) = side("MUNICIPAL_OFFICIAL");
            let (n2, m2, v2) = side("ORGANISATION_REPRESENTATIVE");
            assert_eq!(number(row, "officials_n"), n1, "{row:?}");
            assert_eq!(number(row, "organisations_n"), n2, "{row:?}");
            assert!((number(row, "officials_mean") - m1).abs() < 1e-9, "{row:?}");
            assert!((number(row, "organisations_mean") - m2).abs() < 1e-9, "{row:?}");
            let gap = number(row, "gap");
            assert!((gap - (m1 - m2)).abs() < 1e-9, "{row:?}");
            let (low, high) = (number(row, "ci_low"), number(row, "ci_high"));
            assert!(((high - gap) - (gap - low)).abs() < 1e-9, "centred: {row:?}");
            let se = (v1 / n1 + v2 / n2).sqrt();
            let t = (high - gap) / se;
            assert!((1.95..2.3).contains(&t), "a Welch t quantile, not {t}: {row:?}");
        }
    }
);

on_both!(
    /// The registry by country: population, organisations, active, closed, active per
    /// 10,000 inhabitants and the closure rate, as SQL counts them.
    the_registry_csv_equals_plain_sql,
    |app: App| async move {
        let rows = sql_rows(
            &app,
            "SELECT g.country_code AS country, COUNT(*) AS organisations,
                    SUM(CASE WHEN o.status = 'ACTIVE' THEN 1 ELSE 0 END) AS active,
                    SUM(CASE WHEN o.status = 'CLOSED' THEN 1 ELSE 0 END) AS closed,
                    CAST((SELECT SUM(p.population) FROM region p WHERE p.country_code = g.country_code) AS BIGINT) AS population
             FROM organisation o JOIN region g ON g.id = o.region_id
             GROUP BY g.country_code",
        )
        .await;
        let drawn = chart_rows(&app, "/charts/registry.csv").await;
        assert_eq!(drawn.len(), rows.len());
        for r in &rows {
            let country: String = r.try_get("", "country").expect("a country");
            let row = drawn.iter().find(|d| d["country"] == country).expect("the country is drawn");
            let (all, active, closed, population) = (int(r, "organisations"), int(r, "active"), int(r, "closed"), int(r, "population"));
            assert_eq!(number(row, "organisations"), all as f64, "{row:?}");
            assert_eq!(number(row, "active"), active as f64, "{row:?}");
            assert_eq!(number(row, "closed"), closed as f64, "{row:?}");
            assert_eq!(number(row, "population"), population as f64, "{row:?}");
            let per_10k = active as f64 * 10_000.0 / population as f64;
            assert!((number(row, "active_per_10000") - per_10k).abs() < 1e-9, "{row:?}");
            assert!((number(row, "closure_rate") - closed as f64 / all as f64).abs() < 1e-9, "{row:?}");
        }
    }
);

on_both!(
    /// A multiple-choice question by country: who answered it, and how many chose each
    /// option, as SQL counts them from the stored answers.
    the_choices_csv_equals_plain_sql,
    |app: App| async move {
        let drawn = chart_rows(&app, "/charts/choices.csv?question=CH1").await;
        assert!(!drawn.is_empty());
        let answered: HashMap<String, i64> = sql_rows(
            &app,
            "SELECT g.country_code AS country, COUNT(DISTINCT r.id) AS n
             FROM answer a JOIN respondent r ON r.id = a.respondent_id
             JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id
             WHERE q.code = 'CH1' GROUP BY g.country_code",
        )
        .await
        .iter()
        .map(|r| (r.try_get("", "country").expect("a country"), int(r, "n")))
        .collect();
        let mut options_seen = std::collections::HashSet::new();
        for row in &drawn {
            assert_eq!(row["suppressed"], "false", "{row:?}");
            let (country, option) = (row["country"].clone(), row["option"].clone());
            let chose = sql_rows(
                &app,
                &format!(
                    "SELECT COUNT(*) AS n FROM answer a JOIN respondent r ON r.id = a.respondent_id
                     JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id
                     WHERE q.code = 'CH1' AND g.country_code = '{country}'
                       AND CAST(a.choices AS TEXT) LIKE '%\"{option}\"%'"
                ),
            )
            .await;
            let chose = int(&chose[0], "n");
            let n = answered[&country];
            assert_eq!(number(row, "n"), n as f64, "{row:?}");
            assert_eq!(number(row, "chose"), chose as f64, "{row:?}");
            assert!((number(row, "share") - chose as f64 / n as f64).abs() < 1e-9, "{row:?}");
            options_seen.insert(option);
        }
        assert!(options_seen.len() >= 2, "several options: {options_seen:?}");
    }
);

on_both!(
    /// Themes coded in the same interview: for each pair, the interviews with findings of
    /// both (SQL's INTERSECT), out of all interviews with coded findings.
    the_cooccurrence_csv_equals_plain_sql,
    |app: App| async move {
        let drawn = chart_rows(&app, "/charts/theme-cooccurrence.csv").await;
        assert_eq!(drawn.len(), 6, "4 themes make 6 pairs");
        let all = int(&sql_rows(&app, "SELECT COUNT(DISTINCT interview_id) AS n FROM finding").await[0], "n");
        for row in &drawn {
            let both = sql_rows(
                &app,
                &format!(
                    "SELECT COUNT(*) AS n FROM (SELECT interview_id FROM finding WHERE theme_code = '{}' \
                     INTERSECT SELECT interview_id FROM finding WHERE theme_code = '{}') x",
                    row["theme_a"], row["theme_b"]
                ),
            )
            .await;
            let both = int(&both[0], "n");
            assert_eq!(number(row, "interviews"), both as f64, "{row:?}");
            assert_eq!(number(row, "all_interviews"), all as f64, "{row:?}");
            assert!((number(row, "share") - both as f64 / all as f64).abs() < 1e-9, "{row:?}");
        }
        let (status, html) = text(&app, "/interviews").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"theme-cooccurrence\""), "the Interviews page draws it");
    }
);

on_both!(
    /// Organisations founded and closed per year and country, as SQL counts them (a
    /// closure counts where the status is closed and the year known).
    the_registry_years_csv_equals_plain_sql,
    |app: App| async move {
        let mut expected: std::collections::BTreeMap<(String, i64), (i64, i64)> = std::collections::BTreeMap::new();
        for (column, condition, closed) in [("founded_year", "o.founded_year IS NOT NULL", false), ("closed_year", "o.status = 'CLOSED' AND o.closed_year IS NOT NULL", true)] {
            let rows = sql_rows(
                &app,
                &format!(
                    "SELECT g.country_code AS country, o.{column} AS year, COUNT(*) AS n \
                     FROM organisation o JOIN region g ON g.id = o.region_id WHERE {condition} \
                     GROUP BY g.country_code, o.{column}"
                ),
            )
            .await;
            for r in &rows {
                let key = (r.try_get::<String>("", "country").expect("a country"), int(r, "year"));
                let entry = expected.entry(key).or_default();
                if closed { entry.1 += int(r, "n") } else { entry.0 += int(r, "n") }
            }
        }
        assert!(expected.values().any(|(_, closed)| *closed > 0), "the demo has closures");
        let drawn: std::collections::BTreeMap<(String, i64), (i64, i64)> = chart_rows(&app, "/charts/registry-years.csv")
            .await
            .iter()
            .map(|row| {
                (
                    (row["country"].clone(), number(row, "year") as i64),
                    (number(row, "founded") as i64, number(row, "closed") as i64),
                )
            })
            .collect();
        assert_eq!(drawn, expected);
        let (status, html) = text(&app, "/registry").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"registry-years\""), "the Registry page draws it");
    }
);

/// Kruskal–Wallis H with the tie correction, from every observation listed out: the
/// textbook computation, apart from the analytics' counting one.
fn kruskal_h(groups: &[Vec<f64>]) -> (f64, usize) {
    let mut all: Vec<(f64, usize)> = (groups.iter().enumerate())
        .flat_map(|(g, values)| values.iter().map(move |v| (*v, g)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = all.len() as f64;
    let mut rank_sums = vec![0.0; groups.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < all.len() {
        let j = (i..all.len())
            .take_while(|&j| all[j].0 == all[i].0)
            .last()
            .unwrap_or(i);
        let rank = (i + 1 + j + 1) as f64 / 2.0;
        for (_, g) in &all[i..=j] {
            rank_sums[*g] += rank;
        }
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        i = j + 1;
    }
    let sum: f64 = (groups.iter().zip(&rank_sums))
        .map(|(values, r)| r * r / values.len() as f64)
        .sum();
    let h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / (1.0 - ties / (n * n * n - n));
    (h, groups.len() - 1)
}

/// The chi-squared survival function for an even number of degrees of freedom:
/// e^(-x/2) Σ_{i < df/2} (x/2)^i / i!.
fn chi_squared_sf_even(x: f64, df: usize) -> f64 {
    let half = x / 2.0;
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..df / 2 {
        term *= half / i as f64;
        sum += term;
    }
    (-half).exp() * sum
}

on_both!(
    /// The country differences: for every Likert question (answers per country) and
    /// every theme (each person's mean over its items), H, df, n, ε² and p from the
    /// values SQL lists, countries with fewer than k people left out.
    country_differences_csv_equals_plain_sql,
    |app: App| async move {
        let drawn = chart_rows(&app, "/charts/country-differences.csv").await;
        let k = app.data("{ analytics { minGroupSize } }").await["analytics"]["minGroupSize"]
            .as_u64()
            .expect("k") as usize;
        let mut observed: std::collections::BTreeMap<(String, String), HashMap<String, Vec<f64>>> =
            std::collections::BTreeMap::new();
        let answers = sql_rows(
            &app,
            "SELECT q.code AS item, g.country_code AS country, a.value AS value
             FROM answer a JOIN question q ON q.id = a.question_id
             JOIN respondent r ON r.id = a.respondent_id JOIN region g ON g.id = r.region_id
             WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL",
        )
        .await;
        for r in &answers {
            let key = ("QUESTION".to_owned(), r.try_get::<String>("", "item").expect("item"));
            let country: String = r.try_get("", "country").expect("country");
            observed.entry(key).or_default().entry(country).or_default().push(int(r, "value") as f64);
        }
        let scores = sql_rows(
            &app,
            "SELECT q.theme_code AS item, g.country_code AS country,
                    SUM(a.value) AS total, COUNT(*) AS items
             FROM answer a JOIN question q ON q.id = a.question_id
             JOIN respondent r ON r.id = a.respondent_id JOIN region g ON g.id = r.region_id
             WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL AND q.theme_code IS NOT NULL
             GROUP BY r.id, q.theme_code, g.country_code",
        )
        .await;
        for r in &scores {
            let key = ("THEME".to_owned(), r.try_get::<String>("", "item").expect("item"));
            let country: String = r.try_get("", "country").expect("country");
            let score = int(r, "total") as f64 / int(r, "items") as f64;
            observed.entry(key).or_default().entry(country).or_default().push(score);
        }
        assert_eq!(drawn.len(), observed.len(), "one row per Likert question and theme");
        for row in &drawn {
            let key = (row["item_kind"].clone(), row["item"].clone());
            let by_country = observed.get(&key).unwrap_or_else(|| panic!("{key:?} in SQL"));
            let mut countries: Vec<&String> = (by_country.iter()).filter(|(_, v)| v.len() >= k).map(|(c, _)| c).collect();
            countries.sort();
            let groups: Vec<Vec<f64>> = countries.iter().map(|c| by_country[*c].clone()).collect();
            let (h, df) = kruskal_h(&groups);
            let n: usize = groups.iter().map(Vec::len).sum();
            let close = |column: &str, expected: f64| {
                let got = number(row, column);
                assert!((got - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{key:?} {column}: {got} against {expected}");
            };
            close("h", h);
            close("df", df as f64);
            close("n", n as f64);
            close("epsilon_squared", h / (n as f64 - 1.0));
            if df % 2 == 0 {
                close("p", chi_squared_sf_even(h, df));
            }
            let listed: Vec<&str> = row["countries"].split(' ').collect();
            assert_eq!(listed, countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), "{key:?}");
        }
    }
);
