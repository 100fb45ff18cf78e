//! Conclusions, recommendations, toolkit and roadmap: the demo's read through GraphQL
//! and the page with their evidence (figures equal plain SQL, quotes as the caller may
//! read them, drafts for partners only), and `hub import recommendations` checking every
//! cell, writing nothing on a problem and once on a good file.
#![expect(
    clippy::expect_used,
    reason = "the reading of answers fails loudly, with the reason"
)]

use std::collections::BTreeSet;

use hub::{
    access::Role,
    import::{self, Code, Options, Outcome, Quiet},
};
use serde_json::Value;

use crate::{
    access::browser,
    access_routes::sign_in,
    dashboard::text,
    helpers::{App, Backend, on_both, on_each_backend, small_demo, sql_rows},
};

fn strings(rows: &[sea_orm::QueryResult], column: &str) -> Vec<String> {
    rows.iter()
        .map(|r| r.try_get::<String>("", column).expect(column))
        .collect()
}

/// Per role, each person's mean over the theme's Likert items in the country, averaged:
/// `(officials, organisations, everyone)` from plain SQL.
async fn theme_means(app: &App, theme: &str, country: &str) -> (f64, f64, f64) {
    let rows = sql_rows(
        app,
        &format!(
            "SELECT role, SUM(score) AS total, COUNT(*) AS n FROM (
                SELECT r.id, r.role AS role, AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a JOIN respondent r ON r.id = a.respondent_id
                JOIN region g ON g.id = r.region_id JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL AND q.theme_code = '{theme}'
                  AND g.country_code = '{country}'
                GROUP BY r.id, r.role) people GROUP BY role"
        ),
    )
    .await;
    let (mut sums, mut all) = (std::collections::HashMap::new(), (0.0, 0i64));
    for r in &rows {
        let role: String = r.try_get("", "role").expect("role");
        let total: f64 = r.try_get("", "total").expect("total");
        let n: i64 = r.try_get("", "n").expect("n");
        sums.insert(role, total / n as f64);
        all = (all.0 + total, all.1 + n);
    }
    (
        sums["MUNICIPAL_OFFICIAL"],
        sums["ORGANISATION_REPRESENTATIVE"],
        all.0 / all.1 as f64,
    )
}

const QUERY: &str = "{ dataset { dataVersion } recommendations { externalId status audience themes subCodes
    evidence { findings { id visibility } collaborations { id } figures { figure value n suppressed dataVersion } } }
  conclusions { externalId evidence { figures { figure value } } }
  toolkit { externalId kind link attachmentName attachmentUrl }
  roadmap { externalId due who recommendation { externalId } }
  themes { code recommendations { totalCount nodes { externalId } } } }";

on_both!(
    /// The public reads the published guidance, its public quotes and its figures,
    /// each figure equal to plain SQL; a partner reads the drafts and every quote.
    guidance_reads_with_its_evidence,
    |app: App| async move {
        for (asker, restricted) in [(app.clone(), true), (app.as_role(Role::Partner).await, false)] {
            let data = asker.data(QUERY).await;
            let status = if restricted { " AND status = 'PUBLISHED'" } else { "" };
            let expected = strings(
                &sql_rows(&app, &format!("SELECT external_id FROM guidance WHERE kind = 'RECOMMENDATION'{status} ORDER BY position")).await,
                "external_id",
            );
            let listed: Vec<String> = (data["recommendations"].as_array().expect("a list").iter())
                .map(|r| r["externalId"].as_str().expect("an id").to_owned())
                .collect();
            assert_eq!(listed, expected, "restricted: {restricted}");
            assert_eq!(listed.contains(&"R4".to_owned()), !restricted, "the draft R4");
            // Every finding shown is linked, and the public's are public.
            let mut shown = BTreeSet::new();
            for r in data["recommendations"].as_array().expect("a list") {
                for f in r["evidence"]["findings"].as_array().expect("findings") {
                    assert!(!restricted || f["visibility"] == "PUBLIC", "{f}");
                    shown.insert(f["id"].as_str().expect("an id").to_owned());
                }
            }
            let visible = if restricted { " AND f.visibility = 'PUBLIC'" } else { "" };
            let linked: BTreeSet<String> = sql_rows(
                &app,
                &format!(
                    "SELECT DISTINCT f.id AS id FROM guidance_link l JOIN guidance g ON g.id = l.guidance_id
                     JOIN finding f ON f.id = l.finding_id WHERE g.kind = 'RECOMMENDATION'{status}{visible}"
                ),
            )
            .await
            .iter()
            .map(|r| r.try_get::<i32>("", "id").map(i64::from).or_else(|_| r.try_get::<i64>("", "id")).expect("id").to_string())
            .collect();
            assert_eq!(shown, linked, "restricted: {restricted}");
            assert!(!linked.is_empty());
            // The roadmap's step towards the draft names it for partners only.
            let s3 = (data["roadmap"].as_array().expect("steps").iter())
                .find(|s| s["externalId"] == "S3")
                .expect("S3")
                .clone();
            assert_eq!(s3["recommendation"].is_null(), restricted, "{s3}");
            // Theme back-links: the recommendations naming the theme.
            for theme in data["themes"].as_array().expect("themes") {
                let code = theme["code"].as_str().expect("a code");
                let expected = strings(
                    &sql_rows(&app, &format!(
                        "SELECT g.external_id AS external_id FROM guidance g JOIN guidance_link l ON l.guidance_id = g.id
                         WHERE g.kind = 'RECOMMENDATION' AND l.theme_code = '{code}'{status} ORDER BY g.position, g.id"
                    )).await,
                    "external_id",
                );
                let nodes: Vec<&str> = (theme["recommendations"]["nodes"].as_array().expect("nodes").iter())
                    .map(|n| n["externalId"].as_str().expect("an id"))
                    .collect();
                assert_eq!(nodes, expected, "{code}");
                assert_eq!(theme["recommendations"]["totalCount"].as_u64(), Some(expected.len() as u64));
            }
            let version = &data["dataset"]["dataVersion"];
            let figure = |list: &Value, name: &str| {
                (list.as_array().expect("a list").iter())
                    .flat_map(|r| r["evidence"]["figures"].as_array().cloned().unwrap_or_default())
                    .find(|f| f["figure"] == name)
                    .unwrap_or_else(|| panic!("the figure {name}"))
            };
            let gap = figure(&data["recommendations"], "ROLE_GAP PROCESSES_BUREAUCRACY LV");
            let (officials, organisations, _) = theme_means(&app, "PROCESSES_BUREAUCRACY", "LV").await;
            let value = gap["value"].as_f64().expect("a gap");
            assert!((value - (officials - organisations)).abs() < 1e-9, "{value} against SQL {}", officials - organisations);
            assert_eq!(&gap["dataVersion"], version);
            let score = figure(&data["conclusions"], "THEME_SCORE SHARED_UNDERSTANDING SE");
            let (_, _, everyone) = theme_means(&app, "SHARED_UNDERSTANDING", "SE").await;
            let value = score["value"].as_f64().expect("a score");
            assert!((value - everyone).abs() < 1e-9, "{value} against SQL {everyone}");
            let agree = figure(&data["recommendations"], "AGREE_SHARE SU1 SE");
            let counts = &sql_rows(&app,
                "SELECT SUM(CASE WHEN a.value >= 4 THEN 1 ELSE 0 END) AS agree, COUNT(*) AS n
                 FROM answer a JOIN question q ON q.id = a.question_id JOIN respondent r ON r.id = a.respondent_id
                 JOIN region g ON g.id = r.region_id WHERE q.code = 'SU1' AND g.country_code = 'SE' AND a.value IS NOT NULL",
            ).await[0];
            let (yes, n): (i64, i64) = (counts.try_get("", "agree").expect("agree"), counts.try_get("", "n").expect("n"));
            let value = agree["value"].as_f64().expect("a share");
            assert!((value - yes as f64 / n as f64).abs() < 1e-9, "{value} against SQL {yes}/{n}");
            assert_eq!(agree["n"].as_i64(), Some(n));
        }
    }
);

on_both!(
    /// The page lists the published guidance by theme with its figures for the public,
    /// the drafts marked for a partner; the checklist downloads as it was stored.
    the_recommendations_page_shows_guidance_with_evidence,
    |app: App| async move {
        let (status, html) = text(&app, "/recommendations").await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Keep a current register of local organisations"), "R1");
        assert!(!html.contains("Fund partnerships, not single projects"), "the draft R4 is hidden");
        let data = app.data("{ recommendations { evidence { figures { figure value } } } }").await;
        let gap = (data["recommendations"].as_array().expect("a list").iter())
            .flat_map(|r| r["evidence"]["figures"].as_array().cloned().unwrap_or_default())
            .find(|f| f["figure"] == "ROLE_GAP PROCESSES_BUREAUCRACY LV")
            .and_then(|f| f["value"].as_f64())
            .expect("the gap");
        assert!(html.contains(&format!("<strong>{gap:+.2}</strong>")), "the gap {gap:+.2} on the page");
        let (_, swedish) = text(&app, "/recommendations?lang=sv").await;
        assert!(swedish.contains("Håll ett aktuellt register över lokala organisationer"));

        let (_, partner) = app.token_for(Role::Partner, None).await;
        let session = sign_in(&app, &partner).await;
        let html = browser()
            .get(format!("{}/recommendations", app.url))
            .header("cookie", session)
            .send()
            .await
            .expect("the page")
            .text()
            .await
            .expect("html");
        assert!(html.contains("Fund partnerships, not single projects"), "a partner reads the draft");

        let id = sql_rows(&app, "SELECT guidance_id AS id FROM guidance_attachment").await[0]
            .try_get::<i32>("", "id")
            .expect("the checklist's id");
        let response = app.client.get(format!("{}/toolkit/{id}/file", app.url)).send().await.expect("an answer");
        assert_eq!(response.status(), 200);
        let disposition = response.headers()["content-disposition"].to_str().expect("ascii").to_owned();
        assert!(disposition.contains("first-meeting-checklist.txt"), "{disposition}");
        let body = response.text().await.expect("text");
        assert!(body.starts_with("First meeting: a checklist"), "{body}");
        let (status, _) = text(&app, "/toolkit/999999/file").await;
        assert_eq!(status, 404);
    }
);

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a test file");
    path
}

const HEADER: &str = "id,type,status,title::en,text::en,audience,toolkit_kind,file,due,recommendation,themes,findings,figures";

/// Each bad cell is named by row, column and code and nothing is written; a good file
/// writes its rows, its links and the attached file once.
async fn recommendations_import_checks_every_cell(backend: Backend) {
    {
        let (fresh, conn) = small_demo(backend).await;
        let dir = tempfile::tempdir().expect("a folder");
        let count = || async {
            use sea_orm::{EntityTrait, PaginatorTrait};
            hub::entity::guidance::Entity::find()
                .count(&conn)
                .await
                .expect("a count")
        };
        let before = count().await;
        let bad = write(
            dir.path(),
            "bad.csv",
            &format!(
                "{HEADER}\n\
            X1,ADVICE,,A,B,,,,,,,,\n\
            X2,RECOMMENDATION,,A,B,,,,,,,,\n\
            X3,RECOMMENDATION,LIVE,A,B,MUNICIPALITIES,,,,,NOT_A_THEME,DEMO-F-9999,MEDIAN SU1 SE\n\
            X4,ROADMAP_STEP,,A,B,,,,2027,C1,,,\n\
            X5,TOOLKIT_ITEM,,A,B,,GUIDE,../secret.txt,,,,,ROLE_GAP CREDIBILITY XX\n"
            ),
        );
        let Outcome::Refused { problems, .. } =
            import::guidance::import(&conn, &bad, Options::default(), &Quiet)
                .await
                .expect("an outcome")
        else {
            panic!("the bad file is refused");
        };
        let found: BTreeSet<(usize, String, &str)> = (problems.iter())
            .map(|p| {
                (
                    p.row.unwrap_or(0),
                    p.column.clone().unwrap_or_default(),
                    p.code.as_str(),
                )
            })
            .collect();
        for expected in [
            (2, "type", Code::TypeError),
            (3, "audience", Code::ConstraintError),
            (4, "status", Code::TypeError),
            (4, "themes", Code::ForeignKey),
            (4, "findings", Code::ForeignKey),
            (4, "figures", Code::ForeignKey),
            (5, "recommendation", Code::ForeignKey),
            (6, "file", Code::ConstraintError),
            (6, "figures", Code::ForeignKey),
        ] {
            let key = (expected.0, expected.1.to_owned(), expected.2.as_str());
            assert!(found.contains(&key), "{key:?} in {found:?}");
        }
        assert_eq!(count().await, before, "nothing written");

        write(dir.path(), "steps.txt", "1. Meet. 2. Agree.");
        let good = write(
            dir.path(),
            "good.csv",
            &format!(
                "{HEADER}\n\
            N1,RECOMMENDATION,PUBLISHED,Meet twice a year,Text,ORGANISATIONS,,,,,CREDIBILITY,,ROLE_GAP CREDIBILITY CY\n\
            N2,TOOLKIT_ITEM,PUBLISHED,Steps,Text,,TEMPLATE,steps.txt,,,CREDIBILITY,,\n\
            N3,ROADMAP_STEP,,Do it,Text,,,,2028 Q1,N1,,,\n"
            ),
        );
        let Outcome::Written { summary } =
            import::guidance::import(&conn, &good, Options::default(), &Quiet)
                .await
                .expect("an outcome")
        else {
            panic!("the good file is written");
        };
        assert_eq!((summary.inserted, summary.updated), (3, 0));
        assert_eq!(count().await, before + 3);
        let Outcome::Written { summary } =
            import::guidance::import(&conn, &good, Options::default(), &Quiet)
                .await
                .expect("an outcome")
        else {
            panic!("the same file again");
        };
        assert_eq!(
            (summary.inserted, summary.updated, summary.unchanged),
            (0, 0, 3)
        );
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let step = hub::entity::guidance::Entity::find()
            .filter(hub::entity::guidance::Column::ExternalId.eq("N3"))
            .one(&conn)
            .await
            .expect("a query")
            .expect("N3");
        let n1 = hub::entity::guidance::Entity::find()
            .filter(hub::entity::guidance::Column::ExternalId.eq("N1"))
            .one(&conn)
            .await
            .expect("a query")
            .expect("N1");
        assert_eq!(step.recommendation_id, Some(n1.id));
        let file = hub::entity::guidance_attachment::Entity::find()
            .all(&conn)
            .await
            .expect("files");
        assert!(
            file.iter().any(|f| f.bytes == b"1. Meet. 2. Agree."),
            "the attached file is stored"
        );
        fresh.drop().await;
    }
}

on_each_backend!(recommendations_import_checks_every_cell);
