//! A sub-code of a theme, e.g. `OUTDATED_REGISTRY`.

use sea_orm::entity::prelude::*;

/// A row of `sub_code`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "sub_code")]
pub struct Model {
    /// Code, upper case.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// Theme it belongs to.
    pub theme_code: String,
    /// Order within the theme.
    pub position: i32,
    /// Name by language, a JSON object.
    pub name: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
