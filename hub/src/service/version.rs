//! The data version: a counter in the database that every write bumps, so that caches
//! (the analytics frames) in any hub process know when to rebuild.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};

use crate::{
    entity::{
        data_version::{
            self,
            Column::{AnswersBase, AnswersVersion, Version},
        },
        dataset_meta, respondent,
    },
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

/// Bumps the data version; call it inside the transaction that writes. The analytics
/// then read every table again, answers included.
pub async fn bump(db: &impl ConnectionTrait) -> Result<()> {
    let mut statement = bump_statement(&[Version, AnswersVersion]);
    // Later versions can add to the answers of this one, not to any earlier one.
    statement.value(AnswersBase, Expr::col(AnswersVersion).add(1));
    db.execute(&statement).await?;
    Ok(())
}

/// Bumps the data version for a write that changed none of what the analytics' answer
/// counts are made of: no answer, respondent, question, survey, region or
/// municipality, and no organisation's kind (respondents are counted by their
/// organisation's kind). The analytics then keep their answer counts and read only
/// the other tables again, milliseconds instead of a second at a million answers.
/// When unsure, call [`bump`]: a wrong call here leaves answer counts stale until the
/// next [`bump`].
pub async fn bump_beside_answers(db: &impl ConnectionTrait) -> Result<()> {
    db.execute(&bump_statement(&[Version])).await?;
    Ok(())
}

/// Respondents a write added or changed, which the answer counts are changed by.
#[derive(Debug, Clone, Copy)]
pub enum Changed<'a> {
    /// Respondents it inserted or updated, with their answers (by id).
    Respondents(&'a [i32]),
    /// The respondents of organisations whose kind it changed (by organisation id).
    OfOrganisations(&'a [i32]),
}

/// Bumps the data version for a write whose only change to what the answer counts are
/// made of is `changed`: respondents it inserted or updated with their answers (an
/// import of responses), or organisations' new kinds. Those respondents are marked
/// with the new answers version (`respondent.changed_in`), and the analytics take
/// away their counts as they were and add them as they are now, instead of counting
/// every answer. A write that changed anything else the counts are made of (a
/// question, an area, a respondent deleted) calls [`bump`].
pub async fn bump_changing(db: &impl ConnectionTrait, changed: Changed<'_>) -> Result<()> {
    db.execute(&bump_statement(&[Version, AnswersVersion]))
        .await?;
    let version = data_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map(|row| row.answers_version)
        .unwrap_or_default();
    let (column, ids) = match changed {
        Changed::Respondents(ids) => (respondent::Column::Id, ids),
        Changed::OfOrganisations(ids) => (respondent::Column::OrganisationId, ids),
    };
    for ids in ids.chunks(10_000) {
        let mut mark = Query::update();
        mark.table(respondent::Entity)
            // `respondent.changed_in`, which the entity leaves out: only the frames read it.
            .value(Alias::new("changed_in"), version)
            .and_where(Expr::col(column).is_in(ids.iter().copied()));
        db.execute(&mark).await?;
    }
    Ok(())
}

fn bump_statement(counters: &[data_version::Column]) -> sea_orm::sea_query::UpdateStatement {
    let mut statement = Query::update();
    statement.table(data_version::Entity);
    for &counter in counters {
        statement.value(counter, Expr::col(counter).add(1));
    }
    statement.and_where(Expr::col(data_version::Column::Id).eq(1));
    statement
}

/// A fact about the dataset, e.g. `synthetic`.
pub async fn meta(db: &DatabaseConnection, key: &str) -> Result<Option<String>> {
    Ok(dataset_meta::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

/// The data version as this process last saw it: writes through this process set it at
/// once, and a poller reads the database every `interval`, so that writes by other
/// processes (an import, another hub on the same PostgreSQL) are seen within it.
#[derive(Debug, Clone, Default)]
pub struct VersionWatch(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl VersionWatch {
    /// A watch that starts at the database's current version.
    pub async fn new(db: &DatabaseConnection) -> Result<Self> {
        let watch = Self::default();
        watch.refresh(db).await?;
        Ok(watch)
    }

    /// The version last seen.
    pub fn get(&self) -> i64 {
        self.0.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Reads the database's version now.
    pub async fn refresh(&self, db: &DatabaseConnection) -> Result<i64> {
        let version = current(db).await?;
        self.0.store(version, std::sync::atomic::Ordering::Release);
        Ok(version)
    }

    /// Polls the database every `interval` until the returned handle is aborted.
    pub fn spawn_poller(
        &self,
        db: DatabaseConnection,
        interval: std::time::Duration,
    ) -> tokio::task::JoinHandle<()> {
        let watch = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = watch.refresh(&db).await {
                    tracing::warn!(%error, "cannot read the data version");
                }
            }
        })
    }
}
