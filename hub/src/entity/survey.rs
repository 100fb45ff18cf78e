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
    /// The form's version, as its XLSForm settings give it.
    pub version: Option<String>,
    /// The form's groups in order, a JSON array of `{path, label}` (label by language).
    pub groups: Option<Json>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
