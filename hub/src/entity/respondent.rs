//! A pseudonymous survey respondent.

use sea_orm::entity::prelude::*;

/// A row of `respondent`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "respondent")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Survey answered.
    pub survey_id: i32,
    /// Pseudonymous id from the survey tool, unique within the survey.
    pub external_id: String,
    /// Area.
    pub region_id: i32,
    /// Role in which they answered.
    pub role: crate::domain::Role,
    /// Organisation represented, if any.
    pub organisation_id: Option<i32>,
    /// The municipality (or district) the respondent answers for, when known.
    pub municipality_id: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The area.
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
}

impl ActiveModelBehavior for ActiveModel {}
