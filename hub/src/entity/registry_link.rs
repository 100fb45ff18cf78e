//! A private link with which a listed organisation keeps its entry current; only the
//! SHA-256 of its secret is stored.

use sea_orm::entity::prelude::*;

/// A row of `registry_link`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "registry_link")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The one organisation the link may see and change.
    pub organisation_id: i32,
    /// SHA-256 of the link's secret, hex.
    pub token_hash: String,
    /// The account that made it.
    pub created_by: Option<String>,
    /// When it was made.
    pub created_at: DateTimeUtc,
    /// After this the link is refused.
    pub expires_at: DateTimeUtc,
    /// When it was withdrawn, if it was.
    pub revoked_at: Option<DateTimeUtc>,
    /// When it was first opened.
    pub opened_at: Option<DateTimeUtc>,
    /// When the organisation last answered through it.
    pub answered_at: Option<DateTimeUtc>,
}

/// No relations are joined.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
