//! An example of cooperation between a municipality and organisations.

use sea_orm::entity::prelude::*;

/// A row of `collaboration`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "collaboration")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Area.
    pub region_id: i32,
    /// Short title.
    pub title: String,
    /// What was done.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Municipality involved.
    pub municipality: String,
    /// First year.
    pub start_year: Option<i32>,
    /// Last year, if it has ended.
    pub end_year: Option<i32>,
    /// Outcomes, a JSON array of outcome codes.
    pub outcomes: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
