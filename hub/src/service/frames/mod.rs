//! The analytics input frames, built from the database once per data version and kept
//! in memory; a request then costs one version check and the polars query.

use std::{collections::HashMap, sync::Arc, time::Instant};

use analytics::Inputs;
use chrono::Datelike;
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::{Mutex, RwLock};

use super::version::VersionWatch;
use crate::error::Result;

mod answers;
mod copy;
mod read;
mod small;
mod tables;

pub use read::{build_with_labels, read};
pub use tables::{Counting, Made, Phases, Tables};

/// The frames of one data version.
#[derive(Debug, Clone)]
pub struct Frames {
    /// The data version they were built from.
    pub version: i64,
    /// The frames.
    pub inputs: Arc<Inputs>,
    /// Texts the comparison rows are labelled with.
    pub labels: Arc<Labels>,
    /// Whether the data is the synthetic demo dataset.
    pub synthetic: bool,
    /// The answers version (`data_version.answers_version`) their answer counts are of.
    pub answers_version: i64,
    /// Who the answer counts count (one row per respondent, the columns they are
    /// counted by), to change the counts by when respondents are added or changed.
    pub respondents: Arc<polars::prelude::DataFrame>,
    /// The answers they count, as read: to take away those of respondents updated.
    answers: Arc<answers::Kept>,
}

/// Theme names and question labels by language, as stored (JSON objects by language).
#[derive(Debug, Default)]
pub struct Labels {
    /// Theme names by theme code.
    pub themes: HashMap<String, serde_json::Value>,
    /// Likert scale labels by question code.
    pub scales: HashMap<String, serde_json::Value>,
    /// Option labels by question code, then option code.
    pub options: HashMap<String, HashMap<String, serde_json::Value>>,
    /// Question texts by question code.
    pub questions: HashMap<String, serde_json::Value>,
    /// Theme codes in the report's order.
    pub theme_order: Vec<String>,
    /// Country codes of the partner regions, sorted.
    pub countries: Vec<String>,
    /// Municipality names by code.
    pub municipalities: HashMap<String, String>,
}

/// Keeps the frames of the latest data version. While new ones are being built, readers
/// are answered from the frames held (of the previous version, which they carry), so no
/// request waits for a rebuild once there are frames at all: the first reader after a
/// change starts the build in the background. A writer in this process waits for the
/// new ones instead ([`FrameCache::after_write`]), so it reads its write. Clones share
/// the frames.
#[derive(Debug, Clone)]
pub struct FrameCache(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    watch: VersionWatch,
    current: RwLock<Option<Frames>>,
    building: Arc<Mutex<()>>,
    /// PostgreSQL: the pool of one connection the frames are read on.
    reader: std::sync::OnceLock<DatabaseConnection>,
    /// Whether counts that were kept or changed are checked against a count of every
    /// answer ([`check_counts`]).
    check_counts: bool,
    /// What the first check that failed found, also when its build ran in the
    /// background (where its panic reaches no caller).
    check_failed: std::sync::Mutex<Option<String>>,
}

impl FrameCache {
    /// The data version it follows.
    pub fn watch(&self) -> &VersionWatch {
        &self.0.watch
    }

    /// A cache that follows `watch`. In debug builds (every test) it checks the answer
    /// counts it keeps or changes against a count of every answer.
    pub fn new(watch: VersionWatch) -> Self {
        Self::with_check(watch, cfg!(debug_assertions))
    }

    /// A cache that never checks its counts against a count of every answer: for a
    /// test that changes answers behind its back to show which answers it counted.
    pub fn unchecked(watch: VersionWatch) -> Self {
        Self::with_check(watch, false)
    }

    fn with_check(watch: VersionWatch, check_counts: bool) -> Self {
        Self(Arc::new(Shared {
            watch,
            current: RwLock::default(),
            building: Arc::default(),
            reader: std::sync::OnceLock::new(),
            check_counts,
            check_failed: std::sync::Mutex::default(),
        }))
    }

    /// What the check of kept counts found wrong, if a check failed: a build whose
    /// panic reached no caller (one started in the background by a reader) is reported
    /// here, so that a test can fail on it when it ends.
    pub fn check_failed(&self) -> Option<String> {
        self.0.check_failed.lock().ok()?.clone()
    }

    /// The connection the frames' tables are read on. On PostgreSQL a pool of its own:
    /// a build holds its connection for the whole read (one snapshot), which under load
    /// lasted seconds, and took it from the few the requests share (BENCHMARKS.md,
    /// "Where the tail under writes comes from"); a second connection copies the
    /// answers in the same snapshot. SQLite's answers are read on a connection of
    /// their own already.
    fn reader<'a>(&'a self, db: &'a DatabaseConnection) -> &'a DatabaseConnection {
        if db.get_database_backend() != DbBackend::Postgres {
            return db;
        }
        (self.0.reader).get_or_init(|| crate::db::side_pool(db, 2))
    }

    /// The frames held, if they are of the current data version.
    async fn fresh(&self) -> Option<Frames> {
        let wanted = self.0.watch.get();
        (self.0.current.read().await.as_ref())
            .filter(|f| f.version == wanted)
            .cloned()
    }

    /// The frames to answer from: those of the current data version, or the ones held
    /// (of an earlier version: see [`Frames::version`]) while new ones are built. The
    /// first reader after a change starts the build, in the background, and is
    /// answered from the frames held too; only before there are any frames does a
    /// reader wait for them.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Frames> {
        if let Some(frames) = self.fresh().await {
            return Ok(frames);
        }
        // The read guard must be gone before a build starts: it ends by writing.
        let held = self.0.current.read().await.clone();
        let Some(held) = held else {
            return self.get_fresh(db).await;
        };
        if let Ok(slot) = self.0.building.clone().try_lock_owned() {
            let (cache, db) = (self.clone(), db.clone());
            tokio::spawn(async move {
                if let Err(error) = cache.build(&db, slot).await {
                    tracing::error!(%error, "building the analytics frames failed");
                }
            });
        }
        Ok(held)
    }

    /// The frames of the current data version, waiting for them to be built.
    pub async fn get_fresh(&self, db: &DatabaseConnection) -> Result<Frames> {
        if let Some(frames) = self.fresh().await {
            return Ok(frames);
        }
        let slot = self.0.building.clone().lock_owned().await;
        self.build(db, slot).await
    }

    /// After this process wrote: the new data version is read and its frames built
    /// before the writer is answered, so that the writer's next read shows the write
    /// and no reader has to wait for the rebuild.
    pub async fn after_write(&self, db: &DatabaseConnection) -> Result<()> {
        self.0.watch.refresh(db).await?;
        self.get_fresh(db).await.map(|_| ())
    }

    /// Holds the build slot until the guard is dropped (waiting for a running build):
    /// readers meanwhile get the frames held. For maintenance and tests.
    pub async fn hold_builds(&self) -> tokio::sync::OwnedMutexGuard<()> {
        self.0.building.clone().lock_owned().await
    }

    /// Builds the frames of the current version, holding the build slot.
    async fn build(
        &self,
        db: &DatabaseConnection,
        _slot: tokio::sync::OwnedMutexGuard<()>,
    ) -> Result<Frames> {
        // Whoever waited for the slot may find the fresh frames already made.
        if let Some(frames) = self.fresh().await {
            return Ok(frames);
        }
        let wanted = self.0.watch.get();
        let started = Instant::now();
        let db = self.reader(db);
        // A write that left the answers as they were (an organisation's website, a
        // finding) costs the small tables only: the answer counts held are kept; one
        // that added respondents, or changed an organisation's kind, costs their answers.
        let held = self.0.current.read().await.clone();
        let (made, answers_version, counting, labels) = match build_with_labels(db, held.as_ref())
            .await
        {
            Err(error @ crate::error::Error::Analytics(_)) if held.is_some() => {
                // Counts that could not be changed are counted again from scratch.
                tracing::error!(%error, "changing the answer counts held failed: counting every answer");
                build_with_labels(db, None).await?
            }
            built => built?,
        };
        if self.0.check_counts
            && !matches!(counting, Counting::All)
            && let Some(difference) = check_counts(db, &made.inputs, answers_version).await?
        {
            if let Ok(mut failed) = self.0.check_failed.lock() {
                failed.get_or_insert_with(|| difference.clone());
            }
            panic!("{difference}");
        }
        let (inputs, labels) = (Arc::new(made.inputs), Arc::new(labels));
        let sizes = inputs.estimated_sizes();
        tracing::info!(
            version = wanted,
            answers_version,
            answers_counted = ?counting,
            answers = inputs.answer_count(),
            mib = sizes.iter().map(|(_, bytes)| bytes).sum::<usize>() as f64 / 1_048_576.0,
            sizes = ?sizes,
            millis = started.elapsed().as_millis() as u64,
            phases = %made.phases,
            "built the analytics frames"
        );
        let synthetic = super::version::meta(db, "synthetic").await?.as_deref() == Some("true");
        let frames = Frames {
            version: wanted,
            inputs,
            labels,
            synthetic,
            answers_version,
            respondents: made.respondents,
            answers: made.answers,
        };
        *self.0.current.write().await = Some(frames.clone());
        Ok(frames)
    }
}

/// What differs when `inputs`, whose counts were kept or changed, count otherwise
/// than a count of every answer of the same answers version: a write bumped the data
/// version as if it left the answers, or changed only some respondents, when it
/// changed more (`version::bump_beside_answers` or `bump_changing` where `bump` was
/// due). The cache panics on it, in debug builds (every test); if another write came
/// in between, the versions differ and nothing is compared.
async fn check_counts(
    db: &DatabaseConnection,
    inputs: &Inputs,
    answers_version: i64,
) -> Result<Option<String>> {
    let (all, all_version, _, _) = build_with_labels(db, None).await?;
    if all_version == answers_version
        && let Some(difference) = inputs.counts_differ(&all.inputs)?
    {
        return Ok(Some(format!(
            "the analytics counts kept or changed at answers version {answers_version} are not \
             those of every answer: {difference}"
        )));
    }
    Ok(None)
}

/// Today, as the registry statistics count days.
pub fn today() -> i32 {
    chrono::Utc::now().date_naive().num_days_from_ce()
}
