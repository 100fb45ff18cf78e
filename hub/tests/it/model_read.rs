//! Models read by column position (`service::model_read`) from sea-orm's rows (sqlx)
//! equal the models sea-orm's derived `from_query_result` reads by name, on SQLite and
//! PostgreSQL: every organisation with its region, an outer join that found nothing,
//! and a cell of the wrong type.
#![expect(
    clippy::expect_used,
    reason = "test set-up fails loudly, with the reason"
)]

use hub::{
    entity::{organisation, region},
    service::model_read::ModelReader,
};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, IdenStatic, Iterable, Order, QueryOrder,
    Statement,
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
