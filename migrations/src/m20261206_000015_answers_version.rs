//! A second counter beside the data version: bumped only by writes that may change what
//! the analytics' answer counts are made of (answers, respondents, questions, surveys,
//! regions, municipalities, organisations' kinds). A write elsewhere (an organisation's
//! website, a registry link, a finding) leaves it, and the frames keep their answer
//! counts instead of reading every answer again (BENCHMARKS.md, "Only what a write
//! touched").

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("data_version")
                    .add_column(big_integer("answers_version").default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("data_version")
                    .drop_column("answers_version")
                    .to_owned(),
            )
            .await
    }
}
