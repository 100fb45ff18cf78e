//! The dashboard over HTTP: pages and charts answer in every language, their numbers
//! match plain SQL, and bad input gets a 400 that says what is valid.

use std::collections::HashMap;

use crate::helpers::{App, on_both, sql_rows};

const PAGES: [&str; 7] = [
    "/",
    "/registry",
    "/survey",
    "/themes",
    "/interviews",
    "/collaborations",
    "/recommendations",
];
const CHARTS: [&str; 11] = [
    "country-differences",
    "likert",
    "theme-scores",
    "role-gap",
    "wave-change",
    "theme-frequency",
    "theme-cooccurrence",
    "registry",
    "registry-years",
    "choices",
    "freshness",
];

#[expect(
    clippy::expect_used,
    reason = "a test helper fails loudly, with the reason"
)]
async fn get(app: &App, path: &str) -> (u16, String, Vec<u8>) {
    let response = app
        .client
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.bytes().await.expect("a body").to_vec();
    (status, media, body)
}

/// The status and body of a GET.
pub async fn text(app: &App, path: &str) -> (u16, String) {
    let (status, _, body) = get(app, path).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The data lines of a chart CSV as maps from column to cell.
fn csv_records(csv: &str) -> Vec<HashMap<String, String>> {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<String> = lines
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_owned)
        .collect();
    lines
        .map(|line| {
            header
                .iter()
                .cloned()
                .zip(line.split(',').map(str::to_owned))
                .collect()
        })
        .collect()
}

on_both!(
    /// Every page in every language, and every chart in every format, answers 200 with
    /// the right media type.
    every_page_and_chart_answers,
    |app: App| async move {
        for lang in ["en", "sv", "lv", "lt", "pt", "el"] {
            for page in PAGES {
                let (status, media, body) = get(&app, &format!("{page}?lang={lang}")).await;
                let html = String::from_utf8_lossy(&body);
                assert_eq!(status, 200, "{page} in {lang}: {html}");
                assert_eq!(media, "text/html; charset=utf-8");
                assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{page} {lang}");
                assert!(html.contains("Synthetic demo data") || lang != "en");
            }
        }
        for chart in CHARTS {
            for (extension, media) in [
                ("svg", "image/svg+xml"),
                ("png", "image/png"),
                ("csv", "text/csv; charset=utf-8"),
            ] {
                let (status, got, body) = get(&app, &format!("/charts/{chart}.{extension}")).await;
                assert_eq!(status, 200, "{chart}.{extension}: {}", String::from_utf8_lossy(&body));
                assert_eq!(got, media, "{chart}.{extension}");
                if extension == "png" {
                    assert_eq!(&body[..8], b"\x89PNG\r\n\x1a\n");
                }
                if extension == "svg" {
                    // The file's text is outlines, each glyph defined once.
                    assert!(body.len() < 200_000, "{chart}.svg is {} bytes", body.len());
                }
            }
        }
        let (status, _, body) = get(&app, "/charts/registry.png?width=640&height=400").await;
        assert_eq!(status, 200);
        // The IHDR chunk holds the width and height, big-endian, at bytes 16..24.
        assert_eq!(&body[16..24], &[0, 0, 2, 128, 0, 0, 1, 144]);
    }
);

on_both!(
    /// The theme-scores CSV holds the same means as an independent computation in SQL:
    /// each person's mean over the theme's items, averaged per country and role.
    theme_scores_csv_equals_plain_sql,
    |app: App| async move {
        let (status, csv) = text(&app, "/charts/theme-scores.csv?role=MUNICIPAL_OFFICIAL&role=ORGANISATION_REPRESENTATIVE").await;
        assert_eq!(status, 200, "{csv}");
        let rows = sql_rows(
            &app,
            "SELECT country, role, theme, COUNT(*) AS n, AVG(score) AS mean FROM (
                SELECT r.id, g.country_code AS country, r.role AS role, q.theme_code AS theme,
                       AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a
                JOIN respondent r ON r.id = a.respondent_id
                JOIN region g ON g.id = r.region_id
                JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
                  AND r.role IN ('MUNICIPAL_OFFICIAL', 'ORGANISATION_REPRESENTATIVE')
                GROUP BY r.id, g.country_code, r.role, q.theme_code) per_person
             GROUP BY country, role, theme",
        )
        .await;
        let mut expected = HashMap::new();
        for row in rows {
            let key: (String, String, String) = (
                row.try_get("", "country").unwrap(),
                row.try_get("", "role").unwrap(),
                row.try_get("", "theme").unwrap(),
            );
            let n: i64 = row.try_get("", "n").unwrap();
            let mean: f64 = row.try_get("", "mean").unwrap();
            expected.insert(key, (n, mean));
        }
        let records = csv_records(&csv);
        assert_eq!(records.len(), expected.len(), "{csv}");
        let mut compared = 0;
        for record in &records {
            let key = (record["country"].clone(), record["role"].clone(), record["theme"].clone());
            let (n, mean) = expected[&key];
            if record["suppressed"] == "true" {
                assert!(n < 5, "{key:?} suppressed with n = {n}");
                assert_eq!(record["mean"], "");
                continue;
            }
            assert_eq!(record["n"], n.to_string(), "{key:?}");
            let got: f64 = record["mean"].parse().unwrap();
            assert!((got - mean).abs() < 1e-9, "{key:?}: {got} vs {mean}");
            compared += 1;
        }
        assert!(compared >= 30, "only {compared} rows compared");
    }
);

on_both!(
    /// The Likert CSV's shares are each answer's count over the country's answers, in SQL.
    likert_csv_equals_plain_sql,
    |app: App| async move {
        let (status, csv) = text(&app, "/charts/likert.csv?question=SU1").await;
        assert_eq!(status, 200, "{csv}");
        let rows = sql_rows(
            &app,
            "SELECT g.country_code AS country, a.value AS value, COUNT(*) AS n
             FROM answer a
             JOIN respondent r ON r.id = a.respondent_id
             JOIN region g ON g.id = r.region_id
             JOIN question q ON q.id = a.question_id
             WHERE q.code = 'SU1' AND a.value IS NOT NULL
             GROUP BY g.country_code, a.value",
        )
        .await;
        let mut counts: HashMap<String, [i64; 5]> = HashMap::new();
        for row in rows {
            let country: String = row.try_get("", "country").unwrap();
            let value: i16 = row.try_get("", "value").unwrap();
            let n: i64 = row.try_get("", "n").unwrap();
            counts.entry(country).or_default()[(value - 1) as usize] = n;
        }
        let records = csv_records(&csv);
        assert_eq!(records.len(), 5, "{csv}");
        for record in records {
            let c = counts[&record["country"]];
            let total: i64 = c.iter().sum();
            assert_eq!(record["n"], total.to_string());
            for (i, count) in c.iter().enumerate() {
                let got: f64 = record[&format!("share_{}", i + 1)].parse().unwrap();
                assert!((got - *count as f64 / total as f64).abs() < 1e-12, "{record:?}");
            }
        }
        assert!(csv.lines().any(|l| l.starts_with("# filter: question=SU1")), "{csv}");
    }
);

on_both!(
    /// The theme-frequency CSV's counts and shares are each theme's findings over the
    /// country's findings, counted in SQL (every theme of every country, zeros included).
    theme_frequency_csv_equals_plain_sql,
    |app: App| async move {
        let (status, csv) = text(&app, "/charts/theme-frequency.csv").await;
        assert_eq!(status, 200, "{csv}");
        let rows = sql_rows(
            &app,
            "SELECT g.country_code AS country, f.theme_code AS theme, COUNT(*) AS n
             FROM finding f
             JOIN interview i ON i.id = f.interview_id
             JOIN region g ON g.id = i.region_id
             GROUP BY g.country_code, f.theme_code",
        )
        .await;
        let mut counts: HashMap<(String, String), i64> = HashMap::new();
        let mut totals: HashMap<String, i64> = HashMap::new();
        for row in rows {
            let country: String = row.try_get("", "country").unwrap();
            let theme: String = row.try_get("", "theme").unwrap();
            let n: i64 = row.try_get("", "n").unwrap();
            *totals.entry(country.clone()).or_default() += n;
            counts.insert((country, theme), n);
        }
        let records = csv_records(&csv);
        let themes = sql_rows(&app, "SELECT COUNT(*) AS n FROM theme").await[0]
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(records.len() as i64, themes * totals.len() as i64, "{csv}");
        let mut share_sums: HashMap<String, f64> = HashMap::new();
        for record in &records {
            let key = (record["country"].clone(), record["theme"].clone());
            let n = counts.get(&key).copied().unwrap_or(0);
            let total = totals[&key.0];
            assert_eq!(record["findings"], n.to_string(), "{key:?}");
            assert_eq!(record["country_findings"], total.to_string(), "{key:?}");
            let share: f64 = record["share"].parse().unwrap();
            assert!((share - n as f64 / total as f64).abs() < 1e-12, "{key:?}: {share}");
            *share_sums.entry(key.0).or_default() += share;
        }
        for (country, sum) in share_sums {
            assert!((sum - 1.0).abs() < 1e-9, "{country}'s shares add up to {sum}");
        }
    }
);

on_both!(
    /// An unknown chart, filter value, parameter or language is a 400 that names what
    /// is valid, on pages and on charts; never a 500.
    bad_input_gets_a_400_that_says_what_is_valid,
    |app: App| async move {
        let cases = [
            ("/charts/pie.svg", "likert, theme-scores, role-gap"),
            ("/charts/likert.gif", "svg, png, csv"),
            ("/charts/likert", "NAME.svg"),
            ("/charts/likert.svg?country=XX", "CY, LT, LV, PT, SE"),
            ("/charts/likert.svg?question=ZZ9", "SU1"),
            ("/charts/likert.svg?question=CH1", "SU1"),
            ("/charts/choices.csv?question=SU1", "CH1"),
            ("/charts/theme-scores.svg?role=MAYOR", "MUNICIPAL_OFFICIAL"),
            ("/charts/role-gap.svg?role=MUNICIPAL_OFFICIAL", "valid: lang, country, kind"),
            ("/charts/registry.png?width=5000", "200 to 4000"),
            ("/charts/registry.png?height=tall", "height"),
            ("/charts/registry.svg?lang=de", "en, sv, lv, lt, pt, el"),
            ("/themes?lang=de", "en, sv, lv, lt, pt, el"),
            ("/themes?colour=red", "valid: lang, country, role, kind"),
            ("/survey?question=ZZ9", "SU1"),
            ("/registry?country=XX", "country"),
            ("/registry?after=bogus", "after"),
            ("/interviews?theme=NOPE&quotes=LV", "theme"),
            ("/interviews?theme=CREDIBILITY", "quotes=LV"),
        ];
        for (path, says) in cases {
            let (status, body) = text(&app, path).await;
            assert_eq!(status, 400, "{path}: {body}");
            let body = body.replace("&quot;", "\"");
            assert!(body.contains(says), "{path} should say {says:?}: {body}");
        }
        let (status, body) = text(&app, "/themes?lang=xx").await;
        assert_eq!(status, 400);
        assert!(body.contains("<html lang=\"en\">") && body.contains("role=\"alert\""), "{body}");
    }
);

on_both!(
    /// Filters live in the URL: the form shows them chosen, the download links carry
    /// them, and the chart changes with them.
    filters_live_in_the_url,
    |app: App| async move {
        let (_, all) = text(&app, "/survey?question=SU2").await;
        let (status, html) = text(&app, "/survey?question=SU2&country=LV&role=MUNICIPAL_OFFICIAL&lang=pt").await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("<option value=\"LV\" selected>Letónia</option>"), "{html}");
        assert!(html.contains("href=\"/charts/likert.csv?country=LV&amp;role=MUNICIPAL_OFFICIAL&amp;question=SU2&amp;lang=pt\""), "{html}");
        assert!(html.contains("<input type=\"hidden\" name=\"lang\" value=\"pt\">"));
        let svg = |page: &str| page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()].to_owned();
        assert!(svg(&html).contains("Letónia") && !svg(&html).contains("Chipre"), "only Latvia is drawn");
        assert!(svg(&all).contains("Cyprus"));
        let (_, choices) = text(&app, "/survey?question=CH1").await;
        assert!(choices.contains("id=\"choices\""), "a choice question draws the choices chart");
    }
);

on_both!(
    /// A heatmap cell links to its quotes, shown with their English translations: on a
    /// public page, only the quotes cleared for the public.
    a_heatmap_cell_opens_its_quotes,
    |app: App| async move {
        let (_, html) = text(&app, "/interviews").await;
        assert!(html.contains("href=\"/interviews?theme=CREDIBILITY&amp;quotes=LV#quotes\""), "{html}");
        let (status, html) = text(&app, "/interviews?theme=CREDIBILITY&quotes=LV").await;
        assert_eq!(status, 200, "{html}");
        let rows = sql_rows(
            &app,
            "SELECT COUNT(*) AS n FROM finding f JOIN interview i ON i.id = f.interview_id
             JOIN region g ON g.id = i.region_id
             WHERE g.country_code = 'LV' AND f.theme_code = 'CREDIBILITY' AND f.visibility = 'PUBLIC'",
        )
        .await;
        let n: i64 = rows[0].try_get("", "n").unwrap();
        assert!(n > 0);
        assert!(html.contains(&format!("Latvia ({n})")), "{html}");
        assert_eq!(html.matches("<blockquote>").count() as i64, n.min(100));
        assert!(html.contains("<p lang=\"lv\">"), "quotes in Latvian");
        assert!(html.contains("English translation: "), "with translations");
    }
);

on_both!(
    /// The registry list searches by name and pages with a link that keeps the filters.
    the_registry_list_searches_and_pages,
    |app: App| async move {
        let (_, html) = text(&app, "/registry?country=SE").await;
        let rows = sql_rows(
            &app,
            "SELECT COUNT(*) AS n FROM organisation o JOIN region g ON g.id = o.region_id WHERE g.country_code = 'SE'",
        )
        .await;
        let n: i64 = rows[0].try_get("", "n").unwrap();
        assert!(html.contains(&format!("Organisations: {n}")), "{html}");
        assert_eq!(html.matches("<tr><td>").count(), 20);
        let next = html
            .split("rel=\"next\"")
            .next()
            .and_then(|h| h.rsplit("href=\"").next())
            .map(|h| h.trim_end_matches("\" ").replace("&amp;", "&"))
            .unwrap();
        assert!(next.starts_with("/registry?country=SE&after="), "{next}");
        let (status, second) = text(&app, &next).await;
        assert_eq!(status, 200);
        assert_ne!(second, html);
        let (_, found) = text(&app, "/registry?q=zzzz-no-such-name").await;
        assert!(found.contains("Organisations: 0") && found.contains("Nothing matches."), "{found}");
    }
);

/// The text of an SVG's `<desc>`.
fn svg_desc(svg: &str) -> String {
    svg.split("<desc")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split("</desc>").next())
        .unwrap_or_else(|| panic!("a <desc> in {svg}"))
        .to_owned()
}

on_both!(
    /// Every chart's `<desc>` is in the language asked for: no two languages share it,
    /// and the Swedish role gap speaks of tjänstepersoner.
    chart_descriptions_are_in_the_callers_language,
    |app: App| async move {
        for chart in CHARTS {
            let mut seen: Vec<(&str, String)> = Vec::new();
            for lang in ["en", "sv", "lv", "lt", "pt", "el"] {
                let (status, svg) = text(&app, &format!("/charts/{chart}.svg?lang={lang}")).await;
                assert_eq!(status, 200, "{chart} in {lang}");
                let desc = svg_desc(&svg);
                assert!(desc.len() > 40, "{chart} in {lang}: {desc}");
                for (other, text) in &seen {
                    assert_ne!(&desc, text, "{chart}: {lang} as {other}");
                }
                seen.push((lang, desc));
            }
        }
        let (_, svg) = text(&app, "/charts/role-gap.svg?lang=sv").await;
        assert!(svg_desc(&svg).contains("tjänstepersonerna högre i"), "{}", svg_desc(&svg));
    }
);
