//! Models read by column position (`service::model_read`) from sea-orm's rows (sqlx)
//! equal the models sea-orm's derived `from_query_result` reads by name, on SQLite and
//! PostgreSQL: every organisation with its region, an outer join that found nothing,
//! and a cell of the wrong type.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use hub::{
    entity::{answer, organisation, region, respondent},
    service::model_read::{self, ModelReader},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IdenStatic, Iterable, Order,
    QueryFilter, QueryOrder, Statement,
};

use crate::helpers::{Backend, on_each_backend, small_demo};

/// `SELECT` of every column of `E` from `table`, named `{prefix}{column}`.
fn columns<E: EntityTrait>(table: &str, prefix: &str) -> String {
    E::Column::iter()
        .map(|c| format!("{table}.{0} AS \"{prefix}{0}\"", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn rows(db: &DatabaseConnection, sql: String) -> Vec<sea_orm::QueryResult> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("the statement runs")
}

async fn models_by_position_equal_sea_orm(backend: Backend) {
    let (_fresh, db) = small_demo(backend).await;
    let expected = organisation::Entity::find()
        .find_also_related(region::Entity)
        .order_by(organisation::Column::Id, Order::Asc)
        .all(&db)
        .await
        .expect("sea-orm reads them");
    assert!(expected.len() > 10, "the demo has organisations");
    // The columns in another order than the entity's, so positions matter.
    let sql = format!(
        "SELECT {}, {} FROM organisation LEFT JOIN region ON region.id = organisation.region_id \
         ORDER BY organisation.id",
        columns::<region::Entity>("region", "B_"),
        columns::<organisation::Entity>("organisation", "A_"),
    );
    let mut organisations = ModelReader::<organisation::Entity>::new("A_");
    let mut regions = ModelReader::<region::Entity>::new("B_");
    let read = rows(&db, sql)
        .await
        .iter()
        .map(|row| Ok((organisations.read(row)?, regions.read_optional(row)?)))
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()
        .expect("the rows read by position");
    assert_eq!(read, expected);

    // An outer join that found nothing is `None`, and `read` says what is missing.
    let sql = format!(
        "SELECT {} FROM region LEFT JOIN organisation ON 1 = 0",
        columns::<organisation::Entity>("organisation", "A_")
    );
    let nothing = rows(&db, sql).await;
    let mut organisations = ModelReader::<organisation::Entity>::new("A_");
    assert_eq!(
        organisations
            .read_optional(&nothing[0])
            .expect("NULLs read"),
        None
    );
    let error = organisations
        .read(&nothing[0])
        .expect_err("no organisation in the row");
    assert!(error.to_string().contains("organisation"), "{error}");

    // A cell of another type than the column's is an error naming the column.
    let sql = "SELECT id, 'not a number' AS population, code, name, country_code, \
               country_name, municipalities, languages, population_source, population_year \
               FROM region"
        .to_owned();
    let wrong = rows(&db, sql).await;
    let error = ModelReader::<region::Entity>::new("")
        .read(&wrong[0])
        .expect_err("a text where a number belongs");
    assert!(error.to_string().contains("region.population"), "{error}");
}

on_each_backend!(models_by_position_equal_sea_orm);

/// `model_read::all`, `one` and `one_pair` (rusqlite on a SQLite file, sqlx on
/// PostgreSQL) read what sea-orm's `all` and `one` read.
async fn selects_equal_sea_orm(backend: Backend) {
    let (_fresh, db) = small_demo(backend).await;
    let respondents: Vec<i32> = (respondent::Entity::find().all(&db).await)
        .expect("respondents")
        .iter()
        .map(|r| r.id)
        .take(3)
        .collect();
    let answers = || {
        answer::Entity::find()
            .filter(answer::Column::RespondentId.is_in(respondents.clone()))
            .order_by(answer::Column::QuestionId, Order::Asc)
            .order_by(answer::Column::Id, Order::Asc)
    };
    let expected = answers().all(&db).await.expect("sea-orm reads them");
    assert!(
        expected.iter().any(|a| a.choices.is_some()) && expected.iter().any(|a| a.value.is_some()),
        "the answers hold numbers and JSON"
    );
    let read = model_read::all(&db, answers())
        .await
        .expect("read by position");
    assert_eq!(read, expected);

    let first = respondents[0];
    assert_eq!(
        model_read::one(&db, respondent::Entity::find_by_id(first))
            .await
            .expect("one respondent"),
        respondent::Entity::find_by_id(first)
            .one(&db)
            .await
            .expect("sea-orm reads it")
    );
    assert_eq!(
        model_read::one(&db, respondent::Entity::find_by_id(-1))
            .await
            .expect("no respondent"),
        None
    );

    let pair = || {
        organisation::Entity::find()
            .find_also_related(region::Entity)
            .order_by(organisation::Column::Id, Order::Desc)
    };
    let expected = pair().one(&db).await.expect("sea-orm reads it");
    assert!(expected.as_ref().is_some_and(|(_, r)| r.is_some()));
    assert_eq!(
        model_read::one_pair(&db, pair())
            .await
            .expect("read by position"),
        expected
    );
}

on_each_backend!(selects_equal_sea_orm);

/// The test server (Debian's PostgreSQL, TLS on) is on this machine, so the hub reaches it
/// without TLS (`db::connect`): the rows are not encrypted and decrypted on one host.
#[tokio::test]
#[ignore = "needs PostgreSQL: set HUB_TEST_POSTGRES_URL (.ci/run does)"]
async fn a_local_postgres_is_reached_without_tls() {
    let (_fresh, db) = small_demo(Backend::Postgres).await;
    let rows = rows(
        &db,
        "SELECT COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl"
            .to_owned(),
    )
    .await;
    let ssl: bool = rows[0].try_get("", "ssl").expect("a boolean");
    assert!(!ssl, "the connection to 127.0.0.1 uses TLS");
}
