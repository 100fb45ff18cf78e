//! `hub import`: the malformed-file corpus (each file refused with the right code, row
//! and column, and the database unchanged), idempotent re-imports, updates, `--no-update`,
//! XLSX, and `kill -9` in the middle of a large import.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::path::{Path, PathBuf};

use hub::{
    db, demo,
    import::{self, Code, Options, Outcome, Quiet, Summary},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::helpers::{Backend, FreshDatabase};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// A fresh SQLite database with a small demo dataset.
async fn database() -> (FreshDatabase, DatabaseConnection) {
    let fresh = FreshDatabase::new(Backend::Sqlite).await;
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
    .expect("the demo data is written");
    (fresh, conn)
}

/// What must not change when an import is refused: every organisation's content and
/// the data version.
async fn fingerprint(conn: &DatabaseConnection) -> String {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT (SELECT COUNT(*) FROM organisation) AS n,
                    (SELECT COALESCE(SUM(LENGTH(name) + id + COALESCE(founded_year, 0)), 0) FROM organisation) AS content,
                    (SELECT version FROM data_version WHERE id = 1) AS version",
        ))
        .await
        .expect("the fingerprint query runs")
        .expect("a row");
    let n: i64 = row.try_get("", "n").expect("n");
    let content: i64 = row.try_get("", "content").expect("content");
    let version: i64 = row.try_get("", "version").expect("version");
    format!("{n} organisations, content {content}, version {version}")
}

async fn import_file(conn: &DatabaseConnection, path: &Path, no_update: bool) -> Outcome {
    import::organisations::import(
        conn,
        path,
        Options {
            no_update,
            ..Options::default()
        },
        &Quiet,
    )
    .await
    .expect("the import runs")
}

async fn refused(file: &str, code: Code, row: Option<usize>, column: Option<&str>) {
    let (fresh, conn) = database().await;
    let before = fingerprint(&conn).await;
    let outcome = import_file(&conn, &data(&format!("malformed/{file}")), false).await;
    let Outcome::Refused { problems, .. } = outcome else {
        panic!("{file} was imported: {outcome:?}");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.code == code && p.row == row && p.column.as_deref() == column),
        "{file}: no {code} at row {row:?}, column {column:?} in {problems:#?}"
    );
    assert!(
        problems.iter().all(|p| p.file.ends_with(file)),
        "{problems:?}"
    );
    assert_eq!(
        fingerprint(&conn).await,
        before,
        "{file} changed the database"
    );
    conn.close().await.ok();
    fresh.drop().await;
}

macro_rules! malformed {
    ($($name:ident: $file:literal => $code:ident, $row:expr, $column:expr;)*) => {
        $(
            #[tokio::test]
            async fn $name() {
                refused($file, Code::$code, $row, $column).await;
            }
        )*
    };
}

malformed! {
    a_missing_column_is_a_missing_label: "org_missing_label.csv" => MissingLabel, Some(1), Some("status");
    a_column_twice_is_a_duplicate_label: "org_duplicate_label.csv" => DuplicateLabel, Some(1), Some("name");
    an_unknown_column_is_an_extra_label: "org_extra_label.csv" => ExtraLabel, Some(1), Some("colour");
    an_unknown_column_in_a_semicolon_file_is_found_too: "org_semicolon_extra_label.csv" => ExtraLabel, Some(1), Some("colour");
    a_column_without_a_name_is_a_blank_label: "org_blank_label.csv" => BlankLabel, Some(1), Some("");
    a_row_longer_than_the_header_has_an_extra_cell: "org_extra_cell.csv" => ExtraCell, Some(3), None;
    a_row_shorter_than_the_header_has_a_missing_cell: "org_missing_cell.csv" => MissingCell, Some(2), None;
    a_year_in_words_is_a_type_error: "org_type_error_year.csv" => TypeError, Some(3), Some("founded_year");
    a_fractional_year_in_a_tab_file_is_a_type_error: "org_tab_type_error.csv" => TypeError, Some(2), Some("founded_year");
    a_year_before_1800_breaks_a_constraint: "org_year_out_of_range.csv" => ConstraintError, Some(2), Some("founded_year");
    an_empty_name_breaks_a_constraint: "org_missing_name.csv" => ConstraintError, Some(2), Some("name");
    an_empty_id_after_a_byte_order_mark_breaks_a_constraint: "org_bom_missing_id.csv" => ConstraintError, Some(4), Some("id");
    an_unknown_region_is_a_foreign_key_error: "org_unknown_region.csv" => ForeignKey, Some(2), Some("region");
    an_unknown_region_in_a_workbook_is_found_on_its_row: "org_xlsx_unknown_region.xlsx" => ForeignKey, Some(3), Some("region");
    an_unknown_kind_breaks_a_constraint: "org_unknown_kind.csv" => ConstraintError, Some(2), Some("kind");
    an_unknown_status_breaks_a_constraint: "org_unknown_status.csv" => ConstraintError, Some(2), Some("status");
    an_id_twice_is_a_duplicate_row: "org_duplicate_id.csv" => DuplicateRow, Some(4), Some("id");
    latin1_bytes_are_an_encoding_error: "org_latin1.csv" => EncodingError, Some(2), Some("name");
    a_date_not_in_iso_form_is_a_type_error: "org_date_format.csv" => TypeError, Some(2), Some("last_verified");
    a_date_in_the_future_breaks_a_constraint: "org_date_in_future.csv" => ConstraintError, Some(2), Some("last_verified");
    closing_before_founding_breaks_a_constraint: "org_closed_before_founded.csv" => ConstraintError, Some(2), Some("closed_year");
    a_closing_year_on_an_active_organisation_breaks_a_constraint: "org_closed_year_but_active.csv" => ConstraintError, Some(2), Some("closed_year");
    a_website_without_a_scheme_breaks_a_constraint: "org_website_without_scheme.csv" => ConstraintError, Some(2), Some("website");
    an_unknown_successor_is_a_foreign_key_error: "org_unknown_successor.csv" => ForeignKey, Some(2), Some("successor_id");
    succeeding_oneself_breaks_a_constraint: "org_successor_itself.csv" => ConstraintError, Some(2), Some("successor_id");
    an_empty_file_is_a_format_error: "org_empty.csv" => FormatError, None, None;
}

#[tokio::test]
async fn the_corpus_has_a_test_for_every_file() {
    let source = include_str!("import.rs");
    let mut files: Vec<String> = std::fs::read_dir(data("malformed"))
        .expect("the corpus folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert!(files.len() >= 25, "{} files", files.len());
    for file in files {
        assert!(
            source.contains(&format!("\"{file}\"")),
            "{file} has no test"
        );
    }
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let (fresh, conn) = database().await;
    let file = data("valid/organisations.csv");
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the valid file was refused");
    };
    assert_eq!(
        summary,
        Summary {
            inserted: 3,
            ..Summary::default()
        }
    );
    let after_first = fingerprint(&conn).await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the second import was refused");
    };
    assert_eq!(
        summary,
        Summary {
            unchanged: 3,
            ..Summary::default()
        }
    );
    assert_eq!(
        fingerprint(&conn).await,
        after_first,
        "nothing changed, not even the version"
    );

    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT o.external_id AS id, o.name AS name, o.kind AS kind, o.fields_of_activity AS fields,
                    s.external_id AS successor
             FROM organisation o LEFT JOIN organisation s ON s.id = o.successor_id
             WHERE o.external_id IN ('V1', 'V2', 'V3') ORDER BY o.external_id",
        ))
        .await
        .expect("the query runs");
    let name: String = rows[0].try_get("", "name").expect("name");
    assert_eq!(name, "Jauniešu klubs \"Talsi\"");
    let kind: String = rows[0].try_get("", "kind").expect("kind");
    assert_eq!(kind, "YOUTH_ASSOCIATION");
    let fields: String = rows[0].try_get("", "fields").expect("fields");
    assert_eq!(fields, r#"["sport","culture"]"#);
    let successor: Option<String> = rows[1].try_get("", "successor").expect("successor");
    assert_eq!(successor.as_deref(), Some("V1"));
    conn.close().await.ok();
    fresh.drop().await;
}

#[tokio::test]
async fn a_changed_row_is_updated_or_refused_with_no_update() {
    let (fresh, conn) = database().await;
    let original = data("valid/organisations.csv");
    assert!(matches!(
        import_file(&conn, &original, false).await,
        Outcome::Written { .. }
    ));
    let changed_dir = std::env::temp_dir().join(format!("hub-import-{}", std::process::id()));
    std::fs::create_dir_all(&changed_dir).expect("a folder");
    let changed = changed_dir.join("changed.csv");
    let text = std::fs::read_to_string(&original).expect("the file");
    std::fs::write(
        &changed,
        text.replace("Dalarnas ungdomsråd", "Dalarnas ungdomsråd (ny)"),
    )
    .expect("written");

    let before = fingerprint(&conn).await;
    let Outcome::Refused { problems, .. } = import_file(&conn, &changed, true).await else {
        panic!("--no-update let a change through");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, Code::UpdateRefused);
    assert_eq!(problems[0].row, Some(4));
    assert_eq!(problems[0].value.as_deref(), Some("V3"));
    assert_eq!(fingerprint(&conn).await, before);

    let Outcome::Written { summary } = import_file(&conn, &changed, false).await else {
        panic!("the change was refused");
    };
    assert_eq!(
        summary,
        Summary {
            updated: 1,
            unchanged: 2,
            ..Summary::default()
        }
    );
    assert_ne!(
        fingerprint(&conn).await,
        before,
        "the name and the version changed"
    );
    std::fs::remove_dir_all(changed_dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

#[tokio::test]
async fn a_workbook_imports_like_a_csv() {
    let (fresh, conn) = database().await;
    let Outcome::Written { summary } =
        import_file(&conn, &data("valid/organisations.xlsx"), false).await
    else {
        panic!("the workbook was refused");
    };
    assert_eq!(summary.inserted, 3);
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT o.name AS name, o.last_verified AS verified, s.external_id AS successor, o.closed_year AS closed
             FROM organisation o LEFT JOIN organisation s ON s.id = o.successor_id WHERE o.external_id = 'X2'",
        ))
        .await
        .expect("the query runs")
        .expect("X2");
    let name: String = row.try_get("", "name").expect("name");
    assert_eq!(name, "Κέντρο Νεότητας");
    let successor: Option<String> = row.try_get("", "successor").expect("successor");
    assert_eq!(successor.as_deref(), Some("X1"));
    let closed: Option<i32> = row.try_get("", "closed").expect("closed");
    assert_eq!(closed, Some(2023));
    let verified = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT last_verified AS verified FROM organisation WHERE external_id = 'X1'",
        ))
        .await
        .expect("the query runs")
        .expect("X1");
    let verified: Option<chrono::NaiveDate> = verified.try_get("", "verified").expect("a date");
    assert_eq!(verified, chrono::NaiveDate::from_ymd_opt(2026, 1, 15));
    conn.close().await.ok();
    fresh.drop().await;
}

#[tokio::test]
async fn the_command_prints_a_summary_and_writes_a_json_report_of_refusals() {
    let (fresh, conn) = database().await;
    let url = fresh.url.to_string();
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(["import", "organisations", "--database-url", &url])
        .arg(data("valid/organisations.csv"))
        .env("HUB_LOG", "warn")
        .output()
        .expect("hub runs");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.contains("3 inserted, 0 updated, 0 unchanged, 0 rejected"),
        "{stdout}"
    );

    let report = std::env::temp_dir().join(format!("hub-report-{}.json", std::process::id()));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args([
            "import",
            "organisations",
            "--database-url",
            &url,
            "--report",
        ])
        .arg(&report)
        .arg(data("malformed/org_duplicate_id.csv"))
        .env("HUB_LOG", "warn")
        .output()
        .expect("hub runs");
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("org_duplicate_id.csv, row 4, column \"id\", value \"O1\": id \"O1\" is also on row 2 (duplicate-row)"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("the report")).expect("JSON");
    assert_eq!(json["outcome"], "refused");
    assert_eq!(json["problems"][0]["code"], "duplicate-row");
    assert_eq!(json["problems"][0]["row"], 4);
    assert_eq!(json["problems"][0]["column"], "id");
    std::fs::remove_file(report).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

/// Kills `hub import` with SIGKILL while it writes a large file; the database must be as
/// before each time, and intact.
#[tokio::test]
async fn kill_9_in_the_middle_of_an_import_leaves_the_database_as_it_was() {
    use tokio::io::{AsyncBufReadExt, BufReader};

    let (fresh, conn) = database().await;
    let dir = std::env::temp_dir().join(format!("hub-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let big = dir.join("big.csv");
    let mut text = String::from("id,name,region,kind,status,founded_year\n");
    for i in 0..150_000 {
        text.push_str(&format!(
            "K{i},Organisation {i},LV-TALSI,NGO,ACTIVE,{}\n",
            1990 + i % 30
        ));
    }
    std::fs::write(&big, text).expect("the big file");
    let before = fingerprint(&conn).await;
    conn.close().await.ok();
    let url = fresh.url.to_string();
    for delay_ms in [0_u64, 150, 400] {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hub"))
            .args(["import", "organisations", "--database-url", &url])
            .arg(&big)
            .env("HUB_LOG", "info")
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("hub starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut writing = false;
        while let Ok(Some(line)) = lines.next_line().await {
            if line.contains("writing organisations") {
                writing = true;
                break;
            }
        }
        assert!(writing, "the import never started writing");
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        let pid = child.id().expect("a pid").to_string();
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let status = child.wait().await.expect("hub ends");
        assert!(
            !status.success(),
            "the import finished before the kill at {delay_ms} ms"
        );

        let (conn, _) = db::connect(&fresh.url).await.expect("the database opens");
        assert_eq!(
            fingerprint(&conn).await,
            before,
            "after a kill at {delay_ms} ms"
        );
        let check = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .expect("the check runs")
            .expect("a row");
        let verdict: String = check.try_get_by_index(0).expect("a verdict");
        assert_eq!(verdict, "ok");
        conn.close().await.ok();
    }
    // The file itself is fine: left alone, the same import writes every row.
    let done = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args(["import", "organisations", "--database-url", &url])
        .arg(&big)
        .env("HUB_LOG", "warn")
        .output()
        .expect("hub runs");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("150000 inserted"));
    std::fs::remove_dir_all(dir).ok();
    fresh.drop().await;
}
