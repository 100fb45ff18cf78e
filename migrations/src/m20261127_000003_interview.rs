//! Interviews and the coded findings drawn from them.

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
                    .table("interview")
                    .col(pk_auto("id"))
                    .col(string_null("external_id"))
                    .col(integer("region_id"))
                    .col(date("held_on"))
                    .col(string("interviewee_role"))
                    .col(string_len("language", 8))
                    .foreign_key(&mut fk(
                        "interview",
                        "region_id",
                        "region",
                        "id",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("finding")
                    .col(pk_auto("id"))
                    .col(string_null("external_id"))
                    .col(integer("interview_id"))
                    .col(string("theme_code"))
                    .col(string_null("sub_code"))
                    .col(text("quote"))
                    .col(string_len("language", 8))
                    .col(text_null("translation"))
                    // Quote and translation lower-cased by the hub, for search.
                    .col(text("search_text"))
                    .foreign_key(&mut fk(
                        "finding",
                        "interview_id",
                        "interview",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "finding",
                        "theme_code",
                        "theme",
                        "code",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "finding",
                        "sub_code",
                        "sub_code",
                        "code",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                unique("interview", &["external_id"]),
                index("interview", &["region_id"]),
                unique("finding", &["external_id"]),
                index("finding", &["interview_id"]),
                index("finding", &["theme_code"]),
                index("finding", &["sub_code"]),
                index("finding", &["language"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["finding", "interview"]).await
    }
}
