//! A municipality (or a district, where a partner works by district) of a partner area.

use sea_orm::entity::prelude::*;

/// A row of `municipality`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "municipality")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `SE-2080` (Falun's kommunkod).
    #[sea_orm(unique)]
    pub code: String,
    /// The partner area it belongs to.
    pub region_id: i32,
    /// Its name, as written locally.
    pub name: String,
    /// `MUNICIPALITY` or `DISTRICT`.
    pub kind: String,
    /// Inhabitants, when a source gives them.
    pub population: Option<i64>,
    /// Where the population figure comes from.
    pub population_source: Option<String>,
    /// The year of the population figure.
    pub population_year: Option<i32>,
    /// Languages spoken, as a JSON array of ISO 639-1 codes.
    pub languages: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
