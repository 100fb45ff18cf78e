//! What an XLSForm says about a survey beyond its questions' texts: the form's version
//! and groups, each question's hint, whether it is required, the group it sits in and
//! the codebook sub-code it measures.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let added = [
            ("survey", string_null("version")),
            // The form's groups in order, a JSON array of `{path, label}`.
            ("survey", json_null("groups")),
            // Hint by language, a JSON object.
            ("question", json_null("hint")),
            ("question", boolean("required").default(false).to_owned()),
            // The group the question sits in, e.g. `cooperation` or `a/b`.
            ("question", string_null("group_path")),
        ];
        for (table, mut column) in added {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
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
                "ALTER TABLE question ADD COLUMN sub_code VARCHAR NULL \
                 REFERENCES sub_code (code) ON DELETE RESTRICT",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            return Err(DbErr::Migration(
                "the forms migration cannot be undone on SQLite; export the data \
                 (hub export data --format datapackage) and restore it into a new database"
                    .into(),
            ));
        }
        for (table, column) in [
            ("question", "sub_code"),
            ("question", "group_path"),
            ("question", "required"),
            ("question", "hint"),
            ("survey", "groups"),
            ("survey", "version"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
