//! The hub's schema as sea-orm migrations; the same files run on SQLite and PostgreSQL.
//!
//! Never edit a migration that has landed: add a new one to [`Migrator::migrations`].

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod m20261127_000001_registry;
mod m20261127_000002_survey;
mod m20261127_000003_interview;
mod m20261127_000004_collaboration;
mod m20261127_000005_meta;
mod m20261128_000006_access;
mod m20261128_000007_session;
mod m20261128_000008_areas;
mod m20261128_000009_forms;
mod m20261128_000010_collaborations;
mod m20261128_000011_registry_links;
mod m20261128_000012_registry_proposals;
mod m20261129_000013_guidance;
mod m20261206_000014_page_order;
mod m20261206_000015_answers_version;
mod m20261207_000016_changed_respondents;
mod util;

/// All migrations of the hub, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_registry::Migration),
            Box::new(m20261127_000002_survey::Migration),
            Box::new(m20261127_000003_interview::Migration),
            Box::new(m20261127_000004_collaboration::Migration),
            Box::new(m20261127_000005_meta::Migration),
            Box::new(m20261128_000006_access::Migration),
            Box::new(m20261128_000007_session::Migration),
            Box::new(m20261128_000008_areas::Migration),
            Box::new(m20261128_000009_forms::Migration),
            Box::new(m20261128_000010_collaborations::Migration),
            Box::new(m20261128_000011_registry_links::Migration),
            Box::new(m20261128_000012_registry_proposals::Migration),
            Box::new(m20261129_000013_guidance::Migration),
            Box::new(m20261206_000014_page_order::Migration),
            Box::new(m20261206_000015_answers_version::Migration),
            Box::new(m20261207_000016_changed_respondents::Migration),
        ]
    }
}
