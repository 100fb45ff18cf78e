//! Areas below the partner areas: the municipalities (or, where a partner works by
//! district, districts) of each region, with where their population figure comes from;
//! organisations and respondents may name theirs.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables that take an optional municipality.
const PLACED: [&str; 2] = ["organisation", "respondent"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("municipality")
                    .col(pk_auto("id"))
                    .col(string_len("code", 64).unique_key())
                    .col(integer("region_id"))
                    .col(string("name"))
                    // MUNICIPALITY or DISTRICT.
                    .col(string_len("kind", 16))
                    .col(big_integer_null("population"))
                    .col(string_null("population_source"))
                    .col(integer_null("population_year"))
                    // ISO 639-1 codes, a JSON array.
                    .col(json("languages"))
                    .foreign_key(&mut fk(
                        "municipality",
                        "region_id",
                        "region",
                        "id",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        for column in ["population_source", "population_year"] {
            let definition = if column == "population_year" {
                integer_null(column)
            } else {
                string_null(column)
            };
            manager
                .alter_table(
                    Table::alter()
                        .table("region")
                        .add_column(definition)
                        .to_owned(),
                )
                .await?;
        }
        // The same statement on both databases: SQLite takes a reference in ADD COLUMN
        // when the column's default is NULL.
        for table in PLACED {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "ALTER TABLE {table} ADD COLUMN municipality_id INTEGER NULL \
                     REFERENCES municipality (id) ON DELETE SET NULL"
                ))
                .await?;
        }
        create_indexes(
            manager,
            vec![
                index("municipality", &["region_id"]),
                index("organisation", &["municipality_id"]),
                index("respondent", &["municipality_id"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            // SQLite cannot drop a column that holds a reference.
            return Err(DbErr::Migration(
                "the areas migration cannot be undone on SQLite; export the data \
                 (hub export data --format datapackage) and restore it into a new database"
                    .into(),
            ));
        }
        for table in PLACED {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("idx_{table}_municipality_id"))
                        .table(table)
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("municipality_id")
                        .to_owned(),
                )
                .await?;
        }
        for column in ["population_source", "population_year"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("region")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        drop_tables(manager, &["municipality"]).await
    }
}
