//! A partner area: a region, a municipality or a whole country.

use sea_orm::entity::prelude::*;

/// A row of `region`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "region")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `LV-TALSI`.
    #[sea_orm(unique)]
    pub code: String,
    /// Name of the area.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
    /// Country name in English.
    pub country_name: String,
    /// Inhabitants.
    pub population: i64,
    /// Number of municipalities in the area.
    pub municipalities: i32,
    /// Languages spoken, as a JSON array of ISO 639-1 codes.
    pub languages: Json,
    /// Where the population figure comes from.
    pub population_source: Option<String>,
    /// The year of the population figure.
    pub population_year: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
