//! The comparisons through GraphQL, checked against plain SQL on the same database.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

use crate::helpers::{App, on_both, sql_rows, wave_summaries};

on_both!(
    /// Theme means per country equal an independent computation in SQL: each
    /// respondent's mean over the theme's items, then the mean of those per country.
    theme_scores_equal_plain_sql,
    |app: App| async move {
        let data = app
            .data("{ analytics { themeScores(by: [COUNTRY]) { countryCode theme themeName(lang: \"sv\") n mean sd ciLow ciHigh suppressed } } }")
            .await;
        let rows = sql_rows(
            &app,
            "SELECT country, theme, COUNT(*) AS n, AVG(score) AS mean FROM (
                SELECT r.id, g.country_code AS country, q.theme_code AS theme,
                       AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a
                JOIN respondent r ON r.id = a.respondent_id
                JOIN region g ON g.id = r.region_id
                JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
                GROUP BY r.id, g.country_code, q.theme_code) per_person
             GROUP BY country, theme",
        )
        .await;
        let expected: HashMap<(String, String), (i64, f64)> = rows
            .iter()
            .map(|r| {
                (
                    (r.try_get::<String>("", "country").expect("country"), r.try_get::<String>("", "theme").expect("theme")),
                    (r.try_get::<i64>("", "n").expect("n"), r.try_get::<f64>("", "mean").expect("mean")),
                )
            })
            .collect();
        let got = data["analytics"]["themeScores"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), 20, "5 countries x 4 themes");
        assert_eq!(expected.len(), 20);
        for row in got {
            let key = (row["countryCode"].as_str().unwrap_or_default().to_owned(), row["theme"].as_str().unwrap_or_default().to_owned());
            let (n, mean) = expected[&key];
            assert_eq!(row["n"].as_i64(), Some(n), "{key:?}");
            assert!((row["mean"].as_f64().unwrap_or_default() - mean).abs() < 1e-9, "{key:?}: {row} vs {mean}");
            let (low, high) = (row["ciLow"].as_f64().unwrap_or_default(), row["ciHigh"].as_f64().unwrap_or_default());
            assert!(low < mean && mean < high && high - low < 0.5, "{row}");
            assert_eq!(row["suppressed"], false);
        }
        let names: Vec<&str> = data["analytics"]["themeScores"].as_array().into_iter().flatten().filter_map(|r| r["themeName"].as_str()).collect();
        assert!(names.contains(&"Gemensam förståelse"));
    }
);

on_both!(
    /// Likert shares per country equal counts in SQL.
    likert_shares_equal_plain_sql,
    |app: App| async move {
        let data = app
            .data(r#"{ analytics { likertDistribution(question: "SU2") { countryCode n counts shares agreeShare mean median scaleLabels(lang: "lv") } } }"#)
            .await;
        let rows = sql_rows(
            &app,
            "SELECT g.country_code AS country, a.value AS value, COUNT(*) AS n
             FROM answer a JOIN respondent r ON r.id = a.respondent_id JOIN region g ON g.id = r.region_id
             JOIN question q ON q.id = a.question_id
             WHERE q.code = 'SU2' AND a.value IS NOT NULL GROUP BY g.country_code, a.value",
        )
        .await;
        let mut counts: HashMap<String, [i64; 5]> = HashMap::new();
        for r in &rows {
            let country: String = r.try_get("", "country").expect("country");
            let value: i16 = r.try_get("", "value").expect("value");
            let n: i64 = r.try_get("", "n").expect("n");
            counts.entry(country).or_default()[value as usize - 1] = n;
        }
        let got = data["analytics"]["likertDistribution"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), 5);
        for row in got {
            let expected = counts[row["countryCode"].as_str().unwrap_or_default()];
            let total: i64 = expected.iter().sum();
            assert_eq!(row["n"].as_i64(), Some(total));
            assert_eq!(row["counts"], json!(expected));
            for (level, share) in row["shares"].as_array().into_iter().flatten().enumerate() {
                assert!((share.as_f64().unwrap_or_default() - expected[level] as f64 / total as f64).abs() < 1e-12);
            }
            let agree = (expected[3] + expected[4]) as f64 / total as f64;
            assert!((row["agreeShare"].as_f64().unwrap_or_default() - agree).abs() < 1e-12);
            assert_eq!(row["scaleLabels"][0], "Pilnīgi nepiekrītu");
        }
    }
);

on_both!(
    /// The synthetic data shows what the report describes: officials rate processes
    /// higher than organisations everywhere, and the countries differ on the registry
    /// question; small groups are withheld, never shown with n < k.
    the_comparisons_show_the_built_in_differences_and_withhold_small_groups,
    |app: App| async move {
        let data = app
            .data(r#"{ analytics { minGroupSize
                roleGap { countryCode theme gap ciLow ciHigh officialsN organisationsN suppressed }
                countryDifferences { item itemKind h df p epsilonSquared n countryCodes }
                detailed: likertDistribution(question: "SU1", by: [COUNTRY, ROLE, ORGANISATION_KIND]) { n mean suppressed }
                registryStats { countryCode population active activePer10k closureRate verifiedShare kinds { kind count } }
                choiceShares(question: "CH1") { countryCode option optionLabel(lang: "pt") n share suppressed }
                themeFrequency { countryCode theme subCode count share }
                themeCooccurrence { themeA themeB interviews share } } }"#)
            .await;
        let a = &data["analytics"];
        assert_eq!(a["minGroupSize"], 5);
        let bureaucracy: Vec<&Value> = a["roleGap"].as_array().into_iter().flatten().filter(|r| r["theme"] == "PROCESSES_BUREAUCRACY").collect();
        assert_eq!(bureaucracy.len(), 5, "one bureaucracy gap per country: {}", a["roleGap"]);
        for row in bureaucracy {
            assert!(row["gap"].as_f64().unwrap_or_default() > 0.0, "{row}");
            assert!(row["ciLow"].as_f64().unwrap_or_default() < row["gap"].as_f64().unwrap_or_default());
        }
        let su2 = a["countryDifferences"].as_array().into_iter().flatten().find(|r| r["item"] == "SU2").cloned().unwrap_or_default();
        assert_eq!(su2["df"], 4);
        assert!(su2["p"].as_f64().unwrap_or(1.0) < 1e-6, "{su2}");
        let detailed = a["detailed"].as_array().cloned().unwrap_or_default();
        assert!(detailed.iter().any(|r| r["suppressed"] == true), "some small groups exist");
        for row in &detailed {
            match row["n"].as_i64() {
                Some(n) => assert!(n >= 5 && row["suppressed"] == false),
                None => assert!(row["suppressed"] == true && row["mean"] == Value::Null),
            }
        }
        let lt = a["registryStats"].as_array().into_iter().flatten().find(|r| r["countryCode"] == "LT").cloned().unwrap_or_default();
        let active = lt["active"].as_f64().unwrap_or_default();
        assert!((lt["activePer10k"].as_f64().unwrap_or_default() - active * 10_000.0 / 32_000.0).abs() < 1e-9);
        assert!(lt["closureRate"].as_f64().unwrap_or_default() > 0.35);
        let meetings = a["choiceShares"].as_array().into_iter().flatten().find(|r| r["option"] == "MEETINGS").cloned().unwrap_or_default();
        assert_eq!(meetings["optionLabel"], "Reuniões regulares");
        assert!(meetings["share"].as_f64().is_some_and(|s| s > 0.0 && s < 1.0));
        assert!(!a["themeFrequency"].as_array().cloned().unwrap_or_default().is_empty());
        assert_eq!(a["themeCooccurrence"].as_array().map(Vec::len), Some(6), "4 themes give 6 pairs");
    }
);

on_both!(
    /// Bad arguments name themselves and the valid values.
    analytics_arguments_are_checked,
    |app: App| async move {
        let cases = [
            (r#"{ analytics { likertDistribution(question: "XX9") { n } } }"#, "question", "SU1"),
            (r#"{ analytics { likertDistribution(question: "CH1") { n } } }"#, "question", "SU1"),
            (r#"{ analytics { themeScores(filter: { countryCodes: ["XX"] }) { n } } }"#, "filter.countryCode", "CY, LT, LV, PT, SE"),
            (r#"{ analytics { registryStats(by: [ROLE]) { active } } }"#, "by", "COUNTRY, REGION and MUNICIPALITY"),
            (r#"{ analytics { themeFrequency(by: [ORGANISATION_KIND]) { count } } }"#, "by", "cannot be grouped"),
            (r#"{ analytics { themeScores(by: [COUNTRY, COUNTRY]) { n } } }"#, "by", "twice"),
            (r#"{ analytics { themeScores { themeName(lang: "xx") } } }"#, "lang", "valid: en"),
        ];
        for (query, field, hint) in cases {
            let error = app.error(query).await;
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{query}: {error}");
            let message = error["message"].as_str().unwrap_or_default();
            assert!(message.contains(field) && message.contains(hint), "{query}: {message}");
        }
    }
);

on_both!(
    /// A write bumps the data version and the next request uses rebuilt frames.
    frames_are_rebuilt_when_the_data_changes,
    |app: App| async move {
        let query = r#"{ analytics { dataVersion likertDistribution(question: "SU1") { countryCode } } }"#;
        let before = app.data(query).await;
        assert_eq!(before["analytics"]["likertDistribution"].as_array().map(Vec::len), Some(5));
        let conn = Database::connect(&app.database_url).await.expect("a second connection");
        conn.execute_unprepared(
            "DELETE FROM answer WHERE respondent_id IN (SELECT r.id FROM respondent r JOIN region g ON g.id = r.region_id WHERE g.country_code = 'LT')",
        )
        .await
        .expect("delete");
        hub::service::version::bump(&conn).await.expect("bump");
        conn.close().await.ok();
        // Until the new frames are built (in the background, after the poller sees the
        // new version), answers come from the old ones, and say so.
        let old = before["analytics"]["dataVersion"].as_i64().expect("a version");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let after = loop {
            let data = app.data(query).await;
            if data["analytics"]["dataVersion"].as_i64() == Some(old + 1) {
                break data;
            }
            assert_eq!(data["analytics"]["dataVersion"].as_i64(), Some(old), "{data}");
            assert_eq!(data["analytics"]["likertDistribution"], before["analytics"]["likertDistribution"]);
            assert!(std::time::Instant::now() < deadline, "the new frames were never built");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        };
        let countries: Vec<&str> = after["analytics"]["likertDistribution"].as_array().into_iter().flatten().filter_map(|r| r["countryCode"].as_str()).collect();
        assert_eq!(countries, vec!["CY", "LV", "PT", "SE"]);
    }
);

on_both!(
    /// Theme scores per survey (wave) and country equal plain SQL grouped the same way.
    theme_scores_per_survey_equal_plain_sql,
    |app: App| async move {
        let data = app
            .data("{ analytics { themeScores(by: [SURVEY, COUNTRY]) { surveyCode countryCode theme n mean suppressed } } }")
            .await;
        let rows = sql_rows(
            &app,
            "SELECT survey, country, theme, COUNT(*) AS n, AVG(score) AS mean FROM (
                SELECT r.id, s.code AS survey, g.country_code AS country, q.theme_code AS theme,
                       AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a
                JOIN respondent r ON r.id = a.respondent_id
                JOIN region g ON g.id = r.region_id
                JOIN question q ON q.id = a.question_id
                JOIN survey s ON s.id = q.survey_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
                GROUP BY r.id, s.code, g.country_code, q.theme_code) per_person
             GROUP BY survey, country, theme",
        )
        .await;
        let expected: HashMap<(String, String, String), (i64, f64)> = rows
            .iter()
            .map(|r| {
                (
                    (r.try_get("", "survey").expect("survey"), r.try_get("", "country").expect("country"), r.try_get("", "theme").expect("theme")),
                    (r.try_get("", "n").expect("n"), r.try_get("", "mean").expect("mean")),
                )
            })
            .collect();
        let got = data["analytics"]["themeScores"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), expected.len());
        for row in got {
            let key = (
                row["surveyCode"].as_str().expect("a survey").to_owned(),
                row["countryCode"].as_str().expect("a country").to_owned(),
                row["theme"].as_str().expect("a theme").to_owned(),
            );
            let (n, mean) = expected[&key];
            assert_eq!(row["n"].as_i64(), Some(n), "{key:?}");
            assert!((row["mean"].as_f64().expect("a mean") - mean).abs() < 1e-9, "{key:?}");
        }
    }
);

on_both!(
    /// The change between the demo's two waves per country and theme equals plain SQL:
    /// per wave each respondent's theme mean, then n, mean and sample variance per country,
    /// the later mean minus the earlier and Welch's interval from those. The built-in
    /// change shows: Talsi's shared understanding rises, the interval above zero.
    wave_change_equals_plain_sql,
    |app: App| async move {
        let data = app
            .data(r#"{ surveys { code year }
                analytics { waveChange(from: "YC-2025", to: "YC-2026") { countryCode theme themeName(lang: "lt") fromN toN fromMean toMean change ciLow ciHigh suppressed } } }"#)
            .await;
        let years: Vec<(String, i64)> = data["surveys"].as_array().into_iter().flatten().map(|s| (s["code"].as_str().unwrap_or_default().to_owned(), s["year"].as_i64().unwrap_or_default())).collect();
        assert_eq!(years, vec![("YC-2025".to_owned(), 2025), ("YC-2026".to_owned(), 2026)]);
        let waves = wave_summaries(&app).await;
        let got = data["analytics"]["waveChange"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), 20, "5 countries x 4 themes");
        for row in &got {
            let (country, theme) = (row["countryCode"].as_str().expect("a country").to_owned(), row["theme"].as_str().expect("a theme").to_owned());
            let (n1, m1, v1) = waves[&("YC-2025".to_owned(), country.clone(), theme.clone())];
            let (n2, m2, v2) = waves[&("YC-2026".to_owned(), country.clone(), theme.clone())];
            assert_eq!((row["fromN"].as_f64(), row["toN"].as_f64()), (Some(n1), Some(n2)), "{row}");
            assert_eq!(row["suppressed"], false);
            let change = m2 - m1;
            assert!((row["change"].as_f64().expect("a change") - change).abs() < 1e-9, "{row}");
            let (a, b) = (v2 / n2, v1 / n1);
            let df = (a + b).powi(2) / (a * a / (n2 - 1.0) + b * b / (n1 - 1.0));
            let half = analytics::stats::t_975(df).expect("t") * (a + b).sqrt();
            assert!((row["ciLow"].as_f64().expect("low") - (change - half)).abs() < 1e-9, "{row}");
            assert!((row["ciHigh"].as_f64().expect("high") - (change + half)).abs() < 1e-9, "{row}");
        }
        let talsi = got.iter().find(|r| r["countryCode"] == "LV" && r["theme"] == "SHARED_UNDERSTANDING").expect("LV");
        assert!(talsi["ciLow"].as_f64().is_some_and(|low| low > 0.0), "{talsi}");
        assert_eq!(talsi["themeName"], "Bendras supratimas");

        let cases = [
            (r#"{ analytics { waveChange(from: "YC-2024", to: "YC-2026") { change } } }"#, "from", "YC-2025, YC-2026"),
            (r#"{ analytics { waveChange(from: "YC-2026", to: "YC-2026") { change } } }"#, "to", "itself"),
            (r#"{ analytics { waveChange(from: "YC-2025", to: "YC-2026", filter: { survey: "YC-2025" }) { change } } }"#, "survey", "from and to"),
        ];
        for (query, field, hint) in cases {
            let error = app.error(query).await;
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{query}: {error}");
            let message = error["message"].as_str().unwrap_or_default();
            assert!(message.contains(field) && message.contains(hint), "{query}: {message}");
        }
    }
);
