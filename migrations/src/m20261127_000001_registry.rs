//! Regions and the registry of local organisations.

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
                    .table("region")
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(string_len("country_code", 2))
                    .col(string("country_name"))
                    .col(big_integer("population"))
                    .col(integer("municipalities"))
                    .col(json("languages"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("organisation")
                    .col(pk_auto("id"))
                    .col(string_null("external_id"))
                    .col(string("name"))
                    // Lower-cased by the hub (Unicode-aware, unlike SQLite's lower()) for search.
                    .col(string("name_folded"))
                    .col(integer("region_id"))
                    .col(string("kind"))
                    .col(string("status"))
                    .col(integer_null("founded_year"))
                    .col(integer_null("closed_year"))
                    .col(string_null("closure_reason"))
                    .col(json("fields_of_activity"))
                    .col(json("target_groups"))
                    .col(string_null("website"))
                    .col(date_null("last_verified"))
                    .col(string_null("source"))
                    .col(integer_null("successor_id"))
                    .foreign_key(&mut fk(
                        "organisation",
                        "region_id",
                        "region",
                        "id",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "organisation",
                        "successor_id",
                        "organisation",
                        "id",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("region", &["country_code"]),
                unique("organisation", &["external_id"]),
                index("organisation", &["region_id"]),
                index("organisation", &["kind"]),
                index("organisation", &["status"]),
                index("organisation", &["name"]),
                index("organisation", &["name_folded"]),
                index("organisation", &["founded_year"]),
                index("organisation", &["successor_id"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["organisation", "region"]).await
    }
}
