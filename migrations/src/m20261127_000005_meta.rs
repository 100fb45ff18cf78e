//! The data version that every write bumps, and facts about the dataset as a whole.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::drop_tables;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row; kept in the database so that several hub processes share it.
        manager
            .create_table(
                Table::create()
                    .table("data_version")
                    .col(integer("id").primary_key())
                    .col(big_integer("version"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("data_version")
                    .columns(["id", "version"])
                    .values_panic([1.into(), 0.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("dataset_meta")
                    .col(string("key").primary_key())
                    .col(text("value"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["dataset_meta", "data_version"]).await
    }
}
