//! The COPY read in the snapshot of the read transaction and the id set.

use super::*;

/// The answers copied on a second connection are those of the transaction's
/// snapshot, not of a write committed after it began: without the imported
/// snapshot the copy would show the fourth answer.
#[tokio::test]
#[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
async fn answers_are_copied_in_the_snapshot_of_the_transaction_they_are_read_in() {
    use sea_orm::{AccessMode, ConnectionTrait, Database, IsolationLevel, TransactionTrait};
    let admin = std::env::var("HUB_TEST_POSTGRES_URL").expect("HUB_TEST_POSTGRES_URL");
    let name = format!(
        "hub_copy_test_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    );
    let server = Database::connect(&admin).await.expect("PostgreSQL");
    server
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("CREATE DATABASE");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let db = Database::connect(format!("{base}/{name}"))
        .await
        .expect("the new database");
    db.execute_unprepared(
        "CREATE TABLE answer (respondent_id integer, question_id integer, value smallint, \
                              choices jsonb); \
         INSERT INTO answer VALUES (1, 1, 4, NULL), (1, 2, NULL, '[\"a\", \"b\"]'), \
                                   (2, 1, 2, NULL);",
    )
    .await
    .expect("answers");

    let txn = (db.begin_with_config(
        Some(IsolationLevel::RepeatableRead),
        Some(AccessMode::ReadOnly),
    ))
    .await
    .expect("a transaction");
    // Its snapshot is taken by its first statement.
    txn.execute_unprepared("SELECT 1")
        .await
        .expect("a statement");
    db.execute_unprepared("INSERT INTO answer VALUES (3, 1, 5, '[\"c\"]')")
        .await
        .expect("a later answer, committed");
    let snapshot = snapshot(&txn).await.expect("the snapshot exported");
    let columns = postgres(db.get_postgres_connection_pool(), &snapshot, Scope::All)
        .await
        .expect("the answers copied");
    txn.rollback().await.ok();
    let mut rows: Vec<_> = (0..columns.respondent.len())
        .map(|i| (columns.respondent[i], columns.question[i], columns.value[i]))
        .collect();
    rows.sort();
    assert_eq!(rows, [(1, 1, Some(4)), (1, 2, None), (2, 1, Some(2))]);
    assert_eq!(
        columns.chosen,
        (vec![1, 1], vec![2, 2], vec!["a".to_owned(), "b".to_owned()])
    );

    db.close().await.ok();
    server
        .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .ok();
}

#[test]
fn an_id_set_holds_exactly_its_ids() {
    let ids = [0, 5, 63, 64, 130, 4_097];
    let set = IdSet::of(ids.into_iter().chain([-3]));
    let held: Vec<i32> = (-70..5_000).filter(|&id| set.contains(id)).collect();
    assert_eq!(held, ids);
    assert!(!set.contains(i32::MAX));
}
