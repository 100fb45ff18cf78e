//! Services: what the GraphQL resolvers, the commands and the dashboard ask of
//! the database. Each takes a connection and returns entity models or domain types.

pub mod charts;
pub mod collaboration;
pub mod frames;
pub mod interview;
pub mod load;
pub mod page;
pub mod registry;
pub mod survey;
pub mod version;
pub mod views;

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};

use crate::error::{Error, Result};

/// Runs CPU-bound work (polars, chart drawing) on the blocking pool, off the async
/// workers; a task that panics or is cancelled is [`Error::Task`].
pub async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(Error::Task)?
}

/// A case-insensitive "contains" on a column that the hub stores lower-cased.
pub(crate) fn folded_contains(
    column: impl sea_orm::sea_query::IntoColumnRef,
    needle: &str,
) -> SimpleExpr {
    let escaped: String = needle
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}
