//! Services: what the GraphQL resolvers, the commands and the dashboard ask of
//! the database. Each takes a connection and returns entity models or domain types.

pub mod backlinks;
pub mod charts;
pub mod collaboration;
pub mod edit;
pub mod frames;
pub mod guidance;
pub mod interview;
pub mod links;
pub mod load;
pub mod model_read;
pub mod page;
pub mod registry;
pub mod sqlite_read;
pub mod survey;
pub mod upload;
pub mod version;
pub mod views;

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};

use crate::error::{Error, Result};

/// How many CPU-bound jobs run at once in this process; the rest wait their turn (and
/// their request's time limit), so that a burst of heavy requests cannot take every
/// core from the cheap ones. Set once, by the first server to start.
static JOBS: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::OnceLock::new();

/// Sets how many CPU-bound jobs run at once; only the first call counts.
pub fn limit_jobs(concurrent: usize) {
    let _ = JOBS.set(std::sync::Arc::new(tokio::sync::Semaphore::new(
        concurrent.max(1),
    )));
}

/// Runs CPU-bound work (polars, chart drawing) on the blocking pool, off the async
/// workers, when one of the [`limit_jobs`] places is free; a task that panics or is
/// cancelled is [`Error::Task`].
pub async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let jobs = JOBS.get_or_init(|| std::sync::Arc::new(tokio::sync::Semaphore::new(DEFAULT_JOBS)));
    // The place is held by the job itself: it keeps it when its request gives up waiting.
    let permit = (jobs.clone().acquire_owned().await)
        .map_err(|_| Error::Config("the job queue is closed".into()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job()
    })
    .await
    .map_err(Error::Task)?
}

/// Jobs at once when no server set it (the commands).
const DEFAULT_JOBS: usize = 4;

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
