//! Dashboard sessions: a signed-in browser's cookie, stored as its SHA-256, with the
//! CSRF token its forms carry and an expiry.

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
                    .table("session")
                    // SHA-256 of the cookie's secret, hex.
                    .col(string_len("id", 64).primary_key())
                    .col(integer("account_id"))
                    .col(string_len("csrf", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut fk(
                        "session",
                        "account_id",
                        "account",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("session", &["account_id"])]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["session"]).await
    }
}
