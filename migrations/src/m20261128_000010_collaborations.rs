//! What a partner's file of collaboration examples says beyond the English title and
//! description: its own id, the texts in other languages and the lessons learned, the
//! municipality from the areas, the funding and the kind of agreement.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let added = [
            // The partner's id, as its file writes it.
            string_null("external_id"),
            // Title, description and lessons in other languages than English, a JSON
            // object `{lang: {title, description, lessons}}`.
            json_null("translations"),
            // Lessons learned, in English.
            text_null("lessons"),
            // Who paid, as the partner describes it.
            text_null("funding"),
            // NONE, INFORMAL, WRITTEN or CONTRACT.
            string_len_null("agreement", 16),
        ];
        for mut column in added {
            manager
                .alter_table(
                    Table::alter()
                        .table("collaboration")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        // The same statement on both databases: SQLite takes a reference in ADD COLUMN
        // when the column's default is NULL.
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE collaboration ADD COLUMN municipality_id INTEGER NULL \
                 REFERENCES municipality (id) ON DELETE SET NULL",
            )
            .await?;
        create_indexes(manager, vec![unique("collaboration", &["external_id"])]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            return Err(DbErr::Migration(
                "the collaborations migration cannot be undone on SQLite; export the data \
                 (hub export data --format datapackage) and restore it into a new database"
                    .into(),
            ));
        }
        manager
            .drop_index(
                Index::drop()
                    .name("uq_collaboration_external_id")
                    .table("collaboration")
                    .to_owned(),
            )
            .await?;
        for column in [
            "municipality_id",
            "agreement",
            "funding",
            "lessons",
            "translations",
            "external_id",
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("collaboration")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
