//! A theme of the codebook, e.g. `SHARED_UNDERSTANDING`.

use sea_orm::entity::prelude::*;

/// A row of `theme`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "theme")]
pub struct Model {
    /// Code, upper case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// Order in the codebook.
    pub position: i32,
    /// Name by language, a JSON object.
    pub name: Json,
    /// Description by language, a JSON object.
    pub description: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
