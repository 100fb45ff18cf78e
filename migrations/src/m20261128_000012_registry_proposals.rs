//! Corrections an organisation proposes through its private link, waiting for an
//! editor of its region to accept or reject them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("registry_proposal")
                    .col(pk_auto("id"))
                    .col(integer("link_id"))
                    .col(integer("organisation_id"))
                    // The proposed values by registry column, as text: {"website": "..."}.
                    .col(text("changes"))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone("created_at"))
                    // PENDING, ACCEPTED or REJECTED.
                    .col(string_len("status", 20))
                    .col(string_len_null("reviewed_by", 200))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(text_null("review_note"))
                    .foreign_key(&mut fk(
                        "registry_proposal",
                        "organisation_id",
                        "organisation",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "registry_proposal",
                        "link_id",
                        "registry_link",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("registry_proposal", &["organisation_id"]),
                index("registry_proposal", &["status"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["registry_proposal"]).await
    }
}
