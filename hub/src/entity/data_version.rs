//! The data version: a counter that every write bumps.

use sea_orm::entity::prelude::*;

/// A row of `data_version`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "data_version")]
pub struct Model {
    /// Always 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    /// The counter.
    pub version: i64,
    /// The counter of writes that may change the analytics' answer counts (a subset).
    pub answers_version: i64,
    /// The latest answers version at which the answers changed other than by new
    /// respondents: every later one only added respondents (`respondent.changed_in`).
    pub answers_base: i64,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
