//! Answers counted again only where a write changed them: `respondent.changed_in` is the
//! answers version whose write last added or updated the respondent with their answers,
//! or changed what they are counted by (their organisation's kind); 0 for those written
//! otherwise. `data_version.answers_base` is the latest answers
//! version at which the answers changed in any other way. Frames of an answers version at
//! or after the base then count only the respondents changed since, and change the
//! counts they hold by them, instead of reading every answer again (BENCHMARKS.md,
//! "Counting only the respondents a write changed").

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CHANGED_IN: [&str; 1] = ["changed_in"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("respondent")
                    .add_column(big_integer("changed_in").default(0))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("respondent", &CHANGED_IN)]).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("data_version")
                    .add_column(big_integer("answers_base").default(0))
                    .to_owned(),
            )
            .await?;
        // Counts held by a running process are of the answers as they are now.
        manager
            .get_connection()
            .execute_unprepared("UPDATE data_version SET answers_base = answers_version")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("data_version")
                    .drop_column("answers_base")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_respondent_changed_in")
                    .table("respondent")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("respondent")
                    .drop_column("changed_in")
                    .to_owned(),
            )
            .await
    }
}
