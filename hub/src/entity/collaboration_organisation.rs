//! Which organisations took part in a collaboration.

use sea_orm::entity::prelude::*;

/// A row of `collaboration_organisation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "collaboration_organisation")]
pub struct Model {
    /// Collaboration.
    #[sea_orm(primary_key, auto_increment = false)]
    pub collaboration_id: i32,
    /// Organisation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
