//! Regions and questions, the small tables that most answers name (an organisation's or
//! a respondent's region, the question of each answer), held in memory for the current
//! data version: their resolvers take rows from here, with no statement and no
//! DataLoader wait. Every write bumps the data version, so a write in this process is
//! seen by the next request, and another process's within the version poll.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use async_graphql::Context;
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::{
    entity::{question, region},
    error::{Error, IntoGql, Result},
    service::{model_read, version::VersionWatch},
};

/// The rows of one data version.
#[derive(Debug)]
pub struct Rows {
    /// The data version they are of, as the watch had it before they were read: a
    /// write that committed in between makes them newer than that, never older, and
    /// they are read again at the next version.
    pub version: i64,
    /// Every region, by id.
    pub regions: HashMap<i32, region::Model>,
    /// Every question, by id.
    pub questions: HashMap<i32, question::Model>,
}

/// Holds [`Rows`] of the latest data version the watch has seen.
#[derive(Debug)]
pub struct Reference {
    watch: VersionWatch,
    held: RwLock<Option<Arc<Rows>>>,
    loading: tokio::sync::Mutex<()>,
}

impl Reference {
    /// Rows kept for `watch`'s data version; none are read before the first request.
    pub fn new(watch: VersionWatch) -> Self {
        Self {
            watch,
            held: RwLock::default(),
            loading: tokio::sync::Mutex::default(),
        }
    }

    fn fresh(&self, version: i64) -> Option<Arc<Rows>> {
        let held = self.held.read().ok()?;
        held.as_ref().filter(|r| r.version == version).cloned()
    }

    /// The rows of the current data version, read (once, whoever else waits) when the
    /// version changed since they were.
    pub async fn current(&self, db: &DatabaseConnection) -> Result<Arc<Rows>> {
        if let Some(rows) = self.fresh(self.watch.get()) {
            return Ok(rows);
        }
        let _loading = self.loading.lock().await;
        let version = self.watch.get();
        if let Some(rows) = self.fresh(version) {
            return Ok(rows);
        }
        let regions = model_read::all(db, region::Entity::find()).await?;
        let questions = model_read::all(db, question::Entity::find()).await?;
        let rows = Arc::new(Rows {
            version,
            regions: regions.into_iter().map(|r| (r.id, r)).collect(),
            questions: questions.into_iter().map(|q| (q.id, q)).collect(),
        });
        if let Ok(mut held) = self.held.write() {
            *held = Some(rows.clone());
        }
        Ok(rows)
    }
}

/// The region with `id`, of the current data version.
pub(crate) async fn region(ctx: &Context<'_>, id: i32) -> async_graphql::Result<region::Model> {
    let rows = kept(ctx).await?;
    (rows.regions.get(&id).cloned())
        .ok_or_else(|| Error::not_found("region", id.to_string()))
        .gql()
}

/// The question with `id`, of the current data version.
pub(crate) async fn question(ctx: &Context<'_>, id: i32) -> async_graphql::Result<question::Model> {
    let rows = kept(ctx).await?;
    (rows.questions.get(&id).cloned())
        .ok_or_else(|| Error::not_found("question", id.to_string()))
        .gql()
}

async fn kept(ctx: &Context<'_>) -> async_graphql::Result<Arc<Rows>> {
    let reference = ctx.data_unchecked::<Reference>();
    reference.current(super::db(ctx)).await.gql()
}
