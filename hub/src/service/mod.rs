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
///
/// polars' operations run on that thread, not on polars' pool: a request's work is on
/// the counts of a few thousand groups, too little to share, and handing each operation
/// to the pool and waiting for it (thread wake-ups, a contended lock) was most of a
/// comparison's CPU (BENCHMARKS.md, "Each query class on its own; ...; a request's
/// polars on its thread"). Requests come many at once, so the cores are used all the
/// same.
pub async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    run_blocking(false, job).await
}

/// Like [`blocking`], with polars' operations shared out on polars' pool (`true`) or
/// kept on the job's thread (`false`).
async fn run_blocking<T: Send + 'static>(
    polars_pool: bool,
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let jobs = JOBS.get_or_init(|| std::sync::Arc::new(tokio::sync::Semaphore::new(DEFAULT_JOBS)));
    // The place is held by the job itself: it keeps it when its request gives up waiting.
    let permit = (jobs.clone().acquire_owned().await)
        .map_err(|_| Error::Config("the job queue is closed".into()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        // The blocking pool's threads are reused: the setting is put back, even after
        // a panic.
        let _pool = PolarsPool::allow(polars_pool);
        job()
    })
    .await
    .map_err(Error::Task)?
}

/// Whether polars may hand the calling thread's operations to its pool, as set, until
/// dropped (polars-core's `runtime::RAYON::with` reads it).
struct PolarsPool(bool);

impl PolarsPool {
    fn allow(allowed: bool) -> Self {
        Self(polars_async::executor::ALLOW_RAYON_THREADS.replace(allowed))
    }
}

impl Drop for PolarsPool {
    fn drop(&mut self) {
        polars_async::executor::ALLOW_RAYON_THREADS.set(self.0);
    }
}

/// Jobs at once when no server set it (the commands).
const DEFAULT_JOBS: usize = 4;

/// How much lower than the requests' the scheduling priority of background work is (a
/// Unix nice increment): on cores that are all busy, Linux gives a thread at nice 10
/// about a tenth of the time of one at nice 0.
const BACKGROUND_NICE: i32 = 10;

/// Runs CPU-bound work that no request waits for (the next data version's frames) on a
/// thread of its own at a lower scheduling priority than the requests' threads
/// ([`BACKGROUND_NICE`]), with polars' operations kept on that thread rather than on
/// polars' pool (whose threads serve the requests' comparisons at their priority): on
/// busy cores the requests are served first and the work takes what they leave; on
/// idle ones it runs as fast as before, on one core. It takes none of the requests'
/// [`limit_jobs`] places. A job that panics is an error naming the panic.
pub async fn background<T: Send + 'static>(
    name: &str,
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let (done, result) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            lower_priority(BACKGROUND_NICE);
            // polars hands an operation to its pool unless this thread says not to
            // (polars-core's `runtime::RAYON::with`); a build is then single-threaded.
            polars_async::executor::ALLOW_RAYON_THREADS.set(false);
            let _ = done.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)));
        })
        .map_err(|e| Error::Config(format!("cannot start the thread {name}: {e}")))?;
    match result.await {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => {
            let message = (panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_owned());
            Err(Error::Analytics(format!(
                "the thread {name} panicked: {message}"
            )))
        }
        Err(_) => Err(Error::Analytics(format!(
            "the thread {name} ended without a result"
        ))),
    }
}

/// Whether a request waits for a piece of CPU-bound work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// A request waits for it (the first frames, say): it runs as a request's job
    /// ([`blocking`]), at the requests' priority, its polars shared out on polars' pool.
    Waited,
    /// No request waits for it (the next frames, while readers are answered from the
    /// frames held): [`background`].
    Background,
}

impl Wait {
    /// Runs `job` as this says; `name` names the background thread.
    pub async fn run<T: Send + 'static>(
        self,
        name: &str,
        job: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        match self {
            Self::Waited => run_blocking(true, job).await,
            Self::Background => background(name, job).await,
        }
    }
}

/// Lowers the calling thread's scheduling priority by `by` (on Linux the nice value is
/// each thread's own, and 0 names the calling one). A failure only leaves it as it was.
#[cfg(unix)]
fn lower_priority(by: i32) {
    let now = rustix::process::getpriority_process(None).unwrap_or(0);
    if let Err(error) = rustix::process::setpriority_process(None, std::cmp::min(now + by, 19)) {
        tracing::debug!(%error, "background work keeps the requests' priority");
    }
}

#[cfg(not(unix))]
fn lower_priority(_by: i32) {}

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

#[cfg(test)]
mod tests {
    /// Linux only: elsewhere the nice value is the whole process's.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn background_work_runs_below_the_callers_priority_and_keeps_polars_on_its_thread() {
        let caller = rustix::process::getpriority_process(None).unwrap();
        let caller_thread = std::thread::current().id();
        let (inside, polars_pool, thread) = super::background("test-background", || {
            Ok((
                rustix::process::getpriority_process(None)
                    .map_err(|e| crate::error::Error::Config(e.to_string()))?,
                polars_async::executor::ALLOW_RAYON_THREADS.get(),
                std::thread::current().id(),
            ))
        })
        .await
        .unwrap();
        assert_eq!(inside, std::cmp::min(caller + super::BACKGROUND_NICE, 19));
        assert_eq!(
            rustix::process::getpriority_process(None).unwrap(),
            caller,
            "the caller's priority is its own"
        );
        assert!(!polars_pool, "polars was let use its pool");
        assert_ne!(thread, caller_thread);
    }

    #[tokio::test]
    async fn a_background_job_that_panics_is_an_error_naming_the_panic() {
        let result: crate::error::Result<()> =
            super::background("test-panic", || panic!("the frames are wrong")).await;
        let message = result.unwrap_err().to_string();
        assert!(
            message.contains("test-panic") && message.contains("the frames are wrong"),
            "{message}"
        );
    }

    /// A request's job keeps polars on its own thread, a waited build shares it out,
    /// and the blocking thread is left as it was, even by a job that panics.
    #[test]
    fn a_requests_polars_stays_on_its_thread_and_the_thread_is_put_back() {
        use polars_async::executor::ALLOW_RAYON_THREADS;
        // One blocking thread, so that every job below runs on the same one.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .max_blocking_threads(1)
            .build()
            .unwrap();
        runtime.block_on(async {
            let request = super::blocking(|| Ok(ALLOW_RAYON_THREADS.get())).await;
            assert!(!request.unwrap(), "a request's polars used the pool");
            let waited = super::Wait::Waited.run("test", || Ok(ALLOW_RAYON_THREADS.get()));
            assert!(
                waited.await.unwrap(),
                "a waited build was kept on one thread"
            );
            let panicked: crate::error::Result<()> =
                super::blocking(|| panic!("a job that panics")).await;
            assert!(panicked.is_err());
            let after = tokio::task::spawn_blocking(|| ALLOW_RAYON_THREADS.get());
            assert!(after.await.unwrap(), "the thread kept the job's setting");
        });
    }
}
