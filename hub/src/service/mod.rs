//! Services: what the GraphQL resolvers, the commands and the dashboard ask of
//! the database. Each takes a connection and returns entity models or domain types.

pub mod charts;
pub mod collaboration;
pub mod frames;
pub mod interview;
pub mod page;
pub mod registry;
pub mod survey;
pub mod version;

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};

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
