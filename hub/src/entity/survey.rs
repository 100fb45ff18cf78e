//! A survey.

use sea_orm::entity::prelude::*;

/// A row of `survey`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `YC-2026`.
    #[sea_orm(unique)]
    pub code: String,
    /// Title by language, a JSON object.
    pub title: Json,
    /// Year fielded.
    pub year: i32,
    /// Languages the survey was fielded in, a JSON array.
    pub languages: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
