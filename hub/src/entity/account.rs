//! An account: a person who signs in, with a role (and, for editors, their regions).

use sea_orm::entity::prelude::*;

/// A row of `account`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Sign-in name, unique.
    pub name: String,
    /// `PARTNER`, `RESEARCHER`, `EDITOR` or `ADMIN`.
    pub role: String,
    /// JSON list of the region codes an editor may write.
    #[sea_orm(column_type = "Text")]
    pub regions: String,
    /// Argon2id hash in the PHC string format.
    #[sea_orm(column_type = "Text")]
    pub password_hash: String,
    /// A disabled account can neither sign in nor use its tokens.
    pub disabled: bool,
    /// When it was added.
    pub created_at: DateTimeUtc,
}

/// No relations are joined.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
