//! `hub import`: the malformed-file corpus (each file refused with the right code, row
//! and column, and the database unchanged), idempotent re-imports, updates, `--no-update`,
//! XLSX, and `kill -9` in the middle of a large import.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::path::{Path, PathBuf};

use hub::{
    db,
    import::{self, Code, Options, Outcome, Quiet, Summary},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::helpers::{Backend, FreshDatabase, on_each_backend};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// A fresh database with a small demo dataset (its regions and codebook).
async fn database(backend: Backend) -> (FreshDatabase, DatabaseConnection) {
    crate::helpers::small_demo(backend).await
}

/// What must not change when an import is refused: every organisation's content, the
/// numbers of respondents, answers, findings and interviews, and the data version.
async fn fingerprint(conn: &DatabaseConnection) -> String {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT (SELECT COUNT(*) FROM organisation) AS n,
                    (SELECT COALESCE(SUM(LENGTH(name) + id + COALESCE(founded_year, 0)), 0) FROM organisation) AS content,
                    (SELECT version FROM data_version WHERE id = 1) AS version,
                    (SELECT COUNT(*) FROM respondent) + 1000 * (SELECT COUNT(*) FROM answer)
                      + 1000000 * (SELECT COUNT(*) FROM finding) + 1000000000 * (SELECT COUNT(*) FROM interview) AS records,
                    CAST((SELECT COUNT(*) FROM municipality) + 1000 * (SELECT COUNT(*) FROM region)
                      + (SELECT COALESCE(SUM(population), 0) FROM region)
                      + (SELECT COALESCE(SUM(LENGTH(name)), 0) FROM municipality)
                      + 7 * (SELECT COUNT(*) FROM sub_code) + 13 * (SELECT COUNT(*) FROM theme)
                      + 17 * (SELECT COUNT(*) FROM collaboration)
                      + 19 * (SELECT COUNT(*) FROM collaboration_organisation)
                      + (SELECT COALESCE(SUM(LENGTH(CAST(name AS TEXT))), 0) FROM sub_code) AS BIGINT) AS areas",
        ))
        .await
        .expect("the fingerprint query runs")
        .expect("a row");
    let n: i64 = row.try_get("", "n").expect("n");
    let content: i64 = row.try_get("", "content").expect("content");
    let version: i64 = row.try_get("", "version").expect("version");
    let records: i64 = row.try_get("", "records").expect("records");
    let areas: i64 = row.try_get("", "areas").expect("areas");
    format!(
        "{n} organisations, content {content}, version {version}, records {records}, areas {areas}"
    )
}

/// The audit trail's import rows, oldest first: action and details.
async fn audit_details(conn: &DatabaseConnection) -> Vec<(String, serde_json::Value)> {
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        "SELECT action, details FROM audit_event WHERE action LIKE 'import.%' ORDER BY id",
    ))
    .await
    .expect("the audit trail reads")
    .iter()
    .map(|row| {
        let action: String = row.try_get("", "action").expect("action");
        let details: String = row.try_get("", "details").expect("details");
        (
            action,
            serde_json::from_str(&details).expect("JSON details"),
        )
    })
    .collect()
}

/// Imports a file: survey files (named `survey_*`) into the demo survey, `findings*` as
/// findings, others as organisations.
async fn import_file(conn: &DatabaseConnection, path: &Path, no_update: bool) -> Outcome {
    let options = Options {
        no_update,
        ..Options::default()
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with("survey_") {
        import::survey::import(conn, "YC-2026", path, options, &Quiet).await
    } else if name.starts_with("findings") {
        import::findings::import(conn, path, options, &Quiet).await
    } else if name.starts_with("codebook") {
        import::codebook::import(conn, path, options, &Quiet).await
    } else if name.starts_with("collaborations") {
        import::collaborations::import(conn, path, options, &Quiet).await
    } else if name.starts_with("areas") {
        import::areas::import(conn, path, options, &Quiet).await
    } else {
        import::organisations::import(conn, path, options, &Quiet).await
    }
    .expect("the import runs")
}

async fn refused(
    backend: Backend,
    file: &str,
    code: Code,
    row: Option<usize>,
    column: Option<&str>,
) {
    let (fresh, conn) = database(backend).await;
    let before = fingerprint(&conn).await;
    let audited = audit_details(&conn).await.len();
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
    assert_eq!(
        audit_details(&conn).await.len(),
        audited,
        "a refused import is not audited"
    );
    conn.close().await.ok();
    fresh.drop().await;
}

macro_rules! malformed {
    ($($name:ident: $file:literal => $code:ident, $row:expr, $column:expr;)*) => {
        $(
            mod $name {
                use super::*;

                #[tokio::test]
                async fn sqlite() {
                    refused(Backend::Sqlite, $file, Code::$code, $row, $column).await;
                }

                #[tokio::test]
                #[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
                async fn postgres() {
                    refused(Backend::Postgres, $file, Code::$code, $row, $column).await;
                }
            }
        )*
    };
}

malformed! {
    an_example_naming_an_unknown_organisation_is_refused: "collaborations_unknown_organisation.csv" => ForeignKey, Some(2), Some("organisations");
    an_agreement_is_one_of_four: "collaborations_bad_agreement.csv" => TypeError, Some(3), Some("agreement");
    an_example_ending_before_it_starts_is_refused: "collaborations_end_before_start.csv" => ConstraintError, Some(2), Some("end_year");
    an_example_needs_its_english_title: "collaborations_missing_english_title.csv" => ConstraintError, Some(2), Some("title::en");
    an_example_text_column_is_named_by_its_iso_code: "collaborations_language_not_iso.csv" => ExtraLabel, Some(1), Some("title::swedish");
    an_example_theme_is_a_codebook_code: "collaborations_unknown_theme.csv" => ForeignKey, Some(2), Some("themes");
    an_examples_municipality_lies_in_its_region: "collaborations_municipality_of_another_region.csv" => ForeignKey, Some(2), Some("municipality");
    a_code_without_its_english_name_is_refused: "codebook_missing_english_name.csv" => ConstraintError, Some(3), Some("name::en");
    a_sub_code_needs_its_themes_row: "codebook_sub_code_without_theme.csv" => ForeignKey, Some(2), Some("theme");
    a_code_is_capitals_digits_and_underscores: "codebook_bad_code.csv" => ConstraintError, Some(2), Some("theme");
    a_language_column_is_named_by_its_iso_code: "codebook_language_not_iso.csv" => ExtraLabel, Some(1), Some("name::english");
    a_municipality_without_its_region_is_refused: "areas_municipality_without_parent.csv" => ConstraintError, Some(3), Some("parent");
    an_unknown_kind_of_area_is_a_type_error: "areas_unknown_kind.csv" => TypeError, Some(3), Some("kind");
    a_population_needs_its_source: "areas_population_without_source.csv" => ConstraintError, Some(3), Some("population_source");
    an_unknown_parent_is_a_foreign_key_error: "areas_unknown_parent.csv" => ForeignKey, Some(2), Some("parent");
    an_area_code_twice_is_a_duplicate_row: "areas_duplicate_code.csv" => DuplicateRow, Some(4), Some("code");
    a_new_region_needs_its_population: "areas_region_without_population.csv" => ConstraintError, Some(2), Some("population");
    a_municipality_lies_in_its_regions_country: "areas_country_differs_from_parent.csv" => ConstraintError, Some(3), Some("country_code");
    languages_are_iso_639_1_codes: "areas_language_not_iso.csv" => TypeError, Some(2), Some("languages");
    a_population_is_a_whole_number: "areas_population_not_a_number.csv" => TypeError, Some(2), Some("population");
    an_organisations_municipality_lies_in_its_region: "org_municipality_of_another_region.csv" => ForeignKey, Some(2), Some("municipality");
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
    a_workbook_declaring_the_whole_sheet_is_refused_before_it_is_read: "org_xlsx_whole_sheet.xlsx" => FormatError, None, None;
    a_workbook_cell_beyond_the_row_limit_is_refused: "org_xlsx_far_cell.xlsx" => FormatError, None, None;
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
    a_survey_without_an_id_column_is_a_missing_label: "survey_no_id_column.csv" => MissingLabel, Some(1), Some("id");
    a_column_that_is_no_question_is_an_extra_label: "survey_unknown_question.csv" => ExtraLabel, Some(1), Some("ZZ9");
    an_option_column_of_an_unknown_option_is_an_extra_label: "survey_unknown_option_column.csv" => ExtraLabel, Some(1), Some("CH1/TELEPATHY");
    a_likert_level_of_7_breaks_a_constraint: "survey_likert_out_of_range.csv" => ConstraintError, Some(2), Some("SU1");
    a_label_not_on_the_scale_is_a_type_error: "survey_likert_unknown_label.csv" => TypeError, Some(3), Some("SU2");
    an_unknown_choice_is_a_foreign_key_error: "survey_unknown_choice.csv" => ForeignKey, Some(2), Some("CH1");
    an_option_column_with_x_is_a_type_error: "survey_option_flag.csv" => TypeError, Some(2), Some("CH1/EMAIL");
    a_respondent_in_an_unknown_region_is_a_foreign_key_error: "survey_unknown_region.csv" => ForeignKey, Some(2), Some("region");
    an_unknown_role_breaks_a_constraint: "survey_unknown_role.csv" => ConstraintError, Some(2), Some("role");
    an_empty_role_breaks_a_constraint: "survey_missing_role.csv" => ConstraintError, Some(2), Some("role");
    a_respondent_twice_is_a_duplicate_row: "survey_duplicate_respondent.csv" => DuplicateRow, Some(4), Some("_uuid");
    an_organisation_not_in_the_registry_is_a_foreign_key_error: "survey_unknown_organisation.csv" => ForeignKey, Some(2), Some("organisation");
    a_finding_of_an_unknown_theme_is_a_foreign_key_error: "findings_unknown_theme.csv" => ForeignKey, Some(2), Some("theme");
    a_sub_code_of_another_theme_breaks_a_constraint: "findings_sub_code_of_another_theme.csv" => ConstraintError, Some(2), Some("sub_code");
    an_interview_on_two_dates_breaks_a_constraint: "findings_interview_disagrees.csv" => ConstraintError, Some(3), Some("interview");
    an_interview_date_not_in_iso_form_is_a_type_error: "findings_date_format.csv" => TypeError, Some(2), Some("held_on");
    a_quote_in_an_unknown_language_breaks_a_constraint: "findings_unknown_language.csv" => ConstraintError, Some(2), Some("language");
    a_finding_without_a_quote_breaks_a_constraint: "findings_missing_quote.csv" => ConstraintError, Some(2), Some("quote");
}

async fn findings_create_their_interviews_and_import_once(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let file = data("valid/findings.csv");
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the findings were refused");
    };
    assert_eq!(
        summary,
        Summary {
            inserted: 4,
            ..Summary::default()
        }
    );
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT i.external_id AS interview, COUNT(*) AS n, MIN(g.code) AS region, MIN(f.search_text) AS search
             FROM finding f JOIN interview i ON i.id = f.interview_id JOIN region g ON g.id = i.region_id
             WHERE f.external_id IN ('F1', 'F2', 'F3', 'F4') GROUP BY i.external_id ORDER BY i.external_id",
        ))
        .await
        .expect("the query runs");
    let got: Vec<(String, i64, String)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get("", "interview").expect("interview"),
                r.try_get("", "n").expect("n"),
                r.try_get("", "region").expect("region"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("I1".to_owned(), 2, "LV-TALSI".to_owned()),
            ("I2".to_owned(), 1, "CY-CYPRUS".to_owned()),
            ("I3".to_owned(), 1, "SE-DALARNA".to_owned())
        ]
    );
    let before = fingerprint(&conn).await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the second import was refused");
    };
    assert_eq!(
        summary,
        Summary {
            unchanged: 4,
            ..Summary::default()
        }
    );
    assert_eq!(fingerprint(&conn).await, before);
    conn.close().await.ok();
    fresh.drop().await;
}

/// Stored JSON as text in one spelling: PostgreSQL's `jsonb` prints `["a", "b"]`,
/// SQLite keeps `["a","b"]`.
fn compact_json(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| text.to_owned())
}

/// SU1 to CR5: two capitals and a digit, not FT1.
fn is_likert_code(header: &str) -> bool {
    let b = header.as_bytes();
    b.len() == 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2].is_ascii_digit()
        && header != "FT1"
}

async fn answers_of(
    conn: &DatabaseConnection,
    respondent: &str,
) -> Vec<(String, Option<i16>, Option<String>, Option<String>)> {
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        format!(
            "SELECT q.code AS code, a.value AS value, CAST(a.choices AS TEXT) AS choices, a.text AS text
             FROM answer a JOIN question q ON q.id = a.question_id JOIN respondent r ON r.id = a.respondent_id
             WHERE r.external_id = '{respondent}' ORDER BY q.position"
        ),
    ))
    .await
    .expect("the query runs")
    .into_iter()
    .map(|row| {
        (
            row.try_get("", "code").expect("code"),
            row.try_get("", "value").expect("value"),
            row.try_get::<Option<String>>("", "choices")
                .expect("choices")
                .map(|json| compact_json(&json)),
            row.try_get("", "text").expect("text"),
        )
    })
    .collect()
}

async fn a_kobo_export_with_labels_and_option_columns_is_imported_once(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let file = data("valid/survey_kobo.csv");
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the Kobo file was refused");
    };
    assert_eq!(
        summary,
        Summary {
            inserted: 6,
            ..Summary::default()
        }
    );
    // Count the answers the file holds, independently of the importer.
    let mut reader = csv::Reader::from_path(&file).expect("the file");
    let headers = reader.headers().expect("a header").clone();
    let mut expected = 0;
    for record in reader.records() {
        let record = record.expect("a record");
        let cell = |name: &str| {
            record
                .get(headers.iter().position(|h| h == name).expect(name))
                .expect("a cell")
        };
        expected += headers
            .iter()
            .filter(|h| is_likert_code(h) && !cell(h).is_empty())
            .count();
        expected += usize::from(
            headers
                .iter()
                .any(|h| h.starts_with("CH1/") && cell(h) == "1"),
        );
        expected += usize::from(!cell("FT1").is_empty());
    }
    let count = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM answer a JOIN respondent r ON r.id = a.respondent_id WHERE r.external_id LIKE 'kobo-uuid-%'",
        ))
        .await
        .expect("the count runs")
        .expect("a row");
    let n: i64 = count.try_get("", "n").expect("n");
    assert_eq!(n as usize, expected);

    let first = answers_of(&conn, "kobo-uuid-0").await;
    assert_eq!(first[0], ("SU1".into(), Some(1), None, None), "a level");
    assert_eq!(
        first[1],
        ("SU2".into(), Some(2), None, None),
        "the Latvian label Nepiekrītu"
    );
    let ch1 = first.iter().find(|a| a.0 == "CH1").expect("CH1");
    assert_eq!(ch1.2.as_deref(), Some(r#"["MEETINGS","PERSONAL_CONTACT"]"#));
    let third = answers_of(&conn, "kobo-uuid-2").await;
    assert!(
        !third.iter().any(|a| a.0 == "SU5"),
        "an empty cell is no answer"
    );
    let second = answers_of(&conn, "kobo-uuid-1").await;
    assert_eq!(
        second.last().map(|a| a.3.clone()),
        Some(Some("Vairāk sanāksmju".into()))
    );

    let before = fingerprint(&conn).await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the second import was refused");
    };
    assert_eq!(
        summary,
        Summary {
            unchanged: 6,
            ..Summary::default()
        }
    );
    assert_eq!(fingerprint(&conn).await, before);
    conn.close().await.ok();
    fresh.drop().await;
}

async fn a_limesurvey_export_with_semicolons_and_choice_codes_is_imported(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let Outcome::Written { summary } =
        import_file(&conn, &data("valid/survey_limesurvey.csv"), false).await
    else {
        panic!("the LimeSurvey file was refused");
    };
    assert_eq!(summary.inserted, 4);
    let first = answers_of(&conn, "ls-0").await;
    let ch1 = first.iter().find(|a| a.0 == "CH1").expect("CH1");
    assert_eq!(ch1.2.as_deref(), Some(r#"["EMAIL","MEETINGS"]"#));
    assert_eq!(
        first.last().and_then(|a| a.3.clone()).as_deref(),
        Some("Περισσότερη συνεργασία")
    );
    let third = answers_of(&conn, "ls-2").await;
    assert!(
        !third.iter().any(|a| a.0 == "CH1"),
        "an empty choice cell is no answer"
    );
    let fourth = answers_of(&conn, "ls-3").await;
    let ch1 = fourth.iter().find(|a| a.0 == "CH1").expect("CH1");
    assert_eq!(
        ch1.2.as_deref(),
        Some(r#"["CITIZEN_FORUM"]"#),
        "codes in any case"
    );
    conn.close().await.ok();
    fresh.drop().await;
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

/// The example collaborations: written, then unchanged, then one example updated with
/// its organisations replaced; checked in the tables themselves.
async fn collaborations_import_once_and_update(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let registry = import_file(&conn, &root.join("organisations.csv"), false).await;
    assert!(matches!(registry, Outcome::Written { .. }), "{registry:?}");
    let file = root.join("collaborations.csv");
    let summaries = [
        import_file(&conn, &file, false).await,
        import_file(&conn, &file, false).await,
    ];
    let counts: Vec<(u64, u64)> = summaries
        .iter()
        .map(|o| match o {
            Outcome::Written { summary } => (summary.inserted, summary.unchanged),
            refused => panic!("refused: {refused:?}"),
        })
        .collect();
    assert_eq!(counts, [(2, 0), (0, 2)]);
    let text = std::fs::read_to_string(&file).expect("the example file");
    let changed = text.replace("SAMPLE-1;SAMPLE-2,SHARED", "SAMPLE-1,SHARED");
    assert_ne!(changed, text);
    let dir = std::env::temp_dir().join(format!(
        "hub-collaborations-{}-{backend:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a folder");
    let copy = dir.join("collaborations.csv");
    std::fs::write(&copy, changed).expect("the changed copy");
    let Outcome::Written { summary } = import_file(&conn, &copy, false).await else {
        panic!("the change was refused");
    };
    assert_eq!((summary.updated, summary.unchanged), (1, 1));
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT (SELECT COUNT(*) FROM collaboration_organisation l JOIN collaboration c
                     ON c.id = l.collaboration_id WHERE c.external_id = 'SAMPLE-C1') AS members,
                    (SELECT agreement FROM collaboration WHERE external_id = 'SAMPLE-C2') AS agreement,
                    (SELECT municipality FROM collaboration WHERE external_id = 'SAMPLE-C1') AS place",
        ))
        .await
        .expect("the query runs")
        .expect("a row");
    let members: i64 = row.try_get("", "members").expect("members");
    let agreement: String = row.try_get("", "agreement").expect("agreement");
    let place: String = row.try_get("", "place").expect("place");
    assert_eq!(
        (members, agreement.as_str(), place.as_str()),
        (1, "CONTRACT", "Falun")
    );
    std::fs::remove_dir_all(dir).ok();
    fresh.drop().await;
}

async fn importing_the_same_file_twice_changes_nothing_the_second_time(backend: Backend) {
    let (fresh, conn) = database(backend).await;
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
    // Both imports are in the audit trail, each with its counts.
    let audited = audit_details(&conn).await;
    let counts: Vec<(&str, u64, u64)> = audited
        .iter()
        .map(|(action, d)| {
            (
                action.as_str(),
                d["inserted"].as_u64().unwrap_or(99),
                d["unchanged"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("import.organisations", 3, 0),
            ("import.organisations", 0, 3)
        ]
    );

    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT o.external_id AS id, o.name AS name, o.kind AS kind, CAST(o.fields_of_activity AS TEXT) AS fields,
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
    assert_eq!(compact_json(&fields), r#"["sport","culture"]"#);
    let successor: Option<String> = rows[1].try_get("", "successor").expect("successor");
    assert_eq!(successor.as_deref(), Some("V1"));
    conn.close().await.ok();
    fresh.drop().await;
}

/// The data version and the answers version.
async fn versions(conn: &DatabaseConnection) -> (i64, i64) {
    let statement = Statement::from_string(
        conn.get_database_backend(),
        "SELECT version, answers_version FROM data_version WHERE id = 1",
    );
    let row = (conn.query_one_raw(statement).await)
        .expect("read")
        .expect("a row");
    (
        row.try_get_by_index(0).expect("version"),
        row.try_get_by_index(1).expect("answers_version"),
    )
}

async fn a_changed_row_is_updated_or_refused_with_no_update(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let original = data("valid/organisations.csv");
    let (data_version, answers_version) = versions(&conn).await;
    assert!(matches!(
        import_file(&conn, &original, false).await,
        Outcome::Written { .. }
    ));
    // New organisations have no respondents: the answers are counted as before.
    assert_eq!(versions(&conn).await, (data_version + 1, answers_version));
    let changed_dir =
        std::env::temp_dir().join(format!("hub-import-{}-{backend:?}", std::process::id()));
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

    // A short row before the changed one is reported as such; finding the changed
    // row's number must not index the short row's missing cells (it panicked once).
    let short = changed_dir.join("short.csv");
    let changed_text = std::fs::read_to_string(&changed).expect("the file");
    let (head, v3) = changed_text
        .split_once("\nV3;")
        .expect("the file has a V3 row");
    std::fs::write(&short, format!("{head}\n;x\nV3;{v3}")).expect("written");
    let Outcome::Refused { problems, .. } = import_file(&conn, &short, true).await else {
        panic!("--no-update let a change through");
    };
    let found: Vec<(Code, Option<usize>)> = problems.iter().map(|p| (p.code, p.row)).collect();
    assert!(
        found.contains(&(Code::MissingCell, Some(4))),
        "{problems:#?}"
    );
    assert!(
        found.contains(&(Code::UpdateRefused, Some(5))),
        "{problems:#?}"
    );
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
    assert_eq!(versions(&conn).await, (data_version + 2, answers_version));

    // A new kind changes what the answers are counted by.
    let kind = changed_dir.join("kind.csv");
    std::fs::write(
        &kind,
        changed_text.replace("SE-DALARNA;OTHER;", "SE-DALARNA;NGO;"),
    )
    .expect("written");
    assert!(matches!(
        import_file(&conn, &kind, false).await,
        Outcome::Written { .. }
    ));
    assert_eq!(
        versions(&conn).await,
        (data_version + 3, answers_version + 1)
    );
    std::fs::remove_dir_all(changed_dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

async fn a_workbook_imports_like_a_csv(backend: Backend) {
    let (fresh, conn) = database(backend).await;
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

async fn the_command_prints_a_summary_and_writes_a_json_report_of_refusals(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let url = fresh.url.to_string();
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args([
            "import",
            "organisations",
            "--into-demo",
            "--database-url",
            &url,
        ])
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

    let report = std::env::temp_dir().join(format!(
        "hub-report-{}-{backend:?}.json",
        std::process::id()
    ));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_hub"))
        .args([
            "import",
            "organisations",
            "--into-demo",
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

    // SQLite only: the question is whether its file survives a kill intact.
    let (fresh, conn) = database(Backend::Sqlite).await;
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
            .args([
                "import",
                "organisations",
                "--into-demo",
                "--database-url",
                &url,
            ])
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
        .args([
            "import",
            "organisations",
            "--into-demo",
            "--database-url",
            &url,
        ])
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

async fn a_respondent_with_changed_answers_is_updated_or_refused_with_no_update(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let original = data("valid/survey_limesurvey.csv");
    assert!(matches!(
        import_file(&conn, &original, false).await,
        Outcome::Written { .. }
    ));
    let dir = std::env::temp_dir().join(format!(
        "hub-survey-update-{}-{backend:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a folder");
    // Same name pattern, so that import_file reads it as a survey file.
    let changed = dir.join("survey_changed.csv");
    let text = std::fs::read_to_string(&original).expect("the file");
    std::fs::write(&changed, text.replace("EMAIL MEETINGS", "EMAIL")).expect("written");

    let before = fingerprint(&conn).await;
    let Outcome::Refused { problems, .. } = import_file(&conn, &changed, true).await else {
        panic!("--no-update let a change through");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, Code::UpdateRefused);
    assert_eq!(problems[0].row, Some(2));
    assert_eq!(fingerprint(&conn).await, before);

    let Outcome::Written { summary } = import_file(&conn, &changed, false).await else {
        panic!("the change was refused");
    };
    assert_eq!(
        summary,
        Summary {
            updated: 1,
            unchanged: 3,
            ..Summary::default()
        }
    );
    let first = answers_of(&conn, "ls-0").await;
    let ch1 = first.iter().find(|a| a.0 == "CH1").expect("CH1");
    assert_eq!(ch1.2.as_deref(), Some(r#"["EMAIL"]"#));
    std::fs::remove_dir_all(dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

/// A workbook that unzips past the limit (1.1 GiB of zeros in 1.1 MB) and a file larger
/// than the size limit are refused before they are read, naming the limit; a workbook
/// whose sheet unzips to 100 MiB more than it declares is refused one byte past what it
/// declares.
async fn files_past_the_limits_are_refused_before_they_are_read(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let before = fingerprint(&conn).await;
    let cases = [
        (
            data("hostile/org_xlsx_zip_bomb.xlsx"),
            Options::default(),
            // 1100 MiB of zeros and the 17,674 bytes of the workbook's own parts.
            "unzips to 1153451274 bytes; the limit is 1073741824 bytes",
        ),
        (
            // The sheet declares its 2,261 bytes and unzips to 100 MiB more.
            data("hostile/org_xlsx_lying_sizes.xlsx"),
            Options::default(),
            // The zip reader stops one byte past the declared size.
            "larger than its declared uncompressed size",
        ),
        (
            data("valid/organisations.csv"),
            Options {
                file_limits: import::table::FileLimits {
                    bytes: 100,
                    ..Default::default()
                },
                ..Options::default()
            },
            "bytes; the limit is 100 bytes",
        ),
    ];
    for (path, options, says) in cases {
        let outcome = import::organisations::import(&conn, &path, options, &Quiet)
            .await
            .expect("the import runs");
        let Outcome::Refused { problems, .. } = outcome else {
            panic!("{} was imported", path.display());
        };
        assert!(
            problems
                .iter()
                .any(|p| p.code == Code::FormatError && p.message.contains(says)),
            "{} should say {says:?}: {problems:#?}",
            path.display()
        );
    }
    let whole = import::organisations::import(
        &conn,
        &data("malformed/org_xlsx_whole_sheet.xlsx"),
        Options::default(),
        &Quiet,
    )
    .await
    .expect("the import runs");
    let Outcome::Refused { problems, .. } = whole else {
        panic!("the whole-sheet workbook was imported");
    };
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("reaches XFD1048576 (1048576 rows × 16384 columns)")),
        "{problems:#?}"
    );
    assert_eq!(fingerprint(&conn).await, before);
    conn.close().await.ok();
    fresh.drop().await;
}

/// Imports started at once wait for each other: the same new file six times over two
/// connection pools inserts its rows once (the others find them unchanged), and an
/// import that waits too long stops with a clear message, not "database is locked".
async fn imports_at_once_wait_for_each_other(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let (other, _) = db::connect(&fresh.url).await.expect("a second pool");
    let file = data("valid/organisations.csv");
    let mut tasks = Vec::new();
    for i in 0..6 {
        let pool = if i % 2 == 0 {
            conn.clone()
        } else {
            other.clone()
        };
        let file = file.clone();
        tasks.push(tokio::spawn(async move {
            import::organisations::import(&pool, &file, Options::default(), &Quiet).await
        }));
    }
    let mut inserted = Vec::new();
    for task in tasks {
        match task.await.expect("the task ends") {
            Ok(Outcome::Written { summary }) => {
                inserted.push((summary.inserted, summary.unchanged))
            }
            other => panic!("an import at the same time failed: {other:?}"),
        }
    }
    inserted.sort_unstable();
    assert_eq!(inserted, [(0, 3), (0, 3), (0, 3), (0, 3), (0, 3), (3, 0)]);
    let copies = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM organisation WHERE external_id IN ('V1', 'V2', 'V3')",
        ))
        .await
        .expect("the count runs")
        .expect("a row");
    assert_eq!(copies.try_get::<i64>("", "n").expect("n"), 3);

    // Another write holds the database for longer than an import waits.
    let before = fingerprint(&conn).await;
    let held = db::begin_write(&conn).await.expect("the write lock");
    let started = std::time::Instant::now();
    let error = import::organisations::import(
        &other,
        &data("valid/organisations.xlsx"),
        Options::default(),
        &Quiet,
    )
    .await
    .expect_err("the import gave up");
    assert!(
        started.elapsed() >= db::WRITE_WAIT / 2,
        "it did not wait: {:?}",
        started.elapsed()
    );
    assert!(matches!(error, hub::Error::Busy { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("busy with another write") && !message.contains("locked"),
        "{message}"
    );
    held.rollback().await.expect("the holder lets go");
    assert_eq!(fingerprint(&conn).await, before);
    other.close().await.ok();
    conn.close().await.ok();
    fresh.drop().await;
}

on_each_backend!(
    collaborations_import_once_and_update,
    files_past_the_limits_are_refused_before_they_are_read,
    findings_create_their_interviews_and_import_once,
    a_kobo_export_with_labels_and_option_columns_is_imported_once,
    a_limesurvey_export_with_semicolons_and_choice_codes_is_imported,
    importing_the_same_file_twice_changes_nothing_the_second_time,
    a_changed_row_is_updated_or_refused_with_no_update,
    a_workbook_imports_like_a_csv,
    the_command_prints_a_summary_and_writes_a_json_report_of_refusals,
    a_respondent_with_changed_answers_is_updated_or_refused_with_no_update,
    imports_at_once_wait_for_each_other,
);

/// The stored codebook written as a codebook file (English and Swedish names, the
/// themes' English descriptions), with `change` applied to its rows.
async fn codebook_file(
    conn: &DatabaseConnection,
    path: &Path,
    change: impl Fn(&mut Vec<[String; 5]>),
) {
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT t.code AS theme, '' AS sub_code, CAST(t.name AS TEXT) AS name, CAST(t.description AS TEXT) AS description,
                    t.position AS theme_position, 0 AS position
             FROM theme t
             UNION ALL
             SELECT s.theme_code, s.code, CAST(s.name AS TEXT), '{}', t.position, s.position
             FROM sub_code s JOIN theme t ON t.code = s.theme_code
             ORDER BY theme_position, position",
        ))
        .await
        .expect("the codebook reads");
    let text = |json: &str, lang: &str| -> String {
        serde_json::from_str::<serde_json::Value>(json).expect("JSON")[lang]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let mut lines: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let name: String = r.try_get("", "name").expect("name");
            let description: String = r.try_get("", "description").expect("description");
            [
                r.try_get("", "theme").expect("theme"),
                r.try_get("", "sub_code").expect("sub_code"),
                text(&name, "en"),
                text(&name, "sv"),
                text(&description, "en"),
            ]
        })
        .collect();
    change(&mut lines);
    let mut writer = csv::Writer::from_path(path).expect("a file");
    writer
        .write_record([
            "theme",
            "sub_code",
            "name::en",
            "name::sv",
            "description::en",
        ])
        .expect("a header");
    for line in lines {
        writer.write_record(&line).expect("a row");
    }
    writer.flush().expect("written");
}

async fn the_codebook_is_replaced_but_never_loses_a_code_in_use(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let dir = std::env::temp_dir().join(format!("hub-codebook-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let file = dir.join("codebook.csv");
    let count = |sql: &'static str| {
        let conn = conn.clone();
        async move {
            conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                .await
                .expect("a count")
                .expect("a row")
                .try_get::<i64>("", "n")
                .expect("n")
        }
    };
    let codes =
        count("SELECT (SELECT COUNT(*) FROM theme) + (SELECT COUNT(*) FROM sub_code) AS n").await;
    // The stored codebook, written out (with the Swedish names it has) and read back:
    // only the themes' translated descriptions the file leaves out change.
    codebook_file(&conn, &file, |_| {}).await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the stored codebook was refused");
    };
    assert_eq!(summary.inserted + summary.removed, 0, "{summary:?}");
    assert_eq!(
        i64::try_from(summary.updated + summary.unchanged).ok(),
        Some(codes)
    );
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the same file was refused");
    };
    assert_eq!(
        i64::try_from(summary.unchanged).ok(),
        Some(codes),
        "{summary:?}"
    );

    // A renamed sub-code and a new one at the end (positions follow the file's order,
    // so the others keep theirs).
    codebook_file(&conn, &file, |rows| {
        rows[1][2] = "A renamed sub-code".into();
        let theme = rows
            .iter()
            .rev()
            .find(|r| r[1].is_empty())
            .map(|r| r[0].clone())
            .unwrap_or_default();
        rows.push([
            theme,
            "NEW_CODE".into(),
            "New".into(),
            "Ny".into(),
            String::new(),
        ]);
    })
    .await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("the changed file was refused");
    };
    assert_eq!((summary.inserted, summary.updated), (1, 1), "{summary:?}");
    // Leaving out the unused new code removes it; leaving out a used one is refused,
    // with the number of findings that use it.
    codebook_file(&conn, &file, |rows| rows.retain(|r| r[1] != "NEW_CODE")).await;
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("removing an unused code was refused");
    };
    assert_eq!(summary.removed, 1);
    let used = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT f.sub_code AS code,
                    COUNT(*) + (SELECT COUNT(*) FROM question q WHERE q.sub_code = f.sub_code) AS n
             FROM finding f WHERE f.sub_code IS NOT NULL
             GROUP BY f.sub_code ORDER BY f.sub_code LIMIT 1",
        ))
        .await
        .expect("a count")
        .expect("a used sub-code");
    let (code, n): (String, i64) = (
        used.try_get("", "code").expect("code"),
        used.try_get("", "n").expect("n"),
    );
    let before = fingerprint(&conn).await;
    codebook_file(&conn, &file, |rows| rows.retain(|r| r[1] != code)).await;
    let Outcome::Refused { problems, .. } = import_file(&conn, &file, false).await else {
        panic!("removing a used code was written");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.value.as_deref() == Some(code.as_str())
                && p.message
                    .contains(&format!("which {n} findings and questions use"))),
        "{problems:#?}"
    );
    assert_eq!(fingerprint(&conn).await, before);
    std::fs::remove_dir_all(dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

on_each_backend!(the_codebook_is_replaced_but_never_loses_a_code_in_use);

/// Quotes may be in any ISO 639-1 language: Polish in Trakai, Turkish in Cyprus.
async fn quotes_in_any_iso_language_are_imported(backend: Backend) {
    let (fresh, conn) = database(backend).await;
    let file = data("valid/findings_other_languages.csv");
    let Outcome::Written { summary } = import_file(&conn, &file, false).await else {
        panic!("Polish and Turkish quotes were refused");
    };
    assert_eq!(summary.inserted, 2);
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT f.language AS language, i.language AS interview FROM finding f
             JOIN interview i ON i.id = f.interview_id WHERE f.external_id IN ('PL1', 'TR1')
             ORDER BY f.external_id",
        ))
        .await
        .expect("the query runs");
    let languages: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get("", "language").expect("language"),
                r.try_get("", "interview").expect("interview"),
            )
        })
        .collect();
    assert_eq!(
        languages,
        [("pl".into(), "pl".into()), ("tr".into(), "tr".into())]
    );
    conn.close().await.ok();
    fresh.drop().await;
}

on_each_backend!(quotes_in_any_iso_language_are_imported);
