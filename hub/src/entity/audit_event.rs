//! One event of the append-only audit trail.

use sea_orm::entity::prelude::*;

/// A row of `audit_event`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    /// Position in the trail.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// When it happened.
    pub at: DateTimeUtc,
    /// The account that acted, if any.
    pub account_id: Option<i32>,
    /// Its name then (or the name tried, for a failed sign-in).
    pub account_name: Option<String>,
    /// The token it used, if any.
    pub token_id: Option<i32>,
    /// The role it acted with.
    pub role: String,
    /// What happened, e.g. `token.create`, `read.respondents`.
    pub action: String,
    /// The kind of object acted on.
    pub object_type: Option<String>,
    /// Its id.
    pub object_id: Option<String>,
    /// The HTTP request, if any.
    pub request_id: Option<String>,
    /// The client's address, or `cli` for a command.
    pub client: Option<String>,
    /// JSON details: a read's query hash and count, a write's before and after.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    /// The previous row's hash (64 zeros for the first row).
    pub prev_hash: String,
    /// SHA-256 of `prev_hash` and this row's content.
    pub hash: String,
}

/// No relations are joined.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
