//! Who may see what: accounts with a role (and, for editors, their regions), API tokens
//! stored as hashes, the append-only audit trail, and each finding's visibility.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Refuses every UPDATE and DELETE of `audit_event`, on both databases.
const SQLITE_APPEND_ONLY: [&str; 2] = [
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event \
     BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
];
const POSTGRES_APPEND_ONLY: [&str; 2] = [
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$ \
     BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event \
     FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("account")
                    .col(pk_auto("id"))
                    .col(string("name"))
                    // PARTNER, RESEARCHER, EDITOR or ADMIN (PUBLIC needs no account).
                    .col(string_len("role", 16))
                    // JSON list of region codes an editor may write.
                    .col(text("regions"))
                    // Argon2id, in the PHC string format.
                    .col(text("password_hash"))
                    .col(boolean("disabled"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("api_token")
                    .col(pk_auto("id"))
                    .col(integer("account_id"))
                    .col(string("label"))
                    // SHA-256 of the token, hex: the token itself is shown once, never stored.
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .foreign_key(&mut fk(
                        "api_token",
                        "account_id",
                        "account",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_event")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    // No foreign keys: the trail outlives what it names.
                    .col(integer_null("account_id"))
                    .col(string_null("account_name"))
                    .col(integer_null("token_id"))
                    .col(string_len("role", 16))
                    .col(string("action"))
                    .col(string_null("object_type"))
                    .col(string_null("object_id"))
                    .col(string_null("request_id"))
                    .col(string_null("client"))
                    .col(text("details"))
                    // SHA-256 (hex) of the previous row's hash and this row's content.
                    .col(string_len("prev_hash", 64))
                    .col(string_len("hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("finding")
                    .add_column(string_len("visibility", 16).default("PROJECT"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                unique("account", &["name"]),
                unique("api_token", &["token_hash"]),
                index("api_token", &["account_id"]),
                index("audit_event", &["at"]),
                index("audit_event", &["account_id"]),
                index("audit_event", &["action"]),
                index("finding", &["visibility"]),
            ],
        )
        .await?;
        let db = manager.get_connection();
        let triggers = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => POSTGRES_APPEND_ONLY,
            _ => SQLITE_APPEND_ONLY,
        };
        for statement in triggers {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_finding_visibility")
                    .table("finding")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("finding")
                    .drop_column("visibility")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["audit_event", "api_token", "account"]).await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_event_append_only()")
                .await?;
        }
        Ok(())
    }
}
