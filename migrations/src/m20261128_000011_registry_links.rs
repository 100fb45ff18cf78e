//! Private links with which a listed organisation keeps its own registry entry current:
//! an unguessable token per organisation (only its SHA-256 is stored), expiring and
//! revocable, with when it was opened and answered.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("registry_link")
                    .col(pk_auto("id"))
                    .col(integer("organisation_id"))
                    // SHA-256 of the link's secret, hex.
                    .col(string_len("token_hash", 64))
                    .col(string_len_null("created_by", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    .col(timestamp_with_time_zone_null("answered_at"))
                    .foreign_key(&mut fk(
                        "registry_link",
                        "organisation_id",
                        "organisation",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                unique("registry_link", &["token_hash"]),
                index("registry_link", &["organisation_id"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["registry_link"]).await
    }
}
