//! Rows by a batch of keys, in one statement: what the GraphQL DataLoaders ask for.

use std::{collections::HashMap, hash::Hash};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TryIntoModel,
    sea_query::Value,
};

use super::model_read;
use crate::error::Result;

/// The rows of `E` whose `column` is one of `keys`, each under its key (`key` reads it
/// from a row): one row per key, e.g. by primary key.
pub async fn one_each<E, K>(
    db: &DatabaseConnection,
    column: E::Column,
    keys: &[K],
    key: fn(&E::Model) -> K,
) -> Result<HashMap<K, E::Model>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    E::Model: Send + 'static,
    K: Clone + Eq + Hash + Into<Value>,
{
    let rows = model_read::all(db, E::find().filter(column.is_in(keys.iter().cloned()))).await?;
    Ok(rows.into_iter().map(|row| (key(&row), row)).collect())
}

/// The rows of `E` whose `column` is one of `keys`, grouped by key and ordered by
/// `order`: the many side of a relation.
pub async fn all_each<E, K>(
    db: &DatabaseConnection,
    column: E::Column,
    keys: &[K],
    key: fn(&E::Model) -> K,
    order: E::Column,
) -> Result<HashMap<K, Vec<E::Model>>>
where
    E: EntityTrait,
    E::ActiveModel: TryIntoModel<E::Model>,
    E::Model: Send + 'static,
    K: Clone + Eq + Hash + Into<Value>,
{
    let select = (E::find())
        .filter(column.is_in(keys.iter().cloned()))
        .order_by_asc(order);
    let rows = model_read::all(db, select).await?;
    let mut grouped: HashMap<K, Vec<E::Model>> = HashMap::new();
    for row in rows {
        grouped.entry(key(&row)).or_default().push(row);
    }
    Ok(grouped)
}
