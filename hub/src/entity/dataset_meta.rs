//! Facts about the dataset as a whole, e.g. whether it is synthetic.

use sea_orm::entity::prelude::*;

/// A row of `dataset_meta`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "dataset_meta")]
pub struct Model {
    /// Name of the fact.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Its value.
    #[sea_orm(column_type = "Text")]
    pub value: String,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
