//! Which themes a collaboration addresses.

use sea_orm::entity::prelude::*;

/// A row of `collaboration_theme`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "collaboration_theme")]
pub struct Model {
    /// Collaboration.
    #[sea_orm(primary_key, auto_increment = false)]
    pub collaboration_id: i32,
    /// Theme.
    #[sea_orm(primary_key, auto_increment = false)]
    pub theme_code: String,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
