//! The page-order migration: pages of organisations have indexes that end on `id`, and
//! undoing the migration gives the indexes back as they were, data kept. The answers
//! version's migration, undone and done again, keeps the data version.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::helpers::{Backend, on_each_backend, small_demo};

/// The names of the organisation table's indexes made by the migrations (`idx_`), sorted.
async fn indexes(db: &DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'organisation'"
        }
        _ => "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'organisation'",
    };
    let rows = (db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)))
        .await
        .expect("the indexes");
    let mut names: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "name").expect("a name"))
        .filter(|n| n.starts_with("idx_"))
        .collect();
    names.sort();
    names
}

/// The number of migrations from `name` to the last, both included: the steps that undo
/// `name`.
fn since(name: &str) -> u32 {
    let all = Migrator::migrations();
    let at = (all.iter().position(|m| m.name() == name)).expect("the migration");
    u32::try_from(all.len() - at).expect("a few migrations")
}

async fn count(db: &DatabaseConnection) -> i64 {
    let sql = "SELECT COUNT(*) AS n FROM organisation";
    let row = (db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)))
        .await
        .expect("a count")
        .expect("a row");
    row.try_get("", "n").expect("n")
}

async fn page_order_indexes_can_be_undone(backend: Backend) {
    let (_fresh, db) = small_demo(backend).await;
    let organisations = count(&db).await;
    assert!(organisations > 0);
    let now = indexes(&db).await;
    for name in [
        "idx_organisation_name_folded_id",
        "idx_organisation_region_id_name_folded_id",
    ] {
        assert!(now.contains(&name.to_owned()), "{name} missing: {now:?}");
    }
    Migrator::down(&db, Some(since("m20261206_000014_page_order")))
        .await
        .expect("undone");
    let before: Vec<String> = (now.iter())
        .map(|n| match n.as_str() {
            "idx_organisation_name_folded_id" => "idx_organisation_name_folded".to_owned(),
            "idx_organisation_region_id_name_folded_id" => "idx_organisation_region_id".to_owned(),
            other => other.to_owned(),
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(indexes(&db).await, before);
    Migrator::up(&db, None).await.expect("done again");
    assert_eq!(indexes(&db).await, now);
    assert_eq!(count(&db).await, organisations);
}

on_each_backend!(page_order_indexes_can_be_undone);

async fn the_answers_version_can_be_undone(backend: Backend) {
    let (_fresh, db) = small_demo(backend).await;
    let read = |sql: &'static str| {
        let db = db.clone();
        async move {
            let statement = Statement::from_string(db.get_database_backend(), sql);
            db.query_one_raw(statement)
                .await
                .map(|row| row.map(|r| r.try_get_by_index::<i64>(0)))
        }
    };
    let version = read("SELECT version FROM data_version")
        .await
        .expect("read")
        .expect("a row")
        .expect("a number");
    assert!(version > 0);
    assert!(
        read("SELECT answers_version FROM data_version")
            .await
            .is_ok()
    );
    Migrator::down(&db, Some(since("m20261206_000015_answers_version")))
        .await
        .expect("undone");
    assert!(
        read("SELECT answers_version FROM data_version")
            .await
            .is_err(),
        "the column is gone"
    );
    Migrator::up(&db, None).await.expect("done again");
    let again = read("SELECT version, answers_version FROM data_version")
        .await
        .expect("read")
        .expect("a row");
    assert_eq!(
        again.expect("a number"),
        version,
        "the data version is kept"
    );
}

on_each_backend!(the_answers_version_can_be_undone);
