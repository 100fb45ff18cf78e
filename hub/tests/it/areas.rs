//! Real areas: the reference file of the five partner areas and their municipalities
//! imported into a new database through the command (which migrates it first), imported
//! again unchanged, organisations placed in a municipality, the API listing a region's
//! municipalities against plain SQL, and partner files kept out of the demo database.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::path::{Path, PathBuf};

use hub::{db, demo};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::Value;

use crate::helpers::{App, Backend, FreshDatabase, on_both, on_each_backend, sql_rows};

fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/areas.csv")
}

fn hub(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(args)
        .env("HUB_LOG", "warn")
        .output()
        .expect("hub runs")
}

async fn count(conn: &DatabaseConnection, sql: &str) -> i64 {
    conn.query_one_raw(Statement::from_string(
        conn.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .expect("the query runs")
    .expect("a row")
    .try_get("", "n")
    .expect("n")
}

async fn the_reference_areas_start_a_real_database(backend: Backend) {
    let fresh = FreshDatabase::new(backend).await;
    let url = fresh.url.to_string();
    let file = reference();
    let file = file.to_str().expect("a UTF-8 path");
    // The database does not exist yet (SQLite) or is empty: the import migrates it.
    let first = hub(&["import", "areas", "--database-url", &url, file]);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let lines = std::fs::read_to_string(file).expect("the reference file");
    let rows = lines.lines().count() - 1;
    assert!(
        stdout.contains(&format!("{rows} inserted, 0 updated, 0 unchanged")),
        "{stdout}"
    );
    let again = hub(&["import", "areas", "--database-url", &url, file]);
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains(&format!("0 inserted, 0 updated, {rows} unchanged")),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let (conn, _) = db::connect(&fresh.url).await.expect("the database opens");
    assert_eq!(count(&conn, "SELECT COUNT(*) AS n FROM region").await, 5);
    let regions_in_file = lines.lines().filter(|l| l.contains(",REGION,")).count() as i64;
    assert_eq!(regions_in_file, 5);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) AS n FROM municipality").await,
        rows as i64 - regions_in_file
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM municipality m JOIN region r ON r.id = m.region_id
             WHERE r.code = 'SE-DALARNA' AND m.kind = 'MUNICIPALITY'"
        )
        .await,
        15,
        "Dalarna's 15 kommuner"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM municipality WHERE population IS NOT NULL AND population_source IS NULL"
        )
        .await,
        0,
        "every figure has its source"
    );
    // A real database: not the synthetic demo.
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM dataset_meta WHERE key = 'synthetic' AND value = 'true'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'import.areas'"
        )
        .await,
        2
    );

    // The registry now has somewhere to go, and names municipalities by name or code.
    let dir = std::env::temp_dir().join(format!("hub-areas-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let registry = dir.join("registry.csv");
    std::fs::write(
        &registry,
        "id,name,region,kind,status,municipality\n\
         R1,Ungdomens hus,SE-DALARNA,YOUTH_ASSOCIATION,ACTIVE,Falun\n\
         R2,Kulturföreningen,SE-DALARNA,NGO,ACTIVE,se-2062\n\
         R3,Jauniešu centrs,LV-TALSI,NGO,ACTIVE,\n",
    )
    .expect("the registry file");
    let imported = hub(&[
        "import",
        "organisations",
        "--database-url",
        &url,
        registry.to_str().expect("a UTF-8 path"),
    ]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let placed = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT o.external_id AS id, m.code AS code FROM organisation o
             LEFT JOIN municipality m ON m.id = o.municipality_id ORDER BY o.external_id",
        ))
        .await
        .expect("the query runs");
    let placed: Vec<(String, Option<String>)> = placed
        .iter()
        .map(|r| {
            (
                r.try_get("", "id").expect("id"),
                r.try_get("", "code").expect("code"),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            ("R1".to_owned(), Some("SE-2080".to_owned())),
            ("R2".to_owned(), Some("SE-2062".to_owned())),
            ("R3".to_owned(), None),
        ]
    );
    // A registry file without the column keeps what is stored.
    std::fs::write(
        &registry,
        "id,name,region,kind,status\nR1,Ungdomens hus,SE-DALARNA,YOUTH_ASSOCIATION,ACTIVE\n",
    )
    .expect("the registry file");
    let again = hub(&[
        "import",
        "organisations",
        "--database-url",
        &url,
        registry.to_str().expect("a UTF-8 path"),
    ]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("1 unchanged"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    std::fs::remove_dir_all(dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

/// Partner files are refused in the synthetic demo database, unless `--into-demo`.
async fn partner_files_stay_out_of_the_demo(backend: Backend) {
    let fresh = FreshDatabase::new(backend).await;
    let (conn, _) = db::connect(&fresh.url).await.expect("the database opens");
    db::migrate(&conn).await.expect("migrations run");
    demo::fill(
        &conn,
        &demo::DemoOptions {
            seed: 7,
            respondents: 10,
        },
        None,
    )
    .await
    .expect("the demo data");
    let url = fresh.url.to_string();
    let file = reference();
    let file = file.to_str().expect("a UTF-8 path");
    let refused = hub(&["import", "areas", "--database-url", &url, file]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("synthetic demo dataset") && stderr.contains("--into-demo"),
        "{stderr}"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM audit_event WHERE action LIKE 'import.%'"
        )
        .await,
        0
    );
    let allowed = hub(&[
        "import",
        "areas",
        "--into-demo",
        "--database-url",
        &url,
        file,
    ]);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) AS n FROM dataset_meta WHERE key = 'synthetic' AND value = 'true'"
        )
        .await,
        1,
        "still labelled synthetic"
    );
    conn.close().await.ok();
    fresh.drop().await;
}

on_each_backend!(
    the_reference_areas_start_a_real_database,
    partner_files_stay_out_of_the_demo
);

on_both!(
    /// A region lists its municipalities, and organisations and respondents name theirs:
    /// the demo places them in the real municipalities, and the API agrees with SQL.
    the_api_lists_each_regions_municipalities,
    |app: App| async move {
        let data = app
            .data("{ regions { code municipalities areas { code name kind region { code } } } }")
            .await;
        for region in data["regions"].as_array().expect("regions") {
            let code = region["code"].as_str().expect("a code");
            let rows = sql_rows(
                &app,
                &format!(
                    "SELECT m.code AS code FROM municipality m JOIN region r ON r.id = m.region_id
                     WHERE r.code = '{code}' ORDER BY m.code"
                ),
            )
            .await;
            let expected: Vec<String> = rows.iter().map(|r| r.try_get("", "code").expect("code")).collect();
            let listed: Vec<&str> = region["areas"].as_array().expect("areas").iter().map(|a| a["code"].as_str().unwrap_or_default()).collect();
            assert_eq!(listed, expected, "{code}");
            assert!(!listed.is_empty(), "{code} has municipalities in the demo");
            assert!(region["areas"].as_array().expect("areas").iter().all(|a| a["region"]["code"] == code));
        }
        let dalarna = data["regions"].as_array().expect("regions").iter().find(|r| r["code"] == "SE-DALARNA").expect("Dalarna");
        assert_eq!(dalarna["municipalities"], 15);
        assert_eq!(dalarna["areas"].as_array().map(Vec::len), Some(15));

        // Every demo organisation has a municipality of its own region.
        let rows = sql_rows(
            &app,
            "SELECT COUNT(*) AS n FROM organisation o LEFT JOIN municipality m ON m.id = o.municipality_id
             WHERE m.id IS NULL OR m.region_id <> o.region_id",
        )
        .await;
        assert_eq!(rows[0].try_get::<i64>("", "n").expect("n"), 0);
        let page = app.data("{ organisations(first: 5) { nodes { id municipality { code } } } }").await;
        for node in page["organisations"]["nodes"].as_array().expect("nodes") {
            let id = node["id"].as_str().expect("an id");
            let rows = sql_rows(&app, &format!("SELECT m.code AS code FROM organisation o JOIN municipality m ON m.id = o.municipality_id WHERE o.id = {id}")).await;
            let code: String = rows[0].try_get("", "code").expect("code");
            assert_eq!(node["municipality"]["code"], Value::String(code));
        }
        // A respondent's municipality is person-level: researchers only.
        let body = app.post("{ respondents(first: 1) { nodes { municipality { code } } } }", Value::Null).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
        let researcher = app.as_role(hub::access::Role::Researcher).await;
        let seen = researcher.data("{ respondents(first: 3) { nodes { id municipality { code region { code } } region { code } } } }").await;
        for node in seen["respondents"]["nodes"].as_array().expect("nodes") {
            assert_eq!(node["municipality"]["region"]["code"], node["region"]["code"], "{node}");
        }
    }
);

on_both!(
    /// Theme scores per municipality equal plain SQL, and a municipality with fewer
    /// than k people is suppressed; the registry per municipality counts as SQL does;
    /// a municipality filter that leaves out fewer than k people is refused.
    comparisons_group_by_municipality_with_disclosure_control,
    |app: App| async move {
        // Vansbro keeps two of its respondents, the rest move to Falun: a group below k.
        // A write, so it makes a new data version; the frames are built again.
        let (db, _) = db::connect(&app.database).await.expect("the database");
        db.execute_unprepared(
            "UPDATE respondent SET municipality_id = (SELECT id FROM municipality WHERE code = 'SE-2080')
             WHERE municipality_id = (SELECT id FROM municipality WHERE code = 'SE-2021')
               AND id NOT IN (SELECT id FROM (SELECT r.id FROM respondent r JOIN municipality m ON m.id = r.municipality_id
                                              WHERE m.code = 'SE-2021' ORDER BY r.id LIMIT 2) AS kept)",
        )
        .await
        .expect("the update runs");
        hub::service::version::bump(&db).await.expect("a new data version");
        db.close().await.ok();
        crate::helpers::frames_caught_up(&app).await;
        let data = app
            .data("{ analytics { minGroupSize themeScores(by: [MUNICIPALITY]) { municipalityCode theme n mean suppressed } } }")
            .await;
        let k = data["analytics"]["minGroupSize"].as_i64().expect("k");
        let rows = sql_rows(
            &app,
            "SELECT municipality, theme, COUNT(*) AS n, AVG(score) AS mean FROM (
                SELECT r.id, m.code AS municipality, q.theme_code AS theme,
                       AVG(CAST(a.value AS DOUBLE PRECISION)) AS score
                FROM answer a
                JOIN respondent r ON r.id = a.respondent_id
                JOIN municipality m ON m.id = r.municipality_id
                JOIN question q ON q.id = a.question_id
                WHERE q.kind = 'LIKERT' AND a.value IS NOT NULL
                GROUP BY r.id, m.code, q.theme_code) per_person
             GROUP BY municipality, theme",
        )
        .await;
        let expected: std::collections::HashMap<(String, String), (i64, f64)> = rows
            .iter()
            .map(|r| {
                (
                    (r.try_get("", "municipality").expect("municipality"), r.try_get("", "theme").expect("theme")),
                    (r.try_get("", "n").expect("n"), r.try_get("", "mean").expect("mean")),
                )
            })
            .collect();
        let got = data["analytics"]["themeScores"].as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), expected.len(), "one row per municipality and theme: {got:?}");
        let (mut shown, mut hidden) = (0, 0);
        for row in &got {
            let key = (row["municipalityCode"].as_str().expect("a code").to_owned(), row["theme"].as_str().expect("a theme").to_owned());
            let (n, mean) = expected[&key];
            if n < k {
                assert_eq!(row["suppressed"], true, "{key:?} has {n} people");
            }
            if row["suppressed"] == true {
                // Below k, or the smallest other group hidden with it so that the small
                // one cannot be found from the total.
                assert!(row["mean"].is_null(), "{row}");
                hidden += 1;
            } else {
                assert_eq!(row["n"].as_i64(), Some(n), "{key:?}");
                assert!((row["mean"].as_f64().expect("a mean") - mean).abs() < 1e-9, "{key:?}");
                shown += 1;
            }
        }
        assert!(shown > 0 && hidden > 0, "{shown} shown, {hidden} suppressed");

        let registry = app
            .data("{ analytics { registryStats(by: [MUNICIPALITY]) { municipalityCode organisations active population activePer10k } } }")
            .await;
        let rows = sql_rows(
            &app,
            "SELECT m.code AS code, COUNT(*) AS n, SUM(CASE WHEN o.status = 'ACTIVE' THEN 1 ELSE 0 END) AS active
             FROM organisation o JOIN municipality m ON m.id = o.municipality_id GROUP BY m.code",
        )
        .await;
        let counted: std::collections::HashMap<String, (i64, i64)> = rows
            .iter()
            .map(|r| (r.try_get("", "code").expect("code"), (r.try_get("", "n").expect("n"), r.try_get("", "active").expect("active"))))
            .collect();
        let stats = registry["analytics"]["registryStats"].as_array().cloned().unwrap_or_default();
        assert_eq!(stats.len(), counted.len());
        for row in &stats {
            let code = row["municipalityCode"].as_str().expect("a code");
            assert_eq!((row["organisations"].as_i64(), row["active"].as_i64()), (Some(counted[code].0), Some(counted[code].1)), "{code}");
            // Braga's population is in the reference file; the Swedish ones are not.
            if code == "PT-0303" {
                assert_eq!(row["population"], 193_333);
                let per_10k = counted[code].1 as f64 * 10_000.0 / 193_333.0;
                assert!((row["activePer10k"].as_f64().expect("a rate") - per_10k).abs() < 1e-9);
            } else if code.starts_with("SE-") {
                assert!(row["activePer10k"].is_null(), "{row}");
            }
        }

        // Differencing by municipality: Dalarna with and without its smallest group.
        let rows = sql_rows(
            &app,
            "SELECT m.code AS code, COUNT(*) AS n FROM respondent r JOIN municipality m ON m.id = r.municipality_id
             JOIN region g ON g.id = r.region_id WHERE g.code = 'SE-DALARNA' GROUP BY m.code ORDER BY n, m.code",
        )
        .await;
        let (smallest, n): (String, i64) = (rows[0].try_get("", "code").expect("code"), rows[0].try_get("", "n").expect("n"));
        assert!(n < k, "the demo has a Dalarna municipality of fewer than {k} people: {smallest} has {n}");
        let others: Vec<String> = rows[1..].iter().map(|r| r.try_get::<String>("", "code").expect("code")).collect();
        let query = format!(
            "{{ analytics {{ themeScores(by: [REGION], filter: {{regionCodes: [\"SE-DALARNA\"], municipalityCodes: {others:?}}}) {{ n mean }} }} }}"
        );
        let body = app.post(&query, Value::Null).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("filter.municipalityCodes"), "{message}");
    }
);
