//! An interview of the qualitative study.

use sea_orm::entity::prelude::*;

/// A row of `interview`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "interview")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Identifier in the partner's coding file, used by imports.
    pub external_id: Option<String>,
    /// Area.
    pub region_id: i32,
    /// Day held.
    pub held_on: Date,
    /// Role of the person interviewed.
    pub interviewee_role: crate::domain::Role,
    /// Language of the interview, ISO 639-1.
    pub language: String,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
