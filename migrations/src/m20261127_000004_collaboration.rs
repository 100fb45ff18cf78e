//! Examples of cooperation between municipalities and organisations.

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
                    .table("collaboration")
                    .col(pk_auto("id"))
                    .col(integer("region_id"))
                    .col(string("title"))
                    .col(text("description"))
                    .col(string("municipality"))
                    .col(integer_null("start_year"))
                    .col(integer_null("end_year"))
                    .col(json("outcomes"))
                    .foreign_key(&mut fk(
                        "collaboration",
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
                    .table("collaboration_organisation")
                    .col(integer("collaboration_id"))
                    .col(integer("organisation_id"))
                    .primary_key(
                        Index::create()
                            .col("collaboration_id")
                            .col("organisation_id"),
                    )
                    .foreign_key(&mut fk(
                        "collaboration_organisation",
                        "collaboration_id",
                        "collaboration",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "collaboration_organisation",
                        "organisation_id",
                        "organisation",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("collaboration_theme")
                    .col(integer("collaboration_id"))
                    .col(string("theme_code"))
                    .primary_key(Index::create().col("collaboration_id").col("theme_code"))
                    .foreign_key(&mut fk(
                        "collaboration_theme",
                        "collaboration_id",
                        "collaboration",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "collaboration_theme",
                        "theme_code",
                        "theme",
                        "code",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("collaboration", &["region_id"]),
                index("collaboration_organisation", &["organisation_id"]),
                index("collaboration_theme", &["theme_code"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "collaboration_theme",
                "collaboration_organisation",
                "collaboration",
            ],
        )
        .await
    }
}
