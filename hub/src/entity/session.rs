//! A signed-in browser: only the SHA-256 of its cookie is stored.

use sea_orm::entity::prelude::*;

/// A row of `session`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// SHA-256 of the cookie's secret, hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The account signed in.
    pub account_id: i32,
    /// The token every form of this session carries.
    pub csrf: String,
    /// When it began.
    pub created_at: DateTimeUtc,
    /// After this the cookie is refused.
    pub expires_at: DateTimeUtc,
}

/// No relations are joined.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
