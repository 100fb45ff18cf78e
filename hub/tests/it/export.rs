//! `hub export data`: one CSV per table with the database's row counts, free text left
//! out unless asked for, formulas defused, HSDS organizations.csv and a data package
//! descriptor with keys (`.ci/run` also runs `frictionless validate` on it).
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use std::{collections::HashMap, path::Path};

use hub::{
    db, demo,
    export::data::{self, DataFormat, DataOptions},
};
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{Backend, FreshDatabase, on_each_backend};

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("a CSV file");
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            headers
                .iter()
                .map(str::to_owned)
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

async fn every_table_is_written_with_its_rows_and_a_data_package_describes_them(backend: Backend) {
    let fresh = FreshDatabase::new(backend).await;
    let (conn, _) = db::connect(&fresh.url).await.expect("the database opens");
    db::migrate(&conn).await.expect("migrations run");
    demo::fill(&conn, &demo::DemoOptions::default(), None)
        .await
        .expect("demo data");
    // A name a spreadsheet would run as a formula.
    conn.execute_unprepared("UPDATE organisation SET name = '=HYPERLINK(\"x\")' WHERE id = 1")
        .await
        .expect("the update runs");
    let dir = std::env::temp_dir().join(format!(
        "hub-export-data-{}-{backend:?}",
        std::process::id()
    ));
    let written = data::export(
        &conn,
        &dir,
        DataOptions {
            format: DataFormat::Datapackage,
            include_free_text: false,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the export runs");
    // The command line's export is in the audit trail, as the operator's.
    let audit = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT client, details FROM audit_event WHERE action = 'export.data'",
        ))
        .await
        .expect("the audit trail reads")
        .expect("an audit row for the export");
    assert_eq!(
        audit.try_get::<String>("", "client").expect("client"),
        "cli"
    );
    let details: serde_json::Value =
        serde_json::from_str(&audit.try_get::<String>("", "details").expect("details"))
            .expect("JSON");
    let people = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM respondent",
        ))
        .await
        .expect("a count")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("n");
    assert_eq!(details["people"].as_i64(), Some(people), "{details}");

    for table in [
        "region",
        "municipality",
        "organisation",
        "theme",
        "sub_code",
        "survey",
        "question",
        "respondent",
        "interview",
        "finding",
        "collaboration",
        "collaboration_organisation",
        "collaboration_theme",
        "dataset_meta",
    ] {
        let count = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("the count runs")
            .expect("a row");
        let n: i64 = count.try_get("", "n").expect("n");
        let rows = csv_rows(&dir.join(format!("{table}.csv")));
        assert_eq!(rows.len() as i64, n, "{table}");
        let reported = written.iter().find(|w| w.name == table).expect("reported");
        assert_eq!(reported.rows as i64, n, "{table}");
    }

    let answers = csv_rows(&dir.join("answer.csv"));
    assert!(
        answers.iter().all(|a| !a.contains_key("text")),
        "no free-text column"
    );
    let with_values = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM answer WHERE value IS NOT NULL OR choices IS NOT NULL",
        ))
        .await
        .expect("the count runs")
        .expect("a row");
    let n: i64 = with_values.try_get("", "n").expect("n");
    assert_eq!(answers.len() as i64, n, "free-text answers are left out");

    let organisations = csv_rows(&dir.join("organisation.csv"));
    assert_eq!(organisations[0]["name"], "'=HYPERLINK(\"x\")");
    assert!(!organisations[0].contains_key("name_folded"));
    let hsds = csv_rows(&dir.join("organizations.csv"));
    assert_eq!(hsds.len(), organisations.len());
    assert_eq!(hsds[0]["name"], "'=HYPERLINK(\"x\")");
    assert!(hsds.iter().all(|o| !o["id"].is_empty()));

    let package: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("datapackage.json")).expect("the descriptor"),
    )
    .expect("JSON");
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 18);
    let organisation = resources
        .iter()
        .find(|r| r["name"] == "organisation")
        .expect("the organisation resource");
    assert_eq!(organisation["path"], "organisation.csv");
    assert_eq!(
        organisation["schema"]["primaryKey"],
        serde_json::json!(["id"])
    );
    let kind = organisation["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == "kind")
        .expect("kind");
    assert_eq!(kind["constraints"]["enum"][0], "YOUTH_ASSOCIATION");
    assert!(
        organisation["schema"]["foreignKeys"]
            .as_array()
            .expect("keys")
            .iter()
            .any(|k| k["fields"] == "region_id" && k["reference"]["resource"] == "region")
    );

    let with_text = dir.join("with-text");
    data::export(
        &conn,
        &with_text,
        DataOptions {
            format: DataFormat::Csv,
            include_free_text: true,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the export runs");
    let all = csv_rows(&with_text.join("answer.csv"));
    assert!(
        all.len() > answers.len(),
        "free-text answers are there when asked for"
    );
    assert!(all.iter().any(|a| !a["text"].is_empty()));
    assert!(!with_text.join("datapackage.json").exists());

    std::fs::remove_dir_all(dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

async fn parquet_files_hold_typed_columns_with_the_same_rows(backend: Backend) {
    use polars::prelude::{DataType, ParquetReader, SerReader};

    let fresh = FreshDatabase::new(backend).await;
    let (conn, _) = db::connect(&fresh.url).await.expect("the database opens");
    db::migrate(&conn).await.expect("migrations run");
    demo::fill(&conn, &demo::DemoOptions::default(), None)
        .await
        .expect("demo data");
    let dir = std::env::temp_dir().join(format!(
        "hub-export-parquet-{}-{backend:?}",
        std::process::id()
    ));
    let written = data::export(
        &conn,
        &dir,
        DataOptions {
            format: DataFormat::Parquet,
            include_free_text: false,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the export runs");
    assert!(
        written.iter().all(
            |w| w.name == "organizations" || w.path.extension().is_some_and(|e| e == "parquet")
        )
    );
    let read = |name: &str| {
        let file =
            std::fs::File::open(dir.join(format!("{name}.parquet"))).expect("a parquet file");
        ParquetReader::new(file).finish().expect("polars reads it")
    };
    let organisations = read("organisation");
    let csv_export = dir.join("csv");
    data::export(
        &conn,
        &csv_export,
        DataOptions {
            format: DataFormat::Csv,
            include_free_text: false,
        },
        &hub::access::accounts::operator(),
    )
    .await
    .expect("the CSV export runs");
    let csv_rows = csv_rows(&csv_export.join("organisation.csv"));
    assert_eq!(organisations.height(), csv_rows.len());
    assert_eq!(
        organisations.column("id").expect("id").dtype(),
        &DataType::Int64
    );
    assert_eq!(
        organisations.column("founded_year").expect("year").dtype(),
        &DataType::Int64
    );
    assert_eq!(
        organisations.column("name").expect("name").dtype(),
        &DataType::String
    );
    let first_name = organisations
        .column("name")
        .expect("name")
        .str()
        .expect("text")
        .get(0)
        .map(str::to_owned);
    assert_eq!(first_name.as_deref(), Some(csv_rows[0]["name"].as_str()));
    let answers = read("answer");
    let values = answers.column("value").expect("value");
    assert_eq!(values.dtype(), &DataType::Int64);
    let total: i64 = values.i64().expect("numbers").iter().flatten().sum();
    let sum = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT SUM(value) AS s FROM answer",
        ))
        .await
        .expect("the sum runs")
        .expect("a row");
    let expected: i64 = sum.try_get("", "s").expect("s");
    assert_eq!(total, expected);
    std::fs::remove_dir_all(dir).ok();
    conn.close().await.ok();
    fresh.drop().await;
}

on_each_backend!(
    every_table_is_written_with_its_rows_and_a_data_package_describes_them,
    parquet_files_hold_typed_columns_with_the_same_rows,
);
