//! The data version: a counter in the database that every write bumps, so that caches
//! (the analytics frames) in any hub process know when to rebuild.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait,
    sea_query::{Expr, ExprTrait, Query},
};

use crate::{
    entity::{data_version, dataset_meta},
    error::Result,
};

/// The current data version.
pub async fn current(db: &DatabaseConnection) -> Result<i64> {
    Ok(data_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map(|row| row.version)
        .unwrap_or_default())
}

/// Bumps the data version; call it inside the transaction that writes.
pub async fn bump(db: &impl ConnectionTrait) -> Result<()> {
    let statement = Query::update()
        .table(data_version::Entity)
        .value(
            data_version::Column::Version,
            Expr::col(data_version::Column::Version).add(1),
        )
        .and_where(Expr::col(data_version::Column::Id).eq(1))
        .to_owned();
    db.execute(&statement).await?;
    Ok(())
}

/// A fact about the dataset, e.g. `synthetic`.
pub async fn meta(db: &DatabaseConnection, key: &str) -> Result<Option<String>> {
    Ok(dataset_meta::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}
