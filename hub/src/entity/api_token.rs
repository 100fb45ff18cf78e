//! An API token of an account: only its SHA-256 is stored.

use sea_orm::entity::prelude::*;

/// A row of `api_token`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account it acts for.
    pub account_id: i32,
    /// What the owner called it.
    pub label: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// When it was made.
    pub created_at: DateTimeUtc,
    /// After this it is refused.
    pub expires_at: Option<DateTimeUtc>,
    /// When it was revoked; refused from then on.
    pub revoked_at: Option<DateTimeUtc>,
    /// When it was last accepted.
    pub last_used_at: Option<DateTimeUtc>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The account it acts for: read with the token, in one statement.
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
