//! Indexes in the order pages of organisations are read: by folded name, ties broken by
//! id, across the registry and within a region. With an index on the name alone,
//! PostgreSQL sorted each page again by id (an incremental sort), which cost a sixth of
//! its CPU per page (BENCHMARKS.md, "Fields in turn, ...").

use sea_orm_migration::prelude::*;

use crate::util::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The indexes this migration replaces, each by one that ends on `id`.
const REPLACED: [(&[&str], &[&str]); 2] = [
    (&["name_folded"], &["name_folded", "id"]),
    (&["region_id"], &["region_id", "name_folded", "id"]),
];

async fn drop(manager: &SchemaManager<'_>, columns: &[&str]) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(format!("idx_organisation_{}", columns.join("_")))
                .table("organisation")
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (old, new) in REPLACED {
            create_indexes(manager, vec![index("organisation", new)]).await?;
            drop(manager, old).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (old, new) in REPLACED {
            create_indexes(manager, vec![index("organisation", old)]).await?;
            drop(manager, new).await?;
        }
        Ok(())
    }
}
